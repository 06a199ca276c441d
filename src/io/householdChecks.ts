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
 *   1/2+, which kinds of file its rows came from, its locations): one entry a run of rows (a
 *   household's rows usually follow each other), 8 bytes of hash and 4 of flags and location id,
 *   appended into a KeyHashes of 12-byte entries (HouseholdRuns), sorted a bucket at a time at the
 *   end, where a household's runs sit together and are merged;
 * - persons: 8 bytes of hash a person, appended into KeyHashes, sorted once at the end (3M persons:
 *   24 MB), and let go once the candidates are known.
 *
 * A KeyHashes past 16 MiB spills its entries (hashes salted) to a private temporary directory and
 * reads them back one bucket at a time, so that none of the three grows with the registry.
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

// ---- key hashes, appended, bucketed, spilled --------------------------------------------------

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

  /**
   * Puts the hashes (low word, high word) of `count` entries of `width` words, words[0, width *
   * count), through the permutation (a payload word after a hash is left as it is).
   */
  hide(words: Uint32Array, count: number, width: number): void {
    const keys = this.keys;
    for (let at = 0; at < width * count; at += width) {
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
  reveal(words: Uint32Array, count: number, width: number): void {
    const keys = this.keys;
    for (let at = 0; at < width * count; at += width) {
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
 * An entry is its hash, (low word, high word), and with `width` 3 a payload word after it, which
 * the sort carries with its hash (HouseholdRuns: a run's flags and location).
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
  /** Per bucket, its entries in memory (`width` words each, the hash first as (low word, high word)). */
  private readonly words: Uint32Array[];
  /** Per bucket, the entries in memory. */
  private readonly counts = new Int32Array(BUCKETS);
  /** Per bucket, the entries kept at the last commit (those on disk included). */
  private readonly marks = new Int32Array(BUCKETS);
  /** Per bucket, the entries on disk (in its file, before those in memory). */
  private readonly spilled = new Int32Array(BUCKETS);
  private sorted = true;
  /** Entries in memory, and how many may be before a spill. */
  private held = 0;
  private readonly limit: number;
  /** The spill directory (null: nothing spilled) and the salt of what is in it. */
  private dir: string | null = null;
  private salt: Salt | null = null;
  /** The bucket `has` read last, whole and sorted (after a spill), or -1. */
  private loadedBucket = -1;
  private loaded: Uint32Array = new Uint32Array(0);

  /** `budget`: bytes in memory before a spill; `width`: words an entry (2: a hash, 3: a hash and a payload word). */
  constructor(
    budget = spillBudget(),
    private readonly width: 2 | 3 = 2,
  ) {
    this.limit = Math.max(1, Math.floor(budget / (4 * width)));
    this.words = Array.from({ length: BUCKETS }, () => new Uint32Array(width * 16));
  }

  /** Adds the hash (hi, lo), with its payload word (width 3). */
  note(hi: number, lo: number, payload = 0): void {
    const bucket = hi >>> (32 - BUCKET_BITS);
    const width = this.width;
    const count = this.counts[bucket]!;
    let words = this.words[bucket]!;
    if (width * (count + 1) > words.length) words = this.grow(bucket, Math.ceil(count * 1.25) + 16);
    const at = width * count;
    words[at] = lo;
    words[at + 1] = hi;
    if (width === 3) words[at + 2] = payload;
    this.counts[bucket] = count + 1;
    this.sorted = false;
    if (++this.held > this.limit) this.spill();
  }

  /** Makes room for `more` entries beyond those in hand (no more than the budget), spread evenly over the buckets. */
  reserve(more: number): void {
    const share = Math.ceil((Math.min(more, this.limit) / BUCKETS) * 1.05) + 16;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const wanted = this.counts[bucket]! + share;
      const capacity = this.words[bucket]!.length / this.width;
      // At least 1.25 times: a registry split in 129 files reserves 129 times, and growing each bucket
      // to exactly its need copied every hash in hand once a file (and left the old arrays to the GC).
      if (wanted > capacity) this.grow(bucket, Math.max(wanted, Math.ceil(capacity * 1.25)));
    }
  }

  private grow(bucket: number, capacity: number): Uint32Array {
    const words = new Uint32Array(this.width * capacity);
    words.set(this.words[bucket]!.subarray(0, this.width * this.counts[bucket]!));
    this.words[bucket] = words;
    return words;
  }

  /** The file of a bucket's spilled entries. */
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
    const width = this.width;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const count = this.counts[bucket]!;
      if (count === 0) continue;
      const words = this.words[bucket]!;
      this.salt!.hide(words, count, width);
      try {
        appendFileSync(this.file(bucket), new Uint8Array(words.buffer, words.byteOffset, 4 * width * count), {
          mode: 0o600,
        });
      } catch (error) {
        throw spillError(this.dir, error);
      }
      this.spilled[bucket] = this.spilled[bucket]! + count;
      this.counts[bucket] = 0;
    }
    this.held = 0;
  }

  /** Keeps the entries in hand: a later rollback goes back to here. */
  commit(): void {
    for (let bucket = 0; bucket < BUCKETS; bucket++) this.marks[bucket] = this.spilled[bucket]! + this.counts[bucket]!;
  }

  /** Drops the entries added since the last commit. */
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
            truncateSync(this.file(bucket), 4 * this.width * mark);
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
    for (let bucket = 0; bucket < BUCKETS; bucket++)
      this.words[bucket] = sortEntries(this.words[bucket]!, this.counts[bucket]!, this.width);
    this.commit();
    this.sorted = true;
  }

  /** A spilled bucket whole (its file and its entries in memory), sorted: a new array of its entries. */
  private readBucket(bucket: number): Uint32Array {
    const width = this.width;
    const spilled = this.spilled[bucket]!;
    const count = this.counts[bucket]!;
    const words = new Uint32Array(width * (spilled + count));
    if (spilled > 0) {
      const bytes = new Uint8Array(words.buffer, 0, 4 * width * spilled);
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
      this.salt!.reveal(words, spilled, width);
    }
    words.set(this.words[bucket]!.subarray(0, width * count), width * spilled);
    return sortEntries(words, spilled + count, width);
  }

  /** A bucket's entries, sorted, and how many. */
  private bucketEntries(bucket: number): [Uint32Array, number] {
    if (this.dir === null) {
      this.sort();
      return [this.words[bucket]!, this.counts[bucket]!];
    }
    const words = this.readBucket(bucket);
    return [words, words.length / this.width];
  }

  /** Whether the hash (hi, lo) was added. */
  has(hi: number, lo: number): boolean {
    const bucket = hi >>> (32 - BUCKET_BITS);
    const width = this.width;
    let words: Uint32Array;
    let count: number;
    if (this.dir === null) [words, count] = this.bucketEntries(bucket);
    else {
      if (this.loadedBucket !== bucket) {
        this.loaded = this.readBucket(bucket);
        this.loadedBucket = bucket;
      }
      words = this.loaded;
      count = words.length / width;
    }
    let low = 0;
    let high = count;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const h = words[width * middle + 1]!;
      const l = words[width * middle]!;
      if (h < hi || (h === hi && l < lo)) low = middle + 1;
      else high = middle;
    }
    return low < count && words[width * low + 1] === hi && words[width * low] === lo;
  }

  /**
   * Calls `each` once for every distinct hash added, in order, with the sorted entries [first, end)
   * of `entries` that hold it (`width` words each: more than one, it was added more than once).
   */
  forEach(each: (hi: number, lo: number, entries: Uint32Array, first: number, end: number) => void): void {
    const width = this.width;
    for (let bucket = 0; bucket < BUCKETS; bucket++) {
      const [words, count] = this.bucketEntries(bucket);
      for (let index = 0; index < count; ) {
        const hi = words[width * index + 1]!;
        const lo = words[width * index]!;
        let next = index + 1;
        while (next < count && words[width * next + 1] === hi && words[width * next] === lo) next++;
        each(hi, lo, words, index, next);
        index = next;
      }
    }
  }

  /** The hash names added more than once. */
  repeated(): Set<string> {
    const found = new Set<string>();
    this.forEach((hi, lo, _entries, first, end) => {
      if (end - first > 1) found.add(hashName(hi, lo));
    });
    return found;
  }

  /** Whether entries were spilled to disk (for tests). */
  get spills(): boolean {
    return this.dir !== null;
  }

  /** Removes the spill directory (the hashes are not asked about again). */
  release(): void {
    if (this.dir !== null) removeSpillDirectory(this.dir);
  }
}

