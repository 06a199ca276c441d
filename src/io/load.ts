/**
 * Loading what the commands read besides the draws' two-pass scan (src/io/scan.ts): the division
 * table (bundled or --divisions FILE) with the SHA-256 a manifest records for it; the
 * --county-attributes table; the rules of a registry file list that the scan shares (roles, a path
 * given twice, --sheet without a workbook, one file's bytes under two names); and `loadRegistry`,
 * which streams every record of every file into one exact FrameBuilder, every household kept
 * (`spotcheck inspect`).
 */
import { createHash } from 'node:crypto';
import { basename, resolve } from 'node:path';
import { YUNNAN_COUNTIES_CSV } from '../data/yunnanCounties.js';
import { SpotcheckError } from '../errors.js';
import { LIMITS, readRegularFile } from './safeRead.js';
import { msg, t } from '../i18n.js';
import {
  headerKey,
  recogniseHeader,
  refuseScientificIds,
  SCIENTIFIC_ID_RECORDS,
  type RegistryField,
  type RegistryLayout,
} from '../core/columns.js';
import { buildDivisionTable, type DivisionTable } from '../core/divisions.js';
import type { CountyAttributeTable } from '../core/strata.js';
import { FrameBuilder, type DataProblem, type Frame } from '../core/frame.js';
import { iconv, parseSmallCsv } from './packages.js';
import { detectEncoding, streamRecords, type EncodingChoice, type FileFacts } from './registry.js';
import { isWorkbookPath } from './registryFacts.js';

const BUNDLED_DIVISIONS = 'bundled:yunnan-counties';

export interface LoadedDivisions {
  readonly table: DivisionTable;
  readonly sha256: string;
}

/**
 * The bundled Yunnan table, or a CSV file (UTF-8 or GBK) with prefecture_code, prefecture,
 * county_code, county. `sha256` is of the table's decoded text.
 */
export async function loadDivisions(path: string | null): Promise<LoadedDivisions> {
  if (path === null) return parseDivisions(YUNNAN_COUNTIES_CSV, BUNDLED_DIVISIONS, bundledRecords);
  let text: string;
  try {
    text = await divisionText(path);
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError(
      'INPUT',
      msg('io.load.divisionUnreadable', { reason: (error as NodeJS.ErrnoException).code ?? t('io.reason.error') }),
      { file: path },
    );
  }
  return parseDivisions(text, basename(path), (csv) => parseSmallCsv(csv));
}

/**
 * The records of the bundled table, split at its line ends and commas: the records csv-parse reads
 * from it (it has no quote, carriage return, BOM or empty line; test/core/divisions.test.ts checks
 * the two agree), so that a draw with the bundled table does not load csv-parse (start-up, issue 16).
 */
const bundledRecords = (text: string): string[][] =>
  text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => line.split(','));

/** A small table's text: UTF-8 as detected, else GB18030. */
const decodedText = (bytes: Buffer): string =>
  detectEncoding(bytes).encoding === 'utf-8' ? bytes.toString('utf8') : iconv().decode(bytes, 'gb18030');

/** A division file's decoded text (UTF-8 or GB18030), read bounded (src/io/safeRead.ts). */
async function divisionText(path: string): Promise<string> {
  return decodedText(await readRegularFile(path, LIMITS.list, 'INPUT'));
}

/** The SHA-256 a manifest records for a division file (of its decoded text), or null when it cannot be read. */
export async function divisionsSha256(path: string): Promise<string | null> {
  return divisionText(path).then(
    (text) => createHash('sha256').update(text, 'utf8').digest('hex'),
    () => null,
  );
}

/** The division table of a text, read into records by `parse` (csv-parse, or bundledRecords for the bundled table). */
function parseDivisions(
  text: string,
  source: string,
  parse: (text: string) => string[][],
): { table: ReturnType<typeof buildDivisionTable>; sha256: string } {
  let records: string[][];
  try {
    records = parse(text);
  } catch (error) {
    throw new SpotcheckError('INPUT', msg('io.load.divisionInvalidCsv', { detail: (error as Error).message }), {
      file: source,
    });
  }
  return {
    table: buildDivisionTable(records, source),
    sha256: createHash('sha256').update(text, 'utf8').digest('hex'),
  };
}

export interface RegistryInput extends FileFacts {
  /** The path as given on the command line. */
  readonly path: string;
  /** "registry", or "nonpoor" for a file of non-registered households (--nonpoor). */
  readonly role: 'registry' | 'nonpoor';
  readonly layout: 'person' | 'household';
  readonly header: readonly string[];
}

interface LoadedRegistry {
  readonly frame: Frame;
  readonly inputs: readonly RegistryInput[];
  readonly problems: readonly DataProblem[];
  readonly errorCount: number;
}

