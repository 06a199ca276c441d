/**
 * The worker thread of WorkerDigest: hashes the chunks it is handed, in order, from the buffers it
 * shares with the reader, and gives each buffer back by its index; null ends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FileDigest } from './digest.js';

const { checkUtf8, shared } = workerData as { checkUtf8: boolean; shared: SharedArrayBuffer[] };
const buffers = shared.map((memory) => Buffer.from(memory));
const digest = new FileDigest(checkUtf8);
parentPort!.on('message', (message: [number, number] | null) => {
  if (message === null) {
    parentPort!.postMessage(digest.finish());
    parentPort!.close();
    return;
  }
  const [index, length] = message;
  digest.update(buffers[index]!.subarray(0, length));
  parentPort!.postMessage(index);
});
