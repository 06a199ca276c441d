/**
 * The tests "the guard agrees in TypeScript and Python on non-ASCII digits" from test/safety-formulas.test.ts
 * (moved, issue 14).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../helpers.js';
import { checkDraw, pythonOnPath } from '../pythonChecker.js';

const hasPython = pythonOnPath();

describe('the guard agrees in TypeScript and Python on non-ASCII digits', () => {
  it.skipIf(!hasPython)(
    'a household ID "-３" (full-width digit) is guarded by both: verify and check_draw.py pass',
    async () => {
      const dir = tempDir('spotcheck-formulas-fullwidth-');
      const lines = readFileSync(DEMO, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .filter((line) => line !== '');
      const registry = join(dir, 'registry.csv');
      writeFileSync(
        registry,
        `${lines.map((line) => line.replace(/^(峨山彝族自治县,[^,]*,[^,]*,[^,]*,)(\d+)/, (_, head: string, id: string) => `${head}-${String.fromCodePoint(0xff10 + Number(id.slice(-1)))}${id}`)).join('\n')}\n`,
      );
      const out = join(dir, 'draw');
      expect(
        (
          await cli([
            'monthly',
            registry,
            '--month',
            '2026-11',
            '--seed',
            'fw',
            '--level',
            'county',
            '--scope',
            '峨山彝族自治县',
            '--excel',
            '--out',
            out,
          ])
        ).status,
      ).toBe(0);
      expect(readFileSync(join(out, 'households.csv'), 'utf8')).toMatch(/'-[\uff10-\uff19]/);
      expect((await cli(['verify', out, '--registry', registry])).status).toBe(0);
      const checked = await checkDraw([join(out, 'manifest.json'), '--registry', registry]);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    },
  );
});
