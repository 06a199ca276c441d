#!/usr/bin/env node
// Registry variants for the benchmark (issue 16): each one is derived from a household-level base
// made by `spotcheck generate --layout household` by reshaping it, so that no file comes only from
// the generator the reader was tuned on. Streaming, bounded memory, deterministic from the seed
// (seedrandom, never Math.random): the same base and seed give the same bytes.
//
//   node bench/variants.mjs VARIANT BASE.csv OUT [--seed bench]
//
// Variants (OUT is a file, except for `split`, where it is a directory):
//   hh-en       English headers in another order and case, some cells quoted, some padded
//   hh-zh       Chinese headers (户编号, 行政村, 家庭人口数 …) in another order, UTF-8 BOM, CRLF
//   hh-extra    English headers plus 10 extra columns: funds, IDs, phones, bank accounts, free
//               text with commas, "" quotes and the odd line break, long text, empty cells
//   person-gbk  the national per-person layout (户编号, 人编号, 与户主关系 …, with codes): each
//               household expanded into its household_size people, the head not always first; GBK, CRLF
//   person-utf8 the same bytes' text in UTF-8 (what DuckDB reads: it cannot read GBK)
//   shuffled    the base's rows in a random order (an external shuffle through bucket files)
//   split       the base split into one file per county, OUT/county-CODE.csv, each with the header
//
// Every variant keeps the base's households, keys, statuses and sizes, so spotcheck must draw
// the same households from it as from the base. The in-memory functions (transformText) are what
// the differential tests of the CSV fast path import, so the shapes tested are the shapes measured.

