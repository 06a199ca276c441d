/** `spotcheck estimate`'s work: reads the returned frame and estimates every measure, overall and per domain. */
import { headerKey } from '../../core/columns.js';
import {
  type EstimationRow,
  estimateProportion,
  type IntervalRule,
  intervalRule,
  type ProportionEstimate,
} from '../../core/estimate.js';
import {
  checkSampleComplete,
  FIELDWORK_HEADINGS,
  type Fieldwork,
  type FieldworkRow,
  recordFieldwork,
} from '../../core/fieldwork.js';
import { canonicalColumn } from '../../core/headings.js';
import { unguardColumn } from '../../core/spreadsheetText.js';
import { type VarianceDesign, varianceUnits } from '../../core/varianceUnits.js';
import { compareCodePoints, normalizeName } from '../../core/text.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { streamRecords } from '../../io/registry.js';
import {
  type CalibratedFrame,
  type Calibration,
  type CalibrationTables,
  calibrateWeights,
  calibrationColumnsOf,
  loadCalibrationTables,
} from './calibrate.js';
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
 * The largest weight read: no registry has a billion households, and weights near 1e308 overflow
 * the variance's sums (w², Σw) to Infinity, which printed NaN estimates without a word.
 */
const LARGEST_WEIGHT = 1e9;

