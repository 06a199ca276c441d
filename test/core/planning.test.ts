/**
 * Sample-size planning (src/core/planning.ts) and the normal quantile it starts from
 * (src/core/normal.ts): textbook values, the t iteration, rounding up, and properties that hold for
 * any assumptions (the plan's margin meets the target, with the fewest counties; more design effect
 * never needs fewer households).
 */
import fc from 'fast-check';
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/core/normal.js';
import {
  designEffectOf,
  designWith,
  effectiveSampleSize,
  householdsNeeded,
  type PlanningAssumptions,
  planSample,
} from '../../src/core/planning.js';
import { tQuantile } from '../../src/core/studentT.js';

/** evaluate's default design (3 villages × 5+5+5 households), 16 strata, ρ = 0.05, 90% response. */
const DEFAULT: PlanningAssumptions = {
  margin: 0.03,
  confidence: 0.95,
  proportion: 0.5,
  designEffect: { kind: 'icc', icc: 0.05, weighting: 1 },
  villagesPerCounty: 3,
  householdsPerVillage: 15,
  strata: 16,
  responseRate: 0.9,
};

describe('normalQuantile', () => {
  it("gives R's qnorm(p) (R 4.2.2, printed with 17 digits) to 2e-15", () => {
    const r: ReadonlyArray<readonly [number, number]> = [
      [0.5001, 0.00025066283008800752],
      [0.6, 0.25334710313579978],
      [0.8, 0.84162123357291441],
      [0.9, 1.2815515655446008],
      [0.95, 1.6448536269514715],
      [0.975, 1.9599639845400536],
      [0.99, 2.3263478740408408],
      [0.995, 2.5758293035488999],
      [0.999, 3.0902323061678132],
    ];
    for (const [p, expected] of r) {
      expect(Math.abs(normalQuantile(p) - expected), `p ${p}`).toBeLessThan(2e-15 * Math.max(1, expected));
      expect(normalQuantile(1 - p), `1 - ${p}`).toBeCloseTo(-expected, 12);
    }
    // Far out, the quantile is as good as 1 − p in a double allows (dz = dp/φ(z), φ(5.2) ≈ 1e-6).
    expect(Math.abs(normalQuantile(0.9999999) - 5.1993375822906618)).toBeLessThan(1e-9);
    expect(normalQuantile(0.5)).toBe(0);
    expect(() => normalQuantile(1)).toThrow(RangeError);
  });

  it('is below every t quantile and is their limit', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.6, max: 0.999, noNaN: true }), fc.integer({ min: 1, max: 400 }), (p, df) => {
        expect(normalQuantile(p)).toBeLessThan(tQuantile(p, df));
      }),
    );
    expect(tQuantile(0.975, 1e8)).toBeCloseTo(normalQuantile(0.975), 7);
  });
});

