/** The tests "the added CSV column headings in the draw language" from test/i18n.test.ts (moved, issue 14). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalColumn, columnHeading } from '../../src/core/headings.js';
import { COUNTY_COLUMNS, HOUSEHOLD_COLUMNS, SPARE_COLUMNS, VILLAGE_COLUMNS } from '../../src/core/tables.js';
import {
  EVALUATION_COUNTY_COLUMNS,
  EVALUATION_HOUSEHOLD_COLUMNS,
  EVALUATION_VILLAGE_COLUMNS,
  STRATA_COLUMNS,
} from '../../src/core/evaluationTables.js';
import { FUNDS_COLUMNS, RANKING_COLUMNS } from '../../src/commands/funds/run.js';
import { cli, DEMO, ROOT, tempDir } from '../helpers.js';

describe('the added CSV column headings in the draw language', () => {
  const PROVINCE = [
    'monthly',
    DEMO,
    '--month',
    '2026-11',
    '--seed',
    'headings',
    '--level',
    'province',
    '--spares',
    '2',
  ];
  const lines = (path: string) => readFileSync(path, 'utf8').split('\n');

  it('writes Chinese headings with --lang zh-CN, records columns_lang, keeps JSON English; verify reproduces it in any language', async () => {
    const dir = tempDir();
    expect((await cli([...PROVINCE, '--out', join(dir, 'en')])).status).toBe(0);
    expect((await cli([...PROVINCE, '--out', join(dir, 'zh'), '--lang', 'zh-CN'])).status).toBe(0);
    const households = lines(join(dir, 'zh', 'households.csv'));
    expect(households[0]).toMatch(
      /^户编号,州市,县代码,县,乡镇,村键,村,状态,家庭人数,登记人数,抽签值,抽签名次,村内户数,抽中户数,县入样概率,村入样概率,户入样概率,总入样概率,设计权重,/,
    );
    // The registry's own 户编号 and 乡镇 would read as spotcheck's: they are marked as the registry's.
    expect(households[0]).toMatch(/,登记表:户编号,/);
    expect(households[0]).toMatch(/,登记表:乡镇,/);
    for (const name of ['counties.csv', 'villages.csv', 'households.csv', 'spares.csv']) {
      const [zhHeader, ...zhRows] = lines(join(dir, 'zh', name));
      const [enHeader, ...enRows] = lines(join(dir, 'en', name));
      expect(zhRows, name).toEqual(enRows); // only the header line differs
      expect(zhHeader, name).not.toBe(enHeader);
      expect(zhHeader!.split(',').length, name).toBe(enHeader!.split(',').length);
    }
    const zhManifest = JSON.parse(readFileSync(join(dir, 'zh', 'manifest.json'), 'utf8'));
    const enManifest = JSON.parse(readFileSync(join(dir, 'en', 'manifest.json'), 'utf8'));
    expect(zhManifest.parameters.columns_lang).toBe('zh-CN');
    expect(enManifest.parameters.columns_lang).toBeUndefined();
    // Format 2, so that a spotcheck that knows only format 1 refuses it instead of calling it changed.
    expect(zhManifest.format).toBe('spotcheck-manifest-2');
    expect(enManifest.format).toBe('spotcheck-manifest-1');
    // The registry's own columns named like spotcheck's, in either language, are marked as the registry's.
    expect(households[0]!.split(',').filter((heading) => canonicalColumn(heading) === 'household_id')).toEqual([
      '户编号',
    ]);
    const verified = await cli(['verify', join(dir, 'zh'), '--json']);
    expect(verified.status, verified.stdout).toBe(0);
    expect((await cli(['verify', join(dir, 'zh'), '--lang', 'zh-CN'])).status).toBe(0);
    expect((await cli(['verify', join(dir, 'en'), '--lang', 'zh-CN'])).status).toBe(0);
    const json = JSON.parse((await cli([...PROVINCE, '--json', '--lang', 'zh-CN'])).stdout);
    expect(Object.keys(json.households[0]).slice(0, 3)).toEqual(['household_id', 'prefecture', 'county_code']);
  });

  it('reads a Chinese-headed draw back: --exclude leaves out the same units as the English one', async () => {
    const dir = tempDir();
    expect((await cli([...PROVINCE, '--out', join(dir, 'en')])).status).toBe(0);
    expect((await cli([...PROVINCE, '--out', join(dir, 'zh'), '--lang', 'zh-CN'])).status).toBe(0);
    const next = [
      'monthly',
      DEMO,
      '--month',
      '2026-12',
      '--seed',
      'next',
      '--level',
      'province',
      '--exclude-stages',
      'village,household',
      '--exclude-other-month',
    ];
    const afterEnglish = await cli([...next, '--exclude', join(dir, 'en'), '--json']);
    const afterChinese = await cli([...next, '--exclude', join(dir, 'zh'), '--json']);
    expect(afterChinese.status, afterChinese.stderr).toBe(0);
    const units = (stdout: string) =>
      JSON.parse(stdout).households.map((row: { household_id: string }) => row.household_id);
    expect(units(afterChinese.stdout)).toEqual(units(afterEnglish.stdout));
    expect(JSON.parse(afterChinese.stdout).manifest.exclusions.sources[0].units).toEqual(
      JSON.parse(afterEnglish.stdout).manifest.exclusions.sources[0].units,
    );
  });

  it('estimate reads an evaluation frame with Chinese headings as it reads the English one', async () => {
    const dir = tempDir();
    const evaluate = ['evaluate', join(ROOT, 'fixtures', 'eval-registry.csv'), '--seed', 'headings', '--counties', '4'];
    expect((await cli([...evaluate, '--out', join(dir, 'en')])).status).toBe(0);
    expect((await cli([...evaluate, '--out', join(dir, 'zh'), '--lang', 'zh-CN'])).status).toBe(0);
    const withAnswers = (name: string) => {
      const [header, ...rows] = lines(join(dir, name, 'frame.csv')).filter(Boolean);
      const path = join(dir, `${name}-results.csv`);
      // 状态 is also the Chinese heading of spotcheck's status column: the fieldwork's own 状态 must win.
      writeFileSync(
        path,
        [
          `${header},满意,状态`,
          ...rows.map((row, index) => `${row},${index % 3 === 0 ? '否' : '是'},${index % 4 === 0 ? '拒访' : '完成'}`),
        ].join('\n'),
      );
      return path;
    };
    expect(lines(join(dir, 'zh', 'frame.csv'))[0]).toMatch(/^县所在层,州市,县代码,/);
    expect(lines(join(dir, 'zh', 'frame.csv'))[0]).toMatch(/,登记表:household_id,/); // an English-headed registry's own column
    const english = await cli([
      'estimate',
      withAnswers('en'),
      '--measure',
      '满意=是',
      '--measure',
      '状态=完成',
      '--no',
      '状态=拒访',
      '--by',
      'status',
      '--json',
    ]);
    const chinese = await cli([
      'estimate',
      withAnswers('zh'),
      '--measure',
      '满意=是',
      '--measure',
      '状态=完成',
      '--no',
      '状态=拒访',
      '--by',
      '户所在层',
      '--json',
    ]);
    expect(chinese.status, chinese.stderr).toBe(0);
    const measures = JSON.parse(chinese.stdout).measures;
    expect(measures).toEqual(JSON.parse(english.stdout).measures);
    expect(measures[1].estimates[0].estimate).toBeGreaterThan(0.6); // about 3 in 4 完成, not 0 from another column
  });

  it('has a Chinese heading for every column spotcheck adds, the same in the Python checker', () => {
    const added = [
      COUNTY_COLUMNS,
      VILLAGE_COLUMNS,
      HOUSEHOLD_COLUMNS,
      SPARE_COLUMNS,
      EVALUATION_HOUSEHOLD_COLUMNS,
      EVALUATION_COUNTY_COLUMNS,
      EVALUATION_VILLAGE_COLUMNS,
      STRATA_COLUMNS,
      FUNDS_COLUMNS,
      RANKING_COLUMNS,
    ].flat();
    const headings = new Map(added.map((column) => [column, columnHeading(column, 'zh-CN')]));
    for (const [column, heading] of headings) {
      expect(heading, column).toMatch(/\p{Script=Han}/u);
      expect(canonicalColumn(heading), column).toBe(column);
    }
    expect(new Set(headings.values()).size).toBe(headings.size); // one heading, one column
    const python = readFileSync(join(ROOT, 'docs', 'check_draw.py'), 'utf8');
    const table = python.slice(
      python.indexOf('HEADINGS_ZH = {'),
      python.indexOf('}', python.indexOf('HEADINGS_ZH = {')),
    );
    const pythonHeadings = Object.fromEntries(
      [...table.matchAll(/'(\w+)': '([^']+)'/g)].map((match) => [match[1], match[2]]),
    );
    for (const column of [COUNTY_COLUMNS, VILLAGE_COLUMNS, HOUSEHOLD_COLUMNS].flat())
      expect(pythonHeadings[column], column).toBe(headings.get(column));
  });
});
