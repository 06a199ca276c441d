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
import { FIELDWORK_HEADINGS, type Fieldwork, type FieldworkRow, recordFieldwork } from '../../core/fieldwork.js';
import { canonicalColumn } from '../../core/headings.js';
import { unguardColumn } from '../../core/spreadsheetText.js';
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

/**
 * frameColumns finds the columns estimate reads (strata, clusters, weights, the measures, --by) in
 * the frame's header, in that order; a column missing is refused, all of them named. When the frame
 * has the outcome column (src/core/fieldwork.ts), the fieldwork columns follow: outcome, role,
 * spare_order, household_stratum_key, household_id, household_stratum, the weighting classes, and
 * replaces and replace_reason (−1 when absent: blank).
 */
function frameColumns(
  header: readonly string[],
  options: EstimateOptions,
  path: string,
): { columns: number[]; fieldwork: boolean } {
  // A column is found by its name as written; failing that, as one of spotcheck's columns in the
  // other language (a frame drawn in Chinese heads county_stratum, weight … 县所在层, 设计权重 …),
  // or as a fieldwork column in the other language (outcome … 调查结果 …).
  const keys = header.map(headerKey);
  const canonicalKeys = header.map((cell) => headerKey(canonicalColumn(cell)));
  const columnOf = (name: string) => {
    const exact = keys.indexOf(headerKey(name));
    if (exact >= 0) return exact;
    const other = otherFieldworkHeading(name);
    const inOther = other === null ? -1 : keys.indexOf(headerKey(other));
    return inOther >= 0 ? inOther : canonicalKeys.indexOf(headerKey(canonicalColumn(name)));
  };
  const outcomeAt = columnOf(options.outcome.name);
  if (outcomeAt < 0 && options.outcome.given)
    throw new SpotcheckError(
      'INPUT',
      msg('cmd.estimate.fieldwork.outcomeMissing', { column: options.outcome.name, headers: header.join(', ') }),
      { file: path, line: 1 },
    );
  if (outcomeAt < 0 && options.nonresponseClasses.given)
    throw new SpotcheckError(
      'USAGE',
      msg('cmd.estimate.fieldwork.classesWithoutOutcome', { column: options.outcome.name }),
      { file: path },
    );
  const needed = [
    options.strata,
    options.clusters,
    options.weights,
    ...options.measures.map((measure) => measure.column),
    ...(options.by ? [options.by] : []),
    ...(outcomeAt >= 0
      ? [
          options.outcome.name,
          'role',
          'spare_order',
          'household_stratum_key',
          'household_id',
          'household_stratum',
          options.nonresponseClasses.name,
        ]
      : []),
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
  const optional = outcomeAt >= 0 ? ['replaces', 'replace_reason'] : [];
  return { columns: [...needed, ...optional].map(columnOf), fieldwork: outcomeAt >= 0 };
}

/** A fieldwork column's heading in the other language (outcome ↔ 调查结果 …), or null. */
function otherFieldworkHeading(name: string): string | null {
  for (const [english, chinese] of Object.entries(FIELDWORK_HEADINGS)) {
    if (headerKey(name) === headerKey(english)) return chinese;
    if (headerKey(name) === headerKey(chinese)) return english;
  }
  return null;
}

/**
 * readFrame reads the frame's wanted columns (frameColumns' order) with each row's line; a weight
 * that is not a positive number is refused. Cells come back unguarded and normalised.
 */
async function readFrame(
  path: string,
  options: EstimateOptions,
): Promise<{ cells: string[][]; lines: number[]; fieldwork: boolean }> {
  const cells: string[][] = [];
  const lines: number[] = [];
  const wanted: number[] = [];
  let fieldwork = false;
  await streamRecords(path, options.encoding, {
    onHeader(header) {
      const found = frameColumns(header, options, path);
      wanted.push(...found.columns);
      fieldwork = found.fieldwork;
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
  return { cells, lines, fieldwork };
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

/** What the fieldwork columns say (src/core/fieldwork.ts), with the columns read; null without an outcome column. */
type FieldworkReport = Omit<Fieldwork, 'places'> & {
  readonly outcomeColumn: string;
  readonly classesColumn: string;
};

/**
 * The rows the estimator takes: the frame's rows as they are (no outcome column: blank answers are
 * non-response), or the places of the sample with their adjusted weights (recordFieldwork).
 */
function estimationRows(
  cells: readonly string[][],
  lines: readonly number[],
  options: EstimateOptions,
  fieldworkAt: number | null,
  path: string,
): { rows: { cells: readonly string[]; weight: number; responded: boolean }[]; fieldwork: FieldworkReport | null } {
  if (fieldworkAt === null)
    return { rows: cells.map((row) => ({ cells: row, weight: Number(row[2]), responded: true })), fieldwork: null };
  const domainAt = 3 + options.measures.length;
  const measures = options.measures.map((_, index) => 3 + index);
  const at = (offset: number) => fieldworkAt + offset;
  const fieldworkRows: FieldworkRow[] = cells.map((row, index) => ({
    line: lines[index]!,
    outcome: row[at(0)]!,
    role: row[at(1)]!,
    spareOrder: row[at(2)]!,
    stratumKey: row[at(3)]!,
    householdId: row[at(4)]!,
    status: row[at(5)]!,
    weightingClass: row[at(6)]!,
    replaces: row[at(7)]!,
    reason: row[at(8)]!,
    county: `${row[0]!}\u001f${row[1]!}`,
    weight: Number(row[2]),
    domain: options.by === null ? '' : row[domainAt]!,
    answered: measures.some((measure) => row[measure] !== ''),
  }));
  const { places, ...report } = recordFieldwork(fieldworkRows, path, options.outcome.name);
  return {
    rows: places.map((place) => ({ cells: cells[place.row]!, weight: place.weight, responded: place.responded })),
    fieldwork: { ...report, outcomeColumn: options.outcome.name, classesColumn: options.nonresponseClasses.name },
  };
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
  fieldwork: FieldworkReport | null;
}> {
  const { measures } = options;
  const { cells, lines, fieldwork: hasOutcome } = await readFrame(path, options);
  const domainAt = 3 + measures.length;
  const fieldworkAt = hasOutcome ? domainAt + (options.by === null ? 0 : 1) : null;
  const { rows: places, fieldwork } = estimationRows(cells, lines, options, fieldworkAt, path);
  const domains =
    options.by === null ? [] : [...new Set(places.map((place) => place.cells[domainAt]!))].sort(compareCodePoints);
  const design = designSize(places.map((place) => ({ stratum: place.cells[0]!, cluster: place.cells[1]! })));
  const interval = intervalRule(options.interval, design.df);
  const results = measures.map((measure, index) => {
    checkAnswers(measure, 3 + index, cells, lines, path);
    const rows: EstimationRow[] = places.map((place) => {
      const answer = place.cells[3 + index]!;
      return {
        stratum: place.cells[0]!,
        cluster: place.cells[1]!,
        weight: place.weight,
        value: !place.responded || answer === '' ? null : measure.values.includes(answer) ? 1 : 0,
        domain: options.by === null ? '' : place.cells[domainAt]!,
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
    rows: places.length,
    strata: design.strata,
    clusters: design.psus,
    interval,
    results,
    fieldwork,
  };
}
