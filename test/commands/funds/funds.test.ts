/** The tests "spotcheck funds" from test/coordination.test.ts (moved, issue 14). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';
import { FUNDS_REGISTRY, WENSHAN, csv, column } from '../wenshanKit.js';

const FUNDS_TABLE = join(ROOT, 'fixtures', 'county-funds-wenshan.csv');

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

  it('a 帮扶资金 that is not an amount stops funds, not monthly, which never reads the column', async () => {
    const dir = tempDir();
    const lines = readFileSync(FUNDS_REGISTRY, 'utf8').split('\n').slice(0, 400);
    lines[1] = lines[1]!.replace(/,[0-9.]+$/, ',about 2500');
    const registry = join(dir, 'registry.csv');
    writeFileSync(registry, `${lines.join('\n')}\n`);
    const refused = await cli(['funds', registry, '--month', '2026-11', '--seed', 'funds', '--scope', WENSHAN]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      'funds (帮扶资金) must be an amount in yuan with at most 2 decimals, got "about 2500"',
    );
    const monthly = await cli(['monthly', registry, '--month', '2026-11', '--seed', 'm11', '--out', join(dir, 'm')]);
    expect(monthly.stderr).toBe('');
    expect(monthly.status).toBe(0);
  });

  it('refuses a registry without a funds column unless --funds is given', async () => {
    const result = await cli(['funds', DEMO, '--month', '2026-11', '--seed', 'x', '--scope', WENSHAN]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /the registry has no funds column \(帮扶资金\)\n\s+map one with --column funds=HEADER, or give the funds per county with --funds FILE/,
    );
  });
});