describe('planSample: textbook values', () => {
  it("Cochran's n₀: e = 0.05, p = 0.5 at 95% is 384.1…, so 385 households (deff 1, all answer, one household per village)", () => {
    expect(effectiveSampleSize(normalQuantile(0.975), 0.5, 0.05)).toBeCloseTo(384.1459, 4);
    const plan = planSample({
      ...DEFAULT,
      margin: 0.05,
      designEffect: { kind: 'given', deff: 1 },
      villagesPerCounty: 1,
      householdsPerVillage: 1,
      strata: 1,
      responseRate: 1,
    });
    expect(plan.normal.households).toBe(385);
    expect(plan.normal.counties).toBe(385);
    // e = 0.03: 1067.07 → 1068; p = 0.2, e = 0.05: 245.86 → 246 (Cochran's 4.4 example sizes).
    expect(effectiveSampleSize(normalQuantile(0.975), 0.5, 0.03)).toBeCloseTo(1067.0719, 4);
    expect(effectiveSampleSize(normalQuantile(0.975), 0.2, 0.05)).toBeCloseTo(245.8534, 4);
  });

  it('rounds up, but not a floating-point excess: z = 2 at e = 0.05 needs exactly 400', () => {
    // n₀ with z = 2, p = 0.1, e = 0.03 is 4 × 0.09 / 0.0009 = 400, and 400.00000000000006 in floating point.
    expect(effectiveSampleSize(2, 0.1, 0.03)).toBeGreaterThan(400);
    expect(householdsNeeded(effectiveSampleSize(2, 0.1, 0.03), 1, 1)).toBe(400);
    expect(householdsNeeded(400.5, 1, 1)).toBe(401);
    expect(householdsNeeded(100, 2.5, 0.8)).toBe(313); // 312.5
    const assumptions = { ...DEFAULT, designEffect: { kind: 'given', deff: 1 }, responseRate: 1 } as const;
    // 1068 households need 72 villages of 15 (71.2 rounded up) and 24 counties of 3.
    const cochran = planSample({ ...assumptions, strata: 1 });
    expect(cochran.normal).toMatchObject({ households: 1068, villages: 72, counties: 24 });
  });

  it("Kish's design effect: 1 + (b̄ − 1)·ρ with b̄ the respondents per county, times the weighting effect", () => {
    const effect = designEffectOf({ ...DEFAULT, designEffect: { kind: 'icc', icc: 0.05, weighting: 1.5 } });
    expect(effect.respondentsPerCounty).toBeCloseTo(40.5, 12); // 3 × 15 × 0.9
    expect(effect.clustering).toBeCloseTo(2.975, 12); // 1 + 39.5 × 0.05
    expect(effect.weighting).toBe(1.5);
    expect(effect.total).toBeCloseTo(4.4625, 12);
    expect(designEffectOf({ ...DEFAULT, designEffect: { kind: 'given', deff: 2.2 } })).toEqual({
      total: 2.2,
      clustering: null,
      weighting: null,
      respondentsPerCounty: 40.5,
    });
  });

  it('the default assumptions: 1067.07 × 2.975 / 0.9 → 3528 households at z, then t on df = counties − 16 until stable', () => {
    const plan = planSample(DEFAULT);
    expect(plan.normal).toMatchObject({ households: 3528, villages: 236, counties: 79 });
    // z → 79 counties (df 63) → t(63) needs 82 → t(66) needs 82: stable.
    expect(plan.steps.map((step) => [step.counties, step.df, step.countiesNeeded])).toEqual([
      [79, 63, 82],
      [82, 66, 82],
    ]);
    expect(plan.steps[1]!.multiplier).toBeCloseTo(1.9965644189523117, 12); // R: qt(0.975, 66)
    expect(plan.plan).toMatchObject({ counties: 82, villages: 246, households: 3690, df: 66 });
    expect(plan.limitedBy).toBe('margin');
    // 3690 × 0.9 / 2.975 = 1116.3 effective respondents: ±1.9966 × √(0.25 / 1116.3) = ±0.02988.
    expect(plan.plan.effectiveSize).toBeCloseTo(1116.3025, 3);
    expect(plan.plan.margin!).toBeCloseTo(0.029879, 6);
    // One county fewer misses the target.
    expect(designWith(DEFAULT, plan.designEffect.total, 81).margin!).toBeGreaterThan(0.03);
  });

  it("evaluate's default of 20 counties gives df 4 and t = 2.776: a margin of about ±0.083 under the same assumptions", () => {
    const design = designWith(DEFAULT, designEffectOf(DEFAULT).total, 20);
    expect(design).toMatchObject({ counties: 20, villages: 60, households: 900, df: 4, belowTwoPerStratum: true });
    expect(design.multiplier).toBeCloseTo(2.7764451051977934, 12);
    // 2.7764 × √(0.25 × 2.975 / 810) = 0.08413
    expect(design.margin!).toBeCloseTo(2.7764451051977934 * Math.sqrt((0.25 * 2.975) / 810), 14);
    expect(design.margin!).toBeCloseTo(0.0841, 4);
    // Fewer counties than strata: no stratum has two, no df, no t interval.
    expect(designWith(DEFAULT, 2.975, 12)).toMatchObject({ df: 0, multiplier: null, margin: null });
  });

  it('never fewer than 2 counties per stratum: a wide margin is set by the minimum, and then beats the target', () => {
    const plan = planSample({ ...DEFAULT, margin: 0.2 });
    expect(plan.minimumCounties).toBe(32);
    expect(plan.plan.counties).toBe(32);
    expect(plan.limitedBy).toBe('two-per-stratum');
    expect(plan.plan.df).toBe(16);
    expect(plan.plan.margin!).toBeLessThan(0.2);
  });
});

describe("Kish's design effect against a simulation of the county-clustered design", () => {
  it('the spread of p̂ over 4,000 simulated samples is the one the design effect with b̄ = respondents per county predicts', () => {
    // Counties' own proportions are p ± δ with δ² = ρ·p(1−p): the intra-class correlation of the
    // households' answers within a county is ρ. 20 counties × 3 villages × 15 households, half
    // answering at random: b̄ = 22.5 respondents per county, deff = 1 + 21.5 × 0.2 = 5.3 (with the
    // households, 45, it would be 9.8: a spread 36% larger). Monte Carlo error of the SD: 1/√8000 ≈ 1.1%.
    const given: PlanningAssumptions = {
      ...DEFAULT,
      proportion: 0.5,
      designEffect: { kind: 'icc', icc: 0.2, weighting: 1 },
      responseRate: 0.5,
      strata: 1,
    };
    const effect = designEffectOf(given);
    expect(effect.total).toBeCloseTo(5.3, 12);
    const design = designWith(given, effect.total, 20);
    const predicted = design.margin! / design.multiplier!;
    const random = seedrandom('plan-sample: Kish simulation');
    const delta = Math.sqrt(0.2 * 0.25);
    const estimates: number[] = [];
    for (let sample = 0; sample < 4000; sample++) {
      let yes = 0;
      let respondents = 0;
      for (let county = 0; county < 20; county++) {
        const own = random() < 0.5 ? 0.5 - delta : 0.5 + delta;
        for (let household = 0; household < 45; household++) {
          if (random() >= 0.5) continue;
          respondents++;
          if (random() < own) yes++;
        }
      }
      estimates.push(yes / respondents);
    }
    const mean = estimates.reduce((sum, value) => sum + value, 0) / estimates.length;
    const spread = Math.sqrt(estimates.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (estimates.length - 1));
    expect(Math.abs(spread / predicted - 1)).toBeLessThan(0.05);
    const withHouseholds = Math.sqrt((0.25 * (1 + 44 * 0.2)) / (20 * 45 * 0.5));
    expect(spread / withHouseholds).toBeLessThan(0.85);
  });
});

