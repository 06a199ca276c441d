/**
 * The tests "drawMonthly" and "inclusion probabilities (statistical)" from test/monthly.test.ts (moved, issue 14).
 */
import { describe, expect, it } from 'vitest';
import { drawMonthly, type MonthlyParameters } from '../../src/core/monthly.js';
import { resolveScope } from '../../src/core/scope.js';
import { syntheticFrame } from '../synthetic.js';

// 6 counties; villages with 12, 8, 3 … households (poor + exited count is 3/4 of each, rounded up).
const frame = syntheticFrame([[12, 8], [16, 4, 9], [7], [10, 10, 10, 10], [3, 5], [20, 2, 6]]);

function parameters(overrides: Partial<MonthlyParameters> = {}): MonthlyParameters {
  return {
    month: '2026-11',
    seed: 'test-seed',
    level: 'province',
    scope: resolveScope(frame, 'province', null),
    counties: 3,
    villagesPerCounty: 2,
    householdsPerVillage: 3,
    villageFrame: 'auto',
    statuses: ['poor', 'exited'],
    ...overrides,
  };
}

const selection = (draw: ReturnType<typeof drawMonthly>) => draw.households.map((entry) => entry.household.key);

describe('drawMonthly', () => {
  it('draws the sizes asked, within the frame, with consistent probabilities and weights', () => {
    const draw = drawMonthly(frame, parameters());
    expect(draw.counties).toHaveLength(3);
    expect(draw.frame.sizes.counties).toBe(6);
    for (const county of draw.counties) {
      expect(county.stageProbability).toBe(3 / 6);
      const villages = draw.villages.filter((village) => village.county.key === county.county.key);
      expect(villages.length).toBe(Math.min(2, county.frameVillages));
    }
    for (const household of draw.households) {
      expect(['poor', 'exited']).toContain(household.household.status);
      const village = draw.villages.find((entry) => entry.village.key === household.village.key)!;
      expect(household.probability).toBeCloseTo(village.probability * household.stageProbability, 14);
      expect(household.weight * household.probability).toBeCloseTo(1, 12);
      expect(household.probability).toBeGreaterThan(0);
      expect(household.probability).toBeLessThanOrEqual(1);
    }
    expect(new Set(selection(draw)).size).toBe(draw.households.length);
  });

  it('is deterministic, and a different seed, month, level or scope gives a different draw', () => {
    const base = selection(drawMonthly(frame, parameters()));
    expect(selection(drawMonthly(frame, parameters()))).toEqual(base);
    expect(selection(drawMonthly(frame, parameters({ seed: 'other' })))).not.toEqual(base);
    expect(selection(drawMonthly(frame, parameters({ month: '2026-12' })))).not.toEqual(base);
    const prefecture = resolveScope(frame, 'prefecture', '532500');
    const inPrefecture = drawMonthly(frame, parameters({ level: 'prefecture', scope: prefecture, counties: 2 }));
    expect(inPrefecture.counties.every((county) => county.county.prefectureCode === '532500')).toBe(true);
    const otherPrefecture = drawMonthly(
      frame,
      parameters({ level: 'prefecture', scope: resolveScope(frame, 'prefecture', '532600'), counties: 2 }),
    );
    expect(selection(otherPrefecture)).not.toEqual(selection(inPrefecture));
  });

  it('takes every unit of a small stratum and reports the shortfall', () => {
    const draw = drawMonthly(frame, parameters({ counties: 10, householdsPerVillage: 9 }));
    expect(draw.counties).toHaveLength(6);
    expect(draw.shortfalls[0]).toEqual({
      stage: 'county',
      stratum: 'scope',
      stratumLabel: 'province',
      requested: 10,
      available: 6,
    });
    expect(draw.shortfalls.some((shortfall) => shortfall.stage === 'village' && shortfall.available === 1)).toBe(true);
    expect(draw.counties.every((county) => county.stageProbability === 1)).toBe(true);
  });

  it('draws villages of the scope county at county level and of the township at township level', () => {
    const county = resolveScope(frame, 'county', '县4');
    const draw = drawMonthly(
      frame,
      parameters({ level: 'county', scope: county, counties: null, villagesPerCounty: 3 }),
    );
    expect(draw.counties).toHaveLength(1);
    expect(draw.counties[0]!.ticket).toBeNull();
    expect(draw.counties[0]!.probability).toBe(1);
    expect(draw.villages).toHaveLength(3);
    expect(draw.villages.every((village) => village.stageProbability === 3 / 4)).toBe(true);
    const township = resolveScope(frame, 'township', '县2›镇');
    const inTownship = drawMonthly(frame, parameters({ level: 'township', scope: township, counties: null }));
    expect(inTownship.villages.every((village) => village.township.key === township.key)).toBe(true);
  });

  it('keeps only poor villages when the registry marks them, and all villages when asked', () => {
    const marked = syntheticFrame([[5, 5, 5]], new Set(['532501›镇›村2']));
    const base = { ...parameters(), scope: resolveScope(marked, 'province', null), counties: 1 };
    expect(drawMonthly(marked, base).frame.sizes.villages).toBe(2);
    expect(drawMonthly(marked, { ...base, villageFrame: 'all' }).frame.sizes.villages).toBe(3);
    expect(
      drawMonthly({ ...marked, marksPoorVillages: false } as typeof marked, base).frame.definition.villageFrameNote,
    ).toMatch(/does not mark poor villages/);
  });

  it('asking for more counties, villages or households later gives a superset of the first draw', () => {
    const first = drawMonthly(frame, parameters());
    const extended = drawMonthly(frame, parameters({ counties: 4, villagesPerCounty: 3, householdsPerVillage: 5 }));
    const keys = (draw: ReturnType<typeof drawMonthly>) => ({
      counties: draw.counties.map((entry) => entry.county.key),
      villages: draw.villages.map((entry) => entry.village.key),
      households: draw.households.map((entry) => entry.household.key),
    });
    const a = keys(first);
    const b = keys(extended);
    expect(a.counties.every((key) => b.counties.includes(key))).toBe(true);
    expect(a.villages.every((key) => b.villages.includes(key))).toBe(true);
    expect(a.households.every((key) => b.households.includes(key))).toBe(true);
    expect(b.households.length).toBeGreaterThan(a.households.length);
  });

  it('widens the household frame to non-poor households when asked', () => {
    const draw = drawMonthly(frame, parameters({ statuses: ['poor', 'exited', 'nonpoor'] }));
    expect(draw.frame.sizes.households).toBe(frame.households.length);
  });
});

