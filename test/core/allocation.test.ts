/** The tests "allocate" from test/allocation.test.ts (moved, issue 14). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, minimumNeeded, type StratumSize } from '../../src/core/allocation.js';
import { sum } from './allocationKit.js';

const strata = (units: number[], measures = units): StratumSize[] =>
  units.map((count, index) => ({ key: `s${String(index).padStart(2, '0')}`, units: count, measure: measures[index]! }));

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

  it('gives every stratum at least --min-per-stratum (all of a smaller one) when the total allows it', () => {
    const units = [14, 11, 9, 10, 11, 5, 4, 10, 10, 13, 8, 3, 12, 5, 4, 3]; // 129 counties in 16 prefectures
    const forty = allocate(40, strata(units), 'proportional', 2);
    expect(sum(forty.values())).toBe(40);
    expect([...forty.values()].every((n) => n >= 2)).toBe(true);
    // Without the minimum, 40 counties leave the smallest prefectures one county each.
    expect([...allocate(40, strata(units), 'proportional').values()].filter((n) => n === 1).length).toBeGreaterThan(0);
    // A stratum with fewer counties than the minimum gets all of them; the others at least 3.
    expect([...allocate(10, strata([1, 6, 6]), 'equal', 3).values()]).toEqual([1, 5, 4]);
    // 20 counties cannot give 16 strata 2 each: the minimum falls back to 1 (the command refuses this case).
    expect(minimumNeeded(strata(units), 2)).toBe(32);
    expect([...allocate(20, strata(units), 'proportional', 2).values()]).toEqual([
      ...allocate(20, strata(units), 'proportional').values(),
    ]);
  });

  it('keeps every bound with a minimum per stratum, for any input (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ units: fc.integer({ min: 0, max: 30 }), measure: fc.integer({ min: 0, max: 5000 }) }), {
          minLength: 1,
          maxLength: 20,
        }),
        fc.integer({ min: 0, max: 120 }),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('proportional' as const, 'equal' as const, 'households' as const),
        (raw, total, minimum, method) => {
          const input = raw.map((entry, index) => ({ key: `k${index}`, ...entry }));
          const result = allocate(total, input, method, minimum);
          const target = Math.min(total, sum(input.map((stratum) => stratum.units)));
          expect(sum(result.values())).toBe(target);
          const feasible = minimumNeeded(input, minimum) <= target;
          for (const stratum of input) {
            const given = result.get(stratum.key)!;
            expect(given).toBeLessThanOrEqual(stratum.units);
            expect(given).toBeGreaterThanOrEqual(0);
            if (feasible) expect(given).toBeGreaterThanOrEqual(Math.min(minimum, stratum.units));
          }
          // Minimum 1 is the allocation of every earlier draw.
          if (minimum === 1) expect(result).toEqual(allocate(total, input, method));
        },
      ),
      { numRuns: 500 },
    );
  });
});
