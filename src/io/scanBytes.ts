/**
 * Byte-level helpers of the registry scan (src/io/scan.ts): records arrive as a byte buffer with the
 * start and end of each field; these compare, key and decode fields without decoding what was
 * already seen.
 */
import type { RegistryField } from '../core/columns.js';
import { asBuffer, decodeField } from './fields.js';
import type { Encoding } from './registry.js';

/** The fields that make a record's location (with the county attribute column, if any). */
export const LOCATION_FIELDS: readonly RegistryField[] = [
  'prefecture',
  'prefecture_code',
  'county',
  'county_code',
  'township',
  'township_code',
  'village',
  'village_code',
];

/** Remembers the bytes of some fields of one record, to tell whether another record has the same. */
export class FieldMemory {
  private bytes = Buffer.alloc(64);
  private remembered = false;
  /** Each present column's start and end in `bytes`, remembered. */
  private readonly bounds: Int32Array;
  private readonly present: Int32Array;

  /**
   * Compares field by field (not the span from the first column to the last: the columns between
   * them, a 户编号 or a cell quoted on one row and not on the next, would differ on every record).
   */
  constructor(columns: readonly number[]) {
    this.present = Int32Array.from(columns.filter((column) => column >= 0));
    this.bounds = new Int32Array(2 * this.present.length);
  }

  /** Whether the record's fields equal the remembered ones. */
  matches(data: Uint8Array, starts: Int32Array, ends: Int32Array): boolean {
    if (!this.remembered) return false;
    const present = this.present;
    const bounds = this.bounds;
    const bytes = this.bytes;
    // From the last column (a village's code, where a new village differs), each from its end.
    for (let index = present.length - 1; index >= 0; index--) {
      const column = present[index]!;
      const start = starts[column]!;
      const from = bounds[2 * index]!;
      let at = bounds[2 * index + 1]!;
      if (ends[column]! - start !== at - from) return false;
      for (let position = ends[column]! - 1; position >= start; position--)
        if (data[position] !== bytes[--at]) return false;
    }
    return true;
  }

  remember(data: Uint8Array, starts: Int32Array, ends: Int32Array): void {
    const present = this.present;
    let length = 0;
    for (let index = 0; index < present.length; index++) length += ends[present[index]!]! - starts[present[index]!]!;
    if (length > this.bytes.length) this.bytes = Buffer.alloc(Math.max(length, 2 * this.bytes.length));
    let at = 0;
    for (let index = 0; index < present.length; index++) {
      const column = present[index]!;
      this.bounds[2 * index] = at;
      for (let position = starts[column]!; position < ends[column]!; position++) this.bytes[at++] = data[position]!;
      this.bounds[2 * index + 1] = at;
    }
    this.remembered = true;
  }
}

/** Whether the record's fields, in latin1, spell `key` (as bytesKey would make it), without allocating. */
export function matchesKey(
  data: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  columns: readonly number[],
  key: string,
): boolean {
  let at = 0;
  for (let position = 0; position < columns.length; position++) {
    const column = columns[position]!;
    if (column >= 0) {
      const start = starts[column]!;
      const end = ends[column]!;
      if (at + end - start >= key.length) return false;
      for (let index = start; index < end; index++) if (key.charCodeAt(at++) !== data[index]) return false;
    }
    if (key.charCodeAt(at++) !== 0x1f) return false;
  }
  return at === key.length;
}

/** FNV-1a over one byte. */
const fnv = (hash: number, byte: number): number => Math.imul(hash ^ byte, 0x01000193);

/** A 32-bit hash of the record's fields as bytesKey would key them, without building the key. */
function bytesHash(data: Uint8Array, starts: Int32Array, ends: Int32Array, columns: readonly number[]): number {
  let hash = 0x811c9dc5;
  for (let position = 0; position < columns.length; position++) {
    const column = columns[position]!;
    if (column >= 0) for (let index = starts[column]!; index < ends[column]!; index++) hash = fnv(hash, data[index]!);
    hash = fnv(hash, 0x1f);
  }
  return hash >>> 0;
}

/** bytesHash of the record whose bytesKey is `key` (a latin1 string: one character a byte). */
function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) hash = fnv(hash, key.charCodeAt(index));
  return hash >>> 0;
}

/**
 * Values keyed by bytesKey, found from a record's bytes without building its key (no string per
 * record where records of many places alternate: a file not sorted by village).
 */
export class BytesKeyIndex<T> {
  private readonly entries = new Map<number, Array<{ key: string; value: T }>>();

  constructor(private readonly columns: readonly number[]) {}

  set(key: string, value: T): void {
    const hash = keyHash(key);
    const list = this.entries.get(hash);
    if (!list) this.entries.set(hash, [{ key, value }]);
    else {
      const entry = list.find((candidate) => candidate.key === key);
      if (entry) entry.value = value;
      else list.push({ key, value });
    }
  }

  /** The value of the record's key, or undefined. */
  find(data: Uint8Array, starts: Int32Array, ends: Int32Array): T | undefined {
    const list = this.entries.get(bytesHash(data, starts, ends, this.columns));
    if (!list) return undefined;
    for (let index = 0; index < list.length; index++) {
      const entry = list[index]!;
      if (matchesKey(data, starts, ends, this.columns, entry.key)) return entry.value;
    }
    return undefined;
  }
}

/** The fields' bytes as one latin1 string (a cheap exact key), separated by U+001F. */
export function bytesKey(data: Uint8Array, starts: Int32Array, ends: Int32Array, columns: readonly number[]): string {
  const view = asBuffer(data);
  let key = '';
  for (const column of columns)
    key += `${column < 0 ? '' : view.toString('latin1', starts[column]!, ends[column]!)}\u001f`;
  return key;
}

/** Decodes the given columns of a record into a sparse row of cells. */
export function decodeColumns(
  data: Uint8Array,
  starts: Int32Array,
  ends: Int32Array,
  columns: readonly number[],
  encoding: Encoding,
  into: string[] = [],
): string[] {
  for (const column of columns)
    if (column >= 0) into[column] = decodeField(data, starts[column]!, ends[column]!, encoding);
  return into;
}

/** Whether bytes[start, end) hold an ASCII letter or digit. */
export function hasAsciiAlphanumeric(data: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const byte = data[index]!;
    if ((byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a)) return true;
  }
  return false;
}

/** A field of ASCII digits as a number (at most 9 digits), or -1. */
export function digits(data: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let value = 0;
  for (let index = start; index < end; index++) {
    const byte = data[index]!;
    if (byte < 0x30 || byte > 0x39) return -1;
    value = value * 10 + (byte - 0x30);
  }
  return value;
}
