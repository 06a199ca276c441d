/**
 * Allocation of a total sample size to strata (Cochran, Sampling Techniques, §5.5): proportional to
 * a measure (units, households) or equal, with at least `minimum` units per stratum (1 unless asked;
 * a stratum with fewer units gets all of them) when the total allows it, and never more than a
 * stratum has. Rounding by largest remainder (Hamilton's method), ties
 * broken by the larger measure, then by stratum key in code point order, so the total is exact and
 * the result deterministic.
 */
import { compareCodePoints } from './text.js';

export type AllocationMethod = 'proportional' | 'equal' | 'households';

export interface StratumSize {
  readonly key: string;
  /** Units in the stratum (the cap). */
  readonly units: number;
  /** What proportional allocation is proportional to (units or households); ignored by `equal`. */
  readonly measure: number;
}

interface Bounded {
  readonly key: string;
  readonly lower: number;
  readonly upper: number;
  readonly measure: number;
}

/**
 * Real quotas q_h = clamp(λ·m_h, lower_h, upper_h) with Σ q_h = total, λ found exactly on the
 * piecewise-linear Σ clamp(…) (bounded proportional allocation, "water-filling"). Strata of measure
 * 0 stay at their lower bound unless the others cannot take the total, in which case they share
 * what is left equally.
 */
function boundedQuotas(total: number, strata: readonly Bounded[]): Map<string, number> {
  const quotas = new Map<string, number>();
  if (strata.length === 0) return quotas;
  const weighted = strata.filter((stratum) => stratum.measure > 0);
  const unweighted = strata.filter((stratum) => stratum.measure <= 0);
  const weightedUpper = weighted.reduce((sum, stratum) => sum + stratum.upper, 0);
  const unweightedLower = unweighted.reduce((sum, stratum) => sum + stratum.lower, 0);
  if (weighted.length === 0 || weightedUpper + unweightedLower < total) {
    // The weighted strata are full (or there are none): they take their upper bounds, and the
    // others share the rest with equal measure.
    for (const stratum of weighted) quotas.set(stratum.key, stratum.upper);
    const rest = boundedQuotas(
      total - weightedUpper,
      unweighted.map((stratum) => ({ ...stratum, measure: 1 })),
    );
    for (const [key, quota] of rest) quotas.set(key, quota);
    return quotas;
  }
  for (const stratum of unweighted) quotas.set(stratum.key, stratum.lower);
  const target = total - unweightedLower;
  const sumAt = (lambda: number) =>
    weighted.reduce(
      (sum, stratum) => sum + Math.min(stratum.upper, Math.max(stratum.lower, lambda * stratum.measure)),
      0,
    );
  const breakpoints = [
    ...new Set(weighted.flatMap((stratum) => [stratum.lower / stratum.measure, stratum.upper / stratum.measure])),
  ].sort((a, b) => a - b);
  let previous = 0;
  let previousSum = sumAt(0);
  let lambda = breakpoints[breakpoints.length - 1] ?? 0;
  if (target <= previousSum) lambda = 0;
  else {
    for (const point of breakpoints) {
      const value = sumAt(point);
      if (value >= target) {
        lambda =
          value === previousSum
            ? point
            : previous + ((target - previousSum) * (point - previous)) / (value - previousSum);
        break;
      }
      previous = point;
      previousSum = value;
    }
  }
  for (const stratum of weighted)
    quotas.set(stratum.key, Math.min(stratum.upper, Math.max(stratum.lower, lambda * stratum.measure)));
  return quotas;
}

/** The units `allocate` must give for every stratum to get min(minimum, its units): Σ_h min(minimum, u_h). */
export function minimumNeeded(strata: readonly Pick<StratumSize, 'units'>[], minimum: number): number {
  return strata.reduce((sum, stratum) => sum + Math.min(minimum, Math.max(stratum.units, 0)), 0);
}

/** The total `allocate` shares out: min(total, Σ units). */
export function allocationTarget(total: number, strata: readonly Pick<StratumSize, 'units'>[]): number {
  return Math.min(
    total,
    strata.reduce((sum, stratum) => sum + Math.max(stratum.units, 0), 0),
  );
}

/**
 * Lower bounds of the bounded allocation: min(minimum, u_h) when the target can give them all
 * (minimumNeeded ≤ target); else 1 per stratum when the target can give that (a `minimum` above 1
 * that does not fit: the evaluation refuses it or merges strata first, src/core/strataMerge.ts);
 * else 0.
 */
function lowerBounds(target: number, eligible: readonly StratumSize[], minimum: number): (units: number) => number {
  if (minimum > 1 && minimumNeeded(eligible, minimum) <= target) return (units) => Math.min(minimum, units);
  return target >= eligible.length ? () => 1 : () => 0;
}

/**
 * Returns stratum key → sample size. The sizes sum to min(total, Σ units); every stratum with units
 * gets at least min(minimum, its units) when total ≥ Σ min(minimum, units) (at least 1 when only
 * total ≥ the number of such strata); no stratum gets more than its units. `minimum` 1 (the default)
 * is the allocation of every draw before it existed, unchanged.
 */
export function allocate(
  total: number,
  strata: readonly StratumSize[],
  method: AllocationMethod,
  minimum = 1,
): Map<string, number> {
  const result = new Map<string, number>(strata.map((stratum) => [stratum.key, 0]));
  const eligible = strata.filter((stratum) => stratum.units > 0);
  const target = allocationTarget(total, eligible);
  const lowerOf = lowerBounds(target, eligible, minimum);
  const measureOf = (stratum: StratumSize) => (method === 'equal' ? 1 : Math.max(stratum.measure, 0));
  const quotas = boundedQuotas(
    target,
    eligible.map((stratum) => ({
      key: stratum.key,
      lower: lowerOf(stratum.units),
      upper: stratum.units,
      measure: measureOf(stratum),
    })),
  );

  // Largest remainder: floors first, then one more to the largest remainders (ties: larger measure,
  // then key in code point order), never above a stratum's units.
  let assigned = 0;
  for (const stratum of eligible) {
    const floor = Math.floor(quotas.get(stratum.key)! + 1e-9);
    result.set(stratum.key, floor);
    assigned += floor;
  }
  const remainder = (stratum: StratumSize) => quotas.get(stratum.key)! - result.get(stratum.key)!;
  const order = [...eligible].sort(
    (a, b) => remainder(b) - remainder(a) || measureOf(b) - measureOf(a) || compareCodePoints(a.key, b.key),
  );
  let left = target - assigned;
  for (let round = 0; left > 0 && round < 2; round++) {
    for (const stratum of order) {
      if (left === 0) break;
      if (result.get(stratum.key)! < stratum.units) {
        result.set(stratum.key, result.get(stratum.key)! + 1);
        left--;
      }
    }
  }
  return result;
}
