/**
 * Helpers shared by commands/ledger/ledger.test.ts, commands/monthly/found-in-review.test.ts,
 * commands/monthly/personal-data.test.ts and io/output-staging.test.ts (moved from test/hardening.test.ts, issue
 * 14).
 */
import { join } from 'node:path';
import { ROOT } from './helpers.js';

export const DRAW = ['--month', '2026-11', '--level', 'county', '--scope', '永胜县'];
export const SEED = ['--seed', 'hardening'];
export const BIN = join(ROOT, 'bin', 'spotcheck');
/** A resident ID number: region, birth date, sequence, check digit (人编号 and 户编号 do not match). */
export const ID_NUMBER = /[0-9]{6}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]/;
