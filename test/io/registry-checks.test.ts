/**
 * The tests "a registry split in files of which only some have 是否贫困村", "two villages sharing one 村代码" and "家庭人口数 in
 * a Chinese household-level file" from test/safety-silent.test.ts (moved, issue 14).
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeCsv } from '../helpers.js';

const HEADER = [
  'household_id',
  'county_code',
  'county',
  'township',
  'village_code',
  'village',
  'status',
  'household_size',
];
const draw = async (files: readonly string[], out: string, ...extra: string[]) =>
  await cli([
    'monthly',
    ...files,
    '--month',
    '2026-11',
    '--seed',
    'silent',
    '--level',
    'province',
    '--out',
    out,
    ...extra,
  ]);

describe('a registry split in files of which only some have 是否贫困村', () => {
  const dir = tempDir();
  // Two counties per file; the first marks its villages (one poor, one not), the second has no column.
  const marked = writeCsv(dir, 'yongsheng.csv', [
    [...HEADER, '是否贫困村'],
    ['1', '530722', '永胜县', '启江镇', '530722102201', '腾光社区', '已脱贫', '2', '是'],
    ['2', '530722', '永胜县', '启江镇', '530722102202', '启明村', '未脱贫', '1', '否'],
  ]);
  const unmarked = writeCsv(dir, 'huaping.csv', [
    HEADER,
    ['3', '530723', '华坪县', '荣将镇', '530723102201', '和爱村', '已脱贫', '2'],
    ['4', '530723', '华坪县', '荣将镇', '530723102202', '龙头村', '未脱贫', '1'],
  ]);

  it("refuses the auto rule (it would keep the first file's poor villages only), naming the files with and without marks", async () => {
    const out = join(dir, 'auto');
    const result = await draw([marked, unmarked], out);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/^spotcheck: error: .*是否贫困村/);
    expect(result.stderr).toMatch(/no village is marked in [^\n]*huaping\.csv/);
    expect(result.stderr).toMatch(/villages are marked in [^\n]*yongsheng\.csv/);
    expect(result.stderr).toMatch(/--village-frame all/);
    expect(existsSync(out)).toBe(false);
    // In either order of the files, and in Chinese.
    expect((await draw([unmarked, marked], join(dir, 'auto2'))).status).toBe(2);
    const chinese = await draw([marked, unmarked], join(dir, 'auto3'), '--lang', 'zh-CN');
    expect(chinese.status).toBe(2);
    expect(chinese.stderr).toMatch(/huaping\.csv 没有标记任何村/);
  });

  it('refuses --village-frame poor the same way, and draws every village of both files with --village-frame all', async () => {
    expect((await draw([marked, unmarked], join(dir, 'poor'), '--village-frame', 'poor')).stderr).toMatch(
      /--village-frame poor[^\n]*huaping\.csv/,
    );
    const all = await draw([marked, unmarked], join(dir, 'all'), '--village-frame', 'all', '--json');
    expect(all.status, all.stderr).toBe(0);
    expect(JSON.parse(all.stdout).manifest.frame.sizes).toMatchObject({ counties: 2, villages: 4, households: 4 });
  });

  it('refuses a file whose 是否贫困村 column is there but blank on every row', async () => {
    const blank = writeCsv(dir, 'blank.csv', [
      [...HEADER, '是否贫困村'],
      ['3', '530723', '华坪县', '荣将镇', '530723102201', '和爱村', '已脱贫', '2', ''],
    ]);
    expect((await draw([marked, blank], join(dir, 'blank'))).stderr).toMatch(
      /no village is marked in [^\n]*blank\.csv/,
    );
  });

  it('accepts files that all mark their villages, and a second file whose villages the first one marks', async () => {
    const alsoMarked = writeCsv(dir, 'huaping-marked.csv', [
      [...HEADER, '是否贫困村'],
      ['3', '530723', '华坪县', '荣将镇', '530723102201', '和爱村', '已脱贫', '2', '是'],
      ['4', '530723', '华坪县', '荣将镇', '530723102202', '龙头村', '未脱贫', '1', '否'],
    ]);
    const both = await draw([marked, alsoMarked], join(dir, 'both'), '--json');
    expect(both.status, both.stderr).toBe(0);
    expect(JSON.parse(both.stdout).manifest.frame.sizes).toMatchObject({ counties: 2, villages: 2 });
    // More households of the first file's villages, in a file without the column: nothing drops.
    const more = writeCsv(dir, 'more.csv', [
      HEADER,
      ['5', '530722', '永胜县', '启江镇', '530722102201', '腾光社区', '已脱贫', '3'],
    ]);
    const extra = await draw([marked, more], join(dir, 'more'), '--json');
    expect(extra.status, extra.stderr).toBe(0);
    expect(JSON.parse(extra.stdout).manifest.frame.sizes).toMatchObject({ villages: 1, households: 2 });
  });
});

describe('two villages sharing one 村代码', () => {
  it('is an error naming the code, both villages and townships, and both rows (it used to merge them)', async () => {
    const dir = tempDir();
    const registry = writeCsv(dir, 'registry.csv', [
      HEADER,
      ['1', '530722', '永胜县', '启江镇', '530722102201', '腾光社区', '已脱贫', '2'],
      ['2', '530722', '永胜县', '启江镇', '530722102202', '启明村', '未脱贫', '1'],
      ['3', '530722', '永胜县', '启江镇', '530722102201', '清水村', '未脱贫', '4'],
    ]);
    const out = join(dir, 'draw');
    const result = await draw([registry], out);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(
      /registry\.csv:4: 村代码 530722102201 names two villages: 腾光社区 \(township 启江镇\) at [^\n]*registry\.csv:2 and 清水村 \(township 启江镇\) here/,
    );
    expect(existsSync(out)).toBe(false);
    // inspect lists it too.
    const inspect = await cli(['inspect', registry]);
    expect(inspect.stdout + inspect.stderr).toMatch(/530722102201/);
    expect(inspect.status).not.toBe(0);
  });

  it('is an error when the second village lies in another township', async () => {
    const dir = tempDir();
    const registry = writeCsv(dir, 'registry.csv', [
      HEADER,
      ['1', '530722', '永胜县', '启江镇', '530722102201', '腾光社区', '已脱贫', '2'],
      ['2', '530722', '永胜县', '程海镇', '530722102201', '腾光社区', '未脱贫', '1'],
    ]);
    const result = await draw([registry], join(dir, 'draw'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/registry\.csv:3: [^\n]*530722102201[^\n]*启江镇[^\n]*程海镇/);
  });

  it('still accepts one village named the same on every row, across files', async () => {
    const dir = tempDir();
    const first = writeCsv(dir, 'a.csv', [
      HEADER,
      ['1', '530722', '永胜县', '启江镇', '530722102201', '腾光社区', '已脱贫', '2'],
    ]);
    const second = writeCsv(dir, 'b.csv', [
      HEADER,
      ['2', '530722', '永胜县', '启江镇', '530722102201', '腾光 社区', '未脱贫', '1'],
    ]);
    const result = await draw([first, second], join(dir, 'draw'), '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).manifest.frame.sizes).toMatchObject({ villages: 1, households: 2 });
  });
});

describe('家庭人口数 in a Chinese household-level file', () => {
  it('is read as household size: people are not counted as households', async () => {
    const dir = tempDir();
    const registry = writeCsv(dir, 'registry.csv', [
      ['户编号', '县', '乡镇', '行政村', '脱贫属性', '家庭人口数'],
      ['1', '永胜县', '启江镇', '腾光社区', '已脱贫', '3'],
      ['2', '永胜县', '启江镇', '腾光社区', '未脱贫', '4'],
    ]);
    const result = await draw([registry], join(dir, 'draw'), '--json');
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).manifest.frame.sizes).toMatchObject({ households: 2, persons: 7 });
    const text = await draw([registry], join(dir, 'text'));
    expect(text.stdout).toMatch(/2 households[^\n]*7 people/);
  });

  it('gives a clear error for a 家庭人口数 that is not a number (it is checked now that it is read)', async () => {
    const dir = tempDir();
    const registry = writeCsv(dir, 'registry.csv', [
      ['户编号', '县', '乡镇', '行政村', '脱贫属性', '家庭人口数'],
      ['1', '永胜县', '启江镇', '腾光社区', '已脱贫', '三'],
    ]);
    const result = await draw([registry], join(dir, 'draw'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/registry\.csv:2[^\n]*家庭人口数/);
  });
});
