/**
 * readChunks (src/io/chunks.ts) lends the buffers of finished reads to the next ones (a registry of
 * a file per county is read file after file): never a buffer to two reads at once, never one a read
 * stopped by its caller could still write into.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, readChunks } from '../../src/io/chunks.js';
import { tempDir } from '../helpers.js';

/** Reads the file whole; returns its bytes and the memory of every buffer it was read into. */
async function read(path: string): Promise<{ bytes: Buffer; memory: Set<ArrayBufferLike> }> {
  const parts: Buffer[] = [];
  const memory = new Set<ArrayBufferLike>();
  await readChunks(path, 0, Number.MAX_SAFE_INTEGER, (chunk) => {
    memory.add(chunk.buffer);
    parts.push(Buffer.from(chunk));
  });
  return { bytes: Buffer.concat(parts), memory };
}

describe('readChunks', () => {
  it('reads files at once and one after another, each into its own buffers, reused once a read is over', async () => {
    const dir = tempDir();
    // Two and a half chunks each: both buffers of a read are used, one of them twice.
    const files = [1, 2].map((seed) => {
      const pattern = Buffer.from(Array.from({ length: 251 }, (_, index) => (index * 37 * seed) & 0xff));
      const bytes = Buffer.alloc(2 * CHUNK_BYTES + (CHUNK_BYTES >> 1), pattern);
      const path = join(dir, `file${seed}.bin`);
      writeFileSync(path, bytes);
      return { path, bytes };
    });
    const [first, second] = await Promise.all(files.map(({ path }) => read(path)));
    expect(first!.bytes.equals(files[0]!.bytes)).toBe(true);
    expect(second!.bytes.equals(files[1]!.bytes)).toBe(true);
    expect(first!.memory.size).toBe(2);
    expect([...first!.memory].filter((memory) => second!.memory.has(memory))).toEqual([]);

    // A read its caller stops on the first chunk (its next read under way) gives its buffers back
    // only once that read is over: the next reads still see the right bytes.
    await expect(
      readChunks(files[0]!.path, 0, Number.MAX_SAFE_INTEGER, () => {
        throw new Error('stop');
      }),
    ).rejects.toThrow('stop');
    const again = await Promise.all(files.map(({ path }) => read(path)));
    expect(again[0]!.bytes.equals(files[0]!.bytes)).toBe(true);
    expect(again[1]!.bytes.equals(files[1]!.bytes)).toBe(true);
    // The buffers are the ones of the earlier reads: no fresh memory per file.
    const earlier = new Set([...first!.memory, ...second!.memory]);
    expect([...again[0]!.memory, ...again[1]!.memory].every((memory) => earlier.has(memory))).toBe(true);
  });
});
