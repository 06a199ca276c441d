/** PairIndex (src/io/pairIndex.ts), pass 1's table of groups, against a Map keyed by the pair. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PairIndex } from '../../src/io/pairIndex.js';

describe('PairIndex', () => {
  it('holds what a Map keyed by the pair holds, across its growth (pairs that differ in one number or swap them)', () => {
    // Small numbers, so that pairs repeat, swap and share a number; enough of them to grow the table.
    const pair = fc.tuple(fc.nat(40), fc.nat(40));
    fc.assert(
      fc.property(
        fc.array(pair, { minLength: 1, maxLength: 300, size: 'max' }),
        fc.constantFrom(1, 4, 1024),
        (pairs, slots) => {
          const index = new PairIndex(slots);
          const model = new Map<string, number>();
          pairs.forEach(([first, second], value) => {
            const key = `${first}:${second}`;
            expect(index.get(first, second)).toBe(model.get(key) ?? -1);
            expect(index.get(second, first)).toBe(model.get(`${second}:${first}`) ?? -1);
            index.set(first, second, value);
            model.set(key, value);
          });
          expect(index.size).toBe(model.size);
          for (const [key, value] of model) {
            const [first, second] = key.split(':').map(Number) as [number, number];
            expect(index.get(first, second)).toBe(value);
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
