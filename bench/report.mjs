#!/usr/bin/env node
// Turns bench/run.sh's measurements into Markdown tables and checks the performance targets.
//
//   node bench/report.mjs table   --meas MEAS.tsv --files FILES.tsv --key household-1000000
//   node bench/report.mjs summary --meas MEAS.tsv --files FILES.tsv --meta META.tsv [--record RESULTS.md]
//
// `table` prints one file's table; `summary` prints every table and the PASS/FAIL lines of the
// targets, and with --record appends both, with the date, machine and versions, to RESULTS.md.
// Ratios and time targets use wall-clock time. A timed-out run's time and peak RSS are lower
// bounds: a target is then FAIL when the bound already misses it, else UNKNOWN.

import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

const MiB = 1024; // GNU time's %M is in KiB
const TARGETS = {
  duckdbFactor: 0.6, // spotcheck ≤ 0.6 × DuckDB running spotcheck's SQL for the same draw
  shuffledFactor: 0.8, // … ≤ 0.8 × on the shuffled rows
  peakMiB: 300, // spotcheck's peak RSS
  memoryGrowth: 1.2, // 10M peak ≤ 1.2 × 1M peak
  personFactor: 3, // per-person GBK time ≤ 3 × the household-level base's time, same households
  timeGrowth: 2.2, // 10M time ≤ 2.2 × 5M time
};
const SPOTCHECK = ['monthly', 'evaluate'];
const TOOLS = ['monthly', 'evaluate', 'duckdb-monthly', 'duckdb-evaluate', 'duckdb', 'miller', 'wc'];
const PEER_OF = { monthly: 'duckdb-monthly', evaluate: 'duckdb-evaluate' };
const PEER = { duckdb: 'DuckDB', 'duckdb-monthly': 'DuckDB', 'duckdb-evaluate': 'DuckDB', miller: 'Miller' };
const LABEL = {
  monthly: 'spotcheck monthly',
  evaluate: 'spotcheck evaluate',
  'duckdb-monthly': 'DuckDB, spotcheck sql (monthly)',
  'duckdb-evaluate': 'DuckDB, spotcheck sql (evaluate)',
  duckdb: 'another job: DuckDB, 10 households/village',
  miller: 'another job: Miller sample -k 10',
  wc: 'wc -l (floor)',
};
const VARIANT = {
  base: 'base: spotcheck generate, household-level, English headers',
  'hh-en': 'household-level, English headers reordered and recased, cells quoted and padded',
  'hh-zh': 'household-level, Chinese headers, BOM, CRLF',
  'hh-extra': 'household-level, 10 extra columns (funds, IDs, phones, free text with commas and quotes)',
  'person-gbk': 'national per-person layout, GBK, CRLF',
  shuffled: 'the base with its rows shuffled',
  split: 'the base split into one file per county',
};
const CHECK = {
  'same-monthly': 'spotcheck monthly draws the base\'s households',
  'same-evaluate': 'spotcheck evaluate draws the base\'s households and spares',
  'duckdb-monthly': "DuckDB's monthly SQL selects spotcheck's households",
  'duckdb-evaluate': "DuckDB's evaluate SQL selects spotcheck's households and spares",
};

