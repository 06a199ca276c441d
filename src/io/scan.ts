/**
 * The registry in two passes, in memory that grows with the villages, not with the registry:
 *
 * 1. `scanRegistry` counts every record into groups that share their location and attributes
 *    (county … village, 是否贫困村, status, 户类型, 户主 or not) and resolves each group once
 *    (TallyBuilder): the frame of villages with their households counted by status. Records arrive
 *    as byte ranges (src/io/fastcsv.ts); a field is decoded only the first time its bytes are seen,
 *    and a record is compared with the previous one before anything is looked up.
 * 2. `readVillageHouseholds` reads the records of the villages a draw selects, and only those, into
 *    the exact FrameBuilder: their households (grouped, checked) and their registry rows.
 *
 * Pass 1 also checks every household and person of the whole registry (a 户主 row missing or
 * doubled, a 户编号 repeated or in two villages, a 人编号 seen twice) in compact hash tables
 * (src/io/householdChecks.ts), before anything is drawn: a registry draws under every seed or none.
 * Pass 2 hashes every byte it reads and must find pass 1's SHA-256.
 */
import { basename } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { msg } from '../i18n.js';
import { headerKey, recogniseHeader, type RegistryField, type RegistryLayout } from '../core/columns.js';
import { FrameBuilder, isHeadRelation, parseAmountFen, TallyBuilder, type DataProblem, type Frame, type FrameHousehold } from '../core/frame.js';
import { compareCodePoints, normalizeName } from '../core/text.js';
import { createHash } from 'node:crypto';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { readChunks } from './chunks.js';
import { FastCsvScanner, type RecordSink } from './fastcsv.js';
import { FileChecks, FROM_HOUSEHOLD_FILE, FROM_NONPOOR_FILE, FROM_PERSON_FILE, FROM_REGISTERED_FILE, FROM_RELATION_FILE, RegistryChecks, secondLook } from './householdChecks.js';
import { asBuffer, decodeField } from './fields.js';
import { refuseTwin, registryFiles, type LoadOptions, type RegistryInput } from './load.js';
import { streamByteRecords, type Encoding } from './registry.js';
import { isWorkbookPath } from './xlsx.js';

export interface ScanOptions extends LoadOptions {
  /** Called with the bytes read and records seen so far of the current file (for a progress bar). */
  readonly onProgress?: (file: string, bytes: number, records: number) => void;
}

/** A file as the scan found it: its layout and, per location, the village it resolved to. */
interface ScannedFile {
  readonly input: RegistryInput;
  readonly layout: RegistryLayout;
  readonly countyAttributeColumn: number;
  /** Location key (the location fields' bytes, as latin1) → village key, or null after a problem. */
  readonly villageOf: ReadonlyMap<string, string | null>;
  /**
   * Location key → its runs of consecutive records, as [start offset, end offset, first line,
   * first record] quadruples, so that pass 2 reads only the byte ranges of the drawn villages; null
   * when the file was read by csv-parse or its villages are too scattered to be worth it.
   */
  readonly runs: ReadonlyMap<string, readonly number[]> | null;
}

/** After this many records a file's check tables are sized for the whole file. */
const RESERVE_AFTER = 20_000;

/** More runs than this (a file not sorted by village) and pass 2 reads the whole file instead. */
const MAX_RUNS = 250_000;

export interface ScannedRegistry {
  readonly frame: Frame;
  readonly inputs: readonly RegistryInput[];
  readonly problems: readonly DataProblem[];
  readonly errorCount: number;
  readonly files: readonly ScannedFile[];
  readonly options: ScanOptions;
  /** Whether a 户编号 is a household of the registry (by pass 1's table of key hashes). */
  readonly hasHousehold?: (key: string) => boolean;
}

const LOCATION_FIELDS: readonly RegistryField[] = ['prefecture', 'prefecture_code', 'county', 'county_code', 'township', 'township_code', 'village', 'village_code'];
const ATTRIBUTE_FIELDS: readonly RegistryField[] = ['poor_village', 'status', 'household_type'];

/** Remembers the bytes of some fields of one record, to tell whether another record has the same. */
class FieldMemory {
  private bytes = Buffer.alloc(0);
  private spanLength = -1;
  private readonly lengths: Int32Array;
  private readonly present: number[];
  private readonly first: number;
  private readonly last: number;

