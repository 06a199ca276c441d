/**
 * The tests "docs/check_draw.py shows what it finds, never obeys it" from test/safety-hostile.test.ts (moved, issue
 * 14).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../helpers.js';
import { DRAW, ESC, noRawEscape } from '../hostileKit.js';

describe('docs/check_draw.py shows what it finds, never obeys it', () => {
  it.skipIf(spawnSync('python3', ['--version']).status !== 0)(
    'escapes in an edited draw file reach its output escaped (exit 1)',
    async () => {
      const dir = tempDir();
      const out = join(dir, 'draw');
      expect((await cli([...DRAW, '--out', out])).status).toBe(0);
      const path = join(out, 'households.csv');
      const lines = readFileSync(path, 'utf8').split('\n');
      const cells = lines[1]!.split(',');
      cells[cells.length - 8] = `刀${ESC}]0;pwned\x07${ESC}[2J\u202e明海\x9b`;
      lines[1] = cells.join(',');
      writeFileSync(path, lines.join('\n'));
      const checked = spawnSync(
        'python3',
        [join(ROOT, 'docs', 'check_draw.py'), join(out, 'manifest.json'), '--registry', DEMO],
        { encoding: 'utf8' },
      );
      expect(checked.status).toBe(1);
      expect(checked.stdout).toContain('\\u001b]0;pwned');
      noRawEscape({ status: checked.status ?? -1, stdout: checked.stdout, stderr: checked.stderr });
    },
  );
});
