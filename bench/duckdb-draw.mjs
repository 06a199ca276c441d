#!/usr/bin/env node
// The fair peer (issue 16): DuckDB runs the SQL that `spotcheck sql --dialect duckdb` printed for
// the same draw, on the same CSV file(s), and writes the drawn households to a CSV file. DuckDB
// reads the CSV itself inside the timed run: a view `registry` over read_csv(FILES, all columns
// VARCHAR); the statement is the `-- result: households` one (monthly: the sample; evaluate: the
// sample and the spares, column role).
//
//   node bench/duckdb-draw.mjs --sql DRAW.sql --out OUT.csv FILE… [--threads N]
//
// DRAW.sql comes from `spotcheck sql --dialect duckdb --table registry --table-columns HEADER
// --select households …`, printed before the timed run. FILE may be a glob (a registry split into
// one file per county). DuckDB reads UTF-8 only: give it the UTF-8 twin of a GBK file.
// Exit codes: 0 done, 2 bad usage or input, 3 DuckDB not installed, 70 unexpected error.

import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function fail(message, code = 2) {
  process.stderr.write(`duckdb-draw: error: ${message}\n`);
  process.exit(code);
}

async function loadDuckDB() {
  for (const root of [path.join(here, '..'), path.join(here, '.peers')]) {
    try {
      const resolved = createRequire(path.join(root, 'package.json')).resolve('@duckdb/node-api');
      const mod = await import(pathToFileURL(resolved).href);
      return mod.default ?? mod;
    } catch (err) {
      if (err && err.code !== 'MODULE_NOT_FOUND' && err.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
  }
  fail("@duckdb/node-api is not installed (looked in the project's node_modules and bench/.peers)", 3);
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;

/** The `-- result: households` statement of spotcheck sql's output, without its final semicolon. */
export function householdsStatement(sql) {
  const parts = sql.split(/^-- result: (\w+)$/m);
  for (let i = 1; i < parts.length; i += 2) {
    if (parts[i] === 'households') return parts[i + 1].trim().replace(/;\s*$/, '');
  }
  fail('the SQL has no "-- result: households" statement (print it with --select households)');
}

async function main() {
  const args = process.argv.slice(2);
  const files = [];
  let sqlFile;
  let out;
  let threads;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--sql') sqlFile = args[++i];
    else if (a === '--out') out = args[++i];
    else if (a === '--threads') threads = args[++i];
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else files.push(path.resolve(a));
  }
  if (!sqlFile || !out || files.length === 0) fail('usage: node bench/duckdb-draw.mjs --sql DRAW.sql --out OUT.csv FILE…');
  const statement = householdsStatement(readFileSync(sqlFile, 'utf8'));
  const api = await loadDuckDB();
  const instance = await api.DuckDBInstance.create(':memory:', threads ? { threads: String(threads) } : {});
  const connection = await instance.connect();
  try {
    const list = `[${files.map(sqlString).join(', ')}]`;
    await connection.run(
      `CREATE VIEW registry AS SELECT * FROM read_csv(${list}, header = true, all_varchar = true, ` +
        `delim = ',', quote = '"', escape = '"')`,
    );
    const result = await connection.runAndReadAll(
      `COPY (${statement}) TO ${sqlString(path.resolve(out))} (FORMAT csv, HEADER true)`,
    );
    const rows = result.getRows();
    process.stdout.write(`duckdb ${api.version()}: ${rows.length ? Number(rows[0][0]) : '?'} households written to ${out}\n`);
  } catch (err) {
    fail(`DuckDB query failed: ${err?.message ?? err}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

main().catch((err) => fail(err?.stack ?? String(err), 70));
