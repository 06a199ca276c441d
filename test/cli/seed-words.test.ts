/**
 * A seed with spaces typed without quotes (issue 15): commander takes its words for registry files;
 * the missing "file" that is a word after --seed's value gets a hint showing the seed quoted.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../helpers.js';

const WORDS = ['彝良县纪委', '公开摇号', '5', '8', '1'];

describe('a seed typed without quotes', () => {
  it('hints at the quotes, showing the seed quoted, in English and Chinese; nothing is drawn', async () => {
    const out = join(tempDir(), 'draw');
    const args = ['monthly', DEMO, '--month', '2026-12', '--seed', '2026-12', ...WORDS, '--out', out];
    const english = await cli(args);
    expect(english.status).toBe(2);
    expect(english.stdout).toBe('');
    expect(english.stderr).toBe(
      'spotcheck: error: 彝良县纪委: cannot read the registry file: there is no such file\n' +
        '  "彝良县纪委" looks like a word of the seed, not a file: a seed with spaces must be quoted, e.g. --seed "2026-12 彝良县纪委 公开摇号 5 8 1"\n',
    );
    const chinese = await cli([...args, '--lang', 'zh-CN']);
    expect(chinese.status).toBe(2);
    expect(chinese.stderr).toBe(
      'spotcheck: 错误：彝良县纪委: 无法读取登记数据文件：文件不存在\n' +
        '  “彝良县纪委”像是种子中的一个词，而不是文件：含空格的种子须加引号，例如 --seed "2026-12 彝良县纪委 公开摇号 5 8 1"\n',
    );
    expect(existsSync(out)).toBe(false);
  });

  it('does so for --seed=VALUE too, and in --json under the hint', async () => {
    const result = await cli(['monthly', DEMO, '--month', '2026-12', '--seed=2026-12', ...WORDS, '--json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: expect.objectContaining({
        code: 'INPUT',
        id: 'io.registry.unreadable',
        file: '彝良县纪委',
        hint: expect.stringContaining('--seed "2026-12 彝良县纪委 公开摇号 5 8 1"'),
      }),
    });
  });

  it('keeps "check the path" for a missing file that is not a word after the seed', async () => {
    for (const args of [
      ['monthly', 'nope.csv', '--month', '2026-12', '--seed', '2026-12'],
      ['monthly', '彝良县纪委', '--month', '2026-12', '--seed', '2026-12'],
      ['monthly', '--month', '2026-12', '--seed', '2026-12', 'data/nope'],
    ]) {
      const result = await cli(args);
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/\n {2}check the path \(a relative path is taken from the current directory\)\n$/);
      expect(result.stderr).not.toMatch(/seed/);
    }
  });
});
