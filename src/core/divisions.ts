/**
 * The division table: prefecture-level and county-level units with their codes, used to fill in
 * what county-level exports leave out (prefecture, codes) by county name. Pure: it takes the table's
 * records; src/io/divisions.ts reads the bundled Yunnan table or a --divisions file.
 */
import { SpotcheckError } from '../errors.js';
import { msg } from '../messages/render.js';
import { closestNames, normalizeName } from './text.js';
import { holdsPersonalText } from './personalText.js';

export interface DivisionCounty {
  readonly code: string;
  readonly name: string;
  readonly prefectureCode: string;
  readonly prefecture: string;
  /** 是 / 否 in the table; null when the table has no such column. */
  readonly povertyCounty: boolean | null;
}

export interface DivisionTable {
  /** Where the table came from: "bundled:yunnan-counties" or a file name. */
  readonly source: string;
  readonly counties: readonly DivisionCounty[];
  readonly byCode: ReadonlyMap<string, DivisionCounty>;
  readonly byName: ReadonlyMap<string, readonly DivisionCounty[]>;
}

const REQUIRED = ['prefecture_code', 'prefecture', 'county_code', 'county'] as const;

/** Builds a table from CSV records whose first record is the header. */
export function buildDivisionTable(records: readonly (readonly string[])[], source: string): DivisionTable {
  const header = (records[0] ?? []).map((cell) => normalizeName(cell).toLowerCase());
  const missing = REQUIRED.filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new SpotcheckError(
      'INPUT',
      msg('core.divisions.missingColumns', {
        required: REQUIRED.join(', '),
        missing: missing.join(', '),
        found: header.join(', ') || msg('core.divisions.noHeader'),
      }),
      { file: source },
    );
  }
  const at = (name: string) => header.indexOf(name);
  const povertyColumn = at('poverty_county');
  const counties: DivisionCounty[] = [];
  const byCode = new Map<string, DivisionCounty>();
  const byName = new Map<string, DivisionCounty[]>();
  records.slice(1).forEach((record, index) => {
    const cell = (column: number) => normalizeName(record[column] ?? '');
    const county: DivisionCounty = {
      code: cell(at('county_code')),
      name: cell(at('county')),
      prefectureCode: cell(at('prefecture_code')),
      prefecture: cell(at('prefecture')),
      povertyCounty: povertyColumn < 0 ? null : cell(povertyColumn) === '是' || cell(povertyColumn) === '1',
    };
    const personal = [county.code, county.name, county.prefectureCode, county.prefecture].find(holdsPersonalText);
    if (personal !== undefined)
      throw new SpotcheckError('INPUT', msg('core.divisions.personal', { value: personal }), {
        file: source,
        line: index + 2,
      });
    if (!county.code || !county.name) {
      throw new SpotcheckError('INPUT', msg('core.divisions.emptyCounty'), {
        file: source,
        line: index + 2,
      });
    }
    if (byCode.has(county.code)) {
      throw new SpotcheckError('INPUT', msg('core.divisions.duplicateCode', { code: county.code }), {
        file: source,
        line: index + 2,
      });
    }
    counties.push(county);
    byCode.set(county.code, county);
    byName.set(county.name, [...(byName.get(county.name) ?? []), county]);
  });
  return { source, counties, byCode, byName };
}

/**
 * Finds a county by code (when given; the name, if given too, must agree) or else by name,
 * disambiguated by prefecture name when the name recurs. Throws a DATA error, suggesting the
 * closest names, when nothing matches.
 */
export function lookupCounty(
  table: DivisionTable,
  name: string,
  code: string | null,
  prefecture: string | null,
): DivisionCounty {
  if (code) {
    const byCode = table.byCode.get(code);
    if (!byCode) {
      throw new SpotcheckError(
        'DATA',
        name
          ? msg('core.divisions.codeNotFoundNamed', { code, name, table: table.source })
          : msg('core.divisions.codeNotFound', { code, table: table.source }),
        {
          hint: msg('core.divisions.codeNotFoundHint'),
        },
      );
    }
    if (name && byCode.name !== name) {
      throw new SpotcheckError(
        'DATA',
        msg('core.divisions.codeNameMismatch', { code, tableName: byCode.name, table: table.source, name }),
        {
          hint: msg('core.divisions.codeNameMismatchHint'),
        },
      );
    }
    return byCode;
  }
  const candidates = table.byName.get(name) ?? [];
  const matching = prefecture ? candidates.filter((county) => county.prefecture === prefecture) : candidates;
  if (matching.length === 1) return matching[0]!;
  if (matching.length > 1) {
    throw new SpotcheckError(
      'DATA',
      msg('core.divisions.ambiguousName', {
        name,
        matches: matching.map((c) => `${c.prefecture} ${c.code}`).join(', '),
      }),
      { hint: msg('core.divisions.ambiguousNameHint') },
    );
  }
  const suggestions = closestNames(
    name,
    table.counties.map((county) => county.name),
  );
  throw new SpotcheckError(
    'DATA',
    code
      ? msg('core.divisions.nameNotFoundCoded', { name, code, table: table.source })
      : msg('core.divisions.nameNotFound', { name, table: table.source }),
    { hint: msg('core.divisions.nameNotFoundHint', { names: suggestions.join(', ') }) },
  );
}
