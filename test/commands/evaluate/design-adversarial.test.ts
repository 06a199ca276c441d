/**
 * `evaluate --min-per-stratum --merge-strata` against an insider and a careless user (issue 17,
 * adversarial pass), on the built CLI: a manifest whose minimum, rule or merged strata were changed
 * and sealed again never verifies (a recorded minimum without its rule is a DIFF, not a usage error
 * of evaluate); hostile values of the options, '+' in stratum names, a commitment without the
 * options and a plan file with wrong keys or types are refused with the rule and what was got.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sealManifest, type Manifest } from '../../../src/core/manifest.js';
import type { ForgedJson } from '../../forgedJson.js';
import { cli, ROOT, STACK, tempDir } from '../../helpers.js';
import { checkDraw, pythonOnPath } from '../../pythonChecker.js';
import { REGISTRY } from './evaluateKit.js';

const hasPython = pythonOnPath();
const needsPython = hasPython ? '' : ' (skipped: python3 is not on PATH)';

const DESIGN = ['--seed', '2026 第三方评估', '--min-per-stratum', '2', '--merge-strata'];

const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as ForgedJson;

/** A copy of the draw whose manifest was edited and sealed again, as a forger would. */
function forged(out: string, name: string, edit: (manifest: ForgedJson) => void): string {
  const dir = join(tempDir('design-adv-'), name);
  cpSync(out, dir, { recursive: true });
  const { manifest_sha256: _old, ...manifest } = manifestOf(out);
  edit(manifest);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(sealManifest(manifest as Manifest), null, 2)}\n`);
  return dir;
}

/** The registry's 30 county codes (column 3), in code point order. */
const countyCodes = () => {
  const rows = readFileSync(REGISTRY, 'utf8').trimEnd().split('\n').slice(1);
  return [...new Set(rows.map((row) => row.split(',')[2]!))].sort();
};

/** A county table giving the column 片区: `labels[i]` to the i-th county, "Z" to the rest. */
function zoneTable(name: string, labels: readonly string[]): string {
  const path = join(tempDir('design-adv-zones-'), name);
  const lines = countyCodes().map((code, index) => `${code},${labels[index] ?? 'Z'}`);
  writeFileSync(path, `县代码,片区\n${lines.join('\n')}\n`);
  return path;
}

const refusal = (result: { status: number | null; stdout: string; stderr: string }) => {
  expect(result.stderr).not.toMatch(STACK);
  expect(result.stdout).not.toMatch(STACK);
  return result.stderr;
};

describe('evaluate --min-per-stratum --merge-strata: forged manifests', () => {
  let out = '';
  beforeAll(async () => {
    out = join(tempDir('design-adv-draw-'), 'draw');
    const drawn = await cli(['evaluate', REGISTRY, ...DESIGN, '--out', out]);
    expect(drawn.status, drawn.stderr).toBe(0);
  });

  it('a recorded minimum whose rule was removed is a DIFF of the parameters (exit 1), not a usage error of evaluate', async () => {
    const dir = forged(out, 'no-rule', (manifest) => {
      delete manifest.parameters.merge_strata;
    });
    const verified = await cli(['verify', dir]);
    expect(verified.status).toBe(1);
    expect(refusal(verified)).toBe('');
    expect(verified.stdout).toMatch(
      /DIFF manifest parameters: the recorded parameters make no draw, so they are not those of the draw \(changed after it, or written by hand\): --min-per-stratum 2 needs 22 counties/,
    );
    expect(verified.stdout).toMatch(/NOT verified/);
    const json = JSON.parse((await cli(['verify', dir, '--json'])).stdout);
    expect(json.verified).toBe(false);
    expect(json.checks.at(-1)).toMatchObject({ check: 'manifest parameters', ok: false });
    const zh = await cli(['verify', dir, '--lang', 'zh-CN']);
    expect(zh.status).toBe(1);
    expect(zh.stdout).toContain('记录的参数无法完成抽取，因此不是该次抽取所用的参数');
  });

  it('a removed minimum, or both options removed, re-draws other strata: DIFF', async () => {
    for (const [name, edit] of [
      ['no-minimum', (m: ForgedJson) => delete m.parameters.min_per_stratum],
      [
        'neither',
        (m: ForgedJson) => {
          delete m.parameters.min_per_stratum;
          delete m.parameters.merge_strata;
        },
      ],
    ] as const) {
      const verified = await cli(['verify', forged(out, name, edit)]);
      expect(verified.status, name).toBe(1);
      expect(verified.stdout).toMatch(/DIFF manifest strata/);
      expect(verified.stdout).toMatch(/DIFF counties\.csv re-draw/);
    }
  });

  it.each([
    ['min_per_stratum', '"2"'],
    ['min_per_stratum', '2.5'],
    ['min_per_stratum', '0'],
    ['min_per_stratum', '-1'],
    ['merge_strata', 'true'],
    ['merge_strata', 'false'],
    ['merge_strata', 'null'],
    ['merge_strata', '"largest-first"'],
  ])('a recorded %s of %s is a malformed manifest (exit 2, the key named)', async (key, value) => {
    const dir = forged(out, `${key}-${value.replace(/\W/g, '')}`, (manifest) => {
      manifest.parameters[key] = JSON.parse(value);
    });
    const verified = await cli(['verify', dir]);
    expect(verified.status).toBe(2);
    expect(refusal(verified)).toContain(`manifest parameter "${key}" is missing or malformed`);
  });

  it('merged strata renamed, re-parted or unmerged in the manifest: DIFF of manifest strata', async () => {
    const merged = (manifestOf(out).strata as Array<{ stratum: string; merged?: string[] }>).findIndex(
      (stratum) => stratum.merged !== undefined,
    );
    expect(merged).toBeGreaterThanOrEqual(0);
    for (const [name, edit, diff] of [
      [
        'renamed',
        (m: ForgedJson) => (m.strata[merged].stratum = '怒江州'),
        /strata\[\d+\]\.stratum: recorded "怒江州"/,
      ],
      [
        're-parted',
        (m: ForgedJson) => (m.strata[merged].merged = ['x', 'y']),
        /strata\[\d+\]\.merged: recorded \["x","y"\]/,
      ],
      ['unmerged', (m: ForgedJson) => delete m.strata[merged].merged, /strata\[\d+\]\.merged: recorded \(absent\)/],
    ] as const) {
      const verified = await cli(['verify', forged(out, name, edit)]);
      expect(verified.status, name).toBe(1);
      expect(verified.stdout).toMatch(diff);
    }
  });

  it('a draw without the options with a minimum of 1 written in: DIFF (a minimum of 1 is never recorded)', async () => {
    const plain = join(tempDir('design-adv-plain-'), 'draw');
    expect((await cli(['evaluate', REGISTRY, '--seed', '2026 第三方评估', '--out', plain])).status).toBe(0);
    const verified = await cli([
      'verify',
      forged(plain, 'min1', (manifest) => {
        manifest.parameters.min_per_stratum = 1;
      }),
    ]);
    expect(verified.status).toBe(1);
    expect(verified.stdout).toMatch(
      /DIFF manifest parameters: parameters\.min_per_stratum: recorded 1, re-drawn \(absent\)/,
    );
  });
});

describe('evaluate --min-per-stratum --merge-strata: hostile values', () => {
  it("the README's design example: its lines (between the elisions) are the command's output lines, in order", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const prompt =
      '$ spotcheck evaluate fixtures/eval-registry.csv --nonpoor fixtures/eval-nonpoor.csv --seed "2026 第三方评估" --min-per-stratum 2 --merge-strata\n';
    const start = readme.indexOf(prompt);
    expect(start, 'the README shows the example').toBeGreaterThan(0);
    const shown = readme
      .slice(start + prompt.length, readme.indexOf('```', start))
      .trimEnd()
      .split('\n')
      .filter((line) => line !== '…');
    expect(shown.length).toBeGreaterThan(3);
    const result = await cli(
      ['evaluate', 'fixtures/eval-registry.csv', '--nonpoor', 'fixtures/eval-nonpoor.csv', ...DESIGN],
      { cwd: ROOT },
    );
    expect(result.status, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    let from = 0;
    for (const line of shown) {
      const at = lines.indexOf(line, from);
      expect(at, line).toBeGreaterThanOrEqual(from);
      from = at + 1;
    }
  });

  it.each([
    ['0', '--min-per-stratum must be a positive integer, got "0"'],
    ['-1', '--min-per-stratum must be a positive integer, got "-1"'],
    ['1.5', '--min-per-stratum must be a positive integer, got "1.5"'],
    ['abc', '--min-per-stratum must be a positive integer, got "abc"'],
    ['', '--min-per-stratum must be a positive integer, got ""'],
    ['99999999999', '--min-per-stratum must be at most 1000000, got 99999999999'],
  ])('--min-per-stratum %j is refused (exit 2): %s', async (value, message) => {
    const result = await cli(['evaluate', REGISTRY, '--seed', 's', '--min-per-stratum', value, '--merge-strata']);
    expect(result.status).toBe(2);
    expect(refusal(result)).toContain(message);
  });

  it('a minimum above every stratum, even merged into one: refused, naming the counties it needs', async () => {
    const result = await cli(['evaluate', REGISTRY, '--seed', 's', '--min-per-stratum', '50', '--merge-strata']);
    expect(result.status).toBe(2);
    expect(refusal(result)).toMatch(/--min-per-stratum 50 needs 30 counties .*but --counties is 20/);
    // The counties that make it possible are all 30 of them (a stratum smaller than 50 gets all), not 50.
    expect(result.stderr).toContain(
      'even one stratum of all counties cannot get 50: ask for --counties 30 or more, or lower --min-per-stratum',
    );
    const thirty = await cli([
      ...['evaluate', REGISTRY, '--seed', 's', '--min-per-stratum', '50', '--merge-strata', '--counties', '30'],
      '--json',
    ]);
    expect(thirty.status, thirty.stderr).toBe(0);
    expect(JSON.parse(thirty.stdout).manifest.strata).toMatchObject([{ counties: 30, allocated: 30 }]);
    const zh = await cli([
      'evaluate',
      REGISTRY,
      '--seed',
      's',
      '--min-per-stratum',
      '50',
      '--merge-strata',
      '--lang',
      'zh-CN',
    ]);
    expect(zh.stderr).toContain('请设 --counties 不少于 30');
  });

  it('--counties below the strata with merging: one stratum of all 16 prefectures, verified', async () => {
    const out = join(tempDir('design-adv-three-'), 'draw');
    const drawn = await cli([...['evaluate', REGISTRY], ...DESIGN, '--counties', '3', '--out', out]);
    expect(drawn.status, drawn.stderr).toBe(0);
    const strata = manifestOf(out).strata as Array<{ allocated: number; merged: string[] }>;
    expect(strata).toHaveLength(1);
    expect(strata[0]!.merged).toHaveLength(16);
    expect(strata[0]!.allocated).toBe(3);
    expect((await cli(['verify', out])).status).toBe(0);
    const one = await cli([...['evaluate', REGISTRY], ...DESIGN, '--counties', '1']);
    expect(one.status).toBe(2);
    expect(refusal(one)).toMatch(/--min-per-stratum 2 needs 2 counties .*but --counties is 1/);
  });

  it('strata from a column: a merged name that is another stratum’s is refused; "+" names merge and verify; personal data is refused', async () => {
    const collision = await cli([
      ...['evaluate', REGISTRY, ...DESIGN, '--strata', '片区'],
      ...['--county-attributes', zoneTable('collision.csv', ['A', 'B', 'A+B', 'A+B'])],
    ]);
    expect(collision.status).toBe(2);
    expect(refusal(collision)).toContain(
      '--merge-strata made a stratum named "A+B", which is also the name of another stratum',
    );

    const out = join(tempDir('design-adv-plus-'), 'draw');
    const plus = await cli([
      ...['evaluate', REGISTRY, ...DESIGN, '--strata', '片区'],
      ...['--county-attributes', zoneTable('plus.csv', ['+', '++', '+++']), '--out', out],
    ]);
    expect(plus.status, plus.stderr).toBe(0);
    expect(manifestOf(out).strata[0]).toMatchObject({ stratum: '++++++++', merged: ['+', '++', '+++'] });
    expect((await cli(['verify', out])).stdout).toMatch(/verified: the draw is reproduced exactly/);
    const reparted = await cli([
      'verify',
      forged(out, 'plus-reparted', (manifest) => {
        manifest.strata[0].merged = ['+', '++'];
      }),
    ]);
    expect(reparted.status).toBe(1);

    // A resident ID (valid check digit) or a mobile number as a stratum name: refused, masked.
    for (const [index, label] of ['530102199001011231', '13812345678'].entries()) {
      const personal = await cli([
        ...['evaluate', REGISTRY, ...DESIGN, '--strata', '片区'],
        ...['--county-attributes', zoneTable(`personal-${index}.csv`, [label, label])],
      ]);
      expect(personal.status, label).not.toBe(0);
      expect(refusal(personal)).toMatch(/a stratum value holds an ID or mobile number/);
      expect(personal.stderr).not.toContain(label);
    }
  });
  it('--merge-strata alone merges only below the number of strata: 20 counties keep the 16 prefectures (and the df hint names --min-per-stratum 2), 5 counties make 5 strata', async () => {
    const alone = await cli(['evaluate', REGISTRY, '--seed', 's', '--merge-strata', '--json']);
    expect(alone.status, alone.stderr).toBe(0);
    const manifest = JSON.parse(alone.stdout).manifest;
    expect(manifest.parameters.merge_strata).toBe('smallest-with-smallest');
    expect(manifest.parameters).not.toHaveProperty('min_per_stratum');
    expect(manifest.strata).toHaveLength(16);
    expect(manifest.strata.some((stratum: object) => 'merged' in stratum)).toBe(false);
    const text = await cli(['evaluate', REGISTRY, '--seed', 's', '--merge-strata']);
    expect(text.stdout).toMatch(/fewer than 8 df: .*draw with --min-per-stratum 2 --merge-strata/);
    const five = JSON.parse(
      (await cli(['evaluate', REGISTRY, '--seed', 's', '--merge-strata', '--counties', '5', '--json'])).stdout,
    );
    expect(five.manifest.strata).toHaveLength(5);
    expect(five.manifest.strata.every((stratum: { allocated: number }) => stratum.allocated === 1)).toBe(true);
    expect(five.design).toMatchObject({ counties: 5, strata: 5, df: 0 });
  });
});

