/**
 * The tests "a draw that is made is never lost by a failure after it" from test/integrity-review.test.ts (moved,
 * issue 14).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir, STACK } from '../../helpers.js';
import { DRAW } from '../provinceDrawKit.js';

describe('a draw that is made is never lost by a failure after it', () => {
  it('refuses, before drawing, a --force re-draw whose --notice is a directory: the earlier draw and the ledger stay', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    const ledger = join(dir, 'draws.ledger');
    expect((await cli([...DRAW, '--seed', 'old', '--out', out, '--ledger', ledger])).status).toBe(0);
    const before = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]));
    const ledgerBefore = readFileSync(ledger, 'utf8');
    mkdirSync(join(dir, 'notice.html', 'sub'), { recursive: true });
    const result = await cli([
      ...DRAW,
      '--seed',
      'new',
      '--out',
      out,
      '--force',
      '--ledger',
      ledger,
      '--notice',
      join(dir, 'notice.html'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the output of --notice is there already and is not a file: nothing was drawn/);
    expect(result.stderr).not.toMatch(STACK);
    expect(Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name), 'utf8')]))).toEqual(
      before,
    );
    expect(readFileSync(ledger, 'utf8')).toBe(ledgerBefore);
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('says the draw was made when only its summary cannot be printed (standard output full)', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    const ledger = join(dir, 'draws.ledger');
    const result = spawnSync(
      'node',
      [join(ROOT, 'bin', 'spotcheck'), ...DRAW, '--seed', 'full', '--out', out, '--ledger', ledger, '--lang', 'en'],
      {
        encoding: 'utf8',
        stdio: ['ignore', openSync('/dev/full', 'w'), 'pipe'],
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot write to standard output \(ENOSPC\)/);
    expect(result.stderr).toMatch(
      /the draw itself was made and written: .*draw, .*draws\.ledger #1; only its summary was not printed/,
    );
    expect((await cli(['verify', out])).status).toBe(0);
  });
});
