/**
 * Student's t quantile (src/core/studentT.ts), the multiplier of `estimate`'s intervals: R's
 * qt(0.975, df) to 1e-12, and the quantile inverts the distribution function for any p and df.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { betaQuantile, logGamma, tDistribution, tQuantile } from '../../src/core/studentT.js';

describe('tQuantile', () => {
  it("gives R's qt(0.975, df) (R 4.2.2, printed with 17 digits) to 1e-12", () => {
    const r: ReadonlyArray<readonly [number, number]> = [
      [1, 12.706204736174694],
      [2, 4.3026527297494619],
      [4, 2.7764451051977934],
      [5, 2.5705818356363137],
      [10, 2.2281388519862739],
      [24, 2.0638985616280254],
      [30, 2.0422724563012378],
    ];
    for (const [df, expected] of r)
      expect(Math.abs(tQuantile(0.975, df) / expected - 1), `df ${df}`).toBeLessThan(1e-12);
    // Towards the normal's 1.959964 as df grows; symmetric; 0 at the median.
    expect(tQuantile(0.975, 1e6)).toBeCloseTo(1.959966, 6);
    expect(tQuantile(0.025, 7)).toBe(-tQuantile(0.975, 7));
    expect(tQuantile(0.5, 3)).toBe(0);
  });

  it('inverts the distribution function, and grows with p and falls with df', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 1, max: 500, noNaN: true }),
        (p, df) => {
          const q = tQuantile(p, df);
          expect(Math.abs(tDistribution(q, df) - p)).toBeLessThan(1e-12);
          if (p > 0.5) {
            expect(tQuantile(Math.min(0.9995, p + 0.0001), df)).toBeGreaterThan(q);
            expect(tQuantile(p, df + 1)).toBeLessThan(q);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('refuses p outside (0, 1) and a df that is not positive and finite', () => {
    for (const p of [0, 1, -0.1, Number.NaN]) expect(() => tQuantile(p, 4)).toThrow(RangeError);
    for (const df of [0, -1, Number.POSITIVE_INFINITY, Number.NaN])
      expect(() => tQuantile(0.975, df)).toThrow(RangeError);
  });

  it('ln Γ: exact at the integers and at one half', () => {
    expect(logGamma(10)).toBeCloseTo(Math.log(362880), 12);
    expect(logGamma(0.5)).toBeCloseTo(Math.log(Math.sqrt(Math.PI)), 12);
    expect(logGamma(1)).toBeCloseTo(0, 13);
  });
});

describe('betaQuantile', () => {
  it("gives R's qbeta (R 4.2.2, 17 digits) to 1e-11, small shapes and skewed ones included", () => {
    const r: ReadonlyArray<readonly [number, number, number, number]> = [
      [0.025, 2.5, 7.25, 0.050814205495634486],
      [0.975, 30.1, 4.2, 0.96305575381947883],
      [0.5, 1, 1, 0.5],
      [0.025, 0.4, 12, 6.261906048066393e-6],
      [0.975, 1, 40, 0.088097302878802353],
    ];
    for (const [p, a, b, expected] of r)
      expect(Math.abs(betaQuantile(p, a, b) / expected - 1), `qbeta(${p}, ${a}, ${b})`).toBeLessThan(1e-11);
  });
});
