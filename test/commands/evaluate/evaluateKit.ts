/** Helpers shared by evaluate.test.ts and golden.test.ts (moved from test/evaluate-cli.test.ts, issue 14). */
import { join } from 'node:path';
import { ROOT } from '../../helpers.js';

export const REGISTRY = join(ROOT, 'fixtures', 'eval-registry.csv');
export const NONPOOR = join(ROOT, 'fixtures', 'eval-nonpoor.csv');
