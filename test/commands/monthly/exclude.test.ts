/**
 * The tests "--exclude: each level draws what the levels above did not" from test/coordination.test.ts (moved,
 * issue 14).
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { FUNDS_REGISTRY, column, WENSHAN } from '../wenshanKit.js';

describe('--exclude: each level draws what the levels above did not', () => {
  it('a prefecture draw excluding the province draw takes none of its counties, verifies, and fails clearly when the province draw changes or goes', async () => {
    const dir = tempDir();
    const province = join(dir, 'province');
    const prefecture = join(dir, 'prefecture');
    expect(
      (
        await cli([
          'monthly',
          FUNDS_REGISTRY,
          '--month',
          '2026-11',
          '--seed',
          'm11',
          '--counties',
          '6',
          '--out',
          province,
        ])
      ).status,
    ).toBe(0);
    const drawnByProvince = column(join(province, 'counties.csv'), 'county_code');
    const result = await cli([
      'monthly',
      FUNDS_REGISTRY,
      '--month',
      '2026-11',
      '--seed',
      'm11',
      '--level',
      'prefecture',
      '--scope',
      WENSHAN,
      '--out',
      prefecture,
      '--exclude',
      province,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const drawnByPrefecture = column(join(prefecture, 'counties.csv'), 'county_code');
    expect(drawnByPrefecture.length).toBeGreaterThan(0);
    for (const code of drawnByPrefecture) expect(drawnByProvince).not.toContain(code);
    const manifest = JSON.parse(readFileSync(join(prefecture, 'manifest.json'), 'utf8'));
    expect(manifest.exclusions.sources).toEqual([
      expect.objectContaining({
        path: '../province',
        kind: 'draw',
        reason: 'exclude',
        stages: ['county', 'village', 'household'],
        draw: expect.objectContaining({ level: 'province', seed: 'm11' }),
      }),
    ]);
    expect(manifest.exclusions.excluded.counties).toBe(
      drawnByProvince.filter((code) => code.startsWith('5326')).length,
    );
    expect((await cli(['verify', prefecture])).status).toBe(0);

    writeFileSync(join(province, 'households.csv'), `${readFileSync(join(province, 'households.csv'), 'utf8')}x\n`);
    const changed = await cli(['verify', prefecture]);
    expect(changed.status).toBe(1);
    expect(changed.stdout).toMatch(/DIFF excluded \.\.\/province: .*households\.csv was changed after the draw/);
    rmSync(province, { recursive: true });
    // Gone: the draw verifies from its own excluded.csv, and says the province draw was not available.
    const missing = await cli(['verify', prefecture]);
    expect(missing.status, missing.stdout).toBe(0);
    expect(missing.stdout).toMatch(
      /NOTE excluded \.\.\/province: not available here .*only the recorded list was used, excluded\.csv/,
    );
    expect(missing.stdout).toContain('exclusions not re-checked: the excluded draws were not available');
  });

  it('takes a plain CSV list of household IDs, and --exclude-stages limits what is left out', async () => {
    const dir = tempDir();
    const first = join(dir, 'first');
    const draw = ['monthly', DEMO, '--month', '2026-11', '--seed', 'list', '--level', 'county', '--scope', '永胜县'];
    expect((await cli([...draw, '--out', first])).status).toBe(0);
    const households = column(join(first, 'households.csv'), 'household_id');
    const list = join(dir, 'checked.csv');
    writeFileSync(list, `户编号\n${households.slice(0, 3).join('\n')}\n`);
    const second = join(dir, 'second');
    expect((await cli([...draw, '--out', second, '--exclude', list])).status).toBe(0);
    const again = column(join(second, 'households.csv'), 'household_id');
    for (const id of households.slice(0, 3)) expect(again).not.toContain(id);
    // The rest of the sample stays (excluding a drawn unit promotes the next one of its village).
    expect(again.filter((id) => households.includes(id))).toEqual(households.slice(3));
    expect((await cli(['verify', second])).status).toBe(0);
    // Villages only: the county-level draw of the same month then takes other villages.
    const third = join(dir, 'third');
    expect((await cli([...draw, '--out', third, '--exclude', first, '--exclude-stages', 'village'])).status).toBe(0);
    const villages = column(join(first, 'villages.csv'), 'village_key');
    for (const key of column(join(third, 'villages.csv'), 'village_key')) expect(villages).not.toContain(key);
  });

  it('refuses a list without unit columns, a stage that does not exist, and --exclude-stages alone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'names.csv'), '姓名\n张三\n');
    const bad = await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'x', '--exclude', join(dir, 'names.csv')]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/names\.csv: an exclusion list needs a column of unit keys/);
    expect(
      (
        await cli([
          'monthly',
          DEMO,
          '--month',
          '2026-11',
          '--seed',
          'x',
          '--exclude',
          join(dir, 'names.csv'),
          '--exclude-stages',
          'town',
        ])
      ).stderr,
    ).toMatch(/--exclude-stages takes county, village, household/);
    expect(
      (await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'x', '--exclude-stages', 'village'])).stderr,
    ).toMatch(/--exclude-stages applies to --exclude/);
  });
});