describe('evaluate --min-per-stratum --merge-strata: commitments, plan files, sql', () => {
  it('a commitment made without the options refuses a draw with them, and one with the rule only refuses the minimum', async () => {
    const dir = tempDir('design-adv-commit-');
    const commit = async (name: string, extra: readonly string[]) => {
      const path = join(dir, name);
      const made = await cli([
        ...['commit', 'evaluate', REGISTRY, ...extra],
        ...['--seed-procedure', 'public lottery', '--out', path, '--quiet'],
      ]);
      expect(made.status, made.stderr).toBe(0);
      return path;
    };
    const without = await cli([...['evaluate', REGISTRY], ...DESIGN, '--commitment', await commit('none.json', [])]);
    expect(without.status).toBe(2);
    expect(refusal(without)).toMatch(/parameter --merge-strata "smallest-with-smallest" vs committed \(absent\)/);
    expect(without.stderr).toMatch(/parameter --min-per-stratum 2 vs committed \(absent\)/);
    const ruleOnly = await cli([
      ...['evaluate', REGISTRY],
      ...DESIGN,
      ...['--commitment', await commit('rule.json', ['--merge-strata'])],
    ]);
    expect(ruleOnly.status).toBe(2);
    expect(refusal(ruleOnly)).toMatch(/parameter --min-per-stratum 2 vs committed \(absent\)/);
    expect(ruleOnly.stderr).not.toMatch(/parameter --merge-strata/);
    // A minimum the counties cannot give is refused when committing, not only at the draw.
    const infeasible = await cli([
      ...['commit', 'evaluate', REGISTRY, '--min-per-stratum', '2'],
      ...['--seed-procedure', 'public lottery', '--out', join(dir, 'x.json')],
    ]);
    expect(infeasible.status).toBe(2);
    expect(refusal(infeasible)).toMatch(/--min-per-stratum 2 needs 22 counties/);
  });

  it.each([
    [{ min_per_strata: 2, merge_strata: true }, 'plan file: unknown key "evaluate.min_per_strata"'],
    [{ min_per_stratum: 2, mergeStrata: true }, 'plan file: unknown key "evaluate.mergeStrata"'],
    [{ min_per_stratum: 2, merge_strata: 'yes' }, '"evaluate.merge_strata" must be true or false, got "yes"'],
    [
      { min_per_stratum: 2, merge_strata: 'smallest-with-smallest' },
      '"evaluate.merge_strata" must be true or false, got "smallest-with-smallest"',
    ],
    [{ min_per_stratum: 2.5, merge_strata: true }, '"evaluate.min_per_stratum" must be a whole number, got 2.5'],
    [{ min_per_stratum: null, merge_strata: true }, '"evaluate.min_per_stratum" must be a whole number, got null'],
    [{ min_per_stratum: 0, merge_strata: true }, '--min-per-stratum must be a positive integer, got "0"'],
    [{ min_per_stratum: 2, merge_strata: false }, '--min-per-stratum 2 needs 22 counties'],
  ])('a plan file with %j is refused (exit 2): %s', async (section, message) => {
    const dir = tempDir('design-adv-plan-');
    writeFileSync(join(dir, 'spotcheck.config.json'), JSON.stringify({ evaluate: section }));
    const result = await cli(['evaluate', REGISTRY, '--seed', 's'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(refusal(result)).toContain(message);
  });

  it('spotcheck sql has neither option: refused by name (exit 2), never silently dropped, in either mode', async () => {
    for (const [mode, option] of [
      ['evaluate', ['--min-per-stratum', '2']],
      ['evaluate', ['--merge-strata']],
      ['evaluate', ['--min-per-stratum', '1']],
      ['monthly', ['--month', '2026-11', '--merge-strata']],
    ] as const) {
      const result = await cli(['sql', '--dialect', 'duckdb', '--mode', mode, '--seed', 's', ...option]);
      expect(result.status, option.join(' ')).toBe(2);
      expect(result.stdout).toBe('');
      const flag = option.find((word) => word === '--min-per-stratum' || word === '--merge-strata')!;
      expect(refusal(result)).toContain(
        `${flag}: spotcheck sql makes the evaluation draw without a minimum per stratum or merged strata`,
      );
    }
    const zh = await cli([
      'sql',
      '--dialect',
      'duckdb',
      '--mode',
      'evaluate',
      '--seed',
      's',
      '--merge-strata',
      '--lang',
      'zh-CN',
    ]);
    expect(zh.stderr).toContain('spotcheck sql 生成的评估抽取不含每层最少县数或合并小层');
    // Not in the help: sql has no such options, it only names them when refusing.
    expect((await cli(['sql', '--help'])).stdout).not.toMatch(/--min-per-stratum|--merge-strata/);
  });
});

describe.skipIf(!hasPython)(`docs/check_draw.py on the adversarial draws${needsPython}`, () => {
  it('reproduces a merge of "+" names from a county table and one stratum of all prefectures, and fails their forgeries', async () => {
    const plus = join(tempDir('design-adv-py-'), 'plus');
    const drawn = await cli([
      ...['evaluate', REGISTRY, ...DESIGN, '--strata', '片区'],
      ...['--county-attributes', zoneTable('plus.csv', ['+', '++', '+++']), '--out', plus],
    ]);
    expect(drawn.status, drawn.stderr).toBe(0);
    const one = join(tempDir('design-adv-py-'), 'one');
    expect((await cli(['evaluate', REGISTRY, ...DESIGN, '--counties', '3', '--out', one])).status).toBe(0);
    for (const out of [plus, one]) {
      const checked = await checkDraw([join(out, 'manifest.json')]);
      expect(checked.stdout, checked.stderr).toMatch(/^OK: /m);
      expect(checked.status).toBe(0);
    }
    for (const [name, edit] of [
      ['py-no-rule', (m: ForgedJson) => delete m.parameters.merge_strata],
      ['py-min3', (m: ForgedJson) => (m.parameters.min_per_stratum = 3)],
      ['py-reparted', (m: ForgedJson) => (m.strata[0].merged = ['+', '++'])],
      ['py-rule', (m: ForgedJson) => (m.parameters.merge_strata = 'largest-first')],
    ] as const) {
      const checked = await checkDraw([join(forged(plus, name, edit), 'manifest.json')]);
      expect(checked.status, name).not.toBe(0);
      expect(checked.stdout, name).toMatch(/FAILED/);
    }
  });
});
