/** Helpers shared by duckdb.test.ts, postgres.test.ts and usage.test.ts (moved from test/sql.test.ts, issue 14). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { cli, DEMO, ROOT } from '../../helpers.js';

export const EVAL = join(ROOT, 'fixtures', 'eval-registry.csv');
export const NONPOOR = join(ROOT, 'fixtures', 'eval-nonpoor.csv');
export const headerOf = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',');
export const DEMO_HEADER = headerOf(DEMO);
const EVAL_HEADER = headerOf(EVAL);

type Value = string | number | bigint | boolean | null;
export type Row = Record<string, Value>;

/** Runs a database's statements; the SQL of `spotcheck sql` is split at its "-- result:" comments. */
export interface Database {
  readonly name: 'duckdb' | 'postgres';
  query(sql: string): Promise<Row[]>;
  /** Creates `table` with the columns of a CSV file (all text) and loads it. */
  load(table: string, file: string, columns?: readonly string[]): Promise<void>;
  exec(sql: string): Promise<void>;
}

function splitResults(sql: string): Map<string, string> {
  const results = new Map<string, string>();
  const parts = sql.split(/^-- result: (\w+)$/m);
  for (let index = 1; index < parts.length; index += 2) results.set(parts[index]!, parts[index + 1]!);
  return results;
}

