/** `spotcheck estimate`: weighted proportions with design-based standard errors from a returned frame. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import {
  DEFAULT_NO,
  estimateProportion,
  Z_975,
  type EstimationRow,
  type LonelyPsu,
  type ProportionEstimate,
} from '../../core/estimate.js';
import { headerKey } from '../../core/columns.js';
import { canonicalColumn } from '../../core/headings.js';
import { compareCodePoints, normalizeName } from '../../core/text.js';
import { parseEncodingChoice, streamRecords } from '../../io/registry.js';
import { unguardColumn } from '../../core/spreadsheetText.js';
import { singleOption } from '../_shared/parse.js';
import { padDisplay, styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';

interface Measure {
  readonly text: string;
  readonly column: string;
  /** The answers counted as yes (y = 1). */
  readonly values: readonly string[];
  /** The answers counted as no (y = 0); any other non-blank answer is refused. */
  readonly no: readonly string[];
}

const splitValues = (text: string) =>
  text
    .split('|')
    .map(normalizeName)
    .filter((value) => value !== '');

function parseMeasure(text: string): Omit<Measure, 'no'> {
  const equals = text.indexOf('=');
  const column = equals > 0 ? normalizeName(text.slice(0, equals)) : '';
  const values = equals > 0 ? splitValues(text.slice(equals + 1)) : [];
  if (column === '' || values.length === 0) {
    throw new SpotcheckError('USAGE', msg('cmd.estimate.measureInvalid', { got: text }));
  }
  return { text, column, values };
}

/**
 * The no answers of each measure: `--no COLUMN=V|V` for its column, else `--no V|V` (every measure),
 * else the opposite of each of its yes values (DEFAULT_NO); a yes value with no known opposite
 * and no --no is refused, and so is a value declared both yes and no.
 */
function declareNo(measures: readonly Omit<Measure, 'no'>[], noOptions: readonly string[]): Measure[] {
  const byColumn = new Map<string, string[]>();
  let everyMeasure: string[] | null = null;
  for (const text of noOptions) {
    const equals = text.indexOf('=');
    const column = equals > 0 ? normalizeName(text.slice(0, equals)) : null;
    const values = splitValues(equals > 0 ? text.slice(equals + 1) : text);
    if (values.length === 0 || equals === 0)
      throw new SpotcheckError('USAGE', msg('cmd.estimate.noInvalid', { got: text }));
    if (column === null) everyMeasure = [...(everyMeasure ?? []), ...values];
    else {
      if (!measures.some((measure) => measure.column === column))
        throw new SpotcheckError('USAGE', msg('cmd.estimate.noUnknownColumn', { got: text, column }));
      byColumn.set(column, [...(byColumn.get(column) ?? []), ...values]);
    }
  }
  return measures.map((measure) => {
    let no = byColumn.get(measure.column) ?? everyMeasure;
    if (no === null) {
      const opposites = measure.values.map((value) => DEFAULT_NO.get(value));
      if (opposites.some((value) => value === undefined)) {
        throw new SpotcheckError(
          'USAGE',
          msg('cmd.estimate.noDefault', {
            measure: measure.text,
            values: measure.values.filter((value) => !DEFAULT_NO.has(value)).join(', '),
            column: measure.column,
          }),
        );
      }
      no = [...new Set(opposites as string[])];
    }
    const both = no.find((value) => measure.values.includes(value));
    if (both !== undefined)
      throw new SpotcheckError('USAGE', msg('cmd.estimate.yesAndNo', { measure: measure.text, value: both }));
    return { ...measure, no: [...new Set(no)] };
  });
}

/** A value as an error message quotes it: at most 24 characters. */
const quoted = (value: string) => `"${[...value].length > 24 ? `${[...value].slice(0, 24).join('')}…` : value}"`;

/** Answers with their counts, most frequent first (then code point order), at most 10. */
function listAnswers(counts: ReadonlyMap<string, number>): string {
  const sorted = [...counts].sort(([a, m], [b, n]) => n - m || compareCodePoints(a, b));
  if (sorted.length === 0) return t('cmd.estimate.noAnswers');
  const shown = sorted.slice(0, 10).map(([value, count]) => `${quoted(value)} (${count})`);
  if (sorted.length > 10) shown.push(t('cmd.estimate.moreAnswers', { n: sorted.length - 10 }));
  return shown.join(', ');
}

const BY_ALIASES: Readonly<Record<string, string>> = { status: 'household_stratum', stratum: 'county_stratum' };

interface MeasureResult {
  readonly measure: string;
  readonly column: string;
  readonly values: readonly string[];
  readonly no: readonly string[];
  readonly estimates: readonly ProportionEstimate[];
}

