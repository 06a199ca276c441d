/** Test helpers: run the built CLI, make temporary directories and small registries. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const DEMO = join(ROOT, 'fixtures', 'demo-registry.csv');
const BIN = join(ROOT, 'bin', 'spotcheck');

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node bin/spotcheck ...args` (the built binary) with colour off. */
export function cli(args: readonly string[], options: { cwd?: string; env?: Record<string, string> } = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    // English unless a test asks otherwise, whatever the machine's locale.
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', LANG: 'C.UTF-8', LC_ALL: '', LC_MESSAGES: '', ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** The Chinese characters (汉字) of a text, in order. */
export function hanCharacters(text: string): string[] {
  return text.match(/\p{Script=Han}/gu) ?? [];
}

export function tempDir(prefix = 'spotcheck-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Writes rows as CSV (no quoting needed for the simple test values) and returns the path. */
export function writeCsv(dir: string, name: string, rows: readonly (readonly string[])[], options: { bom?: boolean; crlf?: boolean } = {}): string {
  const newline = options.crlf ? '\r\n' : '\n';
  const path = join(dir, name);
  writeFileSync(path, (options.bom ? '\ufeff' : '') + rows.map((row) => row.join(',')).join(newline) + newline);
  return path;
}

/** The header of the national export (person-level) as the generator writes it. */
export const NATIONAL_HEADER = ['行政县', '乡镇', '行政村', '自然村', '户编号', '人编号', '姓名', '证件号码', '人数', '与户主关系', '脱贫属性', '脱贫年度', '贫困户属性', '是否贫困村'];
