/**
 * Reading registry files: checked (not a directory, not empty; a workbook by its first bytes),
 * streamed from disk in chunks (never the whole file in one string), their encoding chosen (UTF-8
 * with or without BOM, or GB18030/GBK, detected from the first 64 KiB unless --encoding says), and
 * hashed (SHA-256, and the UTF-8 check) from the very chunks that are parsed, on a worker thread
 * for large files (src/io/digest.ts). `streamByteRecords` hands records as byte ranges to a sink,
 * parsed by the fast scanner (src/io/fastcsv.ts), or by csv-parse from the start when the scanner is
 * unsure; `streamRecords` hands decoded records to callbacks (csv-parse). .xlsx workbooks are read
 * by src/io/xlsx.ts. Also: the error naming the first invalid UTF-8 byte, and `hashFile`.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';
import { readChunks } from './chunks.js';
import { FastCsvScanner, Unsure, type RecordSink } from './fastcsv.js';
import { type Digest, DIGEST_WORKER_MIN_BYTES, FileDigest, WorkerDigest, worthAWorker } from './digest.js';
import { scanOnWorker } from './pipelineScan.js';
import { BOMS } from './fields.js';
import { csvParse, iconv } from './packages.js';
import {
  type Encoding,
  type EncodingChoice,
  type FileFacts,
  isWorkbookPath,
  type RecordHandlers,
} from './registryFacts.js';

export type { Encoding, EncodingChoice, FileFacts };

const SAMPLE_BYTES = 64 * 1024;

/** Decides the encoding from a file's first bytes: a UTF-8 BOM or valid UTF-8 → utf-8; else GB18030. */
export function detectEncoding(sample: Uint8Array): { encoding: Encoding; bom: boolean } {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return { encoding: 'utf-8', bom: true };
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return { encoding: 'utf-8', bom: false };
  } catch {
    return { encoding: 'gb18030', bom: false };
  }
}

interface TextDecoding {
  write(chunk: Buffer): string;
  end(): string;
}

function decoderFor(encoding: Encoding): TextDecoding {
  if (encoding === 'utf-8') {
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
    return { write: (chunk) => decoder.decode(chunk, { stream: true }), end: () => decoder.decode() };
  }
  // iconv-lite strips a byte-order mark at the start of the stream only.
  const decoder = iconv().getDecoder('gb18030', { stripBOM: true });
  return {
    write: (chunk) => decoder.write(chunk),
    end: () => decoder.end() ?? '',
  };
}

async function checkReadable(path: string): Promise<number> {
  return (await statRegistry(path)).size;
}

/** Size and modification time of a registry file, with the errors a user understands. */
async function statRegistry(path: string): Promise<{ size: number; mtimeMs: number }> {
  let size: number;
  let mtimeMs = 0;
  try {
    const info = await stat(path);
    if (info.isDirectory()) {
      throw new SpotcheckError('INPUT', msg('io.registry.isDirectory'), {
        file: path,
        hint: msg('io.registry.isDirectoryHint'),
      });
    }
    size = info.size;
    mtimeMs = info.mtimeMs;
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const what =
      code === 'ENOENT'
        ? t('io.reason.noSuchFile')
        : code === 'EACCES'
          ? t('io.reason.permissionDenied')
          : (code ?? t('io.reason.unknownError'));
    throw new SpotcheckError('INPUT', msg('io.registry.unreadable', { reason: what }), {
      file: path,
      hint: code === 'ENOENT' ? msg('io.registry.checkPathHint') : msg('io.registry.checkPermissionHint'),
    });
  }
  if (size === 0)
    throw new SpotcheckError('INPUT', msg('io.registry.empty'), { file: path, hint: msg('io.registry.emptyHint') });
  return { size, mtimeMs };
}

async function readSample(path: string): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, SAMPLE_BYTES, 0);
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    throw new SpotcheckError(
      'INPUT',
      msg('io.registry.sampleUnreadable', { reason: (error as NodeJS.ErrnoException).code ?? t('io.reason.error') }),
      { file: path },
    );
  } finally {
    await handle.close();
  }
}

