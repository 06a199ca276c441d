/** `spotcheck estimate`'s work: reads the returned frame and estimates every measure, overall and per domain. */
import { headerKey } from '../../core/columns.js';
import {
  type EstimationRow,
  estimateProportion,
  type IntervalRule,
  intervalRule,
  type ProportionEstimate,
} from '../../core/estimate.js';
import { canonicalColumn } from '../../core/headings.js';
import { unguardColumn } from '../../core/spreadsheetText.js';
import { type VarianceDesign, varianceUnits } from '../../core/varianceUnits.js';
import { compareCodePoints, normalizeName } from '../../core/text.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { streamRecords } from '../../io/registry.js';
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

/** The canonical columns of the certainty strata (varianceUnits): read when the frame has them. */
const PROBABILITY_COLUMN = 'county_probability';
const VILLAGE_COLUMN = 'village_key';

/**
 * frameColumns finds the columns estimate reads (strata, clusters, weights, the measures, --by,
 * then the county probability and the village) in the frame's header, in that order; a column
 * missing is refused, all of them named, except the probability and village columns when not named
 * by an option (−1: absent, and certainty counties cannot be their own strata).
 */
function frameColumns(header: readonly string[], options: EstimateOptions, path: string): number[] {
  // A column is found by its name as written; failing that, as one of spotcheck's columns in the
  // other language (a frame drawn in Chinese heads county_stratum, weight … 县所在层, 设计权重 …).
  const keys = header.map(headerKey);
  const canonicalKeys = header.map((cell) => headerKey(canonicalColumn(cell)));
  const columnOf = (name: string) => {
    const exact = keys.indexOf(headerKey(name));
    return exact >= 0 ? exact : canonicalKeys.indexOf(headerKey(canonicalColumn(name)));
  };
  const needed = [
    options.strata,
    options.clusters,
    options.weights,
    ...options.measures.map((measure) => measure.column),
    ...(options.by ? [options.by] : []),
  ];
  const optional = [
    [options.probability, PROBABILITY_COLUMN],
    [options.village, VILLAGE_COLUMN],
  ] as const;
  if (options.certaintyStrata === 'on') for (const [given] of optional) if (given !== null) needed.push(given);
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
  const found = needed.map(columnOf).slice(0, 3 + options.measures.length + (options.by ? 1 : 0));
  const use = options.certaintyStrata === 'on';
  return [...found, ...optional.map(([given, canonical]) => (use ? columnOf(given ?? canonical) : -1))];
}

/** The wanted columns of a frame's rows (frameColumns' order), each row's cells unguarded and normalised, with its line. */
interface FrameCells {
  readonly cells: string[][];
  readonly lines: number[];
  /** Per wanted column: not in the frame (an optional column: the certainty design's probability and village). */
  readonly absent: boolean[];
}

/**
 * frameReader takes a frame's header and records as they are read (streamRecords' handlers) and
 * keeps the wanted columns (frameColumns' order) with each row's line; a weight that is not a
 * positive number is refused. `cells()` gives them back unguarded and normalised. Pure: the file
 * is read by estimateFrame, and bench/coverage.mjs feeds it frames made in memory.
 */
export function frameReader(
  options: EstimateOptions,
  path: string,
): {
  onHeader(header: string[]): void;
  onRecord(record: string[], index: number, line: number): void;
  cells(): FrameCells;
} {
  const cells: string[][] = [];
  const lines: number[] = [];
  const wanted: number[] = [];
  return {
    onHeader(header) {
      wanted.push(...frameColumns(header, options, path));
    },
    onRecord(record, _index, line) {
      const row = wanted.map((column) => (column < 0 ? '' : (record[column] ?? '')));
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
    cells() {
      // A frame written for Excel (--excel) and returned keeps the formula guard's apostrophes (§20):
      // each column is read back without them, unless it holds a cell that starts a formula (not guarded).
      wanted.forEach((_, at) => {
        const column = unguardColumn(cells.map((row) => row[at]!));
        column.forEach((value, index) => {
          cells[index]![at] = normalizeName(value);
        });
      });
      return { cells, lines, absent: wanted.map((column) => column < 0) };
    },
  };
}

/**
 * The variance design of the frame (varianceUnits): certainty counties as their own strata, with
 * their villages as PSUs, when --certainty-strata is on and the frame has the probability and
 * village columns (cells `at` and `at + 1`); a probability that is not a number in (0, 1] is refused.
 */
function frameDesign(
  cells: readonly string[][],
  lines: readonly number[],
  at: number,
  absent: readonly boolean[],
  path: string,
): VarianceDesign & { available: boolean } {
  const available = !absent[at] && !absent[at + 1];
  const rows = cells.map((row, index) => {
    let countyProbability: number | null = null;
    if (available) {
      countyProbability = Number(row[at]);
      if (row[at] === '' || !(countyProbability > 0 && countyProbability <= 1))
        throw new SpotcheckError('DATA', msg('cmd.estimate.probabilityInvalid', { got: row[at]! }), {
          file: path,
          line: lines[index]!,
        });
    }
    return { stratum: row[0]!, cluster: row[1]!, countyProbability, village: available ? row[at + 1]! : null };
  });
  return { ...varianceUnits(rows, available), available };
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

/** What `estimate` finds in a frame: its size, how the intervals are made, and every measure's estimates. */
interface FrameEstimates {
  rows: number;
  strata: number;
  clusters: number;
  /** The variance design used: its strata, PSUs, df and certainty counties; available: the frame has the columns. */
  variance: VarianceDesign & { available: boolean };
  /** How the intervals are made: the variance design's degrees of freedom (PSUs less strata) and the SE's multiplier. */
  interval: IntervalRule;
  results: MeasureResult[];
}

/** Reads the frame and estimates every measure, overall and per domain. */
export async function estimateFrame(path: string, options: EstimateOptions): Promise<FrameEstimates> {
  const reader = frameReader(options, path);
  await streamRecords(path, options.encoding, reader);
  return estimateCells(reader.cells(), options, path);
}

/**
 * Every measure's estimates, overall and per domain, from the frame's cells (frameReader): the
 * rows the estimator is given are built here only, for `spotcheck estimate` and for the coverage
 * simulation (bench/coverage.mjs) alike.
 */
export function estimateCells(
  { cells, lines, absent }: FrameCells,
  options: EstimateOptions,
  path: string,
): FrameEstimates {
  const { measures } = options;
  const domainAt = 3 + measures.length;
  const domains = options.by === null ? [] : [...new Set(cells.map((row) => row[domainAt]!))].sort(compareCodePoints);
  const counties = new Set(cells.map((row) => `${row[0]}\u001f${row[1]}`)).size;
  const variance = frameDesign(cells, lines, domainAt + (options.by === null ? 0 : 1), absent, path);
  const interval = intervalRule(options.interval, variance.df);
  const results = measures.map((measure, index) => {
    checkAnswers(measure, 3 + index, cells, lines, path);
    const rows: EstimationRow[] = cells.map((row, at) => {
      const answer = row[3 + index]!;
      return {
        ...variance.units[at]!,
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
        estimateProportion(rows, null, options.lonelyPsu, interval),
        ...domains.map((domain) => estimateProportion(rows, domain, options.lonelyPsu, interval)),
      ],
    };
  });
  return {
    rows: cells.length,
    strata: new Set(cells.map((row) => row[0]!)).size,
    clusters: counties,
    variance,
    interval,
    results,
  };
}
