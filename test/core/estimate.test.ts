/** The tests "estimateProportion" from test/estimate.test.ts (moved, issue 14). */
import { describe, expect, it } from 'vitest';
import { estimateProportion, type EstimationRow } from '../../src/core/estimate.js';

describe('estimateProportion', () => {
  const row = (stratum: string, cluster: string, weight: number, value: 0 | 1 | null, domain = ''): EstimationRow => ({
    stratum,
    cluster,
    weight,
    value,
    domain,
  });

  it('is the weighted proportion among respondents, with the stratified with-replacement variance', () => {
    const rows = [
      row('A', 'a1', 2, 1),
      row('A', 'a1', 2, 0),
      row('A', 'a2', 4, 1),
      row('A', 'a2', 4, null),
      row('B', 'b1', 1, 1),
      row('B', 'b2', 1, 0),
    ];
    const estimate = estimateProportion(rows, null);
    // p = (2 + 4 + 1) / (2 + 2 + 4 + 1 + 1) = 0.7
    expect(estimate.estimate).toBeCloseTo(0.7, 15);
    expect(estimate.respondents).toBe(5);
    expect(estimate.nonResponse).toBe(1);
    // z: a1: (2·0.3 + 2·(−0.7))/10 = −0.08; a2: 4·0.3/10 = 0.12; b1: 0.03; b2: −0.07.
    // v = 2·((−0.08 − 0.02)² + (0.12 − 0.02)²) + 2·((0.03 + 0.02)² + (−0.07 + 0.02)²) = 0.04 + 0.01 = 0.05
    expect(estimate.standardError).toBeCloseTo(Math.sqrt(0.05), 12);
  });

  it('handles a stratum with one cluster as R does (adjust: squared total; certainty: nothing)', () => {
    const rows = [row('A', 'a1', 1, 1), row('A', 'a2', 1, 0), row('B', 'b1', 2, 1)];
    const adjust = estimateProportion(rows, null, 'adjust');
    const certainty = estimateProportion(rows, null, 'certainty');
    // p = 3/4; z: a1 0.0625, a2 −0.1875, b1 0.125; A: 2·(0.125² + 0.125²) = 0.0625; B: 0.125² = 0.015625.
    expect(certainty.standardError).toBeCloseTo(Math.sqrt(0.0625), 12);
    expect(adjust.standardError).toBeCloseTo(Math.sqrt(0.0625 + 0.015625), 12);
    expect(estimateProportion([row('A', 'a1', 1, null)], null).estimate).toBeNull();
  });
});
