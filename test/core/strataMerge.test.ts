/**
 * Merged strata (src/core/strataMerge.ts, docs/algorithm.md §14.3.1): on Yunnan's 16 real
 * prefectures, 20 counties with at least 2 per stratum give the ten strata the rule states (worked
 * out by hand from the county counts, not from the code); the result does not depend on the order
 * of the input; the labels are the parts in code point order; and for any strata the merged ones
 * can all be given the minimum (property).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, allocationTarget } from '../../src/core/allocation.js';
import { mergeStrata } from '../../src/core/strataMerge.js';
import { YUNNAN_COUNTIES_CSV } from '../../src/data/yunnanCounties.js';
import { sum } from './allocationKit.js';

/** Yunnan's prefectures with their number of counties (the bundled division table). */
function yunnanPrefectures(): { label: string; units: number; measure: number }[] {
  const counts = new Map<string, number>();
  for (const line of YUNNAN_COUNTIES_CSV.trim().split('\n').slice(1)) {
    const prefecture = line.split(',')[1]!;
    counts.set(prefecture, (counts.get(prefecture) ?? 0) + 1);
  }
  return [...counts].map(([label, units]) => ({ label, units, measure: units }));
}

describe('mergeStrata', () => {
  it('merges the 16 Yunnan prefectures into 10 strata of at least 2 for 20 counties, as the rule states', () => {
    const prefectures = yunnanPrefectures();
    expect(prefectures).toHaveLength(16);
    expect(sum(prefectures.map((prefecture) => prefecture.units))).toBe(129);
    const merged = mergeStrata(prefectures, 20, 2);
    // By hand (counties: 西双版纳 3, 迪庆 3, 怒江 4, 丽江 5, 保山 5, 德宏 5, 临沧 8, 文山 8, 曲靖 9, 玉溪 9, …):
    // 西双版纳+迪庆 (6), 怒江+丽江 (9), 保山+德宏 (10), 西双版纳+迪庆 with 临沧 (14),
    // 文山 with 丽江+怒江 (17; "丽…" before 曲靖 and 玉溪 at 9), 曲靖+玉溪 (18).
    expect(merged.map((stratum) => [stratum.label, stratum.units])).toEqual([
      ['临沧市+西双版纳傣族自治州+迪庆藏族自治州', 14],
      ['丽江市+怒江傈僳族自治州+文山壮族苗族自治州', 17],
      ['保山市+德宏傣族景颇族自治州', 10],
      ['大理白族自治州', 12],
      ['昆明市', 14],
      ['昭通市', 11],
      ['普洱市', 10],
      ['曲靖市+玉溪市', 18],
      ['楚雄彝族自治州', 10],
      ['红河哈尼族彝族自治州', 13],
    ]);
    expect(merged.find((stratum) => stratum.label === '曲靖市+玉溪市')!.parts).toEqual(['曲靖市', '玉溪市']);
    expect(merged.find((stratum) => stratum.label === '昆明市')!.parts).toEqual(['昆明市']);
    const allocation = allocate(
      20,
      merged.map((stratum) => ({ key: stratum.label, units: stratum.units, measure: stratum.measure })),
      'proportional',
      2,
    );
    expect([...allocation.values()]).toEqual(Array(10).fill(2)); // 10 strata × 2: 10 design df
  });

  it('names a merged stratum by its parts in code point order, and merges a stratum short of the minimum first', () => {
    const merged = mergeStrata(
      [
        { label: '迪庆藏族自治州', units: 3, measure: 3 },
        { label: '怒江傈僳族自治州', units: 4, measure: 4 },
        { label: '昆明市', units: 14, measure: 14 },
      ],
      4,
      2,
    );
    expect(merged.map((stratum) => stratum.label)).toEqual(['怒江傈僳族自治州+迪庆藏族自治州', '昆明市']);
    // A with one county but many households is short of 2: it is merged first, with the smallest other.
    const short = mergeStrata(
      [
        { label: 'A', units: 1, measure: 900 },
        { label: 'B', units: 5, measure: 50 },
        { label: 'C', units: 6, measure: 60 },
      ],
      20,
      2,
    );
    expect(short.map((stratum) => stratum.label)).toEqual(['A+B', 'C']);
    // Nothing to do: every stratum has the minimum and there are few enough.
    expect(mergeStrata([{ label: 'B', units: 5, measure: 5 }], 3, 2).map((stratum) => stratum.label)).toEqual(['B']);
    // Ties of measure: the label in code point order decides, not the input order.
    const tied = [
      { label: 'y', units: 2, measure: 2 },
      { label: 'x', units: 2, measure: 2 },
      { label: 'z', units: 2, measure: 2 },
    ];
    expect(mergeStrata(tied, 4, 2).map((stratum) => stratum.label)).toEqual(['x+y', 'z']);
  });

  it('gives strata that can all get the minimum, whatever the input and its order (property)', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            label: fc.string({ minLength: 1, maxLength: 3 }),
            units: fc.integer({ min: 0, max: 12 }),
            measure: fc.integer({ min: 0, max: 500 }),
          }),
          { minLength: 1, maxLength: 18, selector: (stratum) => stratum.label },
        ),
        fc.integer({ min: 1, max: 60 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer(),
        (strata, counties, minimum, shuffleSeed) => {
          const target = allocationTarget(counties, strata);
          const merged = mergeStrata(strata, target, minimum);
          // Every input stratum is in exactly one merged stratum; units and measures are kept.
          expect(merged.flatMap((stratum) => stratum.parts).sort()).toEqual(
            strata.map((stratum) => stratum.label).sort(),
          );
          expect(sum(merged.map((stratum) => stratum.units))).toBe(sum(strata.map((stratum) => stratum.units)));
          expect(sum(merged.map((stratum) => stratum.measure))).toBe(sum(strata.map((stratum) => stratum.measure)));
          if (merged.length > 1) {
            expect(merged.every((stratum) => stratum.units >= minimum)).toBe(true);
            expect(merged.length * minimum).toBeLessThanOrEqual(target);
            const allocation = allocate(
              counties,
              merged.map((stratum) => ({ key: stratum.label, units: stratum.units, measure: stratum.measure })),
              'proportional',
              minimum,
            );
            for (const stratum of merged) expect(allocation.get(stratum.label)!).toBeGreaterThanOrEqual(minimum);
          }
          // The order of the input does not matter.
          const shuffled = [...strata].sort(
            (a, b) =>
              ((a.label.charCodeAt(0) * 31 + shuffleSeed) % 7) - ((b.label.charCodeAt(0) * 31 + shuffleSeed) % 7),
          );
          expect(mergeStrata(shuffled, target, minimum)).toEqual(merged);
        },
      ),
      { numRuns: 400 },
    );
  });
});