/** "xlsx" for a zip container (an .xlsx workbook), "xls" for an OLE2 compound file (.xls), else null. */
function workbookKind(sample: Buffer): string | null {
  if (sample.length >= 4 && sample.readUInt32BE(0) === 0x504b0304) return '.xlsx, a zip file';
  if (sample.length >= 8 && sample.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])))
    return '.xls';
  return null;
}

/** Checks a registry file and decides its encoding (from its first 64 KiB unless forced). */
async function openRegistry(
  path: string,
  choice: EncodingChoice,
): Promise<{ bytesOnDisk: number; mtimeMs: number; encoding: Encoding; bom: boolean }> {
  const { size: bytesOnDisk, mtimeMs } = await statRegistry(path);
  const sample = await readSample(path);
  const workbook = workbookKind(sample);
  if (workbook) {
    const xls = workbook === '.xls';
    throw new SpotcheckError('INPUT', xls ? msg('io.registry.xls') : msg('io.registry.xlsxRenamed'), {
      file: path,
      hint: xls ? msg('io.registry.xlsHint') : msg('io.registry.xlsxRenamedHint'),
    });
  }
  if (sample.includes(0)) {
    throw new SpotcheckError('INPUT', msg('io.registry.binary'), {
      file: path,
      hint: msg('io.registry.binaryHint'),
    });
  }
  const detected = detectEncoding(sample);
  const encoding = choice === 'auto' ? detected.encoding : choice;
  return { bytesOnDisk, mtimeMs, encoding, bom: encoding === 'utf-8' && detected.bom };
}

/** Thrown inside a read when the bytes stop being UTF-8; turned into invalidUtf8()'s error outside it. */
class InvalidUtf8 extends Error {}

/** The longest row csv-parse buffers, in characters (the fast scanner's limit is MAX_RECORD_BYTES). */
const MAX_RECORD_CHARS = 1024 * 1024;

/**
 * The error for a file that is not valid UTF-8, naming the line and column of its first invalid
 * byte (found by reading the file again: the error path only).
 */
async function invalidUtf8(path: string): Promise<SpotcheckError> {
  const where = await locateInvalidUtf8(path);
  const gbk = await looksLikeGbk(path);
  const message =
    where.byte < 0
      ? msg('io.registry.invalidUtf8Cut', { offset: where.offset })
      : msg('io.registry.invalidUtf8Byte', {
          byte: `0x${where.byte.toString(16).padStart(2, '0')}`,
          offset: where.offset,
        });
  return new SpotcheckError('INPUT', message, {
    file: path,
    line: where.line,
    column: where.column,
    hint: gbk ? msg('io.registry.gbkHint') : msg('io.registry.reexportHint'),
  });
}

/** The first byte of a file that breaks UTF-8 (RFC 3629), with its 1-based line and column (in bytes). */
/** (byte is -1 when the file is valid up to its end but stops inside a character.) */
async function locateInvalidUtf8(
  path: string,
): Promise<{ offset: number; line: number; column: number; byte: number }> {
  let offset = 0;
  let line = 1;
  let lineStart = 0;
  let need = 0; // continuation bytes still expected
  let low = 0x80; // the range the next continuation byte must be in
  let high = 0xbf;
  let found: { offset: number; line: number; column: number; byte: number } | null = null;
  class Found extends Error {}
  try {
    await readChunks(path, 0, Number.MAX_SAFE_INTEGER, (chunk) => {
      for (let index = 0; index < chunk.length; index++, offset++) {
        const byte = chunk[index]!;
        let ok: boolean;
        if (need > 0) {
          ok = byte >= low && byte <= high;
          need--;
          low = 0x80;
          high = 0xbf;
        } else if (byte < 0x80) {
          ok = true;
          if (byte === 0x0a) {
            line++;
            lineStart = offset + 1;
          }
        } else if (byte >= 0xc2 && byte <= 0xdf) {
          ok = true;
          need = 1;
        } else if (byte >= 0xe0 && byte <= 0xef) {
          ok = true;
          need = 2;
          if (byte === 0xe0) low = 0xa0;
          if (byte === 0xed) high = 0x9f;
        } else if (byte >= 0xf0 && byte <= 0xf4) {
          ok = true;
          need = 3;
          if (byte === 0xf0) low = 0x90;
          if (byte === 0xf4) high = 0x8f;
        } else ok = false;
        if (!ok) {
          found = { offset, line, column: offset - lineStart + 1, byte };
          throw new Found();
        }
      }
    });
  } catch (error) {
    if (!(error instanceof Found)) throw error;
  }
  // Valid to the end but for a cut character: the end of the file is where it breaks.
  return found ?? { offset, line, column: offset - lineStart + 1, byte: -1 };
}

