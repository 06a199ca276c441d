/**
 * `spotcheck estimate --population` and `--rake`: the known household counts read (an evaluation draw's
 * manifest.json, or a CSV of the post-stratum columns and one count column), checked against the
 * frame's post-strata, the weights post-stratified (src/core/calibration.ts), and `--weights-out`.
 */
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import {
  type PostStratification,
  postStratify,
  postStratumKey,
  postStratumMismatch,
  type Raking,
  type RowCalibration,
  rake,
} from '../../core/calibration.js';
import { normalizeName } from '../../core/text.js';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { readManifest } from '../../io/manifest.js';
import { checkOutputFile, writeOutputFile } from '../../io/output.js';
import { csvStringifySync } from '../../io/packages.js';
import { streamRecords } from '../../io/registry.js';
import type { EstimateOptions } from './spec.js';

/** The known counts per post-stratum, and where they come from. */
export interface Population {
  readonly path: string;
  readonly source: 'manifest' | 'csv';
  /** The CSV's count column (null for a manifest). */
  readonly countColumn: string | null;
  /** Post-stratum key (postStratumKey) → N_g. */
  readonly counts: ReadonlyMap<string, number>;
  /** Post-stratum key → its line in the CSV. */
  readonly lines: ReadonlyMap<string, number>;
}

/** A post-stratum as messages and the summary show it: its cells joined by " × ". */
export const shownPostStratum = (key: string): string => key.split('\u001f').join(' × ');

const WHOLE_NUMBER = /^[0-9]+$/;

/** The manifest of an evaluation draw: frame.households {poor, exited, nonpoor} for post-strata by household_stratum. */
async function manifestPopulation(path: string, columns: readonly string[]): Promise<Population> {
  const manifest = await readManifest(path);
  if (manifest.command !== 'evaluate')
    throw new SpotcheckError('INPUT', msg('cmd.estimate.manifestNotEvaluation', { command: manifest.command }), {
      file: path,
    });
  if (columns.length !== 1 || columns[0] !== 'household_stratum')
    throw new SpotcheckError('INPUT', msg('cmd.estimate.manifestStatusOnly', { columns: columns.join(' × ') }), {
      file: path,
      hint: msg('cmd.estimate.manifestStatusOnlyHint'),
    });
  const households = (manifest.frame as { households?: unknown } | null)?.households as
    | Record<string, unknown>
    | undefined;
  const statuses = ['poor', 'exited', 'nonpoor'] as const;
  if (
    households === null ||
    typeof households !== 'object' ||
    !statuses.every((status) => Number.isSafeInteger(households[status]) && (households[status] as number) >= 0)
  )
    throw new SpotcheckError(
      'MANIFEST',
      msg('cmd.estimate.manifestCountsInvalid', { got: JSON.stringify(households ?? null) }),
      { file: path },
    );
  return {
    path,
    source: 'manifest',
    countColumn: null,
    counts: new Map(statuses.map((status) => [postStratumKey([status]), households[status] as number])),
    lines: new Map(),
  };
}

/** A CSV of counts: the post-stratum columns and exactly one other column, the count (as R's postStratify's population). */
async function csvPopulation(
  path: string,
  columns: readonly string[],
  encoding: EstimateOptions['encoding'],
  columnOf: (header: readonly string[]) => (name: string) => number,
): Promise<Population> {
  const counts = new Map<string, number>();
  const lines = new Map<string, number>();
  let at: number[] = [];
  let countAt = -1;
  let countColumn = '';
  await streamRecords(path, encoding, {
    onHeader(header) {
      const find = columnOf(header);
      at = columns.map(find);
      const others = header.map((_, index) => index).filter((index) => !at.includes(index));
      if (at.some((index) => index < 0) || others.length !== 1)
        throw new SpotcheckError(
          'INPUT',
          msg('cmd.estimate.populationColumns', {
            columns: columns.map((name) => `"${name}"`).join(', '),
            headers: header.join(', '),
          }),
          { file: path, line: 1 },
        );
      countAt = others[0]!;
      countColumn = normalizeName(header[countAt]!);
    },
    onRecord(record, _index, line) {
      const cells = at.map((index) => normalizeName(record[index] ?? ''));
      const blank = cells.indexOf('');
      if (blank >= 0)
        throw new SpotcheckError('DATA', msg('cmd.estimate.populationBlank', { column: columns[blank]! }), {
          file: path,
          line,
        });
      const text = normalizeName(record[countAt] ?? '');
      if (!WHOLE_NUMBER.test(text) || !Number.isSafeInteger(Number(text)))
        throw new SpotcheckError('DATA', msg('cmd.estimate.populationCountInvalid', { got: text }), {
          file: path,
          line,
          field: countColumn,
        });
      const key = postStratumKey(cells);
      if (lines.has(key))
        throw new SpotcheckError(
          'DATA',
          msg('cmd.estimate.populationDuplicate', { postStratum: shownPostStratum(key), first: lines.get(key)! }),
          { file: path, line },
        );
      counts.set(key, Number(text));
      lines.set(key, line);
    },
  });
  return { path, source: 'csv', countColumn, counts, lines };
}

