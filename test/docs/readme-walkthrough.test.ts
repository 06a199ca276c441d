/**
 * README "一个月的抽查，逐条照做" (issue 15): the month's walk-through in Chinese, run exactly as written
 * by bash in an empty directory, as an inspector with LANG=zh_CN.UTF-8 would run it (test/readmeKit.ts:
 * each of its 13 spotcheck commands run by the built CLI in this process). Then the month is checked: every level drew, none took a village drawn above it, the
 * prefecture's funds check took counties the province did not, the files are Excel-ready, the notice
 * is signed by the committee init set up, and the verifications the README promises passed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers.js';
import { readmeBlock, runScript } from '../readmeKit.js';

const HEADING = '### 一个月的抽查，逐条照做';

/** The walk-through's script: the first ```bash block under its heading. */
const walkthrough = () => readmeBlock(HEADING, 'bash');

const rows = (file: string): Array<Record<string, string>> =>
  parse(readFileSync(file, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;

describe('README: 一个月的抽查，逐条照做', () => {
  it('runs exactly as written, in Chinese, and gives the month it describes', async () => {
    const dir = tempDir();
    const { status, stdout, stderr } = await runScript(walkthrough(), dir);
    expect(status, `${stdout}\n${stderr}`).toBe(0);
    expect(stderr).not.toMatch(/错误|error/i);

    // Every command spoke Chinese; the two verifications and the ledger check passed.
    expect(stdout).toContain('已写出 spotcheck.config.json');
    expect(stdout).not.toMatch(/^(Drawn|Frame|Written to)/m);
    expect(stdout.match(/^核验通过：抽取结果完全复现/gm)).toHaveLength(2);
    // Verifying the township's draw found and checked the three draws it excluded.
    for (const above of ['省纪委', '文山州纪委', '丘北县纪委'])
      expect(stdout).toMatch(new RegExp(`^通过 排除依据 \\.\\./\\.\\./${above}/2026-12：来源在场`, 'm'));
    expect(stdout).toMatch(/文山州纪委\/台账\.ledger：2 条记录\n台账完整/);

    // Each level took only villages no level above it took; the funds check only counties the province did not.
    const levels = ['省纪委', '文山州纪委', '丘北县纪委', '雅茂镇纪委'];
    const villagesAbove = new Set<string>();
    for (const level of levels) {
      const villages = rows(join(dir, level, '2026-12', 'villages.csv')).map((row) => row.村键!);
      expect(villages.length, level).toBeGreaterThan(0);
      for (const key of villages) expect(villagesAbove.has(key), `${level} ${key}`).toBe(false);
      for (const key of villages) villagesAbove.add(key);
    }
    const countyCodes = (draw: string) => rows(join(dir, draw, 'counties.csv')).map((row) => row.县代码!);
    const provinceCounties = countyCodes('省纪委/2026-12');
    const fundsCounties = countyCodes('文山州纪委/2026-12-资金');
    expect(fundsCounties.length).toBeGreaterThan(0);
    for (const code of fundsCounties) expect(provinceCounties).not.toContain(code);

    // The county's draw: what init set up (level, scope, Excel-ready files, the workbook), the month
    // typed as 2026年12月 recorded as 2026-12, IDs kept as text for Excel, the notice signed by the committee.
    const county = join(dir, '丘北县纪委');
    expect(JSON.parse(readFileSync(join(county, 'spotcheck.config.json'), 'utf8'))).toMatchObject({
      committee: '丘北县纪委监委',
      excel: true,
      xlsx: true,
      monthly: { level: 'county', scope: '丘北县' },
    });
    const manifest = JSON.parse(readFileSync(join(county, '2026-12', 'manifest.json'), 'utf8'));
    expect(manifest.parameters).toMatchObject({ month: '2026-12', level: 'county', excel: true, formula_guard: 2 });
    expect(manifest.plan.applied).toMatchObject({
      committee: '丘北县纪委监委',
      'monthly.level': 'county',
      'monthly.scope': '丘北县',
    });
    const households = readFileSync(join(county, '2026-12', 'households.csv'), 'utf8');
    expect(households.startsWith('\ufeff')).toBe(true);
    expect(households).toMatch(/,'5326\d{12},/);
    expect(
      readFileSync(join(county, '2026-12', 'check-workbook.xlsx'))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const notice = readFileSync(join(county, '2026-12-公告.html'), 'utf8');
    expect(notice).toContain('<title>2026年12月 县级巩固拓展脱贫攻坚成果监督检查 抽查结果公告</title>');
    expect(notice).toMatch(/<div class="closing" id="closing">\n<p class="issuer" id="issuer">丘北县纪委监委<\/p>/);
    expect(notice).toMatch(/\d\d:\d\d:\d\d \+08:00/);
  }, 120_000);
});