/**
 * Whether the file's first 64 KiB decode as GB18030 with Chinese characters in them. A full sample
 * is cut after its last LF first: the 64 KiB may end inside a two-byte character, and LF (0x0a) is
 * never part of one (GBK's bytes of a character are ≥ 0x40).
 */
async function looksLikeGbk(path: string): Promise<boolean> {
  const read = await readSample(path);
  const lastLine = read.lastIndexOf(0x0a);
  const sample = read.length === SAMPLE_BYTES && lastLine >= 0 ? read.subarray(0, lastLine + 1) : read;
  const text = iconv().decode(sample, 'gb18030');
  return !text.includes('\ufffd') && /[\u4e00-\u9fff]/.test(text);
}

/**
 * Streams one CSV file's records, as byte ranges, to a sink: by the fast scanner (src/io/fastcsv.ts)
 * when it is sure of the file, else — from the start, with a fresh sink — by csv-parse, whose
 * records are handed over as bytes in the file's encoding. Returns the file's facts.
 */
export async function streamByteRecords(
  path: string,
  choice: EncodingChoice,
  makeSink: (encoding: Encoding) => RecordSink,
  onProgress?: (bytes: number, records: number) => void,
  referenceOnly = false,
  sheet: string | null = null,
): Promise<FileFacts> {
  if (isWorkbookPath(path)) return fallbackRecords(path, 'utf-8', makeSink('utf-8'), sheet);
  const { bytesOnDisk, mtimeMs, encoding, bom } = await openRegistry(path, choice);
  if (referenceOnly) return fallbackRecords(path, encoding, makeSink(encoding));
  if (worthAWorker(bytesOnDisk)) {
    // A large file, or one of many: scanned on a worker, its records tallied here (src/io/pipelineScan.ts).
    const end = await scanOnWorker(
      path,
      // The UTF-8 check ends the scan early where the single-thread path would (a file small enough to be hashed here).
      { bom: BOMS[encoding], checkUtf8: encoding === 'utf-8', earlyUtf8: bytesOnDisk < DIGEST_WORKER_MIN_BYTES },
      makeSink(encoding),
      onProgress,
    );
    if (end.kind === 'invalid-utf8') throw await invalidUtf8(path);
    if (end.kind === 'unsure') return fallbackRecords(path, encoding, makeSink(encoding));
    return scannedFacts(path, bytesOnDisk, end.digest.bytes, end.digest, encoding, bom, end.records, mtimeMs);
  }
  const scanner = new FastCsvScanner(makeSink(encoding), BOMS[encoding]);
  // A large file is hashed and checked on a worker thread, beside the scanner; a small one here.
  // Either way the hash is of the very chunks the scanner reads.
  const onWorker = bytesOnDisk >= DIGEST_WORKER_MIN_BYTES;
  const worker = onWorker ? new WorkerDigest(encoding === 'utf-8') : null;
  const local = onWorker ? null : new FileDigest(encoding === 'utf-8');
  let bytes = 0;
  try {
    await readChunks(
      path,
      0,
      Number.MAX_SAFE_INTEGER,
      (chunk, index) => {
        if (local) {
          local.update(chunk);
          if (!local.valid) throw new InvalidUtf8();
        } else worker!.hand(index, chunk.length);
        bytes += chunk.length;
        scanner.push(chunk);
        onProgress?.(bytes, scanner.records);
      },
      worker?.chunks,
    );
    scanner.end();
  } catch (error) {
    worker?.abort();
    if (error instanceof InvalidUtf8) throw await invalidUtf8(path);
    if (!(error instanceof Unsure)) throw error;
    return fallbackRecords(path, encoding, makeSink(encoding));
  }
  const digest = local ? local.finish() : await worker!.finish();
  return scannedFacts(path, bytesOnDisk, bytes, digest, encoding, bom, scanner.records, mtimeMs);
}

