/**
 * The checks of single households and persons over the whole registry, in pass 1, so that a registry
 * either draws under every seed or under none (docs/algorithm.md §4.5).
 *
 * Pass 1 keeps no household, only compact tables of a 64-bit hash of each normalised 户编号 and
 * 人编号, shared by the files of the registry:
 *
 * - households of household-level files (one row each): 8 bytes of hash a row, appended into
 *   KeyHashes and sorted once at the end, where a hash seen twice sits beside its twin (5M
 *   households: 40 MB);
 * - households of person-level files, whose rows must be counted together (head rows 0/1/2+, rows
 *   1/2+, which kinds of file its rows came from, its location): 8 bytes of hash and 4 of flags
 *   and location id = 12 bytes a slot of an open-addressing table, at most 3/4 full: sized once
 *   from the first records' estimate, about 16 bytes a household (1M households: 16 MB), up to
 *   twice that where the estimate was low;
 * - persons: 8 bytes of hash a person, appended into KeyHashes, sorted once at the end (3M persons:
 *   24 MB), and let go once the candidates are known.
 *
 * A KeyHashes past 16 MiB spills its hashes, salted, to a private temporary directory and reads them
 * back one bucket at a time, so that neither grows with the registry; the person-level files'
 * household table still does (it does not spill).
 *
 * The tables only find *candidates*: a household whose rows might break a rule (no 户主 row or two,
 * a repeated 户编号 in a household-level file, rows in two villages, in a registered and a non-poor
 * file) and persons whose 人编号 hash was seen twice. Equal keys always have equal hashes, so no
 * error is missed; a hash collision only makes a candidate. The candidates are then looked at again
 * exactly (`secondLook`): the files are read again and the candidates' complete households go through
 * FrameBuilder, whose messages are the ones a draw of their villages would have given. A valid
 * registry without collisions (the usual case) is read once.
 */
