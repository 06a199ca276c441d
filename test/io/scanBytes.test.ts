/**
 * The byte helpers of the registry scan (src/io/scanBytes.ts) and the layout the fast scanner gives
 * a quoted record: a location is told from the previous record's by comparing its fields' bytes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FastCsvScanner, type RecordSink } from '../../src/io/fastcsv.js';
import { BytesKeyIndex, bytesKey, FieldMemory } from '../../src/io/scanBytes.js';

const bounds = (pairs: ReadonlyArray<readonly [number, number]>) => ({
  starts: Int32Array.from(pairs.map(([start]) => start)),
  ends: Int32Array.from(pairs.map(([, end]) => end)),
});

describe('FieldMemory', () => {
  it('does not match a field that sits elsewhere in an equal span (the columns between hold other lengths)', () => {
    // Columns 0, 2 and 4 remembered; 1 and 3 are other columns, which may hold commas when quoted.
    const data = Buffer.from('x,a,b,c,d,e,f');
    const memory = new FieldMemory([0, 2, 4]);
    const first = bounds([
      [0, 1],
      [2, 3],
      [4, 5], // "b"
      [6, 11],
      [12, 13],
    ]);
    memory.remember(data, first.starts, first.ends);
    expect(memory.matches(data, first.starts, first.ends)).toBe(true);
    const shifted = bounds([
      [0, 1],
      [2, 7],
      [8, 9], // "d": same length, same span, another value
      [10, 11],
      [12, 13],
    ]);
    expect(memory.matches(data, shifted.starts, shifted.ends)).toBe(false);
  });
});

describe('FieldMemory against a plain comparison', () => {
  it('matches exactly when every remembered column holds the same bytes (property)', () => {
    // Records of 5 fields over a small alphabet (equal fields are frequent), laid out with any gap.
    const field = fc.stringMatching(/^[ab甲]{0,3}$/);
    const record = fc.record({ fields: fc.array(field, { minLength: 5, maxLength: 5 }), gap: fc.nat(3) });
    fc.assert(
      fc.property(
        fc.subarray([0, 1, 2, 3, 4], { minLength: 1 }),
        fc.array(record, { minLength: 2, maxLength: 8 }),
        (columns, records) => {
          const memory = new FieldMemory(columns);
          records.forEach(({ fields, gap }, index) => {
            const parts: Buffer[] = [];
            const starts = new Int32Array(5);
            const ends = new Int32Array(5);
            let at = 0;
            fields.forEach((text, column) => {
              const bytes = Buffer.concat([Buffer.alloc(gap, 0x2c), Buffer.from(text, 'utf8')]);
              starts[column] = at + gap;
              at += bytes.length;
              ends[column] = at;
              parts.push(bytes);
            });
            const data = Buffer.concat(parts);
            const same = index > 0 && columns.every((column) => fields[column] === records[index - 1]!.fields[column]);
            if (memory.matches(data, starts, ends) !== same) throw new Error(`record ${index}: expected ${same}`);
            memory.remember(data, starts, ends);
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('the fast scanner on quoted records', () => {
  it("gives a quoted record's fields the bytes of an unquoted record's: FieldMemory matches them, whatever lies between", () => {
    const matched: boolean[] = [];
    const memory = new FieldMemory([0, 2, 3]);
    const sink: RecordSink = {
      header() {},
      record(data, starts, ends) {
        matched.push(memory.matches(data, starts, ends));
        memory.remember(data, starts, ends);
      },
    };
    const scanner = new FastCsvScanner(sink, null);
    scanner.push(
      Buffer.from(
        'county,id,township,village,note\n' +
          '甲县,1,乙镇,丙村,plain\n' +
          '"甲县",22,乙镇,"丙村","a ""b"", c"\n' + // quoted, escaped, another 户编号 between: the same place
          '甲县,3,"乙镇","丙村",\n' +
          '"甲县","4","乙镇","丙""村",""\n' + // 丙"村: another village
          '甲县,5,乙镇,"丙""村",x\n',
      ),
    );
    scanner.end();
    expect(matched).toEqual([false, true, true, false, true]);
  });
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
