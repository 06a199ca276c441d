/**
 * A worker thread of pass 1: counts the records of one byte range of a registry file (which starts
 * and ends at line boundaries) into a TallySink and hands back its state. It gives up (the file is
 * then read by one thread) when the range holds a quote, since a quoted field could hold a line feed
 * and the range might not start at a record boundary.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readChunks } from './chunks.js';
import { FastCsvScanner, Unsure } from './fastcsv.js';
import type { Encoding } from './registry.js';
import { TallySink, type ScanOptions, type SinkState } from './scan.js';

export interface WorkerTask {
  readonly path: string;
  readonly encoding: Encoding;
  readonly role: 'registry' | 'nonpoor';
  readonly start: number;
  readonly end: number;
  readonly header: string[];
  readonly columns: ScanOptions['columns'];
  readonly countyAttribute: string | null;
}

export type WorkerResult = { readonly ok: true; readonly state: SinkState; readonly lines: number } | { readonly ok: false; readonly reason: string };

async function run(task: WorkerTask): Promise<WorkerResult> {
  const sink = new TallySink(task.encoding, task.path, task.role, { columns: task.columns, countyAttribute: task.countyAttribute } as ScanOptions);
  sink.setHeader(task.header);
  const scanner = new FastCsvScanner(sink, null, { fieldCount: task.header.length, line: 1, offset: task.start });
  try {
    let quoted = false;
    await readChunks(task.path, task.start, task.end, (chunk) => {
      if (quoted || chunk.indexOf(0x22) >= 0) {
        quoted = true;
        return;
      }
      scanner.push(chunk);
    });
    if (quoted) return { ok: false, reason: 'quotes' };
    scanner.end();
  } catch (error) {
    if (error instanceof Unsure) return { ok: false, reason: error.reason };
    throw error;
  }
  sink.finish(task.end);
  return { ok: true, state: sink.export(), lines: scanner.currentLine - 1 };
}

if (parentPort) {
  run(workerData as WorkerTask).then(
    (result) => parentPort!.postMessage(result),
    (error: Error) => parentPort!.postMessage({ ok: false, reason: error.message } satisfies WorkerResult),
  );
}