import { randomBytes } from 'node:crypto';
import { appendFileSync, closeSync, openSync, readSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { FrameBuilder, type DataProblem } from '../core/frame.js';
import { normalizeName } from '../core/text.js';
import type { RegistryLayout } from '../core/columns.js';
import { SpotcheckError } from '../errors.js';
import { msg } from '../i18n.js';
import type { RecordSink } from './fastcsv.js';
import { decodeField } from './fields.js';
import { streamByteRecords, type Encoding, type EncodingChoice, type FileFacts } from './registry.js';
import { makeSpillDirectory, removeSpillDirectory, spillError } from './spill.js';

// ---- a 64-bit hash of a normalised key --------------------------------------------------------

let hashHi = 0;
let hashLo = 0;

/** Finishes the two lanes of a hash into hashHi/hashLo. */
function finish(a: number, b: number): void {
  let h1 = Math.imul(a ^ (a >>> 16), 2246822507);
  h1 ^= Math.imul(b ^ (b >>> 13), 3266489909);
  let h2 = Math.imul(b ^ (b >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  hashHi = h1 >>> 0;
  hashLo = h2 >>> 0;
  // (0, 0) marks an empty slot: a key hashing to it shares (0, 1) with others (a collision, harmless).
  if (hashHi === 0 && hashLo === 0) hashLo = 1;
}

/**
 * Hashes the normalised text of bytes[start, end) (normalizeName, §2.1) into hashHi/hashLo, as its
 * UTF-16 code units. Printable ASCII without spaces is its own normalised form, in UTF-8 and GB18030
 * alike, so it is hashed as it stands; anything else is decoded and normalised first. Returns false
 * for a key that normalises to ''.
 */
function hashField(data: Uint8Array, start: number, end: number, encoding: Encoding): boolean {
  const length = end - start;
  let h1 = 0xdeadbeef ^ length;
  let h2 = 0x41c6ce57 ^ length;
  let index = start;
  for (; index < end; index++) {
    const byte = data[index]!;
    if (byte < 0x21 || byte > 0x7e) break;
    h1 = Math.imul(h1 ^ byte, 2654435761);
    h2 = Math.imul(h2 ^ byte, 1597334677);
  }
  if (index === end && length > 0) {
    finish(h1, h2);
    return true;
  }
  const text = normalizeName(decodeField(data, start, end, encoding));
  if (text === '') return false;
  h1 = 0xdeadbeef ^ text.length;
  h2 = 0x41c6ce57 ^ text.length;
  for (let at = 0; at < text.length; at++) {
    const unit = text.charCodeAt(at);
    h1 = Math.imul(h1 ^ unit, 2654435761);
    h2 = Math.imul(h2 ^ unit, 1597334677);
  }
  finish(h1, h2);
  return true;
}

const hashName = (hi: number, lo: number): string => `${hi.toString(16)}:${lo.toString(16)}`;

/** hashField's hash as a name (for tests), or null for a key that normalises to ''. */
export function fieldHashName(data: Uint8Array, start: number, end: number, encoding: Encoding): string | null {
  return hashField(data, start, end, encoding) ? hashName(hashHi, hashLo) : null;
}

// ---- open-addressing tables ---------------------------------------------------------------------

const MAX_LOAD = 0.75;

/** Household flags. */
const HEADS = 0x3; // head rows counted 0, 1, 2 (2 = two or more)
const ROWS = 0xc; // rows counted 1 (0x4), 2+ (0x8)
export const FROM_HOUSEHOLD_FILE = 0x10;
export const FROM_RELATION_FILE = 0x20;
export const FROM_PERSON_FILE = 0x40; // person-level without 与户主关系
export const FROM_NONPOOR_FILE = 0x80;
export const FROM_REGISTERED_FILE = 0x100;
const MOVED = 0x200; // rows at more than one location
const KINDS = FROM_HOUSEHOLD_FILE | FROM_RELATION_FILE | FROM_PERSON_FILE | FROM_NONPOOR_FILE | FROM_REGISTERED_FILE;

/** The bits of a slot's third word that hold its flags; the location id is above them. */
const FLAG_BITS = 10;
const FLAGS = (1 << FLAG_BITS) - 1;
/** A location id this large or larger is kept in the table's `far` map (a registry of 4M locations). */
const FAR = (1 << (32 - FLAG_BITS)) - 1;

/**
 * Per household key hash: its flags and the location of its first row, in one array of three
 * 32-bit words a slot — hash high, hash low, flags with the location id above them (12 bytes).
 */
export class HouseholdTable {
  slots: Uint32Array;
  /** Slots in the table: any number (a hash's first slot is its high word modulo this). */
  size: number;
  count = 0;
  /** Hash name → every location of a household whose rows are at several (rare: irregular files). */
  readonly moved = new Map<string, Set<number>>();
  /** Hash name → the location of a household whose location id is FAR or more (never, in practice). */
  private readonly far = new Map<string, number>();
  /** The slot of the household last noted (a household's rows usually follow each other), or -1. */
  private last = -1;

  constructor(bits = 12) {
    this.slots = new Uint32Array(3 << bits);
    this.size = 1 << bits;
  }

  /** The slot of (hi, lo): where it is, or the empty slot where it would go. */
  private slot(hi: number, lo: number): number {
    const slots = this.slots;
    const size = this.size;
    let slot = hi % size;
    for (;;) {
      const h = slots[3 * slot]!;
      const l = slots[3 * slot + 1]!;
      if ((h === hi && l === lo) || (h === 0 && l === 0)) return slot;
      if (++slot === size) slot = 0;
    }
  }

  /** Whether the household hashed (hi, lo) was counted (a hash match: equal keys, or, rarely, a collision). */
  has(hi: number, lo: number): boolean {
    const slot = this.slot(hi, lo);
    return this.slots[3 * slot] === hi && this.slots[3 * slot + 1] === lo;
  }

  /**
   * Makes room for `count` households in all, at once (one rehash instead of many), in no more
   * slots than they need: fresh memory costs its page faults when first written.
   */
  reserve(count: number): void {
    const size = Math.ceil(count / MAX_LOAD);
    if (size > this.size) this.resize(size);
  }

  private resize(size: number): void {
    const old = this.slots;
    this.slots = new Uint32Array(3 * size);
    this.size = size;
    this.last = -1;
    for (let at = 0; at < old.length; at += 3) {
      const hi = old[at]!;
      const lo = old[at + 1]!;
      if (hi === 0 && lo === 0) continue;
      const slot = 3 * this.slot(hi, lo);
      this.slots[slot] = hi;
      this.slots[slot + 1] = lo;
      this.slots[slot + 2] = old[at + 2]!;
    }
  }

  /** The location of the household in the slot at `at` (its first row's). */
  private locationAt(at: number): number {
    const location = this.slots[at + 2]! >>> FLAG_BITS;
    return location === FAR ? this.far.get(hashName(this.slots[at]!, this.slots[at + 1]!))! : location;
  }

  /** Counts one row (or, with `rows` > 1, several) of the household hashed (hi, lo). */
  note(hi: number, lo: number, kinds: number, heads: number, rows: number, location: number): void {
    const slots = this.slots;
    const last = this.last;
    const slot = last >= 0 && slots[3 * last] === hi && slots[3 * last + 1] === lo ? last : this.slot(hi, lo);
    this.last = slot;
    const at = 3 * slot;
    if (slots[at] === 0 && slots[at + 1] === 0) {
      slots[at] = hi;
      slots[at + 1] = lo;
      if (location >= FAR) this.far.set(hashName(hi, lo), location);
      slots[at + 2] = (kinds | Math.min(heads, 2) | (rows > 1 ? 0x8 : 0x4)) + Math.min(location, FAR) * (FLAGS + 1);
      if (++this.count > this.size * MAX_LOAD) this.resize(this.size * 2);
      return;
    }
    const word = slots[at + 2]!;
    const flags = word & FLAGS;
    const headCount = Math.min((flags & HEADS) + heads, 2);
    let next = (flags & ~HEADS & ~ROWS) | kinds | headCount | 0x8;
    const first = this.locationAt(at);
    if (first !== location) {
      next |= MOVED;
      const name = hashName(hi, lo);
      const seen = this.moved.get(name) ?? new Set([first]);
      seen.add(location);
      this.moved.set(name, seen);
    }
    slots[at + 2] = word - flags + next;
  }

  /** Adds another table's households (another file's) into this one. */
  merge(other: HouseholdTable): void {
    const slots = other.slots;
    for (let at = 0; at < slots.length; at += 3) {
      const hi = slots[at]!;
      const lo = slots[at + 1]!;
      if (hi === 0 && lo === 0) continue;
      const flags = slots[at + 2]! & FLAGS;
      this.note(hi, lo, flags & (KINDS | MOVED), flags & HEADS, (flags & 0x8) !== 0 ? 2 : 1, other.locationAt(at));
      const moved = other.moved.get(hashName(hi, lo));
      if (moved) for (const location of moved) this.note(hi, lo, 0, 0, 0, location);
    }
  }

  /**
   * The households that may break a rule, given each location's village (null: a location with a
   * problem, reported already): as hash names.
   */
  candidates(villageOf: (location: number) => string | null | undefined): Set<string> {
    const found = new Set<string>();
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 3) {
      const hi = slots[at]!;
      const lo = slots[at + 1]!;
      if (hi === 0 && lo === 0) continue;
      const flags = slots[at + 2]! & FLAGS;
      const heads = flags & HEADS;
      const several = (flags & 0x8) !== 0;
      let suspect =
        ((flags & FROM_RELATION_FILE) !== 0 && heads !== 1) || // no 户主 row, or two
        ((flags & FROM_HOUSEHOLD_FILE) !== 0 && several) || // a 户编号 repeated in a household-level file, or also in a person file
        ((flags & FROM_PERSON_FILE) !== 0 && (flags & (FROM_RELATION_FILE | FROM_HOUSEHOLD_FILE)) !== 0) ||
        ((flags & FROM_NONPOOR_FILE) !== 0 && (flags & FROM_REGISTERED_FILE) !== 0);
      if (!suspect && (flags & MOVED) !== 0) {
        const villages = new Set<string | null | undefined>();
        for (const location of this.moved.get(hashName(hi, lo)) ?? []) villages.add(villageOf(location));
        suspect = villages.size !== 1;
      }
      if (suspect) found.add(hashName(hi, lo));
    }
    return found;
  }
}

/** Buckets of KeyHashes: a hash's bucket is its top BUCKET_BITS bits. */
const BUCKET_BITS = 8;
const BUCKETS = 1 << BUCKET_BITS;

/**
 * The memory a KeyHashes holds before it spills its hashes to disk: 16 MiB, 2M hashes (a registry
 * of 2M households, or persons). SPOTCHECK_SPILL_BUDGET (bytes) sets it smaller, for tests only.
 */
const SPILL_BUDGET = 16 * 1024 * 1024;

function spillBudget(): number {
  const given = Number(process.env.SPOTCHECK_SPILL_BUDGET);
  return Number.isInteger(given) && given > 0 ? given : SPILL_BUDGET;
}

/** Mixes a 32-bit word with a round key (a round of Salt's Feistel network). */
function mixWord(word: number, key: number): number {
  let x = Math.imul(word ^ key, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * A per-run secret permutation of 64-bit hashes (a 4-round Feistel network keyed by random round
 * keys): what KeyHashes writes to disk is a hash put through it, so that a spilled file cannot be
 * matched against the hashes of guessed 人编号 (or 户编号). The keys come from node:crypto's
 * randomBytes and never leave memory; they choose nothing of the draw (equal hashes stay equal and
 * every hash is put back as it was when read), so every output is the same under any salt and the
 * reproducibility rules (a draw a function of its registry, seed and options) are untouched.
 */
class Salt {
  private readonly keys: Uint32Array;

  constructor() {
    const bytes = randomBytes(16);
    this.keys = new Uint32Array(bytes.buffer, bytes.byteOffset, 4).slice();
  }

  /** Puts the pairs (low word, high word) of words[0, 2 * count) through the permutation. */
  hide(words: Uint32Array, count: number): void {
    const keys = this.keys;
    for (let at = 0; at < 2 * count; at += 2) {
      let left = words[at + 1]!;
      let right = words[at]!;
      for (let round = 0; round < 4; round++) {
        const next = (left ^ mixWord(right, keys[round]!)) >>> 0;
        left = right;
        right = next;
      }
      words[at + 1] = left;
      words[at] = right;
    }
  }

  /** Undoes hide. */
  reveal(words: Uint32Array, count: number): void {
    const keys = this.keys;
    for (let at = 0; at < 2 * count; at += 2) {
      let left = words[at + 1]!;
      let right = words[at]!;
      for (let round = 3; round >= 0; round--) {
        const previous = (right ^ mixWord(left, keys[round]!)) >>> 0;
        right = left;
        left = previous;
      }
      words[at + 1] = left;
      words[at] = right;
    }
  }
}

/**
 * 64-bit key hashes, appended (8 bytes a key, written sequentially: far cheaper than a hash
 * table's random writes), then sorted once, which brings equal hashes together and lets `has`
 * search them. They are kept in BUCKETS buckets by their top bits, each its own array, so that no
 * array ever holds more than a bucket's share: a bucket that fills grows alone (1.25 times, the
 * copy a 256th of the whole), and sorting and searching take one bucket at a time.
 *
 * Past its budget (SPILL_BUDGET) it spills: every bucket in hand is appended, salted (Salt), to its
 * own file in a private temporary directory (src/io/spill.ts), and the arrays are used again. Then
 * forEach reads, sorts and lets go one bucket at a time (memory: the budget and one bucket, ~1/256
 * of the whole), and `has` reads the one bucket it needs (hasHousehold asks about a few masked
 * 户编号 of an exclusion, once a draw). The directory goes with `release` or at the end of the run.
 *
 * `commit` marks what is kept and `rollback` goes back to the mark: a file read again (in another
 * encoding) takes its keys out before it counts them again (a spilled bucket's file is cut back).
 */
export class KeyHashes {
  /** Per bucket, its hashes in memory as (low word, high word) pairs: a BigUint64Array view sorts them. */
  private readonly words: Uint32Array[] = Array.from({ length: BUCKETS }, () => new Uint32Array(2 * 16));
  /** Per bucket, the hashes in memory. */
  private readonly counts = new Int32Array(BUCKETS);
  /** Per bucket, the hashes kept at the last commit (those on disk included). */
  private readonly marks = new Int32Array(BUCKETS);
  /** Per bucket, the hashes on disk (in its file, before those in memory). */
  private readonly spilled = new Int32Array(BUCKETS);
  private sorted = true;
  /** Hashes in memory, and how many may be before a spill. */
  private held = 0;
  private readonly limit: number;
  /** The spill directory (null: nothing spilled) and the salt of what is in it. */
  private dir: string | null = null;
  private salt: Salt | null = null;
  /** The bucket `has` read last, whole and sorted (after a spill), or -1. */
  private loadedBucket = -1;
  private loaded: Uint32Array = new Uint32Array(0);

  constructor(budget = spillBudget()) {
    this.limit = Math.max(1, Math.floor(budget / 8));
  }

  /** Adds the hash (hi, lo). */
  note(hi: number, lo: number): void {
    const bucket = hi >>> (32 - BUCKET_BITS);
    const count = this.counts[bucket]!;
    let words = this.words[bucket]!;
    if (2 * count + 2 > words.length) words = this.grow(bucket, Math.ceil(count * 1.25) + 16);
    words[2 * count] = lo;
    words[2 * count + 1] = hi;
    this.counts[bucket] = count + 1;
    this.sorted = false;
    if (++this.held > this.limit) this.spill();
  }

  /** Makes room for `more` hashes beyond those in hand (no more than the budget), spread evenly over the buckets. */
  reserve(more: number): void {
    const share = Math.ceil((Math.min(more, this.limit) / BUCKETS) * 1.05) + 16;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const wanted = this.counts[bucket]! + share;
      const capacity = this.words[bucket]!.length / 2;
      // At least 1.25 times: a registry split in 129 files reserves 129 times, and growing each bucket
      // to exactly its need copied every hash in hand once a file (and left the old arrays to the GC).
      if (wanted > capacity) this.grow(bucket, Math.max(wanted, Math.ceil(capacity * 1.25)));
    }
  }

  private grow(bucket: number, capacity: number): Uint32Array {
    const words = new Uint32Array(2 * capacity);
    words.set(this.words[bucket]!.subarray(0, 2 * this.counts[bucket]!));
    this.words[bucket] = words;
    return words;
  }

  /** The file of a bucket's spilled hashes. */
  private file(bucket: number): string {
    return join(this.dir!, bucket.toString(16).padStart(2, '0'));
  }

  /** Appends every bucket in memory, salted, to its file, and empties them. */
  private spill(): void {
    if (this.dir === null) {
      this.dir = makeSpillDirectory();
      this.salt = new Salt();
    }
    this.loadedBucket = -1;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const count = this.counts[bucket]!;
      if (count === 0) continue;
      const words = this.words[bucket]!;
      this.salt!.hide(words, count);
      try {
        appendFileSync(this.file(bucket), new Uint8Array(words.buffer, words.byteOffset, 8 * count), { mode: 0o600 });
      } catch (error) {
        throw spillError(this.dir, error);
      }
      this.spilled[bucket] = this.spilled[bucket]! + count;
      this.counts[bucket] = 0;
    }
    this.held = 0;
  }

  /** Keeps the hashes in hand: a later rollback goes back to here. */
  commit(): void {
    for (let bucket = 0; bucket < BUCKETS; bucket++) this.marks[bucket] = this.spilled[bucket]! + this.counts[bucket]!;
  }

  /** Drops the hashes added since the last commit. */
  rollback(): void {
    if (this.dir === null) this.counts.set(this.marks);
    else {
      this.loadedBucket = -1;
      for (let bucket = 0; bucket < BUCKETS; bucket++) {
        const mark = this.marks[bucket]!;
        const spilled = this.spilled[bucket]!;
        if (mark >= spilled) this.counts[bucket] = mark - spilled;
        else {
          try {
            truncateSync(this.file(bucket), 8 * mark);
          } catch (error) {
            throw spillError(this.dir, error);
          }
          this.spilled[bucket] = mark;
          this.counts[bucket] = 0;
        }
      }
    }
    this.held = 0;
    for (let bucket = 0; bucket < BUCKETS; bucket++) this.held += this.counts[bucket]!;
  }

  /** Sorts each bucket in memory (once; not after a spill: forEach and has read each bucket whole). */
  private sort(): void {
    if (this.sorted) return;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const count = this.counts[bucket]!;
      const words = this.words[bucket]!;
      // One native sort of the 64-bit values brings equal hashes together.
      new BigUint64Array(words.buffer, words.byteOffset, count).sort();
    }
    this.commit();
    this.sorted = true;
  }

  /** A spilled bucket whole (its file and its hashes in memory), sorted: a new array of its pairs. */
  private readBucket(bucket: number): Uint32Array {
    const spilled = this.spilled[bucket]!;
    const count = this.counts[bucket]!;
    const words = new Uint32Array(2 * (spilled + count));
    if (spilled > 0) {
      const bytes = new Uint8Array(words.buffer, 0, 8 * spilled);
      try {
        const fd = openSync(this.file(bucket), 'r');
        try {
          for (let at = 0; at < bytes.length; ) {
            const read = readSync(fd, bytes, at, bytes.length - at, at);
            if (read === 0) throw Object.assign(new Error('short read'), { code: 'EIO' });
            at += read;
          }
        } finally {
          closeSync(fd);
        }
      } catch (error) {
        throw spillError(this.dir!, error);
      }
      this.salt!.reveal(words, spilled);
    }
    words.set(this.words[bucket]!.subarray(0, 2 * count), 2 * spilled);
    new BigUint64Array(words.buffer, 0, spilled + count).sort();
    return words;
  }

  /** Whether the hash (hi, lo) was added. */
  has(hi: number, lo: number): boolean {
    const bucket = hi >>> (32 - BUCKET_BITS);
    let words: Uint32Array;
    let count: number;
    if (this.dir === null) {
      this.sort();
      words = this.words[bucket]!;
      count = this.counts[bucket]!;
    } else {
      if (this.loadedBucket !== bucket) {
        this.loaded = this.readBucket(bucket);
        this.loadedBucket = bucket;
      }
      words = this.loaded;
      count = words.length / 2;
    }
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const h = words[2 * middle + 1]!;
      const l = words[2 * middle]!;
      if (h < hi || (h === hi && l < lo)) low = middle + 1;
      else high = middle;
    }
    return low < count && words[2 * low + 1] === hi && words[2 * low] === lo;
  }

  /** Calls `each` once for every distinct hash added, in order, with whether it was added more than once. */
  forEach(each: (hi: number, lo: number, repeated: boolean) => void): void {
    if (this.dir === null) this.sort();
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const words = this.dir === null ? this.words[bucket]! : this.readBucket(bucket);
      const count = this.dir === null ? this.counts[bucket]! : words.length / 2;
      for (let index = 0; index < count; ) {
        const hi = words[2 * index + 1]!;
        const lo = words[2 * index]!;
        let next = index + 1;
        while (next < count && words[2 * next + 1] === hi && words[2 * next] === lo) next++;
        each(hi, lo, next - index > 1);
        index = next;
      }
    }
  }

  /** The hash names added more than once. */
  repeated(): Set<string> {
    const found = new Set<string>();
    this.forEach((hi, lo, repeated) => {
      if (repeated) found.add(hashName(hi, lo));
    });
    return found;
  }

  /** Whether hashes were spilled to disk (for tests). */
  get spills(): boolean {
    return this.dir !== null;
  }

  /** Removes the spill directory (the hashes are not asked about again). */
  release(): void {
    if (this.dir !== null) removeSpillDirectory(this.dir);
  }
}