describe('inclusion probabilities (statistical)', () => {
  it('each unit is selected as often as its stated probability, over many seeds', () => {
    const seeds = 3000;
    const stated = new Map<string, number>();
    const hits = new Map<string, number>();
    const record = (key: string, probability: number) => {
      const previous = stated.get(key);
      if (previous !== undefined) expect(previous).toBeCloseTo(probability, 12);
      stated.set(key, probability);
      hits.set(key, (hits.get(key) ?? 0) + 1);
    };
    for (let s = 0; s < seeds; s++) {
      const draw = drawMonthly(frame, parameters({ seed: `stat-${s}` }));
      for (const county of draw.counties) record(`c:${county.county.key}`, county.probability);
      for (const village of draw.villages) record(`v:${village.village.key}`, village.probability);
      for (const household of draw.households) record(`h:${household.household.key}`, household.probability);
    }
    // Every unit of the frame should have been seen, with frequency within 4.5 standard errors.
    const frameHouseholds = frame.households.filter((household) => household.status !== 'nonpoor').length;
    expect([...stated.keys()].filter((key) => key.startsWith('h:')).length).toBe(frameHouseholds);
    let worst = 0;
    for (const [key, probability] of stated) {
      const frequency = hits.get(key)! / seeds;
      const standardError = Math.sqrt((probability * (1 - probability)) / seeds) || 1e-9;
      worst = Math.max(worst, Math.abs(frequency - probability) / standardError);
      expect(
        Math.abs(frequency - probability),
        `${key}: frequency ${frequency} vs probability ${probability}`,
      ).toBeLessThanOrEqual(4.5 * standardError + 1e-12);
    }
    expect(worst).toBeGreaterThan(0); // the draws really vary
  });
});