describe('planSample: limits', () => {
  it('refuses a plan of more than 10,000,000 households (a slip in the assumptions), also an infinite one', () => {
    const huge = { ...DEFAULT, margin: 0.0003, designEffect: { kind: 'given', deff: 100 } } as const;
    expect(() => planSample(huge)).toThrow(
      'the plan would need 1,185,635,439 households, more than 10,000,000: widen --margin, or check --deff, --icc and --response-rate',
    );
    expect(() => planSample({ ...huge, margin: 1e-300 })).toThrow('the plan would need ∞ households');
  });

  it('near the limit, with one household per county (df in the millions), the plan still meets the target with the fewest counties', () => {
    const one = { ...DEFAULT, villagesPerCounty: 1, householdsPerVillage: 1, responseRate: 1, strata: 1 };
    const given = { ...one, margin: 0.0007, designEffect: { kind: 'given', deff: 4.5 } } as const;
    const plan = planSample(given);
    expect(plan.plan.households).toBeGreaterThan(8_000_000);
    expect(plan.plan.margin!).toBeLessThanOrEqual(given.margin * (1 + 1e-9));
    expect(designWith(given, 4.5, plan.plan.counties - 1).margin!).toBeGreaterThan(given.margin * (1 - 1e-9));
  });
});

const assumptions = fc.record({
  margin: fc.double({ min: 0.005, max: 0.3, noNaN: true }),
  confidence: fc.constantFrom(0.8, 0.9, 0.95, 0.99),
  proportion: fc.double({ min: 0.02, max: 0.98, noNaN: true }),
  designEffect: fc.oneof(
    fc.record({ kind: fc.constant('given' as const), deff: fc.double({ min: 0.5, max: 8, noNaN: true }) }),
    fc.record({
      kind: fc.constant('icc' as const),
      icc: fc.double({ min: 0, max: 0.5, noNaN: true }),
      weighting: fc.double({ min: 1, max: 3, noNaN: true }),
    }),
  ),
  villagesPerCounty: fc.integer({ min: 1, max: 8 }),
  householdsPerVillage: fc.integer({ min: 1, max: 40 }),
  strata: fc.integer({ min: 1, max: 30 }),
  responseRate: fc.double({ min: 0.3, max: 1, noNaN: true }),
});

describe('planSample: properties', () => {
  it('the plan meets the target margin, with the fewest counties that do (at least 2 per stratum)', () => {
    fc.assert(
      fc.property(assumptions, (given) => {
        const plan = planSample(given);
        expect(plan.plan.counties).toBeGreaterThanOrEqual(2 * given.strata);
        expect(plan.plan.margin!).toBeLessThanOrEqual(given.margin * (1 + 1e-9));
        if (plan.plan.counties > 2 * given.strata) {
          const fewer = designWith(given, plan.designEffect.total, plan.plan.counties - 1);
          expect(fewer.margin!).toBeGreaterThan(given.margin * (1 - 1e-9));
        }
        // The t iteration starts at the normal's counties and ends stable.
        expect(plan.steps[0]!.counties).toBe(Math.max(2 * given.strata, plan.normal.counties));
        const last = plan.steps[plan.steps.length - 1]!;
        expect(last.countiesNeeded).toBeLessThanOrEqual(last.counties);
        expect(plan.needed.households).toBeLessThanOrEqual(plan.plan.households);
      }),
      { numRuns: 300 },
    );
  });

  it('more design effect, a smaller margin or a lower response rate never needs fewer households or counties', () => {
    fc.assert(
      fc.property(assumptions, fc.double({ min: 1, max: 3, noNaN: true }), (given, factor) => {
        const plan = planSample(given);
        const deff = plan.designEffect.total;
        const more = [
          planSample({ ...given, designEffect: { kind: 'given', deff: deff * factor } }),
          planSample({ ...given, margin: given.margin / factor }),
          planSample({ ...given, responseRate: given.responseRate / factor }),
        ];
        for (const larger of more) {
          expect(larger.needed.households).toBeGreaterThanOrEqual(plan.normal.households);
          expect(larger.plan.households).toBeGreaterThanOrEqual(plan.plan.households);
          expect(larger.plan.counties).toBeGreaterThanOrEqual(plan.plan.counties);
        }
      }),
      { numRuns: 200 },
    );
  });
});
