/** The tests "spotcheck sql in DuckDB (@duckdb/node-api)" from test/sql.test.ts (moved, issue 14). */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe } from 'vitest';
import { DEMO, tempDir } from '../../helpers.js';
import { duckdb, EVAL, NONPOOR, BARE_NONPOOR, definePairs } from './sqlKit.js';

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