function fail(message) {
  process.stderr.write(`report: error: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const [mode, ...rest] = argv;
  const opts = { mode };
  for (let i = 0; i < rest.length; i += 2) {
    const name = rest[i];
    if (!name?.startsWith('--') || rest[i + 1] === undefined) fail(`bad arguments near "${name}"`);
    opts[name.slice(2)] = rest[i + 1];
  }
  if (mode !== 'table' && mode !== 'summary') fail('usage: report.mjs table|summary --meas FILE --files FILE …');
  if (!opts.meas || !opts.files) fail('--meas and --files are required');
  return opts;
}

function readTsv(path) {
  if (!existsSync(path)) fail(`no such file: ${path}`);
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.length > 0);
  const header = lines.shift().split('\t');
  return lines.map((line) => Object.fromEntries(line.split('\t').map((v, i) => [header[i], v])));
}

const num = (s) => (s === undefined || s === '-' || s === '' ? NaN : Number(s));

function loadMeasurements(path) {
  return readTsv(path).map((r) => {
    const wall = num(r.wall);
    const cpu = num(r.user) + num(r.sys);
    const rss = num(r.maxrss_kib);
    return { ...r, households: Number(r.households), wall, cpu, rss };
  });
}

const fmtInt = (n) => n.toLocaleString('en-US');
function fmtSize(n) {
  if (n >= 1_000_000 && n % 1_000_000 === 0) return `${n / 1_000_000}M`;
  if (n >= 1_000 && n % 1_000 === 0) return `${n / 1_000}k`;
  return fmtInt(n);
}
const fmtSec = (s) => (Number.isFinite(s) ? s.toFixed(2) : '—');
const fmtMiB = (kib) => (Number.isFinite(kib) ? (kib / MiB).toFixed(0) : '—');
function fmtRatio(r) {
  if (!Number.isFinite(r)) return '—';
  return r >= 100 ? r.toFixed(0) : r >= 10 ? r.toFixed(1) : r.toFixed(2);
}

/** A measured quantity: its value and whether it is exact or only a lower bound (a timeout). */
function quantity(m, field) {
  if (!m) return { missing: 'not measured' };
  if (m.status === 'skipped') return { missing: `${PEER[m.tool] ?? m.tool} ${m.output || 'skipped'}` };
  if (m.status === 'failed') return { missing: `${LABEL[m.tool]} failed (exit ${m.exit})`, failed: true };
  const v = m[field];
  if (!Number.isFinite(v)) return { missing: `${LABEL[m.tool]}: no ${field === 'rss' ? 'peak RSS (GNU time missing)' : field}` };
  return { v, lower: m.status === 'timeout' };
}

/** a ÷ b, shown with ≥ / ≤ when one side is a timeout's lower bound. */
function ratioCell(a, b) {
  if (a.missing || b.missing) return '—';
  if (a.lower && b.lower) return '?';
  const r = fmtRatio(a.v / b.v);
  return a.lower ? `≥ ${r}` : b.lower ? `≤ ${r}` : r;
}

function table(measurements, files, checks, key) {
  const rows = measurements.filter((m) => m.key === key);
  const file = files.find((f) => f.key === key);
  if (!rows.length) return `(no measurements for ${key})\n`;
  const first = rows[0];
  const by = Object.fromEntries(rows.map((m) => [m.tool, m]));
  const lines = [];
  const bytes = file ? ` · ${(Number(file.bytes) / 1024 / 1024).toFixed(1)} MiB` : '';
  const name = file ? file.path.split('/').pop() : key;
  lines.push(`### ${first.variant} (${VARIANT[first.variant] ?? first.variant}): ${fmtInt(first.households)} households · ${name}${bytes}`);
  lines.push('');
  if (file && file.duckdb_path && file.duckdb_path !== file.path.split(' … ')[0] && !file.duckdb_path.includes('*'))
    lines.push(`DuckDB reads no GBK: it is timed on the UTF-8 twin of this file, ${file.duckdb_path.split('/').pop()} (the same text).\n`);
  lines.push('| command | wall s | CPU s | peak RSS MiB | output | ÷ DuckDB, same draw |');
  lines.push('|---|---:|---:|---:|---|---:|');
  for (const tool of TOOLS) {
    const m = by[tool];
    if (!m) continue;
    if (m.status === 'skipped') {
      lines.push(`| ${LABEL[tool]} | skipped: ${m.output} | | | | |`);
      continue;
    }
    if (m.status === 'failed') {
      lines.push(`| ${LABEL[tool]} | failed (exit ${m.exit}) | | | | |`);
      continue;
    }
    const t = quantity(m, 'wall');
    const wall = m.status === 'timeout' ? `timeout > ${fmtSec(m.wall)}` : fmtSec(m.wall);
    const rss = m.status === 'timeout' && Number.isFinite(m.rss) ? `≥ ${fmtMiB(m.rss)}` : fmtMiB(m.rss);
    const output = m.status === 'timeout' ? '(timed out)' : m.output;
    const vsDuck = PEER_OF[tool] ? ratioCell(t, quantity(by[PEER_OF[tool]], 'wall')) : tool.startsWith('duckdb-') ? '1' : '';
    lines.push(`| ${LABEL[tool]} | ${wall} | ${fmtSec(m.cpu)} | ${rss} | ${output} | ${vsDuck} |`);
  }
  lines.push('');
  lines.push(
    "÷ DuckDB, same draw: spotcheck's wall time ÷ DuckDB's on the SQL that `spotcheck sql` prints for the same draw " +
      '(below 1 is faster). Rows marked "another job" do other work and are there for comparison with earlier runs.',
  );
  const mine = checks.filter((c) => c.key === key);
  if (mine.length) {
    lines.push('');
    lines.push('```text');
    for (const c of mine) lines.push(`${c.result.padEnd(9)} ${CHECK[c.check] ?? c.check} (${c.detail})`);
    lines.push('```');
  }
  return `${lines.join('\n')}\n`;
}

/** Checks lhs ≤ factor × rhs, with lower bounds from timeouts. */
function check(lhs, factor, rhs) {
  if (lhs.missing) return { verdict: lhs.failed ? 'FAIL' : 'SKIP', why: lhs.missing };
  if (rhs.missing) return { verdict: 'SKIP', why: rhs.missing };
  const limit = factor * rhs.v;
  if (!lhs.lower && !rhs.lower) return { verdict: lhs.v <= limit ? 'PASS' : 'FAIL' };
  if (lhs.lower && !rhs.lower) return { verdict: lhs.v > limit ? 'FAIL' : 'UNKNOWN', why: 'timed out' };
  if (!lhs.lower && rhs.lower) return { verdict: lhs.v <= limit ? 'PASS' : 'UNKNOWN', why: 'the peer timed out' };
  return { verdict: 'UNKNOWN', why: 'both timed out' };
}

const show = (q, unit) =>
  q.missing ? '—' : `${q.lower ? '≥ ' : ''}${unit === 's' ? `${q.v.toFixed(2)} s` : `${(q.v / MiB).toFixed(0)} MiB`}`;

function targets(measurements, checks) {
  const lines = [];
  const find = (variant, n, tool) =>
    measurements.find((m) => m.variant === variant && m.households === n && m.tool === tool);
  const keys = [...new Map(measurements.map((m) => [m.key, m])).values()];
  const sizes = (variant) => new Set(keys.filter((k) => k.variant === variant).map((k) => k.households));
  const emit = (result, text) =>
    lines.push(`${result.verdict.padEnd(7)} ${text}${result.why ? ` (${result.why})` : ''}`);

  for (const k of keys) {
    const where = `${fmtSize(k.households)} ${k.variant}`;
    const factor = k.variant === 'shuffled' ? TARGETS.shuffledFactor : TARGETS.duckdbFactor;
    // 1. ≤ 0.6 × DuckDB on the same draw (0.8 × on shuffled rows)
    for (const cmd of SPOTCHECK) {
      const a = quantity(find(k.variant, k.households, cmd), 'wall');
      const b = quantity(find(k.variant, k.households, PEER_OF[cmd]), 'wall');
      emit(check(a, factor, b), `${cmd} ≤ ${factor} × DuckDB on the same draw, ${where}: ${show(a, 's')} vs ${factor} × ${show(b, 's')}`);
    }
    // 2. peak RSS ≤ 300 MiB
    for (const cmd of SPOTCHECK) {
      const a = quantity(find(k.variant, k.households, cmd), 'rss');
      emit(check(a, 1, { v: TARGETS.peakMiB * MiB }), `${cmd} peak RSS ≤ ${TARGETS.peakMiB} MiB, ${where}: ${show(a, 'MiB')}`);
    }
  }

  // 3. per-person GBK ≤ 3 × its household-level base's time
  for (const n of [...sizes('person-gbk')].filter((n) => sizes('base').has(n)).sort((x, y) => x - y)) {
    for (const cmd of SPOTCHECK) {
      const a = quantity(find('person-gbk', n, cmd), 'wall');
      const b = quantity(find('base', n, cmd), 'wall');
      emit(check(a, TARGETS.personFactor, b), `${cmd} per-person GBK ≤ ${TARGETS.personFactor} × household-level, ${fmtSize(n)}: ${show(a, 's')} vs ${TARGETS.personFactor} × ${show(b, 's')}`);
    }
  }

  // 4. flat memory and linear time: 10M against 1M (peak) and 5M (time), per variant
  for (const [field, small, factor, what] of [
    ['rss', 1_000_000, TARGETS.memoryGrowth, 'peak RSS'],
    ['wall', 5_000_000, TARGETS.timeGrowth, 'time'],
  ]) {
    let any = false;
    for (const variant of Object.keys(VARIANT)) {
      if (!sizes(variant).has(10_000_000) || !sizes(variant).has(small)) continue;
      any = true;
      for (const cmd of SPOTCHECK) {
        const a = quantity(find(variant, 10_000_000, cmd), field);
        const b = quantity(find(variant, small, cmd), field);
        const unit = field === 'rss' ? 'MiB' : 's';
        emit(check(a, factor, b), `${cmd} 10M ${what} ≤ ${factor} × ${fmtSize(small)} ${what}, ${variant}: ${show(a, unit)} vs ${factor} × ${show(b, unit)}`);
      }
    }
    if (!any) lines.push(`SKIP    10M ${what} ≤ ${factor} × ${fmtSize(small)} ${what}: needs the 10M and ${fmtSize(small)} files of one variant, not in this run`);
  }

  const count = (v) => lines.filter((l) => l.startsWith(v)).length;
  lines.push('');
  lines.push(`Targets: ${count('PASS')} PASS, ${count('FAIL')} FAIL, ${count('UNKNOWN')} UNKNOWN, ${count('SKIP')} SKIP (a benchmark, not a test: the exit status ignores them)`);
  const bad = checks.filter((c) => c.result === 'DIFFERENT');
  lines.push(
    `Correctness checks: ${checks.filter((c) => c.result === 'SAME').length} SAME, ${bad.length} DIFFERENT, ` +
      `${checks.filter((c) => c.result === 'SKIP').length} SKIP (the same households from every variant and from DuckDB)`,
  );
  for (const c of bad) lines.push(`DIFFERENT ${c.key}: ${CHECK[c.check] ?? c.check} (${c.detail})`);
  return `${lines.join('\n')}\n`;
}

/** meta.tsv: one `key<TAB>value` a line, no header. */
function readMeta(path) {
  if (!existsSync(path)) fail(`no such file: ${path}`);
  const entries = readFileSync(path, 'utf8').split('\n').filter(Boolean).map((line) => {
    const i = line.indexOf('\t');
    return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1)];
  });
  return Object.fromEntries(entries);
}