  /**
   * Compares the byte span from the first to the last of the columns in one native comparison,
   * with each column's length (so that fields cannot shift inside an equal span).
   */
  constructor(columns: readonly number[]) {
    this.present = columns.filter((column) => column >= 0);
    this.lengths = new Int32Array(this.present.length);
    this.first = this.present.length > 0 ? Math.min(...this.present) : -1;
    this.last = this.present.length > 0 ? Math.max(...this.present) : -1;
  }

  /** Whether the record's fields equal the remembered ones (false may also mean: other bytes between them differ). */
  matches(data: Uint8Array, starts: Int32Array, ends: Int32Array): boolean {
    if (this.spanLength < 0) return false;
    if (this.first < 0) return true;
    const start = starts[this.first]!;
    const end = ends[this.last]!;
    if (end - start !== this.spanLength) return false;
    for (let index = 0; index < this.present.length; index++) {
      const column = this.present[index]!;
      if (ends[column]! - starts[column]! !== this.lengths[index]) return false;
    }
    return asBuffer(data).compare(this.bytes, 0, this.spanLength, start, end) === 0;
  }

  remember(data: Uint8Array, starts: Int32Array, ends: Int32Array): void {
    if (this.first < 0) {
      this.spanLength = 0;
      return;
    }
    const start = starts[this.first]!;
    const end = ends[this.last]!;
    if (end - start > this.bytes.length) this.bytes = Buffer.alloc(Math.max(end - start, 64));
    this.bytes.set(data.subarray(start, end), 0);
    this.spanLength = end - start;
    this.present.forEach((column, index) => (this.lengths[index] = ends[column]! - starts[column]!));
  }
}

