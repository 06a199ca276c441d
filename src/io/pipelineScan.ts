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
import { allocateBatches, BatchReader } from './recordBatches.js';

/** How the worker's scan ended (its last message). */
export type PipelineEnd =
  | { kind: 'done'; digest: Digest; records: number }
  | { kind: 'unsure' }
  | { kind: 'invalid-utf8' }
  | { kind: 'error'; error: unknown; code?: string | undefined };

/**
 * Files at least this large go through the pipeline: the worker's start-up (~40 ms) is then paid
 * once for seconds of scanning, and a small file (the demo draw) keeps one thread.
 */
const PIPELINE_MIN_BYTES = 32 << 20;

/** The size from which a file goes through the pipeline: SPOTCHECK_PIPELINE_MIN_BYTES (bytes) sets it, for tests. */
export function pipelineMinBytes(): number {
  const given = Number(process.env.SPOTCHECK_PIPELINE_MIN_BYTES);
  return process.env.SPOTCHECK_PIPELINE_MIN_BYTES && Number.isFinite(given) && given >= 0 ? given : PIPELINE_MIN_BYTES;
}

/** How long the main thread waits for a batch before it looks for the worker's last message again, in ms. */
const WAIT_MS = 50;

/**
 * Scans the file on a worker and hands its records to the sink here; `onProgress` is called after
 * each chunk's records. Resolves with how the scan ended; rejects with the sink's error, or the
 * worker's.
 */
export async function scanOnWorker(
  path: string,
  options: {
    bom: Uint8Array | null;
    checkUtf8: boolean;
    earlyUtf8: boolean;
    /** The bytes read at a time (at most CHUNK_BYTES; smaller only in tests, to cut records across chunks). */
    chunkBytes?: number;
  },
  sink: RecordSink,
  onProgress?: (bytes: number, records: number) => void,
): Promise<Exclude<PipelineEnd, { kind: 'error' }>> {
  const memory = allocateBatches();
  const reader = new BatchReader(memory);
  // The worker's module is next to this one; run from the TypeScript sources (the in-process
  // tests), it is the built one in dist/ (a worker thread does not load TypeScript).
  const module = import.meta.url.endsWith('.ts')
    ? new URL('../../dist/io/pipelineWorker.js', import.meta.url)
    : new URL('./pipelineWorker.js', import.meta.url);
  const worker = new Worker(module, {
    workerData: { path, ...options, memory },
  });
  // The worker's last message; it marks its last batch full before it posts it.
  let last: PipelineEnd | null = null;
  let wake = () => {};
  const ended = (end: PipelineEnd) => {
    last ??= end;
    wake();
  };
  worker.on('message', ended);
  worker.once('error', (error) => ended({ kind: 'error', error }));
  worker.once('exit', () =>
    ended({ kind: 'error', error: new Error('the scan worker stopped before its last message') }),
  );
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
        return end;
      }
      await Promise.race([reader.wait(WAIT_MS), new Promise<void>((resolve) => (wake = resolve))]);
    }
  } finally {
    reader.stop();
    void worker.terminate();
  }
}
