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

describe('WorkerDigest, file after file', () => {
  it('keeps its worker for the next file, each file hashed and UTF-8-checked afresh; an aborted one is not reused', async () => {
    const { WorkerDigest, idleDigestThreadId } = await import('../../src/io/digest.js');
    const { readChunks } = await import('../../src/io/chunks.js');
    const dir = tempDir();
    const digestOf = async (bytes: Buffer, checkUtf8: boolean) => {
      const path = join(dir, 'file.bin');
      writeFileSync(path, bytes);
      const digest = new WorkerDigest(checkUtf8);
      await readChunks(
        path,
        0,
        Number.MAX_SAFE_INTEGER,
        (chunk, index) => digest.hand(index, chunk.length),
        digest.chunks,
      );
      return digest.finish();
    };
    const invalid = Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0xff]), Buffer.from('\n')]);
    const valid = Buffer.from('户编号,村\n1,华光村\n');
    const first = await digestOf(invalid, true);
    expect(first).toEqual({ sha256: createHash('sha256').update(invalid).digest('hex'), bytes: 6, invalidUtf8At: 0 });
    const thread = idleDigestThreadId();
    expect(thread).not.toBeNull();
    // The next file: its own hash and its own UTF-8 check (the invalid byte before is forgotten).
    expect(await digestOf(valid, true)).toEqual({
      sha256: createHash('sha256').update(valid).digest('hex'),
      bytes: valid.length,
      invalidUtf8At: null,
    });
    expect(await digestOf(invalid, false)).toMatchObject({ invalidUtf8At: null });
    expect(idleDigestThreadId()).toBe(thread);
    // Aborted (its reader failed): that worker is stopped, and the next file gets a new one.
    const aborted = new WorkerDigest(false);
    aborted.abort();
    expect(idleDigestThreadId()).toBeNull();
    expect((await digestOf(valid, true)).sha256).toBe(createHash('sha256').update(valid).digest('hex'));
    expect(idleDigestThreadId()).not.toBe(thread);
  });
});

describe('WorkerRule: which files are worth a worker thread', () => {
  it('a file of the threshold or more; a smaller one of 256 KiB or more once the files before it make the threshold', async () => {
    const { WorkerRule } = await import('../../src/io/digest.js');
    const MiB = 1 << 20;
    const rule = new WorkerRule();
    // A registry split into files of 6 MiB: on one thread until 32 MiB are met, then on the worker.
    const split = Array.from({ length: 8 }, () => rule.worth(6 * MiB, 32 * MiB));
    expect(split).toEqual([false, false, false, false, false, false, true, true]);
    // Tiny files stay on one thread however many bytes came before; a large one goes to the worker at once.
    expect(rule.worth(100 << 10, 32 * MiB)).toBe(false);
    expect(rule.worth(256 << 10, 32 * MiB)).toBe(true);
    expect(new WorkerRule().worth(32 * MiB, 32 * MiB)).toBe(true);
    expect(new WorkerRule().worth(32 * MiB - 1, 32 * MiB)).toBe(false);
    // A threshold of 0 (the tests' SPOTCHECK_PIPELINE_MIN_BYTES=0): every file, the empty one too.
    const always = new WorkerRule();
    expect([always.worth(0, 0), always.worth(10, 0)]).toEqual([true, true]);
    // A threshold of 512 KiB: files of 300 KiB on the worker once 512 KiB are met; one of 100 KiB never.
    const small = new WorkerRule();
    const KiB = 1 << 10;
    expect([300, 300, 300, 100].map((size) => small.worth(size * KiB, 512 * KiB))).toEqual([false, false, true, false]);
  });
});
