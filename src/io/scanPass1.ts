/**
 * Pass 1 of the registry scan (see src/io/scan.ts): every record counted into groups of one location
 * and attributes, each group resolved once by the TallyBuilder; the whole-registry household and
 * person checks; each file's byte count and SHA-256, and the runs of records of each location that
 * pass 2 reads back.
 */
import { basename } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { msg } from '../i18n.js';
import {
  headerKey,
  recogniseHeader,
  refuseScientificIds,
  SCIENTIFIC_ID_RECORDS,
  type RegistryField,
  type RegistryLayout,
} from '../core/columns.js';
import { isHeadRelation, parseAmountFen, TallyBuilder, type DataProblem, type Frame } from '../core/frame.js';
import { compareCodePoints, normalizeName } from '../core/text.js';
import { stat } from 'node:fs/promises';
import type { RecordSink } from './fastcsv.js';
import { releaseScanWorker } from './pipelineScan.js';
import {
  FileChecks,
  FROM_HOUSEHOLD_FILE,
  FROM_NONPOOR_FILE,
  FROM_PERSON_FILE,
  FROM_REGISTERED_FILE,
  FROM_RELATION_FILE,
  RegistryChecks,
  secondLook,
} from './householdChecks.js';
import { asBuffer, decodeField } from './fields.js';
import { refuseTwin, registryFiles, type LoadOptions, type RegistryInput } from './load.js';
import { streamByteRecords, type Encoding } from './registry.js';
import {
  BytesKeyIndex,
  bytesKey,
  decodeColumns,
  digits,
  hasAsciiAlphanumeric,
  locationColumns,
  matchesKey,
} from './scanBytes.js';
import { PairIndex } from './pairIndex.js';
import { isWorkbookPath } from './registryFacts.js';

export interface ScanOptions extends LoadOptions {
  /** Called with the bytes read and records seen so far of the current file (for a progress bar). */
  readonly onProgress?: (file: string, bytes: number, records: number) => void;
  /**
   * Whether the command reads 帮扶资金 (only `funds` does): without it, the column is neither decoded
   * nor parsed, and a value that is not an amount does not stop a draw that never uses it.
   */
  readonly funds?: boolean;
}

/** A file as the scan found it: its layout and, per location, the village it resolved to. */
export interface ScannedFile {
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

/** The first records whose distinct 户编号 estimate a file's households per record (for that sizing). */
const HOUSEHOLD_SAMPLE = 4096;

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

const ATTRIBUTE_FIELDS: readonly RegistryField[] = ['poor_village', 'status', 'household_type'];

/**
 * A group of records that share their location, attributes and 户主 or not, as its first record
 * started it (its counts are in TallySink.groupCounts, by the group's number).
 */
interface GroupStart {
  /** 户编号 of its first record (for messages). */
  readonly householdId: string;
  readonly line: number;
  /** Its location's entry in TallySink.locationIndex. */
  readonly location: number;
  /** Its attribute id (TallySink.attributeOf), twice, plus 1 for 户主 rows. */
  readonly pair: number;
}

/** Counts kept per group: rows, 户主 rows, 人数 sum, 帮扶资金 of its 户主 rows (every row of a household-level file) in fen. */
const GROUP_COUNTS = 4;

/** A household of a person-level file without 与户主关系: its representative row's 人编号 and group. */
interface Representative {
  personId: string;
  group: number;
}

interface Location {
  readonly key: string;
  /** Its id among the registry's locations (RegistryChecks). */
  readonly id: number;
  readonly cells: string[];
  /** Its runs of consecutive records, as [start offset, end offset, first line, first record] quadruples. */
  runs: number[];
}

type Deferred = { kind: 'blank-id' | 'size' | 'funds'; raw: string; line: number };

/** Pass-1 sink of one file: counts records into groups; commits to the builder at the end. */
class TallySink implements RecordSink {
  layout: RegistryLayout | null = null;
  countyAttributeColumn = -1;
  private locationColumns: number[] = [];
  private attributeColumns: number[] = [];
  private relationColumns: number[] = [];
  /** The 帮扶资金 column when the command reads it, else -1. */
  private fundsColumn = -1;
  /** The file's locations, in the order of their first records. */
  private readonly locations: Location[] = [];
  /** The same locations, found from a record's bytes (set in header()). */
  private locationIndex: BytesKeyIndex<Location> | null = null;
  /** The latest record's location: its entry in locationIndex (-1 before the first) and its id. */
  private previousEntry = -1;
  /** The location's columns, lowest first, when they stand side by side in the file (else null: sameSpan). */
  private spanColumns: number[] | null = null;
  /** The bytes of a record's location span (sameSpan) and the location entry they spell (-1: none). */
  private spanBytes = Buffer.alloc(256);
  private spanLength = 0;
  private spanEntry = -1;
  private previousId = -1;
  private readonly relations: Array<{ key: string; head: boolean }> = [];
  private readonly representatives = new Map<string, Representative>();
  private readonly sizes = new Map<string, number | null>();
  readonly deferred: Deferred[] = [];
  private recordIndex = 0;
  /** The file's attributes' decoded cells, found from a record's bytes; an attribute's id is its entry (set in header()). */
  private attributeIndex: BytesKeyIndex<string[]> | null = null;
  /** The attribute id of the latest record: often the next one's too. */
  private previousAttribute = -1;
  /** Whether the locations' runs are kept (until a file turns out not sorted by village, or read by csv-parse). */
  private keepRuns = true;
  private runCount = 0;
  /** The run in hand: its location's entry (-1 when none), start offset, first line and first record. */
  private runLocation = -1;
  private runStart = 0;
  private runLine = 0;
  private runRecord = 0;
  /** Group number by location entry and attribute pair (GroupStart), in the order of their first records. */
  private readonly groups = new PairIndex();
  private readonly groupStarts: GroupStart[] = [];
  /** GROUP_COUNTS numbers per group. */
  private groupCounts = new Float64Array(GROUP_COUNTS * 1024);
  /** The distinct 户编号 bytes of the first HOUSEHOLD_SAMPLE records (to estimate the households per record). */
  private readonly households = new Set<string>();
  /** This file's households and persons, for the whole-registry checks (src/io/householdChecks.ts). */
  readonly fileChecks: FileChecks;
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
  ) {
    this.fileChecks = new FileChecks(checks);
  }

