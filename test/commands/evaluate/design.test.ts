/**
 * `evaluate --min-per-stratum N --merge-strata` on the built CLI (issue 17, the design): the merged
 * strata of fixtures/eval-registry.csv (30 counties in 16 prefectures) each get at least 2 of 20
 * counties, the manifest records the minimum and the rule (only when given: a default draw records
 * neither), `verify` reproduces the draw and fails on a manifest whose minimum or rule was changed
 * and sealed again; without --merge-strata the minimum is refused; the summary and --json give the
 * design df with a hint when they are few; a plan file takes the same keys.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MERGE_STRATA_RULE } from '../../../src/commands/evaluate/spec.js';
import { sealManifest, type Manifest } from '../../../src/core/manifest.js';
import { cli, tempDir } from '../../helpers.js';
import { REGISTRY } from './evaluateKit.js';

const DESIGN = ['--seed', '2026 第三方评估', '--min-per-stratum', '2', '--merge-strata'];

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

/** A copy of the draw whose manifest's parameters were changed and sealed again (so only the re-draw can tell). */
function forged(out: string, name: string, change: (parameters: Record<string, unknown>) => Record<string, unknown>) {
  const dir = join(tempDir('design-forged-'), name);
  cpSync(out, dir, { recursive: true });
  const { manifest_sha256: _old, ...manifest } = manifestOf(out);
  manifest.parameters = change({ ...(manifest.parameters as Record<string, unknown>) });
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(sealManifest(manifest as Manifest), null, 2)}\n`);
  return dir;
}

describe('evaluate --min-per-stratum --merge-strata', () => {
  it('merges the 16 prefectures into strata of at least 2 counties, records the rule, and verify reproduces it', async () => {
    const out = join(tempDir('design-'), 'draw');
    const drawn = await cli(['evaluate', REGISTRY, ...DESIGN, '--out', out]);
    expect(drawn.status, drawn.stderr).toBe(0);
    const manifest = manifestOf(out) as Manifest & {
      parameters: Record<string, unknown>;
      strata: Array<{ stratum: string; counties: number; allocated: number; merged?: string[] }>;
    };
    // Recorded after allocation, in the frozen order's new places.
    const keys = Object.keys(manifest.parameters);
    expect(keys.slice(keys.indexOf('allocation'), keys.indexOf('allocation') + 4)).toEqual([
      'allocation',
      'min_per_stratum',
      'merge_strata',
      'county_selection',
    ]);
    expect(manifest.parameters.min_per_stratum).toBe(2);
    expect(manifest.parameters.merge_strata).toBe(MERGE_STRATA_RULE);
    expect(manifest.strata.length).toBeLessThanOrEqual(10);
    expect(manifest.strata.every((stratum) => stratum.allocated >= 2)).toBe(true);
    expect(manifest.strata.reduce((sum, stratum) => sum + stratum.allocated, 0)).toBe(20);
    const merged = manifest.strata.filter((stratum) => stratum.merged !== undefined);
    expect(merged.length).toBeGreaterThan(0);
    for (const stratum of merged) expect(stratum.stratum).toBe(stratum.merged!.join('+'));
    // Every prefecture of the registry is in exactly one stratum.
    const parts = manifest.strata.flatMap((stratum) => stratum.merged ?? [stratum.stratum]);
    expect(parts).toHaveLength(16);
    expect(new Set(parts).size).toBe(16);
    // The drawn counties carry their merged stratum.
    const counties = readFileSync(join(out, 'counties.csv'), 'utf8').trim().split('\n').slice(1);
    expect(counties).toHaveLength(20);
    for (const stratum of merged)
      expect(counties.filter((row) => row.startsWith(`${stratum.stratum},`)).length).toBe(stratum.allocated);

    const verified = await cli(['verify', out]);
    expect(verified.stdout).toMatch(/verified: the draw is reproduced exactly/);
    expect(verified.status).toBe(0);

    // A changed minimum draws other strata: verify fails on the re-drawn manifest and files.
    const three = await cli(['verify', forged(out, 'min3', (p) => ({ ...p, min_per_stratum: 3 }))]);
    expect(three.status).toBe(1);
    expect(three.stdout).toMatch(/DIFF .*strata/);
    // A recorded minimum of 1 is not what a draw with the minimum 1 records (it records none).
    const one = await cli(['verify', forged(out, 'min1', (p) => ({ ...p, min_per_stratum: 1 }))]);
    expect(one.status).toBe(1);
    // Without the rule, the minimum cannot be given: the re-draw is refused, the draw not verified
    // (a DIFF of the recorded parameters, not evaluate's usage error).
    const { merge_strata: _rule, ...withoutRule } = manifest.parameters;
    const unmerged = await cli(['verify', forged(out, 'no-rule', () => withoutRule)]);
    expect(unmerged.status).toBe(1);
    expect(unmerged.stdout).toMatch(/DIFF manifest parameters: .*--min-per-stratum 2 needs 22 counties/);
    // A rule this version does not know is a manifest error.
    const other = await cli(['verify', forged(out, 'other-rule', (p) => ({ ...p, merge_strata: 'largest-first' }))]);
    expect(other.status).not.toBe(0);
    expect(other.stderr).toMatch(/merge_strata/);
  });

  it('refuses a minimum the counties cannot give without --merge-strata, naming it', async () => {
    const refused = await cli(['evaluate', REGISTRY, '--seed', 's', '--min-per-stratum', '2']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(
      /--min-per-stratum 2 needs 22 counties \(at least 2 in each of the 16 strata, all of a smaller one\), but --counties is 20/,
    );
    expect(refused.stderr).toMatch(/--merge-strata/);
    const zero = await cli(['evaluate', REGISTRY, '--seed', 's', '--min-per-stratum', '0']);
    expect(zero.status).toBe(2);
    expect(zero.stderr).toMatch(/--min-per-stratum must be a positive integer/);
    // With counties enough, no merging is needed: every prefecture gets 2 (or all of its one county).
    const enough = await cli([
      'evaluate',
      REGISTRY,
      '--seed',
      's',
      '--min-per-stratum',
      '2',
      '--counties',
      '22',
      '--json',
    ]);
    expect(enough.status, enough.stderr).toBe(0);
    const strata = JSON.parse(enough.stdout).manifest.strata as Array<{ counties: number; allocated: number }>;
    expect(strata).toHaveLength(16);
    for (const stratum of strata) expect(stratum.allocated).toBe(Math.min(2, stratum.counties));
  });

  it('states the design df in the summary and --json, with a hint when they are few; the default records neither option', async () => {
    const plain = await cli(['evaluate', REGISTRY, '--seed', '2026 第三方评估']);
    expect(plain.status, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(
      /Design df for estimation: 4 = 20 counties drawn − 16 strata; strata with one county: 1[0-9]/,
    );
    expect(plain.stdout).toMatch(/fewer than 8 df: .*--min-per-stratum 2 --merge-strata/);
    const plainJson = JSON.parse((await cli(['evaluate', REGISTRY, '--seed', '2026 第三方评估', '--json'])).stdout);
    expect(plainJson.design).toMatchObject({ counties: 20, strata: 16, df: 4 });
    expect(plainJson.manifest.parameters).not.toHaveProperty('min_per_stratum');
    expect(plainJson.manifest.parameters).not.toHaveProperty('merge_strata');
    expect(plainJson.manifest.strata.some((stratum: object) => 'merged' in stratum)).toBe(false);

    const designed = await cli(['evaluate', REGISTRY, ...DESIGN]);
    expect(designed.stdout).toMatch(
      /Design df for estimation: 10 = 20 counties drawn − 10 strata; strata with one county: 0/,
    );
    expect(designed.stdout).not.toMatch(/fewer than 8 df/);
    const designedJson = JSON.parse((await cli(['evaluate', REGISTRY, ...DESIGN, '--json'])).stdout);
    expect(designedJson.design).toEqual({ counties: 20, strata: 10, df: 10, single_county_strata: 0 });
    const noticeDir = tempDir('design-notice-');
    const notice = join(noticeDir, 'notice.html');
    expect(
      (await cli(['evaluate', REGISTRY, ...DESIGN, '--out', join(noticeDir, 'draw'), '--notice', notice])).status,
    ).toBe(0);
    expect(readFileSync(notice, 'utf8')).toContain(
      '分层，每层至少 2 个县；小层按规则合并（共 10 层，其中 4 层由小层合并而成）',
    );
    const zh = await cli(['evaluate', REGISTRY, '--seed', '2026 第三方评估', '--lang', 'zh-CN']);
    expect(zh.stdout).toMatch(/估计用的设计自由度：4 = 抽中 20 个县 − 16 层/);
  });

  it('takes min_per_stratum and merge_strata from a plan file, as from the command line', async () => {
    const dir = tempDir('design-plan-');
    writeFileSync(
      join(dir, 'spotcheck.config.json'),
      JSON.stringify({ evaluate: { min_per_stratum: 2, merge_strata: true } }),
    );
    const planned = await cli(['evaluate', REGISTRY, '--seed', '2026 第三方评估', '--json'], { cwd: dir });
    expect(planned.status, planned.stderr).toBe(0);
    const fromPlan = JSON.parse(planned.stdout).manifest;
    const fromFlags = JSON.parse((await cli(['evaluate', REGISTRY, ...DESIGN, '--json'])).stdout).manifest;
    expect(fromPlan.parameters).toEqual(fromFlags.parameters);
    expect(fromPlan.strata).toEqual(fromFlags.strata);
    expect(fromPlan.plan.applied).toEqual({ 'evaluate.min_per_stratum': 2, 'evaluate.merge_strata': true });
  });

  it('a commitment fixes the minimum and the rule: a draw without them is refused', async () => {
    const dir = tempDir('design-commit-');
    const commitment = join(dir, 'commitment.json');
    const committed = await cli([
      'commit',
      'evaluate',
      REGISTRY,
      '--min-per-stratum',
      '2',
      '--merge-strata',
      '--seed-procedure',
      'public lottery on 2026-12-01',
      '--out',
      commitment,
      '--quiet',
    ]);
    expect(committed.status, committed.stderr).toBe(0);
    const out = join(dir, 'draw');
    const drawn = await cli([
      'evaluate',
      REGISTRY,
      '--seed',
      '2026',
      '--min-per-stratum',
      '2',
      '--merge-strata',
      '--commitment',
      commitment,
      '--out',
      out,
    ]);
    expect(drawn.status, drawn.stderr).toBe(0);
    expect((await cli(['verify', out])).stdout).toMatch(/verified: the draw is reproduced exactly/);
    const without = await cli(['evaluate', REGISTRY, '--seed', '2026', '--commitment', commitment]);
    expect(without.status).toBe(2);
    expect(without.stderr).toMatch(/parameter --merge-strata \(absent\) vs committed "smallest-with-smallest"/);
    expect(without.stderr).toMatch(/parameter --min-per-stratum \(absent\) vs committed 2/);
  });
});