/** Reads the frame and estimates every measure, overall and per domain. */
async function estimateFrame(
  path: string,
  measures: readonly Measure[],
  options: {
    by: string | null;
    lonelyPsu: LonelyPsu;
    strata: string;
    clusters: string;
    weights: string;
    encoding: string;
  },
): Promise<{ rows: number; strata: number; clusters: number; results: MeasureResult[] }> {
  let columnOf: (name: string) => number = () => -1;
  const cells: string[][] = [];
  const lines: number[] = [];
  const wanted: number[] = [];
  await streamRecords(path, parseEncodingChoice(options.encoding), {
    onHeader(header) {
      // A column is found by its name as written; failing that, as one of spotcheck's columns in the
      // other language (a frame drawn in Chinese heads county_stratum, weight … 县所在层, 设计权重 …).
      const keys = header.map(headerKey);
      const canonicalKeys = header.map((cell) => headerKey(canonicalColumn(cell)));
      columnOf = (name) => {
        const exact = keys.indexOf(headerKey(name));
        return exact >= 0 ? exact : canonicalKeys.indexOf(headerKey(canonicalColumn(name)));
      };
      const needed = [
        options.strata,
        options.clusters,
        options.weights,
        ...measures.map((measure) => measure.column),
        ...(options.by ? [options.by] : []),
      ];
      const missing = needed.filter((name) => columnOf(name) < 0);
      if (missing.length > 0) {
        throw new SpotcheckError(
          'INPUT',
          msg('cmd.estimate.missingColumns', {
            n: missing.length,
            columns: missing.map((name) => `"${name}"`).join(', '),
            headers: header.join(', '),
          }),
          {
            file: path,
            line: 1,
            hint: msg('cmd.estimate.missingColumnsHint'),
          },
        );
      }
      wanted.push(...needed.map(columnOf));
    },
    onRecord(record, _index, line) {
      const row = wanted.map((column) => record[column] ?? '');
      const weightText = normalizeName(row[2]!);
      const weight = Number(weightText);
      if (weightText === '' || !Number.isFinite(weight) || weight <= 0) {
        throw new SpotcheckError('DATA', msg('cmd.estimate.weightInvalid', { got: weightText }), {
          file: path,
          line,
          field: options.weights,
        });
      }
      cells.push(row);
      lines.push(line);
    },
  });
  // A frame written for Excel (--excel) and returned keeps the formula guard's apostrophes (§20):
  // each column is read back without them, unless it holds a cell that starts a formula (not guarded).
  wanted.forEach((_, at) => {
    const column = unguardColumn(cells.map((row) => row[at]!));
    column.forEach((value, index) => {
      cells[index]![at] = normalizeName(value);
    });
  });
  const domainAt = 3 + measures.length;
  const domains = options.by === null ? [] : [...new Set(cells.map((row) => row[domainAt]!))].sort(compareCodePoints);
  const results = measures.map((measure, index) => {
    // Every non-blank answer must be declared yes or no; blanks are non-response.
    const answers = new Map<string, number>();
    const unexpected = new Map<string, number>();
    let firstUnexpected = 0;
    for (const [rowIndex, row] of cells.entries()) {
      const answer = row[3 + index]!;
      if (answer === '') continue;
      answers.set(answer, (answers.get(answer) ?? 0) + 1);
      if (!measure.values.includes(answer) && !measure.no.includes(answer)) {
        if (unexpected.size === 0) firstUnexpected = lines[rowIndex]!;
        unexpected.set(answer, (unexpected.get(answer) ?? 0) + 1);
      }
    }
    if (unexpected.size > 0) {
      const n = [...unexpected.values()].reduce((sum, count) => sum + count, 0);
      throw new SpotcheckError(
        'DATA',
        msg('cmd.estimate.unexpectedAnswers', {
          column: measure.column,
          n,
          yes: measure.values.join(', '),
          no: measure.no.join(', '),
          values: listAnswers(unexpected),
        }),
        {
          file: path,
          line: firstUnexpected,
          hint: msg('cmd.estimate.unexpectedAnswersHint', { column: measure.column }),
        },
      );
    }
    const absent = measure.values.find((value) => !answers.has(value));
    if (absent !== undefined) {
      throw new SpotcheckError(
        'DATA',
        msg('cmd.estimate.valueNeverOccurs', {
          measure: measure.text,
          column: measure.column,
          value: absent,
          values: listAnswers(answers),
        }),
        { file: path },
      );
    }
    const rows: EstimationRow[] = cells.map((row) => {
      const answer = row[3 + index]!;
      return {
        stratum: row[0]!,
        cluster: row[1]!,
        weight: Number(row[2]),
        value: answer === '' ? null : measure.values.includes(answer) ? 1 : 0,
        domain: options.by === null ? '' : row[domainAt]!,
      };
    });
    return {
      measure: measure.text,
      column: measure.column,
      values: measure.values,
      no: measure.no,
      estimates: [
        estimateProportion(rows, null, options.lonelyPsu),
        ...domains.map((domain) => estimateProportion(rows, domain, options.lonelyPsu)),
      ],
    };
  });
  return {
    rows: cells.length,
    strata: new Set(cells.map((row) => row[0])).size,
    clusters: new Set(cells.map((row) => `${row[0]}\u001f${row[1]}`)).size,
    results,
  };
}

