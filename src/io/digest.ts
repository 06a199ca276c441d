/**
 * A file's SHA-256 and, for UTF-8, the check that its bytes are valid UTF-8, fed chunk by chunk
 * (a character cut by a chunk's end is joined with the next chunk's first bytes, nothing else is
 * copied). `digestFile` does it on a worker thread so that it runs beside the scanner on the
 * other core.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { CHUNK_BYTES, type ChunkBuffers } from './chunks.js';
import { validUtf8 } from './fields.js';
import { type KeptWorker, WorkerKeeper } from './keptWorker.js';

/** The length of the UTF-8 sequence a lead byte starts (1 for a stray continuation byte: invalid anyway). */
const utf8Length = (lead: number): number => (lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1);

/** Where a chunk's complete UTF-8 characters end (a character cut by the chunk's end waits for the next). */
function completeUtf8(chunk: Buffer): number {
  for (let back = 1; back <= Math.min(3, chunk.length); back++) {
    const byte = chunk[chunk.length - back]!;
    if ((byte & 0xc0) === 0x80) continue; // a continuation byte
    const length = utf8Length(byte);
    return length > back ? chunk.length - back : chunk.length;
  }
  return chunk.length;
}

export interface Digest {
  readonly sha256: string;
  readonly bytes: number;
  /** The byte near which the file stops being valid UTF-8, or null. */
  readonly invalidUtf8At: number | null;
}

export class FileDigest {
  private readonly hash = createHash('sha256');
  private bytes = 0;
  private carry: Buffer | null = null;
  private invalidAt: number | null = null;

  constructor(private readonly checkUtf8: boolean) {}

  update(chunk: Buffer): void {
    this.hash.update(chunk);
    if (this.checkUtf8 && this.invalidAt === null) {
      let from = 0;
      if (this.carry) {
        from = Math.min(chunk.length, utf8Length(this.carry[0]!) - this.carry.length);
        const head = Buffer.concat([this.carry, chunk.subarray(0, from)]);
        this.carry = null;
        if (from < chunk.length || head.length === utf8Length(head[0]!)) {
          if (!validUtf8(head)) this.invalidAt = this.bytes;
        } else this.carry = head;
      }
      const complete = from + completeUtf8(chunk.subarray(from));
      if (!validUtf8(chunk, from, complete)) this.invalidAt ??= this.bytes;
      if (complete < chunk.length) this.carry = Buffer.from(chunk.subarray(complete));
    }
    this.bytes += chunk.length;
  }

  /** Whether the bytes so far are valid (as far as can be told before the end). */
  get valid(): boolean {
    return this.invalidAt === null;
  }

  finish(): Digest {
    if (this.carry && this.invalidAt === null) this.invalidAt = this.bytes;
    return { sha256: this.hash.digest('hex'), bytes: this.bytes, invalidUtf8At: this.invalidAt };
  }
}

/**
 * Files at least this large are digested on a worker thread, beside the scanner, or read, hashed
 * and scanned on one (the pipeline, src/io/pipelineScan.ts): the worker's start-up (~40 ms) is then
 * paid once for seconds of work, and a small registry (the demo draw) keeps one thread.
 */
export const DIGEST_WORKER_MIN_BYTES = 32 << 20;

/**
 * A smaller file goes to a worker too once the process has met DIGEST_WORKER_MIN_BYTES of files (a
 * registry split into one file per county: 129 files of a few MiB), from this size: a worker already
 * up takes a file for a message or two.
 */
const SMALL_FILE_BYTES = 256 << 10;

/**
 * Whether a file of this size is worth a worker thread (its scan through the pipeline, or its
 * digest beside the scanner): one of `minBytes` or more, or one of SMALL_FILE_BYTES (or `minBytes`,
 * the smaller) or more once the files asked about before it make `minBytes` (the worker is then
 * up, kept between files). One rule per process (worthAWorker); its own instance in tests.
 */
export class WorkerRule {
  private bytesMet = 0;

  worth(fileBytes: number, minBytes = DIGEST_WORKER_MIN_BYTES): boolean {
    const met = this.bytesMet;
    this.bytesMet += fileBytes;
    return fileBytes >= minBytes || (met >= minBytes && fileBytes >= Math.min(minBytes, SMALL_FILE_BYTES));
  }
}

const workerRule = new WorkerRule();