/** The known counts of --population or of a --rake margin: a manifest (`.json`) or a CSV of counts. */
function loadPopulation(
  path: string,
  columns: readonly string[],
  encoding: EstimateOptions['encoding'],
  columnOf: (header: readonly string[]) => (name: string) => number,
): Promise<Population> {
  return path.toLowerCase().endsWith('.json')
    ? manifestPopulation(path, columns)
    : csvPopulation(path, columns, encoding, columnOf);
}

/** The frame's rows as calibration reads them: each row's cells of the post-stratum (or margin) columns, and its line. */
interface FrameCells {
  readonly path: string;
  readonly cells: readonly (readonly string[])[];
  readonly lines: readonly number[];
}

/**
 * The frame's weights post-stratified to the known counts; a blank post-stratum cell, a post-stratum
 * of the frame without a positive count, and one with a count but no household are refused (as R's
 * postStratify refuses them), each naming the file and line.
 */
function calibrateFrame(
  frame: FrameCells,
  weights: readonly number[],
  population: Population,
  columns: readonly string[],
): { keys: string[]; calibration: PostStratification } {
  const keys = checkedKeys(frame, population, columns);
  const rows = keys.map((key, index) => ({ postStratum: key, weight: weights[index]! }));
  return { keys, calibration: postStratify(rows, population.counts) };
}

/**
 * Each row's post-stratum (or margin cell) key, once the frame's cells and the known counts are
 * found to match (R's postStratify's rules): no blank cell, every cell of the frame with a positive
 * count, every cell with a positive count in the frame.
 */
function checkedKeys(frame: FrameCells, population: Population, columns: readonly string[]): string[] {
  const keys = frame.cells.map((cells, index) => {
    const blank = cells.indexOf('');
    if (blank >= 0)
      throw new SpotcheckError('DATA', msg('cmd.estimate.postStratumBlank', { column: columns[blank]! }), {
        file: frame.path,
        line: frame.lines[index]!,
        field: columns[blank]!,
      });
    return postStratumKey(cells);
  });
  const { withoutCount, withoutRows } = postStratumMismatch(
    keys.map((key) => ({ postStratum: key })),
    population.counts,
  );
  const listed = (list: readonly string[]) => list.map((key) => `"${shownPostStratum(key)}"`).join(', ');
  if (withoutCount.length > 0) {
    const first = keys.indexOf(withoutCount[0]!);
    throw new SpotcheckError(
      'DATA',
      msg('cmd.estimate.postStratumWithoutCount', { n: withoutCount.length, postStrata: listed(withoutCount) }),
      { file: frame.path, line: frame.lines[first]!, hint: msg('cmd.estimate.postStratumWithoutCountHint') },
    );
  }
  if (withoutRows.length > 0) {
    const line = population.lines.get(withoutRows[0]!);
    throw new SpotcheckError(
      'DATA',
      msg('cmd.estimate.postStratumWithoutRows', { n: withoutRows.length, postStrata: listed(withoutRows) }),
      {
        file: population.path,
        ...(line === undefined ? {} : { line }),
        hint: msg('cmd.estimate.postStratumWithoutRowsHint'),
      },
    );
  }
  return keys;
}

/**
 * --weights-out: household_id, the post-stratum column(s), the design weight and the calibrated
 * weight of every household of the frame, in the frame's order (no other column of the frame);
 * refused when it would replace an input of the run.
 */
async function writeCalibratedWeights(
  file: string,
  inputs: readonly string[],
  table: {
    readonly columns: readonly string[];
    readonly ids: readonly string[];
    readonly cells: readonly (readonly string[])[];
    readonly designWeights: readonly number[];
    readonly calibratedWeights: readonly number[];
  },
): Promise<void> {
  await checkOutputFile(file, inputs);
  const [target, parent] = await Promise.all(
    [file, dirname(resolve(file))].map((path) => stat(path).catch(() => null)),
  );
  if (target?.isDirectory())
    throw new SpotcheckError('OUTPUT', msg('cmd.estimate.weightsOutDirectory', { file }), { file });
  if (!parent?.isDirectory())
    throw new SpotcheckError('OUTPUT', msg('cmd.estimate.weightsOutNoParent', { parent: dirname(resolve(file)) }), {
      file,
    });
  const records = [
    ['household_id', ...table.columns, 'design_weight', 'calibrated_weight'],
    ...table.ids.map((id, index) => [
      id,
      ...table.cells[index]!,
      String(table.designWeights[index]),
      String(table.calibratedWeights[index]),
    ]),
  ];
  await writeOutputFile(dirname(resolve(file)), basename(file), csvStringifySync().stringify(records));
}

