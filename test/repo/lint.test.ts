/**
 * The linter and the formatter (Biome, biome.json) pass on the sources, tests and benchmarks, so CI
 * runs them with the tests (`biome check` = lint + format check). Biome exits 0 on warnings and
 * infos, so the test also fails on warnings (--error-on-warnings) and on any reported finding
 * ("Found N infos"). `npm run format` rewrites the files; `npm run lint` lints only.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

describe('lint', () => {
  it('biome check (lint and format) finds nothing', () => {
    const result = spawnSync(
      join(ROOT, 'node_modules', '.bin', 'biome'),
      ['check', '--colors=off', '--error-on-warnings', '--max-diagnostics=50'],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.error).toBeUndefined();
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
    expect(output, output).not.toMatch(/Found \d+ (?:error|warning|info)/);
  });
});