/**
 * The process's WorkerRule, from DIGEST_WORKER_MIN_BYTES, or SPOTCHECK_PIPELINE_MIN_BYTES (bytes)
 * in tests: whether a file is scanned through the pipeline (src/io/pipelineScan.ts), and in pass 2
 * hashed on a worker.
 */
export function worthAWorker(fileBytes: number): boolean {
  const given = Number(process.env.SPOTCHECK_PIPELINE_MIN_BYTES);
  const min =
    process.env.SPOTCHECK_PIPELINE_MIN_BYTES && Number.isFinite(given) && given >= 0 ? given : DIGEST_WORKER_MIN_BYTES;
  return workerRule.worth(fileBytes, min);
}

/** How many chunk buffers a WorkerDigest lends: the scanner may run this many chunks ahead of the hash. */
const RING_BUFFERS = 4;

/** The digest worker, kept between files (src/io/keptWorker.ts) with the buffers it shares. */
const digestWorkers = new WorkerKeeper<Digest | number, readonly Buffer[]>(() => {
  const shared = Array.from({ length: RING_BUFFERS }, () => new SharedArrayBuffer(CHUNK_BYTES));
  return {
    // The worker's module is next to this one; run from the TypeScript sources (the in-process
    // tests), it is the built one in dist/ (a worker thread does not load TypeScript).
    worker: new Worker(
      import.meta.url.endsWith('.ts')
        ? new URL('../../dist/io/digestWorker.js', import.meta.url)
        : new URL('./digestWorker.js', import.meta.url),
      { workerData: { shared } },
    ),
    own: shared.map((memory) => Buffer.from(memory)),
  };
});

/** The thread id of the digest worker kept between files, or null (for tests: is it reused?). */
export function idleDigestThreadId(): number | null {
  return digestWorkers.idleThreadId;
}

/**
 * Digests, on a worker thread (src/io/digestWorker.ts), the chunks the caller reads: the hash is of
 * the very bytes the caller parses, never of a second read of the file, which could see other bytes
 * if the file were rewritten meanwhile. The caller reads into `chunks`, buffers in memory shared
 * with the worker, and hands each chunk over by its index, nothing copied; the worker hashes it
 * while the caller scans it, and a buffer is read into again only after the worker is done with it.
 * The worker is kept for the next file once the digest is in.
 */
export class WorkerDigest {
  private readonly thread: KeptWorker<readonly Buffer[]>;
  private readonly result: Promise<Digest>;
  /** Per buffer: resolves when the worker is done with it (null: not lent). */
  private readonly lent: Array<{ promise: Promise<void>; resolve: () => void } | null>;
  readonly chunks: ChunkBuffers;

  constructor(checkUtf8: boolean) {
    let resolveResult: (digest: Digest) => void = () => {};
    let rejectResult: (error: unknown) => void = () => {};
    this.result = new Promise((resolve, reject) => {
      resolveResult = resolve;
      rejectResult = reject;
    });
    this.result.catch(() => undefined); // awaited by finish(); this only keeps an early error from going unhandled
    this.thread = digestWorkers.take(
      (message) => {
        if (typeof message === 'number') this.release(message);
        else {
          digestWorkers.give(this.thread, true);
          resolveResult(message);
        }
      },
      (error) => {
        // Nothing waits for a buffer the worker will never give back; finish() rejects.
        this.releaseAll();
        rejectResult(error);
      },
    );
    const buffers = this.thread.own;
    this.lent = buffers.map(() => null);
    this.chunks = { buffers, ready: (index) => this.lent[index]?.promise ?? Promise.resolve() };
    this.thread.worker.postMessage(checkUtf8);
  }

  private releaseAll(): void {
    for (let index = 0; index < this.lent.length; index++) this.release(index);
  }

  private release(index: number): void {
    const lent = this.lent[index];
    this.lent[index] = null;
    lent?.resolve();
  }

  /** Hands over chunks.buffers[index]'s first `length` bytes, the file's next chunk. */
  hand(index: number, length: number): void {
    let resolve = () => {};
    const promise = new Promise<void>((done) => {
      resolve = done;
    });
    this.lent[index] = { promise, resolve };
    this.thread.worker.postMessage([index, length]);
  }

  finish(): Promise<Digest> {
    this.thread.worker.postMessage(null);
    return this.result;
  }

  abort(): void {
    digestWorkers.give(this.thread, false);
    this.releaseAll();
  }
}
