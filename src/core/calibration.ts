/**
 * Post-stratification of the design weights to known population counts (Holt & Smith, "Post
 * stratification", JRSS A 142, 1979; Särndal, Swensson & Wretman, Model Assisted Survey Sampling,
 * 1992, §7.6; Lumley, Complex Surveys, 2010, ch. 7), as R's survey package does it:
 * `postStratify(design, ~household_stratum, population)`.
 *
 * Weights: within post-stratum g of known count N_g, w*_i = w_i · N_g / Σ_{j∈g} w_j, every row of
 * the frame counting (respondents or not, as R's postStratify on the whole design), so that the
 * calibrated weights of each post-stratum sum to N_g.
 *
 * Variance: the linearised values z_i of an estimator on the calibrated weights are replaced by
 * their residuals from the post-stratum means, e_i = z_i − w*_i · ū_g with
 * ū_g = Σ_{j∈g} w_j (z_j / w*_j) / Σ_{j∈g} w_j (the design-weighted mean of z/w* over every row of
 * the post-stratum, rows outside the domain or without a response having z = 0): the variance of
 * the post-stratified (GREG) estimator (Särndal et al. 1992, result 7.6.3), computed as R's
 * svyrecvar does for a post-stratified design (survey 4.1).
 *
 * Raking (rake below) post-stratifies to several margins in turn until the weights settle, as R's
 * `rake()`; its variance is R's for a raked design (rakingResiduals).
 */

/** One household of the frame, reduced to what post-stratification needs. */
interface PostStratifiedRow {
  /** The row's post-stratum: its cells of the post-stratum columns, joined (postStratumKey). */
  readonly postStratum: string;
  /** The design weight 1/π. */
  readonly weight: number;
}

/** One post-stratum: its known count, the rows of the frame in it, and its weights before and after. */
export interface PostStratum {
  readonly key: string;
  /** The post-stratum's cells, one per post-stratum column. */
  readonly cells: readonly string[];
  /** N_g, the known number of households. */
  readonly count: number;
  readonly rows: number;
  /** Σ w over the post-stratum's rows: its estimated number of households before calibration. */
  readonly designWeightSum: number;
  /** Σ w* over its rows: N_g, up to rounding. */
  readonly calibratedWeightSum: number;
}

export interface PostStratification {
  /** The calibrated weight w* of each row, in the rows' order. */
  readonly weights: readonly number[];
  /** Every post-stratum with rows, in code point order of its key. */
  readonly postStrata: readonly PostStratum[];
  readonly designWeightSum: number;
  readonly calibratedWeightSum: number;
}

/** The key of a post-stratum from its cells (one per post-stratum column). */
export const postStratumKey = (cells: readonly string[]): string => cells.join('\u001f');

/** The cells of a post-stratum from its key. */
const cellsOf = (key: string): string[] => key.split('\u001f');

/**
 * How the rows' post-strata and the known counts fail to match, as R's postStratify refuses them:
 * post-strata of the frame with no count (or a count of 0), and post-strata with a positive count
 * and no row in the frame. A post-stratum of count 0 with no row is left out, as R does.
 */
export function postStratumMismatch(
  rows: readonly Pick<PostStratifiedRow, 'postStratum'>[],
  population: ReadonlyMap<string, number>,
): { withoutCount: string[]; withoutRows: string[] } {
  const inFrame = new Set(rows.map((row) => row.postStratum));
  const withoutCount = [...inFrame].filter((key) => !((population.get(key) ?? 0) > 0));
  const withoutRows = [...population].filter(([key, count]) => count > 0 && !inFrame.has(key)).map(([key]) => key);
  const order = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return { withoutCount: withoutCount.sort(order), withoutRows: withoutRows.sort(order) };
}

/**
 * The rows' weights post-stratified to the known counts: w*_i = w_i · N_g / Σ_{j∈g} w_j. Every
 * post-stratum of the rows must have a positive count (postStratumMismatch finds those that do not).
 */
