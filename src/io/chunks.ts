/**
 * Reading a byte range of a file in chunks into two reused buffers: the next chunk is read while
 * the current one is processed, and no new memory is allocated per chunk (fresh 4 MiB buffers per
 * chunk make V8 collect its whole heap again and again under "external memory pressure").
 */
import { open } from 'node:fs/promises';

const CHUNK_BYTES = 1 << 21;

/** Calls `onChunk` with each chunk of bytes [start, end) in order; a chunk is valid only during the call. */
export async function readChunks(
  path: string,
  start: number,
  end: number,
  onChunk: (chunk: Buffer) => void,
): Promise<number> {
  const handle = await open(path, 'r');
  try {
    const buffers = [Buffer.allocUnsafe(CHUNK_BYTES), Buffer.allocUnsafe(CHUNK_BYTES)];
    let which = 0;
    let offset = start;
    let total = 0;
    const read = (buffer: Buffer, at: number) =>
      handle.read(buffer, 0, Math.min(CHUNK_BYTES, Math.max(0, end - at)), at);
    let pending = offset < end ? read(buffers[0]!, offset) : null;
    while (pending) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const current = buffers[which]!;
      offset += bytesRead;
      total += bytesRead;
      which = 1 - which;
      pending = offset < end ? read(buffers[which]!, offset) : null;
      onChunk(current.subarray(0, bytesRead));
    }
    return total;
  } finally {
    await handle.close();
  }
}
