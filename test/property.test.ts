/**
 * Property tests (fast-check) over generated frames and parameters: every draw is a valid sample
 * (within the frame, the sizes asked, no duplicates, probabilities in (0, 1], weights ≥ 1), and the
 * sample does not depend on the order of the frame's units.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FrameWithHouseholds } from '../src/core/frame.js';
import { drawMonthly } from '../src/core/monthly.js';
import { resolveScope } from '../src/core/scope.js';
import { syntheticFrame, withTallies } from './synthetic.js';

const shapeArbitrary = fc.array(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 6 });
const parametersArbitrary = fc.record({
  seed: fc.string({ minLength: 1, maxLength: 12 }).filter((seed) => !/[\u0000-\u001f\u007f]/.test(seed)),
  counties: fc.integer({ min: 1, max: 8 }),
  villagesPerCounty: fc.integer({ min: 1, max: 6 }),
  householdsPerVillage: fc.integer({ min: 1, max: 15 }),
});

function reversed(frame: FrameWithHouseholds): FrameWithHouseholds {
  return {
    ...frame,
    counties: [...frame.counties].reverse(),
    townships: [...frame.townships].reverse(),
    villages: [...frame.villages].reverse(),
    households: [...frame.households].reverse(),
  };
}

describe('monthly draw properties', () => {
  it('always draws a valid sample of the sizes asked, independent of unit order', () => {
    fc.assert(
      fc.property(shapeArbitrary, parametersArbitrary, (shape, p) => {
        const frame = syntheticFrame(shape);
        const parameters = { ...p, month: '2026-11', level: 'province' as const, scope: resolveScope(frame, 'province', null), villageFrame: 'auto' as const, statuses: ['poor', 'exited'] as const };
        const draw = drawMonthly(frame, parameters);
        const frameHouseholds = new Map(frame.households.filter((h) => h.status !== 'nonpoor').map((h) => [h.key, h]));
        expect(draw.counties.length).toBe(Math.min(p.counties, draw.frame.sizes.counties));
        const keys = draw.households.map((entry) => entry.household.key);
        expect(new Set(keys).size).toBe(keys.length);
        for (const entry of draw.households) {
          expect(frameHouseholds.get(entry.household.key)?.villageKey).toBe(entry.village.key);
          expect(entry.probability).toBeGreaterThan(0);
          expect(entry.probability).toBeLessThanOrEqual(1);
          expect(entry.weight).toBeGreaterThanOrEqual(1);
        }
        for (const village of draw.villages) {
          const taken = draw.households.filter((entry) => entry.village.key === village.village.key).length;
          expect(taken).toBe(Math.min(p.householdsPerVillage, village.frameHouseholds));
        }
        const again = drawMonthly(reversed(frame), parameters);
        expect(again.households.map((entry) => entry.household.key)).toEqual(keys);
      }),
      { numRuns: 150 },
    );
  });

  it('removing an unselected household never changes the sample; removing a selected one promotes the next', () => {
    fc.assert(
      fc.property(shapeArbitrary, parametersArbitrary, fc.nat(), (shape, p, pick) => {
        const frame = syntheticFrame(shape);
        const parameters = { ...p, month: '2026-11', level: 'province' as const, scope: resolveScope(frame, 'province', null), villageFrame: 'auto' as const, statuses: ['poor', 'exited'] as const };
        const draw = drawMonthly(frame, parameters);
        const drawn = draw.households.map((entry) => entry.household.key);
        if (drawn.length === 0) return;
        const removed = drawn[pick % drawn.length]!;
        const village = draw.households.find((entry) => entry.household.key === removed)!.village.key;
        const villageHouseholds = frame.households.filter((h) => h.villageKey === village && h.status !== 'nonpoor');
        if (villageHouseholds.length === 1) return; // removing it would empty the village and change stage 2
        const smaller = withTallies({ ...frame, households: frame.households.filter((h) => h.key !== removed) });
        const redrawn = drawMonthly(smaller, parameters).households.map((entry) => entry.household.key);
        const others = drawn.filter((key) => key !== removed);
        // Every other household stays; at most one new household (the next ticket in that village) appears.
        expect(others.every((key) => redrawn.includes(key))).toBe(true);
        const added = redrawn.filter((key) => !drawn.includes(key));
        expect(added.length).toBeLessThanOrEqual(1);
        for (const key of added) expect(smaller.households.find((h) => h.key === key)!.villageKey).toBe(village);
      }),
      { numRuns: 150 },
    );
  });
});