export function postStratify(
  rows: readonly PostStratifiedRow[],
  population: ReadonlyMap<string, number>,
): PostStratification {
  const sums = new Map<string, { rows: number; weight: number }>();
  for (const row of rows) {
    const sum = sums.get(row.postStratum) ?? { rows: 0, weight: 0 };
    sum.rows++;
    sum.weight += row.weight;
    sums.set(row.postStratum, sum);
  }
  const factor = new Map<string, number>();
  for (const [key, sum] of sums) {
    const count = population.get(key);
    if (count === undefined || !(count > 0)) throw new Error(`post-stratum ${key} has no known count`);
    factor.set(key, count / sum.weight);
  }
  const weights = rows.map((row) => row.weight * factor.get(row.postStratum)!);
  const calibrated = new Map<string, number>();
  rows.forEach((row, index) => {
    calibrated.set(row.postStratum, (calibrated.get(row.postStratum) ?? 0) + weights[index]!);
  });
  const postStrata = [...sums.keys()]
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => ({
      key,
      cells: cellsOf(key),
      count: population.get(key)!,
      rows: sums.get(key)!.rows,
      designWeightSum: sums.get(key)!.weight,
      calibratedWeightSum: calibrated.get(key)!,
    }));
  return {
    weights,
    postStrata,
    designWeightSum: rows.reduce((sum, row) => sum + row.weight, 0),
    calibratedWeightSum: weights.reduce((sum, weight) => sum + weight, 0),
  };
}

/** A row as the variance of a post-stratified estimator needs it: its post-stratum, w and w*. */
interface CalibratedRow {
  readonly postStratum: string;
  readonly designWeight: number;
  readonly calibratedWeight: number;
}

/**
 * The linearised values z_i (computed with the calibrated weights) replaced by their residuals from
 * the post-stratum means, e_i = z_i − w*_i · Σ_{j∈g} w_j (z_j / w*_j) / Σ_{j∈g} w_j, over every row
 * of the frame (R's svyrecvar with design$postStrata). The variance of the post-stratified
 * estimator is that of the e_i under the design (Särndal et al. 1992, §7.6).
 */
export function postStratumResiduals(values: readonly number[], rows: readonly CalibratedRow[]): number[] {
  const sums = new Map<string, { weighted: number; weight: number }>();
  rows.forEach((row, index) => {
    const sum = sums.get(row.postStratum) ?? { weighted: 0, weight: 0 };
    sum.weighted += (values[index]! * row.designWeight) / row.calibratedWeight;
    sum.weight += row.designWeight;
    sums.set(row.postStratum, sum);
  });
  return rows.map((row, index) => {
    const sum = sums.get(row.postStratum)!;
    return values[index]! - (row.calibratedWeight * sum.weighted) / sum.weight;
  });
}

/** One margin's step of raking's last pass: each row's margin cell and its weight after the step. */
interface RakingStep {
  readonly key: string;
  readonly weight: number;
}

/** How a row was calibrated, as the variance needs it (EstimationRow.calibration). */
export type RowCalibration =
  | { readonly kind: 'post-stratification'; readonly postStratum: string; readonly designWeight: number }
  | { readonly kind: 'raking'; readonly steps: readonly RakingStep[] };

/**
 * Raking's stopping rule, R's `rake(control = list(maxit, epsilon))` with epsilon < 1: stop when no
 * cell of the margins' crossed weighted table moves by epsilon · Σ w (the design weights) or more in
 * a pass, or after maxit passes.
 */
const RAKING_CONTROL = { maxit: 100, epsilon: 1e-9 } as const;

export interface Raking {
  /** The raked weight of each row. */
  readonly weights: readonly number[];
  /** Per row, each margin's step of the last pass (what the variance needs). */
  readonly steps: readonly (readonly RakingStep[])[];
  /** Per margin, its cells with their counts and Σ w before and Σ w* after raking. */
  readonly margins: readonly (readonly PostStratum[])[];
  /** Passes made, and whether the stopping rule was met within RAKING_CONTROL.maxit. */
  readonly passes: number;
  readonly converged: boolean;
  /**
   * The largest |Σ w* − N| over every margin's cells: the stopping rule can be met with a margin
   * not met, when no weights on the frame's crossed cells meet every margin (a cell of the frame
   * empty that the counts need).
   */
  readonly largestMarginDifference: number;
  readonly designWeightSum: number;
  readonly calibratedWeightSum: number;
}

/**
 * Raking (iterative proportional fitting, Deming & Stephan 1940) of the design weights to known
 * counts on several margins, as R's `rake(design, list(~m1, ~m2, …), list(pop1, pop2, …), control =
 * list(maxit = 100, epsilon = 1e-9))`: each pass post-stratifies to every margin in turn; the
 * passes stop when no cell of the margins' crossed weighted table moved by epsilon · Σ w. `keys[i][m]`
 * is row i's cell of margin m (every cell of a margin must have a positive count: postStratumMismatch).
 */