  /** Recognises the layout; returns the columns the records are read for (their "" unescaped, no other). */
  header(data: Uint8Array, starts: Int32Array, ends: Int32Array, count: number): readonly number[] {
    const header = Array.from({ length: count }, (_, index) =>
      decodeField(data, starts[index]!, ends[index]!, this.encoding),
    );
    const layout = recogniseHeader(header, this.options.columns, this.path, this.role === 'registry');
    if (layout.layout === 'person' && layout.columns.relation < 0 && layout.columns.funds >= 0) {
      throw new SpotcheckError(
        'INPUT',
        msg('io.scan.fundsNeedRelation', { column: String(header[layout.columns.funds]) }),
        {
          file: this.path,
          hint: msg('io.scan.fundsNeedRelationHint'),
        },
      );
    }
    this.layout = layout;
    const attribute = this.options.countyAttribute ? headerKey(this.options.countyAttribute) : null;
    this.countyAttributeColumn = attribute === null ? -1 : header.findIndex((name) => headerKey(name) === attribute);
    this.locationColumns = locationColumns(layout.columns, this.countyAttributeColumn);
    this.attributeColumns = ATTRIBUTE_FIELDS.map((field) => layout.columns[field]);
    this.relationColumns = [layout.columns.relation];
    this.fundsColumn = this.options.funds ? layout.columns.funds : -1;
    this.locationIndex = new BytesKeyIndex(this.locationColumns);
    const present = this.locationColumns.filter((column) => column >= 0).sort((a, b) => a - b);
    this.spanColumns = present.length > 1 && present.at(-1)! - present[0]! === present.length - 1 ? present : null;
    this.attributeIndex = new BytesKeyIndex(this.attributeColumns);
    this.kinds =
      (layout.layout === 'household'
        ? FROM_HOUSEHOLD_FILE
        : layout.columns.relation >= 0
          ? FROM_RELATION_FILE
          : FROM_PERSON_FILE) | (this.role === 'nonpoor' ? FROM_NONPOOR_FILE : FROM_REGISTERED_FILE);
    const { household_id, household_size, person_id, relation } = layout.columns;
    return [
      household_id,
      household_size,
      person_id,
      relation,
      this.fundsColumn,
      ...this.locationColumns,
      ...this.attributeColumns,
    ].filter((column) => column >= 0);
  }

