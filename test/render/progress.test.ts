/** The tests "progress" from test/e2e.test.ts (moved, issue 14). */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers.js';

describe('progress', () => {
  const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)(
    'shows a progress bar on a terminal for a large registry, and --quiet silences it',
    async () => {
      const dir = tempDir();
      const big = join(dir, 'big.csv');
      expect((await cli(['generate', '--out', big, '--households', '60000', '--seed', 'progress'])).status).toBe(0);
      const run = (extra: string) =>
        spawnSync(
          'script',
          ['-qc', `node bin/spotcheck monthly "${big}" --month 2026-11 --seed s ${extra} > /dev/null`, '/dev/null'],
          { cwd: ROOT, encoding: 'utf8' },
        ).stdout;
      expect(run('')).toMatch(/reading big\.csv \[[=-]+\] \d+% · \d+\/\d+ MB · \d+ rows · \d+ MB\/s · ETA/);
      expect(run('--quiet')).not.toMatch(/reading/);
    },
  );
});
