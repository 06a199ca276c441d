/** The plan file: spotcheck.config.json in the working directory or --plan FILE; flags override it. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../helpers.js';

const DRAW = ['monthly', DEMO, '--month', '2026-11', '--seed', 'plan'];

describe('plan file', () => {
  it('spotcheck.config.json in the working directory sets the options; flags override; the manifest records it', async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'spotcheck.config.json'),
      JSON.stringify({
        excel: true,
        ledger: 'draws.ledger',
        monthly: { level: 'prefecture', scope: '文山壮族苗族自治州', villages: 3, households: 4, spares: 1 },
      }),
    );
    const result = await cli([...DRAW, '--households', '2', '--out', 'draw'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(dir, 'draw', 'manifest.json'), 'utf8'));
    expect(manifest.parameters).toMatchObject({
      level: 'prefecture',
      scope: '文山壮族苗族自治州',
      villages: 3,
      households: 2,
      spares: 1,
      excel: true,
    });
    expect(manifest.plan).toMatchObject({
      path: '../spotcheck.config.json',
      applied: { excel: true, 'monthly.villages': 3, 'monthly.households': 4 },
    });
    expect(readFileSync(join(dir, 'draw', 'households.csv')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(existsSync(join(dir, 'draws.ledger'))).toBe(true);
    const households = parse(readFileSync(join(dir, 'draw', 'households.csv'), 'utf8'), {
      columns: true,
      bom: true,
    }) as Array<Record<string, string>>;
    expect(
      Math.max(
        ...[...new Set(households.map((row) => row.village_key))].map(
          (key) => households.filter((row) => row.village_key === key).length,
        ),
      ),
    ).toBe(2);
    expect((await cli(['verify', join(dir, 'draw')])).status).toBe(0);
  });

  it('--plan FILE: paths in it are relative to it, and each command reads its own section', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'committee'));
    writeFileSync(
      join(dir, 'committee', 'plan.json'),
      JSON.stringify({
        ledger: 'ledger.jsonl',
        funds: {
          scope: '文山壮族苗族自治州',
          funds: join(ROOT, 'fixtures', 'county-funds-wenshan.csv'),
          coverage: '60%',
        },
        monthly: { level: 'county', scope: '丘北县' },
      }),
    );
    const funds = await cli([
      'funds',
      join(ROOT, 'fixtures', 'funds-registry.csv'),
      '--month',
      '2026-11',
      '--seed',
      'plan',
      '--plan',
      join(dir, 'committee', 'plan.json'),
      '--json',
    ]);
    expect(funds.status, funds.stderr).toBe(0);
    expect(JSON.parse(funds.stdout).manifest.parameters).toMatchObject({
      coverage: '60%',
      funds_source: 'table',
      scope: '文山壮族苗族自治州',
    });
    expect(existsSync(join(dir, 'committee', 'ledger.jsonl'))).toBe(true);
  });

  it('an invalid plan is a clear error naming the key, before anything is read', async () => {
    const dir = tempDir();
    const plan = async (content: string) => {
      writeFileSync(join(dir, 'plan.json'), content);
      return await cli([...DRAW, '--plan', join(dir, 'plan.json')]);
    };
    const cases: Array<[string, RegExp]> = [
      [
        '{"monthly": {"villagez": 3}}',
        /plan\.json: plan file: unknown key "monthly\.villagez"\n\s+known in "monthly": level, scope, counties, villages/,
      ],
      ['{"monthly": {"villages": "three"}}', /plan file: "monthly\.villages" must be a whole number, got "three"/],
      ['{"monthly": {"statuses": 5}}', /plan file: "monthly\.statuses" must be a list of strings/],
      ['{"colums": {}}', /plan file: unknown key "colums"/],
      ['{"columns": {"huhao": "户号"}}', /plan file: "columns\.huhao" is not a registry field/],
      ['{"funds": {"coverge": 0.5}}', /plan file: unknown key "funds\.coverge"/],
      ['{"monthly": ', /plan\.json: the plan file is not valid JSON/],
      ['[1, 2]', /the plan file must hold a JSON object/],
    ];
    for (const [content, message] of cases) {
      const result = await plan(content);
      expect(result.status, content).toBe(2);
      expect(result.stderr, content).toMatch(message);
      expect(result.stdout).toBe('');
    }
    expect((await cli([...DRAW, '--plan', join(dir, 'missing.json')])).stderr).toMatch(
      /missing\.json: cannot read the plan file: there is no such file/,
    );
  });
});
