/**
 * Byte-level helpers of the registry scan (src/io/scan.ts): records arrive as a byte buffer with the
 * start and end of each field; these compare, key and decode fields without decoding what was
 * already seen.
 */
import type { ColumnMap, RegistryField } from '../core/columns.js';
import { asBuffer, decodeField } from './fields.js';
import type { Encoding } from './registry.js';

/** The fields that make a record's location (with the county attribute column, if any). */
const LOCATION_FIELDS: readonly RegistryField[] = [
  'prefecture',
  'prefecture_code',
  'county',
  'county_code',
  'township',
  'township_code',
  'village',
  'village_code',
];

/**
 * The columns of a record's location, in the order of its key: the county attribute column (-1 when
 * none) first, so that a key ends with the village and its code, the bytes BytesKeyIndex hashes.
 */
export function locationColumns(columns: ColumnMap, countyAttributeColumn: number): number[] {
  return [countyAttributeColumn, ...LOCATION_FIELDS.map((field) => columns[field])];
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

/** How many bytes, from the end of a key, its hash covers (the village and its code: see locationColumns). */
const HASHED_BYTES = 32;

/** FNV-1a over one byte. */
const fnv = (hash: number, byte: number): number => Math.imul(hash ^ byte, 0x01000193);

/** The hash of a key from the FNV-1a of its last bytes (read backwards) and its length, mixed (murmur3's finaliser). */
function finish(hash: number, length: number): number {
  let mixed = Math.imul(hash ^ length, 0x85ebca6b);
  mixed = Math.imul(mixed ^ (mixed >>> 13), 0xc2b2ae35);
  return mixed ^ (mixed >>> 16);
}

/**
 * The hash of the record's fields as bytesKey would key them, without building the key: the last
 * HASHED_BYTES bytes of that key, read backwards, and its length (so equal keys hash alike however
 * their bytes fall into fields).
 */
function bytesHash(data: Uint8Array, starts: Int32Array, ends: Int32Array, columns: readonly number[]): number {
  let hash = 0x811c9dc5;
  let left = HASHED_BYTES;
  let length = columns.length;
  for (let position = columns.length - 1; position >= 0; position--) {
    const column = columns[position]!;
    if (left > 0) {
      hash = fnv(hash, 0x1f);
      left--;
    }
    if (column < 0) continue;
    const start = starts[column]!;
    const end = ends[column]!;
    length += end - start;
    for (let index = end - 1; index >= start && left > 0; index--, left--) hash = fnv(hash, data[index]!);
  }
  return finish(hash, length);
}

/** bytesHash of the record whose bytesKey is `key` (a latin1 string: one character a byte). */
function keyHash(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = key.length - 1; index >= 0 && index >= key.length - HASHED_BYTES; index--)
    hash = fnv(hash, key.charCodeAt(index));
  return finish(hash, key.length);
}

/**
 * Values keyed by bytesKey, found from a record's bytes without building its key (no string per
 * record where records of many places alternate: a file not sorted by village). An open-addressing
 * table in typed arrays: each slot holds an entry and its key's hash; the keys' bytes lie in one
 * arena, compared byte for byte with the record's fields (a hash never merges two keys). Built for a
 * file not sorted by village, where each record looks up another key: few dependent loads, and a
 * hash over a key's last bytes only.
 */
export class BytesKeyIndex<T> {
  /** Per slot: its entry + 1 (0: empty). */
  private slots = new Int32Array(64);
  /** Per slot: its entry's hash. */
  private slotHashes = new Int32Array(64);
  /** Per entry: where its key starts in the arena (it ends where the next starts). */
  private keyStarts = new Int32Array(33);
  private arena = new Uint8Array(1024);
  private readonly values: T[] = [];

  constructor(
    private readonly columns: readonly number[],
    /** The hash of a key (a test forces collisions with a constant one). */
    private readonly hashes: { key: (key: string) => number; record: typeof bytesHash } = {
      key: keyHash,
      record: bytesHash,
    },
  ) {}

