/**
 * The checks of single households and persons over the whole registry, in pass 1, so that a registry
 * either draws under every seed or under none (docs/algorithm.md §4.5).
 *
 * Pass 1 keeps no household, only (per file, made one once every file is read) compact tables keyed
 * by a 64-bit hash of each normalised 户编号 and 人编号:
 *
 * - households: 8 bytes of hash, 4 of flags (head rows 0/1/2+, rows 1/2+, which kinds of file its
 *   rows came from) and 4 of location id = 16 bytes a slot, at most 3/4 full: sized once from
 *   the first records' estimate, about 21 bytes a household (1M households: 21 MiB; 10M: 213 MiB),
 *   up to twice that where the estimate was low;
 * - persons: 8 bytes of hash a person, appended, sorted once at the end (3M persons: 24 MiB).
 *
 * A hash table only finds *candidates*: a household whose rows might break a rule (no 户主 row or two,
 * a repeated 户编号 in a household-level file, rows in two villages, in a registered and a non-poor
 * file) and persons whose 人编号 hash was seen twice. Equal keys always have equal hashes, so no
 * error is missed; a hash collision only makes a candidate. The candidates are then looked at again
 * exactly (`secondLook`): the files are read again and the candidates' complete households go through
 * FrameBuilder, whose messages are the ones a draw of their villages would have given. A valid
 * registry without collisions (the usual case) is read once.
 */
import { FrameBuilder, type DataProblem } from '../core/frame.js';
import { normalizeName } from '../core/text.js';
import type { RegistryLayout } from '../core/columns.js';
import { SpotcheckError } from '../errors.js';
import { msg } from '../i18n.js';
import type { RecordSink } from './fastcsv.js';
import { decodeField } from './fields.js';
import { streamByteRecords, type Encoding, type EncodingChoice, type FileFacts } from './registry.js';

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

/** Slots of the union of files' tables filled at a time (64 Ki slots, 1 MiB: a core's cache). */
const STRIPE_SLOTS = 1 << 16;

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

/**
 * Per household key hash: its flags and the location of its first row, in one array of four 32-bit
 * words a slot — hash high, hash low, flags, location — so that a probe touches one cache line.
 */
class HouseholdTable {
  slots: Uint32Array;
  /** Slots in the table: any number (a hash's first slot is its high word scaled to this). */
  size: number;
  count = 0;
  /** Hash name → every location of a household whose rows are at several (rare: irregular files). */
  readonly moved = new Map<string, Set<number>>();
  /** The slot of the household last noted (a household's rows usually follow each other), or -1. */
  private last = -1;

  constructor(bits = 12) {
    this.slots = new Uint32Array(4 << bits);
    this.size = 1 << bits;
  }

  /** The slot of (hi, lo): where it is, or the empty slot where it would go. */
  private slot(hi: number, lo: number): number {
    const slots = this.slots;
    const size = this.size;
    // The high word scaled to the table (not modulo its size): slots follow the order of the hashes
    // whatever the table's size, so that merging a table in slot order, or moving it into a bigger
    // one, walks the target's memory forwards instead of jumping about it at random.
    let slot = Math.floor((hi / 4294967296) * size);
    for (;;) {
      const h = slots[4 * slot]!;
      const l = slots[4 * slot + 1]!;
      if ((h === hi && l === lo) || (h === 0 && l === 0)) return slot;
      if (++slot === size) slot = 0;
    }
  }

  /** Whether the household hashed (hi, lo) was counted (a hash match: equal keys, or, rarely, a collision). */
  has(hi: number, lo: number): boolean {
    const slot = this.slot(hi, lo);
    return this.slots[4 * slot] === hi && this.slots[4 * slot + 1] === lo;
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
    this.slots = new Uint32Array(4 * size);
    this.size = size;
    this.last = -1;
    for (let at = 0; at < old.length; at += 4) {
      const hi = old[at]!;
      const lo = old[at + 1]!;
      if (hi === 0 && lo === 0) continue;
      const slot = 4 * this.slot(hi, lo);
      this.slots[slot] = hi;
      this.slots[slot + 1] = lo;
      this.slots[slot + 2] = old[at + 2]!;
      this.slots[slot + 3] = old[at + 3]!;
    }
  }

