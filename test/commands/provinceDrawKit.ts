/**
 * Helpers shared by _shared/draw-run.test.ts and verify/resealed.test.ts (moved from test/integrity-review.test.ts,
 * issue 14).
 */
import { DEMO } from '../helpers.js';

export const DRAW = ['monthly', DEMO, '--month', '2026-11', '--level', 'province'];
