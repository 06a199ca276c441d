/** The tests "large files" from test/e2e.test.ts (moved, issue 14). */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pathToFileURL } from 'node:url';
import { cli, ROOT, tempDir } from '../helpers.js';
import { demoLines, DRAW } from '../demoDrawKit.js';

describe('large files', () => {
  it('checks UTF-8 and hashes a large file on a worker thread: an invalid byte near the end is refused', async () => {
    const dir = tempDir();
    const { header, rows } = demoLines();
    const body = Buffer.from(`${rows.join('\n')}\n`);
    const copies = Math.ceil((33 << 20) / body.length);
    const parts = [Buffer.from(`${header}\n`)];
    for (let copy = 0; copy < copies; copy++) {
      parts.push(
        Buffer.from(
          body
            .toString('utf8')
            .replace(
              /,(\d{16}),(\d{18}),/g,
              (_, household: string, person: string) => `,${household}${copy},${person}${copy},`,
            ),
        ),
      );
    }
    const good = Buffer.concat(parts);
    writeFileSync(join(dir, 'big.csv'), good);
    const result = await cli(['monthly', join(dir, 'big.csv'), ...DRAW, '--json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).manifest.inputs[0].sha256).toBe(createHash('sha256').update(good).digest('hex'));
    const bad = Buffer.concat([good, Buffer.from([0xff, 0x0a])]);
    writeFileSync(join(dir, 'bad.csv'), bad);
    const refused = await cli(['monthly', join(dir, 'bad.csv'), ...DRAW]);
    expect(refused.status).toBe(2);
    const lines = good.toString('utf8').split('\n').length; // the 0xff byte starts the last line
    expect(refused.stderr).toContain(
      `bad.csv:${lines}:1: the file is not valid UTF-8: byte 0xff at offset ${good.length}`,
    );
  });
});

describe('WorkerDigest', () => {
  it('hashes the chunks read into the buffers it shares with the worker, each buffer read into again only once hashed', async () => {
    // From dist/: the worker is dist/io/digestWorker.js, next to the module that starts it.
    const { WorkerDigest } = (await import(
      pathToFileURL(join(ROOT, 'dist', 'io', 'digest.js')).href
    )) as typeof import('../../src/io/digest.js');
    const { readChunks } = (await import(
      pathToFileURL(join(ROOT, 'dist', 'io', 'chunks.js')).href
    )) as typeof import('../../src/io/chunks.js');
    const dir = tempDir();
    // 9 MiB: more chunks than the buffers lent, so each buffer is read into again.
    const bytes = Buffer.alloc(9 << 20);
    for (let index = 0; index < bytes.length; index++) bytes[index] = (index * 2654435761) >>> 24;
    writeFileSync(join(dir, 'bytes.bin'), bytes);
    const digest = new WorkerDigest(false);
    const indexes: number[] = [];
    const total = await readChunks(
      join(dir, 'bytes.bin'),
      0,
      Number.MAX_SAFE_INTEGER,
      (chunk, index) => {
        indexes.push(index);
        digest.hand(index, chunk.length);
      },
      digest.chunks,
    );
    const { sha256, bytes: hashed } = await digest.finish();
    expect(total).toBe(bytes.length);
    expect(hashed).toBe(bytes.length);
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(indexes).toEqual([0, 1, 2, 3, 0]);
  });
});