  // Long on purpose: called once per registry record (pass 1's hot path); the rare cases are already
  // methods (sizeOf, headOf, locationOf, attributeOf, addGroup), the common path stays inline. Do not split it further.
  record(
    data: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    _count: number,
    line: number,
    offset: number,
    firstLine: number,
  ): void {
    const record = this.recordIndex++;
    const layout = this.layout!;
    const { columns } = layout;
    if (record < SCIENTIFIC_ID_RECORDS)
      refuseScientificIds(
        layout,
        (column) => decodeField(data, starts[column]!, ends[column]!, this.encoding),
        this.path,
        line,
      );
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
    const size = this.sizeOf(data, starts, ends, line);
    if (size === undefined) return;
    let head = 1;
    let householdId: string | null = null;
    let personId = '';
    if (layout.layout === 'person' && columns.relation >= 0) {
      head = this.headOf(data, starts, ends);
    } else if (layout.layout === 'person') {
      // No 与户主关系: households are told apart by 户编号 (kept per group; a rare layout).
      head = 0;
      householdId = asBuffer(data).toString('latin1', idStart, idEnd);
      personId =
        columns.person_id < 0
          ? ''
          : decodeField(data, starts[columns.person_id]!, ends[columns.person_id]!, this.encoding);
    }

    const location = this.locationOf(data, starts, ends, offset, firstLine, record);
    const pair = 2 * this.attributeOf(data, starts, ends) + head;
    let group = this.groups.get(location, pair);
    if (group < 0) group = this.addGroup(location, pair, decodeField(data, idStart, idEnd, this.encoding), line);
    // Records of one village fewer than two a run on average: a file not sorted by village, whose
    // runs (soon more than MAX_RUNS) would cost pass 1 a write per record and spare pass 2 little.
    if (record === RESERVE_AFTER && this.keepRuns && 2 * this.runCount > record) this.dropRuns();
    if (record === RESERVE_AFTER && offset > 0 && this.fileBytes > 0) {
      // Sized once from the first records, rather than doubled a dozen times on the way.
      const records = Math.ceil((this.fileBytes / offset) * record * 1.02);
      this.fileChecks.reserve(
        layout.layout === 'person' && columns.person_id >= 0 ? records : 0,
        Math.ceil(records * (this.households.size / HOUSEHOLD_SAMPLE)),
        layout.layout === 'household',
      );
    }
    this.fileChecks.household(
      data,
      idStart,
      idEnd,
      this.encoding,
      this.kinds,
      layout.layout === 'household' ? 1 : head,
      this.previousId,
    );
    if (record < HOUSEHOLD_SAMPLE && idEnd > idStart)
      this.households.add(asBuffer(data).toString('latin1', idStart, idEnd));
    if (layout.layout === 'person' && columns.person_id >= 0)
      this.fileChecks.person(data, starts[columns.person_id]!, ends[columns.person_id]!, this.encoding);
    const counts = this.groupCounts;
    const at = GROUP_COUNTS * group;
    counts[at]! += 1;
    counts[at + 1]! += head;
    counts[at + 2]! += size ?? 0;
    const fundsColumn = this.fundsColumn;
    if (fundsColumn >= 0 && (layout.layout === 'household' || head === 1)) {
      const raw = decodeField(data, starts[fundsColumn]!, ends[fundsColumn]!, this.encoding);
      const fen = parseAmountFen(raw);
      if (fen === null) this.deferred.push({ kind: 'funds', raw, line });
      else counts[at + 3]! += fen;
    }
    if (householdId !== null) this.representative(householdId, personId, group);
  }

  /** The record's 人数 (null when the file has none or the cell is blank), or undefined after deferring a problem. */
  private sizeOf(data: Uint8Array, starts: Int32Array, ends: Int32Array, line: number): number | null | undefined {
    const { columns } = this.layout!;
    let size: number | null = null;
    if (columns.household_size >= 0) {
      const parsed = digits(data, starts[columns.household_size]!, ends[columns.household_size]!);
      if (parsed > 0) size = parsed;
      else {
        const raw = decodeField(data, starts[columns.household_size]!, ends[columns.household_size]!, this.encoding);
        if (!this.sizes.has(raw)) {
          const trimmed = raw.trim();
          this.sizes.set(
            raw,
            /^[0-9]+$/.test(trimmed) && Number(trimmed) > 0 ? Number(trimmed) : trimmed === '' ? null : NaN,
          );
        }
        size = this.sizes.get(raw)!;
        if (Number.isNaN(size)) {
          this.deferred.push({ kind: 'size', raw, line });
          return undefined;
        }
      }
    }
    return size;
  }

