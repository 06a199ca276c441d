import { describe, expect, it } from 'vitest';
import { drawEvaluation, probabilityOf, type EvaluationParameters } from '../../src/core/evaluate.js';
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
