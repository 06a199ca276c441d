/**
 * `spotcheck sql`: the SQL it prints, run in a real DuckDB (embedded, from npm) and a real
 * PostgreSQL server, selects exactly what `spotcheck monthly --json` / `spotcheck evaluate --json`
 * select on the same registry: the same frame sizes, unit keys, tickets, ranks, probabilities and
 * weights (numbers to 1e-12).
 *
 * PostgreSQL: the server named by SPOTCHECK_PG_HOST / SPOTCHECK_PG_PORT (.ci/run starts one with
 * test/postgres-setup.sh), else one this file starts with that script; its tests are skipped, with
 * the reason, only when no server can be started. The 1,000,000-household check runs only with
 * SPOTCHECK_SLOW_TESTS=1.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { parse } from 'csv-parse/sync';
import { cli, DEMO, ROOT, tempDir } from './helpers.js';

const EVAL = join(ROOT, 'fixtures', 'eval-registry.csv');
const NONPOOR = join(ROOT, 'fixtures', 'eval-nonpoor.csv');
const headerOf = (file: string): string[] =>
  readFileSync(file, 'utf8')
    .replace(/^\ufeff/, '')
    .split(/\r?\n/, 1)[0]!
    .split(',');
const DEMO_HEADER = headerOf(DEMO);
const EVAL_HEADER = headerOf(EVAL);

type Value = string | number | bigint | boolean | null;
type Row = Record<string, Value>;

/** Runs a database's statements; the SQL of `spotcheck sql` is split at its "-- result:" comments. */
interface Database {
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

async function printSql(args: readonly string[]): Promise<Map<string, string>> {
  const result = await cli(['sql', ...args]);
  if (result.status !== 0)
    throw new Error(`spotcheck sql ${args.join(' ')} failed (${result.status}): ${result.stderr}`);
  return splitResults(result.stdout);
}

/** The CLI's --json output, computed once per argument list (DuckDB and PostgreSQL compare with the same). */
const cliOutputs = new Map<string, Record<string, unknown>>();
async function runJson(args: readonly string[]): Promise<Record<string, unknown>> {
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
function expectSameRows(sqlRows: readonly Row[], cliRows: readonly Record<string, unknown>[], label: string): void {
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

async function duckdb(): Promise<Database & { connection: DuckDBConnection }> {
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
// PostgreSQL through psql

interface PgServer {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  /** Set when this file started the server (and so stops it). */
  readonly startedDir: string | null;
}

function startPostgres(): { server: PgServer | null; reason: string } {
  const { SPOTCHECK_PG_HOST: host, SPOTCHECK_PG_PORT: port, SPOTCHECK_PG_USER: user } = process.env;
  if (host) return { server: { host, port: port ?? '5432', user: user ?? 'postgres', startedDir: null }, reason: '' };
  const started = spawnSync('bash', [join(ROOT, 'test', 'postgres-setup.sh'), 'start'], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (started.status !== 0)
    return { server: null, reason: (started.stderr || started.error?.message || 'postgres-setup.sh failed').trim() };
  const env = Object.fromEntries(
    [...started.stdout.matchAll(/(SPOTCHECK_PG_\w+)=(\S+)/g)].map((match) => [match[1]!, match[2]!]),
  );
  return {
    server: {
      host: env.SPOTCHECK_PG_HOST!,
      port: env.SPOTCHECK_PG_PORT!,
      user: env.SPOTCHECK_PG_USER!,
      startedDir: env.SPOTCHECK_PG_DIR!,
    },
    reason: '',
  };
}

function psqlAvailable(): string {
  const found = spawnSync('psql', ['--version'], { encoding: 'utf8' });
  return found.status === 0 ? '' : 'psql (the PostgreSQL client) is not installed';
}

function postgres(server: PgServer, database: string): Database {
  const psql = (sql: string, csv: boolean): string => {
    const result = spawnSync(
      'psql',
      [
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-h',
        server.host,
        '-p',
        server.port,
        '-U',
        server.user,
        '-d',
        database,
        ...(csv ? ['--csv', '-P', 'null=\\N'] : []),
        '-f',
        '-',
      ],
      { input: sql, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
    );
    if (result.status !== 0) throw new Error(result.stderr || `psql exited with ${result.status}`);
    return result.stdout;
  };
  return {
    name: 'postgres',
    async query(sql) {
      const records = parse(psql(sql, true), { columns: true, skip_empty_lines: true }) as Record<string, string>[];
      return records.map((record) =>
        Object.fromEntries(Object.entries(record).map(([key, value]) => [key, value === '\\N' ? null : value])),
      );
    },
    async load(table, file) {
      const columns = headerOf(file)
        .map((name) => `"${name}" text`)
        .join(', ');
      psql(
        `DROP TABLE IF EXISTS "${table}"; CREATE TABLE "${table}" (${columns});\n\\copy "${table}" FROM '${file}' WITH (FORMAT csv, HEADER true)\n`,
        false,
      );
    },
    async exec(sql) {
      psql(sql, false);
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

const BARE_NONPOOR =
  'CREATE TABLE nonpoor_bare AS SELECT household_id, prefecture, county_code, county, township_code, township, village_code, village, household_size, poor_village FROM nonpoor';

function definePairs(getDb: () => Database, dir: () => string): void {
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

describe('spotcheck sql: usage', () => {
  it('needs a dialect and refuses options of the other mode and unsupported strata', async () => {
    expect((await cli(['sql', '--month', '2026-11', '--seed', 's'])).stderr).toMatch(/--dialect is required/);
    expect(
      (await cli(['sql', '--dialect', 'duckdb', '--month', '2026-11', '--seed', 's', '--spares', '2'])).stderr,
    ).toMatch(/--spares does not apply to --mode monthly/);
    expect(
      (await cli(['sql', '--dialect', 'duckdb', '--mode', 'evaluate', '--seed', 's', '--strata', '县类型'])).stderr,
    ).toMatch(/prefecture or poverty-county only/);
    expect(
      (
        await cli([
          'sql',
          '--dialect',
          'duckdb',
          '--month',
          '2026-11',
          '--seed',
          's',
          '--level',
          'county',
          '--scope',
          '不存在县',
        ])
      ).stderr,
    ).toMatch(/is not a county of the division table/);
    expect(
      (
        await cli([
          'sql',
          '--dialect',
          'duckdb',
          '--month',
          '2026-11',
          '--seed',
          's',
          '--layout',
          'household',
          '--table-columns',
          DEMO_HEADER.join(','),
        ])
      ).stderr,
    ).toMatch(/contradicts --table-columns/);
    const help = await cli(['sql', '--help']);
    expect(help.stdout).toMatch(/What it does:/);
    expect(help.stdout).toMatch(/Cost:/);
  });

  it('--villages is the villages per county in both modes (default by mode); its former name --villages-per-county still works, not both', async () => {
    const sql = async (args: readonly string[]) => {
      const result = await cli(['sql', '--dialect', 'duckdb', '--seed', 's', ...args]);
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    const evaluate = ['--mode', 'evaluate'];
    const monthly = ['--month', '2026-11'];
    expect(await sql(evaluate)).toMatch(/villages per county 3;/);
    const byName = await sql([...evaluate, '--villages', '2']);
    expect(byName).toMatch(/villages per county 2;/);
    expect(await sql([...evaluate, '--villages-per-county', '2'])).toBe(byName);
    expect(await sql(monthly)).toMatch(/; villages 2;/);
    const monthlyByName = await sql([...monthly, '--villages', '3']);
    expect(monthlyByName).toMatch(/; villages 3;/);
    expect(await sql([...monthly, '--villages-per-county', '3'])).toBe(monthlyByName);
    for (const mode of [evaluate, monthly]) {
      const both = await cli([
        'sql',
        '--dialect',
        'duckdb',
        '--seed',
        's',
        ...mode,
        '--villages',
        '2',
        '--villages-per-county',
        '2',
      ]);
      expect(both.status).toBe(2);
      expect(both.stderr).toMatch(/--villages and --villages-per-county are the same option/);
    }
    const bad = await cli(['sql', '--dialect', 'duckdb', '--seed', 's', ...evaluate, '--villages-per-county', '0']);
    expect(bad.stderr).toMatch(/--villages must be a positive integer, got "0"/);
    expect((await cli(['sql', '--help'])).stdout).not.toMatch(/--villages-per-county/);
  });

  it('prints the ticket of docs/algorithm.md vector 1 in the SQL for both dialects', async () => {
    for (const dialect of ['duckdb', 'postgres']) {
      const result = await cli([
        'sql',
        '--dialect',
        dialect,
        '--month',
        '2026-11',
        '--seed',
        'demo-2026-11',
        '--select',
        'counties',
      ]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(
        "concat_ws(chr(31), 'spotcheck-ticket-1', 'demo-2026-11', 'monthly', '2026-11', 'province', (SELECT scope_key FROM settings), 'county', c.county_key)",
      );
      expect(result.stdout).toMatch(
        dialect === 'duckdb' ? /sha256\(concat_ws/ : /encode\(sha256\(convert_to\(concat_ws/,
      );
    }
  });
});

describe('spotcheck sql in DuckDB (@duckdb/node-api)', () => {
  let db: Awaited<ReturnType<typeof duckdb>>;
  let dir: string;
  beforeAll(async () => {
    db = await duckdb();
    dir = tempDir('spotcheck-sql-');
    await db.load('demo', DEMO);
    await db.load('eval', EVAL);
    await db.load('nonpoor', NONPOOR);
    await db.exec(BARE_NONPOOR);
  });
  afterAll(() => {
    db?.connection.closeSync();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  definePairs(
    () => db,
    () => dir,
  );
});

const missingPsql = psqlAvailable();
const pgStart = missingPsql ? { server: null, reason: missingPsql } : startPostgres();
const pgSkip = pgStart.server === null ? `no PostgreSQL server could be started: ${pgStart.reason}` : '';
if (pgSkip) process.stderr.write(`test/sql.test.ts: PostgreSQL tests SKIPPED — ${pgSkip}\n`);
/** Stops the server this file started (once), whether or not its tests ran. */
let pgStopped = false;
function stopStartedServer(): void {
  const dir = pgStart.server?.startedDir;
  if (pgStopped || !dir) return;
  pgStopped = true;
  spawnSync('bash', [join(ROOT, 'test', 'postgres-setup.sh'), 'stop', dir]);
}
process.on('exit', stopStartedServer);
afterAll(stopStartedServer);

describe.skipIf(pgStart.server === null)(`spotcheck sql in PostgreSQL${pgSkip ? ` (skipped: ${pgSkip})` : ''}`, () => {
  let db: Database;
  let dir: string;
  const database = `spotcheck_test_${process.pid}`;
  beforeAll(async () => {
    const server = pgStart.server!;
    await postgres(server, 'postgres').exec(
      `DROP DATABASE IF EXISTS ${database}; CREATE DATABASE ${database} ENCODING 'UTF8' TEMPLATE template0;`,
    );
    db = postgres(server, database);
    dir = tempDir('spotcheck-sql-pg-');
    await db.load('demo', DEMO);
    await db.load('eval', EVAL);
    await db.load('nonpoor', NONPOOR);
    await db.exec(BARE_NONPOOR);
  });
  afterAll(async () => {
    const server = pgStart.server!;
    if (server.startedDir) stopStartedServer();
    else
      await postgres(server, 'postgres')
        .exec(`DROP DATABASE IF EXISTS ${database};`)
        .catch(() => undefined);
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  definePairs(
    () => db,
    () => dir,
  );
});

const slow = process.env.SPOTCHECK_SLOW_TESTS === '1';
if (!slow)
  process.stderr.write(
    'test/sql.test.ts: the 1,000,000-household DuckDB check is SKIPPED (set SPOTCHECK_SLOW_TESTS=1 to run it)\n',
  );

describe.skipIf(!slow)(
  `spotcheck sql on 1,000,000 households${slow ? '' : ' (skipped: set SPOTCHECK_SLOW_TESTS=1)'}`,
  () => {
    it('DuckDB (and PostgreSQL, when a server runs) draw what spotcheck monthly draws', async () => {
      const dir = tempDir('spotcheck-sql-1m-');
      try {
        const file = join(dir, 'registry-1m.csv');
        let started = Date.now();
        const generated = await cli([
          'generate',
          '--out',
          file,
          '--households',
          '1000000',
          '--layout',
          'household',
          '--seed',
          's',
        ]);
        expect(generated.status, generated.stderr).toBe(0);
        const timings: string[] = [`generate ${Date.now() - started} ms`];
        const draw = ['--month', '2026-11', '--seed', 'million', '--level', 'province'];
        started = Date.now();
        const expected = (await runJson(['monthly', file, ...draw])) as {
          manifest: {
            frame: { sizes: Record<string, number>; definition: { villageFrame: string } };
            parameters: { scope_key: string };
          };
          counties: Row[];
          villages: Row[];
          households: Row[];
        };
        timings.push(`spotcheck monthly ${Date.now() - started} ms`);
        const db = await duckdb();
        started = Date.now();
        await db.load('big', file);
        timings.push(`DuckDB load ${Date.now() - started} ms`);
        const results = await printSql([
          '--dialect',
          'duckdb',
          '--table',
          'big',
          '--table-columns',
          headerOf(file).join(','),
          ...draw,
        ]);
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
          '1M frame',
        );
        for (const table of ['counties', 'villages', 'households'] as const) {
          started = Date.now();
          expectSameRows(await db.query(results.get(table)!), expected[table], `1M ${table}`);
          timings.push(`DuckDB ${table} ${Date.now() - started} ms`);
        }
        const fast = await printSql([
          '--dialect',
          'duckdb',
          '--table',
          'big',
          '--table-columns',
          headerOf(file).join(','),
          '--assume-normalised',
          '--select',
          'households',
          ...draw,
        ]);
        started = Date.now();
        expectSameRows(
          await db.query(fast.get('households')!),
          expected.households,
          '1M households (--assume-normalised)',
        );
        timings.push(`DuckDB households --assume-normalised ${Date.now() - started} ms`);
        db.connection.closeSync();
        if (pgStart.server) {
          const pg = postgres(pgStart.server, 'postgres');
          started = Date.now();
          await pg.load('spotcheck_big', file);
          timings.push(`PostgreSQL load ${Date.now() - started} ms`);
          try {
            for (const normalised of [false, true]) {
              const pgResults = await printSql([
                '--dialect',
                'postgres',
                '--table',
                'spotcheck_big',
                '--table-columns',
                headerOf(file).join(','),
                '--select',
                'households',
                ...(normalised ? ['--assume-normalised'] : []),
                ...draw,
              ]);
              started = Date.now();
              expectSameRows(
                await pg.query(pgResults.get('households')!),
                expected.households,
                `1M PostgreSQL households${normalised ? ' (--assume-normalised)' : ''}`,
              );
              timings.push(
                `PostgreSQL households${normalised ? ' --assume-normalised' : ''} ${Date.now() - started} ms`,
              );
            }
          } finally {
            await pg.exec('DROP TABLE IF EXISTS spotcheck_big;');
          }
        }
        process.stderr.write(`test/sql.test.ts 1M households: ${timings.join('; ')}\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 900_000);
  },
);
