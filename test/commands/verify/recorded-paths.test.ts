/** The tests "verify reads only what the draw names" from test/safety-hostile.test.ts (moved, issue 14). */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../../cliProcess.js';
import type { ForgedJson } from '../../forgedJson.js';
import { cli, ROOT, tempDir, type CliResult } from '../../helpers.js';
import { DRAW, quick } from '../../hostileKit.js';

/** A real process for the runs that could block or blow up (FIFOs, devices, a 20 MB field), reused between runs. */
const guarded = new CliProcess({
  ...process.env,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  LANG: 'C.UTF-8',
  LC_ALL: '',
  LC_MESSAGES: '',
});
afterAll(() => guarded.stop());

/** The CLI with a time limit, in that process: a hang is a failure (the process killed), not a stuck test run. */
async function timed(
  args: readonly string[],
  seconds = 20,
  cwd = ROOT,
): Promise<CliResult & { signal: string | null }> {
  const result = await guarded.run(args, cwd, seconds);
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

describe('verify reads only what the draw names', () => {
  /** A real draw whose manifest is then edited (and its hash recomputed, as an attacker would). */
  async function craftedDraw(edit: (manifest: ForgedJson) => void): Promise<string> {
    const dir = tempDir();
    const draw = join(dir, 'draw');
    const made = await cli([...DRAW, '--out', draw]);
    expect(made.status, made.stderr).toBe(0);
    const { manifestDigest } = await import(join(ROOT, 'dist', 'core', 'manifest.js'));
    const manifest = JSON.parse(readFileSync(join(draw, 'manifest.json'), 'utf8'));
    edit(manifest);
    manifest.manifest_sha256 = manifestDigest(manifest);
    writeFileSync(join(draw, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return draw;
  }

  it('an absolute recorded path is refused', async () => {
    const draw = await craftedDraw((manifest) => {
      manifest.inputs[0].path = '/dev/zero';
    });
    const result = await timed(['verify', draw]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/verify follows only relative paths/);
  });

  it('a recorded path to a FIFO is refused, not waited on', async () => {
    const draw = await craftedDraw((manifest) => {
      manifest.inputs[0].path = 'fifo.csv';
    });
    execFileSync('mkfifo', [join(draw, 'fifo.csv')]);
    const result = await timed(['verify', draw]);
    expect(result.signal).toBeNull();
    expect(result.status, result.stderr).toBe(2);
  });

  it('a division table that is not the recorded one is never parsed nor quoted', async () => {
    const secret = 'SECRET-FIRST-LINE-do-not-print';
    const draw = await craftedDraw((manifest) => {
      manifest.divisions.path = 'secret.txt';
    });
    writeFileSync(join(draw, 'secret.txt'), `${secret}\nmore\n`);
    const result = await quick(['verify', draw]);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('an exclusion list that is not the recorded one is never parsed nor quoted', async () => {
    const secret = 'SECRET-HEADER-do-not-print';
    const draw = await craftedDraw((manifest) => {
      manifest.exclusions = {
        sources: [{ path: 'secret.csv', sha256: '0'.repeat(64), stages: ['household'], reason: 'exclude' }],
      };
    });
    writeFileSync(join(draw, 'secret.csv'), `${secret},x\n1,2\n`);
    const result = await quick(['verify', draw]);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});
