/**
 * The tests "terminal escapes are shown, never obeyed" and "values in messages are cut to a short prefix" from
 * test/safety-hostile.test.ts (moved, issue 14).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
import { hostileRegistry, ESC, noRawEscape, DRAW } from '../hostileKit.js';

describe('terminal escapes are shown, never obeyed', () => {
  it('a village name with an escape sequence: summary, inspect and JSON carry it escaped', async () => {
    const dir = tempDir();
    const registry = hostileRegistry(dir, (header, rows) => [
      header,
      rows.map((row) => row.replaceAll('弥鹤村', `弥鹤村${ESC}]0;pwned\x07${ESC}[2J`)),
    ]);
    for (const args of [
      ['inspect', registry],
      ['monthly', registry, '--month', '2026-11', '--seed', 'hostile'],
      ['monthly', registry, '--month', '2026-11', '--seed', 'hostile', '--json'],
    ]) {
      const result = await cli(args);
      expect(result.status, result.stderr).toBeLessThan(2);
      noRawEscape(result);
    }
    const json = await cli([
      'monthly',
      registry,
      '--month',
      '2026-11',
      '--seed',
      'hostile',
      '--level',
      'county',
      '--scope',
      '峨山彝族自治县',
      '--villages',
      '50',
      '--json',
    ]);
    expect(json.status, json.stderr).toBe(0);
    noRawEscape(json);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  it('an escape in a header name and in a status value reaches the error message escaped', async () => {
    const dir = tempDir();
    const badHeader = hostileRegistry(dir, (header, rows) => [header.replace('脱贫属性', `脱贫属性${ESC}[31m`), rows]);
    const header = await cli(['inspect', badHeader]);
    expect(header.status).toBe(2);
    noRawEscape(header);
    expect(header.stderr).toContain('\\u001b[31m');
    const badStatus = hostileRegistry(dir, (head, rows) => [
      head,
      rows.map((row, index) => (index === 2 ? row.replace('已脱贫', `已脱贫${ESC}[2J${ESC}[H\r`) : row)),
    ]);
    const status = await cli([...DRAW.slice(0, 1), badStatus, ...DRAW.slice(2)]);
    expect(status.status).toBe(2);
    noRawEscape(status);
    expect(status.stderr).toMatch(/unknown status/);
  });

  it('a file name with control characters is printed escaped', async () => {
    const dir = tempDir();
    const name = join(dir, `reg${ESC}[31m\r.csv`);
    writeFileSync(name, 'a,b\n1,2\n');
    const result = await cli(['inspect', name]);
    expect(result.status).toBe(2);
    noRawEscape(result);
  });
});

describe('values in messages are cut to a short prefix', () => {
  it('a 10 KB status value is quoted as 80 characters and "…"', async () => {
    const dir = tempDir();
    const long = 'x'.repeat(10_000);
    const registry = hostileRegistry(dir, (header, rows) => [
      header,
      rows.map((row, index) => (index === 2 ? row.replace('已脱贫', long) : row)),
    ]);
    const result = await cli([...DRAW.slice(0, 1), registry, ...DRAW.slice(2)]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('x'.repeat(81));
    expect(result.stderr).toContain(`${'x'.repeat(80)}…`);
    expect(result.stderr.length).toBeLessThan(2000);
    const json = await cli([...DRAW.slice(0, 1), registry, ...DRAW.slice(2), '--json']);
    expect(json.stdout).not.toContain('x'.repeat(81));
  });
});
