/** The tests "large files" from test/e2e.test.ts (moved, issue 14). */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
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