/**
 * The radix digits of a hash in a bucket, (word, shift, bits): the low word in three, the high
 * word's low 24 bits in two (its top 8 bits are the bucket's).
 */
const DIGITS: readonly (readonly [number, number, number])[] = [
  [0, 0, 11],
  [0, 11, 11],
  [0, 22, 10],
  [1, 0, 12],
  [1, 12, 12],
];

/**
 * Up to this many entries, a bucket of width 3 is sorted by insertion: the radix sort's five passes
 * over 4,096-digit tallies cost more than that on a small bucket (a demo registry's 256 buckets hold
 * a few entries each, and the radix sort was a tenth of a demo draw).
 */
const INSERTION_SORT_MAX = 128;

/** The first `count` entries of width 3 sorted by their hash (high word, then low), in place; stable, as the radix sort. */
function insertionSort(words: Uint32Array, count: number): Uint32Array {
  for (let index = 1; index < count; index++) {
    const lo = words[3 * index]!;
    const hi = words[3 * index + 1]!;
    const payload = words[3 * index + 2]!;
    let into = index;
    for (; into > 0; into--) {
      const before = 3 * (into - 1);
      const beforeHi = words[before + 1]!;
      if (beforeHi < hi || (beforeHi === hi && words[before]! <= lo)) break;
      words[3 * into] = words[before]!;
      words[3 * into + 1] = beforeHi;
      words[3 * into + 2] = words[before + 2]!;
    }
    words[3 * into] = lo;
    words[3 * into + 1] = hi;
    words[3 * into + 2] = payload;
  }
  return words;
}