/**
 * One file's counting, by its pass-1 sink (a fresh one for each attempt at reading the file): the
 * households of a person-level file into its own table, those of a household-level file (one row
 * each) and the persons straight into the registry's KeyHashes.
 */
export class FileChecks {
  /** The households of a person-level file (null until its first row). */
  households: HouseholdTable | null = null;
  private readonly householdKeys: KeyHashes;
  private readonly persons: KeyHashes;

  /**
   * The run of rows being counted: one household at one location (a household's rows usually
   * follow each other), counted into the table once, when the run ends.
   */
  private previous = Buffer.alloc(64);
  private previousLength = -1;
  private runHi = 0;
  private runLo = 0;
  private runKinds = 0;
  private runHeads = 0;
  private runRows = 0;
  private runLocation = -1;

  constructor(registry: RegistryChecks) {
    ({ householdKeys: this.householdKeys, persons: this.persons } = registry.beginFile());
  }

  /** Counts a row of the household whose 户编号 is bytes[start, end). */
  household(
    data: Uint8Array,
    start: number,
    end: number,
    encoding: Encoding,
    kinds: number,
    head: number,
    location: number,
  ): void {
    if ((kinds & FROM_HOUSEHOLD_FILE) !== 0) {
      // A household-level file's 户编号 is counted once a row: seen twice anywhere, it is a candidate.
      if (hashField(data, start, end, encoding)) this.householdKeys.note(hashHi, hashLo);
      return;
    }
    const length = end - start;
    if (length === this.previousLength && location === this.runLocation && kinds === this.runKinds) {
      const previous = this.previous;
      let same = true;
      for (let index = 0; index < length; index++) {
        if (data[start + index] !== previous[index]) {
          same = false;
          break;
        }
      }
      if (same) {
        this.runHeads += head;
        this.runRows++;
        return;
      }
    }
    this.flush();
    if (!hashField(data, start, end, encoding)) return;
    if (length <= this.previous.length) {
      // Byte by byte: a subarray for a 户编号 would be an object per household.
      const previous = this.previous;
      for (let index = 0; index < length; index++) previous[index] = data[start + index]!;
      this.previousLength = length;
    } else this.previousLength = -1;
    this.runHi = hashHi;
    this.runLo = hashLo;
    this.runKinds = kinds;
    this.runHeads = head;
    this.runRows = 1;
    this.runLocation = location;
  }

