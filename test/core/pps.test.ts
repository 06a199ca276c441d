/** The tests "PPS" from test/allocation.test.ts (moved, issue 14). */
import { describe, expect, it } from 'vitest';
import { ppsInclusion, startFromTicket, systematicSelect } from '../../src/core/pps.js';
import { ticket } from '../../src/core/tickets.js';
import { sum } from './allocationKit.js';

describe('PPS', () => {
  const sizes = [500, 40, 60, 100, 10, 290, 1000, 5, 0, 75];
  const units = sizes.map((size, index) => ({ unit: `u${index}`, size }));

  it('peels off certainty units and gives the others n·x/X', () => {
    const { inclusions, certain } = ppsInclusion(units, 4);
    // 4·1000/2080 ≥ 1 → u6 certain; then 3·500/1080 ≥ 1 → u0; then 2·290/580 = 1 → u5; one left.
    expect(certain).toBe(3);
    const byUnit = new Map(inclusions.map((entry) => [entry.unit, entry]));
    expect(byUnit.get('u6')!.certainty).toBe(true);
    expect(sum(inclusions.map((entry) => entry.probability))).toBeCloseTo(4, 12);
    expect(byUnit.get('u8')!.probability).toBe(0);
    expect(inclusions.every((entry) => entry.probability <= 1)).toBe(true);
  });

  it('systematic selection takes exactly the remaining sample, each unit at most once', () => {
    const { inclusions, remainingSample } = ppsInclusion(units, 4);
    const open = inclusions.filter((entry) => !entry.certainty && entry.probability > 0);
    for (let s = 0; s < 200; s++) {
      const chosen = systematicSelect(open, remainingSample, startFromTicket(ticket(`s${s}`, ['t'], 'start', 'x')));
      expect(chosen).toHaveLength(remainingSample);
      expect(new Set(chosen).size).toBe(chosen.length);
    }
  });

  it('selects each unit with its stated probability (statistical, over many random orders and starts)', () => {
    const { inclusions, remainingSample } = ppsInclusion(units, 4);
    const open = inclusions.filter((entry) => !entry.certainty && entry.probability > 0);
    const runs = 4000;
    const hits = new Map<string, number>();
    for (let s = 0; s < runs; s++) {
      const order = [...open].sort((a, b) =>
        ticket(`r${s}`, [], 'order', a.unit) < ticket(`r${s}`, [], 'order', b.unit) ? -1 : 1,
      );
      for (const unit of systematicSelect(order, remainingSample, startFromTicket(ticket(`r${s}`, [], 'start', ''))))
        hits.set(unit, (hits.get(unit) ?? 0) + 1);
    }
    for (const entry of open) {
      const frequency = (hits.get(entry.unit) ?? 0) / runs;
      const se = Math.sqrt((entry.probability * (1 - entry.probability)) / runs);
      expect(Math.abs(frequency - entry.probability), entry.unit).toBeLessThanOrEqual(4.5 * se + 1e-9);
    }
  });
});
