/** The tests "coverage-method probabilities" from test/coordination.test.ts (moved, issue 14). */
import { describe, expect, it } from 'vitest';
import { coverageProbabilities, drawFunds, parseShare, type CountyFunds } from '../../src/core/funds.js';
import type { FrameCounty } from '../../src/core/frame.js';

describe('coverage-method probabilities', () => {
  const county = (index: number): FrameCounty => ({
    key: `53000${index}`,
    code: `53000${index}`,
    name: `县${index}`,
    prefectureCode: '530000',
    prefecture: '州',
    povertyCounty: null,
  });
  const half = parseShare('0.5')!;

  it('equal the share of all orders in which a county is reached (brute force over permutations)', () => {
    const funds = [50, 10, 10, 30, 5, 70];
    const total = funds.reduce((a, b) => a + b, 0);
    const permutations = (items: number[]): number[][] =>
      items.length <= 1
        ? [items]
        : items.flatMap((item, index) =>
            permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
          );
    const orders = permutations(funds.map((_, index) => index));
    const counts = funds.map(() => 0);
    for (const order of orders) {
      let cumulative = 0;
      for (const index of order) {
        counts[index]!++;
        cumulative += funds[index]!;
        if (cumulative * 2 >= total) break;
      }
    }
    const exact = coverageProbabilities(funds, total, half)!;
    for (const [index, probability] of exact.entries())
      expect(probability).toBeCloseTo(counts[index]! / orders.length, 12);
  });

  it('match the frequencies of 4,000 draws with different seeds (within 4 standard errors)', () => {
    const funds = [900, 450, 300, 300, 120, 60, 60, 10];
    const counties: CountyFunds[] = funds.map((fundsFen, index) => ({ county: county(index), fundsFen }));
    const scope = { level: 'prefecture' as const, key: '530000', code: '530000', name: '州', label: '州' };
    const runs = 4000;
    const hits = funds.map(() => 0);
    let probabilities: number[] = [];
    for (let run = 0; run < runs; run++) {
      const result = drawFunds(counties, {
        month: '2026-11',
        seed: `simulation-${run}`,
        scope,
        method: 'coverage',
        coverage: half,
        counties: null,
        excludedCounties: new Set(),
      });
      for (const entry of result.selected) hits[Number(entry.county.key.slice(-1))]!++;
      if (run === 0)
        probabilities = counties.map(
          (entry) => result.ranking.find((ranked) => ranked.county.key === entry.county.key)!.probability!,
        );
    }
    probabilities.forEach((probability, index) => {
      const standardError = Math.sqrt((probability * (1 - probability)) / runs);
      expect(Math.abs(hits[index]! / runs - probability)).toBeLessThanOrEqual(4 * standardError + 1e-9);
    });
  });
});