  /** Counts the run of rows in hand (at the end of the file, or when another household starts). */
  flush(): void {
    if (this.runRows > 0) {
      this.households ??= new HouseholdTable();
      this.households.note(this.runHi, this.runLo, this.runKinds, this.runHeads, this.runRows, this.runLocation);
    }
    this.runRows = 0;
    this.previousLength = -1;
    this.runLocation = -1;
  }

  /**
   * Sizes the tables once for a file expected to hold `records` records with a 人编号 (0: none) and
   * `households` households, of a household-level file or not (an estimate from the first records:
   * a wrong one costs only time).
   */
  reserve(records: number, households: number, householdLevel: boolean): void {
    if (householdLevel) this.householdKeys.reserve(households);
    else {
      this.households ??= new HouseholdTable();
      this.households.reserve(households);
    }
    if (records > 0) this.persons.reserve(records);
  }

  /** Counts a 人编号 (bytes[start, end); blank ones are not). */
  person(data: Uint8Array, start: number, end: number, encoding: Encoding): void {
    if (start === end || !hashField(data, start, end, encoding)) return;
    this.persons.note(hashHi, hashLo);
  }
}

/**
 * The registry's tables: the households of household-level files and the persons of every file in
 * two KeyHashes, the households of person-level files in the first such file's table, with every
 * later one's merged in.
 */
