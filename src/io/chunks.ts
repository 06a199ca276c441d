/**
 * Reading a byte range of a file in chunks into reused buffers: the next chunk is read while the
 * current one is processed, and no new memory is allocated per chunk (fresh 4 MiB buffers per
 * chunk make V8 collect its whole heap again and again under "external memory pressure").
 */
import { open } from 'node:fs/promises';

export const CHUNK_BYTES = 1 << 21;

/**
 * Buffers of CHUNK_BYTES to read into in turn, for a caller that lends each chunk to another thread
 * (src/io/digest.ts): a buffer is read into again only once `ready` says the other thread is done
 * with it.
 */
export interface ChunkBuffers {
  readonly buffers: readonly Buffer[];
  /** Resolves when buffers[index] may be overwritten (never rejects). */
  ready(index: number): Promise<void>;
}

/**
 * Chunk buffers of finished reads, lent again to the next read: a registry split into a file per
 * county is read file after file, and two fresh CHUNK_BYTES buffers per file (hundreds of MiB over
 * a few hundred files) would make V8 collect its heap again and again.
 */
const spareBuffers: Buffer[] = [];
const MAX_SPARE_BUFFERS = 4;

/**
 * Calls `onChunk` with each chunk of bytes [start, end) in order, and the index of the buffer it is
 * in; a chunk is valid only during the call (or, with `ring`, until the ring says its buffer is ready).
 */
export async function readChunks(
  path: string,
  start: number,
  end: number,
  onChunk: (chunk: Buffer, index: number) => void,
  ring?: ChunkBuffers,
): Promise<number> {
  const handle = await open(path, 'r');
  let closed = false;
  let own: Buffer[] | null = null;
  try {
    if (!ring)
      own = [
        spareBuffers.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES),
        spareBuffers.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES),
      ];
    const buffers = ring?.buffers ?? own!;
    let which = 0;
    let offset = start;
    let total = 0;
    const read = async (index: number, at: number) => {
      if (ring) await ring.ready(index);
      // The caller stopped (its onChunk threw) while this read waited for its buffer.
      if (closed) return { bytesRead: 0 };
      return handle.read(buffers[index]!, 0, Math.min(CHUNK_BYTES, Math.max(0, end - at)), at);
    };
    let pending = offset < end ? read(0, offset) : null;
    while (pending) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const current = which;
      offset += bytesRead;
      total += bytesRead;
      which = (which + 1) % buffers.length;
      pending = offset < end ? read(which, offset) : null;
      // Not awaited if onChunk throws: its failure (the handle closed under it) must not go unhandled.
      pending?.catch(() => undefined);
      onChunk(buffers[current]!.subarray(0, bytesRead), current);
    }
    return total;
  } finally {
    closed = true;
    // FileHandle.close waits for a read still under way: after it, nothing writes into the buffers.
    await handle.close();
    if (own) for (const buffer of own) if (spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(buffer);
  }
}
