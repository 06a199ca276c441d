/**
 * Allocation of a total sample size to strata (Cochran, Sampling Techniques, §5.5): proportional to
 * a measure (units, households) or equal, with at least one unit per stratum when the total allows
 * it and never more than a stratum has. Rounding by largest remainder (Hamilton's method), ties
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

/**
 * Returns stratum key → sample size. The sizes sum to min(total, Σ units); every stratum with units
 * gets at least 1 when total ≥ the number of such strata; no stratum gets more than its units.
 */
export function allocate(total: number, strata: readonly StratumSize[], method: AllocationMethod): Map<string, number> {
  const result = new Map<string, number>(strata.map((stratum) => [stratum.key, 0]));
  const eligible = strata.filter((stratum) => stratum.units > 0);
  const capacity = eligible.reduce((sum, stratum) => sum + stratum.units, 0);
  let remaining = Math.min(total, capacity);
  const withMinimum = remaining >= eligible.length;
  const measureOf = (stratum: StratumSize) => (method === 'equal' ? 1 : Math.max(stratum.measure, 0));

  // Fix strata whose proportional quota is above their cap (at the cap) or below the minimum (at 1),
  // and share what is left among the others, until no quota breaks a bound.
  let open = [...eligible];
  let quotas = new Map<string, number>();
  for (;;) {
    const totalMeasure = open.reduce((sum, stratum) => sum + measureOf(stratum), 0);
    quotas = new Map(
      open.map((stratum) => [stratum.key, totalMeasure > 0 ? (remaining * measureOf(stratum)) / totalMeasure : remaining / open.length]),
    );
    const over = open.filter((stratum) => quotas.get(stratum.key)! > stratum.units);
    const under = withMinimum ? open.filter((stratum) => quotas.get(stratum.key)! < 1) : [];
    if (over.length === 0 && under.length === 0) break;
    for (const stratum of over) {
      result.set(stratum.key, stratum.units);
      remaining -= stratum.units;
    }
    if (over.length === 0) {
      for (const stratum of under) {
        result.set(stratum.key, 1);
        remaining -= 1;
      }
    }
    const fixed = new Set((over.length > 0 ? over : under).map((stratum) => stratum.key));
    open = open.filter((stratum) => !fixed.has(stratum.key));
    if (open.length === 0) break;
  }

  // Largest remainder among the open strata.
  let assigned = 0;
  for (const stratum of open) {
    const floor = Math.floor(quotas.get(stratum.key)!);
    result.set(stratum.key, floor);
    assigned += floor;
  }
  const order = [...open].sort((a, b) => {
    const ra = quotas.get(a.key)! - Math.floor(quotas.get(a.key)!);
    const rb = quotas.get(b.key)! - Math.floor(quotas.get(b.key)!);
    return rb - ra || measureOf(b) - measureOf(a) || compareCodePoints(a.key, b.key);
  });
  let left = remaining - assigned;
  // Each open stratum can take one more (its quota is at most its cap), so one pass suffices.
  for (let i = 0; left > 0 && i < order.length; i++) {
    const stratum = order[i]!;
    if (result.get(stratum.key)! < stratum.units) {
      result.set(stratum.key, result.get(stratum.key)! + 1);
      left--;
    }
  }
  return result;
}