export class RegistryChecks {
  private households: HouseholdTable | null = null;
  private readonly householdKeys: KeyHashes;
  /** Released once the candidates are found (nothing after pass 1 asks about persons). */
  private persons: KeyHashes | null;
  /** Location key (with the file's encoding) → location id, shared by the files. */
  private readonly locationIds = new Map<string, number>();
  /** Location id → its village key (null after a problem). */
  private readonly villages: Array<string | null> = [];

  /** `budget`: the memory of each KeyHashes before it spills to disk (bytes). */
  constructor(budget = spillBudget()) {
    this.householdKeys = new KeyHashes(budget);
    this.persons = new KeyHashes(budget);
  }

  locationId(encoding: Encoding, key: string): number {
    const name = `${encoding}\u001e${key}`;
    let id = this.locationIds.get(name);
    if (id === undefined) {
      id = this.locationIds.size;
      this.locationIds.set(name, id);
    }
    return id;
  }

  /** A file's reading begins (again): what an earlier attempt at it counted is dropped. */
  beginFile(): { householdKeys: KeyHashes; persons: KeyHashes } {
    // Files are read before the candidates are asked for, never after (their persons are let go then).
    if (this.persons === null) throw new Error('RegistryChecks: a file begun after candidates()');
    this.householdKeys.rollback();
    this.persons.rollback();
    return { householdKeys: this.householdKeys, persons: this.persons };
  }

