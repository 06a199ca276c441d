/**
 * On a terminal, a draw written as plain CSV says where Excel-ready files come from (issue 15): the
 * CSVs are UTF-8 without a byte-order mark, which Excel on Chinese Windows shows garbled. Not said
 * with --excel or --xlsx, nor when stdout is not a terminal (scripts read the summary unchanged).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';

const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
const DRAW = ['--month', '2026-11', '--seed', 's', '--level', 'county', '--scope', '永胜县'];

describe('the Excel hint on a terminal', () => {
  it.skipIf(!hasScript)(
    'is printed after a plain-CSV draw on a terminal, in Chinese and English, and not with --xlsx or --excel',
    () => {
      const onTerminal = (extra: string) =>
        spawnSync(
          'script',
          [
            '-qc',
            `node bin/spotcheck monthly "${DEMO}" ${DRAW.join(' ')} --out "${join(tempDir(), 'd')}" ${extra}`,
            '/dev/null',
          ],
          { cwd: ROOT, encoding: 'utf8' },
        ).stdout;
      expect(onTerminal('--lang zh-CN')).toMatch(/用 Excel 查看：这些 CSV 文件为不带 BOM 的 UTF-8.*--xlsx/);
      expect(onTerminal('--lang en')).toMatch(/For Excel: these CSV files are UTF-8 without a byte-order mark/);
      expect(onTerminal('--lang en --xlsx')).not.toMatch(/For Excel:/);
      expect(onTerminal('--lang en --excel')).not.toMatch(/For Excel:/);
    },
  );

  it('is not printed when stdout is not a terminal', async () => {
    const result = await cli(['monthly', DEMO, ...DRAW, '--out', join(tempDir(), 'd')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/For Excel:/);
  });
});
