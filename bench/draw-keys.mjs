#!/usr/bin/env node
// The households of a draw as sorted lines "role household_id", to compare two draws with `cmp`:
// spotcheck's output directory (monthly: households.csv; evaluate: frame.csv and spares.csv) or
// the CSV that bench/duckdb-draw.mjs wrote (its role column tells samples from spares).
//
//   node bench/draw-keys.mjs DIR|FILE.csv > keys.txt

import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { parse } = require('csv-parse/sync');

const ID = ['household_id', '户编号'];

function keys(file, role) {
  const rows = parse(readFileSync(file, 'utf8').replace(/^\ufeff/, ''), { columns: true, skip_empty_lines: true });
  return rows.map((row) => {
    const id = ID.map((c) => row[c]).find((v) => v !== undefined);
    if (id === undefined) throw new Error(`${file} has no household_id column`);
    const r = role ?? (row.role === 'spare' || row.样本角色 === 'spare' ? 'spare' : 'sample');
    return `${r} ${id}`;
  });
}

const target = process.argv[2];
if (!target || !existsSync(target)) {
  process.stderr.write('draw-keys: usage: node bench/draw-keys.mjs DIR|FILE.csv\n');
  process.exit(2);
}
let lines;
if (statSync(target).isDirectory()) {
  const at = (name) => path.join(target, name);
  if (existsSync(at('frame.csv')))
    lines = [...keys(at('frame.csv'), 'sample'), ...(existsSync(at('spares.csv')) ? keys(at('spares.csv'), 'spare') : [])];
  else lines = keys(at('households.csv'), 'sample');
} else lines = keys(target);
lines.sort();
process.stdout.write(lines.length ? `${lines.join('\n')}\n` : '');
