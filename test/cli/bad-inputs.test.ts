/**
 * The catalogue of bad inputs (test/bad-inputs/<case>/case.json and its files): each must end with
 * exit code 2, a one-line "spotcheck: error:" message matching the case's expectations (what, where,
 * and a hint), no stack trace, nothing on stdout, and no output directory created or file changed.
 */
import { chmodSync, cpSync, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, hanCharacters, ROOT, tempDir } from '../helpers.js';

interface BadInputCase {
  readonly description: string;
  readonly args: readonly string[];
  readonly expect: readonly string[];
  readonly setup?: 'unreadable';
  readonly skipAsRoot?: string;
}

const CATALOGUE = join(ROOT, 'test', 'bad-inputs');
const CASES = readdirSync(CATALOGUE)
  .filter((name) => statSync(join(CATALOGUE, name)).isDirectory())
  .sort();
const isRoot = process.getuid?.() === 0;

/** Every file under `dir` with its SHA-256 (to prove nothing was created or changed). */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const path = join(at, name);
      if (statSync(path).isDirectory()) walk(path);
      else
        files[relative(dir, path)] =
          statSync(path).mode & 0o444 ? createHash('sha256').update(readFileSync(path)).digest('hex') : 'unreadable';
    }
  };
  walk(dir);
  return files;
}

describe('bad inputs: a clear error, exit code 2, nothing written', () => {
  it('the catalogue covers the cases the hardening issue lists', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  for (const name of CASES) {
    const spec = JSON.parse(readFileSync(join(CATALOGUE, name, 'case.json'), 'utf8')) as BadInputCase;
    it.skipIf(isRoot && spec.skipAsRoot !== undefined)(`${name}: ${spec.description}`, async () => {
      const work = tempDir();
      const caseDir = join(work, name);
      cpSync(join(CATALOGUE, name), caseDir, { recursive: true });
      if (spec.setup === 'unreadable') chmodSync(join(caseDir, 'registry.csv'), 0o000);
      const out = join(work, 'draw');
      const args = spec.args.map((arg) =>
        arg.replaceAll('{case}', caseDir).replaceAll('{out}', out).replaceAll('{root}', ROOT),
      );
      const before = snapshot(work);
      const result = await cli(args, { cwd: work });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/^spotcheck: error: /);
      expect(result.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
      for (const pattern of spec.expect) expect(result.stderr).toMatch(new RegExp(pattern));
      expect(existsSync(out), 'no output directory').toBe(false);
      expect(snapshot(work)).toEqual(before);
      // The same error in Chinese: same exit code, and Chinese words the English message did not have.
      const chinese = await cli([...args, '--lang', 'zh-CN'], { cwd: work });
      expect(chinese.status, chinese.stderr).toBe(2);
      expect(chinese.stderr).toMatch(/^spotcheck: 错误：/);
      const english = new Set(hanCharacters(result.stderr));
      expect(
        [...new Set(hanCharacters(chinese.stderr.replace(/^spotcheck: 错误：/, '')))].filter(
          (character) => !english.has(character),
        ).length,
        chinese.stderr,
      ).toBeGreaterThan(1);
      expect(snapshot(work)).toEqual(before);
    });
  }

  it('says the same as JSON on stdout with --json', async () => {
    const result = await cli([
      'monthly',
      join(CATALOGUE, 'unknown-status', 'registry.csv'),
      '--month',
      '2026-11',
      '--seed',
      'x',
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--json',
    ]);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: expect.objectContaining({
        code: 'DATA',
        line: 4,
        field: '脱贫属性',
        message: expect.stringMatching(/状态不明/),
      }),
    });
  });
});