/** The facts of a file the fast scanner read whole, once its digest says it is valid and as long as it was. */
async function scannedFacts(
  path: string,
  bytesOnDisk: number,
  bytes: number,
  digest: Digest,
  encoding: Encoding,
  bom: boolean,
  records: number,
  mtimeMs: number,
): Promise<FileFacts> {
  if (digest.invalidUtf8At !== null) throw await invalidUtf8(path);
  if (bytes !== bytesOnDisk || digest.bytes !== bytesOnDisk) {
    throw new SpotcheckError('INPUT', msg('io.registry.changedWhileRead', { before: bytesOnDisk, after: bytes }), {
      file: path,
    });
  }
  return { name: basename(path), bytes, sha256: digest.sha256, encoding, bom, records, parser: 'fast', mtimeMs };
}

/** csv-parse's records handed to a byte-range sink: each field encoded back into the file's encoding. */
async function fallbackRecords(
  path: string,
  encoding: Encoding,
  sink: RecordSink,
  sheet: string | null = null,
): Promise<FileFacts> {
  // (streamRecords reports 'csv-parse' as the parser.)
  let starts = new Int32Array(64);
  let ends = new Int32Array(64);
  const toBytes = (cells: readonly string[]) => {
    if (cells.length > starts.length) {
      starts = new Int32Array(cells.length * 2);
      ends = new Int32Array(cells.length * 2);
    }
    const parts = cells.map((cell) =>
      encoding === 'utf-8' ? Buffer.from(cell, 'utf8') : iconv().encode(cell, 'gb18030'),
    );
    let offset = 0;
    parts.forEach((part, index) => {
      starts[index] = offset;
      offset += part.length;
      ends[index] = offset;
    });
    return Buffer.concat(parts);
  };
  return streamRecords(
    path,
    encoding,
    {
      onHeader(header) {
        sink.header(toBytes(header), starts, ends, header.length, 1);
      },
      onRecord(cells, _record, line) {
        sink.record(toBytes(cells), starts, ends, cells.length, line, -1, line);
      },
    },
    sheet,
  );
}

/**
 * The file's bytes as text in `encoding`, each chunk passed to `onChunk` (hash, count) before it is
 * decoded; a byte sequence that is not valid in the encoding is an INPUT error with its offset.
 */
function decodeChunks(path: string, encoding: Encoding, onChunk: (chunk: Buffer) => void) {
  const decoder = decoderFor(encoding);
  let bytes = 0;
  return async function* decode(source: AsyncIterable<Buffer>) {
    for await (const chunk of source) {
      onChunk(chunk);
      let text: string;
      try {
        text = decoder.write(chunk);
      } catch {
        if (encoding === 'utf-8') throw new InvalidUtf8();
        throw new SpotcheckError(
          'INPUT',
          msg('io.registry.invalidEncodingNear', { encoding: encoding.toUpperCase(), byte: bytes }),
          { file: path, hint: msg('io.registry.forceUtf8Hint') },
        );
      }
      bytes += chunk.length;
      if (text) yield text;
    }
    let tail: string;
    try {
      tail = decoder.end();
    } catch {
      if (encoding === 'utf-8') throw new InvalidUtf8();
      throw new SpotcheckError('INPUT', msg('io.registry.invalidEncodingCut', { encoding: encoding.toUpperCase() }), {
        file: path,
        hint: msg('io.registry.forceUtf8Hint'),
      });
    }
    if (tail) yield tail;
  };
}

