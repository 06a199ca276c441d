/**
 * Helpers shared by commands/monthly/monthly.test.ts, commands/monthly/options-and-data.test.ts,
 * commands/monthly/reproducibility.test.ts, commands/verify/verify.test.ts, io/digest.test.ts and io/output.test.ts
 * (moved from test/e2e.test.ts, issue 14).
 */
import { readFileSync } from 'node:fs';
import { DEMO } from './helpers.js';

export const DRAW = ['--month', '2026-11', '--seed', 'demo-2026-11'];

export function demoLines(): { header: string; rows: string[] } {
  const text = readFileSync(DEMO, 'utf8').replace(/^\ufeff/, '');
  const [header, ...rows] = text.split('\r\n').filter((line) => line !== '');
  return { header: header!, rows };
}
