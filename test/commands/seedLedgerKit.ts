/**
 * Helpers shared by _shared/seed.test.ts and ledger/append.test.ts (moved from test/integrity-seeds-ledger.test.ts,
 * issue 14).
 */
import { DEMO } from '../helpers.js';

export const DRAW = ['monthly', DEMO, '--month', '2026-11', '--level', 'county', '--scope', '永胜县'];
