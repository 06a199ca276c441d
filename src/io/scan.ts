/**
 * The registry in two passes, in memory that grows with the villages, not with the registry:
 *
 * 1. `scanRegistry` counts every record into groups that share their location and attributes
 *    (county … village, 是否贫困村, status, 户类型, 户主 or not) and resolves each group once
 *    (TallyBuilder): the frame of villages with their households counted by status.
 * 2. `readVillageHouseholds` reads the records of the villages a draw selects, and only those, into
 *    the exact FrameBuilder: their households (grouped, checked) and their registry rows.
 *
 * Checks that need every household at once (a 户编号 or 人编号 repeated across villages the draw
 * did not select) are `spotcheck inspect`'s, which holds the whole registry.
 */
import { basename, resolve } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { headerKey, recogniseHeader, type RegistryField, type RegistryLayout } from '../core/columns.js';
import type { DivisionTable } from '../core/divisions.js';
import { FrameBuilder, isHeadRelation, TallyBuilder, type DataProblem, type Frame, type FrameHousehold } from '../core/frame.js';
import type { RegistryInput } from './load.js';
import { streamRecords, type EncodingChoice } from './registry.js';

export interface ScanOptions {
  readonly encoding: EncodingChoice;
  readonly columns: Readonly<Partial<Record<RegistryField, string>>>;
  readonly divisions: DivisionTable;
  readonly nonpoor?: readonly string[];
  readonly countyAttribute?: string | null;
}

/** A file as the scan found it: its layout and, per location, the village it resolved to. */
interface ScannedFile {
  readonly input: RegistryInput;
  readonly layout: RegistryLayout;
  readonly countyAttributeColumn: number;
  /** Location key (the raw location cells) → village key, or null where the location had a problem. */
  readonly villageOf: ReadonlyMap<string, string | null>;
}

export interface ScannedRegistry {
  readonly frame: Frame;
  readonly inputs: readonly RegistryInput[];
  readonly problems: readonly DataProblem[];
  readonly errorCount: number;
  readonly files: readonly ScannedFile[];
  readonly options: ScanOptions;
}

const LOCATION_FIELDS: readonly RegistryField[] = ['prefecture', 'prefecture_code', 'county', 'county_code', 'township', 'township_code', 'village', 'village_code'];
const ATTRIBUTE_FIELDS: readonly RegistryField[] = ['poor_village', 'status', 'household_type'];

/** The columns that place a record, in a fixed order (-1 where the file lacks the field). */
function locationColumns(layout: RegistryLayout, countyAttributeColumn: number): number[] {
  return [...LOCATION_FIELDS.map((field) => layout.columns[field]), countyAttributeColumn];
}

function keyOf(cells: readonly string[], columns: readonly number[]): string {
  let key = '';
  for (const column of columns) key += `${column < 0 ? '' : cells[column] ?? ''}\u001f`;
  return key;
}

interface Group {
  readonly cells: string[];
  readonly line: number;
  readonly locationKey: string;
  rows: number;
  heads: number;
  sizeSum: number;
}

function registryFiles(paths: readonly string[], nonpoor: readonly string[]) {
  const files = [...paths.map((path) => ({ path, role: 'registry' as const })), ...nonpoor.map((path) => ({ path, role: 'nonpoor' as const }))];
  const seen = new Set<string>();
  for (const { path } of files) {
    const absolute = resolve(path);
    if (seen.has(absolute)) throw new SpotcheckError('USAGE', `the file ${path} is given twice; give each registry file once`, { file: path });
    seen.add(absolute);
  }
  return files;
}

