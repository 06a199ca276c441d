/**
 * The tests "evaluate: golden frames (frozen under spotcheck-ticket-1)" from test/evaluate-cli.test.ts (moved,
 * issue 14).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../../helpers.js';
import { REGISTRY, NONPOOR } from './evaluateKit.js';

const FILES = ['frame.csv', 'spares.csv', 'counties.csv', 'villages.csv', 'strata.csv'];

const CASES: Record<string, string[]> = {
  'evaluate-srs-prefecture': ['--seed', '2026 第三方评估', '--nonpoor', NONPOOR],
  'evaluate-pps-poverty': [
    '--seed',
    '2026 第三方评估',
    '--nonpoor',
    NONPOOR,
    '--strata',
    'poverty-county',
    '--county-selection',
    'pps',
    '--allocation',
    'households',
    '--villages',
    '2',
    '--households',
    'poor=3,exited=4,nonpoor=4',
    '--spares',
    '1',
  ],
};

describe('evaluate: golden frames (frozen under spotcheck-ticket-1)', () => {
  for (const [name, args] of Object.entries(CASES)) {
    it(name, async () => {
      const out = join(tempDir(), 'eval');
      const result = await cli(['evaluate', REGISTRY, ...args, '--out', out]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const goldenDir = join(ROOT, 'test', 'golden', name);
      if (process.env.SPOTCHECK_WRITE_GOLDEN === '1' && !existsSync(goldenDir)) {
        mkdirSync(goldenDir, { recursive: true });
        for (const file of FILES) writeFileSync(join(goldenDir, file), readFileSync(join(out, file)));
      }
      for (const file of FILES)
        expect(readFileSync(join(out, file), 'utf8'), `${name}/${file}`).toBe(
          readFileSync(join(goldenDir, file), 'utf8'),
        );
      const verified = await cli(['verify', join(out, 'manifest.json')]);
      expect(verified.stdout).toMatch(/verified: the draw is reproduced exactly/);
      expect(verified.status).toBe(0);
    });
  }
});