/** An error met while reading a CSV registry, as the error to throw: csv-parse's and decoding errors worded with file and line. */
async function csvReadError(error: unknown, path: string): Promise<unknown> {
  if (error instanceof SpotcheckError) return error;
  if (error instanceof InvalidUtf8) return invalidUtf8(path);
  if (!(error instanceof csvParse().CsvError)) return error;
  const line = (error as { lines?: number }).lines;
  if (error.code === 'CSV_MAX_RECORD_SIZE') {
    return new SpotcheckError('INPUT', msg('safety.fieldTooLarge', { limit: MAX_RECORD_CHARS }), {
      file: path,
      ...(line === undefined ? {} : { line }),
    });
  }
  const fieldCount = /^Invalid Record Length: /.exec(error.message);
  const message = fieldCount
    ? msg('io.registry.invalidCsvFieldCount', { detail: error.message.slice(fieldCount[0].length) })
    : msg('io.registry.invalidCsv', { detail: error.message });
  return new SpotcheckError('INPUT', message, {
    file: path,
    ...(line === undefined ? {} : { line }),
    hint: msg('io.registry.invalidCsvHint'),
  });
}

/**
 * Streams one CSV file's records to `handlers`. Returns the file's facts (size, SHA-256 of its bytes,
 * encoding). CSV and decoding errors become INPUT errors naming the file and line.
 */
export async function streamRecords(
  path: string,
  choice: EncodingChoice,
  handlers: RecordHandlers,
  sheet: string | null = null,
): Promise<FileFacts> {
  // The sheet applies to workbooks only (registryFiles refuses --sheet when no file is one).
  // src/io/xlsx.ts (and its limits) is loaded for a workbook only (start-up, issue 16).
  if (isWorkbookPath(path)) return (await import('./xlsx.js')).streamXlsxRecords(path, sheet, handlers);
  const { bytesOnDisk, mtimeMs, encoding, bom } = await openRegistry(path, choice);
  const hash = createHash('sha256');
  let bytes = 0;
  let records = -1;
  // A row longer than MAX_RECORD_CHARS (1 MiB) is refused, not buffered: a 512 MiB field ends in exit 2.
  const parser = csvParse().parse({
    skip_empty_lines: true,
    relax_column_count: false,
    info: true,
    max_record_size: MAX_RECORD_CHARS,
  });

  try {
    await pipeline(
      createReadStream(path),
      decodeChunks(path, encoding, (chunk) => {
        hash.update(chunk);
        bytes += chunk.length;
      }),
      parser,
      async function consume(source: AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        for await (const { record, info } of source) {
          if (records < 0) handlers.onHeader(record);
          else handlers.onRecord(record, records, info.lines);
          records++;
        }
      },
    );
  } catch (error) {
    throw await csvReadError(error, path);
  }
  if (records < 0) throw new SpotcheckError('INPUT', msg('io.registry.noRows'), { file: path });
  if (bytes !== bytesOnDisk) {
    throw new SpotcheckError('INPUT', msg('io.registry.changedWhileRead', { before: bytesOnDisk, after: bytes }), {
      file: path,
    });
  }
  return {
    name: basename(path),
    bytes,
    sha256: hash.digest('hex'),
    encoding,
    bom,
    records: Math.max(records, 0),
    parser: 'csv-parse',
    mtimeMs,
  };
}

/** SHA-256 of a whole file, streamed. */
export async function hashFile(path: string): Promise<{ sha256: string; bytes: number }> {
  await checkReadable(path);
  // Never hash a FIFO or a device (/dev/zero would never end): only a regular file.
  if (!(await stat(path)).isFile())
    throw new SpotcheckError('INPUT', msg('safety.notRegularFile'), {
      file: path,
      hint: msg('safety.notRegularFileHint'),
    });
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