/**
 * The first `count` entries of `words` (`width` words each) sorted by their 64-bit hash: width 2,
 * one native sort of a BigUint64Array view, in place; width 3, an LSD radix sort (DIGITS) that
 * carries each payload with its hash, into `words` or a new array of its length (returned).
 */
function sortEntries(words: Uint32Array, count: number, width: number): Uint32Array {
  if (count < 2) return words;
  if (width === 2) {
    new BigUint64Array(words.buffer, words.byteOffset, count).sort();
    return words;
  }
  if (count <= INSERTION_SORT_MAX) return insertionSort(words, count);
  let from: Uint32Array = words;
  let to: Uint32Array = new Uint32Array(words.length);
  const tally = new Int32Array(1 << 12);
  for (const [word, shift, bits] of DIGITS) {
    const mask = (1 << bits) - 1;
    tally.fill(0);
    for (let at = word; at < width * count; at += width) tally[(from[at]! >>> shift) & mask]!++;
    // Every entry with the same digit: this pass would not move them.
    if (count === 0 || tally[(from[word]! >>> shift) & mask] === count) continue;
    let sum = 0;
    for (let digit = 0; digit <= mask; digit++) {
      const here = tally[digit]!;
      tally[digit] = sum;
      sum += here;
    }
    for (let at = 0; at < width * count; at += width) {
      const into = width * tally[(from[at + word]! >>> shift) & mask]!++;
      for (let offset = 0; offset < width; offset++) to[into + offset] = from[at + offset]!;
    }
    [from, to] = [to, from];
  }
  return from;
}

// ---- the households of person-level files -------------------------------------------------------

/** A run's flags. */
const HEADS = 0x3; // head rows counted 0, 1, 2 (2 = two or more)
const ONE_ROW = 0x4; // a run of one row
const SEVERAL_ROWS = 0x8; // a run of two rows or more
export const FROM_HOUSEHOLD_FILE = 0x10;
export const FROM_RELATION_FILE = 0x20;
export const FROM_PERSON_FILE = 0x40; // person-level without 与户主关系
export const FROM_NONPOOR_FILE = 0x80;
export const FROM_REGISTERED_FILE = 0x100;

