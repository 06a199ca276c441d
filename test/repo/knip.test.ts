/**
 * The unused-code check (knip, knip.json) passes: no unused files, exports, exported types or
 * dependencies. Entries are src/main.ts (bin/spotcheck runs its build), the tests and the bench
 * scripts; an export only a test imports counts as used. `npm run knip` runs the same check.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';

describe('knip', () => {
  it('finds no unused files, exports or dependencies', () => {
    const result = spawnSync(join(ROOT, 'node_modules', '.bin', 'knip'), ['--no-progress'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.error).toBeUndefined();
    const output = `${result.stdout}${result.stderr}`;
    expect(result.status, output).toBe(0);
  });
});
