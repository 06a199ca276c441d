/** The tests "monthly" from test/e2e.test.ts (moved, issue 14). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, spawnCli, tempDir } from '../../helpers.js';
import { DRAW } from '../../demoDrawKit.js';

describe('monthly', () => {
  it('prints a summary of the draw on the terminal', async () => {
    // Spawned: a whole draw through the real binary, exit 0 and nothing else on its stderr (no warning).
    const result = spawnCli(['monthly', DEMO, ...DRAW]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Frame: 12 counties · 68 villages \(poor villages\) · 1,459 households/);
    expect(result.stdout).toMatch(/Drawn: 4 counties · 8 villages · 40 households/);
    expect(result.stdout).not.toContain('\u001b['); // NO_COLOR
  });

  it('prints the whole result as JSON with stable English keys', async () => {
    const result = await cli(['monthly', DEMO, ...DRAW, '--json']);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed)).toEqual(['manifest', 'counties', 'villages', 'households']);
    expect(parsed.households).toHaveLength(40);
    const household = parsed.households[0];
    for (const key of [
      'household_id',
      'prefecture',
      'county',
      'township',
      'village',
      'status',
      'ticket',
      'rank',
      'probability',
      'weight',
      'registry',
    ]) {
      expect(household).toHaveProperty(key);
    }
    expect(household.ticket).toMatch(/^[0-9a-f]{64}$/);
    expect(household.weight * household.probability).toBeCloseTo(1, 10);
    expect(household.registry.户编号).toBe(household.household_id);
    expect(parsed.manifest.parameters).toMatchObject({
      month: '2026-11',
      seed: 'demo-2026-11',
      level: 'province',
      counties: 4,
      villages: 2,
      households: 5,
    });
    expect(JSON.stringify(parsed.manifest)).not.toMatch(/证件号码|姓名/);
  });

  it('writes the four files, refuses a non-empty directory without --force, and replaces with it', async () => {
    const out = join(tempDir(), 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--out', out])).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.outputs)).toEqual(['counties.csv', 'villages.csv', 'households.csv']);
    expect(manifest.outputs['households.csv'].rows).toBe(40);
    const again = await cli(['monthly', DEMO, ...DRAW, '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/output directory is not empty.*\n.*--force/);
    expect((await cli(['monthly', DEMO, ...DRAW, '--out', out, '--force'])).status).toBe(0);
  });

  it.each([
    [['--month', '2026-13', '--seed', 'x'], /--month must be YYYY-MM with a month from 01 to 12, got "2026-13"/],
    [['--month', '2026-11', '--seed', '  '], /--seed must not be empty/],
    [['--month', '2026-11'], /--seed is required/],
    [['--month', '2026-11', '--seed', 'x', '--villages', '-3'], /--villages must be a positive integer, got "-3"/],
    [
      ['--month', '2026-11', '--seed', 'x', '--households', '2.5'],
      /--households must be a positive integer, got "2.5"/,
    ],
    [['--month', '2026-11', '--seed', 'x', '--counties', '0'], /--counties must be a positive integer, got "0"/],
    [
      ['--month', '2026-11', '--seed', 'x', '--level', 'village'],
      /--level must be province, prefecture, county or township/,
    ],
    [['--month', '2026-11', '--seed', 'x', '--level', 'county'], /--scope is required at county level/],
    [
      ['--month', '2026-11', '--seed', 'x', '--level', 'county', '--scope', '永胜'],
      /--scope "永胜" is not a county of this registry\n {2}closest names: 永胜县/,
    ],
    [
      ['--month', '2026-11', '--seed', 'x', '--level', 'county', '--scope', '永胜县', '--counties', '2'],
      /--counties does not apply at county level/,
    ],
  ])('refuses bad options with a clear message and exit 2: %j', async (args, message) => {
    const result = await cli(['monthly', DEMO, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe('');
  });

  it('refuses unreadable, empty and malformed registries with file and line', async () => {
    const dir = tempDir();
    const missing = await cli(['monthly', join(dir, 'nope.csv'), ...DRAW]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: cannot read the registry file: there is no such file/);
    writeFileSync(join(dir, 'empty.csv'), '');
    expect((await cli(['monthly', join(dir, 'empty.csv'), ...DRAW])).stderr).toMatch(
      /empty\.csv: the registry file is empty/,
    );
    writeFileSync(join(dir, 'cols.csv'), '姓名,证件号码\n张三,1\n');
    expect((await cli(['monthly', join(dir, 'cols.csv'), ...DRAW])).stderr).toMatch(
      /lacks required columns: household_id \(户编号\).*Headers found: 姓名, 证件号码/,
    );
    writeFileSync(join(dir, 'quote.csv'), '户编号,行政县,乡镇,行政村,脱贫属性\n1,"元阳县,新街镇,村,已脱贫\n');
    const quote = await cli(['monthly', join(dir, 'quote.csv'), ...DRAW]);
    expect(quote.status).toBe(2);
    expect(quote.stderr).toMatch(/quote\.csv.*not valid CSV/);
    writeFileSync(join(dir, 'county.csv'), '户编号,行政县,乡镇,行政村,脱贫属性\n1,禄劝县,镇,村,已脱贫\n');
    const county = await cli(['monthly', join(dir, 'county.csv'), ...DRAW]);
    expect(county.status).toBe(2);
    expect(county.stderr).toMatch(
      /county\.csv:2: county "禄劝县" is not in the division table.*closest names: 禄劝彝族苗族自治县/s,
    );
    const directory = await cli(['monthly', dir, ...DRAW]);
    expect(directory.stderr).toMatch(/is a directory/);
  });

  it('prints an error as JSON on stdout too when --json is given', async () => {
    const result = await cli(['monthly', DEMO, '--month', '2026-13', '--seed', 'x', '--json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'USAGE' });
  });
});
