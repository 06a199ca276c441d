/**
 * Helpers shared by commands/monthly/excel.test.ts, io/workbook.test.ts and render/notice.test.ts (moved from
 * test/publish.test.ts, issue 14).
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { DEMO } from './helpers.js';

export const DRAW = [
  'monthly',
  DEMO,
  '--month',
  '2026-11',
  '--seed',
  'publish',
  '--level',
  'prefecture',
  '--scope',
  '普洱市',
];
export const csv = (path: string) =>
  parse(readFileSync(path, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;