  /** A file read to its end: its tables join the registry's, its locations get their villages. */
  addFile(checks: FileChecks, villageOfLocation: Iterable<[number, string | null]>): void {
    checks.flush();
    this.householdKeys.commit();
    this.persons?.commit();
    if (checks.households) {
      if (!this.households) this.households = checks.households;
      else this.households.merge(checks.households);
    }
    for (const [id, village] of villageOfLocation)
      if (this.villages[id] === undefined || village === null) this.villages[id] = village;
  }

  /**
   * Whether a household key (a 户编号, normalised as pass 1 hashed it) is a household of the registry:
   * by its 64-bit hash, so a key that is not one is found so with at most a collision's chance.
   */
  hasHousehold(key: string): boolean {
    const bytes = Buffer.from(normalizeName(key), 'utf8');
    if (!hashField(bytes, 0, bytes.length, 'utf-8')) return false;
    return this.householdKeys.has(hashHi, hashLo) || (this.households?.has(hashHi, hashLo) ?? false);
  }

  /**
   * The hash names of the households and persons to look at again (empty sets: nothing to check).
   * Called once, after the last file: the persons' hashes are let go.
   */
  candidates(): { households: Set<string>; persons: Set<string> } {
    const table = this.households;
    const households = table ? table.candidates((location) => this.villages[location]) : new Set<string>();
    // A household-level file's household seen twice, or also in a person-level file.
    this.householdKeys.forEach((hi, lo, repeated) => {
      if (repeated || table?.has(hi, lo)) households.add(hashName(hi, lo));
    });
    const persons = this.persons?.repeated() ?? new Set<string>();
    this.persons?.release();
    this.persons = null;
    return { households, persons };
  }
}

