import { describe, expect, it } from 'vitest';
import {
  designDegreesOfFreedom,
  drawEvaluation,
  probabilityOf,
  type EvaluationParameters,
} from '../../src/core/evaluate.js';
import { SpotcheckError } from '../../src/errors.js';
import type { HouseholdStatus } from '../../src/core/frame.js';
import { syntheticFrame } from '../synthetic.js';

// 8 counties in 2 prefecture strata (even counties 红河, odd 文山), villages of various sizes.
const frame = syntheticFrame([
  [30, 8, 12],
  [16, 4, 9, 20],
  [7, 7],
  [40, 10, 10, 10],
  [3, 5, 25],
  [20, 2, 6],
  [60],
  [9, 9, 9],
]);
const strata = new Map(frame.counties.map((county) => [county.key, county.prefecture]));

function parameters(overrides: Partial<EvaluationParameters> = {}): EvaluationParameters {
  return {
    seed: 'eval-seed',
    counties: 4,
    countyStrata: strata,
    strataRule: 'prefecture',
    allocation: 'proportional',
    countySelection: 'srs',
    villagesPerCounty: 2,
    householdsPerStratum: { poor: 2, exited: 3, nonpoor: 2 },
    spares: 1,
    ...overrides,
  };
}

describe('drawEvaluation', () => {
  it('allocates counties to strata, draws villages and households per status with spares', () => {
    const draw = drawEvaluation(frame, parameters());
    expect(draw.strata.map((stratum) => [stratum.stratum, stratum.counties, stratum.allocated])).toEqual([
      ['文山壮族苗族自治州', 4, 2],
      ['红河哈尼族彝族自治州', 4, 2],
    ]);
    expect(draw.counties).toHaveLength(4);
    expect(draw.villages).toHaveLength(
      draw.counties.reduce((sum, county) => sum + Math.min(2, county.frameVillages), 0),
    );
    for (const village of draw.villages) {
      const samples = draw.households.filter((h) => h.village === village && h.role === 'sample');
      for (const status of ['poor', 'exited', 'nonpoor'] as HouseholdStatus[]) {
        const asked = parameters().householdsPerStratum[status];
        expect(samples.filter((h) => h.stratum === status)).toHaveLength(Math.min(asked, village.households[status]));
      }
      const spares = draw.households.filter((h) => h.village === village && h.role === 'spare');
      for (const spare of spares) expect(spare.rank).toBe(spare.householdsDrawn + 1);
    }
    expect(draw.shortfalls.some((shortfall) => shortfall.stage === 'household')).toBe(true);
  });

  it('PPS takes large counties with certainty and gives exact probabilities', () => {
    const draw = drawEvaluation(frame, parameters({ countySelection: 'pps', counties: 6 }));
    const certain = draw.counties.filter((county) => county.method === 'certainty');
    expect(certain.length).toBeGreaterThan(0);
    for (const county of certain) expect(probabilityOf(county.probability)).toBe(1);
    expect(draw.counties).toHaveLength(6);
  });

  for (const countySelection of ['srs', 'pps'] as const) {
    it(`${countySelection}: each county, village and household is drawn as often as its stated probability, and weights estimate the population`, () => {
      const seeds = 2500;
      const stated = new Map<string, number>();
      const hits = new Map<string, number>();
      const totals: Record<HouseholdStatus, number[]> = { poor: [], exited: [], nonpoor: [] };
      // A unit's stated probability is the same in every draw (to 12 digits, as toBeCloseTo(…, 12));
      // compared in plain code and asserted once: an expect() per unit and draw cost seconds.
      const changed: string[] = [];
      const record = (key: string, probability: number) => {
        const previous = stated.get(key);
        if (previous !== undefined && !(Math.abs(previous - probability) < 10 ** -12 / 2))
          changed.push(`${key}: ${previous} then ${probability}`);
        stated.set(key, probability);
        hits.set(key, (hits.get(key) ?? 0) + 1);
      };
      for (let s = 0; s < seeds; s++) {
        const draw = drawEvaluation(frame, parameters({ seed: `stat-${s}`, countySelection, spares: 0 }));
        for (const county of draw.counties) record(`c:${county.county.key}`, probabilityOf(county.probability));
        for (const village of draw.villages) record(`v:${village.village.key}`, probabilityOf(village.probability));
        const estimate: Record<HouseholdStatus, number> = { poor: 0, exited: 0, nonpoor: 0 };
        for (const household of draw.households) {
          record(`h:${household.household.key}`, probabilityOf(household.overall));
          estimate[household.stratum] += 1 / probabilityOf(household.overall);
        }
        for (const status of ['poor', 'exited', 'nonpoor'] as HouseholdStatus[]) totals[status].push(estimate[status]);
      }
      expect(changed).toEqual([]);
      for (const [key, probability] of stated) {
        const frequency = hits.get(key)! / seeds;
        const se = Math.sqrt((probability * (1 - probability)) / seeds);
        expect(Math.abs(frequency - probability), `${key}: ${frequency} vs ${probability}`).toBeLessThanOrEqual(
          4.5 * se + 1e-12,
        );
      }
      // Horvitz–Thompson: the mean weighted count per status is within 3 standard errors of the truth.
      for (const status of ['poor', 'exited', 'nonpoor'] as HouseholdStatus[]) {
        const truth = frame.households.filter((household) => household.status === status).length;
        const values = totals[status];
        const mean = values.reduce((a, b) => a + b, 0) / seeds;
        const sd = Math.sqrt(values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (seeds - 1));
        expect(Math.abs(mean - truth), `${status}: mean ${mean} vs ${truth}`).toBeLessThanOrEqual(
          3 * (sd / Math.sqrt(seeds)),
        );
      }
    });
  }
});

