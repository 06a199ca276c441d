/** `spotcheck estimate`'s work: reads the returned frame and estimates every measure, overall and per domain. */
import { headerKey } from '../../core/columns.js';
import {
  designSize,
  type EstimationRow,
  estimateProportion,
  type IntervalRule,
  intervalRule,
  type ProportionEstimate,
} from '../../core/estimate.js';
import { canonicalColumn } from '../../core/headings.js';
import { unguardColumn } from '../../core/spreadsheetText.js';
import { compareCodePoints, normalizeName } from '../../core/text.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { streamRecords } from '../../io/registry.js';
import { type CalibratedFrame, type Calibration, calibrateWeights, calibrationColumnsOf } from './calibrate.js';
import type { EstimateOptions } from './spec.js';

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

interface MeasureResult {
  readonly measure: string;
  readonly column: string;
  readonly values: readonly string[];
  readonly no: readonly string[];
  readonly estimates: readonly ProportionEstimate[];
}

type Measure = EstimateOptions['measures'][number];

/**
 * A header's column finder: a column is found by its name as written; failing that, as one of
 * spotcheck's columns in the other language (a frame drawn in Chinese heads county_stratum, weight …
 * 县所在层, 设计权重 …). -1 when absent.
 */
function columnFinder(header: readonly string[]): (name: string) => number {
  const keys = header.map(headerKey);
  const canonicalKeys = header.map((cell) => headerKey(canonicalColumn(cell)));
  return (name: string) => {
    const exact = keys.indexOf(headerKey(name));
    return exact >= 0 ? exact : canonicalKeys.indexOf(headerKey(canonicalColumn(name)));
  };
}

/**
 * The columns read after the measures and --by: with --population or --rake the post-stratum or
 * margin columns, and with --weights-out household_id.
 */
const calibrationColumns = (options: EstimateOptions): string[] => {
  const columns = calibrationColumnsOf(options);
  return columns.length === 0 || options.weightsOut === null ? columns : [...columns, 'household_id'];
};

/**
 * frameColumns finds the columns estimate reads (strata, clusters, weights, the measures, --by,
 * calibrationColumns) in the frame's header, in that order; a column missing is refused, all of them named.
 */
function frameColumns(header: readonly string[], options: EstimateOptions, path: string): number[] {
  const columnOf = columnFinder(header);
  const needed = [
    options.strata,
    options.clusters,
    options.weights,
    ...options.measures.map((measure) => measure.column),
    ...(options.by ? [options.by] : []),
    ...calibrationColumns(options),
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
  return needed.map(columnOf);
}

/**
 * readFrame reads the frame's wanted columns (frameColumns' order) with each row's line; a weight
 * that is not a positive number is refused. Cells come back unguarded and normalised.
 */
async function readFrame(path: string, options: EstimateOptions): Promise<{ cells: string[][]; lines: number[] }> {
  const cells: string[][] = [];
  const lines: number[] = [];
  const wanted: number[] = [];
  await streamRecords(path, options.encoding, {
    onHeader(header) {
      wanted.push(...frameColumns(header, options, path));
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
  return { cells, lines };
}

/**
 * checkAnswers: every non-blank answer in the measure's column (cell `at`) is declared yes or no
 * (blanks are non-response), and every yes value occurs; refused otherwise.
 */
function checkAnswers(
  measure: Measure,
  at: number,
  cells: readonly string[][],
  lines: readonly number[],
  path: string,
) {
  const answers = new Map<string, number>();
  const unexpected = new Map<string, number>();
  let firstUnexpected = 0;
  for (const [rowIndex, row] of cells.entries()) {
    const answer = row[at]!;
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
}

/** Reads the frame and estimates every measure, overall and per domain. */
export async function estimateFrame(
  path: string,
  options: EstimateOptions,
): Promise<{
  rows: number;
  strata: number;
  clusters: number;
  /** How the intervals are made: the design's degrees of freedom (counties less strata) and the SE's multiplier. */
  interval: IntervalRule;
  results: MeasureResult[];
  /** With --population or --rake: the known counts and the calibration; else null. */
  calibration: Calibration | null;
}> {
  const { measures } = options;
  const { cells, lines } = await readFrame(path, options);
  const domainAt = 3 + measures.length;
  const calibrated = await calibrate(path, options, cells, lines);
  const designWeights = cells.map((row) => Number(row[2]));
  const domains = options.by === null ? [] : [...new Set(cells.map((row) => row[domainAt]!))].sort(compareCodePoints);
  const design = designSize(cells.map((row) => ({ stratum: row[0]!, cluster: row[1]! })));
  const interval = intervalRule(options.interval, design.df);
  const results = measures.map((measure, index) => {
    checkAnswers(measure, 3 + index, cells, lines, path);
    const rows: EstimationRow[] = cells.map((row, rowIndex) => {
      const answer = row[3 + index]!;
      return {
        stratum: row[0]!,
        cluster: row[1]!,
        weight: calibrated === null ? designWeights[rowIndex]! : calibrated.weights[rowIndex]!,
        value: answer === '' ? null : measure.values.includes(answer) ? 1 : 0,
        domain: options.by === null ? '' : row[domainAt]!,
        ...(calibrated === null ? {} : { calibration: calibrated.rows[rowIndex]! }),
      };
    });
    return {
      measure: measure.text,
      column: measure.column,
      values: measure.values,
      no: measure.no,
      estimates: [
        estimateProportion(rows, null, options.lonelyPsu, interval),
        ...domains.map((domain) => estimateProportion(rows, domain, options.lonelyPsu, interval)),
      ],
    };
  });
  await calibrated?.writeWeights();
  return {
    rows: cells.length,
    strata: design.strata,
    clusters: design.psus,
    interval,
    results,
    calibration: calibrated?.calibration ?? null,
  };
}

/** --population or --rake: the frame's weights calibrated to the known counts; null without them. */
function calibrate(
  path: string,
  options: EstimateOptions,
  cells: readonly string[][],
  lines: readonly number[],
): Promise<CalibratedFrame> | null {
  const columns = calibrationColumnsOf(options);
  if (columns.length === 0) return null;
  const at = 3 + options.measures.length + (options.by === null ? 0 : 1);
  return calibrateWeights(
    {
      path,
      cells: cells.map((row) => row.slice(at, at + columns.length)),
      lines,
      ids: cells.map((row) => row[at + columns.length] ?? ''),
    },
    cells.map((row) => Number(row[2])),
    options,
    columnFinder,
  );
}