/** Whether the record's fields, in latin1, spell `key` (as bytesKey would make it), without allocating. */
function matchesKey(data: Uint8Array, starts: Int32Array, ends: Int32Array, columns: readonly number[], key: string): boolean {
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

/** The fields' bytes as one latin1 string (a cheap exact key), separated by U+001F. */
function bytesKey(data: Uint8Array, starts: Int32Array, ends: Int32Array, columns: readonly number[]): string {
  const view = asBuffer(data);
  let key = '';
  for (const column of columns) key += `${column < 0 ? '' : view.toString('latin1', starts[column]!, ends[column]!)}\u001f`;
  return key;
}

/** Decodes the given columns of a record into a sparse row of cells. */
function decodeColumns(data: Uint8Array, starts: Int32Array, ends: Int32Array, columns: readonly number[], encoding: Encoding, into: string[] = []): string[] {
  for (const column of columns) if (column >= 0) into[column] = decodeField(data, starts[column]!, ends[column]!, encoding);
  return into;
}

interface Group {
  /** 户编号 of its first record (for messages). */
  readonly householdId: string;
  readonly line: number;
  /** Index of its first record (to order groups that share a line). */
  readonly record: number;
  rows: number;
  heads: number;
  sizeSum: number;
  /** 帮扶资金 of its 户主 rows (every row of a household-level file), in fen. */
  fundsFen: number;
}

/** A household of a person-level file without 与户主关系: its representative row's 人编号 and group. */
interface Representative {
  personId: string;
  group: Group;
}

interface Variant {
  /** The attribute fields' bytes as latin1 (see bytesKey). */
  readonly key: string;
  /** Their decoded cells. */
  readonly cells: string[];
  /** [not head, head] */
  readonly groups: [Group | null, Group | null];
}

interface Location {
  readonly key: string;
  /** Its id among the registry's locations (RegistryChecks). */
  readonly id: number;
  readonly cells: string[];
  readonly variants: Variant[];
  /** The variant of the location's latest record: usually the next one's too. */
  lastVariant?: Variant;
}

type Deferred = { kind: 'blank-id' | 'size' | 'funds'; raw: string; line: number };

/** Pass-1 sink of one file: counts records into groups; commits to the builder at the end. */
class TallySink implements RecordSink {
  layout: RegistryLayout | null = null;
  countyAttributeColumn = -1;
  private locationColumns: number[] = [];
  private attributeColumns: number[] = [];
  private relationColumns: number[] = [];
  private readonly locations = new Map<string, Location>();
  private previousLocation: Location | null = null;
  private locationMemory: FieldMemory | null = null;
  private readonly relations: Array<{ key: string; head: boolean }> = [];
  private readonly representatives = new Map<string, Representative>();
  private readonly sizes = new Map<string, number | null>();
  readonly deferred: Deferred[] = [];
  private recordIndex = 0;
  runs: Map<string, number[]> | null = new Map();
  private runCount = 0;
  private run: { location: Location; start: number; line: number; record: number } | null = null;
  /** The distinct 户编号 bytes of the first records (to estimate the households per record). */
  private readonly households = new Set<string>();
  /** This file's households and persons, for the whole-registry checks (src/io/householdChecks.ts). */
  readonly fileChecks = new FileChecks();
  /** What kind of file this is, for those checks. */
  private kinds = 0;

  constructor(
    /** The file's size in bytes, to size the check tables from the first records (0: unknown). */
    private readonly fileBytes: number,
    private readonly encoding: Encoding,
    private readonly path: string,
    private readonly role: 'registry' | 'nonpoor',
    private readonly options: ScanOptions,
    private readonly checks: RegistryChecks,
  ) {}

  header(data: Uint8Array, starts: Int32Array, ends: Int32Array, count: number): void {
    const header = Array.from({ length: count }, (_, index) => decodeField(data, starts[index]!, ends[index]!, this.encoding));
    const layout = recogniseHeader(header, this.options.columns, this.path, this.role === 'registry');
    if (layout.layout === 'person' && layout.columns.relation < 0 && layout.columns.funds >= 0) {
      throw new SpotcheckError('INPUT', msg('io.scan.fundsNeedRelation', { column: String(header[layout.columns.funds]) }), {
        file: this.path,
        hint: msg('io.scan.fundsNeedRelationHint'),
      });
    }
    this.layout = layout;
    const attribute = this.options.countyAttribute ? headerKey(this.options.countyAttribute) : null;
    this.countyAttributeColumn = attribute === null ? -1 : header.findIndex((name) => headerKey(name) === attribute);
    this.locationColumns = [...LOCATION_FIELDS.map((field) => layout.columns[field]), this.countyAttributeColumn];
    this.attributeColumns = ATTRIBUTE_FIELDS.map((field) => layout.columns[field]);
    this.relationColumns = [layout.columns.relation];
    this.locationMemory = new FieldMemory(this.locationColumns);
    this.kinds =
      (layout.layout === 'household' ? FROM_HOUSEHOLD_FILE : layout.columns.relation >= 0 ? FROM_RELATION_FILE : FROM_PERSON_FILE) |
      (this.role === 'nonpoor' ? FROM_NONPOOR_FILE : FROM_REGISTERED_FILE);
  }

  record(data: Uint8Array, starts: Int32Array, ends: Int32Array, _count: number, line: number, offset: number, firstLine: number): void {
    const record = this.recordIndex++;
    const layout = this.layout!;
    const { columns } = layout;
    // 户编号 must not be blank: a field with an ASCII letter or digit is not; others are decoded to tell.
    const idStart = starts[columns.household_id]!;
    const idEnd = ends[columns.household_id]!;
    if (!hasAsciiAlphanumeric(data, idStart, idEnd)) {
      const raw = decodeField(data, idStart, idEnd, this.encoding);
      if (normalizeName(raw) === '') {
        this.deferred.push({ kind: 'blank-id', raw, line });
        return;
      }
    }
    let size: number | null = null;
    if (columns.household_size >= 0) {
      const parsed = digits(data, starts[columns.household_size]!, ends[columns.household_size]!);
      if (parsed > 0) size = parsed;
      else {
        const raw = decodeField(data, starts[columns.household_size]!, ends[columns.household_size]!, this.encoding);
        if (!this.sizes.has(raw)) {
          const trimmed = raw.trim();
          this.sizes.set(raw, /^[0-9]+$/.test(trimmed) && Number(trimmed) > 0 ? Number(trimmed) : trimmed === '' ? null : NaN);
        }
        size = this.sizes.get(raw)!;
        if (Number.isNaN(size)) {
          this.deferred.push({ kind: 'size', raw, line });
          return;
        }
      }
    }
    let head = 1;
    let householdId: string | null = null;
    let personId = '';
    if (layout.layout === 'person' && columns.relation >= 0) {
      const relationColumns = this.relationColumns;
      let relation: { key: string; head: boolean } | undefined;
      for (let index = 0; index < this.relations.length; index++) {
        if (matchesKey(data, starts, ends, relationColumns, this.relations[index]!.key)) {
          relation = this.relations[index];
          break;
        }
      }
      if (!relation) {
        relation = { key: bytesKey(data, starts, ends, relationColumns), head: isHeadRelation(decodeField(data, starts[columns.relation]!, ends[columns.relation]!, this.encoding)) };
        this.relations.push(relation);
      }
      head = relation.head ? 1 : 0;
    } else if (layout.layout === 'person') {
      // No 与户主关系: households are told apart by 户编号 (kept per group; a rare layout).
      head = 0;
      householdId = asBuffer(data).toString('latin1', idStart, idEnd);
      personId = columns.person_id < 0 ? '' : decodeField(data, starts[columns.person_id]!, ends[columns.person_id]!, this.encoding);
    }

    let location = this.previousLocation;
    if (!location || !this.locationMemory!.matches(data, starts, ends)) {
      const key = bytesKey(data, starts, ends, this.locationColumns);
      location = this.locations.get(key) ?? null;
      if (!location) {
        location = { key, id: this.checks.locationId(this.encoding, key), cells: decodeColumns(data, starts, ends, this.locationColumns, this.encoding), variants: [] };
        this.locations.set(key, location);
      }
      this.locationMemory!.remember(data, starts, ends);
      this.previousLocation = location;
    }
    if (this.runs && this.run?.location !== location) {
      if (offset < 0) this.runs = null;
      else {
        this.closeRun(offset);
        this.run = { location, start: offset, line: firstLine, record };
      }
    }
    let variant: Variant | undefined = location.lastVariant;
    const variants = location.variants;
    if (variant && !matchesKey(data, starts, ends, this.attributeColumns, variant.key)) variant = undefined;
    for (let index = 0; !variant && index < variants.length; index++) {
      if (matchesKey(data, starts, ends, this.attributeColumns, variants[index]!.key)) {
        variant = variants[index];
        break;
      }
    }
    if (!variant) {
      variant = { key: bytesKey(data, starts, ends, this.attributeColumns), cells: decodeColumns(data, starts, ends, this.attributeColumns, this.encoding), groups: [null, null] };
      variants.push(variant);
    }
    location.lastVariant = variant;
    let group = variant.groups[head];
    if (!group) {
      group = { householdId: decodeField(data, idStart, idEnd, this.encoding), line, record, rows: 0, heads: 0, sizeSum: 0, fundsFen: 0 };
      variant.groups[head] = group;
    }
    if (record === RESERVE_AFTER && offset > 0 && this.fileBytes > 0) {
      // Sized once from the first records, rather than doubled a dozen times on the way.
      const records = Math.ceil((this.fileBytes / offset) * record * 1.02);
      this.fileChecks.reserve(layout.layout === 'person' && columns.person_id >= 0 ? records : 0, Math.ceil(records * (this.households.size / record)));
    }
    this.fileChecks.household(data, idStart, idEnd, this.encoding, this.kinds, layout.layout === 'household' ? 1 : head, location.id);
    if (this.households.size < RESERVE_AFTER && idEnd > idStart) this.households.add(asBuffer(data).toString('latin1', idStart, idEnd));
    if (layout.layout === 'person' && columns.person_id >= 0) this.fileChecks.person(data, starts[columns.person_id]!, ends[columns.person_id]!, this.encoding);
    group.rows++;
    group.heads += head;
    group.sizeSum += size ?? 0;
    if (columns.funds >= 0 && (layout.layout === 'household' || head === 1)) {
      const raw = decodeField(data, starts[columns.funds]!, ends[columns.funds]!, this.encoding);
      const fen = parseAmountFen(raw);
      if (fen === null) this.deferred.push({ kind: 'funds', raw, line });
      else group.fundsFen += fen;
    }
    if (householdId !== null) {
      // Without 与户主关系 a household is counted once, in the group of its row with the smallest
      // 人编号 (its first row when there is none), as FrameBuilder does. Memory grows with the
      // households here, for this rare layout only.
      const known = this.representatives.get(householdId);
      const normalised = normalizeName(personId);
      if (!known) this.representatives.set(householdId, { personId: normalised, group });
      else if (normalised !== '' && (known.personId === '' || compareCodePoints(normalised, known.personId) < 0)) {
        known.personId = normalised;
        known.group = group;
      }
    }
  }

  private closeRun(end: number): void {
    if (!this.run || !this.runs) return;
    const list = this.runs.get(this.run.location.key) ?? [];
    list.push(this.run.start, end, this.run.line, this.run.record);
    this.runs.set(this.run.location.key, list);
    this.run = null;
    if (++this.runCount > MAX_RUNS) this.runs = null;
  }

  /** Each location's id with its village (after commit). */
  *locationVillages(villageOf: ReadonlyMap<string, string | null>): Iterable<[number, string | null]> {
    for (const location of this.locations.values()) yield [location.id, villageOf.get(location.key) ?? null];
  }

  /** Closes the last run at the end of the file. */
  finish(bytes: number): void {
    this.closeRun(bytes);
  }

  /** Commits the file's problems and groups to the builder; returns location key → village key. */
  commit(builder: TallyBuilder, fileIndex: number): Map<string, string | null> {
    const layout = this.layout!;
    for (const problem of this.deferred) {
      if (problem.kind === 'blank-id') builder.checkHouseholdId(fileIndex, layout, problem.raw, problem.line);
      else if (problem.kind === 'size') builder.sizeOf(fileIndex, layout, problem.raw, problem.line);
      else builder.fundsOf(fileIndex, layout, problem.raw, problem.line);
    }
    for (const { group } of this.representatives.values()) group.heads++;
    const villageOf = new Map<string, string | null>();
    const groups: Array<{ location: Location; variant: Variant; group: Group }> = [];
    for (const location of this.locations.values()) {
      for (const variant of location.variants) for (const group of variant.groups) if (group) groups.push({ location, variant, group });
    }
    // Resolve the groups in the order of their first records, so problems come as a reader meets them.
    groups.sort((a, b) => a.group.record - b.group.record);
    for (const { location, variant, group } of groups) {
      const cells = [...location.cells];
      variant.cells.forEach((cell, column) => (cells[column] = cell));
      cells[layout.columns.household_id] = group.householdId;
      const village = builder.addGroup(fileIndex, layout, cells, group.line, group.rows, group.heads, group.sizeSum, group.fundsFen);
      if (!villageOf.has(location.key) || village === null) villageOf.set(location.key, village);
    }
    return villageOf;
  }
}

/** Whether bytes[start, end) hold an ASCII letter or digit. */
function hasAsciiAlphanumeric(data: Uint8Array, start: number, end: number): boolean {
  for (let index = start; index < end; index++) {
    const byte = data[index]!;
    if ((byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7a)) return true;
  }
  return false;
}

/** A field of ASCII digits as a number (at most 9 digits), or -1. */
function digits(data: Uint8Array, start: number, end: number): number {
  if (end <= start || end - start > 9) return -1;
  let value = 0;
  for (let index = start; index < end; index++) {
    const byte = data[index]!;
    if (byte < 0x30 || byte > 0x39) return -1;
    value = value * 10 + (byte - 0x30);
  }
  return value;
}

/** Pass 1: the frame of villages, counted. */
export async function scanRegistry(paths: readonly string[], options: ScanOptions): Promise<ScannedRegistry> {
  const builder = new TallyBuilder(options.divisions);
  const checks = new RegistryChecks();
  const inputs: RegistryInput[] = [];
  const scanned: ScannedFile[] = [];
  for (const { path, role } of registryFiles(paths, options.nonpoor ?? [], options.sheet ?? null)) {
    let sink: TallySink | null = null;
    const fileBytes = isWorkbookPath(path) ? 0 : await stat(path).then((info) => info.size, () => 0);
    const facts = await streamByteRecords(
      path,
      options.encoding,
      (encoding) => (sink = new TallySink(fileBytes, encoding, path, role, options, checks)),
      options.onProgress ? (bytes, records) => options.onProgress!(path, bytes, records) : undefined,
      false,
      options.sheet ?? null,
    );
    const done = sink as TallySink | null;
    if (!done?.layout) throw new SpotcheckError('INPUT', msg('io.load.noHeaderRow'), { file: path });
    const fileIndex = builder.addFile(basename(path), done.layout, { nonpoorOnly: role === 'nonpoor', countyAttributeColumn: done.countyAttributeColumn });
    if (facts.records === 0) builder.noteEmptyFile(fileIndex);
    refuseTwin(inputs, facts.sha256, path);
    const villageOf = done.commit(builder, fileIndex);
    done.finish(facts.bytes);
    checks.addFile(done.fileChecks, done.locationVillages(villageOf));
    const input: RegistryInput = { ...facts, path, role, layout: done.layout.layout, header: done.layout.header };
    inputs.push(input);
    scanned.push({ input, layout: done.layout, countyAttributeColumn: done.countyAttributeColumn, villageOf, runs: facts.parser === 'fast' ? done.runs : null });
  }
  if (inputs.every((input) => input.records === 0)) {
    throw new SpotcheckError('INPUT', inputs.length > 1 ? msg('io.scan.noDataRowsInFiles', { files: inputs.length }) : msg('io.scan.noDataRows'), {
      file: inputs[0]!.path,
      hint: msg('io.scan.noDataRowsHint'),
    });
  }
  const built = builder.build();
  let { problems, errorCount } = built;
  if (errorCount === 0) {
    // Every household and person over the whole registry, before any selection (§4.5).
    const candidates = checks.candidates();
    if (candidates.households.size > 0 || candidates.persons.size > 0) {
      const files = scanned.map(({ input, layout, countyAttributeColumn }) => ({ path: input.path, name: input.name, layout, role: input.role, countyAttributeColumn, facts: input }));
      const found = await secondLook(files, candidates, { divisions: options.divisions, encoding: options.encoding, sheet: options.sheet ?? null });
      problems = [...problems, ...found.problems];
      errorCount += found.errorCount;
    }
  }
  return { frame: built.frame, inputs, problems, errorCount, files: scanned, options, hasHousehold: (key) => checks.hasHousehold(key) };
}

export interface VillageHouseholds {
  readonly households: readonly FrameHousehold[];
  /** The registry row of each household's representative record, keyed "file:record". */
  readonly rows: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly DataProblem[];
  readonly errorCount: number;
}

/** Pass-2 sink of one file: the records of the chosen villages, decoded whole, into a FrameBuilder. */
class ChosenRowsSink implements RecordSink {
  private readonly memory: FieldMemory;
  private previousSelected = false;
  private readonly all: number[];
  /** Index of the next record among the file's data records. */
  nextRecord = 0;

  constructor(
    private readonly file: ScannedFile,
    private readonly fileIndex: number,
    private readonly encoding: Encoding,
    private readonly villageKeys: ReadonlySet<string>,
    private readonly builder: FrameBuilder,
    private readonly rows: Map<string, string[]>,
    private readonly locationColumns: readonly number[],
  ) {
    this.memory = new FieldMemory(locationColumns);
    this.all = file.layout.header.map((_, index) => index);
  }

  header(): void {}

  record(data: Uint8Array, starts: Int32Array, ends: Int32Array, _count: number, line: number): void {
    const record = this.nextRecord++;
    if (!this.memory.matches(data, starts, ends)) {
      const village = this.file.villageOf.get(bytesKey(data, starts, ends, this.locationColumns));
      this.previousSelected = village !== undefined && village !== null && this.villageKeys.has(village);
      this.memory.remember(data, starts, ends);
    }
    if (!this.previousSelected) return;
    const cells = decodeColumns(data, starts, ends, this.all, this.encoding);
    this.builder.addRow(this.fileIndex, this.file.layout, cells, record, line);
    this.rows.set(`${this.fileIndex}:${record}`, cells);
  }
}

/**
 * Reads the runs of the drawn villages' records by byte range. The whole file is read once more,
 * in order, through one handle, and hashed as it is read: the runs are scanned from those very
 * bytes, and a file whose bytes are not the ones pass 1 hashed (whatever its size and modification
 * time say) is refused before any household is drawn from it.
 */
async function readRuns(file: ScannedFile, encoding: Encoding, villageKeys: ReadonlySet<string>, sink: ChosenRowsSink): Promise<void> {
  const runs: number[][] = [];
  for (const [location, list] of file.runs!) {
    const village = file.villageOf.get(location);
    if (village === undefined || village === null || !villageKeys.has(village)) continue;
    for (let index = 0; index < list.length; index += 4) runs.push(list.slice(index, index + 4));
  }
  runs.sort((a, b) => a[0]! - b[0]!);
  await rewriteFailpoint(file.input.path);
  const hash = createHash('sha256');
  let at = 0;
  let next = 0;
  let scanner: FastCsvScanner | null = null;
  const bytes = await readChunks(file.input.path, 0, Number.MAX_SAFE_INTEGER, (chunk) => {
    hash.update(chunk);
    const chunkEnd = at + chunk.length;
    while (next < runs.length) {
      const [start, end, line, record] = runs[next] as [number, number, number, number];
      if (start >= chunkEnd) break;
      if (!scanner) {
        sink.nextRecord = record;
        scanner = new FastCsvScanner(sink, null, { fieldCount: file.layout.header.length, line, offset: start });
      }
      scanner.push(chunk.subarray(Math.max(start, at) - at, Math.min(end, chunkEnd) - at));
      if (end > chunkEnd) break;
      scanner.end();
      scanner = null;
      next++;
    }
    at = chunkEnd;
  });
  if (bytes !== file.input.bytes || hash.digest('hex') !== file.input.sha256 || next < runs.length) {
    throw new SpotcheckError('INPUT', msg('io.scan.changedDuringDraw'), { file: file.input.path });
  }
}

/**
 * Test-only fault injection (SPOTCHECK_FAILPOINT=rewrite-registry-before-pass-2): rewrites one
 * digit of the registry between the passes, keeping its size and modification time, as someone
 * swapping the file under a draw would. Unset in normal use.
 */
async function rewriteFailpoint(path: string): Promise<void> {
  if (process.env.SPOTCHECK_FAILPOINT !== 'rewrite-registry-before-pass-2') return;
  const before = await stat(path);
  const bytes = await readFile(path);
  const at = bytes.lastIndexOf(0x0a, bytes.length - 2);
  for (let index = bytes.length - 1; index > at; index--) {
    const byte = bytes[index]!;
    if (byte >= 0x30 && byte <= 0x39) {
      bytes[index] = byte === 0x39 ? 0x30 : byte + 1;
      break;
    }
  }
  await writeFile(path, bytes);
  await utimes(path, before.atime, before.mtime);
}

/**
 * Pass 2: the households of the given villages, exactly (person rows grouped, every check of
 * FrameBuilder), with their registry rows. Checks each file still has the SHA-256 of pass 1, from
 * the very bytes it reads.
 */
export async function readVillageHouseholds(registry: ScannedRegistry, villageKeys: ReadonlySet<string>): Promise<VillageHouseholds> {
  const builder = new FrameBuilder(registry.options.divisions);
  const rows = new Map<string, string[]>();
  for (const [fileIndex, file] of registry.files.entries()) {
    builder.addFile(file.input.name, file.layout, { nonpoorOnly: file.input.role === 'nonpoor', countyAttributeColumn: file.countyAttributeColumn });
    const locationColumns = [...LOCATION_FIELDS.map((field) => file.layout.columns[field]), file.countyAttributeColumn];
    const encoding = registry.options.encoding === 'auto' ? file.input.encoding : registry.options.encoding;
    if (file.runs) {
      await readRuns(file, encoding, villageKeys, new ChosenRowsSink(file, fileIndex, encoding, villageKeys, builder, rows, locationColumns));
      continue;
    }
    // A file that pass 1 had to read with csv-parse is read with it again (no half-read fast attempt).
    await rewriteFailpoint(file.input.path);
    const facts = await streamByteRecords(
      file.input.path,
      encoding,
      (fileEncoding) => new ChosenRowsSink(file, fileIndex, fileEncoding, villageKeys, builder, rows, locationColumns),
      undefined,
      file.input.parser === 'csv-parse',
      registry.options.sheet ?? null,
    );
    if (facts.sha256 !== file.input.sha256) {
      throw new SpotcheckError('INPUT', msg('io.scan.changedDuringDraw'), { file: file.input.path });
    }
  }
  const { frame, problems, errorCount } = builder.build();
  return { households: frame.households, rows, problems, errorCount };
}
