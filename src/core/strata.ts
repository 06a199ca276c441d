/**
 * County strata for the evaluation: by prefecture, by poverty county (贫困县 / 非贫困县, from the
 * division table or from a county list), or by any county attribute (a column of a county table or
 * of the registry).
 */
import { SpotcheckError } from '../errors.js';
import { msg } from '../messages/render.js';
import type { Frame, FrameCounty } from './frame.js';
import { closestNames, normalizeName } from './text.js';
import { holdsPersonalText } from './personalText.js';

export type StrataRule = 'prefecture' | 'poverty-county' | { readonly column: string };

const POVERTY_COUNTY = '贫困县';
const NON_POVERTY_COUNTY = '非贫困县';

/** A county table given with --county-attributes: header and rows, keyed by county code or name. */
export interface CountyAttributeTable {
  readonly source: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

export function parseStrataRule(text: string): StrataRule {
  const value = normalizeName(text);
  if (value === '') throw new SpotcheckError('USAGE', msg('core.strata.empty'));
  if (value === 'prefecture' || value === '州市') return 'prefecture';
  if (value === 'poverty-county' || value === '贫困县') return 'poverty-county';
  return { column: value };
}

export const strataRuleName = (rule: StrataRule): string => (typeof rule === 'string' ? rule : `column:${rule.column}`);

const CODE_HEADERS = ['county_code', '县代码', '县区代码'];
const NAME_HEADERS = ['county', '行政县', '县', '县区', '县(市、区)'];

/** County → row of the attribute table, matched by code column or else by name column. */
export function attributeRows(
  table: CountyAttributeTable,
  counties: readonly FrameCounty[],
): Map<string, readonly string[]> {
  const header = table.header.map((name) => normalizeName(name).toLowerCase());
  const codeColumn = header.findIndex((name) => CODE_HEADERS.includes(name));
  const nameColumn = header.findIndex((name) => NAME_HEADERS.includes(name));
  if (codeColumn < 0 && nameColumn < 0) {
    throw new SpotcheckError('INPUT', msg('core.strata.countyTableColumns', { found: table.header.join(', ') }), {
      file: table.source,
    });
  }
  const rows = new Map<string, readonly string[]>();
  for (const row of table.rows) {
    const code = codeColumn >= 0 ? normalizeName(row[codeColumn] ?? '') : '';
    const name = nameColumn >= 0 ? normalizeName(row[nameColumn] ?? '') : '';
    const county = counties.find(
      (candidate) => (code !== '' && candidate.code === code) || (code === '' && candidate.name === name),
    );
    if (county && rows.has(county.key)) {
      throw new SpotcheckError('INPUT', msg('core.strata.countyTwice', { county: county.name, code: county.code }), {
        file: table.source,
        hint: msg('core.strata.countyTwiceHint'),
      });
    }
    if (county) rows.set(county.key, row);
  }
  return rows;
}

/**
 * County key → stratum label for every county of the frame. A label that holds a resident ID or
 * mobile number is refused: labels are printed in every output and never masked (§17).
 */
export function countyStrata(
  frame: Frame,
  rule: StrataRule,
  attributes: CountyAttributeTable | null,
): Map<string, string> {
  const strata = strataOf(frame, rule, attributes);
  const personal = [...strata.values()].find(holdsPersonalText);
  if (personal !== undefined)
    throw new SpotcheckError(
      'INPUT',
      msg('core.strata.personal', { value: personal }),
      attributes ? { file: attributes.source } : {},
    );
  return strata;
}

function strataOf(frame: Frame, rule: StrataRule, attributes: CountyAttributeTable | null): Map<string, string> {
  const strata = new Map<string, string>();
  if (rule === 'prefecture') {
    for (const county of frame.counties) strata.set(county.key, county.prefecture);
    return strata;
  }
  if (rule === 'poverty-county') {
    if (attributes) {
      const listed = attributeRows(attributes, frame.counties);
      for (const county of frame.counties)
        strata.set(county.key, listed.has(county.key) ? POVERTY_COUNTY : NON_POVERTY_COUNTY);
      return strata;
    }
    for (const county of frame.counties) {
      if (county.povertyCounty === null) {
        throw new SpotcheckError('USAGE', msg('core.strata.noPovertyColumn'), {
          hint: msg('core.strata.noPovertyColumnHint'),
        });
      }
      strata.set(county.key, county.povertyCounty ? POVERTY_COUNTY : NON_POVERTY_COUNTY);
    }
    return strata;
  }
  const wanted = normalizeName(rule.column);
  if (attributes) {
    const column = attributes.header.findIndex((name) => normalizeName(name) === wanted);
    if (column >= 0) {
      const rows = attributeRows(attributes, frame.counties);
      const missing = frame.counties.filter(
        (county) => !rows.has(county.key) || normalizeName(rows.get(county.key)![column] ?? '') === '',
      );
      if (missing.length > 0) {
        throw new SpotcheckError(
          'INPUT',
          msg('core.strata.missingValues', {
            column: rule.column,
            counties: missing.length,
            n: missing.length,
            names: missing
              .slice(0, 5)
              .map((county) => county.name)
              .join(', '),
            more: missing.length > 5 ? ' …' : '',
          }),
          { file: attributes.source },
        );
      }
      for (const county of frame.counties) strata.set(county.key, normalizeName(rows.get(county.key)![column] ?? ''));
      return strata;
    }
  }
  if (frame.countyAttributes.size === 0) {
    const headers = attributes ? attributes.header : [];
    throw new SpotcheckError(
      'USAGE',
      attributes
        ? msg('core.strata.noSuchColumnInEither', { column: rule.column, file: attributes.source })
        : msg('core.strata.noSuchColumn', { column: rule.column }),
      {
        hint:
          headers.length > 0
            ? msg('core.strata.closest', { names: closestNames(rule.column, headers).join(', ') })
            : msg('core.strata.noSuchColumnHint'),
      },
    );
  }
  for (const county of frame.counties) {
    const value = frame.countyAttributes.get(county.key) ?? '';
    if (value === '')
      throw new SpotcheckError('DATA', msg('core.strata.countyNoValue', { county: county.name, column: rule.column }), {
        hint: msg('core.strata.countyNoValueHint'),
      });
    strata.set(county.key, value);
  }
  return strata;
}
