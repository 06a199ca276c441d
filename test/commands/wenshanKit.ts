/**
 * Helpers shared by funds/funds.test.ts, monthly/exclude.test.ts, monthly/history.test.ts and
 * monthly/spares.test.ts (moved from test/coordination.test.ts, issue 14).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { ROOT } from '../helpers.js';

export const FUNDS_REGISTRY = join(ROOT, 'fixtures', 'funds-registry.csv');
export const WENSHAN = '文山壮族苗族自治州';
export const csv = (path: string) =>
  parse(readFileSync(path, 'utf8'), { columns: true }) as Array<Record<string, string>>;
export const column = (path: string, name: string) => csv(path).map((row) => row[name]!);
