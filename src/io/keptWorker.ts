/**
 * A worker thread kept from one file to the next (the scan pipeline's, src/io/pipelineScan.ts, and
 * the digest's, src/io/digest.ts): a registry of many files (one per county) pays a worker's
 * start-up once, not once a file. One file at a time: `take` gives the kept worker, or a new one,
 * with the file's handlers attached and the worker ref'd; `give` keeps it for the next file after a
 * clean end (unref'd: an idle worker does not hold the process open), else terminates it. A worker
 * that failed or exited is never taken again.
 */
import type { Worker } from 'node:worker_threads';

export interface KeptWorker<Own> {
  readonly worker: Worker;
  /** What the caller keeps with the worker (its shared memory's views). */
  readonly own: Own;
  /** Set once the worker has failed, exited or been let go: it takes no more files. */
  dead: boolean;
}

interface Handlers<Message> {
  onMessage: (message: Message) => void;
  onFailure: (error: unknown) => void;
}

export class WorkerKeeper<Message, Own> {
  private idle: (KeptWorker<Own> & Handlers<Message>) | null = null;

  /** `start` makes a worker and what goes with it (its shared memory). */
  constructor(private readonly start: () => { worker: Worker; own: Own }) {}

  /** The kept worker, or a new one, its messages and failure routed to these handlers. */
  take(onMessage: (message: Message) => void, onFailure: (error: unknown) => void): KeptWorker<Own> {
    let kept = this.idle && !this.idle.dead ? this.idle : null;
    this.idle = null;
    if (kept === null) {
      const { worker, own } = this.start();
      const fresh: KeptWorker<Own> & Handlers<Message> = {
        worker,
        own,
        dead: false,
        onMessage: () => {},
        onFailure: () => {},
      };
      const fail = (error: unknown) => {
        fresh.dead = true;
        fresh.onFailure(error);
      };
      worker.on('message', (message: Message) => fresh.onMessage(message));
      worker.once('error', fail);
      worker.once('exit', () => fail(new Error('the worker thread stopped before its last message')));
      kept = fresh;
    }
    kept.onMessage = onMessage;
    kept.onFailure = onFailure;
    kept.worker.ref();
    return kept;
  }

  /** Gives the worker back after its file: kept for the next when `clean` (and no other is kept), else terminated. */
  give(kept: KeptWorker<Own>, clean: boolean): void {
    const handled = kept as KeptWorker<Own> & Handlers<Message>;
    handled.onMessage = () => {};
    handled.onFailure = () => {};
    if (clean && !kept.dead && this.idle === null) {
      kept.worker.unref();
      this.idle = handled;
    } else {
      kept.dead = true;
      void kept.worker.terminate();
    }
  }

  /** Terminates the kept worker, if any (its shared memory goes with it). */
  release(): void {
    const kept = this.idle;
    this.idle = null;
    if (kept !== null) this.give(kept, false);
  }

  /** The kept worker's thread id, or null (for tests: is it reused?). */
  get idleThreadId(): number | null {
    return this.idle && !this.idle.dead ? this.idle.worker.threadId : null;
  }
}
