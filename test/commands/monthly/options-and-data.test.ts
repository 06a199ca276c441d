/** The tests "found in review: verify, options and data" from test/e2e.test.ts (moved, issue 14). */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';
import { DRAW, demoLines } from '../../demoDrawKit.js';

describe('found in review: verify, options and data', () => {
  const draw = async (cwd: string, out: string, registries: string[]) =>
    await cli(['monthly', ...registries, ...DRAW, '--out', out], { cwd });

  it('verify fails when an output file is missing, accepts the directory, and matches --registry files by hash in any order', async () => {
    const dir = tempDir();
    const { header, rows } = demoLines();
    const half = Math.floor(rows.length / 2);
    writeFileSync(join(dir, 'a.csv'), `${[header, ...rows.slice(0, half)].join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${[header, ...rows.slice(half)].join('\n')}\n`);
    expect((await draw(dir, 'draw', ['a.csv', 'b.csv'])).status).toBe(0);
    expect((await cli(['verify', join(dir, 'draw')])).status).toBe(0);
    const swapped = await cli([
      'verify',
      join(dir, 'draw', 'manifest.json'),
      '--registry',
      join(dir, 'b.csv'),
      join(dir, 'a.csv'),
    ]);
    expect(swapped.stdout).toMatch(/verified/);
    expect(swapped.status).toBe(0);
    rmSync(join(dir, 'draw', 'villages.csv'));
    const missing = await cli(['verify', join(dir, 'draw')]);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/DIFF villages\.csv: villages\.csv is missing beside the manifest/);
  });

  it('verify of a moved draw says which recorded path is missing and how to give the registry', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'registry.csv'), readFileSync(DEMO));
    expect((await draw(dir, 'draw', ['registry.csv'])).status).toBe(0);
    mkdirSync(join(dir, 'moved'));
    renameSync(join(dir, 'draw'), join(dir, 'moved', 'draw'));
    const result = await cli(['verify', join(dir, 'moved', 'draw'), '--json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /cannot read the registry registry\.csv at the path recorded in the manifest \(\.\.\/registry\.csv.*\n.*--registry FILE/,
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ verified: false, error: { code: 'INPUT' } });
    expect((await cli(['verify', join(dir, 'moved', 'draw'), '--registry', join(dir, 'registry.csv')])).status).toBe(0);
  });

  it('refuses a repeated single-valued option, a file given twice, and an empty frame', async () => {
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'other'])).stderr).toMatch(
      /--seed was given twice \("demo-2026-11" and "other"\); give it once/,
    );
    const dir = tempDir();
    writeFileSync(join(dir, 'copy.csv'), readFileSync(DEMO));
    const twice = await cli(['monthly', DEMO, DEMO, ...DRAW]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/is given twice/);
    expect((await cli(['monthly', DEMO, join(dir, 'copy.csv'), ...DRAW])).stderr).toMatch(
      /are the same file \(same SHA-256\)/,
    );
    const empty = await cli(['monthly', DEMO, ...DRAW, '--statuses', 'nonpoor']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/the frame is empty: the registry has no 非贫困户 household in a poor village/);
  });

  it('reports a village whose 是否贫困村 disagrees once, as an error', async () => {
    const dir = tempDir();
    const path = join(dir, 'marks.csv');
    writeFileSync(
      path,
      '户编号,行政县,乡镇,行政村,脱贫属性,是否贫困村\nH1,元阳县,新街镇,甲村,已脱贫,否\nH2,元阳县,新街镇,甲村,已脱贫,是\nH3,元阳县,新街镇,甲村,已脱贫,否\nH4,元阳县,新街镇,甲村,已脱贫,否\n',
    );
    const result = JSON.parse((await cli(['inspect', path, '--json'])).stdout);
    expect(result.errors).toBe(1);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        message: 'village 甲村: 是否贫困村 is 否 at marks.csv:2 but 是 here; a village is poor or not on every row',
        file: 'marks.csv',
        line: 3,
      },
    ]);
  });

  it('accepts a township scope as printed (州市 › 县 › 乡镇), and prints JSON for option errors', async () => {
    expect(
      (await cli(['monthly', DEMO, ...DRAW, '--level', 'township', '--scope', '丽江市 › 永胜县 › 启江镇'])).status,
    ).toBe(0);
    const unknown = await cli(['monthly', DEMO, '--json', '--bogus']);
    expect(unknown.status).toBe(2);
    expect(JSON.parse(unknown.stdout).error.message).toBe("unknown option '--bogus'");
    expect(unknown.stderr).toMatch(/^spotcheck: error: unknown option/);
  });

  it.skipIf(!existsSync('/dev/full'))('reports a failed write to standard output', () => {
    const result = spawnSync(
      'sh',
      ['-c', `node bin/spotcheck monthly "${DEMO}" --month 2026-11 --seed x --json > /dev/full`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot write to standard output/);
  });

  it('refuses a household with two 户主 rows (it would be counted twice)', async () => {
    const dir = tempDir();
    const path = join(dir, 'heads.csv');
    writeFileSync(
      path,
      '户编号,人编号,与户主关系,行政县,乡镇,行政村,脱贫属性\nH1,P1,户主,元阳县,新街镇,甲村,已脱贫\nH1,P2,户主,元阳县,新街镇,甲村,已脱贫\n',
    );
    const result = await cli(['monthly', path, '--month', '2026-11', '--seed', 's']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /heads\.csv:3: household H1 has a second 户主 row \(first at heads\.csv:2\); every household needs exactly one/,
    );
  });

  it('counts people from 人数 in household-level files', async () => {
    const dir = tempDir();
    const path = join(dir, 'households.csv');
    writeFileSync(
      path,
      'household_id,county,township,village,status,household_size\nH1,元阳县,新街镇,甲村,poor,4\nH2,元阳县,新街镇,甲村,exited,2\n',
    );
    const summary = JSON.parse((await cli(['inspect', path, '--json'])).stdout).summary;
    expect(summary.persons).toEqual({ poor: 4, exited: 2, nonpoor: 0 });
  });
});

describe('an empty frame is said in one whole sentence per case (issue 14: no sentence from fragments)', () => {
  it('names the villages, the scope and the villages excluded, in English and in Chinese', async () => {
    const dir = tempDir();
    const county = ['--month', '2026-11', '--level', 'county', '--scope', '永胜县', '--village-frame', 'all'];
    const first = await cli(['monthly', DEMO, ...county, '--seed', 'a', '--villages', '100', '--out', join(dir, 'd1')]);
    expect(first.status, first.stderr).toBe(0);
    const zh = await cli(['monthly', DEMO, ...county, '--seed', 'b', '--exclude', join(dir, 'd1'), '--lang', 'zh-CN']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toMatch(
      /抽样框为空：登记数据中丽江市 › 永胜县的各村均没有状态为 未脱贫\/已脱贫 的户（排除此前抽取的 \d+ 个村之后）/,
    );
    const en = await cli(['monthly', DEMO, ...county, '--seed', 'b', '--exclude', join(dir, 'd1')]);
    expect(en.stderr).toMatch(
      /the frame is empty: the registry has no 未脱贫\/已脱贫 household in any village of 丽江市 › 永胜县 once the excluded draws' \d+ village\(s\) are left out/,
    );
    const scoped = await cli([
      'monthly',
      DEMO,
      ...DRAW,
      '--level',
      'prefecture',
      '--scope',
      '丽江市',
      '--statuses',
      'nonpoor',
    ]);
    expect(scoped.stderr).toMatch(
      /the frame is empty: the registry has no 非贫困户 household in a poor village \(是否贫困村 = 是\) of 丽江市\n/,
    );
  });
});
