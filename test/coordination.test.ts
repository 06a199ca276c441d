/**
 * Coordination across levels and months (--exclude, --history/--cooldown, --spares) and the
 * prefectures' fund-coverage check (`spotcheck funds`): end to end through the built binary, plus
 * the exact coverage-method probabilities against brute force and simulation.
 */
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { coverageProbabilities, drawFunds, parseShare, type CountyFunds } from '../src/core/funds.js';
import type { FrameCounty } from '../src/core/frame.js';
import { cli, DEMO, ROOT, tempDir } from './helpers.js';

const FUNDS_REGISTRY = join(ROOT, 'fixtures', 'funds-registry.csv');
const FUNDS_TABLE = join(ROOT, 'fixtures', 'county-funds-wenshan.csv');
const WENSHAN = '文山壮族苗族自治州';
const csv = (path: string) => parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>;
const column = (path: string, name: string) => csv(path).map((row) => row[name]!);

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

describe('--history and --cooldown: rotation over months', () => {
  it("leaves out the villages and households of the cooldown months' draws, not older ones, and records which", async () => {
    const dir = tempDir();
    const history = join(dir, 'draws');
    const county = ['--level', 'county', '--scope', '永胜县', '--villages', '3'];
    for (const month of ['2026-08', '2026-09', '2026-10']) {
      mkdirSync(join(history, month), { recursive: true });
      expect(
        (
          await cli([
            'monthly',
            DEMO,
            '--month',
            month,
            '--seed',
            `seed-${month}`,
            ...county,
            '--out',
            join(history, month, 'county'),
          ])
        ).status,
      ).toBe(0);
    }
    const out = join(dir, '2026-11');
    const result = await cli([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--seed',
      'seed-2026-11',
      ...county,
      '--history',
      history,
      '--cooldown',
      '2',
      '--out',
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.exclusions.history).toEqual({ dir: '../draws', cooldown: 2, stages: ['village', 'household'] });
    expect(
      manifest.exclusions.sources.map((source: { path: string; reason: string }) => [source.path, source.reason]),
    ).toEqual([
      ['../draws/2026-09/county', 'history'],
      ['../draws/2026-10/county', 'history'],
    ]);
    const now = column(join(out, 'villages.csv'), 'village_key');
    for (const month of ['2026-09', '2026-10'])
      for (const key of column(join(history, month, 'county', 'villages.csv'), 'village_key'))
        expect(now).not.toContain(key);
    expect((await cli(['verify', out])).status).toBe(0);
    // A new draw dropped into the history later does not change what verify re-draws.
    cpSync(join(history, '2026-10'), join(history, '2026-10-copy'), { recursive: true });
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('needs --cooldown with --history', async () => {
    const result = await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'x', '--history', tempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--history needs --cooldown MONTHS/);
  });
});

describe('--spares', () => {
  it('writes the next households of each village in ticket order to spares.csv, and verify re-checks it', async () => {
    const out = join(tempDir(), 'draw');
    const result = await cli([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--seed',
      'spares',
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--spares',
      '2',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Spares: 8 \(up to 2 per village, in spares\.csv\)\. Use them in spare_order, only when a sampled household of the same village cannot be checked/,
    );
    const spares = csv(join(out, 'spares.csv'));
    const households = csv(join(out, 'households.csv'));
    expect(spares.length).toBe(8); // 4 villages × 2
    for (const spare of spares) expect(households.map((row) => row.household_id)).not.toContain(spare.household_id);
    for (const village of new Set(spares.map((row) => row.village_key))) {
      const ofVillage = spares.filter((row) => row.village_key === village);
      expect(ofVillage.map((row) => row.spare_order)).toEqual(['1', '2']);
      const lastSampled = Math.max(
        ...households.filter((row) => row.village_key === village).map((row) => Number(row.rank)),
      );
      expect(ofVillage.map((row) => Number(row.rank))).toEqual([lastSampled + 1, lastSampled + 2]);
      expect(ofVillage[0]!.证件号码).toMatch(/\*{10}/);
    }
    expect((await cli(['verify', out])).status).toBe(0);
    // More households per village with the same seed: the spares are exactly what is added.
    const more = join(tempDir(), 'more');
    expect(
      (
        await cli([
          'monthly',
          DEMO,
          '--month',
          '2026-11',
          '--seed',
          'spares',
          '--level',
          'county',
          '--scope',
          '永胜县',
          '--households',
          '7',
          '--out',
          more,
        ])
      ).status,
    ).toBe(0);
    const extended = column(join(more, 'households.csv'), 'household_id');
    expect(new Set(extended)).toEqual(
      new Set([...households.map((row) => row.household_id!), ...spares.map((row) => row.household_id!)]),
    );
  });
});

describe('spotcheck funds', () => {
  const draw = async (args: string[]) =>
    await cli(['funds', FUNDS_REGISTRY, '--month', '2026-11', '--seed', 'funds', '--scope', WENSHAN, ...args]);

  it('takes counties in ticket order until the coverage is reached, excluding the province draw, and verifies', async () => {
    const dir = tempDir();
    const province = join(dir, 'province');
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
    const out = join(dir, 'funds');
    const result = await draw(['--exclude', province, '--out', out, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    const ranking = csv(join(out, 'ranking.csv'));
    const provinceCounties = column(join(province, 'counties.csv'), 'county_code');
    for (const row of ranking) expect(row.status === 'excluded').toBe(provinceCounties.includes(row.county_code!));
    const eligible = ranking
      .filter((row) => row.status === 'selected' || row.status === 'not selected')
      .sort((a, b) => Number(a.rank) - Number(b.rank));
    const total = eligible.reduce((sum, row) => sum + Number(row.funds), 0);
    // Selected: a prefix of the ticket order, the first one to reach half the eligible funds ends it.
    const selected = eligible.filter((row) => row.status === 'selected');
    expect(eligible.slice(0, selected.length)).toEqual(selected);
    const cumulative = (count: number) => eligible.slice(0, count).reduce((sum, row) => sum + Number(row.funds), 0);
    expect(cumulative(selected.length)).toBeGreaterThanOrEqual(total / 2 - 0.005);
    expect(cumulative(selected.length - 1)).toBeLessThan(total / 2);
    expect(json.manifest.result.coverage_reached).toBeGreaterThanOrEqual(0.5);
    expect(json.counties.map((row: { county_code: string }) => row.county_code)).toEqual(
      selected.map((row) => row.county_code),
    );
    for (const row of json.counties) expect(row.probability).toBeGreaterThan(0);
    expect((await cli(['verify', out])).status).toBe(0);
    // A later monthly draw can exclude the funds draw's counties.
    expect(
      (
        await cli([
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
          '--exclude',
          out,
        ])
      ).status,
    ).toBe(0);
  });

  it('reads a county table, and handles one county over the share, zero funds, coverage 1.0, everything excluded and a missing county', async () => {
    const dir = tempDir();
    const table = (rows: string) => {
      const path = join(dir, `funds-${Math.random().toString(36).slice(2)}.csv`);
      writeFileSync(path, `county,资金\n${rows}`);
      return path;
    };
    const out = join(dir, 'table');
    expect((await draw(['--funds', FUNDS_TABLE, '--out', out])).status).toBe(0);
    expect((await cli(['verify', out])).status).toBe(0);
    // One county holding 90%: whenever it is drawn it ends the draw; the share is always reached.
    const giant = table('文山市,900\n砚山县,20\n西畴县,20\n麻栗坡县,20\n马关县,10\n丘北县,10\n广南县,10\n富宁县,10\n');
    for (const seed of ['a', 'b', 'c', 'd', 'e', 'f']) {
      const result = await cli([
        'funds',
        FUNDS_REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        seed,
        '--scope',
        WENSHAN,
        '--funds',
        giant,
        '--json',
      ]);
      const counties = JSON.parse(result.stdout).counties as Array<{ county: string }>;
      expect(counties.at(-1)!.county).toBe('文山市');
    }
    // Zero funds: not eligible, listed as such.
    const zero = table('文山市,0\n砚山县,20\n西畴县,20\n麻栗坡县,20\n马关县,10\n丘北县,10\n广南县,10\n富宁县,10\n');
    const withZero = JSON.parse((await draw(['--funds', zero, '--json'])).stdout);
    expect(withZero.ranking.find((row: { county: string }) => row.county === '文山市').status).toBe('no funds');
    // Coverage 1.0: every eligible county.
    const full = JSON.parse((await draw(['--funds', zero, '--coverage', '1', '--json'])).stdout);
    expect(full.counties.length).toBe(7);
    for (const row of full.counties) expect(row.probability).toBe(1);
    // A county missing from the table.
    const missing = await draw(['--funds', table('文山市,10\n')]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/the funds table has no row for 7 counties of 文山壮族苗族自治州/);
    // All counties zero.
    const none = await draw([
      '--funds',
      table(
        ['文山市', '砚山县', '西畴县', '麻栗坡县', '马关县', '丘北县', '广南县', '富宁县']
          .map((name) => `${name},0`)
          .join('\n'),
      ),
    ]);
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/nothing to draw: no county of 文山壮族苗族自治州 left after the exclusions has funds/);
    // Every county excluded.
    const list = join(dir, 'all-counties.csv');
    writeFileSync(
      list,
      `county_code\n${['532601', '532622', '532623', '532624', '532625', '532626', '532627', '532628'].join('\n')}\n`,
    );
    const excluded = await draw(['--exclude', list]);
    expect(excluded.status).toBe(2);
    expect(excluded.stderr).toMatch(/every county of 文山壮族苗族自治州 \(8\) was checked by the excluded draw/);
  });

  it('--method pps draws n counties with probabilities n·funds/total (certainty above 1)', async () => {
    const result = await draw(['--funds', FUNDS_TABLE, '--method', 'pps', '--counties', '3', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.counties.length).toBe(3);
    const rows = csv(FUNDS_TABLE);
    const total = rows.reduce((sum, row) => sum + Number(row.资金), 0);
    for (const row of json.ranking) {
      const expected = Math.min(1, (3 * Number(row.funds)) / total);
      expect(row.probability).toBeCloseTo(expected, 9);
    }
    expect(json.ranking.reduce((sum: number, row: { probability: number }) => sum + row.probability, 0)).toBeCloseTo(
      3,
      9,
    );
    expect((await draw(['--method', 'pps'])).stderr).toMatch(/--method pps needs --counties N/);
    expect((await draw(['--coverage', '1.5'])).stderr).toMatch(/--coverage must be a share in \(0, 1\]/);
  });

  it('refuses a registry without a funds column unless --funds is given', async () => {
    const result = await cli(['funds', DEMO, '--month', '2026-11', '--seed', 'x', '--scope', WENSHAN]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /the registry has no funds column \(帮扶资金\)\n\s+map one with --column funds=HEADER, or give the funds per county with --funds FILE/,
    );
  });
});

describe('coverage-method probabilities', () => {
  const county = (index: number): FrameCounty => ({
    key: `53000${index}`,
    code: `53000${index}`,
    name: `县${index}`,
    prefectureCode: '530000',
    prefecture: '州',
    povertyCounty: null,
  });
  const half = parseShare('0.5')!;

  it('equal the share of all orders in which a county is reached (brute force over permutations)', () => {
    const funds = [50, 10, 10, 30, 5, 70];
    const total = funds.reduce((a, b) => a + b, 0);
    const permutations = (items: number[]): number[][] =>
      items.length <= 1
        ? [items]
        : items.flatMap((item, index) =>
            permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
          );
    const orders = permutations(funds.map((_, index) => index));
    const counts = funds.map(() => 0);
    for (const order of orders) {
      let cumulative = 0;
      for (const index of order) {
        counts[index]!++;
        cumulative += funds[index]!;
        if (cumulative * 2 >= total) break;
      }
    }
    const exact = coverageProbabilities(funds, total, half)!;
    for (const [index, probability] of exact.entries())
      expect(probability).toBeCloseTo(counts[index]! / orders.length, 12);
  });

  it('match the frequencies of 4,000 draws with different seeds (within 4 standard errors)', () => {
    const funds = [900, 450, 300, 300, 120, 60, 60, 10];
    const counties: CountyFunds[] = funds.map((fundsFen, index) => ({ county: county(index), fundsFen }));
    const scope = { level: 'prefecture' as const, key: '530000', code: '530000', name: '州', label: '州' };
    const runs = 4000;
    const hits = funds.map(() => 0);
    let probabilities: number[] = [];
    for (let run = 0; run < runs; run++) {
      const result = drawFunds(counties, {
        month: '2026-11',
        seed: `simulation-${run}`,
        scope,
        method: 'coverage',
        coverage: half,
        counties: null,
        excludedCounties: new Set(),
      });
      for (const entry of result.selected) hits[Number(entry.county.key.slice(-1))]!++;
      if (run === 0)
        probabilities = counties.map(
          (entry) => result.ranking.find((ranked) => ranked.county.key === entry.county.key)!.probability!,
        );
    }
    probabilities.forEach((probability, index) => {
      const standardError = Math.sqrt((probability * (1 - probability)) / runs);
      expect(Math.abs(hits[index]! / runs - probability)).toBeLessThanOrEqual(4 * standardError + 1e-9);
    });
  });
});