describe('drawEvaluation: --min-per-stratum and --merge-strata', () => {
  it('gives each stratum at least the minimum, refuses a minimum the counties cannot give, and merges when asked', () => {
    const two = drawEvaluation(frame, parameters({ counties: 4, minPerStratum: 2 }));
    expect(two.strata.map((stratum) => stratum.allocated)).toEqual([2, 2]);
    expect(designDegreesOfFreedom(two)).toEqual({ counties: 4, strata: 2, df: 2, singleCountyStrata: 0 });
    expect(two.strata.every((stratum) => stratum.merged === undefined)).toBe(true);

    let refused: unknown;
    try {
      drawEvaluation(frame, parameters({ counties: 3, minPerStratum: 2 }));
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(SpotcheckError);
    expect((refused as SpotcheckError).code).toBe('USAGE');
    expect((refused as Error).message).toMatch(/--min-per-stratum 2 needs 4 counties .* --counties is 3/);

    // Merged: the two prefectures become one stratum named by both, and the draw is SRS of 3 in 8.
    const merged = drawEvaluation(frame, parameters({ counties: 3, minPerStratum: 2, mergeStrata: true }));
    expect(merged.strata).toEqual([
      {
        stratum: '文山壮族苗族自治州+红河哈尼族彝族自治州',
        counties: 8,
        households: merged.strata[0]!.households,
        allocated: 3,
        certainty: 0,
        merged: ['文山壮族苗族自治州', '红河哈尼族彝族自治州'],
      },
    ]);
    expect(merged.counties.map((county) => [county.stratum, county.probability])).toEqual(
      Array(3).fill(['文山壮族苗族自治州+红河哈尼族彝族自治州', { numerator: 3, denominator: 8 }]),
    );
    expect(designDegreesOfFreedom(merged)).toEqual({ counties: 3, strata: 1, df: 2, singleCountyStrata: 0 });
    // With counties enough for both strata, --merge-strata changes nothing.
    const unmerged = drawEvaluation(frame, parameters({ counties: 4, minPerStratum: 2, mergeStrata: true }));
    expect(unmerged).toEqual(two);
  });

  it('refuses a merged stratum whose name another stratum has', () => {
    // A and B (one county each) merge into "A+B", the name of the stratum of three counties beside them.
    const names = ['A', 'B', 'A+B', 'A+B', 'A+B', 'C', 'C', 'C'];
    const byName = new Map(frame.counties.map((county, index) => [county.key, names[index]!]));
    expect(() =>
      drawEvaluation(frame, parameters({ countyStrata: byName, counties: 6, minPerStratum: 2, mergeStrata: true })),
    ).toThrow(/--merge-strata made a stratum named "A\+B", which is also the name of another stratum/);
  });

  it('draws exactly as before when the minimum is 1 and nothing is merged', () => {
    for (const countySelection of ['srs', 'pps'] as const) {
      const before = drawEvaluation(frame, parameters({ countySelection, counties: 5 }));
      expect(
        drawEvaluation(frame, parameters({ countySelection, counties: 5, minPerStratum: 1, mergeStrata: false })),
      ).toEqual(before);
    }
  });

  it('counts one-county strata in the design df', () => {
    const one = drawEvaluation(frame, parameters({ counties: 3 }));
    expect(one.strata.map((stratum) => stratum.allocated).sort()).toEqual([1, 2]);
    expect(designDegreesOfFreedom(one)).toEqual({ counties: 3, strata: 2, df: 1, singleCountyStrata: 1 });
  });
});
