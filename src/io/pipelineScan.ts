/**
 * The scan pipeline: a large file's records scanned on a worker thread and tallied on the main
 * thread, both cores busy. The worker (src/io/pipelineWorker.ts) reads the file, hashes each chunk
 * and scans the very same bytes, and passes the records in batches of shared memory
 * (src/io/recordBatches.ts); here the sink runs over each batch as it arrives and gives it back.
 * The sink sees the records, lines and offsets the single-thread scan would hand it, in the same
 * order; an error it throws stops the worker.
 */
import { Worker } from 'node:worker_threads';
import type { Digest } from './digest.js';
import type { RecordSink } from './fastcsv.js';
import { WorkerKeeper } from './keptWorker.js';
import { allocateBatches, BatchReader } from './recordBatches.js';

/** How the worker's scan ended (its last message). */
export type PipelineEnd =
  | { kind: 'done'; digest: Digest; records: number }
  | { kind: 'unsure' }
  | { kind: 'invalid-utf8' }
  | { kind: 'error'; error: unknown; code?: string | undefined };

/** How long the main thread waits for a batch before it looks for the worker's last message again, in ms. */
const WAIT_MS = 50;

/** One file for the worker (src/io/pipelineWorker.ts) to read, hash and scan. */
export interface PipelineJob {
  readonly path: string;
  readonly bom: Uint8Array | null;
  readonly checkUtf8: boolean;
  readonly earlyUtf8: boolean;
  /** The bytes read at a time (at most CHUNK_BYTES; smaller only in tests, to cut records across chunks). */
  readonly chunkBytes?: number;
}

/**
 * The scan worker, kept between files (src/io/keptWorker.ts) with the main thread's side of its
 * batches.
 */
const scanWorkers = new WorkerKeeper<PipelineEnd, BatchReader>(() => {
  const memory = allocateBatches();
  return {
    // The worker's module is next to this one; run from the TypeScript sources (the in-process
    // tests), it is the built one in dist/ (a worker thread does not load TypeScript).
    worker: new Worker(
      import.meta.url.endsWith('.ts')
        ? new URL('../../dist/io/pipelineWorker.js', import.meta.url)
        : new URL('./pipelineWorker.js', import.meta.url),
      { workerData: { memory } },
    ),
    own: new BatchReader(memory),
  };
});

/**
 * Lets the kept scan worker go, and its batches' shared memory with it (tens of MiB): called once a
 * registry's pass 1 is over, so that pass 2's households are not held on top of them (peak memory).
 */
export function releaseScanWorker(): void {
  scanWorkers.release();
}

/** The thread id of the scan worker kept between files, or null (for tests: is it reused?). */
export function idleScanWorkerId(): number | null {
  return scanWorkers.idleThreadId;
}

/**
 * Scans the file on a worker and hands its records to the sink here; `onProgress` is called after
 * each chunk's records. Resolves with how the scan ended; rejects with the sink's error, or the
 * worker's. The worker is kept for the next file when the scan ended cleanly.
 */
export async function scanOnWorker(
  path: string,
  options: Omit<PipelineJob, 'path'>,
  sink: RecordSink,
  onProgress?: (bytes: number, records: number) => void,
): Promise<Exclude<PipelineEnd, { kind: 'error' }>> {
  // The worker's last message for this file; it marks its last batch full before it posts it.
  let last: PipelineEnd | null = null;
  let wake = () => {};
  const ended = (end: PipelineEnd) => {
    last ??= end;
    wake();
  };
  const scan = scanWorkers.take(ended, (error) => ended({ kind: 'error', error }));
  const { worker, own: reader } = scan;
  let clean = false;
  reader.beginFile();
  worker.postMessage({ path, ...options } satisfies PipelineJob);
  try {
    for (;;) {
      while (reader.ready) {
        const [bytes, records] = reader.read(sink);
        if (bytes >= 0) onProgress?.(bytes, records);
      }
      const end = last as PipelineEnd | null;
      if (end) {
        if (end.kind === 'error') {
          // The worker's system error as the one thread would have thrown it: with its code.
          if (end.code !== undefined && end.error instanceof Error) Object.assign(end.error, { code: end.code });
          throw end.error;
        }
        clean = true;
        return end;
      }
      await Promise.race([reader.wait(WAIT_MS), new Promise<void>((resolve) => (wake = resolve))]);
    }
  } finally {
    // A worker not kept may be waiting on its batches: stopped first, then terminated.
    if (!clean) reader.stop();
    scanWorkers.give(scan, clean);
  }
}