import { once } from 'node:events';
import {
  closeSync,
  createReadStream,
  createWriteStream,
  mkdirSync,
  openSync,
  readFileSync,
  rmSync,
  statSync,
  writeSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const seedrandom = require('seedrandom');
const iconv = require('iconv-lite');

export const VARIANTS = ['hh-en', 'hh-zh', 'hh-extra', 'person-gbk', 'person-utf8', 'shuffled', 'split'];

const BASE_HEADER = [
  'household_id',
  'prefecture',
  'county_code',
  'county',
  'township_code',
  'township',
  'village_code',
  'village',
  'natural_village',
  'head_name',
  'household_size',
  'status',
  'exit_year',
  'poverty_type',
  'poor_village',
];

// ------------------------------------------------------------------ CSV cells

/** Splits one CSV line (a record without line breaks inside quotes, as the generator writes). */
export function splitLine(line) {
  if (!line.includes('"')) return line.split(',');
  const cells = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"') {
        if (line[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

const needsQuotes = (s) => /[",\r\n]/.test(s);
/** A cell as CSV: quoted when it must be, or when `force` (a quoted plain value is still the value). */
const cell = (s, force = false) => (force || needsQuotes(s) ? `"${s.replaceAll('"', '""')}"` : s);

// ------------------------------------------------------------------ the reshapings

/** A deterministic permutation of `items` (Fisher–Yates on the seeded generator). */
function permute(items, rng) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const EN_CASE = {
  household_id: 'Household_ID',
  prefecture: 'PREFECTURE',
  county_code: 'County_Code',
  county: ' county ',
  township_code: 'TOWNSHIP_CODE',
  township: 'Township',
  village_code: 'village_code',
  village: 'Village',
  natural_village: 'natural_village',
  head_name: 'Head Name',
  household_size: 'HOUSEHOLD_SIZE',
  status: 'Status',
  exit_year: 'Exit Year',
  poverty_type: 'poverty_type',
  poor_village: 'Poor_Village',
};
const ZH = {
  household_id: '户编号',
  prefecture: '州市',
  county_code: '县代码',
  county: '行政县',
  township_code: '乡镇代码',
  township: '乡镇',
  village_code: '村代码',
  village: '行政村',
  natural_village: '自然村',
  head_name: '户主姓名',
  household_size: '家庭人口数',
  status: '脱贫属性',
  exit_year: '脱贫年度',
  poverty_type: '贫困户属性',
  poor_village: '是否贫困村',
};
const ZH_ORDER = [
  'prefecture',
  'county',
  'county_code',
  'township',
  'township_code',
  'village',
  'village_code',
  'natural_village',
  'household_id',
  'head_name',
  'status',
  'exit_year',
  'poverty_type',
  'household_size',
  'poor_village',
];
/** Cells a reader must not change: their content is the draw's (keys, names of units). */
const PADDABLE = new Set(['head_name', 'natural_village', 'poverty_type', 'exit_year']);

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何罗高林';
const GIVEN = '明华英芳军强丽敏静国兰秀桂云海春玉梅金平';
const RELATIONS = ['配偶', '之子', '之女', '之孙子', '之孙女', '之母', '之父', '之儿媳', '其他'];
const PHRASES = [
  '两不愁三保障已落实',
  '住房安全有保障',
  '饮水安全，已通自来水',
  '产业帮扶：种植核桃 3 亩，养殖生猪 2 头',
  '务工收入稳定',
  '义务教育阶段无辍学',
  '家庭签约医生已随访',
  '"一户一策"已制定',
];
const UNITS = ['县农业农村局', '县人社局,就业服务中心', '乡镇卫生院', '县教育体育局', '驻村工作队("第一书记")'];

const pick = (items, rng) => items[Math.floor(rng() * items.length)];
const digits = (n, rng) => Array.from({ length: n }, () => Math.floor(rng() * 10)).join('');
function name(rng) {
  return pick([...SURNAMES], rng) + pick([...GIVEN], rng) + (rng() < 0.6 ? pick([...GIVEN], rng) : '');
}
function idNumber(countyCode, rng) {
  const year = 1940 + Math.floor(rng() * 75);
  const month = String(1 + Math.floor(rng() * 12)).padStart(2, '0');
  const day = String(1 + Math.floor(rng() * 28)).padStart(2, '0');
  return `${countyCode}${year}${month}${day}${digits(3, rng)}${rng() < 0.1 ? 'X' : digits(1, rng)}`;
}
function phone(rng) {
  const r = rng();
  if (r < 0.15) return '';
  if (r < 0.55) return `1${pick(['38', '39', '58', '87', '51'], rng)}${digits(8, rng)}`;
  if (r < 0.8) return `1${pick(['38', '39', '58'], rng)} ${digits(4, rng)} ${digits(4, rng)}`;
  return `0871-${digits(8, rng)}`;
}
/** Free text with commas, "" quotes and, when `lineBreak`, a line break inside the quoted cell. */
function freeText(rng, max, lineBreak = false) {
  const parts = [];
  const n = Math.floor(rng() * max);
  for (let i = 0; i < n; i++) parts.push(pick(PHRASES, rng));
  const text = parts.join(rng() < 0.5 ? '，' : ', ');
  return lineBreak ? `${text}\n（续）入户核实` : text;
}

/**
 * The reshaping of one variant: `header` (the output header cells, already CSV) and
 * `rows(cells)` → output lines (CSV, no line end) for one base record. `rng` is the variant's
 * seeded generator, drawn in record order.
 */
function reshaper(variant, baseHeader, rng) {
  const at = Object.fromEntries(baseHeader.map((h, i) => [h, i]));
  for (const field of BASE_HEADER)
    if (!(field in at))
      throw new Error(`the base is not a household-level file of spotcheck generate: no ${field} column`);
  const value = (cells, field) => cells[at[field]] ?? '';

  if (variant === 'hh-en' || variant === 'hh-extra') {
    const order = permute(BASE_HEADER, rng);
    const extras =
      variant === 'hh-extra'
        ? [
            ['funds', () => (rng() < 0.1 ? '' : rng() < 0.5 ? String(Math.floor(rng() * 20000)) : (rng() * 50000).toFixed(2))],
            ['id_number', (cells) => idNumber(value(cells, 'county_code'), rng)],
            ['phone', () => phone(rng)],
            ['remarks', () => freeText(rng, 4)],
            // a line break in every 50th record's notes, from the 8th on (so a small sample has one)
            ['visit_notes', () => freeText(rng, rng() < 0.05 ? 40 : 6, record % 50 === 7)],
            ['bank_account', () => (rng() < 0.2 ? '' : `62${digits(17, rng)}`)],
            ['updated_at', () => `2025-${String(1 + Math.floor(rng() * 12)).padStart(2, '0')}-1${Math.floor(rng() * 10)} 0${Math.floor(rng() * 10)}:${digits(2, rng).replace(/^[6-9]/, '5')}:00`],
            ['support_unit', () => pick(UNITS, rng)],
            ['annual_income', () => (rng() < 0.5 ? `${Math.floor(rng() * 90) + 5},${digits(3, rng)}.00` : digits(4, rng))],
            ['spare_column', () => (rng() < 0.97 ? '' : 'x')],
          ]
        : [];
    // Extra columns interleaved at fixed places among the base's.
    const columns = order.map((field) => ({ name: EN_CASE[field], field }));
    extras.forEach(([extra, make], i) => {
      columns.splice(Math.min(columns.length, 1 + i * 2), 0, { name: extra, make });
    });
    let record = -1;
    return {
      header: columns.map((c) => cell(c.name)).join(','),
      rows: (cells) => {
        record++;
        return [
          columns
          .map((c) => {
            if (c.make) return cell(c.make(cells));
            let v = value(cells, c.field);
            if (PADDABLE.has(c.field) && v !== '' && rng() < 0.05) v = ` ${v}  `;
            return cell(v, rng() < 0.12);
          })
          .join(','),
        ];
      },
    };
  }

  if (variant === 'hh-zh') {
    return {
      header: ZH_ORDER.map((field) => ZH[field]).join(','),
      rows: (cells) => [ZH_ORDER.map((field) => cell(value(cells, field), field === 'household_id' && rng() < 0.3)).join(',')],
    };
  }

  if (variant === 'person-gbk' || variant === 'person-utf8') {
    const header = [
      '州市',
      '县代码',
      '行政县',
      '乡镇代码',
      '乡镇',
      '村代码',
      '行政村',
      '自然村',
      '户编号',
      '人编号',
      '姓名',
      '证件号码',
      '人数',
      '与户主关系',
      '脱贫属性',
      '脱贫年度',
      '贫困户属性',
      '是否贫困村',
      '联系电话',
    ];
    return {
      header: header.join(','),
      rows: (cells) => {
        const size = Math.max(1, Number.parseInt(value(cells, 'household_size'), 10) || 1);
        const head = Math.floor(rng() * Math.min(size, 3)); // the head is not always the first row
        const lines = [];
        for (let p = 0; p < size; p++) {
          const isHead = p === head;
          lines.push(
            [
              value(cells, 'prefecture'),
              value(cells, 'county_code'),
              value(cells, 'county'),
              value(cells, 'township_code'),
              value(cells, 'township'),
              value(cells, 'village_code'),
              value(cells, 'village'),
              value(cells, 'natural_village'),
              value(cells, 'household_id'),
              `${value(cells, 'household_id')}${String(p + 1).padStart(2, '0')}`,
              isHead ? value(cells, 'head_name') : name(rng),
              idNumber(value(cells, 'county_code'), rng),
              String(size),
              isHead ? '户主' : pick(RELATIONS, rng),
              value(cells, 'status'),
              value(cells, 'exit_year'),
              value(cells, 'poverty_type'),
              value(cells, 'poor_village'),
              isHead ? phone(rng) : '',
            ]
              .map((v) => cell(v))
              .join(','),
          );
        }
        return lines;
      },
    };
  }
  throw new Error(`no reshaping for variant ${variant}`);
}

const ENCODING = { 'person-gbk': 'gbk' };
const LINE_END = { 'hh-zh': '\r\n', 'person-gbk': '\r\n', 'person-utf8': '\r\n' };
const BOM = { 'hh-zh': '\ufeff' };

/** The bytes of a text in a variant's encoding. */
function encode(variant, text) {
  return ENCODING[variant] ? iconv.encode(text, ENCODING[variant]) : Buffer.from(text, 'utf8');
}

const rngFor = (variant, seed) => seedrandom(`spotcheck-bench-variant:${variant}:${seed}`);

/**
 * A variant of a small base held in memory (the differential tests use it): `{ name: bytes }`,
 * one entry per file (several for `split`), each in the variant's encoding.
 */
export function transformText(variant, baseText, seed = 'bench') {
  const lines = baseText.replace(/^\ufeff/, '').split(/\r?\n/);
  while (lines.length && lines[lines.length - 1] === '') lines.pop();
  const [headerLine, ...records] = lines;
  const rng = rngFor(variant, seed);
  if (variant === 'shuffled') {
    return { 'shuffled.csv': Buffer.from(`${[headerLine, ...permute(records, rng)].join('\n')}\n`) };
  }
  if (variant === 'split') {
    const header = splitLine(headerLine);
    const at = header.indexOf('county_code');
    const files = {};
    for (const line of records) {
      const key = `county-${splitLine(line)[at]}.csv`;
      files[key] = (files[key] ?? `${headerLine}\n`) + `${line}\n`;
    }
    return Object.fromEntries(Object.entries(files).map(([k, v]) => [k, Buffer.from(v)]));
  }
  const shape = reshaper(variant, splitLine(headerLine), rng);
  const end = LINE_END[variant] ?? '\n';
  const out = [shape.header];
  for (const line of records) out.push(...shape.rows(splitLine(line)));
  return { [`${variant}.csv`]: encode(variant, (BOM[variant] ?? '') + out.join(end) + end) };
}

// ------------------------------------------------------------------ streaming, for the big files

const BATCH = 1 << 20; // characters per write

async function* baseLines(file) {
  const lines = createInterface({ input: createReadStream(file, { highWaterMark: 1 << 20 }), crlfDelay: Infinity });
  let first = true;
  for await (let line of lines) {
    if (first) {
      line = line.replace(/^\ufeff/, '');
      first = false;
    }
    if (line !== '') yield line;
  }
}

class Writer {
  constructor(file, variant) {
    this.stream = createWriteStream(file);
    this.variant = variant;
    this.text = '';
  }
  async add(text) {
    this.text += text;
    if (this.text.length >= BATCH) await this.flush();
  }
  async flush() {
    if (!this.text) return;
    const bytes = encode(this.variant, this.text);
    this.text = '';
    if (!this.stream.write(bytes)) await once(this.stream, 'drain');
  }
  async close() {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }
}

async function reshapeFile(variant, base, out, seed) {
  const rng = rngFor(variant, seed);
  const writer = new Writer(out, variant);
  const end = LINE_END[variant] ?? '\n';
  let shape;
  for await (const line of baseLines(base)) {
    if (!shape) {
      shape = reshaper(variant, splitLine(line), rng);
      await writer.add((BOM[variant] ?? '') + shape.header + end);
      continue;
    }
    for (const row of shape.rows(splitLine(line))) await writer.add(row + end);
  }
  await writer.close();
}

/** External shuffle: records go to bucket files at random, then each bucket is shuffled in memory. */
async function shuffleFile(base, out, seed) {
  const rng = rngFor('shuffled', seed);
  const bucketBytes = 32 * 1024 * 1024;
  const buckets = Math.max(1, Math.ceil(statSync(base).size / bucketBytes));
  const dir = `${out}.buckets`;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const fds = Array.from({ length: buckets }, (_, i) => openSync(path.join(dir, `${i}.txt`), 'w'));
  const pending = Array.from({ length: buckets }, () => []);
  const sizes = new Array(buckets).fill(0);
  let header;
  for await (const line of baseLines(base)) {
    if (header === undefined) {
      header = line;
      continue;
    }
    const b = Math.floor(rng() * buckets);
    pending[b].push(line);
    sizes[b] += line.length + 1;
    if (sizes[b] >= 1 << 18) {
      writeSync(fds[b], `${pending[b].join('\n')}\n`);
      pending[b] = [];
      sizes[b] = 0;
    }
  }
  pending.forEach((lines, b) => {
    if (lines.length) writeSync(fds[b], `${lines.join('\n')}\n`);
    closeSync(fds[b]);
  });
  const writer = new Writer(out, 'shuffled');
  await writer.add(`${header}\n`);
  for (let b = 0; b < buckets; b++) {
    const lines = readFileSync(path.join(dir, `${b}.txt`), 'utf8').split('\n');
    lines.pop();
    for (const line of permute(lines, rng)) await writer.add(`${line}\n`);
    await writer.flush();
  }
  await writer.close();
  rmSync(dir, { recursive: true, force: true });
}

/** One file per county (county_code), each with the base's header. */
async function splitFile(base, outDir) {
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const open = new Map();
  let header;
  let at;
  const flush = (entry) => {
    writeSync(entry.fd, entry.lines.join(''));
    entry.lines = [];
    entry.size = 0;
  };
  for await (const line of baseLines(base)) {
    if (header === undefined) {
      header = line;
      at = splitLine(line).indexOf('county_code');
      if (at < 0) throw new Error('the base has no county_code column');
      continue;
    }
    const code = splitLine(line)[at];
    let entry = open.get(code);
    if (!entry) {
      entry = { fd: openSync(path.join(outDir, `county-${code}.csv`), 'w'), lines: [`${header}\n`], size: 0 };
      open.set(code, entry);
    }
    entry.lines.push(`${line}\n`);
    entry.size += line.length + 1;
    if (entry.size >= 1 << 18) flush(entry);
  }
  for (const entry of open.values()) {
    flush(entry);
    closeSync(entry.fd);
  }
}

export async function writeVariant(variant, base, out, seed = 'bench') {
  if (variant === 'shuffled') return shuffleFile(base, out, seed);
  if (variant === 'split') return splitFile(base, out);
  if (!VARIANTS.includes(variant)) throw new Error(`unknown variant ${variant}`);
  return reshapeFile(variant, base, out, seed);
}

async function main() {
  const args = process.argv.slice(2);
  let seed = 'bench';
  const positional = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--seed') seed = args[++i];
    else if (args[i] === '-h' || args[i] === '--help') {
      process.stdout.write(`usage: node bench/variants.mjs VARIANT BASE.csv OUT [--seed bench]\nvariants: ${VARIANTS.join(', ')}\n`);
      return;
    } else positional.push(args[i]);
  }
  const [variant, base, out] = positional;
  if (!VARIANTS.includes(variant) || !base || !out) {
    process.stderr.write(`variants: usage: node bench/variants.mjs VARIANT BASE.csv OUT [--seed S]; variants: ${VARIANTS.join(', ')}\n`);
    process.exit(2);
  }
  await writeVariant(variant, base, out, seed);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((err) => {
    process.stderr.write(`variants: error: ${err?.stack ?? err}\n`);
    process.exit(70);
  });
}
