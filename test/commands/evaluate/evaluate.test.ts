/** The tests "evaluate" from test/evaluate-cli.test.ts (moved, issue 14). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../../helpers.js';
import { REGISTRY, NONPOOR } from './evaluateKit.js';

describe('evaluate', () => {
  it('draws 20 counties in prefecture strata with every design column, and the weights add up', async () => {
    const result = await cli(['evaluate', REGISTRY, '--seed', 's1', '--nonpoor', NONPOOR, '--json']);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.counties).toHaveLength(20);
    expect(
      parsed.strata.reduce((sum: number, stratum: { counties_drawn: number }) => sum + stratum.counties_drawn, 0),
    ).toBe(20);
    expect(parsed.strata.every((stratum: { counties_drawn: number }) => stratum.counties_drawn >= 1)).toBe(true);
    const household = parsed.households[0];
    for (const key of [
      'county_stratum',
      'county_code',
      'village_key',
      'household_stratum',
      'household_id',
      'counties_in_stratum',
      'counties_drawn',
      'county_probability',
      'villages_in_county',
      'villages_drawn',
      'village_probability',
      'households_in_stratum',
      'households_drawn',
      'household_probability',
      'probability',
      'weight',
    ]) {
      expect(household).toHaveProperty(key);
    }
    for (const row of parsed.households) {
      expect(row.probability).toBeCloseTo(
        row.county_probability * row.village_probability * row.household_probability,
        12,
      );
      expect(row.weight * row.probability).toBeCloseTo(1, 10);
      expect(row.role).toBe('sample');
    }
    expect(
      parsed.spares.every((row: { role: string; spare_order: number }) => row.role === 'spare' && row.spare_order >= 1),
    ).toBe(true);
    expect(new Set(parsed.households.map((row: { household_stratum: string }) => row.household_stratum))).toEqual(
      new Set(['poor', 'exited', 'nonpoor']),
    );
  });

  it('stratifies by poverty county from the division table or from a county list, and by a column', async () => {
    const table = JSON.parse(
      (await cli(['evaluate', REGISTRY, '--seed', 's', '--strata', 'poverty-county', '--json'])).stdout,
    );
    expect(table.strata.map((stratum: { county_stratum: string }) => stratum.county_stratum).sort()).toEqual([
      '贫困县',
      '非贫困县',
    ]);
    const dir = tempDir();
    const list = join(dir, 'poverty.csv');
    writeFileSync(list, 'county_code,county\n530102,五华区\n');
    const fromList = JSON.parse(
      (
        await cli([
          'evaluate',
          REGISTRY,
          '--seed',
          's',
          '--strata',
          'poverty-county',
          '--county-attributes',
          list,
          '--json',
        ])
      ).stdout,
    );
    expect(
      fromList.strata.find((stratum: { county_stratum: string }) => stratum.county_stratum === '贫困县').counties,
    ).toBe(1);
    // A stratification column in the registry itself (片区: the same on every row of a county) …
    const [header, ...rows] = readFileSync(REGISTRY, 'utf8').trimEnd().split('\n');
    const zone = (row: string) => (Number(row.split(',')[2]) % 2 === 0 ? '东片' : '西片');
    const withZone = join(dir, 'with-zone.csv');
    writeFileSync(withZone, `${[`${header},片区`, ...rows.map((row) => `${row},${zone(row)}`)].join('\n')}\n`);
    const byColumn = await cli(['evaluate', withZone, '--seed', 's', '--strata', '片区', '--json']);
    expect(byColumn.status).toBe(0);
    expect(
      JSON.parse(byColumn.stdout)
        .strata.map((stratum: { county_stratum: string }) => stratum.county_stratum)
        .sort(),
    ).toEqual(['东片', '西片']);
    // … or in a county table.
    const zones = join(dir, 'zones.csv');
    const countyCodes = [...new Set(rows.map((row) => row.split(',')[2]!))];
    writeFileSync(
      zones,
      `${['县代码,片区', ...countyCodes.map((code) => `${code},${Number(code) % 3 === 0 ? '甲' : '乙'}`)].join('\n')}\n`,
    );
    const byTable = JSON.parse(
      (await cli(['evaluate', REGISTRY, '--seed', 's', '--strata', '片区', '--county-attributes', zones, '--json']))
        .stdout,
    );
    expect(byTable.strata.map((stratum: { county_stratum: string }) => stratum.county_stratum).sort()).toEqual([
      '乙',
      '甲',
    ]);
    expect(byTable.manifest.county_attributes.name).toBe('zones.csv');
    const missing = await cli(['evaluate', REGISTRY, '--seed', 's', '--strata', '片区']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/--strata 片区: no such column in the registry/);
  });

  it('reports shortfalls instead of failing, and refuses bad options with exit 2', async () => {
    const result = JSON.parse((await cli(['evaluate', REGISTRY, '--seed', 's', '--json'])).stdout);
    expect(
      result.manifest.shortfalls.some(
        (shortfall: { stage: string; note: string }) =>
          shortfall.stage === 'household' && /no such household/.test(shortfall.note),
      ),
    ).toBe(true);
    for (const [args, message] of [
      [['--allocation', 'random'], /--allocation must be proportional, equal or households/],
      [['--county-selection', 'cluster'], /--county-selection must be srs or pps/],
      [['--households', 'poor=x'], /--households poor must be a whole number/],
      [['--households', 'rich=3'], /--households must be like poor=5/],
      [['--spares', '-1'], /--spares must be a whole number ≥ 0/],
      [['--counties', '0'], /--counties must be a positive integer/],
    ] as const) {
      const bad = await cli(['evaluate', REGISTRY, '--seed', 's', ...args]);
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(message);
    }
  });

  it('verify fails on an edited frame.csv', async () => {
    const dir = tempDir();
    const out = join(dir, 'eval');
    expect((await cli(['evaluate', REGISTRY, '--seed', 's', '--nonpoor', NONPOOR, '--out', out])).status).toBe(0);
    const frame = readFileSync(join(out, 'frame.csv'), 'utf8').split('\n');
    frame[5] = frame[5]!.replace(/,sample,/, ',spare,');
    writeFileSync(join(out, 'frame.csv'), frame.join('\n'));
    const result = await cli(['verify', join(out, 'manifest.json')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /DIFF frame\.csv: frame\.csv beside the manifest was changed after the draw: 1 line\(s\) differ; first at line 6/,
    );
  });

  it('--villages is the villages per county; its former name --villages-per-county and plan key villages_per_county still work, both at once are refused', async () => {
    const base = ['evaluate', REGISTRY, '--seed', 's', '--counties', '4', '--json'];
    const parameters = async (args: readonly string[], cwd?: string) => {
      const result = await cli([...base, ...args], cwd === undefined ? {} : { cwd });
      expect(result.status, result.stderr).toBe(0);
      const manifest = JSON.parse(result.stdout).manifest;
      return {
        parameters: manifest.parameters,
        sample: manifest.sample,
        outputs: manifest.outputs,
        plan: manifest.plan,
      };
    };
    const byName = await parameters(['--villages', '2']);
    expect(byName.parameters.villages_per_county).toBe(2); // the manifest key is frozen
    expect(await parameters(['--villages-per-county', '2'])).toEqual(byName);
    const dir = tempDir();
    const plan = (section: Record<string, number>) =>
      writeFileSync(join(dir, 'spotcheck.config.json'), JSON.stringify({ evaluate: section }));
    plan({ villages_per_county: 2 });
    const { plan: formerPlan, ...fromFormerKey } = await parameters([], dir);
    expect(formerPlan.applied).toEqual({ 'evaluate.villages_per_county': 2 });
    expect(fromFormerKey).toEqual(byName);
    plan({ villages: 2 });
    const { plan: _plan, ...fromKey } = await parameters([], dir);
    expect(fromKey).toEqual(byName);
    // The command line overrides the plan under either name.
    expect((await parameters(['--villages-per-county', '3'], dir)).parameters.villages_per_county).toBe(3);
    plan({ villages_per_county: 2 });
    expect((await parameters(['--villages', '3'], dir)).parameters.villages_per_county).toBe(3);

    const both = await cli([...base, '--villages', '2', '--villages-per-county', '2']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/--villages and --villages-per-county are the same option/);
    plan({ villages: 2, villages_per_county: 2 } as Record<string, number>);
    const bothInPlan = await cli(base, { cwd: dir });
    expect(bothInPlan.status).toBe(2);
    expect(bothInPlan.stderr).toMatch(/evaluate\.villages and evaluate\.villages_per_county are the same option/);
    const bad = await cli([...base, '--villages-per-county', '0']);
    expect(bad.stderr).toMatch(/--villages must be a positive integer, got "0"/);
    const help = await cli(['evaluate', '--help']);
    expect(help.stdout).toMatch(/--villages <n> /);
    expect(help.stdout).not.toMatch(/--villages-per-county/);
  });
});