// ---- the second look ------------------------------------------------------------------------

interface CheckedFile {
  readonly path: string;
  readonly name: string;
  readonly layout: RegistryLayout;
  readonly role: 'registry' | 'nonpoor';
  readonly countyAttributeColumn: number;
  readonly facts: FileFacts;
}

/** Reads a file again (as pass 1 read it) and refuses it if its bytes changed. */
async function readAgain(
  file: CheckedFile,
  choice: EncodingChoice,
  sheet: string | null,
  makeSink: (encoding: Encoding) => RecordSink,
): Promise<void> {
  const encoding = choice === 'auto' ? file.facts.encoding : choice;
  const facts = await streamByteRecords(
    file.path,
    encoding,
    makeSink,
    undefined,
    file.facts.parser === 'csv-parse',
    sheet,
  );
  if (facts.sha256 !== file.facts.sha256)
    throw new SpotcheckError('INPUT', msg('io.scan.changedDuringDraw'), { file: file.path });
}

/** A sink that calls `each` with the record's index, bytes and encoding; it reads `columns` (undefined: every column). */
function recordSink(
  encoding: Encoding,
  columns: readonly number[] | undefined,
  each: (
    data: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    record: number,
    line: number,
    encoding: Encoding,
  ) => void,
): RecordSink {
  let record = 0;
  return {
    header: () => columns,
    record(data, starts, ends, _count, line) {
      each(data, starts, ends, record++, line, encoding);
    },
  };
}

