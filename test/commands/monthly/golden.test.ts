/**
 * Golden draws: frozen outputs of the demo registry under algorithm spotcheck-ticket-1. They must
 * never change; a change of algorithm gets a new version and new golden files beside these.
 * The golden households.csv files were written before ID numbers were masked by default, so each
 * case is drawn with --reveal-ids to compare byte for byte, and again by default, which must give
 * the same file with the 证件号码 column masked.
 * (To create the files of a NEW case only: SPOTCHECK_WRITE_GOLDEN=1 npx vitest run test/commands/monthly/golden.test.ts)
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';

const CASES: Record<string, string[]> = {
  'province-2026-11': ['--month', '2026-11', '--seed', 'demo-2026-11', '--level', 'province'],
  'prefecture-2026-11': [
    '--month',
    '2026-11',
    '--seed',
    'demo-2026-11',
    '--level',
    'prefecture',
    '--scope',
    '文山壮族苗族自治州',
  ],
  'county-2026-11': [
    '--month',
    '2026-11',
    '--seed',
    'demo-2026-11',
    '--level',
    'county',
    '--scope',
    '永胜县',
    '--villages',
    '3',
    '--households',
    '4',
  ],
  'township-2026-11': [
    '--month',
    '2026-11',
    '--seed',
    'demo-2026-11',
    '--level',
    '乡镇',
    '--scope',
    '永胜县›启江镇',
    '--households',
    '6',
  ],
  'province-all-villages-2026-12': [
    '--month',
    '2026-12',
    '--seed',
    '公开摇号 2026-12 第07号',
    '--counties',
    '5',
    '--village-frame',
    'all',
    '--statuses',
    '未脱贫',
  ],
};
const FILES = ['counties.csv', 'villages.csv', 'households.csv'];

describe('golden draws (frozen under spotcheck-ticket-1)', () => {
  for (const [name, args] of Object.entries(CASES)) {
    it(name, async () => {
      const out = join(tempDir(), 'draw');
      const result = await cli(['monthly', DEMO, ...args, '--out', out, '--reveal-ids']);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const goldenDir = join(ROOT, 'test', 'golden', name);
      if (process.env.SPOTCHECK_WRITE_GOLDEN === '1' && !existsSync(goldenDir)) {
        mkdirSync(goldenDir, { recursive: true });
        for (const file of FILES) writeFileSync(join(goldenDir, file), readFileSync(join(out, file)));
        writeFileSync(join(goldenDir, 'args.json'), `${JSON.stringify(args)}\n`);
      }
      expect(JSON.parse(readFileSync(join(goldenDir, 'args.json'), 'utf8'))).toEqual(args);
      for (const file of FILES) {
        expect(readFileSync(join(out, file), 'utf8'), `${name}/${file}`).toBe(
          readFileSync(join(goldenDir, file), 'utf8'),
        );
      }
      const masked = join(tempDir(), 'masked');
      expect((await cli(['monthly', DEMO, ...args, '--out', masked])).status).toBe(0);
      const maskIdColumn = (text: string) => {
        const [header, ...rows] = parse(text) as string[][];
        const column = header!.indexOf('证件号码');
        return [
          header,
          ...rows.map((row) =>
            row.map((cell, index) =>
              index === column ? `${cell.slice(0, 4)}${'*'.repeat(cell.length - 8)}${cell.slice(-4)}` : cell,
            ),
          ),
        ];
      };
      expect(parse(readFileSync(join(masked, 'households.csv'), 'utf8'))).toEqual(
        maskIdColumn(readFileSync(join(goldenDir, 'households.csv'), 'utf8')),
      );
      expect(readFileSync(join(masked, 'villages.csv'), 'utf8')).toBe(
        readFileSync(join(goldenDir, 'villages.csv'), 'utf8'),
      );
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.algorithm).toMatchObject({ name: 'spotcheck-ticket-1', version: 1 });
      expect(manifest.inputs[0].sha256).toBe('d15c8b4b734fdb5c234eca42b51bd76f7fc355540009d4212041dc43705cc53b');
    });
  }
});
