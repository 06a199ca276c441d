/**
 * Probability-proportional-to-size selection without replacement with exact inclusion
 * probabilities: randomised systematic PPS (Madow 1949; Hartley & Rao 1962), the random order
 * being the units' ticket order and the random start a ticket too.
 *
 * Inclusion probabilities: π_i = n·x_i / X, except units with n·x_i / X ≥ 1, which are taken with
 * certainty (π = 1) and removed, n and X being reduced, until no unit reaches 1 (Särndal, Swensson
 * & Wretman 1992, §3.6). Selection is computed in exact integer arithmetic (BigInt), so it does not
 * depend on floating-point rounding.
 */

interface PpsUnit<T> {
  readonly unit: T;
  /** Measure of size: a non-negative integer (households). */
  readonly size: number;
}

interface PpsInclusion<T> {
  readonly unit: T;
  readonly size: number;
  /** Exact first-order inclusion probability. */
  readonly probability: number;
  readonly certainty: boolean;
}

/** First-order inclusion probabilities of a PPS sample of n units, certainty units peeled off. */
export function ppsInclusion<T>(
  units: readonly PpsUnit<T>[],
  n: number,
): { inclusions: PpsInclusion<T>[]; certain: number; remainingSample: number; remainingSize: number } {
  const positive = units.filter((entry) => entry.size > 0);
  const sample = Math.min(n, positive.length);
  const certain = new Set<number>();
  let remainingSample = sample;
  let remainingSize = positive.reduce((sum, entry) => sum + entry.size, 0);
  for (;;) {
    const newly = positive
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry, index }) => !certain.has(index) && remainingSample * entry.size >= remainingSize);
    if (newly.length === 0 || remainingSample === 0) break;
    for (const { entry, index } of newly) {
      certain.add(index);
      remainingSample--;
      remainingSize -= entry.size;
    }
    if (remainingSample <= 0) break;
  }
  const inclusions = units.map((entry) => {
    const index = positive.indexOf(entry);
    if (index < 0) return { unit: entry.unit, size: entry.size, probability: 0, certainty: false };
    if (certain.has(index)) return { unit: entry.unit, size: entry.size, probability: 1, certainty: true };
    return {
      unit: entry.unit,
      size: entry.size,
      probability: remainingSize > 0 ? (remainingSample * entry.size) / remainingSize : 0,
      certainty: false,
    };
  });
  return { inclusions, certain: certain.size, remainingSample: Math.max(remainingSample, 0), remainingSize };
}

/** 2^52: the random start is a 52-bit integer U, the start point U / 2^52 in [0, 1). */
const START_SCALE = 2n ** 52n;

/** The random start from a ticket: its first 13 hex digits as a 52-bit integer. */
export function startFromTicket(ticketHex: string): bigint {
  return BigInt(`0x${ticketHex.slice(0, 13)}`);
}

/**
 * Systematic selection over `ordered` (the non-certainty units in ticket order) of `sample` units:
 * with cumulative sizes S_0 = 0, S_i = S_{i-1} + x_i and total X, the points are
 * (U/2^52 + k)·X/sample for k = 0 … sample−1, and unit i is selected when a point falls in
 * [S_{i-1}, S_i). Each unit's chance is exactly sample·x_i/X (at most 1).
 */
export function systematicSelect<T>(ordered: readonly PpsUnit<T>[], sample: number, start: bigint): T[] {
  const total = BigInt(ordered.reduce((sum, entry) => sum + entry.size, 0));
  const n = BigInt(sample);
  if (sample === 0 || total === 0n) return [];
  const chosen: T[] = [];
  let cumulative = 0n;
  let k = 0n;
  // Point k in size units, scaled by n·2^52: (U + k·2^52)·X. Unit i spans [S_{i-1}, S_i)·n·2^52.
  for (const entry of ordered) {
    const lower = cumulative * n * START_SCALE;
    cumulative += BigInt(entry.size);
    const upper = cumulative * n * START_SCALE;
    while (k < n) {
      const point = (start + k * START_SCALE) * total;
      if (point < lower) {
        k++;
        continue;
      }
      if (point < upper) {
        chosen.push(entry.unit);
        k++;
      }
      break;
    }
  }
  return chosen;
}