export function rake(
  keys: readonly (readonly string[])[],
  designWeights: readonly number[],
  populations: readonly ReadonlyMap<string, number>[],
): Raking {
  const designWeightSum = designWeights.reduce((sum, weight) => sum + weight, 0);
  const epsilon = RAKING_CONTROL.epsilon * designWeightSum;
  const crossed = keys.map((cells) => cells.join('\u001e'));
  const table = (weights: readonly number[]) => {
    const cells = new Map<string, number>();
    weights.forEach((weight, index) => {
      cells.set(crossed[index]!, (cells.get(crossed[index]!) ?? 0) + weight);
    });
    return cells;
  };
  let weights = [...designWeights];
  let old = table(weights);
  let steps: number[][] = [];
  let passes = 0;
  let converged = false;
  while (passes < RAKING_CONTROL.maxit) {
    steps = [];
    for (const [margin, population] of populations.entries()) {
      weights = [
        ...postStratify(
          keys.map((cells, index) => ({ postStratum: cells[margin]!, weight: weights[index]! })),
          population,
        ).weights,
      ];
      steps.push(weights);
    }
    const next = table(weights);
    let delta = 0;
    for (const [cell, sum] of next) delta = Math.max(delta, Math.abs(sum - old.get(cell)!));
    if (delta < epsilon) {
      converged = true;
      break;
    }
    old = next;
    passes++;
  }
  const margins = populations.map((population, margin) => {
    const before = postStratify(
      keys.map((cells, index) => ({ postStratum: cells[margin]!, weight: designWeights[index]! })),
      population,
    ).postStrata;
    const after = new Map<string, number>();
    keys.forEach((cells, index) => {
      after.set(cells[margin]!, (after.get(cells[margin]!) ?? 0) + weights[index]!);
    });
    return before.map((cell) => ({ ...cell, calibratedWeightSum: after.get(cell.key)! }));
  });
  const largestMarginDifference = Math.max(
    ...margins.flatMap((cells) => cells.map((cell) => Math.abs(cell.calibratedWeightSum - cell.count))),
  );
  return {
    largestMarginDifference,
    weights,
    steps: keys.map((cells, index) => cells.map((key, margin) => ({ key, weight: steps[margin]![index]! }))),
    margins,
    passes: converged ? passes + 1 : passes,
    converged,
    designWeightSum,
    calibratedWeightSum: weights.reduce((sum, weight) => sum + weight, 0),
  };
}

/**
 * The residuals of linearised values after raking, as R's svyrecvar computes them for a raked
 * design (survey 4.1): ten rounds of backfitting over the margins of the last pass, each removing
 * from z_i the step's weight w_i^(m) times the plain (unweighted) mean of z/w^(m) over the rows of
 * the row's cell of margin m.
 */
function rakingResiduals(values: readonly number[], steps: readonly (readonly RakingStep[])[]): number[] {
  const residuals = [...values];
  const margins = steps[0]?.length ?? 0;
  for (let round = 0; round < 10; round++) {
    for (let margin = 0; margin < margins; margin++) {
      const sums = new Map<string, { total: number; rows: number }>();
      steps.forEach((row, index) => {
        const step = row[margin]!;
        const sum = sums.get(step.key) ?? { total: 0, rows: 0 };
        sum.total += residuals[index]! / step.weight;
        sum.rows++;
        sums.set(step.key, sum);
      });
      steps.forEach((row, index) => {
        const step = row[margin]!;
        const sum = sums.get(step.key)!;
        residuals[index] = residuals[index]! - (step.weight * sum.total) / sum.rows;
      });
    }
  }
  return residuals;
}

/**
 * The linearised values z_i (computed with the calibrated weights w*_i) as the variance of a
 * calibrated estimator takes them: residuals from the post-strata (postStratumResiduals) or from
 * the raking margins (rakingResiduals).
 */
export function calibrationResiduals(
  values: readonly number[],
  rows: readonly { readonly calibration: RowCalibration; readonly weight: number }[],
): number[] {
  const first = rows[0]?.calibration;
  if (first?.kind === 'raking')
    return rakingResiduals(
      values,
      rows.map((row) => (row.calibration.kind === 'raking' ? row.calibration.steps : [])),
    );
  return postStratumResiduals(
    values,
    rows.map((row) => ({
      postStratum: row.calibration.kind === 'post-stratification' ? row.calibration.postStratum : '',
      designWeight: row.calibration.kind === 'post-stratification' ? row.calibration.designWeight : row.weight,
      calibratedWeight: row.weight,
    })),
  );
}
