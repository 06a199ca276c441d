/** Post-stratification (src/core/calibration.ts) and the post-stratified estimator's variance (src/core/estimate.ts). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  postStratify,
  postStratumKey,
  postStratumMismatch,
  postStratumResiduals,
  rake,
} from '../../src/core/calibration.js';
import { type EstimationRow, estimateProportion } from '../../src/core/estimate.js';

/** Random frames: rows in 1–4 post-strata with positive weights, and a known count per post-stratum. */
const frames = fc
  .record({
    rows: fc.array(
      fc.record({
        postStratum: fc.constantFrom('poor', 'exited', 'nonpoor', '未脱贫'),
        weight: fc.double({ min: 0.01, max: 1000, noNaN: true }),
      }),
      { minLength: 1, maxLength: 60 },
    ),
    counts: fc.array(fc.integer({ min: 1, max: 100_000 }), { minLength: 4, maxLength: 4 }),
  })
  .map(({ rows, counts }) => ({
    rows,
    population: new Map(['poor', 'exited', 'nonpoor', '未脱贫'].map((key, index) => [key, counts[index]!])),
  }));

describe('postStratify', () => {
  it('makes the calibrated weights of every post-stratum sum to its known count, each row scaled by its post-stratum’s factor', () => {
    fc.assert(
      fc.property(frames, ({ rows, population }) => {
        const { weights, postStrata, calibratedWeightSum, designWeightSum } = postStratify(rows, population);
        expect(weights).toHaveLength(rows.length);
        let known = 0;
        for (const postStratum of postStrata) {
          const count = population.get(postStratum.key)!;
          known += count;
          const members = rows
            .map((row, index) => ({ row, index }))
            .filter(({ row }) => row.postStratum === postStratum.key);
          const sum = members.reduce((total, { index }) => total + weights[index]!, 0);
          expect(Math.abs(sum - count)).toBeLessThanOrEqual(1e-9 * count);
          expect(postStratum.rows).toBe(members.length);
          expect(Math.abs(postStratum.calibratedWeightSum - count)).toBeLessThanOrEqual(1e-9 * count);
          // One factor per post-stratum: N_g / Σ_g w.
          for (const { row, index } of members)
            expect(weights[index]! / row.weight).toBeCloseTo(count / postStratum.designWeightSum, 9);
        }
        expect(Math.abs(calibratedWeightSum - known)).toBeLessThanOrEqual(1e-9 * known);
        expect(designWeightSum).toBeCloseTo(
          rows.reduce((total, row) => total + row.weight, 0),
          6,
        );
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a post-stratum without a count', () => {
    expect(() => postStratify([{ postStratum: 'poor', weight: 1 }], new Map([['exited', 3]]))).toThrow(/poor/);
  });
});

describe('postStratumMismatch', () => {
  it('finds the frame’s post-strata without a positive count and the counted ones without rows (a count of 0 without rows is left out)', () => {
    const rows = [{ postStratum: 'poor' }, { postStratum: 'exited' }, { postStratum: 'moved' }];
    const population = new Map([
      ['poor', 3],
      ['exited', 0],
      ['nonpoor', 5],
      ['dead', 0],
    ]);
    expect(postStratumMismatch(rows, population)).toEqual({
      withoutCount: ['exited', 'moved'],
      withoutRows: ['nonpoor'],
    });
    expect(postStratumMismatch([{ postStratum: 'poor' }], new Map([['poor', 1]]))).toEqual({
      withoutCount: [],
      withoutRows: [],
    });
  });

  it('keys crossed post-strata by all their cells', () => {
    expect(postStratumKey(['大理白族自治州', 'poor'])).not.toBe(postStratumKey(['大理白族自治州poor']));
  });
});

describe('postStratumResiduals', () => {
  it('leaves residuals whose design-weighted mean of e/w* is 0 in every post-stratum, and removes values proportional to w*', () => {
    fc.assert(
      fc.property(
        frames,
        fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 60, maxLength: 60 }),
        ({ rows, population }, values) => {
          const { weights } = postStratify(rows, population);
          const calibrated = rows.map((row, index) => ({
            postStratum: row.postStratum,
            designWeight: row.weight,
            calibratedWeight: weights[index]!,
          }));
          const z = rows.map((_, index) => values[index]!);
          const residuals = postStratumResiduals(z, calibrated);
          for (const key of new Set(rows.map((row) => row.postStratum))) {
            let weighted = 0;
            let scale = 0;
            calibrated.forEach((row, index) => {
              if (row.postStratum !== key) return;
              weighted += (row.designWeight * residuals[index]!) / row.calibratedWeight;
              scale += row.designWeight * Math.abs(z[index]! / row.calibratedWeight) + row.designWeight;
            });
            expect(Math.abs(weighted)).toBeLessThanOrEqual(1e-9 * scale);
          }
          // A value constant per unit of w* within each post-stratum is explained by the post-strata.
          const explained = postStratumResiduals(
            calibrated.map((row) => row.calibratedWeight * (row.postStratum === 'poor' ? 2 : -1)),
            calibrated,
          );
          for (const [index, residual] of explained.entries())
            expect(Math.abs(residual)).toBeLessThanOrEqual(1e-9 * (1 + calibrated[index]!.calibratedWeight));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('estimateProportion with post-stratified weights', () => {
  // st, cl, w, y, post-stratum, domain.
  const data: Array<[string, string, number, 0 | 1 | null, string, string]> = [
    ['A', 'a1', 2, 1, 'P', 'x'],
    ['A', 'a1', 2, 0, 'Q', 'x'],
    ['A', 'a2', 4, 1, 'P', 'y'],
    ['A', 'a2', 4, null, 'Q', 'y'],
    ['B', 'b1', 1, 1, 'P', 'x'],
    ['B', 'b2', 1, 0, 'Q', 'y'],
    ['B', 'b2', 3, 1, 'Q', 'x'],
    ['C', 'c1', 5, 0, 'P', 'y'],
  ];
  const calibrated = (population: ReadonlyMap<string, number>): EstimationRow[] => {
    const { weights } = postStratify(
      data.map(([, , weight, , postStratum]) => ({ postStratum, weight })),
      population,
    );
    return data.map(([stratum, cluster, weight, value, postStratum, domain], index) => ({
      stratum,
      cluster,
      weight: weights[index]!,
      value,
      domain,
      calibration: { kind: 'post-stratification' as const, postStratum, designWeight: weight },
    }));
  };

  it('equals R: postStratify(svydesign(ids = ~cl, strata = ~st, weights = ~w), ~ps, P = 20, Q = 30), svymean and svyby', () => {
    // R 4.2.2, survey 4.1-1, survey.lonely.psu = "adjust" (the lonely stratum C included).
    const rows = calibrated(
      new Map([
        ['P', 20],
        ['Q', 30],
      ]),
    );
    expect(rows.map((row) => row.weight)).toEqual(
      [10 / 3, 6, 20 / 3, 12, 5 / 3, 3, 9, 25 / 3].map((weight) => expect.closeTo(weight, 12)),
    );
    const overall = estimateProportion(rows, null);
    expect(overall.estimate).toBeCloseTo(0.543859649122807, 12);
    expect(overall.standardError).toBeCloseTo(0.188217852391053, 12);
    expect(estimateProportion(rows, 'x').standardError).toBeCloseTo(0.220843553222638, 12);
    expect(estimateProportion(rows, 'y').estimate).toBeCloseTo(0.37037037037037, 12);
    expect(estimateProportion(rows, 'y').standardError).toBeCloseTo(0.308617206748882, 12);
  });

  it('is the design-weighted estimator when one post-stratum holds every row and its count is Σ w', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            stratum: fc.constantFrom('A', 'B'),
            cluster: fc.constantFrom('1', '2', '3'),
            weight: fc.double({ min: 0.1, max: 100, noNaN: true }),
            value: fc.constantFrom<0 | 1 | null>(0, 1, null),
          }),
          { minLength: 2, maxLength: 40 },
        ),
        (drawn) => {
          const rows: EstimationRow[] = drawn.map((row) => ({ ...row, domain: '' }));
          const total = rows.reduce((sum, row) => sum + row.weight, 0);
          const { weights } = postStratify(
            rows.map((row) => ({ postStratum: 'all', weight: row.weight })),
            new Map([['all', total]]),
          );
          const plain = estimateProportion(rows, null);
          const poststratified = estimateProportion(
            rows.map((row, index) => ({
              ...row,
              weight: weights[index]!,
              calibration: { kind: 'post-stratification' as const, postStratum: 'all', designWeight: row.weight },
            })),
            null,
          );
          expect(poststratified.flag).toBe(plain.flag);
          if (plain.estimate !== null) expect(poststratified.estimate).toBeCloseTo(plain.estimate, 9);
          if (plain.standardError !== null) expect(poststratified.standardError).toBeCloseTo(plain.standardError, 9);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('rake', () => {
  /** Rows in cells (a, b) with positive weights, and margins summed from positive counts on the rows' crossed cells. */
  const rakingFrames = fc
    .record({
      rows: fc.array(
        fc.record({
          a: fc.constantFrom('a1', 'a2', 'a3'),
          b: fc.constantFrom('b1', 'b2'),
          weight: fc.double({ min: 0.1, max: 100, noNaN: true }),
        }),
        { minLength: 1, maxLength: 40 },
      ),
      counts: fc.array(fc.integer({ min: 1, max: 1000 }), { minLength: 6, maxLength: 6 }),
    })
    .map(({ rows, counts }) => {
      // Counts on the crossed cells that have rows, so that weights meeting both margins exist.
      const cells = new Set(rows.map((row) => `${row.a}|${row.b}`));
      const marginA = new Map<string, number>();
      const marginB = new Map<string, number>();
      ['a1', 'a2', 'a3'].forEach((a, i) => {
        ['b1', 'b2'].forEach((b, j) => {
          if (!cells.has(`${a}|${b}`)) return;
          const count = counts[i * 2 + j]!;
          marginA.set(a, (marginA.get(a) ?? 0) + count);
          marginB.set(b, (marginB.get(b) ?? 0) + count);
        });
      });
      return { rows, marginA, marginB };
    });

  it('meets the last margin exactly and, once converged, every margin (when weights meeting them exist); with one margin it is post-stratification', () => {
    fc.assert(
      fc.property(rakingFrames, ({ rows, marginA, marginB }) => {
        const keys = rows.map((row) => [row.a, row.b]);
        const weights = rows.map((row) => row.weight);
        const raked = rake(keys, weights, [marginA, marginB]);
        const sums = (margin: 0 | 1) => {
          const totals = new Map<string, number>();
          raked.weights.forEach((weight, index) => {
            totals.set(keys[index]![margin]!, (totals.get(keys[index]![margin]!) ?? 0) + weight);
          });
          return totals;
        };
        const total = [...marginA.values()].reduce((sum, count) => sum + count, 0);
        for (const [cell, sum] of sums(1)) expect(Math.abs(sum - marginB.get(cell)!)).toBeLessThanOrEqual(1e-9 * total);
        if (raked.converged)
          for (const [cell, sum] of sums(0))
            expect(Math.abs(sum - marginA.get(cell)!)).toBeLessThanOrEqual(1e-6 * total);
        expect(raked.steps).toHaveLength(rows.length);
        const one = rake(
          keys.map(([a]) => [a!]),
          weights,
          [marginA],
        );
        const postStratified = postStratify(
          rows.map((row) => ({ postStratum: row.a, weight: row.weight })),
          marginA,
        );
        for (const [index, weight] of one.weights.entries())
          expect(weight).toBeCloseTo(postStratified.weights[index]!, 9);
      }),
      { numRuns: 200 },
    );
  });

  it('reports the margins it cannot meet: rows in (a1, b1) and (a2, b2) only, margins asking for other proportions', () => {
    const raked = rake(
      [
        ['a1', 'b1'],
        ['a2', 'b2'],
      ],
      [1, 1],
      [
        new Map([
          ['a1', 10],
          ['a2', 30],
        ]),
        new Map([
          ['b1', 20],
          ['b2', 20],
        ]),
      ],
    );
    // The crossed table stops moving (R's stopping rule) with the first margin off by 10 households.
    expect(raked.largestMarginDifference).toBeCloseTo(10, 9);
  });
});