function header(meta) {
  const sizes = meta.command ?? '';
  return [
    `## ${meta.date}`,
    '',
    `- Machine: ${meta.cores} cores · ${meta.cpu || 'CPU unknown'} · ${meta.memory || '?'} memory · load average at start ${meta.load || '?'}, at the end ${meta.load_end || '?'}`,
    ...(meta.note ? [`- Note: ${meta.note}`] : []),
    `- Node ${meta.node} · spotcheck ${meta.spotcheck} · DuckDB ${meta.duckdb} · Miller ${meta.miller}`,
    `- \`${sizes}\` · timeout ${meta.timeout} s per command`,
    '',
  ].join('\n');
}

const opts = parseArgs(process.argv.slice(2));
const measurements = loadMeasurements(opts.meas);
const files = readTsv(opts.files);
const checks = opts.checks && existsSync(opts.checks) ? readTsv(opts.checks) : [];

if (opts.mode === 'table') {
  if (!opts.key) fail('table needs --key');
  process.stdout.write(table(measurements, files, checks, opts.key));
} else {
  const meta = opts.meta ? readMeta(opts.meta) : {};
  const keys = [...new Set(measurements.map((m) => m.key))];
  const tables = keys.map((k) => table(measurements, files, checks, k)).join('\n');
  const verdicts = targets(measurements, checks);
  process.stdout.write(`## Targets\n\n${verdicts}`);
  if (opts.record) {
    if (!existsSync(opts.record)) {
      writeFileSync(
        opts.record,
        '# Benchmark results\n\n' +
          'Appended by `bash bench/run.sh` (not by `--quick` runs unless `--record`), oldest first. ' +
          'What is measured and how: [README.md](README.md). Times are wall-clock seconds; ' +
          'CPU is user + system; peak RSS is GNU time\'s maximum resident set size.\n',
      );
    }
    appendFileSync(opts.record, `\n${header(meta)}\n${tables}\n#### Targets\n\n\`\`\`text\n${verdicts}\`\`\`\n`);
  }
}