  /** 1 when the record's 与户主关系 is a head's, else 0 (each distinct value's bytes decoded once). */
  private headOf(data: Uint8Array, starts: Int32Array, ends: Int32Array): number {
    const { columns } = this.layout!;
    const relationColumns = this.relationColumns;
    let relation: { key: string; head: boolean } | undefined;
    for (let index = 0; index < this.relations.length; index++) {
      if (matchesKey(data, starts, ends, relationColumns, this.relations[index]!.key)) {
        relation = this.relations[index];
        break;
      }
    }
    if (!relation) {
      relation = {
        key: bytesKey(data, starts, ends, relationColumns),
        head: isHeadRelation(decodeField(data, starts[columns.relation]!, ends[columns.relation]!, this.encoding)),
      };
      this.relations.push(relation);
    }
    return relation.head ? 1 : 0;
  }

  /**
   * The record's location's entry in locationIndex (the previous record's when its bytes are the
   * same), added when new; opens a new run where it changes.
   */
  private locationOf(
    data: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    offset: number,
    firstLine: number,
    record: number,
  ): number {
    const index = this.locationIndex!;
    let entry = this.previousEntry;
    // The previous record's location when its span's bytes are the same (sameSpan; spans only from
    // the fast scanner, offset ≥ 0, whose unquoted fields never hold a comma); else field by field.
    if (!(entry >= 0 && offset >= 0 && this.spanEntry === entry && this.sameSpan(data, starts, ends))) {
      if (entry < 0 || !index.holds(entry, data, starts, ends)) {
        entry = index.entryOf(data, starts, ends);
        if (entry < 0) {
          const key = bytesKey(data, starts, ends, this.locationColumns);
          const location: Location = {
            key,
            id: this.checks.locationId(this.encoding, key),
            cells: decodeColumns(data, starts, ends, this.locationColumns, this.encoding),
            runs: [],
          };
          this.locations.push(location);
          entry = index.set(key, location);
        }
        this.previousEntry = entry;
        this.previousId = index.value(entry).id;
      }
      if (this.keepRuns && offset >= 0) this.noteSpan(entry, data, starts, ends);
    }
    if (this.keepRuns && this.runLocation !== entry) {
      if (offset < 0) this.dropRuns();
      else {
        this.closeRun(offset);
        this.runLocation = entry;
        this.runStart = offset;
        this.runLine = firstLine;
        this.runRecord = record;
      }
    }
    return entry;
  }

  /**
   * Whether the record's location fields stand side by side, each ended by a bare comma (so none is
   * quoted: a quote would stand between): then their bytes from the first field's start to the
   * last's end spell exactly those fields (an unquoted field holds no comma), and
   * equal bytes are equal fields, whatever the order of the columns.
   */
  private spanOf(starts: Int32Array, ends: Int32Array): boolean {
    const columns = this.spanColumns!;
    for (let index = 0; index + 1 < columns.length; index++)
      if (ends[columns[index]!]! + 1 !== starts[columns[index + 1]!]) return false;
    return true;
  }

  /**
   * Whether the record's location is the one whose span (spanOf) was noted last, by one comparison
   * of its bytes (a sorted file's records mostly are: this spares comparing each field,
   * holds). False when the fields are not side by side unquoted, or their bytes differ.
   */
  private sameSpan(data: Uint8Array, starts: Int32Array, ends: Int32Array): boolean {
    if (!this.spanOf(starts, ends)) return false;
    const columns = this.spanColumns!;
    const start = starts[columns[0]!]!;
    const end = ends[columns[columns.length - 1]!]!;
    if (end - start !== this.spanLength) return false;
    // A loop, from the end (where two places of a file differ first: the village and its code): a
    // native Buffer.compare costs more to call than this loop takes over a location's few dozen bytes.
    const bytes = this.spanBytes;
    for (let index = end - start - 1; index >= 0; index--) if (data[start + index] !== bytes[index]) return false;
    return true;
  }