const format = (value: number | null, digits = 4) => (value === null ? '—' : value.toFixed(digits));

export function estimateCommand(): Command {
  return new Command('estimate')
    .summary(t('help.estimate.summary'))
    .description(t('help.estimate.description'))
    .argument('<frame>', t('help.estimate.frame'))
    .addOption(
      new Option('--measure <column=value>', t('help.estimate.measure')).argParser(
        (value: string, previous: string[] = []) => [...previous, value],
      ),
    )
    .addOption(
      new Option('--no <[column=]value>', t('help.estimate.no')).argParser((value: string, previous: string[] = []) => [
        ...previous,
        value,
      ]),
    )
    .addOption(singleOption('--by <column>', t('help.estimate.by')))
    .addOption(singleOption('--lonely-psu <rule>', t('help.estimate.lonelyPsu'), '"adjust"'))
    .addOption(singleOption('--strata-column <name>', t('help.estimate.strataColumn'), '"county_stratum"'))
    .addOption(singleOption('--cluster-column <name>', t('help.estimate.clusterColumn'), '"county_code"'))
    .addOption(singleOption('--weight-column <name>', t('help.estimate.weightColumn'), '"weight"'))
    .addOption(singleOption('--encoding <name>', t('help.estimate.encoding'), '"auto"'))
    .addOption(new Option('--json', t('help.estimate.json')))
    .addHelpText('after', t('help.estimate.after'))
    .action(
      async (
        path: string,
        raw: {
          measure?: string[];
          no?: string[];
          by?: string;
          lonelyPsu?: string;
          strataColumn?: string;
          clusterColumn?: string;
          weightColumn?: string;
          encoding?: string;
          json?: boolean;
        },
      ) => {
        if (!raw.measure || raw.measure.length === 0)
          throw new SpotcheckError('USAGE', msg('cmd.estimate.measureRequired'));
        const lonelyPsu = raw.lonelyPsu ?? 'adjust';
        if (lonelyPsu !== 'adjust' && lonelyPsu !== 'certainty')
          throw new SpotcheckError('USAGE', msg('cmd.estimate.lonelyPsuInvalid', { got: lonelyPsu }));
        const options = Object.freeze({
          by: raw.by === undefined ? null : (BY_ALIASES[raw.by] ?? raw.by),
          lonelyPsu: lonelyPsu as LonelyPsu,
          strata: raw.strataColumn ?? 'county_stratum',
          clusters: raw.clusterColumn ?? 'county_code',
          weights: raw.weightColumn ?? 'weight',
          encoding: raw.encoding ?? 'auto',
        });
        const measures = declareNo(raw.measure.map(parseMeasure), raw.no ?? []);
        const result = await estimateFrame(path, measures, options);
        if (raw.json) {
          await writeStdout(
            json({
              frame: path,
              design: {
                strata: options.strata,
                clusters: options.clusters,
                weights: options.weights,
                variance: 'Taylor linearisation, with-replacement approximation at the county stage',
                lonely_psu: options.lonelyPsu,
                confidence: 0.95,
                z: Z_975,
              },
              rows: result.rows,
              strata: result.strata,
              clusters: result.clusters,
              measures: result.results.map((entry) => ({
                measure: entry.measure,
                column: entry.column,
                values: entry.values,
                no_values: entry.no,
                estimates: entry.estimates.map((estimate) => ({
                  domain: estimate.domain,
                  estimate: estimate.estimate,
                  standard_error: estimate.standardError,
                  ci_lower: estimate.lower,
                  ci_upper: estimate.upper,
                  respondents: estimate.respondents,
                  non_response: estimate.nonResponse,
                  weighted_respondents: estimate.weightedRespondents,
                })),
              })),
            }),
          );
          return;
        }
        const style = styleFor(process.stdout);
        const lines = [
          style.dim(
            t('cmd.estimate.design', {
              rows: result.rows,
              clusters: result.clusters,
              strata: result.strata,
              rule: options.lonelyPsu,
            }),
          ),
        ];
        for (const entry of result.results) {
          lines.push('', style.bold(`${entry.column} = ${entry.values.join(t('io.list.or'))}`));
          lines.push(t('cmd.estimate.tableHeader'));
          for (const [index, estimate] of entry.estimates.entries()) {
            lines.push(
              `  ${padDisplay(index === 0 ? t('cmd.estimate.overall') : estimate.domain, 14)} ${format(estimate.estimate).padStart(8)}  ${format(estimate.standardError).padStart(6)}   [${format(estimate.lower, 3)}, ${format(estimate.upper, 3)}]  ${String(estimate.respondents).padStart(11)}  ${String(estimate.nonResponse).padStart(11)}`,
            );
          }
        }
        await writeStdout(`${lines.join('\n')}\n`);
      },
    );
}
