/**
 * --month as typed on a Chinese keyboard (issue 15): the forms that can mean one month only are
 * read as YYYY-MM and recorded so; anything else is refused with an example, in both languages.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';

describe('--month in the forms a Chinese user types', () => {
  const accepted: ReadonlyArray<readonly [string, string]> = [
    ['2026-12', '2026-12'],
    ['2026年12月', '2026-12'],
    ['2026年1月', '2026-01'],
    ['2026 年 12 月', '2026-12'],
    ['２０２６年１２月', '2026-12'],
    ['202612', '2026-12'],
    ['2026-1', '2026-01'],
    ['2026/12', '2026-12'],
    ['2026.12', '2026-12'],
    ['2026／1', '2026-01'],
  ];
  for (const [typed, month] of accepted) {
    it(`reads ${typed} as ${month}, and records ${month} in the manifest`, async () => {
      const out = join(tempDir(), 'draw');
      const result = await cli(['monthly', DEMO, '--month', typed, '--seed', 'demo', '--out', out, '--json']);
      expect(result.status, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout).manifest.parameters.month).toBe(month);
      expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).parameters.month).toBe(month);
    });
  }

  it('draws 2026年12月 exactly as 2026-12: same villages and households', async () => {
    const dir = tempDir();
    for (const [name, month] of [
      ['a', '2026-12'],
      ['b', '2026年12月'],
    ])
      expect(
        (await cli(['monthly', DEMO, '--month', month!, '--seed', 'demo', '--out', join(dir, name!)])).status,
      ).toBe(0);
    for (const file of ['villages.csv', 'households.csv'])
      expect(readFileSync(join(dir, 'b', file), 'utf8')).toBe(readFileSync(join(dir, 'a', file), 'utf8'));
    expect((await cli(['verify', join(dir, 'b')])).status).toBe(0);
  });

  const refused = [
    '2026-13',
    '2026年13月',
    '20261',
    '26-12',
    '12/2026',
    '2026-00',
    '2026年12',
    '2026-12-05',
    'Dec 2026',
  ];
  for (const typed of refused) {
    it(`refuses ${typed} with an example, exit 2, in English and Chinese`, async () => {
      const out = join(tempDir(), 'draw');
      const args = ['monthly', DEMO, '--month', typed, '--seed', 'demo', '--out', out];
      const english = await cli(args);
      expect(english.status).toBe(2);
      expect(english.stdout).toBe('');
      expect(english.stderr).toBe(
        `spotcheck: error: --month must be YYYY-MM with a month from 01 to 12, got "${typed}"\n` +
          '  e.g. --month 2026-12 (2026/12, 2026.12, 2026-1, 202612 and 2026年12月 are read as well)\n',
      );
      const chinese = await cli([...args, '--lang', 'zh-CN']);
      expect(chinese.status).toBe(2);
      expect(chinese.stderr).toBe(
        `spotcheck: 错误：--month 须为 YYYY-MM 格式，月份为 01 至 12，实际为 "${typed}"\n` +
          '  例如 --month 2026-12（也可写作 2026年12月、2026/12、2026.12、2026-1 或 202612）\n',
      );
      expect(existsSync(out)).toBe(false);
    });
  }
});
