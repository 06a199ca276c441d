/**
 * Helpers shared by commands/sql/table-name.test.ts, commands/verify/recorded-paths.test.ts,
 * docs/check-draw-escapes.test.ts, io/plan-hostile.test.ts, io/safeRead.test.ts and safety/escapes.test.ts (moved
 * from test/safety-hostile.test.ts, issue 14).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { cli, DEMO, type CliResult } from './helpers.js';

export const ESC = '\x1b';
export const DRAW = ['monthly', DEMO, '--month', '2026-11', '--seed', 'hostile'];

/**
 * The CLI in-process, for inputs that cannot block it (no FIFO, no device, no memory bomb): as with
 * `timed`, a run longer than `seconds` fails.
 */
export async function quick(args: readonly string[], seconds = 20): Promise<CliResult> {
  const started = Date.now();
  const result = await cli(args);
  expect(Date.now() - started, args.join(' ')).toBeLessThan(seconds * 1000);
  return result;
}

const demoLines = (): string[] =>
  readFileSync(DEMO, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((line) => line !== '');

/** The demo registry with `edit` applied to its header and rows. */
export function hostileRegistry(dir: string, edit: (header: string, rows: string[]) => [string, string[]]): string {
  const [header, ...rows] = demoLines();
  const [newHeader, newRows] = edit(header!, rows);
  const path = join(dir, 'registry.csv');
  writeFileSync(path, `${[newHeader, ...newRows].join('\n')}\n`);
  return path;
}

export const noRawEscape = (result: CliResult) => {
  expect(result.stdout.includes(ESC), 'raw ESC on stdout').toBe(false);
  expect(result.stderr.includes(ESC), 'raw ESC on stderr').toBe(false);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test asserts no raw control character reaches the terminal
  expect(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(result.stdout + result.stderr), 'raw control character').toBe(false);
};