/** The calibration made: post-stratification to one table of counts, or raking to several margins. */
export type Calibration =
  | {
      readonly kind: 'post-stratification';
      readonly columns: readonly string[];
      readonly population: Population;
      readonly postStratification: PostStratification;
    }
  | {
      readonly kind: 'raking';
      readonly margins: readonly { readonly columns: readonly string[]; readonly population: Population }[];
      readonly raking: Raking;
    };

/** The calibrated frame: the calibration, each row's calibrated weight and what the variance needs of it, and --weights-out. */
export interface CalibratedFrame {
  readonly calibration: Calibration;
  readonly weights: readonly number[];
  readonly rows: readonly RowCalibration[];
  /** --weights-out, once the estimates are made (nothing without it). */
  writeWeights(): Promise<void>;
}

/** The columns calibration reads: --population's post-strata, or every --rake margin's columns (each once, in order). */
export function calibrationColumnsOf(options: EstimateOptions): string[] {
  if (options.population !== null) return [...options.postStrata];
  return [...new Set(options.rake.flatMap((margin) => margin.columns))];
}

/** The known counts calibration needs: --population's table, or each --rake margin's columns and table. */
export type CalibrationTables =
  | { readonly kind: 'post-stratification'; readonly population: Population }
  | {
      readonly kind: 'raking';
      readonly margins: readonly { readonly columns: readonly string[]; readonly population: Population }[];
    };

/** --population's or --rake's known counts, read (the edge's part of calibration); null without either. */
export async function loadCalibrationTables(
  options: EstimateOptions,
  columnOf: (header: readonly string[]) => (name: string) => number,
): Promise<CalibrationTables | null> {
  const columns = calibrationColumnsOf(options);
  if (columns.length === 0) return null;
  if (options.population !== null)
    return {
      kind: 'post-stratification',
      population: await loadPopulation(options.population, columns, options.encoding, columnOf),
    };
  const margins: { columns: readonly string[]; population: Population }[] = [];
  for (const margin of options.rake)
    margins.push({
      columns: margin.columns,
      population: await loadPopulation(margin.path, margin.columns, options.encoding, columnOf),
    });
  return { kind: 'raking', margins };
}

/**
 * --population (post-stratification) or --rake (raking): the known counts (loadCalibrationTables)
 * checked against the frame, and the weights calibrated. `frame.cells` holds each row's cells of
 * calibrationColumnsOf(options), `frame.ids` its household_id (read with --weights-out).
 */
export function calibrateWeights(
  frame: FrameCells & { readonly ids: readonly string[] },
  designWeights: readonly number[],
  options: EstimateOptions,
  tables: CalibrationTables,
): CalibratedFrame {
  const columns = calibrationColumnsOf(options);
  const cellsOf = (wanted: readonly string[]) =>
    frame.cells.map((row) => wanted.map((column) => row[columns.indexOf(column)]!));
  let calibration: Calibration;
  let weights: readonly number[];
  let rows: RowCalibration[];
  if (tables.kind === 'post-stratification') {
    const { population } = tables;
    const { keys, calibration: postStratification } = calibrateFrame(frame, designWeights, population, columns);
    calibration = { kind: 'post-stratification', columns, population, postStratification };
    weights = postStratification.weights;
    rows = keys.map((postStratum, index) => ({
      kind: 'post-stratification',
      postStratum,
      designWeight: designWeights[index]!,
    }));
  } else {
    const { margins } = tables;
    const keys: string[][] = frame.cells.map(() => []);
    for (const margin of margins) {
      const marginKeys = checkedKeys({ ...frame, cells: cellsOf(margin.columns) }, margin.population, margin.columns);
      marginKeys.forEach((key, index) => {
        keys[index]!.push(key);
      });
    }
    const totals = margins.map((margin) =>
      [...margin.population.counts.values()].reduce((sum, count) => sum + count, 0),
    );
    const differs = totals.findIndex((total) => total !== totals[0]);
    if (differs > 0)
      throw new SpotcheckError(
        'DATA',
        msg('cmd.estimate.rakeTotalsDiffer', {
          first: margins[0]!.population.path,
          firstTotal: totals[0]!,
          other: margins[differs]!.population.path,
          otherTotal: totals[differs]!,
        }),
        { file: margins[differs]!.population.path },
      );
    const raking = rake(
      keys,
      designWeights,
      margins.map((margin) => margin.population.counts),
    );
    calibration = { kind: 'raking', margins, raking };
    weights = raking.weights;
    rows = raking.steps.map((steps) => ({ kind: 'raking', steps }));
  }
  const weightsOut = options.weightsOut;
  const inputs = [
    frame.path,
    ...(calibration.kind === 'raking'
      ? calibration.margins.map((margin) => margin.population.path)
      : [calibration.population.path]),
  ];
  return {
    calibration,
    weights,
    rows,
    writeWeights: () =>
      weightsOut === null
        ? Promise.resolve()
        : writeCalibratedWeights(weightsOut, inputs, {
            columns,
            ids: frame.ids,
            cells: frame.cells,
            designWeights,
            calibratedWeights: weights,
          }),
  };
}
