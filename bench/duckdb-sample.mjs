#!/usr/bin/env node
// DuckDB's version of "N households per village, by hashed order": the peer spotcheck is
// measured against in bench/run.sh. It reads the registry CSV with read_csv, ranks the households
// of each village by sha256(household id || seed) and writes the first N of each village with
// COPY … TO a CSV file.
//
//   node bench/duckdb-sample.mjs REGISTRY.csv OUT.csv [--seed bench] [--per-village 10]
//                                 [--layout auto|household|person] [--threads N]
//   node bench/duckdb-sample.mjs --version        prints DuckDB's version
//
// Layouts (detected from the header by default):
//   household  one row per household, canonical headers: household_id, grouped by village_code
//   person     one row per person (national export: 户编号, 行政县, 乡镇, 行政村): households are
//              ranked within 行政县+乡镇+行政村 with dense_rank, so every person row of the first N
//              households is written (a household sample, not a person sample)
//
// @duckdb/node-api is looked up in the project's own node_modules (a devDependency, when it is
// one), then in bench/.peers (where bench/run.sh installs it).
// Exit codes: 0 done, 2 bad usage or input, 3 DuckDB not installed, 70 unexpected error.

import { createRequire } from 'node:module';
import { existsSync, openSync, readSync, closeSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));

function fail(message, code = 2) {
  process.stderr.write(`duckdb-sample: error: ${message}\n`);
  process.exit(code);
}

async function loadDuckDB() {
  const roots = [path.join(here, '..'), path.join(here, '.peers')];
  for (const root of roots) {
    try {
      const resolved = createRequire(path.join(root, 'package.json')).resolve('@duckdb/node-api');
      const mod = await import(pathToFileURL(resolved).href);
      return { api: mod.default ?? mod, from: resolved };
    } catch (err) {
      if (err && err.code !== 'MODULE_NOT_FOUND' && err.code !== 'ERR_MODULE_NOT_FOUND') throw err;
    }
  }
  fail(
    "@duckdb/node-api is not installed (looked in the project's node_modules and bench/.peers); " +
      'run `npm install --prefix bench/.peers @duckdb/node-api` or `bash bench/run.sh` without --quick',
    3,
  );
}

function parseArgs(argv) {
  const opts = { seed: 'bench', perVillage: 10, layout: 'auto', threads: null, positional: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--seed') opts.seed = value();
    else if (a === '--per-village') opts.perVillage = Number(value());
    else if (a === '--layout') opts.layout = value();
    else if (a === '--threads') opts.threads = Number(value());
    else if (a === '--version') opts.version = true;
    else if (a === '-h' || a === '--help') opts.help = true;
    else if (a.startsWith('--')) fail(`unknown option ${a}`);
    else opts.positional.push(a);
  }
  if (!Number.isInteger(opts.perVillage) || opts.perVillage < 1) fail('--per-village must be a positive integer');
  if (opts.threads !== null && (!Number.isInteger(opts.threads) || opts.threads < 1)) fail('--threads must be a positive integer');
  if (!['auto', 'household', 'person'].includes(opts.layout)) fail(`--layout must be auto, household or person, got "${opts.layout}"`);
  return opts;
}

function firstLine(file) {
  const fd = openSync(file, 'r');
  try {
    const buf = Buffer.alloc(64 * 1024);
    const n = readSync(fd, buf, 0, buf.length, 0);
    let text = buf.subarray(0, n).toString('utf8');
    if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    return text.split(/\r?\n/, 1)[0];
  } finally {
    closeSync(fd);
  }
}

const sqlString = (s) => `'${String(s).replaceAll("'", "''")}'`;
const ident = (s) => `"${String(s).replaceAll('"', '""')}"`;

function buildQuery(file, out, layout, seed, n) {
  const src = `read_csv(${sqlString(file)}, header = true, all_varchar = true)`;
  let query;
  if (layout === 'household') {
    query =
      `SELECT * EXCLUDE (r) FROM (SELECT *, row_number() OVER (PARTITION BY village_code ` +
      `ORDER BY sha256(household_id || ${sqlString(seed)})) AS r FROM ${src}) WHERE r <= ${n}`;
  } else {
    const village = ['行政县', '乡镇', '行政村'].map(ident).join(', ');
    query =
      `SELECT * EXCLUDE (r) FROM (SELECT *, dense_rank() OVER (PARTITION BY ${village} ` +
      `ORDER BY sha256(${ident('户编号')} || ${sqlString(seed)})) AS r FROM ${src}) WHERE r <= ${n}`;
  }
  return `COPY (${query}) TO ${sqlString(out)} (FORMAT csv, HEADER true)`;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    process.stdout.write(
      'usage: node bench/duckdb-sample.mjs REGISTRY.csv OUT.csv [--seed bench] [--per-village 10] ' +
        '[--layout auto|household|person] [--threads N]\n       node bench/duckdb-sample.mjs --version\n',
    );
    return;
  }
  const { api } = await loadDuckDB();
  if (opts.version) {
    process.stdout.write(`${api.version()}\n`);
    return;
  }
  if (opts.positional.length !== 2) fail('expected REGISTRY.csv and OUT.csv (see --help)');
  const [file, out] = opts.positional.map((p) => path.resolve(p));
  if (!existsSync(file)) fail(`no such file: ${file}`);

  let layout = opts.layout;
  if (layout === 'auto') {
    const header = firstLine(file).split(',');
    if (header.includes('household_id') && header.includes('village_code')) layout = 'household';
    else if (['户编号', '行政县', '乡镇', '行政村'].every((h) => header.includes(h))) layout = 'person';
    else fail(`cannot tell the layout from the header of ${file}: ${header.join(',')}; use --layout`);
  }

  const instance = await api.DuckDBInstance.create(':memory:', opts.threads ? { threads: String(opts.threads) } : {});
  const connection = await instance.connect();
  try {
    const result = await connection.runAndReadAll(buildQuery(file, out, layout, opts.seed, opts.perVillage));
    const rows = result.getRows();
    const written = rows.length ? Number(rows[0][0]) : NaN;
    process.stdout.write(`duckdb ${api.version()}: ${layout}-level, ${written} rows written to ${out}\n`);
  } catch (err) {
    fail(`DuckDB query failed: ${err && err.message ? err.message : err}`);
  } finally {
    connection.closeSync();
    instance.closeSync();
  }
}

main().catch((err) => fail(err && err.stack ? err.stack : String(err), 70));
