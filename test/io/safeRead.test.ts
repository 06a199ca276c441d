/** The tests "resource bombs end in exit 2 quickly" from test/safety-hostile.test.ts (moved, issue 14). */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../cliProcess.js';
import { ROOT, tempDir, type CliResult } from '../helpers.js';
import { quick, DRAW, hostileRegistry } from '../hostileKit.js';

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

describe('resource bombs end in exit 2 quickly', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('deeply nested JSON in a manifest, a plan, a ledger line and a commitment', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), `{"format": ${deep(200_000)}}`);
    const manifest = await quick(['verify', join(dir, 'manifest.json')]);
    expect(manifest.status, manifest.stderr).toBe(2);
    expect(manifest.stderr).toMatch(/nested more than 64 levels/);
    writeFileSync(join(dir, 'plan.json'), `{"monthly": ${deep(200_000)}}`);
    const plan = await quick([...DRAW, '--plan', join(dir, 'plan.json')]);
    expect(plan.status, plan.stderr).toBe(2);
    expect(plan.stderr).toMatch(/nested more than 64 levels/);
    writeFileSync(join(dir, 'ledger.jsonl'), `{"format": ${deep(200_000)}}\n`);
    const ledger = await quick([...DRAW, '--ledger', join(dir, 'ledger.jsonl'), '--out', join(dir, 'draw')]);
    expect(ledger.status, ledger.stderr).toBe(2);
    expect(existsSync(join(dir, 'draw'))).toBe(false);
    writeFileSync(join(dir, 'commitment.json'), `{"format": ${deep(200_000)}}`);
    const commitment = await quick([...DRAW, '--commitment', join(dir, 'commitment.json')]);
    expect(commitment.status, commitment.stderr).toBe(2);
    expect(commitment.stderr).toMatch(/nested more than 64 levels/);
  });

  it('a plan over 1 MiB is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), `{"description": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    const result = await quick([...DRAW, '--plan', join(dir, 'plan.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/file too large/);
  });

  it('a manifest, --exclude, --history or a plan at /dev/zero or a FIFO: exit 2 within seconds', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    mkdirSync(join(dir, 'history', 'draw'), { recursive: true });
    execFileSync('mkfifo', [join(dir, 'history', 'draw', 'manifest.json')]);
    const attempts: string[][] = [
      ['verify', '/dev/zero'],
      ['verify', join(dir, 'fifo.json')],
      [...DRAW, '--exclude', '/dev/zero'],
      [...DRAW, '--exclude', join(dir, 'fifo.json')],
      [...DRAW, '--plan', '/dev/zero'],
      [...DRAW, '--plan', join(dir, 'fifo.json')],
      [...DRAW, '--history', join(dir, 'history'), '--cooldown', '3'],
      [...DRAW, '--commitment', '/dev/zero'],
      [...DRAW, '--ledger', '/dev/zero'],
    ];
    for (const args of attempts) {
      const started = Date.now();
      const result = await timed(args, 15);
      expect(result.signal, args.join(' ')).toBeNull();
      expect(result.status, `${args.join(' ')}\n${result.stderr}`).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/not a regular file/);
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  });

  it('a registry with a 20 MB field: exit 2, in bounded memory', async () => {
    const dir = tempDir();
    const registry = hostileRegistry(dir, (header, rows) => [
      header,
      rows.map((row, index) => (index === 0 ? row.replace('已脱贫', `"${'y'.repeat(20 * 1024 * 1024)}"`) : row)),
    ]);
    const result = await timed(['inspect', registry], 60);
    expect(result.status, result.stderr.slice(0, 500)).toBe(2);
    expect(result.stderr).toMatch(/longer than 1048576 characters/);
    expect(result.stderr.length).toBeLessThan(2000);
  });
});
