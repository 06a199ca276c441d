/**
 * The independent Python checker (docs/check_draw.py) reproduces draws of the built CLI from the
 * registry and the spec alone, at every level, and rejects a draw whose CSV was edited.
 * Needs python3 on PATH and a current dist/ (`npx tsc -p .`; `npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const REGISTRY = 'fixtures/demo-registry.csv';
const CHECKER = 'docs/check_draw.py';

const hasPython = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
const itWithPython = hasPython ? it : it.skip;
const needs = hasPython ? '' : ' (skipped: python3 is not on PATH)';

const temporary = mkdtempSync(join(tmpdir(), 'spotcheck-pycheck-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function run(command: string, args: readonly string[]) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Draws into a new directory (which must not exist yet) and returns it. */
function draw(name: string, levelArgs: readonly string[]): string {
  const out = join(temporary, name);
  const result = run(process.execPath, [
    'bin/spotcheck', 'monthly', REGISTRY, '--month', '2026-11', '--seed', 'demo-2026-11', ...levelArgs, '--out', out,
  ]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return out;
}

function check(out: string) {
  return run('python3', [CHECKER, join(out, 'manifest.json'), '--registry', REGISTRY]);
}

describe(`docs/check_draw.py reproduces the CLI's draws${needs}`, () => {
  const levels: ReadonlyArray<[string, readonly string[]]> = [
    ['province', ['--level', 'province']],
    ['prefecture', ['--level', 'prefecture', '--scope', '红河哈尼族彝族自治州']],
    ['county', ['--level', 'county', '--scope', '峨山彝族自治县']],
    ['township', ['--level', 'township', '--scope', '永胜县›启江镇']],
  ];

  for (const [name, args] of levels) {
    itWithPython(`at ${name} level${needs}`, () => {
      const out = draw(name, args);
      const result = check(out);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^OK: \d+ counties, \d+ villages, \d+ households reproduced/m);
      expect(result.status).toBe(0);
      const households = readFileSync(join(out, 'households.csv'), 'utf8').trim().split('\n').length - 1;
      expect(households).toBeGreaterThan(0);
      expect(result.stdout).toContain(`${households} households reproduced`);
    });
  }

  itWithPython(`reads a draw made in Chinese (columns_lang zh-CN, Chinese headings) and for Excel (BOM, CRLF)${needs}`, () => {
    const out = draw('chinese-headings', ['--level', 'province', '--lang', 'zh-CN', '--excel']);
    expect(readFileSync(join(out, 'households.csv'), 'utf8')).toMatch(/^\ufeff户编号,州市,县代码,/); // with --excel's BOM
    const result = check(out);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^OK: \d+ counties, \d+ villages, \d+ households reproduced/m);
    expect(result.status).toBe(0);
  });

  itWithPython(`fails (exit 1) when one ticket of households.csv was edited${needs}`, () => {
    const original = draw('negative-original', ['--level', 'province']);
    const edited = join(temporary, 'negative-edited');
    cpSync(original, edited, { recursive: true });
    const path = join(edited, 'households.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    const ticketColumn = lines[0]!.split(',').indexOf('ticket');
    const cells = lines[1]!.split(',');
    const ticket = cells[ticketColumn]!;
    expect(ticket).toMatch(/^[0-9a-f]{64}$/);
    cells[ticketColumn] = (ticket[0] === '0' ? '1' : '0') + ticket.slice(1);
    lines[1] = cells.join(',');
    writeFileSync(path, lines.join('\n'));

    expect(check(original).status).toBe(0);
    const result = check(edited);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAILED');
    expect(result.stdout).toContain('households.csv row 1 ticket');
    expect(result.stdout).not.toMatch(/^OK/m);
  });
});
