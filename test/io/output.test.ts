/** The tests "output safety" from test/e2e.test.ts (moved, issue 14). */
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../helpers.js';
import { DRAW } from '../demoDrawKit.js';

describe('output safety', () => {
  it('refuses an output directory whose parent does not exist, writing nothing', async () => {
    const dir = tempDir();
    const result = await cli(['monthly', DEMO, ...DRAW, '--out', join(dir, 'missing', 'draw')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot create the output directory: its parent directory .* does not exist/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a read-only output directory', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o555);
    expect((await cli(['monthly', DEMO, ...DRAW, '--out', join(dir, 'draw')])).status).toBe(2);
  });
});
