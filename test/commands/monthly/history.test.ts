/** The tests "--history and --cooldown: rotation over months" from test/coordination.test.ts (moved, issue 14). */
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { column } from '../wenshanKit.js';

describe('--history and --cooldown: rotation over months', () => {
  it("leaves out the villages and households of the cooldown months' draws, not older ones, and records which", async () => {
    const dir = tempDir();
    const history = join(dir, 'draws');
    const county = ['--level', 'county', '--scope', '永胜县', '--villages', '3'];
    for (const month of ['2026-08', '2026-09', '2026-10']) {
      mkdirSync(join(history, month), { recursive: true });
      expect(
        (
          await cli([
            'monthly',
            DEMO,
            '--month',
            month,
            '--seed',
            `seed-${month}`,
            ...county,
            '--out',
            join(history, month, 'county'),
          ])
        ).status,
      ).toBe(0);
    }
    const out = join(dir, '2026-11');
    const result = await cli([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--seed',
      'seed-2026-11',
      ...county,
      '--history',
      history,
      '--cooldown',
      '2',
      '--out',
      out,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.exclusions.history).toEqual({ dir: '../draws', cooldown: 2, stages: ['village', 'household'] });
    expect(
      manifest.exclusions.sources.map((source: { path: string; reason: string }) => [source.path, source.reason]),
    ).toEqual([
      ['../draws/2026-09/county', 'history'],
      ['../draws/2026-10/county', 'history'],
    ]);
    const now = column(join(out, 'villages.csv'), 'village_key');
    for (const month of ['2026-09', '2026-10'])
      for (const key of column(join(history, month, 'county', 'villages.csv'), 'village_key'))
        expect(now).not.toContain(key);
    expect((await cli(['verify', out])).status).toBe(0);
    // A new draw dropped into the history later does not change what verify re-draws.
    cpSync(join(history, '2026-10'), join(history, '2026-10-copy'), { recursive: true });
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('needs --cooldown with --history', async () => {
    const result = await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'x', '--history', tempDir()]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--history needs --cooldown MONTHS/);
  });
});
