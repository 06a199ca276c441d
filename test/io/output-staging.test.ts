/** The tests "nothing lost, nothing half-written" from test/hardening.test.ts (moved, issue 14). */
import { spawn, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../helpers.js';
import { DRAW, SEED, BIN } from '../countyDrawKit.js';
import { REDRAW } from '../commands/seedLedgerKit.js';

describe('nothing lost, nothing half-written', () => {
  /** The files of a draw directory, hidden temporary files included. */
  const contents = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
    );

  it('a run killed while its files are staged leaves the previous draw intact; the next run sweeps its leftovers', async () => {
    const dir = join(tempDir(), 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir])).status).toBe(0);
    const before = contents(dir);
    const child = spawn(
      process.execPath,
      [BIN, 'monthly', DEMO, ...DRAW, '--seed', 'another', '--out', dir, '--force', ...REDRAW],
      {
        env: { ...process.env, SPOTCHECK_FAILPOINT: 'pause-before-rename', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (data: Buffer) => data.toString().includes('paused before renaming') && resolve()),
    );
    // Issue 13: the new draw is staged whole in a sibling directory, to be swapped with the old one.
    const staged = readdirSync(join(dir, '..')).filter((name) => name.endsWith('.tmp'));
    expect(staged.length).toBe(1);
    expect(readdirSync(join(dir, '..', staged[0]!)).length).toBe(4);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const after = contents(dir);
    for (const name of Object.keys(before)) expect(after[name], name).toBe(before[name]);
    expect((await cli(['verify', dir])).status).toBe(0);
    // The next draw into the directory removes the leftovers.
    expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir, '--force', ...REDRAW])).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['counties.csv', 'households.csv', 'manifest.json', 'villages.csv']);
    expect(readdirSync(join(dir, '..'))).toEqual(['draw']);
  });

  it('Ctrl-C (SIGINT) or SIGTERM while staged removes the temporary files and keeps the previous draw', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const dir = join(tempDir(), 'draw');
      expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir])).status).toBe(0);
      const before = contents(dir);
      const child = spawn(
        process.execPath,
        [BIN, 'monthly', DEMO, ...DRAW, '--seed', 'another', '--out', dir, '--force', ...REDRAW],
        {
          env: { ...process.env, SPOTCHECK_FAILPOINT: 'pause-before-rename' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      await new Promise<void>((resolve) =>
        child.stderr.on('data', (data: Buffer) => data.toString().includes('paused before renaming') && resolve()),
      );
      child.kill(signal);
      const code = await new Promise((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(contents(dir), signal).toEqual(before);
      expect(readdirSync(join(dir, '..')), signal).toEqual(['draw']);
    }
  });

  it('a full disk while writing leaves the previous draw intact, with exit 2 and no temporary files', async () => {
    const dir = join(tempDir(), 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir])).status).toBe(0);
    const before = contents(dir);
    const result = await cli(['monthly', DEMO, ...DRAW, '--seed', 'another', '--out', dir, '--force', ...REDRAW], {
      env: { SPOTCHECK_FAILPOINT: 'enospc-on-file-2' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot write the output files: the disk is full\n.*nothing was replaced/);
    expect(contents(dir)).toEqual(before);
  });

  it('a closed pipe (spotcheck … --json | head) ends quietly with exit 0', () => {
    const result = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" "${BIN}" evaluate fixtures/eval-registry.csv --seed e --json | head -c 100 >/dev/null; echo "status \${PIPESTATUS[0]}"`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stdout.trim()).toBe('status 0');
    expect(result.stderr).toBe('');
  });
});