  /** Counts one row (or, with `rows` > 1, several) of the household hashed (hi, lo). */
  note(hi: number, lo: number, kinds: number, heads: number, rows: number, location: number): void {
    const slots = this.slots;
    const last = this.last;
    const slot = last >= 0 && slots[4 * last] === hi && slots[4 * last + 1] === lo ? last : this.slot(hi, lo);
    this.last = slot;
    const at = 4 * slot;
    if (slots[at] === 0 && slots[at + 1] === 0) {
      slots[at] = hi;
      slots[at + 1] = lo;
      slots[at + 2] = kinds | Math.min(heads, 2) | (rows > 1 ? 0x8 : 0x4);
      slots[at + 3] = location;
      if (++this.count > this.size * MAX_LOAD) this.resize(this.size * 2);
      return;
    }
    const flags = slots[at + 2]!;
    const headCount = Math.min((flags & HEADS) + heads, 2);
    let next = (flags & ~HEADS & ~ROWS) | kinds | headCount | 0x8;
    if (slots[at + 3] !== location) {
      next |= MOVED;
      const name = hashName(hi, lo);
      const seen = this.moved.get(name) ?? new Set([slots[at + 3]!]);
      seen.add(location);
      this.moved.set(name, seen);
    }
    slots[at + 2] = next;
  }

  /** Adds the households of another table's (another file's) slots [from, to) into this one. */
  merge(other: HouseholdTable, from = 0, to = other.size): void {
    const slots = other.slots;
    for (let at = 4 * from; at < 4 * to; at += 4) {
      const hi = slots[at]!;
      const lo = slots[at + 1]!;
      if (hi === 0 && lo === 0) continue;
      const flags = slots[at + 2]!;
      this.note(hi, lo, flags & (KINDS | MOVED), flags & HEADS, (flags & 0x8) !== 0 ? 2 : 1, slots[at + 3]!);
      // Only a household flagged MOVED has other locations (no name built for every other one).
      if ((flags & MOVED) === 0) continue;
      const moved = other.moved.get(hashName(hi, lo));
      if (moved) for (const location of moved) this.note(hi, lo, 0, 0, 0, location);
    }
  }

  /**
   * The tables of several files as one, sized once for all their households. Each file's households
   * are added stripe by stripe (the same fraction of every file's slots in turn): a slot's place
   * follows its hash, so a stripe of every file lands in one stripe of the union, which stays in the
   * cache, instead of each file's few thousand households landing all over a table of many MiB.
   */
  static union(tables: readonly HouseholdTable[]): HouseholdTable {
    if (tables.length === 1) return tables[0]!;
    const union = new HouseholdTable();
    union.reserve(tables.reduce((sum, table) => sum + table.count, 0));
    const stripes = Math.max(1, Math.ceil(union.size / STRIPE_SLOTS));
    for (let stripe = 0; stripe < stripes; stripe++) {
      for (const table of tables)
        union.merge(
          table,
          Math.floor((stripe * table.size) / stripes),
          Math.floor(((stripe + 1) * table.size) / stripes),
        );
    }
    return union;
  }