export interface LoadOptions {
  readonly encoding: EncodingChoice;
  readonly columns: Readonly<Partial<Record<RegistryField, string>>>;
  readonly divisions: DivisionTable;
  /** Files of non-registered rural households, read after the registry (evaluate --nonpoor). */
  readonly nonpoor?: readonly string[];
  /** A registry column holding a per-county attribute to collect (evaluate --strata COLUMN). */
  readonly countyAttribute?: string | null;
  /** The worksheet of .xlsx registries (--sheet); null: the first. */
  readonly sheet?: string | null;
}

/**
 * The registry files and the non-poor files, in order, with their roles; a path given twice is
 * refused, and so is --sheet when no file is a workbook (it would be silently ignored).
 */
export function registryFiles(
  paths: readonly string[],
  nonpoor: readonly string[],
  sheet: string | null = null,
): Array<{ path: string; role: 'registry' | 'nonpoor' }> {
  const files = [
    ...paths.map((path) => ({ path, role: 'registry' as const })),
    ...nonpoor.map((path) => ({ path, role: 'nonpoor' as const })),
  ];
  if (sheet !== null && !files.some(({ path }) => isWorkbookPath(path))) {
    throw new SpotcheckError('USAGE', msg('io.load.sheetWithoutWorkbook', { sheet }));
  }
  const seen = new Set<string>();
  for (const { path } of files) {
    const absolute = resolve(path);
    if (seen.has(absolute)) throw new SpotcheckError('USAGE', msg('io.load.fileGivenTwice', { path }), { file: path });
    seen.add(absolute);
  }
  return files;
}

/** Refuses a file whose bytes are those of a file already read (the same export under two names). */
export function refuseTwin(inputs: readonly RegistryInput[], sha256: string, path: string): void {
  const twin = inputs.find((input) => input.sha256 === sha256);
  if (twin) throw new SpotcheckError('INPUT', msg('io.load.sameFile', { path, twin: twin.path }), { file: path });
}

/** Streams every registry file into one frame. Data problems are collected, not thrown. */
export async function loadRegistry(paths: readonly string[], options: LoadOptions): Promise<LoadedRegistry> {
  const builder = new FrameBuilder(options.divisions);
  const inputs: RegistryInput[] = [];
  const files = registryFiles(paths, options.nonpoor ?? [], options.sheet ?? null);
  for (const { path, role } of files) {
    let layout: RegistryLayout | null = null;
    let fileIndex = -1;
    const facts = await streamRecords(
      path,
      options.encoding,
      {
        onHeader(header) {
          layout = recogniseHeader(header, options.columns, path, role === 'registry');
          const attribute = options.countyAttribute ? headerKey(options.countyAttribute) : null;
          const countyAttributeColumn =
            attribute === null ? -1 : header.findIndex((name) => headerKey(name) === attribute);
          fileIndex = builder.addFile(basename(path), layout, {
            nonpoorOnly: role === 'nonpoor',
            countyAttributeColumn,
          });
        },
        onRecord(cells, record, line) {
          if (record < SCIENTIFIC_ID_RECORDS) refuseScientificIds(layout!, (column) => cells[column] ?? '', path, line);
          builder.addRow(fileIndex, layout!, cells, record, line);
        },
      },
      options.sheet ?? null,
    );
    const found = layout as RegistryLayout | null;
    if (!found) throw new SpotcheckError('INPUT', msg('io.load.noHeaderRow'), { file: path });
    if (facts.records === 0) builder.noteEmptyFile(fileIndex);
    refuseTwin(inputs, facts.sha256, path);
    inputs.push({ ...facts, path, role, layout: found.layout, header: found.header });
  }
  const { frame, problems, errorCount } = builder.build();
  return { frame, inputs, problems, errorCount };
}

/** A --county-attributes table (UTF-8 or GBK CSV), with its SHA-256. */
export async function loadCountyAttributes(path: string): Promise<{ table: CountyAttributeTable; sha256: string }> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(path, LIMITS.list, 'INPUT');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError(
      'INPUT',
      msg('io.load.countyTableUnreadable', { reason: (error as NodeJS.ErrnoException).code ?? t('io.reason.error') }),
      { file: path },
    );
  }
  const text = decodedText(bytes);
  let records: string[][];
  try {
    records = parseSmallCsv(text);
  } catch (error) {
    throw new SpotcheckError('INPUT', msg('io.load.countyTableInvalidCsv', { detail: (error as Error).message }), {
      file: path,
    });
  }
  if (records.length === 0) throw new SpotcheckError('INPUT', msg('io.load.countyTableEmpty'), { file: path });
  return {
    table: { source: basename(path), header: records[0]!, rows: records.slice(1) },
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
