/**
 * The tests "a draw and its ledger entry are one act" from test/integrity-seeds-ledger.test.ts (moved, issue 14).
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir, STACK } from '../../helpers.js';
import { DRAW, REDRAW } from '../seedLedgerKit.js';

const BIN = join(ROOT, 'bin', 'spotcheck');

describe('a draw and its ledger entry are one act', () => {
  const run = async (args: readonly string[], env: Record<string, string> = {}) =>
    await cli([...DRAW, ...args, ...REDRAW], { env });

  it('refuses --ledger "" before reading anything', async () => {
    const dir = tempDir();
    const result = await run(['--seed', 'x', '--ledger', '', '--out', join(dir, 'draw')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--ledger must name a file/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves no outputs when the ledger append fails, exit 2 without a stack, the ledger as it was', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    expect((await run(['--seed', 'one', '--ledger', ledger])).status).toBe(0);
    const before = readFileSync(ledger);
    const outputs = ['--out', join(dir, 'draw'), '--xlsx', '--notice', join(dir, 'notice.html'), '--ledger', ledger];
    const result = await run(['--seed', 'two', ...outputs], { SPOTCHECK_FAILPOINT: 'ledger-append' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the draw was not made: its ledger entry could not be written/);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['draws.ledger']);
    expect(readFileSync(ledger)).toEqual(before);
    // A new ledger is not left behind empty either.
    const fresh = join(dir, 'fresh.ledger');
    expect(
      (
        await run(['--seed', 'two', '--ledger', fresh, '--out', join(dir, 'draw')], {
          SPOTCHECK_FAILPOINT: 'ledger-append',
        })
      ).status,
    ).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['draws.ledger']);
  });

  it('leaves an earlier draw untouched when a --force re-draw cannot be recorded', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect((await run(['--seed', 'one', '--out', out, '--xlsx'])).status).toBe(0);
    const files = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
    const result = await run(['--seed', 'two', '--out', out, '--force', '--ledger', join(dir, 'draws.ledger')], {
      SPOTCHECK_FAILPOINT: 'ledger-append',
    });
    expect(result.status).toBe(2);
    expect(Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]))).toEqual(files);
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('refuses a ledger that cannot be opened for appending before the draw (run as an unprivileged user)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const ledger = join(dir, 'draws.ledger');
    writeFileSync(ledger, '');
    chmodSync(ledger, 0o444);
    const root = process.getuid?.() === 0;
    const result = spawnSync(
      process.execPath,
      [BIN, ...DRAW, '--seed', 'x', '--ledger', ledger, '--out', join(dir, 'draw')],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '' },
        ...(root ? { uid: 65534, gid: 65534 } : {}),
      },
    );
    if (root && /EACCES|permission/i.test(result.error?.message ?? '')) return; // cannot change user here
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the ledger cannot be opened for appending \(permission denied\); nothing was drawn/);
    expect(existsSync(join(dir, 'draw'))).toBe(false);
  });

  it('takes one lock and one chain for a ledger reached through a symbolic link', async () => {
    const dir = tempDir();
    const real = join(dir, 'draws.ledger');
    writeFileSync(real, '');
    mkdirSync(join(dir, 'elsewhere'));
    const link = join(dir, 'elsewhere', 'link.ledger');
    symlinkSync(real, link);
    expect((await run(['--seed', 'one', '--ledger', link])).status).toBe(0);
    expect((await run(['--seed', 'two', '--ledger', real])).status).toBe(0);
    // Two at once, one through the link and one through the real path.
    const draw = (seed: string, ledger: string) =>
      new Promise<number>((resolve) =>
        spawn(process.execPath, [BIN, ...DRAW, '--seed', seed, '--ledger', ledger, ...REDRAW], {
          stdio: 'ignore',
        }).once('exit', (code) => resolve(code ?? -1)),
      );
    expect(await Promise.all([draw('three', link), draw('four', real), draw('five', link)])).toEqual([0, 0, 0]);
    const result = await cli(['ledger', 'verify', real, '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ intact: true, entries: 5 });
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual(['link.ledger']); // no lock of its own left
    expect(readdirSync(dir).sort()).toEqual(['draws.ledger', 'elsewhere']);
    // A link to a ledger that does not exist yet: the first draw creates the real file.
    const later = join(dir, 'later.ledger');
    symlinkSync(later, join(dir, 'elsewhere', 'dangling.ledger'));
    expect((await run(['--seed', 'one', '--ledger', join(dir, 'elsewhere', 'dangling.ledger')])).status).toBe(0);
    expect((await run(['--seed', 'two', '--ledger', later])).status).toBe(0);
    expect(JSON.parse((await cli(['ledger', 'verify', later, '--json'])).stdout)).toMatchObject({
      intact: true,
      entries: 2,
    });
  });

  it('writes the workbook for villages whose names end in an apostrophe, and records the draw', async () => {
    const dir = tempDir();
    const lines = readFileSync(DEMO, 'utf8').split('\n');
    const registry = join(dir, 'registry.csv');
    // Every village name (third column) gets a trailing apostrophe; one gets a leading one too.
    writeFileSync(
      registry,
      lines
        .map((line, index) =>
          index === 0 || line === ''
            ? line
            : line
                .split(',')
                .map((cell, column) => (column === 2 ? (cell === '顺云村' ? `'${cell}'` : `${cell}'`) : cell))
                .join(','),
        )
        .join('\n'),
    );
    const out = join(dir, 'draw');
    const ledger = join(dir, 'draws.ledger');
    const result = await cli([
      'monthly',
      registry,
      '--month',
      '2026-11',
      '--seed',
      'x',
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--villages',
      '7',
      '--out',
      out,
      '--xlsx',
      '--ledger',
      ledger,
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'check-workbook.xlsx'));
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toHaveLength(8);
    for (const name of names) expect(name).not.toMatch(/^'|'$/);
    expect(JSON.parse((await cli(['ledger', 'verify', ledger, '--json'])).stdout)).toMatchObject({
      intact: true,
      entries: 1,
    });
  });
});
