/** The worker thread of digestFile: reads a file and returns its FileDigest. */
import { parentPort, workerData } from 'node:worker_threads';
import { readChunks } from './chunks.js';
import { FileDigest } from './digest.js';

const { path, checkUtf8 } = workerData as { path: string; checkUtf8: boolean };
const digest = new FileDigest(checkUtf8);
readChunks(path, 0, Number.MAX_SAFE_INTEGER, (chunk) => digest.update(chunk)).then(
  () => parentPort!.postMessage(digest.finish()),
  (error: Error) => {
    throw error;
  },
);