/** The bits of a run's payload word that hold its flags; the location id is above them. */
const FLAG_BITS = 10;
const FLAGS = (1 << FLAG_BITS) - 1;
/** A location id this large or larger is kept in HouseholdRuns' `far` map (a registry of 4M locations). */
const FAR = (1 << (32 - FLAG_BITS)) - 1;

/**
 * The households of person-level files, whose rows must be counted together: one entry a run of
 * rows (one household's rows one after another at one location, counted by FileChecks), its 64-bit
 * hash and one payload word, the run's flags (head rows 0/1/2+, one row or several, the kind of
 * file) with its location id above them: 12 bytes a run, appended into a KeyHashes of three words
 * an entry, which spills past its budget like the others (memory flat, whatever the registry).
 * Sorting a bucket brings a household's runs together, `candidates` merges them: flags OR'd, head
 * rows added (2 = two or more), rows 2+ if there are two runs, and the villages of its locations
 * compared when there are several.
 */
export class HouseholdRuns {
  private readonly runs: KeyHashes;
  /**
   * The runs whose location id is FAR or more (never, in practice), as (hash name, location), and
   * how many of them were committed (a rollback drops the others).
   */
  private readonly far: Array<readonly [string, number]> = [];
  private farKept = 0;

  /** `budget`: the memory the runs hold before they spill to disk (bytes). */
  constructor(budget = spillBudget()) {
    this.runs = new KeyHashes(budget, 3);
  }

  /** Counts a run of `rows` rows of the household hashed (hi, lo), `heads` of them 户主 rows. */
  note(hi: number, lo: number, kinds: number, heads: number, rows: number, location: number): void {
    if (location >= FAR) this.far.push([hashName(hi, lo), location]);
    const flags = kinds | Math.min(heads, 2) | (rows > 1 ? SEVERAL_ROWS : ONE_ROW);
    this.runs.note(hi, lo, flags + Math.min(location, FAR) * (FLAGS + 1));
  }

  /** Makes room for `more` runs (KeyHashes.reserve). */
  reserve(more: number): void {
    this.runs.reserve(more);
  }

  /** Keeps the runs in hand: a later rollback goes back to here. */
  commit(): void {
    this.runs.commit();
    this.farKept = this.far.length;
  }

  /** Drops the runs noted since the last commit. */
  rollback(): void {
    this.runs.rollback();
    this.far.length = this.farKept;
  }

  /** Whether the household hashed (hi, lo) was counted (a hash match: equal keys, or, rarely, a collision). */
  has(hi: number, lo: number): boolean {
    return this.runs.has(hi, lo);
  }

  /**
   * The households that may break a rule, given each location's village (null: a location with a
   * problem, reported already): as hash names.
   */
  candidates(villageOf: (location: number) => string | null | undefined): Set<string> {
    const found = new Set<string>();
    const far = new Map<string, number[]>();
    for (const [name, location] of this.far) far.set(name, [...(far.get(name) ?? []), location]);
    this.runs.forEach((hi, lo, entries, first, end) => {
      let flags = 0;
      let heads = 0;
      let location = -1;
      let moved = false;
      for (let index = first; index < end; index++) {
        const word = entries[3 * index + 2]!;
        flags |= word & FLAGS;
        heads += word & HEADS;
        const at = word >>> FLAG_BITS;
        if (location < 0) location = at;
        else if (at !== location) moved = true;
      }
      heads = Math.min(heads, 2);
      const several = end - first > 1 || (flags & SEVERAL_ROWS) !== 0;
      let suspect =
        ((flags & FROM_RELATION_FILE) !== 0 && heads !== 1) || // no 户主 row, or two
        ((flags & FROM_HOUSEHOLD_FILE) !== 0 && several) || // a 户编号 repeated in a household-level file, or also in a person file
        ((flags & FROM_PERSON_FILE) !== 0 && (flags & (FROM_RELATION_FILE | FROM_HOUSEHOLD_FILE)) !== 0) ||
        ((flags & FROM_NONPOOR_FILE) !== 0 && (flags & FROM_REGISTERED_FILE) !== 0);
      if (!suspect && (moved || location === FAR)) {
        // Rows at more than one location (rare: irregular files): in more than one village?
        const villages = new Set<string | null | undefined>();
        for (let index = first; index < end; index++) {
          const at = entries[3 * index + 2]! >>> FLAG_BITS;
          if (at !== FAR) villages.add(villageOf(at));
          else for (const location of far.get(hashName(hi, lo)) ?? []) villages.add(villageOf(location));
        }
        suspect = villages.size !== 1;
      }
      if (suspect) found.add(hashName(hi, lo));
    });
    return found;
  }