  get size(): number {
    return this.values.length;
  }

  /** Sets the key's value; returns the key's entry. */
  set(key: string, value: T): number {
    const hash = this.hashes.key(key);
    const mask = this.slots.length - 1;
    let slot = hash & mask;
    for (; this.slots[slot] !== 0; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]! - 1;
      if (this.slotHashes[slot] === hash && this.keyEquals(entry, key)) {
        this.values[entry] = value;
        return entry;
      }
    }
    const entry = this.values.length;
    this.values.push(value);
    if (entry + 2 > this.keyStarts.length) {
      const keyStarts = new Int32Array(2 * this.keyStarts.length);
      keyStarts.set(this.keyStarts);
      this.keyStarts = keyStarts;
    }
    const start = this.keyStarts[entry]!;
    if (start + key.length > this.arena.length) {
      const arena = new Uint8Array(Math.max(2 * this.arena.length, start + key.length));
      arena.set(this.arena.subarray(0, start));
      this.arena = arena;
    }
    for (let index = 0; index < key.length; index++) this.arena[start + index] = key.charCodeAt(index);
    this.keyStarts[entry + 1] = start + key.length;
    this.slots[slot] = entry + 1;
    this.slotHashes[slot] = hash;
    if (2 * this.values.length > this.slots.length) this.grow();
    return entry;
  }

  /** The value of the record's key, or undefined. */
  find(data: Uint8Array, starts: Int32Array, ends: Int32Array): T | undefined {
    const entry = this.entryOf(data, starts, ends);
    return entry < 0 ? undefined : this.values[entry];
  }

  /** The entry of the record's key, or -1. */
  entryOf(data: Uint8Array, starts: Int32Array, ends: Int32Array): number {
    const hash = this.hashes.record(data, starts, ends, this.columns);
    const slots = this.slots;
    const mask = slots.length - 1;
    for (let slot = hash & mask; slots[slot] !== 0; slot = (slot + 1) & mask) {
      if (this.slotHashes[slot] === hash && this.holds(slots[slot]! - 1, data, starts, ends)) return slots[slot]! - 1;
    }
    return -1;
  }

  /** An entry's value. */
  value(entry: number): T {
    return this.values[entry]!;
  }

  /**
   * Whether the record's fields, as bytesKey would key them, are the entry's key (matchesKey on the
   * arena), compared from the end: where two locations differ, their village codes do.
   */
  holds(entry: number, data: Uint8Array, starts: Int32Array, ends: Int32Array): boolean {
    const arena = this.arena;
    const columns = this.columns;
    const keyStart = this.keyStarts[entry]!;
    let at = this.keyStarts[entry + 1]!;
    for (let position = columns.length - 1; position >= 0; position--) {
      if (arena[--at] !== 0x1f) return false;
      const column = columns[position]!;
      if (column < 0) continue;
      const start = starts[column]!;
      const end = ends[column]!;
      if (at - (end - start) < keyStart) return false;
      for (let index = end - 1; index >= start; index--) if (arena[--at] !== data[index]) return false;
    }
    return at === keyStart;
  }

  private keyEquals(entry: number, key: string): boolean {
    const start = this.keyStarts[entry]!;
    if (this.keyStarts[entry + 1]! - start !== key.length) return false;
    for (let index = 0; index < key.length; index++)
      if (this.arena[start + index] !== key.charCodeAt(index)) return false;
    return true;
  }

  /** Twice the slots, every entry placed again (the hashes are kept: no key is hashed twice). */
  private grow(): void {
    const slots = new Int32Array(2 * this.slots.length);
    const slotHashes = new Int32Array(slots.length);
    const mask = slots.length - 1;
    for (let old = 0; old < this.slots.length; old++) {
      if (this.slots[old] === 0) continue;
      const hash = this.slotHashes[old]!;
      let slot = hash & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = this.slots[old]!;
      slotHashes[slot] = hash;
    }
    this.slots = slots;
    this.slotHashes = slotHashes;
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
