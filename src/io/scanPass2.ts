/**
 * Pass 2 of the registry scan (see src/io/scan.ts): the records of the drawn villages, decoded whole
 * into the exact FrameBuilder, from a second reading of each file that must hash to pass 1's
 * SHA-256 (and have its byte count).
 */
import { SpotcheckError } from '../errors.js';
import { msg } from '../i18n.js';
import { FrameBuilder, type DataProblem, type FrameHousehold } from '../core/frame.js';
import { createHash } from 'node:crypto';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { readChunks } from './chunks.js';
import { WorkerDigest, worthAWorker } from './digest.js';
import { FastCsvScanner, type RecordSink } from './fastcsv.js';
import { streamByteRecords, type Encoding } from './registry.js';
import { BytesKeyIndex, decodeColumns, locationColumns } from './scanBytes.js';
import type { ScannedFile, ScannedRegistry } from './scanPass1.js';

export interface VillageHouseholds {
  readonly households: readonly FrameHousehold[];
  /**
   * The registry row of each household's representative record, keyed "file:record" (only those: a
   * draw of many villages of large households keeps one row a household, not every person's), as
   * the JSON of its cells: one string a household rather than an array of a string a cell (less
   * than half the memory, for the tens of thousands of households of a large registry's drawn
   * villages, of which the output shows a few hundred). `registryCells` reads one back.
   */
  readonly rows: ReadonlyMap<string, string>;
  readonly problems: readonly DataProblem[];
  readonly errorCount: number;
}

/** A registry row as pass 2 keeps it (VillageHouseholds.rows): the JSON of its cells. */
export function keptRow(cells: readonly string[]): string {
  return JSON.stringify(cells);
}

/** The cells of the registry row pass 2 kept under `file:record` (VillageHouseholds.rows). */
export function registryCells(chosen: VillageHouseholds, file: number, record: number): string[] {
  return JSON.parse(chosen.rows.get(`${file}:${record}`)!) as string[];
}

/** Pass-2 sink of one file: the records of the chosen villages, decoded whole, into a FrameBuilder. */
class ChosenRowsSink implements RecordSink {
  /**
   * The locations of the chosen villages, found from a record's bytes: a table as small as the draw,
   * where a record of another village is told so by its hash alone (most often), in whatever order
   * the file has its records.
   */
  private readonly chosen: BytesKeyIndex<true>;
  private readonly all: number[];
  /** Index of the next record among the file's data records. */
  nextRecord = 0;

  constructor(
    private readonly file: ScannedFile,
    private readonly fileIndex: number,
    private readonly encoding: Encoding,
    villageKeys: ReadonlySet<string>,
    private readonly builder: FrameBuilder,
    private readonly rows: Map<string, string>,
    columns: readonly number[],
  ) {
    this.chosen = new BytesKeyIndex(columns);
    for (const [location, village] of file.villageOf)
      if (village !== null && villageKeys.has(village)) this.chosen.set(location, true);
    this.all = file.layout.header.map((_, index) => index);
  }

  /** Reads every column (each chosen record is decoded whole). */
  header(): undefined {
    return undefined;
  }

  record(data: Uint8Array, starts: Int32Array, ends: Int32Array, _count: number, line: number): void {
    const record = this.nextRecord++;
    if (this.chosen.find(data, starts, ends) === undefined) return;
    const cells = decodeColumns(data, starts, ends, this.all, this.encoding);
    const replaced = this.builder.addRow(this.fileIndex, this.file.layout, cells, record, line);
    if (replaced === false) return;
    if (replaced !== null) this.rows.delete(`${replaced.file}:${replaced.record}`);
    this.rows.set(`${this.fileIndex}:${record}`, keptRow(cells));
  }
}

/**
 * Reads the runs of the drawn villages' records by byte range. The whole file is read once more,
 * in order, through one handle, and hashed as it is read (on a worker thread when it is large): the runs are scanned from those very
 * bytes, and a file whose bytes are not the ones pass 1 hashed (whatever its size and modification
 * time say) is refused before any household is drawn from it.
 */
async function readRuns(file: ScannedFile, villageKeys: ReadonlySet<string>, sink: ChosenRowsSink): Promise<void> {
  const runs: number[][] = [];
  for (const [location, list] of file.runs!) {
    const village = file.villageOf.get(location);
    if (village === undefined || village === null || !villageKeys.has(village)) continue;
    for (let index = 0; index < list.length; index += 4) runs.push(list.slice(index, index + 4));
  }
  runs.sort((a, b) => a[0]! - b[0]!);
  await rewriteFailpoint(file.input.path);
  // A large file (or one of many) is hashed on a worker thread, beside the scanner (as in pass 1), a small one here.
  const worker = worthAWorker(file.input.bytes) ? new WorkerDigest(false) : null;
  const hash = worker ? null : createHash('sha256');
  let at = 0;
  let next = 0;
  let scanner: FastCsvScanner | null = null;
  const onChunk = (chunk: Buffer, index: number) => {
    if (worker) worker.hand(index, chunk.length);
    else hash!.update(chunk);
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
  };
  const bytes = await readChunks(file.input.path, 0, Number.MAX_SAFE_INTEGER, onChunk, worker?.chunks).catch(
    (error: unknown) => {
      worker?.abort();
      throw error;
    },
  );
  const sha256 = worker ? (await worker.finish()).sha256 : hash!.digest('hex');
  if (bytes !== file.input.bytes || sha256 !== file.input.sha256 || next < runs.length) {
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
export async function readVillageHouseholds(
  registry: ScannedRegistry,
  villageKeys: ReadonlySet<string>,
): Promise<VillageHouseholds> {
  const builder = new FrameBuilder(registry.options.divisions);
  const rows = new Map<string, string>();
  for (const [fileIndex, file] of registry.files.entries()) {
    builder.addFile(file.input.name, file.layout, {
      nonpoorOnly: file.input.role === 'nonpoor',
      countyAttributeColumn: file.countyAttributeColumn,
    });
    const columns = locationColumns(file.layout.columns, file.countyAttributeColumn);
    const encoding = registry.options.encoding === 'auto' ? file.input.encoding : registry.options.encoding;
    if (file.runs) {
      await readRuns(
        file,
        villageKeys,
        new ChosenRowsSink(file, fileIndex, encoding, villageKeys, builder, rows, columns),
      );
      continue;
    }
    // A file that pass 1 had to read with csv-parse is read with it again (no half-read fast attempt).
    await rewriteFailpoint(file.input.path);
    const facts = await streamByteRecords(
      file.input.path,
      encoding,
      (fileEncoding) => new ChosenRowsSink(file, fileIndex, fileEncoding, villageKeys, builder, rows, columns),
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
