/**
 * The worker thread of WorkerDigest: hashes the chunks it is handed, in order, from the buffers it
 * shares with the reader, and gives each buffer back by its index. A file begins with its UTF-8
 * choice (a boolean) and ends with null, answered by the digest; then the next file may begin.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileDigest } from './digest.js';

const { shared } = workerData as { shared: SharedArrayBuffer[] };
const buffers = shared.map((memory) => Buffer.from(memory));
let digest = new FileDigest(false);
parentPort!.on('message', (message: boolean | [number, number] | null) => {
  if (typeof message === 'boolean') digest = new FileDigest(message);
  else if (message === null) parentPort!.postMessage(digest.finish());
  else {
    const [index, length] = message;
    digest.update(buffers[index]!.subarray(0, length));
    parentPort!.postMessage(index);
  }
});