  /**
   * The households that may break a rule, given each location's village (null: a location with a
   * problem, reported already): as hash names.
   */
  candidates(villageOf: (location: number) => string | null | undefined): Set<string> {
    const found = new Set<string>();
    const slots = this.slots;
    for (let at = 0; at < slots.length; at += 4) {
      const hi = slots[at]!;
      const lo = slots[at + 1]!;
      if (hi === 0 && lo === 0) continue;
      const flags = slots[at + 2]!;
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

/**
 * The person hashes of a file, appended in order (8 bytes a person, written sequentially: far
 * cheaper than a hash table's random writes); duplicates are found by sorting them all once.
 */
class PersonList {
  words = new Uint32Array(2 * 4096);
  count = 0;

  note(hi: number, lo: number): void {
    if (2 * this.count + 2 > this.words.length) this.resize(this.count * 2);
    this.words[2 * this.count] = lo;
    this.words[2 * this.count + 1] = hi;
    this.count++;
  }

  reserve(count: number): void {
    if (2 * count > this.words.length) this.resize(count);
  }

  private resize(count: number): void {
    const words = new Uint32Array(2 * count);
    words.set(this.words.subarray(0, 2 * this.count));
    this.words = words;
  }
}

/** The hash names that occur more than once among the lists. */
function repeated(lists: readonly PersonList[]): Set<string> {
  const total = lists.reduce((sum, list) => sum + list.count, 0);
  let words: Uint32Array;
  if (lists.length === 1) words = lists[0]!.words;
  else {
    words = new Uint32Array(2 * total);
    let at = 0;
    for (const list of lists) {
      words.set(list.words.subarray(0, 2 * list.count), at);
      at += 2 * list.count;
    }
  }
  // One native sort of the 64-bit values brings equal hashes together.
  new BigUint64Array(words.buffer, words.byteOffset, total).sort();
  const found = new Set<string>();
  for (let index = 1; index < total; index++) {
    if (words[2 * index] === words[2 * index - 2] && words[2 * index + 1] === words[2 * index - 1])
      found.add(hashName(words[2 * index + 1]!, words[2 * index]!));
  }
  return found;
}

/** One file's tables, filled by its pass-1 sink (a fresh one for each attempt at reading the file). */
export class FileChecks {
  readonly households = new HouseholdTable();
  readonly persons = new PersonList();

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

  /** The households counted so far (distinct hashes), the run in hand included. */
  get householdCount(): number {
    return this.households.count + (this.runRows > 0 ? 1 : 0);
  }

  /**
   * Sizes the tables once for a file expected to hold `records` records of which `households`
   * start a household (an estimate from the first records: a wrong one costs only time).
   */
  reserve(records: number, households: number): void {
    this.households.reserve(households);
    this.persons.reserve(records);
  }

  /** Counts a 人编号 (bytes[start, end); blank ones are not). */
  person(data: Uint8Array, start: number, end: number, encoding: Encoding): void {
    if (start === end || !hashField(data, start, end, encoding)) return;
    this.persons.note(hashHi, hashLo);
  }
}

/** The registry's tables: the first file's, with every later file's merged in. */
export class RegistryChecks {
  /** The files' household tables, made one (HouseholdTable.union) once every file is read. */
  private tables: HouseholdTable[] = [];
  private readonly persons: PersonList[] = [];
  /** Location key (with the file's encoding) → location id, shared by the files. */
  private readonly locationIds = new Map<string, number>();
  /** Location id → its village key (null after a problem). */
  private readonly villages: Array<string | null> = [];

  locationId(encoding: Encoding, key: string): number {
    const name = `${encoding}\u001e${key}`;
    let id = this.locationIds.get(name);
    if (id === undefined) {
      id = this.locationIds.size;
      this.locationIds.set(name, id);
    }
    return id;
  }

  /** A file read to its end: its tables join the registry's, its locations get their villages. */
  addFile(checks: FileChecks, villageOfLocation: Iterable<[number, string | null]>, bytes = 0): void {
    checks.flush();
    if (bytes > 0) this.householdsPerByte = checks.households.count / bytes;
    this.tables.push(checks.households);
    this.persons.push(checks.persons);
    for (const [id, village] of villageOfLocation)
      if (this.villages[id] === undefined || village === null) this.villages[id] = village;
  }

  /** Households per byte of the last file read with its size (0: none yet). */
  private householdsPerByte = 0;

  /** The households a file of `bytes` bytes may hold, as the last file had them per byte (0: no idea). */
  householdsExpected(bytes: number): number {
    return Math.ceil(bytes * this.householdsPerByte * 1.1);
  }

  /** The registry's households: every file's table in one (null before any file). */
  private households(): HouseholdTable | null {
    if (this.tables.length === 0) return null;
    if (this.tables.length > 1) this.tables = [HouseholdTable.union(this.tables)];
    return this.tables[0]!;
  }

  /**
   * Whether a household key (a 户编号, normalised as pass 1 hashed it) is a household of the registry:
   * by its 64-bit hash, so a key that is not one is found so with at most a collision's chance.
   */
  hasHousehold(key: string): boolean {
    const bytes = Buffer.from(normalizeName(key), 'utf8');
    const households = this.households();
    if (!households || !hashField(bytes, 0, bytes.length, 'utf-8')) return false;
    return households.has(hashHi, hashLo);
  }

  /** The hash names of the households and persons to look at again (empty sets: nothing to check). */
  candidates(): { households: Set<string>; persons: Set<string> } {
    const households = this.households();
    if (!households) return { households: new Set(), persons: new Set() };
    return {
      households: households.candidates((location) => this.villages[location]),
      persons: repeated(this.persons),
    };
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

/** A sink that calls `each` with the record's index, bytes and encoding. */
function recordSink(
  encoding: Encoding,
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
    header() {},
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
        recordSink(encoding, (data, starts, ends, _record, _line, enc) => {
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
      recordSink(encoding, (data, starts, ends, record, line, enc) => {
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
