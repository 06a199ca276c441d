/**
 * The byte helpers of the registry scan (src/io/scanBytes.ts). (A quoted record's fields are the
 * unquoted record's bytes field by field: test/io/fastcsv.test.ts proves csv-parse's records.)
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BytesKeyIndex, bytesKey } from '../../src/io/scanBytes.js';

const bounds = (pairs: ReadonlyArray<readonly [number, number]>) => ({
  starts: Int32Array.from(pairs.map(([start]) => start)),
  ends: Int32Array.from(pairs.map(([, end]) => end)),
});

describe('BytesKeyIndex', () => {
  it("finds a record's value by its fields' bytes as bytesKey keys them (absent columns, shifted boundaries)", () => {
    const data = Buffer.from('甲县,ab,c,a,bc,x');
    const record = (pairs: ReadonlyArray<readonly [number, number]>) => bounds(pairs);
    const first = record([
      [0, 6],
      [7, 9], // "ab"
      [10, 11], // "c"
    ]);
    const second = record([
      [0, 6],
      [12, 13], // "a"
      [14, 16], // "bc"
    ]);
    const columns = [0, -1, 1, 2];
    const index = new BytesKeyIndex<string>(columns);
    index.set(bytesKey(data, first.starts, first.ends, columns), 'first');
    expect(index.find(data, first.starts, first.ends)).toBe('first');
    expect(index.find(data, second.starts, second.ends)).toBeUndefined();
    index.set(bytesKey(data, second.starts, second.ends, columns), 'second');
    index.set(bytesKey(data, first.starts, first.ends, columns), 'first again');
    expect(index.find(data, first.starts, first.ends)).toBe('first again');
    expect(index.find(data, second.starts, second.ends)).toBe('second');
  });
});

describe('BytesKeyIndex against a Map keyed by bytesKey', () => {
  // Fields from a few byte strings (empty, one that holds U+001F, one that is another's prefix, a
  // multibyte one), so that keys share their last bytes, shift field boundaries and spell the same
  // bytesKey from other fields.
  const field = fc.constantFrom('', 'a', 'ab', 'b', '\u001f', 'a\u001f', '村', '村村', '530102001001');
  const records = fc.array(fc.array(field, { minLength: 4, maxLength: 4 }), {
    minLength: 1,
    maxLength: 150,
    size: 'max',
  });
  const columnSets = fc.constantFrom([0, 1, 2, 3], [3, -1, 0, 2], [-1, 1, -1], [2]);
  const collide = { key: () => 7, record: () => 7 };

  it('finds exactly the value a Map keyed by bytesKey holds, with its hash or with every key colliding', () => {
    fc.assert(
      fc.property(records, columnSets, fc.boolean(), (rows, columns, colliding) => {
        const index = colliding ? new BytesKeyIndex<number>(columns, collide) : new BytesKeyIndex<number>(columns);
        const model = new Map<string, number>();
        const entries = new Map<string, number>();
        let previous: { key: string; entry: number } | null = null;
        rows.forEach((cells, at) => {
          const data = Buffer.from(cells.join(','), 'utf8');
          const starts = new Int32Array(cells.length);
          const ends = new Int32Array(cells.length);
          let offset = 0;
          cells.forEach((cell, column) => {
            starts[column] = offset;
            offset += Buffer.byteLength(cell, 'utf8');
            ends[column] = offset;
            offset++;
          });
          const key = bytesKey(data, starts, ends, columns);
          expect(index.find(data, starts, ends)).toBe(model.get(key));
          const entry = index.entryOf(data, starts, ends);
          expect(entry).toBe(entries.get(key) ?? -1);
          if (previous) expect(index.holds(previous.entry, data, starts, ends)).toBe(previous.key === key);
          model.set(key, at);
          const set = index.set(key, at);
          if (!entries.has(key)) entries.set(key, set);
          expect(set).toBe(entries.get(key));
          expect(index.value(set)).toBe(at);
          expect(index.size).toBe(model.size);
          previous = { key, entry: set };
        });
      }),
      { numRuns: 30 },
    );
  });
});