  /** Notes the record's location span as the bytes of location `entry` (or none, when its fields are not side by side). */
  private noteSpan(entry: number, data: Uint8Array, starts: Int32Array, ends: Int32Array): void {
    this.spanEntry = -1;
    if (this.spanColumns === null || !this.spanOf(starts, ends)) return;
    const columns = this.spanColumns;
    const start = starts[columns[0]!]!;
    const end = ends[columns[columns.length - 1]!]!;
    if (end - start > this.spanBytes.length) this.spanBytes = Buffer.alloc(2 * (end - start));
    asBuffer(data).copy(this.spanBytes, 0, start, end);
    this.spanLength = end - start;
    this.spanEntry = entry;
  }

  /**
   * The id of the record's attributes among the file's (the previous record's first), added when
   * new: one small table for the whole file, whatever order its records come in.
   */
  private attributeOf(data: Uint8Array, starts: Int32Array, ends: Int32Array): number {
    const index = this.attributeIndex!;
    const previous = this.previousAttribute;
    if (previous >= 0 && index.holds(previous, data, starts, ends)) return previous;
    let id = index.entryOf(data, starts, ends);
    if (id < 0)
      id = index.set(
        bytesKey(data, starts, ends, this.attributeColumns),
        decodeColumns(data, starts, ends, this.attributeColumns, this.encoding),
      );
    this.previousAttribute = id;
    return id;
  }

  /** A new group, numbered after the file's earlier ones. */
  private addGroup(location: number, pair: number, householdId: string, line: number): number {
    const group = this.groupStarts.length;
    this.groupStarts.push({ householdId, line, location, pair });
    this.groups.set(location, pair, group);
    if (GROUP_COUNTS * (group + 1) > this.groupCounts.length) {
      const counts = new Float64Array(2 * this.groupCounts.length);
      counts.set(this.groupCounts);
      this.groupCounts = counts;
    }
    return group;
  }

  /**
   * Without 与户主关系 a household is counted once, in the group of its row with the smallest
   * 人编号 (its first row when there is none), as FrameBuilder does. Memory grows with the
   * households here, for this rare layout only.
   */
  private representative(householdId: string, personId: string, group: number): void {
    const known = this.representatives.get(householdId);
    const normalised = normalizeName(personId);
    if (!known) this.representatives.set(householdId, { personId: normalised, group });
    else if (normalised !== '' && (known.personId === '' || compareCodePoints(normalised, known.personId) < 0)) {
      known.personId = normalised;
      known.group = group;
    }
  }

  private closeRun(end: number): void {
    if (this.runLocation < 0 || !this.keepRuns) return;
    this.locationIndex!.value(this.runLocation).runs.push(this.runStart, end, this.runLine, this.runRecord);
    this.runLocation = -1;
    if (++this.runCount > MAX_RUNS) this.dropRuns();
  }

  /** No runs kept from here on (and those kept so far freed): pass 2 reads the whole file. */
  private dropRuns(): void {
    this.keepRuns = false;
    this.runLocation = -1;
    for (const location of this.locations) location.runs = [];
  }

  /** Location key → its runs (after finish), or null when they were not kept. */
  runs(): Map<string, number[]> | null {
    if (!this.keepRuns) return null;
    const runs = new Map<string, number[]>();
    for (const location of this.locations) if (location.runs.length > 0) runs.set(location.key, location.runs);
    return runs;
  }

  /** Each location's id with its village (after commit). */
  *locationVillages(villageOf: ReadonlyMap<string, string | null>): Iterable<[number, string | null]> {
    for (const location of this.locations) yield [location.id, villageOf.get(location.key) ?? null];
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
    const counts = this.groupCounts;
    for (const { group } of this.representatives.values()) counts[GROUP_COUNTS * group + 1]! += 1;
    const villageOf = new Map<string, string | null>();
    // The groups are resolved in the order of their first records (their numbers), so problems come as a reader meets them.
    for (const [group, { householdId, line, location: entry, pair }] of this.groupStarts.entries()) {
      const location = this.locationIndex!.value(entry);
      const cells = [...location.cells];
      this.attributeIndex!.value(pair >> 1).forEach((cell, column) => {
        cells[column] = cell;
      });
      cells[layout.columns.household_id] = householdId;
      const at = GROUP_COUNTS * group;
      const village = builder.addGroup(
        fileIndex,
        layout,
        cells,
        line,
        counts[at]!,
        counts[at + 1]!,
        counts[at + 2]!,
        counts[at + 3]!,
      );
      if (!villageOf.has(location.key) || village === null) villageOf.set(location.key, village);
    }
    return villageOf;
  }
}

