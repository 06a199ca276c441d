/**
 * Issue 15, the month's workflow: --exclude's default stages depend on the level (a county or
 * township draw never excludes its own county), and an emptied frame names the exclusion that
 * emptied it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { column } from '../wenshanKit.js';

const MONTH = ['--month', '2026-11'];

/** prefectureDraw draws 丽江市 (its one county, 永胜县) into `dir`/pref. */
async function prefectureDraw(dir: string): Promise<string> {
  const out = join(dir, 'pref');
  const written = await cli([
    'monthly',
    DEMO,
    ...MONTH,
    '--seed',
    'p',
    '--level',
    'prefecture',
    '--scope',
    '丽江市',
    '--out',
    out,
  ]);
  expect(written.status, written.stderr).toBe(0);
  expect(column(join(out, 'counties.csv'), 'county')).toContain('永胜县');
  return out;
}

describe('--exclude-stages defaults per level (issue 15)', () => {
  it("the README's county scenario draws: a county excluding the prefecture draw that took it excludes its villages and households only", async () => {
    const dir = tempDir();
    const pref = await prefectureDraw(dir);
    const out = join(dir, 'county');
    const result = await cli(
      ['monthly', DEMO, ...MONTH, '--seed', 'c', '--level', 'county', '--scope', '永胜县'].concat([
        '--exclude',
        pref,
        '--out',
        out,
      ]),
    );
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.exclusions.sources[0].stages).toEqual(['village', 'household']);
    const taken = new Set(column(join(pref, 'villages.csv'), 'village_key'));
    const drawn = column(join(out, 'villages.csv'), 'village_key');
    expect(drawn.length).toBeGreaterThan(0);
    for (const key of drawn) expect(taken.has(key)).toBe(false);
    const verified = await cli(['verify', out]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  });

  it('a prefecture draw still excludes all three stages by default', async () => {
    const dir = tempDir();
    const pref = await prefectureDraw(dir);
    const out = join(dir, 'again');
    const result = await cli(
      ['monthly', DEMO, ...MONTH, '--seed', 'q', '--level', 'prefecture', '--scope', '丽江市'].concat([
        '--exclude',
        pref,
        '--out',
        out,
      ]),
    );
    // The prefecture's only county was taken: nothing is left, and the message says which draw took it.
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /Excluding monthly draw prefecture 丽江市 2026-11, manifest [0-9a-f]{16}… at the county, village, household stage\(s\) leaves out \d+ villages of the frame\./,
    );
  });

  it('an exclusion-emptied frame names the exclusion and the villages it left out, in English and Chinese', async () => {
    const dir = tempDir();
    const pref = await prefectureDraw(dir);
    const county = [
      'monthly',
      DEMO,
      ...MONTH,
      '--seed',
      'c',
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--exclude',
      pref,
    ];
    const en = await cli([...county, '--exclude-stages', 'county']);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/once the excluded draws' (\d+) village\(s\) are left out/);
    const total = /once the excluded draws' (\d+) village/.exec(en.stderr)![1];
    expect(en.stderr).toContain(
      `Excluding monthly draw prefecture 丽江市 2026-11, manifest ${JSON.parse(readFileSync(join(pref, 'manifest.json'), 'utf8')).manifest_sha256.slice(0, 16)}… at the county stage(s) leaves out ${total} villages of the frame.`,
    );
    const zh = await cli([...county, '--exclude-stages', 'county', '--lang', 'zh-CN']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toMatch(
      new RegExp(
        `按县阶段排除 2026-11 州（市）级 丽江市 监督检查 抽取，清单 [0-9a-f]{16}…，抽样框因此少了 ${total} 个村。`,
      ),
    );
  });
});
