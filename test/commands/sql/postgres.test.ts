/**
 * The tests "spotcheck sql in PostgreSQL" and "spotcheck sql on 1,000,000 households" from test/sql.test.ts (moved,
 * issue 14).
 */
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';
import {
  type Database,
  EVAL,
  NONPOOR,
  BARE_NONPOOR,
  definePairs,
  headerOf,
  runJson,
  type Row,
  duckdb,
  printSql,
  expectSameRows,
} from './sqlKit.js';

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

const missingPsql = psqlAvailable();
const pgStart = missingPsql ? { server: null, reason: missingPsql } : startPostgres();
const pgSkip = pgStart.server === null ? `no PostgreSQL server could be started: ${pgStart.reason}` : '';
if (pgSkip) process.stderr.write(`test/commands/sql/postgres.test.ts: PostgreSQL tests SKIPPED — ${pgSkip}\n`);
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
    'test/commands/sql/postgres.test.ts: the 1,000,000-household DuckDB check is SKIPPED (set SPOTCHECK_SLOW_TESTS=1 to run it)\n',
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
        process.stderr.write(`test/commands/sql/postgres.test.ts 1M households: ${timings.join('; ')}\n`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 900_000);
  },
);