/** A decimal number as a frame writes one (1.25, .5, 3e-2); NaN for anything else (0x10, 0b11, Infinity, blank). */
function decimalNumber(text: string): number {
  return /^[+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(text) ? Number(text) : Number.NaN;
}

/**
 * The draw's probability columns (read when the frame has them): the overall inclusion probability
 * and its three stages. When the weights are the draw's own `weight` column, weight = 1 / probability
 * and probability = county × village × household probability are checked (checkDrawnWeights).
 */
const DRAW_PROBABILITY_COLUMNS = [
  'probability',
  'county_probability',
  'village_probability',
  'household_probability',
  'county_selection',
  'counties_drawn',
  'counties_in_stratum',
];

/**
 * The draw's columns that say which rows are the sample (read when the frame has them, with or
 * without the outcome column): checkSampleComplete refuses a spare estimated as a sampled household,
 * and a village × status whose sampled rows are not its households_drawn.
 */
const SAMPLE_COLUMNS = [
  'role',
  'spare_order',
  'household_stratum_key',
  'household_id',
  'households_drawn',
  'villages_drawn',
  'village_key',
];

/** The canonical columns of the certainty strata (varianceUnits): read when the frame has them. */
const PROBABILITY_COLUMN = 'county_probability';
const VILLAGE_COLUMN = 'village_key';

/**
 * A header's column finder: a column is found by its name as written; failing that, as one of
 * spotcheck's columns in the other language (a frame drawn in Chinese heads county_stratum, weight …
 * 县所在层, 设计权重 …), or as a fieldwork column in the other language (outcome … 调查结果 …). -1
 * when absent.
 */
function columnFinder(header: readonly string[]): (name: string) => number {
  const keys = header.map(headerKey);
  const canonicalKeys = header.map((cell) => headerKey(canonicalColumn(cell)));
  return (name: string) => {
    const exact = keys.indexOf(headerKey(name));
    if (exact >= 0) return exact;
    const other = otherFieldworkHeading(name);
    const inOther = other === null ? -1 : keys.indexOf(headerKey(other));
    return inOther >= 0 ? inOther : canonicalKeys.indexOf(headerKey(canonicalColumn(name)));
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
 * calibrationColumns, then the county probability and the village) in the frame's header, in that
 * order; a column missing is refused, all of them named, except the probability and village
 * columns when not named by an option (−1: absent, and certainty counties cannot be their own
 * strata). When the frame has the outcome column (src/core/fieldwork.ts), the fieldwork columns
 * follow: outcome, role, spare_order, household_stratum_key, household_id, household_stratum, the
 * weighting classes, and replaces and replace_reason (−1 when absent: blank).
 */
function frameColumns(
  header: readonly string[],
  options: EstimateOptions,
  path: string,
): { columns: number[]; fieldwork: boolean; drawnWeights: boolean } {
  const columnOf = columnFinder(header);
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
  const base = [
    options.strata,
    options.clusters,
    options.weights,
    ...options.measures.map((measure) => measure.column),
    ...(options.by ? [options.by] : []),
    ...calibrationColumns(options),
  ];
  const optional = [
    [options.probability, PROBABILITY_COLUMN],
    [options.village, VILLAGE_COLUMN],
  ] as const;
  const useCertainty = options.certaintyStrata === 'on';
  const namedOptional = useCertainty ? optional.flatMap(([given]) => (given === null ? [] : [given])) : [];
  const fieldworkColumns =
    outcomeAt >= 0
      ? [
          options.outcome.name,
          'role',
          'spare_order',
          'household_stratum_key',
          'household_id',
          'household_stratum',
          options.nonresponseClasses.name,
        ]
      : [];
  const missing = [...base, ...namedOptional, ...fieldworkColumns].filter((name) => columnOf(name) < 0);
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
  const certaintyColumns = optional.map(([given, canonical]) => (useCertainty ? columnOf(given ?? canonical) : -1));
  const replaceColumns = outcomeAt >= 0 ? ['replaces', 'replace_reason', 'households_drawn'].map(columnOf) : [];
  return {
    columns: [
      ...base.map(columnOf),
      ...certaintyColumns,
      ...fieldworkColumns.map(columnOf),
      ...replaceColumns,
      ...SAMPLE_COLUMNS.map(columnOf),
      ...DRAW_PROBABILITY_COLUMNS.map(columnOf),
    ],
    fieldwork: outcomeAt >= 0,
    drawnWeights: columnOf(options.weights) === columnOf('weight'),
  };
}

/** A fieldwork column's heading in the other language (outcome ↔ 调查结果 …), or null. */
function otherFieldworkHeading(name: string): string | null {
  for (const [english, chinese] of Object.entries(FIELDWORK_HEADINGS)) {
    if (headerKey(name) === headerKey(english)) return chinese;
    if (headerKey(name) === headerKey(chinese)) return english;
  }
  return null;
}

/** The wanted columns of a frame's rows (frameColumns' order), each row's cells unguarded and normalised, with its line. */
interface FrameCells {
  readonly cells: string[][];
  readonly lines: number[];
  /** Per wanted column: not in the frame (an optional column: the certainty design's probability and village). */
  readonly absent: boolean[];
  /** Whether the frame has the outcome column: its fieldwork columns follow the certainty design's two. */
  readonly fieldwork: boolean;
  /** Whether the weights are the draw's `weight` column; the last cells of a row are SAMPLE_COLUMNS then DRAW_PROBABILITY_COLUMNS. */
  readonly drawnWeights: boolean;
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
  let fieldwork = false;
  let drawnWeights = false;
  return {
    onHeader(header) {
      const found = frameColumns(header, options, path);
      wanted.push(...found.columns);
      fieldwork = found.fieldwork;
      drawnWeights = found.drawnWeights;
    },
    onRecord(record, _index, line) {
      const row = wanted.map((column) => (column < 0 ? '' : (record[column] ?? '')));
      const weightText = normalizeName(row[2]!);
      const weight = decimalNumber(weightText);
      if (!Number.isFinite(weight) || weight <= 0) {
        throw new SpotcheckError('DATA', msg('cmd.estimate.weightInvalid', { got: weightText }), {
          file: path,
          line,
          field: options.weights,
        });
      }
      if (weight > LARGEST_WEIGHT)
        throw new SpotcheckError('DATA', msg('cmd.estimate.weightTooLarge', { got: weightText, largest: '1e9' }), {
          file: path,
          line,
          field: options.weights,
        });
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
      return { cells, lines, absent: wanted.map((column) => column < 0), fieldwork, drawnWeights };
    },
  };
}

/**
 * The variance design of the frame (varianceUnits): certainty counties as their own strata, with
 * their villages as PSUs, when --certainty-strata is on and the frame has the probability and
 * village columns (cells `at` and `at + 1`); a probability that is not a number in (0, 1] is refused.
 */
function frameDesign(
  cells: readonly (readonly string[])[],
  lines: readonly number[],
  at: number,
  absent: readonly boolean[],
  path: string,
): VarianceDesign & { available: boolean } {
  const available = !absent[at] && !absent[at + 1];
  const countyLine = new Map<string, { probability: string; line: number }>();
  const rows = cells.map((row, index) => {
    let countyProbability: number | null = null;
    if (available) {
      countyProbability = decimalNumber(row[at]!);
      if (!(countyProbability > 0 && countyProbability <= 1))
        throw new SpotcheckError('DATA', msg('cmd.estimate.probabilityInvalid', { got: row[at]! }), {
          file: path,
          line: lines[index]!,
        });
      if (countyProbability === 1 && row[at + 1] === '')
        throw new SpotcheckError('DATA', msg('cmd.estimate.certaintyVillageBlank', { county: row[1]! }), {
          file: path,
          line: lines[index]!,
        });
      // One county, one probability: a row edited to 1 would make part of a county a certainty stratum.
      const county = `${row[0]}\u001f${row[1]}`;
      const first = countyLine.get(county);
      if (first === undefined) countyLine.set(county, { probability: row[at]!, line: lines[index]! });
      else if (decimalNumber(first.probability) !== countyProbability)
        throw new SpotcheckError(
          'DATA',
          msg('cmd.estimate.probabilityDiffersInCounty', {
            county: row[1]!,
            got: row[at]!,
            first: first.probability,
            line: first.line,
          }),
          { file: path, line: lines[index]! },
        );
    }
    return { stratum: row[0]!, cluster: row[1]!, countyProbability, village: available ? row[at + 1]! : null };
  });
  return { ...varianceUnits(rows, available), available };
}

/**
 * Without the outcome column every row is estimated as a sampled household: when the frame has the
 * draw's role column, a spare (spares.csv's rows appended without the outcome column) is refused,
 * and each village × status needs as many sampled rows as its households_drawn (checkSampleComplete):
 * a deleted row or a spare counted as sampled would otherwise change the estimates without a word.
 */
function checkSampleRows(
  cells: readonly (readonly string[])[],
  lines: readonly number[],
  absent: readonly boolean[],
  path: string,
  outcomeColumn: string,
): void {
  const at = absent.length - DRAW_PROBABILITY_COLUMNS.length - SAMPLE_COLUMNS.length;
  const [role, spareOrder, stratumKey, householdId, householdsDrawn] = SAMPLE_COLUMNS.map(
    (_, offset) => at + offset,
  ) as [number, number, number, number, number, number, number];
  if (absent[role] || absent[stratumKey]) return;
  const notSampled = cells.findIndex((row) => row[role] !== 'sample');
  if (notSampled >= 0)
    throw new SpotcheckError(
      'DATA',
      msg('cmd.estimate.spareWithoutOutcome', { role: cells[notSampled]![role]!, column: outcomeColumn }),
      { file: path, line: lines[notSampled]!, hint: msg('cmd.estimate.spareWithoutOutcomeHint') },
    );
  checkSampleComplete(
    cells.map((row, index) => ({
      line: lines[index]!,
      role: row[role]!,
      spareOrder: row[spareOrder]!,
      stratumKey: row[stratumKey]!,
      householdId: row[householdId]!,
      householdsDrawn: row[householdsDrawn]!,
    })),
    path,
  );
}

/**
 * The first two stages as drawn: each county stratum has its counties_drawn counties among the
 * sampled rows, and each county its villages_drawn villages (read when the frame has the columns;
 * only rows of role sample when it has role). A whole village or county deleted from the returned
 * frame, or one of another draw added, would otherwise pass the households_drawn check.
 */
function checkStagesComplete(
  cells: readonly (readonly string[])[],
  lines: readonly number[],
  absent: readonly boolean[],
  path: string,
): void {
  const sampleAt = absent.length - DRAW_PROBABILITY_COLUMNS.length - SAMPLE_COLUMNS.length;
  const [roleAt, villagesDrawnAt, villageAt] = [0, 5, 6].map((offset) => sampleAt + offset) as [number, number, number];
  const countiesDrawnAt = absent.length - DRAW_PROBABILITY_COLUMNS.length + 5;
  const sampled = cells.flatMap((row, index) => (absent[roleAt] || row[roleAt] === 'sample' ? [index] : []));
  const check = (
    groupOf: (row: readonly string[]) => string,
    memberAt: number | null,
    drawnAt: number,
    key: 'cmd.estimate.villagesIncomplete' | 'cmd.estimate.countiesIncomplete',
  ) => {
    if (absent[drawnAt] || (memberAt !== null && absent[memberAt])) return;
    const members = new Map<string, Set<string>>();
    for (const index of sampled) {
      const row = cells[index]!;
      const group = groupOf(row);
      members.set(group, (members.get(group) ?? new Set()).add(memberAt === null ? row[1]! : row[memberAt]!));
    }
    for (const index of sampled) {
      const row = cells[index]!;
      const drawn = row[drawnAt]!;
      const found = members.get(groupOf(row))!.size;
      if (/^[0-9]+$/.test(drawn) && Number(drawn) !== found)
        throw new SpotcheckError('DATA', msg(key, { county: row[1]!, stratum: row[0]!, drawn, found }), {
          file: path,
          line: lines[index]!,
          hint: msg('cmd.estimate.fieldwork.sampleIncompleteHint'),
        });
    }
  };
  check((row) => row[0]!, null, countiesDrawnAt, 'cmd.estimate.countiesIncomplete');
  check((row) => `${row[0]}\u001f${row[1]}`, villageAt, villagesDrawnAt, 'cmd.estimate.villagesIncomplete');
}

/** Relative tolerance of checkDrawnWeights: the draw writes 17 significant digits. */
const DRAWN_WEIGHT_TOLERANCE = 1e-9;

/**
 * The draw's weights as drawn: when the weights are the frame's `weight` column and the frame has the
 * probability columns (DRAW_PROBABILITY_COLUMNS, the last cells of each row), every row's weight is
 * 1 / probability and its probability is county × village × household probability, to 1e-9
 * relative. An edited weight, or a county_probability edited to 1 (a forged certainty county), is
 * refused with its row; weights of one's own (trimmed, adjusted) go in another column, named with
 * --weight-column, and are not checked.
 */
function checkDrawnWeights(
  cells: readonly (readonly string[])[],
  lines: readonly number[],
  absent: readonly boolean[],
  path: string,
): void {
  const at = absent.length - DRAW_PROBABILITY_COLUMNS.length;
  const present = DRAW_PROBABILITY_COLUMNS.map((_, offset) => !absent[at + offset]);
  if (!present[0]) return;
  const close = (a: number, b: number) =>
    Math.abs(a - b) <= DRAWN_WEIGHT_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
  cells.forEach((row, index) => {
    const [probability, county, village, household] = DRAW_PROBABILITY_COLUMNS.slice(0, 4).map((_, offset) =>
      decimalNumber(row[at + offset]!),
    ) as [number, number, number, number];
    const weight = decimalNumber(row[2]!);
    const fail = (key: 'cmd.estimate.weightNotDrawn' | 'cmd.estimate.probabilityNotDrawn') =>
      new SpotcheckError(
        'DATA',
        msg(key, {
          weight: row[2]!,
          probability: row[at]!,
          county: row[at + 1]!,
          village: row[at + 2]!,
          household: row[at + 3]!,
        }),
        { file: path, line: lines[index]!, hint: msg('cmd.estimate.weightNotDrawnHint') },
      );
    if (!(probability > 0 && probability <= 1) || !close(weight * probability, 1))
      throw fail('cmd.estimate.weightNotDrawn');
    if (present.slice(0, 4).every(Boolean) && !close(county * village * household, probability))
      throw fail('cmd.estimate.probabilityNotDrawn');
  });
}

/**
 * A county_probability as the draw gives it, whatever the weights: a county drawn by simple random
 * sampling has counties_drawn / counties_in_stratum (1 only when every county of its stratum was
 * drawn), one drawn by PPS less than 1, and one taken with certainty 1. A county_probability edited
 * to 1 would make the county a certainty stratum of its own, its villages PSUs, and add degrees of
 * freedom the design does not have. Checked when the frame has county_selection, counties_drawn and
 * counties_in_stratum; a selection other than srs, pps or certainty (the draw writes no other) is refused.
 */
function checkCertaintyAsDrawn(
  cells: readonly (readonly string[])[],
  lines: readonly number[],
  absent: readonly boolean[],
  path: string,
): void {
  const at = absent.length - DRAW_PROBABILITY_COLUMNS.length;
  const [probabilityAt, selectionAt, drawnAt, totalAt] = [1, 4, 5, 6].map((offset) => at + offset) as [
    number,
    number,
    number,
    number,
  ];
  if ([probabilityAt, selectionAt, drawnAt, totalAt].some((column) => absent[column])) return;
  cells.forEach((row, index) => {
    const probability = decimalNumber(row[probabilityAt]!);
    const drawn = decimalNumber(row[drawnAt]!);
    const total = decimalNumber(row[totalAt]!);
    const selection = row[selectionAt]!;
    const expected =
      selection === 'certainty'
        ? probability === 1
        : selection === 'pps'
          ? probability < 1
          : selection === 'srs'
            ? Math.abs(probability - drawn / total) <= DRAWN_WEIGHT_TOLERANCE
            : false;
    if (!expected)
      throw new SpotcheckError(
        'DATA',
        msg('cmd.estimate.countyProbabilityNotDrawn', {
          county: row[1]!,
          got: row[probabilityAt]!,
          selection,
          drawn: row[drawnAt]!,
          total: row[totalAt]!,
        }),
        { file: path, line: lines[index]!, hint: msg('cmd.estimate.weightNotDrawnHint') },
      );
  });
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

/** A row the estimator is given: a frame row's cells and line, its weight, and whether it stands as a respondent. */
interface EstimationPlace {
  readonly cells: readonly string[];
  readonly line: number;
  readonly weight: number;
  readonly responded: boolean;
}

/**
 * The rows the estimator takes: the frame's rows as they are (no outcome column: blank answers are
 * non-response), or the places of the sample with their adjusted weights (recordFieldwork).
 */
function estimationRows(
  cells: readonly string[][],
  lines: readonly number[],
  absent: readonly boolean[],
  options: EstimateOptions,
  fieldworkAt: number | null,
  path: string,
): { places: EstimationPlace[]; fieldwork: FieldworkReport | null } {
  if (fieldworkAt === null) {
    checkSampleRows(cells, lines, absent, path, options.outcome.name);
    return {
      places: cells.map((row, index) => ({
        cells: row,
        line: lines[index]!,
        weight: decimalNumber(row[2]!),
        responded: true,
      })),
      fieldwork: null,
    };
  }
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
    weight: decimalNumber(row[2]!),
    domain: options.by === null ? '' : row[domainAt]!,
    answered: measures.some((measure) => row[measure] !== ''),
    householdsDrawn: row[at(9)]!,
    village: row[absent.length - DRAW_PROBABILITY_COLUMNS.length - 1]!,
  }));
  const { places, ...report } = recordFieldwork(fieldworkRows, path, options.outcome.name);
  return {
    places: places.map((place) => ({
      cells: cells[place.row]!,
      line: lines[place.row]!,
      weight: place.weight,
      responded: place.responded,
    })),
    fieldwork: { ...report, outcomeColumn: options.outcome.name, classesColumn: options.nonresponseClasses.name },
  };
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
  /** What the fieldwork columns say; null without an outcome column. */
  fieldwork: FieldworkReport | null;
  /** With --population or --rake: the known counts and the calibration; else null. */
  calibration: Calibration | null;
}

