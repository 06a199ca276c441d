/**
 * Certainty counties as their own variance strata (issue 17, src/core/varianceUnits.ts), and the
 * totals and design effects of estimateProportion on frames whose answers are known by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type EstimationRow, estimateProportion, intervalRule } from '../../src/core/estimate.js';
import { type DesignRow, varianceUnits } from '../../src/core/varianceUnits.js';

const design = (stratum: string, cluster: string, countyProbability: number | null, village: string | null) => ({
  stratum,
  cluster,
  countyProbability,
  village,
});

describe('varianceUnits', () => {
  const rows: DesignRow[] = [
    design('A', '1', 1, 'v1'),
    design('A', '1', 1, 'v1'),
    design('A', '1', 1, 'v2'),
    design('B', '2', 0.5, 'v3'),
    design('B', '3', 0.5, 'v4'),
    design('C', '4', 1, 'v5'),
    design('C', '5', 1, 'v6'),
  ];

  it('makes a county of probability 1 its own stratum with its villages as PSUs; the others keep their county stratum', () => {
    const result = varianceUnits(rows);
    // A's county 1 (villages v1, v2), C's counties 4 and 5 (one village each: lonely strata), and B with 2 counties.
    expect(result).toMatchObject({ certaintyCounties: 3, strata: 4, psus: 6, df: 2 });
    expect(result.units[0]).toEqual(result.units[1]);
    expect(result.units[0]!.cluster).toBe('v1');
    expect(result.units[2]!.stratum).toBe(result.units[0]!.stratum);
    expect(result.units[3]).toEqual({ stratum: 'B', cluster: '2' });
    expect(result.units[5]!.stratum).not.toBe(result.units[6]!.stratum);
  });

  it('keeps counties as PSUs when off, or when the frame has no probability or village', () => {
    expect(varianceUnits(rows, false)).toMatchObject({ certaintyCounties: 0, strata: 3, psus: 5, df: 2 });
    const noVillage = rows.map((row) => ({ ...row, village: null }));
    expect(varianceUnits(noVillage)).toMatchObject({ certaintyCounties: 0, strata: 3, psus: 5 });
    const noProbability = rows.map((row) => ({ ...row, countyProbability: null }));
    expect(varianceUnits(noProbability).units).toEqual(varianceUnits(rows, false).units);
  });

  it('gives each row the same unit whatever the rows’ order, and df = PSUs − strata (property)', () => {
    const row = fc.record({
      stratum: fc.constantFrom('S1', 'S2', 'S3'),
      cluster: fc.constantFrom('c1', 'c2', 'c3', 'c4'),
      countyProbability: fc.constantFrom(1, 0.5, null),
      village: fc.constantFrom('v1', 'v2', null),
    });
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 30 }), fc.integer(), (frame, seed) => {
        const order = frame
          .map((_, index) => index)
          .sort((a, b) => ((a * 7919 + seed) % 31) - ((b * 7919 + seed) % 31));
        const direct = varianceUnits(frame);
        const shuffled = varianceUnits(order.map((index) => frame[index]!));
        for (const [at, index] of order.entries()) expect(shuffled.units[at]).toEqual(direct.units[index]);
        expect([shuffled.strata, shuffled.psus, shuffled.certaintyCounties]).toEqual([
          direct.strata,
          direct.psus,
          direct.certaintyCounties,
        ]);
        expect(direct.df).toBe(direct.psus - direct.strata);
        // Without the rule, the units are the counties in their strata.
        expect(varianceUnits(frame, false).units).toEqual(frame.map(({ stratum, cluster }) => ({ stratum, cluster })));
      }),
    );
  });
});

describe('estimateProportion: totals and design effects', () => {
  const row = (stratum: string, cluster: string, weight: number, value: 0 | 1 | null, domain = ''): EstimationRow => ({
    stratum,
    cluster,
    weight,
    value,
    domain,
  });

  it('each household its own PSU with equal weights w: deff = w/(w − 1) for the proportion and the total (R: deff = TRUE)', () => {
    for (const weight of [2, 5, 40]) {
      const rows = [1, 0, 1, 1, 0, 1, 1, 0].map((value, index) => row('A', `h${index}`, weight, value as 0 | 1));
      const estimate = estimateProportion(rows, null, 'adjust', intervalRule('t', 7));
      expect(estimate.deff!).toBeCloseTo(weight / (weight - 1), 12);
      expect(estimate.total.deff!).toBeCloseTo(weight / (weight - 1), 12);
      // Σ w·y = 5w; v = n/(n − 1)·Σ (w·y − w·ȳ)² = w²·8/7·8·(5/8)(3/8).
      expect(estimate.total.estimate).toBe(5 * weight);
      expect(estimate.total.standardError!).toBeCloseTo(Math.sqrt(weight ** 2 * (8 / 7) * 8 * (15 / 64)), 9);
      const half = estimate.total.upper! - estimate.total.estimate!;
      expect(half).toBeCloseTo(intervalRule('t', 7).quantile! * estimate.total.standardError!, 9);
    }
  });

  it('counts only the domain’s respondents in the total; flags carry over (one PSU: a total, no SE; none: no total)', () => {
    const rows = [
      row('A', '1', 3, 1, 'x'),
      row('A', '1', 3, 0, 'x'),
      row('A', '2', 5, 1, 'y'),
      row('B', '3', 7, 1, 'y'),
      row('B', '4', 9, null, 'y'),
      row('B', '4', 2, 0, 'y'),
    ];
    expect(estimateProportion(rows, 'y').total.estimate).toBe(12);
    expect(estimateProportion(rows, 'x')).toMatchObject({
      flag: 'one-psu',
      deff: null,
      total: { estimate: 3, standardError: null, lower: null, deff: null },
    });
    expect(estimateProportion(rows, 'z').total).toEqual({
      estimate: null,
      standardError: null,
      lower: null,
      upper: null,
      deff: null,
    });
    // Korn–Graubard in a domain takes the domain's df (R's svyciprop under svyby): x's rows are in
    // one PSU of each of two strata, df 2 − 2 = 0, so no interval, while the t interval uses the design's.
    const twoStrata = [
      row('A', '1', 3, 1, 'x'),
      row('A', '1', 3, 0, 'x'),
      row('A', '2', 5, 1, 'y'),
      row('B', '3', 7, 1, 'x'),
      row('B', '3', 2, 0, 'x'),
      row('B', '4', 9, 0, 'y'),
    ];
    const kornGraubard = estimateProportion(twoStrata, 'x', 'adjust', intervalRule('korn-graubard', 2));
    expect(kornGraubard).toMatchObject({ flag: 'no-df', lower: null, upper: null });
    expect(kornGraubard.standardError).toBeGreaterThan(0);
    expect(estimateProportion(twoStrata, 'x', 'adjust', intervalRule('t', 2))).toMatchObject({ flag: null });
    expect(estimateProportion(twoStrata, null, 'adjust', intervalRule('korn-graubard', 2)).flag).toBeNull();
    // Every answer yes: no SRS variance, so no design effect (R divides by 0).
    const allYes = rows.map((entry) => ({ ...entry, value: entry.value === null ? null : (1 as const) }));
    expect(estimateProportion(allYes, null).deff).toBeNull();
  });
});
