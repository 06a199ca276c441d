/** Synthetic personal data for the masking tests: valid resident IDs, mobile numbers, the demo registry with them planted. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEMO } from './helpers.js';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
/** A valid resident ID (GB 11643): a Yunnan address code, a birth date, a sequence, the check character. */
export function residentId(n: number): string {
  const body = `5325${String(20 + (n % 70)).padStart(2, '0')}${1940 + (n % 60)}${String(1 + (n % 12)).padStart(2, '0')}${String(1 + (n % 28)).padStart(2, '0')}${String(n % 1000).padStart(3, '0')}`;
  const sum = [...body].reduce((total, digit, index) => total + Number(digit) * WEIGHTS[index]!, 0);
  return body + '10X98765432'[sum % 11]!;
}
/** A mainland mobile number. */
export const mobile = (n: number): string => `1${3 + (n % 7)}${String((n * 7919) % 1_000_000_000).padStart(9, '0')}`;

export const PERSONAL_HEADERS = [
  '户主证件号码',
  '户主身份证号码',
  '身份证号',
  '户主联系电话',
  '电话号码',
  '移动电话',
  '联系电话1',
] as const;

/** The demo registry's lines (永胜县 and 华坪县 only, to keep runs short), split into cells. */
export function demoRows(): { header: string[]; rows: string[][] } {
  const [header, ...lines] = readFileSync(DEMO, 'utf8')
    .replace(/^\ufeff/, '')
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
  return { header: header!, rows: lines.filter((row) => row[0] === '永胜县' || row[0] === '华坪县') };
}

export const csvLine = (cells: readonly string[]) =>
  cells.map((cell) => (/[",\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',');

/**
 * The demo registry with IDs and phones under each personal header and under innocent ones: 备注
 * holds a bare ID or phone, 其他 a sentence quoting both. Returns the file and every value planted.
 */
export function registryWithIds(dir: string): { path: string; planted: string[] } {
  const { header, rows } = demoRows();
  const planted: string[] = [];
  const extended = rows.map((row, index) => {
    const values = PERSONAL_HEADERS.map((name, column) =>
      name.includes('电话') ? mobile(index * 10 + column) : residentId(index * 10 + column),
    );
    const note = index % 2 === 0 ? residentId(index * 10 + 8) : mobile(index * 10 + 8);
    const other = `户主电话${mobile(index * 10 + 9)}，身份证${residentId(index * 10 + 9)}。`;
    planted.push(...values, note, mobile(index * 10 + 9), residentId(index * 10 + 9));
    return [...row, ...values, note, other];
  });
  const path = join(dir, 'registry.csv');
  writeFileSync(path, `${[[...header, ...PERSONAL_HEADERS, '备注', '其他'], ...extended].map(csvLine).join('\n')}\n`);
  // The demo's own 证件号码 column is planted too.
  planted.push(...rows.map((row) => row[header.indexOf('证件号码')]!));
  return { path, planted };
}
