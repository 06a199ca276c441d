/** The worker thread of WorkerDigest: hashes the chunks it is sent, in order; null ends. */
import { parentPort, workerData } from 'node:worker_threads';
import { FileDigest } from './digest.js';

const { checkUtf8 } = workerData as { checkUtf8: boolean };
const digest = new FileDigest(checkUtf8);
parentPort!.on('message', (chunk: Uint8Array | null) => {
  if (chunk === null) {
    parentPort!.postMessage(digest.finish());
    parentPort!.close();
  } else digest.update(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
});
