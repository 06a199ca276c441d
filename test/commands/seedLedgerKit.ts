/**
 * Helpers shared by _shared/seed.test.ts, the ledger tests and monthly/found-in-review.test.ts (moved from
 * test/integrity-seeds-ledger.test.ts, issue 14).
 */
import { DEMO } from '../helpers.js';

export const DRAW = ['monthly', DEMO, '--month', '2026-11', '--level', 'county', '--scope', '永胜县'];

/** --redraw-reason for tests that draw the same month and scope again with another seed on purpose (issue 15). */
export const REDRAW = ['--redraw-reason', 'drawn again on purpose (test)'];
