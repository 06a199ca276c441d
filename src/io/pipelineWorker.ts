/**
 * The worker thread of the scan pipeline (src/io/pipelineScan.ts). It takes one file at a time (a
 * job message, for as many files as the process scans): reads the file in chunks (the next one read
 * ahead while one is scanned), hashes each chunk (SHA-256 and the UTF-8 check, FileDigest) and scans
 * the very same bytes (FastCsvScanner), writing the records into the shared batches
 * (src/io/recordBatches.ts) that the main thread's sink reads. Gives each batch to the main thread
 * when its chunk is done (or it is full), then posts one message per file: the digest, the scanner's
 * `Unsure` (the main thread falls back to csv-parse), the first invalid UTF-8 chunk (when the caller
 * checks early, as the single-thread path does), or an error.
 */
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { CHUNK_BYTES } from './chunks.js';
import { FileDigest } from './digest.js';
import { FastCsvScanner, Unsure } from './fastcsv.js';
import type { PipelineEnd, PipelineJob } from './pipelineScan.js';
import { type BatchMemory, BatchWriter, Stopped } from './recordBatches.js';

/** The first chunk of a file (the later ones are CHUNK_BYTES). */
const FIRST_CHUNK_BYTES = 256 << 10;

const port = parentPort!;
const writer = new BatchWriter((workerData as { memory: BatchMemory }).memory);
const end = (message: PipelineEnd) => port.postMessage(message);

async function run({ path, bom, checkUtf8, earlyUtf8, chunkBytes }: PipelineJob): Promise<void> {
  const digest = new FileDigest(checkUtf8);
  const scanner = new FastCsvScanner(writer, bom);
  const size = Math.min(chunkBytes ?? CHUNK_BYTES, CHUNK_BYTES);
  // Read ahead into two buffers of its own, while the chunk before is scanned (a file not in the
  // page cache waits on the disk meanwhile, not after); each chunk is copied into its batch.
  const ahead = [Buffer.allocUnsafe(size), Buffer.allocUnsafe(size)];
  const handle = await open(path, 'r');
  try {
    let bytes = 0;
    let which = 0;
    // The first chunk short: the main thread, idle until the file's first records come, waits for
    // a quarter MiB scanned, not two (a registry of one file per county starts 129 times).
    let pending = handle.read(ahead[0]!, 0, Math.min(size, FIRST_CHUNK_BYTES), 0);
    for (;;) {
      const { bytesRead: read } = await pending;
      if (read === 0) break;
      const source = ahead[which]!;
      which = 1 - which;
      pending = handle.read(ahead[which]!, 0, size, bytes + read);
      // Not awaited if this chunk ends the scan: its failure must not go unhandled.
      pending.catch(() => undefined);
      const chunk = writer.chunk();
      source.copy(chunk, 0, 0, read);
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
    if (!(error instanceof Unsure)) throw error;
    // The records before the scanner gave up go to the sink first: its errors come first, as on one thread.
    writer.send();
    end({ kind: 'unsure' });
  } finally {
    // FileHandle.close waits for a read still under way.
    await handle.close();
  }
}

// One file at a time: the main thread sends the next job only once this one's last message is in.
port.on('message', (job: PipelineJob) => {
  run(job).catch((error: unknown) => {
    // Stopped: the main thread gave up on this worker and terminates it. A structured clone keeps an
    // error's message and stack, not its code (ENOENT, EIO…): sent beside it.
    if (!(error instanceof Stopped)) end({ kind: 'error', error, code: (error as NodeJS.ErrnoException).code });
  });
});