  /** Whether runs were spilled to disk (for tests). */
  get spills(): boolean {
    return this.runs.spills;
  }

  /** Removes the spill directory. */
  release(): void {
    this.runs.release();
  }
}

/**
 * One file's counting, by its pass-1 sink (a fresh one for each attempt at reading the file), into
 * the registry's tables: a person-level file's households a run of rows at a time into its
 * HouseholdRuns, those of a household-level file (one row each) and the persons into its KeyHashes.
 */
export class FileChecks {
  private readonly householdKeys: KeyHashes;
  private readonly households: HouseholdRuns;
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
    ({ householdKeys: this.householdKeys, households: this.households, persons: this.persons } = registry.beginFile());
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
    if (this.runRows > 0)
      this.households.note(this.runHi, this.runLo, this.runKinds, this.runHeads, this.runRows, this.runLocation);
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
    else this.households.reserve(households);
    if (records > 0) this.persons.reserve(records);
  }

  /** Counts a 人编号 (bytes[start, end); blank ones are not). */
  person(data: Uint8Array, start: number, end: number, encoding: Encoding): void {
    if (start === end || !hashField(data, start, end, encoding)) return;
    this.persons.note(hashHi, hashLo);
  }
}

/**
 * The registry's tables, shared by its files: the households of household-level files and the
 * persons of every file in two KeyHashes, the households of person-level files in a HouseholdRuns.
 */
export class RegistryChecks {
  private readonly householdKeys: KeyHashes;
  private readonly households: HouseholdRuns;
  /** Released once the candidates are found (nothing after pass 1 asks about persons). */
  private persons: KeyHashes | null;
  /** Location key (with the file's encoding) → location id, shared by the files. */
  private readonly locationIds = new Map<string, number>();
  /** Location id → its village key (null after a problem). */
  private readonly villages: Array<string | null> = [];

  /** `budget`: the memory of each KeyHashes before it spills to disk (bytes). */
  constructor(budget = spillBudget()) {
    this.householdKeys = new KeyHashes(budget);
    this.households = new HouseholdRuns(budget);
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
  beginFile(): { householdKeys: KeyHashes; households: HouseholdRuns; persons: KeyHashes } {
    // Files are read before the candidates are asked for, never after (their persons are let go then).
    if (this.persons === null) throw new Error('RegistryChecks: a file begun after candidates()');
    this.householdKeys.rollback();
    this.households.rollback();
    this.persons.rollback();
    return { householdKeys: this.householdKeys, households: this.households, persons: this.persons };
  }

  /** A file read to its end: its tables join the registry's, its locations get their villages. */
  addFile(checks: FileChecks, villageOfLocation: Iterable<[number, string | null]>): void {
    checks.flush();
    this.householdKeys.commit();
    this.households.commit();
    this.persons?.commit();
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
    return this.householdKeys.has(hashHi, hashLo) || this.households.has(hashHi, hashLo);
  }

  /**
   * The hash names of the households and persons to look at again (empty sets: nothing to check).
   * Called once, after the last file: the persons' hashes are let go.
   */
  candidates(): { households: Set<string>; persons: Set<string> } {
    const households = this.households.candidates((location) => this.villages[location]);
    // A household-level file's household seen twice, or also in a person-level file (both in bucket
    // order: a spilled bucket of runs is read once).
    this.householdKeys.forEach((hi, lo, _entries, first, end) => {
      if (end - first > 1 || this.households.has(hi, lo)) households.add(hashName(hi, lo));
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