export async function printSql(args: readonly string[]): Promise<Map<string, string>> {
  const result = await cli(['sql', ...args]);
  if (result.status !== 0)
    throw new Error(`spotcheck sql ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return splitResults(result.stdout);
}

/** The CLI's --json output, computed once per argument list (DuckDB and PostgreSQL compare with the same). */
const cliOutputs = new Map<string, Record<string, unknown>>();
export async function runJson(args: readonly string[]): Promise<Record<string, unknown>> {
  const key = JSON.stringify(args);
  const known = cliOutputs.get(key);
  if (known) return known;
  const result = await cli([...args, '--json']);
  if (result.status !== 0) throw new Error(`spotcheck ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  const output = JSON.parse(result.stdout) as Record<string, unknown>;
  cliOutputs.set(key, output);
  return output;
}

/**
 * Compares the SQL's rows with the CLI's, column by column: text exactly, numbers to 1e-12. Every
 * cell is compared in plain code and the differences asserted at once (an expect() per cell cost
 * seconds of the file's time).
 */
export function expectSameRows(
  sqlRows: readonly Row[],
  cliRows: readonly Record<string, unknown>[],
  label: string,
): void {
  expect(sqlRows.length, `${label}: rows`).toBe(cliRows.length);
  const differences: string[] = [];
  cliRows.forEach((expected, index) => {
    const actual = sqlRows[index]!;
    for (const [column, want] of Object.entries(expected)) {
      if (column === 'registry') continue;
      const got = actual[column];
      const where = `${label} row ${index + 1} column ${column}`;
      if (want === null) {
        if (got !== null) differences.push(`${where}: ${String(got)}, expected null`);
      } else if (typeof want === 'number') {
        const value = Number(got);
        if (got === null) differences.push(`${where}: null, expected ${want}`);
        else if (!(Math.abs(value - want) <= 1e-12 * Math.max(1, Math.abs(want))))
          differences.push(`${where}: ${value} vs ${want}`);
      } else if (!Object.is(String(got), want)) differences.push(`${where}: ${String(got)}, expected ${String(want)}`);
    }
  });
  expect(differences, label).toEqual([]);
}

// ---------------------------------------------------------------------------------------------
// DuckDB

export async function duckdb(): Promise<Database & { connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const convert = (value: unknown): Value => (typeof value === 'bigint' ? Number(value) : (value as Value));
  return {
    name: 'duckdb',
    connection,
    async query(sql) {
      const reader = await connection.runAndReadAll(sql);
      return reader
        .getRowObjects()
        .map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, convert(value)])));
    },
    async load(table, file) {
      await connection.run(
        `CREATE OR REPLACE TABLE "${table}" AS SELECT * FROM read_csv('${file}', all_varchar = true, header = true, delim = ',', quote = '"', escape = '"')`,
      );
    },
    async exec(sql) {
      await connection.run(sql);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The comparisons, the same for both databases

interface MonthlyCase {
  readonly name: string;
  readonly file: string;
  readonly table: string;
  /** spotcheck sql's table options. */
  readonly tableOptions: readonly string[];
  readonly draw: readonly string[];
}

const MONTHLY_CASES: readonly MonthlyCase[] = [
  {
    name: 'demo, province',
    file: DEMO,
    table: 'demo',
    tableOptions: ['--table-columns', DEMO_HEADER.join(',')],
    draw: ['--month', '2026-11', '--seed', 'demo-2026-11', '--level', 'province'],
  },
  {
    name: 'demo, prefecture',
    file: DEMO,
    table: 'demo',
    tableOptions: ['--table-columns', DEMO_HEADER.join(',')],
    draw: [
      '--month',
      '2026-12',
      '--seed',
      '2026年12月 公开摇号 03 17 25',
      '--level',
      '州市',
      '--scope',
      '文山壮族苗族自治州',
    ],
  },
  {
    name: 'demo, county',
    file: DEMO,
    table: 'demo',
    tableOptions: ['--table-columns', DEMO_HEADER.join(',')],
    draw: [
      '--month',
      '2026-12',
      '--seed',
      '\u3000 Zu\u0308rich ñ-7 ',
      '--level',
      'county',
      '--scope',
      '峨山彝族自治县',
    ],
  },
  {
    name: 'demo, township',
    file: DEMO,
    table: 'demo',
    tableOptions: ['--table-columns', DEMO_HEADER.join(',')],
    draw: ['--month', '2026-11', '--seed', '种子𠮷', '--level', 'township', '--scope', '峨山彝族自治县›平通彝族乡'],
  },
  {
    name: 'demo, province, every village and status, other sizes',
    file: DEMO,
    table: 'demo',
    tableOptions: ['--table-columns', DEMO_HEADER.join(',')],
    draw: [
      '--month',
      '2027-01',
      '--seed',
      "it's 8812",
      '--counties',
      '5',
      '--villages',
      '3',
      '--households',
      '7',
      '--village-frame',
      'all',
      '--statuses',
      'poor',
    ],
  },
  {
    name: 'eval registry (codes), province',
    file: EVAL,
    table: 'eval',
    tableOptions: ['--table-columns', EVAL_HEADER.join(',')],
    draw: ['--month', '2026-11', '--seed', 'eval-monthly', '--level', 'province'],
  },
  {
    name: 'eval registry (codes), township by code',
    file: EVAL,
    table: 'eval',
    tableOptions: ['--table-columns', EVAL_HEADER.join(',')],
    draw: [
      '--month',
      '2027-01',
      '--seed',
      '8812',
      '--level',
      'township',
      '--scope',
      '530102101',
      '--village-frame',
      'all',
    ],
  },
  {
    name: 'eval registry (codes), prefecture by code',
    file: EVAL,
    table: 'eval',
    tableOptions: ['--table-columns', EVAL_HEADER.join(',')],
    draw: ['--month', '2027-02', '--seed', 'p', '--level', 'prefecture', '--scope', '530100', '--counties', '3'],
  },
];

interface EvaluationCase {
  readonly name: string;
  readonly draw: readonly string[];
  /** The non-poor table (default `nonpoor`; `nonpoor_bare` has no status column). */
  readonly nonpoorTable?: string;
}
const EVALUATION_CASES: readonly EvaluationCase[] = [
  {
    name: 'srs, proportional, a non-poor table without status columns',
    draw: ['--seed', '2026 评估 公开摇号', '--counties', '8'],
    nonpoorTable: 'nonpoor_bare',
  },
  {
    name: 'srs, households allocation, poverty-county strata',
    draw: [
      '--seed',
      'eval-2',
      '--counties',
      '5',
      '--strata',
      'poverty-county',
      '--allocation',
      'households',
      '--households',
      'poor=4,exited=3,nonpoor=2',
      '--spares',
      '3',
      '--villages-per-county',
      '2',
    ],
  },
  { name: 'pps, proportional', draw: ['--seed', '731', '--counties', '8', '--county-selection', 'pps'] },
  {
    name: 'pps, households allocation, poverty-county strata',
    draw: [
      '--seed',
      '731',
      '--counties',
      '6',
      '--county-selection',
      'pps',
      '--strata',
      'poverty-county',
      '--allocation',
      'households',
    ],
  },
  {
    name: 'srs, equal allocation, fewer counties than strata',
    draw: ['--seed', 'few', '--counties', '3', '--allocation', 'equal'],
  },
  {
    name: 'pps with certainty counties in large strata (households allocation)',
    draw: [
      '--seed',
      '731',
      '--counties',
      '22',
      '--county-selection',
      'pps',
      '--strata',
      'poverty-county',
      '--allocation',
      'households',
    ],
  },
  {
    name: 'pps with certainty counties (equal allocation)',
    draw: [
      '--seed',
      'equal-pps',
      '--counties',
      '14',
      '--county-selection',
      'pps',
      '--strata',
      'poverty-county',
      '--allocation',
      'equal',
      '--spares',
      '1',
    ],
  },
];

async function compareMonthly(db: Database, testCase: MonthlyCase): Promise<void> {
  const expected = (await runJson(['monthly', testCase.file, ...testCase.draw])) as {
    manifest: {
      frame: { definition: { villageFrame: string }; sizes: Record<string, number> };
      parameters: { scope_key: string };
    };
    counties: Row[];
    villages: Row[];
    households: Row[];
  };
  const results = await printSql([
    '--dialect',
    db.name,
    '--table',
    testCase.table,
    ...testCase.tableOptions,
    ...testCase.draw,
  ]);
  expect([...results.keys()]).toEqual(['frame', 'counties', 'villages', 'households']);
  const [frame] = await db.query(results.get('frame')!);
  expectSameRows(
    [frame!],
    [
      {
        ...expected.manifest.frame.sizes,
        village_frame: expected.manifest.frame.definition.villageFrame,
        scope_key: expected.manifest.parameters.scope_key,
      },
    ],
    `${testCase.name}: frame`,
  );
  for (const table of ['counties', 'villages', 'households'] as const) {
    expectSameRows(await db.query(results.get(table)!), expected[table], `${testCase.name}: ${table}`);
  }
  expect(expected.households.length).toBeGreaterThan(0);
}

async function compareEvaluation(db: Database, testCase: EvaluationCase): Promise<void> {
  const expected = (await runJson(['evaluate', EVAL, '--nonpoor', NONPOOR, ...testCase.draw])) as {
    manifest: { frame: { counties: number; villages: number; households: Record<string, number> } };
    strata: Row[];
    counties: Row[];
    villages: Row[];
    households: Row[];
    spares: Row[];
  };
  const results = await printSql([
    '--dialect',
    db.name,
    '--mode',
    'evaluate',
    '--table',
    'eval',
    '--nonpoor-table',
    testCase.nonpoorTable ?? 'nonpoor',
    '--table-columns',
    EVAL_HEADER.join(','),
    ...testCase.draw,
  ]);
  expect([...results.keys()]).toEqual(['frame', 'strata', 'counties', 'villages', 'households']);
  const { frame } = expected.manifest;
  expectSameRows(
    await db.query(results.get('frame')!),
    [
      {
        counties: frame.counties,
        villages: frame.villages,
        poor_households: frame.households.poor,
        exited_households: frame.households.exited,
        nonpoor_households: frame.households.nonpoor,
      },
    ],
    `${testCase.name}: frame`,
  );
  expectSameRows(await db.query(results.get('strata')!), expected.strata, `${testCase.name}: strata`);
  expectSameRows(await db.query(results.get('counties')!), expected.counties, `${testCase.name}: counties`);
  expectSameRows(await db.query(results.get('villages')!), expected.villages, `${testCase.name}: villages`);
  const households = await db.query(results.get('households')!);
  expectSameRows(
    households.filter((row) => row.role === 'sample'),
    expected.households,
    `${testCase.name}: sample`,
  );
  expectSameRows(
    households.filter((row) => row.role === 'spare'),
    expected.spares,
    `${testCase.name}: spares`,
  );
  expect(expected.spares.length).toBeGreaterThan(0);
}

/**
 * A person-level registry with untidy cells: spaces around and inside names, full-width and
 * no-break spaces, a tab, decomposed accents, 是否贫困村 as YES / no.
 */
function untidyRegistry(dir: string): string {
  const rows = readFileSync(DEMO, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const [header, ...data] = rows;
  const changed = data.map((line, index) => {
    const cells = line.split(',');
    if (index % 7 === 0) cells[0] = ` ${cells[0]}\u3000`; // 行政县 with spaces around
    if (index % 5 === 0) cells[1] = cells[1]!.replace(/^(.)(.)/, '$1 \u3000$2'); // a space inside a township name
    if (index % 13 === 0) cells[10] = ` ${cells[10]}\t`;
    if (index % 17 === 0) cells[13] = cells[13] === '是' ? ' YES ' : cells[13] === '否' ? 'no' : cells[13]!;
    if (index % 3 === 0) cells[2] = `${cells[2]}\u00a0`;
    return cells.join(',');
  });
  // One village written with a decomposed accent on some rows and a composed one on others.
  changed.push(
    '峨山彝族自治县,平通彝族乡,Cafe\u0301 村,x,9999000000000001,999900000000000101,甲,0,2,户主,未脱贫,,一般贫困户,是',
  );
  changed.push(
    '峨山彝族自治县,平通彝族乡,Caf\u00e9村,x,9999000000000001,999900000000000102,乙,0,2,之子,未脱贫,,一般贫困户,是',
  );
  changed.push(
    '峨山彝族自治县,平通彝族乡,Caf\u00e9 村,x,9999000000000002,999900000000000201,丙,0,,户主,已脱贫,,一般贫困户,是',
  );
  const file = join(dir, 'untidy.csv');
  writeFileSync(file, `${[header, ...changed].join('\n')}\n`);
  return file;
}

/**
 * The demo registry without its 与户主关系 column, rows of some households reversed and given
 * other statuses: the row with the smallest person_id stands for each household.
 */
function withoutRelation(dir: string): { file: string; header: string[] } {
  const rows = readFileSync(DEMO, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const drop = (line: string) => line.split(',').filter((_, column) => column !== 9);
  const header = drop(rows[0]!);
  const data = rows.slice(1).map(drop);
  for (let index = 0; index + 1 < data.length; index += 9) {
    const [a, b] = [data[index]!, data[index + 1]!];
    if (a[4] === b[4]) {
      b[9] = a[9] === '未脱贫' ? '已脱贫' : '未脱贫'; // the later row (larger person_id) says otherwise
      [data[index], data[index + 1]] = [b, a];
    }
  }
  const file = join(dir, 'no-relation.csv');
  writeFileSync(file, `${[header, ...data].map((cells) => cells.join(',')).join('\n')}\n`);
  return { file, header };
}

export const BARE_NONPOOR =
  'CREATE TABLE nonpoor_bare AS SELECT household_id, prefecture, county_code, county, township_code, township, village_code, village, household_size, poor_village FROM nonpoor';

export function definePairs(getDb: () => Database, dir: () => string): void {
  for (const testCase of MONTHLY_CASES) {
    it(`monthly: ${testCase.name}`, async () => {
      await compareMonthly(getDb(), testCase);
    });
  }
  for (const testCase of EVALUATION_CASES) {
    it(`evaluate: ${testCase.name}`, async () => {
      await compareEvaluation(getDb(), testCase);
    });
  }

  it('evaluate: the counties of systematic PPS and of SRS over many seeds and sample sizes', async () => {
    const db = getDb();
    for (let index = 0; index < 6; index++) {
      const draw = [
        '--seed',
        `pps-${index}`,
        '--counties',
        String(4 + index * 4),
        '--county-selection',
        index % 3 === 2 ? 'srs' : 'pps',
        '--strata',
        index % 2 ? 'poverty-county' : 'prefecture',
        '--allocation',
        ['proportional', 'households', 'equal'][index % 3]!,
      ];
      const expected = (await runJson(['evaluate', EVAL, '--nonpoor', NONPOOR, ...draw])) as {
        strata: Row[];
        counties: Row[];
      };
      const results = await printSql([
        '--dialect',
        db.name,
        '--mode',
        'evaluate',
        '--table',
        'eval',
        '--nonpoor-table',
        'nonpoor',
        '--table-columns',
        EVAL_HEADER.join(','),
        '--select',
        'strata,counties',
        ...draw,
      ]);
      expectSameRows(await db.query(results.get('strata')!), expected.strata, `${draw.join(' ')}: strata`);
      expectSameRows(await db.query(results.get('counties')!), expected.counties, `${draw.join(' ')}: counties`);
    }
  });

  it('monthly: untidy names are normalised as the CLI does (NFC, spaces, controls)', async () => {
    const db = getDb();
    const file = untidyRegistry(dir());
    await db.load('untidy', file);
    for (const draw of [
      [
        '--month',
        '2026-11',
        '--seed',
        'untidy',
        '--level',
        'county',
        '--scope',
        '530426',
        '--villages',
        '50',
        '--households',
        '50',
      ],
      [
        '--month',
        '2026-11',
        '--seed',
        'untidy-2',
        '--counties',
        '12',
        '--villages',
        '9',
        '--households',
        '40',
        '--village-frame',
        'all',
      ],
    ]) {
      await compareMonthly(db, {
        name: `untidy ${draw[3]}`,
        file,
        table: 'untidy',
        tableOptions: ['--table-columns', DEMO_HEADER.join(',')],
        draw,
      });
    }
  });

  it('monthly: person rows without a relation column: the row with the smallest person_id stands for the household', async () => {
    const db = getDb();
    const { file, header } = withoutRelation(dir());
    await db.load('no_relation', file);
    const draw = [
      '--month',
      '2026-11',
      '--seed',
      'no-relation',
      '--counties',
      '12',
      '--villages',
      '9',
      '--households',
      '40',
    ];
    await compareMonthly(db, {
      name: 'no relation column',
      file,
      table: 'no_relation',
      tableOptions: ['--table-columns', header.join(',')],
      draw,
    });
  });

  it('refuses, as the CLI does, a household without a 户主 row when the table has a relation column', async () => {
    const db = getDb();
    await db.exec(`DROP TABLE IF EXISTS headless; CREATE TABLE headless AS SELECT * FROM demo`);
    await db.exec(`UPDATE headless SET "与户主关系" = '之子' WHERE "人编号" = '530426101201000101'`);
    const results = await printSql([
      '--dialect',
      db.name,
      '--table',
      'headless',
      '--table-columns',
      DEMO_HEADER.join(','),
      '--month',
      '2026-11',
      '--seed',
      's',
      '--select',
      'frame',
    ]);
    await expect(db.query(results.get('frame')!)).rejects.toThrow(/1 households without a 户主 row/);
  });

  it('monthly: the canonical column names without --table-columns, and --column for a renamed column', async () => {
    const db = getDb();
    await db.exec(
      `DROP TABLE IF EXISTS canonical; CREATE TABLE canonical AS SELECT household_id AS hh_no, prefecture, county_code, county, township_code, township, village_code, village, household_size, status, CAST(NULL AS VARCHAR) AS household_type, poor_village FROM eval`,
    );
    const draw = ['--month', '2026-11', '--seed', 'canonical', '--level', 'county', '--scope', '530102'];
    const expected = (await runJson(['monthly', EVAL, ...draw])) as { households: Row[] };
    const results = await printSql([
      '--dialect',
      db.name,
      '--table',
      'canonical',
      '--column',
      'household_id=hh_no',
      '--select',
      'households',
      ...draw,
    ]);
    expect([...results.keys()]).toEqual(['households']);
    expectSameRows(await db.query(results.get('households')!), expected.households, 'canonical');
  });

  it('refuses, with a message, a table the CLI would refuse and a scope that names no township', async () => {
    const db = getDb();
    await db.exec(`DROP TABLE IF EXISTS broken; CREATE TABLE broken AS SELECT * FROM eval`);
    await db.exec(`UPDATE broken SET county_code = '539999' WHERE household_id = '5301021012010001'`);
    await db.exec(`UPDATE broken SET status = '不知道' WHERE household_id = '5301021012010002'`);
    const results = await printSql([
      '--dialect',
      db.name,
      '--table',
      'broken',
      '--table-columns',
      EVAL_HEADER.join(','),
      '--month',
      '2026-11',
      '--seed',
      's',
      '--select',
      'counties',
    ]);
    await expect(db.query(results.get('counties')!)).rejects.toThrow(
      /spotcheck sql: the registry table breaks the rules.*1 rows whose county is not.*1 rows with an unknown status/s,
    );
    const scope = await printSql([
      '--dialect',
      db.name,
      '--table',
      'eval',
      '--table-columns',
      EVAL_HEADER.join(','),
      '--month',
      '2026-11',
      '--seed',
      's',
      '--level',
      'township',
      '--scope',
      '无此乡',
      '--select',
      'households',
    ]);
    await expect(db.query(scope.get('households')!)).rejects.toThrow(
      /--scope 无此乡 does not name exactly one township/,
    );
  });
}
