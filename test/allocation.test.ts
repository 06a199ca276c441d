import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, type StratumSize } from '../src/core/allocation.js';
import { ppsInclusion, startFromTicket, systematicSelect } from '../src/core/pps.js';
import { ticket } from '../src/core/tickets.js';

const strata = (units: number[], measures = units): StratumSize[] =>
  units.map((count, index) => ({ key: `s${String(index).padStart(2, '0')}`, units: count, measure: measures[index]! }));
const sum = (values: Iterable<number>) => [...values].reduce((a, b) => a + b, 0);

describe('allocate', () => {
  it('allocates 20 counties to Yunnan-like prefecture strata proportionally, each at least 1', () => {
    const units = [14, 11, 9, 10, 11, 5, 4, 10, 10, 13, 8, 3, 12, 5, 4, 3]; // 129 counties in 16 prefectures
    const result = allocate(20, strata(units), 'proportional');
    expect(sum(result.values())).toBe(20);
    expect([...result.values()].every((n) => n >= 1)).toBe(true);
    expect(result).toEqual(allocate(20, [...strata(units)].reverse(), 'proportional'));
  });

  it('caps at the stratum size and gives the rest to the others', () => {
    const result = allocate(10, strata([1, 2, 50]), 'equal');
    expect([...result.values()]).toEqual([1, 2, 7]);
    expect(sum(allocate(100, strata([1, 2, 50]), 'proportional').values())).toBe(53);
  });

  it('breaks equal remainders by the larger measure, then by key', () => {
    expect([...allocate(2, strata([5, 5, 5]), 'equal').values()]).toEqual([1, 1, 0]);
    expect([...allocate(2, strata([5, 5, 5], [1, 1, 1]), 'households').values()]).toEqual([1, 1, 0]);
    expect([...allocate(1, strata([5, 5], [3, 7]), 'households').values()]).toEqual([0, 1]);
  });

  it('keeps every bound for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ units: fc.integer({ min: 0, max: 30 }), measure: fc.integer({ min: 0, max: 5000 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom('proportional' as const, 'equal' as const, 'households' as const),
        (raw, total, method) => {
          const input = raw.map((entry, index) => ({ key: `k${index}`, ...entry }));
          const result = allocate(total, input, method);
          const capacity = sum(input.map((stratum) => stratum.units));
          expect(sum(result.values())).toBe(Math.min(total, capacity));
          const eligible = input.filter((stratum) => stratum.units > 0);
          for (const stratum of input) {
            expect(result.get(stratum.key)!).toBeLessThanOrEqual(stratum.units);
            expect(result.get(stratum.key)!).toBeGreaterThanOrEqual(0);
            if (Math.min(total, capacity) >= eligible.length && stratum.units > 0)
              expect(result.get(stratum.key)!).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('PPS', () => {
  const sizes = [500, 40, 60, 100, 10, 290, 1000, 5, 0, 75];
  const units = sizes.map((size, index) => ({ unit: `u${index}`, size }));

  it('peels off certainty units and gives the others n·x/X', () => {
    const { inclusions, certain } = ppsInclusion(units, 4);
    // 4·1000/2080 ≥ 1 → u6 certain; then 3·500/1080 ≥ 1 → u0; then 2·290/580 = 1 → u5; one left.
    expect(certain).toBe(3);
    const byUnit = new Map(inclusions.map((entry) => [entry.unit, entry]));
    expect(byUnit.get('u6')!.certainty).toBe(true);
    expect(sum(inclusions.map((entry) => entry.probability))).toBeCloseTo(4, 12);
    expect(byUnit.get('u8')!.probability).toBe(0);
    expect(inclusions.every((entry) => entry.probability <= 1)).toBe(true);
  });

  it('systematic selection takes exactly the remaining sample, each unit at most once', () => {
    const { inclusions, remainingSample } = ppsInclusion(units, 4);
    const open = inclusions.filter((entry) => !entry.certainty && entry.probability > 0);
    for (let s = 0; s < 200; s++) {
      const chosen = systematicSelect(open, remainingSample, startFromTicket(ticket(`s${s}`, ['t'], 'start', 'x')));
      expect(chosen).toHaveLength(remainingSample);
      expect(new Set(chosen).size).toBe(chosen.length);
    }
  });

  it('selects each unit with its stated probability (statistical, over many random orders and starts)', () => {
    const { inclusions, remainingSample } = ppsInclusion(units, 4);
    const open = inclusions.filter((entry) => !entry.certainty && entry.probability > 0);
    const runs = 4000;
    const hits = new Map<string, number>();
    for (let s = 0; s < runs; s++) {
      const order = [...open].sort((a, b) =>
        ticket(`r${s}`, [], 'order', a.unit) < ticket(`r${s}`, [], 'order', b.unit) ? -1 : 1,
      );
      for (const unit of systematicSelect(order, remainingSample, startFromTicket(ticket(`r${s}`, [], 'start', ''))))
        hits.set(unit, (hits.get(unit) ?? 0) + 1);
    }
    for (const entry of open) {
      const frequency = (hits.get(entry.unit) ?? 0) / runs;
      const se = Math.sqrt((entry.probability * (1 - entry.probability)) / runs);
      expect(Math.abs(frequency - entry.probability), entry.unit).toBeLessThanOrEqual(4.5 * se + 1e-9);
    }
  });
});
