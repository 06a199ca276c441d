/**
 * The worker thread of the scan pipeline (src/io/pipelineScan.ts): reads the file in chunks, hashes
 * each chunk (SHA-256 and the UTF-8 check, FileDigest) and scans the very same bytes
 * (FastCsvScanner), writing the records into the shared batches (src/io/recordBatches.ts) that the
 * main thread's sink reads. Gives each batch to the main thread when its chunk is done (or it is
 * full), then posts one message: the digest, the scanner's `Unsure` (the main thread falls back to csv-parse), the
 * first invalid UTF-8 chunk (when the caller checks early, as the single-thread path does), or an
 * error.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { CHUNK_BYTES } from './chunks.js';
import { FileDigest } from './digest.js';
import { FastCsvScanner, Unsure } from './fastcsv.js';
import { type BatchMemory, BatchWriter, Stopped } from './recordBatches.js';
import type { PipelineEnd } from './pipelineScan.js';

const { path, bom, checkUtf8, earlyUtf8, chunkBytes, memory } = workerData as {
  path: string;
  chunkBytes?: number;
  bom: Uint8Array | null;
  checkUtf8: boolean;
  earlyUtf8: boolean;
  memory: BatchMemory;
};
const port = parentPort!;
const writer = new BatchWriter(memory);
const end = (message: PipelineEnd) => port.postMessage(message);

function run(): void {
  const digest = new FileDigest(checkUtf8);
  const scanner = new FastCsvScanner(writer, bom);
  const handle = openSync(path, 'r');
  try {
    let bytes = 0;
    for (;;) {
      const chunk = writer.chunk();
      const read = readSync(handle, chunk, 0, Math.min(chunkBytes ?? CHUNK_BYTES, CHUNK_BYTES), bytes);
      if (read === 0) break;
      const view = chunk.subarray(0, read);
      digest.update(view);
      if (earlyUtf8 && !digest.valid) {
        writer.send();
        end({ kind: 'invalid-utf8' });
        return;
      }
      bytes += read;
      scanner.push(view);
      writer.send(bytes, scanner.records);
    }
    scanner.end();
    writer.send();
    end({ kind: 'done', digest: digest.finish(), records: scanner.records });
  } catch (error) {
    if (error instanceof Stopped) return;
    if (!(error instanceof Unsure)) throw error;
    // The records before the scanner gave up go to the sink first: its errors come first, as on one thread.
    writer.send();
    end({ kind: 'unsure' });
  } finally {
    closeSync(handle);
  }
}

try {
  run();
} catch (error) {
  if (!(error instanceof Stopped)) end({ kind: 'error', error });
}
port.close();