/** Pass 1: the frame of villages, counted. */
export async function scanRegistry(paths: readonly string[], options: ScanOptions): Promise<ScannedRegistry> {
  const builder = new TallyBuilder(options.divisions);
  const inputs: RegistryInput[] = [];
  const scanned: ScannedFile[] = [];
  for (const { path, role } of registryFiles(paths, options.nonpoor ?? [])) {
    let layout: RegistryLayout | null = null;
    let fileIndex = -1;
    let countyAttributeColumn = -1;
    let groupColumns: number[] = [];
    let locationColumnList: number[] = [];
    const groups = new Map<string, Group>();
    const heads = new Map<string, boolean>();
    const sizes = new Map<string, number | null | undefined>();
    const facts = await streamRecords(path, options.encoding, {
      onHeader(header) {
        layout = recogniseHeader(header, options.columns, path, role === 'registry');
        const attribute = options.countyAttribute ? headerKey(options.countyAttribute) : null;
        countyAttributeColumn = attribute === null ? -1 : header.findIndex((name) => headerKey(name) === attribute);
        fileIndex = builder.addFile(basename(path), layout, { nonpoorOnly: role === 'nonpoor', countyAttributeColumn });
        locationColumnList = locationColumns(layout, countyAttributeColumn);
        groupColumns = ATTRIBUTE_FIELDS.map((field) => layout!.columns[field]);
      },
      onRecord(cells, _record, line) {
        const fileLayout = layout!;
        const { columns } = fileLayout;
        if (!builder.checkHouseholdId(fileIndex, fileLayout, cells[columns.household_id] ?? '', line)) return;
        let size: number | null | undefined = null;
        if (columns.household_size >= 0) {
          const raw = cells[columns.household_size] ?? '';
          size = sizes.get(raw);
          if (size === undefined && !sizes.has(raw)) {
            size = builder.sizeOf(fileIndex, fileLayout, raw, line);
            sizes.set(raw, size);
          }
          if (size === undefined) return;
        }
        let head = true;
        if (fileLayout.layout === 'person') {
          const relation = columns.relation < 0 ? '' : cells[columns.relation] ?? '';
          head = heads.get(relation) ?? isHeadRelation(relation);
          heads.set(relation, head);
        }
        const locationKey = keyOf(cells, locationColumnList);
        const key = `${locationKey}\u001e${keyOf(cells, groupColumns)}${head ? 'H' : ''}`;
        const group = groups.get(key);
        if (group) {
          group.rows++;
          if (head) group.heads++;
          group.sizeSum += size ?? 0;
        } else {
          groups.set(key, { cells: [...cells], line, locationKey, rows: 1, heads: head ? 1 : 0, sizeSum: size ?? 0 });
        }
      },
    });
    const found = layout as RegistryLayout | null;
    if (!found) throw new SpotcheckError('INPUT', 'the registry file has no header row', { file: path });
    if (facts.records === 0) builder.noteEmptyFile(fileIndex);
    const twin = inputs.find((input) => input.sha256 === facts.sha256);
    if (twin) throw new SpotcheckError('INPUT', `${path} and ${twin.path} are the same file (same SHA-256); give each registry file once`, { file: path });
    // Resolve the groups in the order of their first lines, so problems are reported as a reader meets them.
    const villageOf = new Map<string, string | null>();
    for (const group of [...groups.values()].sort((a, b) => a.line - b.line)) {
      const village = builder.addGroup(fileIndex, found, group.cells, group.line, group.rows, group.heads, group.sizeSum);
      if (!villageOf.has(group.locationKey) || village === null) villageOf.set(group.locationKey, village);
    }
    const input: RegistryInput = { ...facts, path, role, layout: found.layout, header: found.header };
    inputs.push(input);
    scanned.push({ input, layout: found, countyAttributeColumn, villageOf });
  }
  const { frame, problems, errorCount } = builder.build();
  return { frame, inputs, problems, errorCount, files: scanned, options };
}

export interface VillageHouseholds {
  readonly households: readonly FrameHousehold[];
  /** The registry row of each household's representative record, keyed "file:record". */
  readonly rows: ReadonlyMap<string, readonly string[]>;
  readonly problems: readonly DataProblem[];
  readonly errorCount: number;
}

/**
 * Pass 2: the households of the given villages, exactly (person rows grouped, every check of
 * FrameBuilder), with their registry rows. Checks each file still has the SHA-256 of pass 1.
 */
export async function readVillageHouseholds(registry: ScannedRegistry, villageKeys: ReadonlySet<string>): Promise<VillageHouseholds> {
  const builder = new FrameBuilder(registry.options.divisions);
  const rows = new Map<string, string[]>();
  for (const [fileIndex, file] of registry.files.entries()) {
    const index = builder.addFile(file.input.name, file.layout, { nonpoorOnly: file.input.role === 'nonpoor', countyAttributeColumn: file.countyAttributeColumn });
    const columns = locationColumns(file.layout, file.countyAttributeColumn);
    const facts = await streamRecords(file.input.path, registry.options.encoding === 'auto' ? file.input.encoding : registry.options.encoding, {
      onHeader() {},
      onRecord(cells, record, line) {
        const village = file.villageOf.get(keyOf(cells, columns));
        if (village === undefined || village === null || !villageKeys.has(village)) return;
        builder.addRow(index, file.layout, cells, record, line);
        rows.set(`${fileIndex}:${record}`, cells);
      },
    });
    if (facts.sha256 !== file.input.sha256) {
      throw new SpotcheckError('INPUT', 'the registry file changed during the draw; run it again on a file nobody is writing to', { file: file.input.path });
    }
  }
  const { frame, problems, errorCount } = builder.build();
  return { households: frame.households, rows, problems, errorCount };
}