/** Reads the frame (and --population's or --rake's counts) and estimates every measure, overall and per domain. */
export async function estimateFrame(path: string, options: EstimateOptions): Promise<FrameEstimates> {
  const reader = frameReader(options, path);
  await streamRecords(path, options.encoding, reader);
  const cells = reader.cells();
  const tables = await loadCalibrationTables(options, columnFinder);
  const { calibrated, ...estimates } = estimateCells(cells, options, path, tables);
  await calibrated?.writeWeights();
  return estimates;
}

/**
 * Every measure's estimates, overall and per domain, from the frame's cells (frameReader): the
 * rows the estimator is given are built here only, for `spotcheck estimate` and for the coverage
 * simulation (bench/coverage.mjs) alike. Fieldwork first (the places of the sample and their
 * non-response-adjusted weights), then calibration of those weights, then the variance design.
 */
export function estimateCells(
  { cells, lines, absent, fieldwork: hasOutcome, drawnWeights }: FrameCells,
  options: EstimateOptions,
  path: string,
  tables: CalibrationTables | null = null,
): FrameEstimates & { calibrated: CalibratedFrame | null } {
  const { measures } = options;
  checkCertaintyAsDrawn(cells, lines, absent, path);
  checkStagesComplete(cells, lines, absent, path);
  if (drawnWeights) checkDrawnWeights(cells, lines, absent, path);
  const domainAt = 3 + measures.length;
  const calibrationAt = domainAt + (options.by === null ? 0 : 1);
  const certaintyAt = calibrationAt + calibrationColumns(options).length;
  const { places, fieldwork } = estimationRows(
    cells,
    lines,
    absent,
    options,
    hasOutcome ? certaintyAt + 2 : null,
    path,
  );
  const calibrated = tables === null ? null : calibrate(path, options, places, tables, calibrationAt);
  const domains =
    options.by === null ? [] : [...new Set(places.map((place) => place.cells[domainAt]!))].sort(compareCodePoints);
  const counties = new Set(places.map((place) => `${place.cells[0]}\u001f${place.cells[1]}`)).size;
  const variance = frameDesign(
    places.map((place) => place.cells),
    places.map((place) => place.line),
    certaintyAt,
    absent,
    path,
  );
  const interval = intervalRule(options.interval, variance.df);
  const results = measures.map((measure, index) => {
    checkAnswers(measure, 3 + index, cells, lines, path);
    const rows: EstimationRow[] = places.map((place, at) => {
      const answer = place.cells[3 + index]!;
      return {
        ...variance.units[at]!,
        weight: calibrated === null ? place.weight : calibrated.weights[at]!,
        value: !place.responded || answer === '' ? null : measure.values.includes(answer) ? 1 : 0,
        domain: options.by === null ? '' : place.cells[domainAt]!,
        ...(calibrated === null ? {} : { calibration: calibrated.rows[at]! }),
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
    strata: new Set(places.map((place) => place.cells[0]!)).size,
    clusters: counties,
    variance,
    interval,
    results,
    fieldwork,
    calibration: calibrated?.calibration ?? null,
    calibrated,
  };
}

/**
 * --population or --rake: the weights of the sample's places (after the non-response adjustment)
 * calibrated to the known counts; the calibration columns are the cells from `at`.
 */
function calibrate(
  path: string,
  options: EstimateOptions,
  places: readonly EstimationPlace[],
  tables: CalibrationTables,
  at: number,
): CalibratedFrame {
  const columns = calibrationColumnsOf(options).length;
  return calibrateWeights(
    {
      path,
      cells: places.map((place) => place.cells.slice(at, at + columns)),
      lines: places.map((place) => place.line),
      ids: places.map((place) => place.cells[at + columns] ?? ''),
    },
    places.map((place) => place.weight),
    options,
    tables,
  );
}
