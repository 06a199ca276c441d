/**
 * A registry saved by Excel, its 户编号 and 人编号 turned into numbers in scientific notation
 * (5.30426E+15), is refused once, saying what happened and how to export it (issue 15) — by
 * `monthly` (pass 1) and by `inspect` alike, instead of thousands of "appears twice" errors.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../helpers.js';

/** The demo registry as Excel saves it: every ID of 15 digits or more written as 5.30426E+15. */
function savedByExcel(): string {
  const text = readFileSync(DEMO, 'utf8').replace(/(?<=^|,)([0-9]{15,})(?=,|$)/gm, (id) =>
    Number(id).toExponential(5).toUpperCase(),
  );
  const path = join(tempDir(), 'excel.csv');
  writeFileSync(path, text);
  return path;
}

describe('IDs that Excel turned into numbers', () => {
  it('are refused once by monthly and by inspect, with the cause and the way out, in English and Chinese', async () => {
    const registry = savedByExcel();
    expect(readFileSync(registry, 'utf8')).toMatch(/,5\.30426E\+15,/);
    for (const args of [
      ['monthly', registry, '--month', '2026-11', '--seed', 'x'],
      ['inspect', registry],
    ]) {
      const en = await cli(args);
      expect(en.status, args[0]).toBe(2);
      expect(en.stderr).toMatch(
        /excel\.csv:2: the 户编号 column holds 5\.30426E\+15, a number in scientific notation: the file was saved by Excel/,
      );
      expect(en.stderr).toMatch(/export the registry again from the system/);
      expect(en.stderr).not.toMatch(/appears twice/);
      expect(en.stderr.match(/scientific notation/g)).toHaveLength(1);
      const zh = await cli([...args, '--lang', 'zh-CN']);
      expect(zh.stderr).toMatch(/户编号 列的值为 5\.30426E\+15，是科学计数法数字/);
    }
  });

  it('leaves a registry with long digit IDs alone', async () => {
    const result = await cli(['inspect', DEMO]);
    expect(result.stderr).not.toMatch(/scientific notation/);
  });
});
