/**
 * The byte helpers of the registry scan (src/io/scanBytes.ts) and the layout the fast scanner gives
 * a quoted record: a location is told from the previous record's by comparing one span of bytes.
 */
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

describe('the fast scanner on quoted records', () => {
  it('lays out the fields of a quoted record comma-separated, as an unquoted record has them', () => {
    const spans: string[] = [];
    const sink: RecordSink = {
      header() {},
      record(data, starts, ends, count) {
        spans.push(Buffer.from(data.subarray(starts[0]!, ends[count - 2]!)).toString('utf8'));
      },
    };
    const scanner = new FastCsvScanner(sink, null);
    scanner.push(Buffer.from('county,township,village,note\n甲县,乙镇,丙村,plain\n"甲县",乙镇,"丙村","a ""b"", c"\n'));
    scanner.end();
    expect(spans).toEqual(['甲县,乙镇,丙村', '甲县,乙镇,丙村']);
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