/**
 * Pass 1 over one file: its records streamed into a TallySink, its groups resolved by the builder
 * (registered under `fileIndex`), its household and person keys added to the registry's checks.
 */
async function scanFile(
  path: string,
  role: 'registry' | 'nonpoor',
  options: ScanOptions,
  builder: TallyBuilder,
  checks: RegistryChecks,
  inputs: readonly RegistryInput[],
): Promise<ScannedFile> {
  let sink: TallySink | null = null;
  const fileBytes = isWorkbookPath(path)
    ? 0
    : await stat(path).then(
        (info) => info.size,
        () => 0,
      );
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
  const fileIndex = builder.addFile(basename(path), done.layout, {
    nonpoorOnly: role === 'nonpoor',
    countyAttributeColumn: done.countyAttributeColumn,
  });
  if (facts.records === 0) builder.noteEmptyFile(fileIndex);
  refuseTwin(inputs, facts.sha256, path);
  const villageOf = done.commit(builder, fileIndex);
  done.finish(facts.bytes);
  checks.addFile(done.fileChecks, done.locationVillages(villageOf));
  const input: RegistryInput = { ...facts, path, role, layout: done.layout.layout, header: done.layout.header };
  return {
    input,
    layout: done.layout,
    countyAttributeColumn: done.countyAttributeColumn,
    villageOf,
    runs: facts.parser === 'fast' ? done.runs() : null,
  };
}

/**
 * Every household and person over the whole registry, before any selection (docs/algorithm.md §4.5):
 * the candidates pass 1's key tables flag (perhaps seen twice) are read again by secondLook.
 */
async function wholeRegistryChecks(
  scanned: readonly ScannedFile[],
  checks: RegistryChecks,
  options: ScanOptions,
): Promise<{ problems: readonly DataProblem[]; errorCount: number } | null> {
  const candidates = checks.candidates();
  if (candidates.households.size === 0 && candidates.persons.size === 0) return null;
  const files = scanned.map(({ input, layout, countyAttributeColumn }) => ({
    path: input.path,
    name: input.name,
    layout,
    role: input.role,
    countyAttributeColumn,
    facts: input,
  }));
  return secondLook(files, candidates, {
    divisions: options.divisions,
    encoding: options.encoding,
    sheet: options.sheet ?? null,
  });
}

/** Pass 1: the frame of villages, counted. */
export async function scanRegistry(paths: readonly string[], options: ScanOptions): Promise<ScannedRegistry> {
  const builder = new TallyBuilder(options.divisions);
  const checks = new RegistryChecks();
  const inputs: RegistryInput[] = [];
  const scanned: ScannedFile[] = [];
  for (const { path, role } of registryFiles(paths, options.nonpoor ?? [], options.sheet ?? null)) {
    const file = await scanFile(path, role, options, builder, checks, inputs);
    inputs.push(file.input);
    scanned.push(file);
  }
  if (inputs.every((input) => input.records === 0)) {
    throw new SpotcheckError(
      'INPUT',
      inputs.length > 1 ? msg('io.scan.noDataRowsInFiles', { files: inputs.length }) : msg('io.scan.noDataRows'),
      {
        file: inputs[0]!.path,
        hint: msg('io.scan.noDataRowsHint'),
      },
    );
  }
  const built = builder.build();
  let { problems, errorCount } = built;
  if (errorCount === 0) {
    const found = await wholeRegistryChecks(scanned, checks, options);
    if (found) {
      problems = [...problems, ...found.problems];
      errorCount += found.errorCount;
    }
  }
  // Pass 1 is over: the scan worker's batches are not held through pass 2 (a file pass 2 reads
  // whole through the pipeline starts a worker of its own).
  releaseScanWorker();
  return {
    frame: built.frame,
    inputs,
    problems,
    errorCount,
    files: scanned,
    options,
    hasHousehold: (key) => checks.hasHousehold(key),
  };
}