/**
 * The exact check of the candidates: every row of a candidate household, and every row of the
 * households of a person seen (perhaps) twice, read again into a FrameBuilder. Returns its errors
 * (warnings are left to the draw's households, as before).
 */
export async function secondLook(
  files: readonly CheckedFile[],
  candidates: { households: Set<string>; persons: Set<string> },
  options: {
    divisions: ConstructorParameters<typeof FrameBuilder>[0];
    encoding: EncodingChoice;
    sheet?: string | null;
  },
): Promise<{ problems: DataProblem[]; errorCount: number }> {
  const households = new Set(candidates.households);
  const sheet = options.sheet ?? null;
  if (candidates.persons.size > 0) {
    for (const file of files) {
      const { person_id: personColumn, household_id: householdColumn } = file.layout.columns;
      if (file.layout.layout !== 'person' || personColumn < 0) continue;
      await readAgain(file, options.encoding, sheet, (encoding) =>
        recordSink(encoding, [personColumn, householdColumn], (data, starts, ends, _record, _line, enc) => {
          const start = starts[personColumn]!;
          const end = ends[personColumn]!;
          if (start === end || !hashField(data, start, end, enc) || !candidates.persons.has(hashName(hashHi, hashLo)))
            return;
          if (hashField(data, starts[householdColumn]!, ends[householdColumn]!, enc))
            households.add(hashName(hashHi, hashLo));
        }),
      );
    }
  }
  if (households.size === 0) return { problems: [], errorCount: 0 };
  const builder = new FrameBuilder(options.divisions);
  for (const [fileIndex, file] of files.entries()) {
    builder.addFile(file.name, file.layout, {
      nonpoorOnly: file.role === 'nonpoor',
      countyAttributeColumn: file.countyAttributeColumn,
    });
    const householdColumn = file.layout.columns.household_id;
    const all = file.layout.header.map((_, index) => index);
    await readAgain(file, options.encoding, sheet, (encoding) =>
      recordSink(encoding, undefined, (data, starts, ends, record, line, enc) => {
        if (
          !hashField(data, starts[householdColumn]!, ends[householdColumn]!, enc) ||
          !households.has(hashName(hashHi, hashLo))
        )
          return;
        const cells: string[] = [];
        for (const column of all) cells[column] = decodeField(data, starts[column]!, ends[column]!, enc);
        builder.addRow(fileIndex, file.layout, cells, record, line);
      }),
    );
  }
  const { problems, errorCount } = builder.build();
  return { problems: problems.filter((problem) => problem.severity === 'error'), errorCount };
}
