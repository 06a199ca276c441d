/**
 * The independent Python checker (docs/check_draw.py) reproduces draws of the built CLI from the
 * registry and the spec alone — monthly at every level with spares, evaluate (SRS, PPS, every
 * kind of strata, --nonpoor), funds (coverage, PPS, table or registry column), masked and revealed
 * ID numbers, every golden draw — and rejects a draw whose files or manifest were edited.
 * Needs python3 on PATH and a current dist/ (`npx tsc -p .`; `npm test` builds first).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sealManifest, type Manifest } from '../../src/core/manifest.js';
import type { ForgedJson } from '../forgedJson.js';
import { cli } from '../helpers.js';
import { csvLine, demoRows, registryWithIds } from '../personalData.js';
import { checkDraw } from '../pythonChecker.js';

const ROOT = process.cwd();
const REGISTRY = 'fixtures/demo-registry.csv';
const CHECKER = 'docs/check_draw.py';

const hasPython = spawnSync('python3', ['--version'], { encoding: 'utf8' }).status === 0;
const itWithPython = hasPython ? it : it.skip;
const needs = hasPython ? '' : ' (skipped: python3 is not on PATH)';

const temporary = mkdtempSync(join(tmpdir(), 'spotcheck-pycheck-'));
afterAll(() => rmSync(temporary, { recursive: true, force: true }));

function run(command: string, args: readonly string[]) {
  const result = spawnSync(command, args, {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

/** Draws into a new directory (which must not exist yet) and returns it. */
async function draw(name: string, levelArgs: readonly string[]): Promise<string> {
  const out = join(temporary, name);
  const result = await cli([
    'monthly',
    REGISTRY,
    '--month',
    '2026-11',
    '--seed',
    'demo-2026-11',
    ...levelArgs,
    '--out',
    out,
  ]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return out;
}

function check(out: string) {
  return checkDraw([join(out, 'manifest.json'), '--registry', REGISTRY]);
}

describe(`docs/check_draw.py reproduces the CLI's draws${needs}`, () => {
  const levels: ReadonlyArray<[string, readonly string[]]> = [
    ['province', ['--level', 'province']],
    ['prefecture', ['--level', 'prefecture', '--scope', '红河哈尼族彝族自治州']],
    ['county', ['--level', 'county', '--scope', '峨山彝族自治县']],
    ['township', ['--level', 'township', '--scope', '永胜县›启江镇']],
  ];

  for (const [name, args] of levels) {
    itWithPython(`at ${name} level${needs}`, async () => {
      const out = await draw(name, args);
      const result = await check(out);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^OK: \d+ counties, \d+ villages, \d+ households reproduced/m);
      expect(result.status).toBe(0);
      const households = readFileSync(join(out, 'households.csv'), 'utf8').trim().split('\n').length - 1;
      expect(households).toBeGreaterThan(0);
      expect(result.stdout).toContain(`${households} households reproduced`);
    });
  }

  itWithPython(
    `reads a draw made in Chinese (columns_lang zh-CN, Chinese headings) and for Excel (BOM, CRLF)${needs}`,
    async () => {
      const out = await draw('chinese-headings', ['--level', 'province', '--lang', 'zh-CN', '--excel']);
      expect(readFileSync(join(out, 'households.csv'), 'utf8')).toMatch(/^\ufeff户编号,州市,县代码,/); // with --excel's BOM
      const result = await check(out);
      expect(result.stderr).toBe('');
      expect(result.stdout).toMatch(/^OK: \d+ counties, \d+ villages, \d+ households reproduced/m);
      expect(result.status).toBe(0);
    },
  );

  itWithPython(`fails (exit 1) when one ticket of households.csv was edited${needs}`, async () => {
    const original = await draw('negative-original', ['--level', 'province']);
    const edited = join(temporary, 'negative-edited');
    cpSync(original, edited, { recursive: true });
    const path = join(edited, 'households.csv');
    const lines = readFileSync(path, 'utf8').split('\n');
    const ticketColumn = lines[0]!.split(',').indexOf('ticket');
    const cells = lines[1]!.split(',');
    const ticket = cells[ticketColumn]!;
    expect(ticket).toMatch(/^[0-9a-f]{64}$/);
    cells[ticketColumn] = (ticket[0] === '0' ? '1' : '0') + ticket.slice(1);
    lines[1] = cells.join(',');
    writeFileSync(path, lines.join('\n'));

    expect((await check(original)).status).toBe(0);
    const result = await check(edited);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('FAILED');
    expect(result.stdout).toContain('households.csv row 1 ticket');
    expect(result.stdout).not.toMatch(/^OK/m);
  });
});

const EVAL_REGISTRY = 'fixtures/eval-registry.csv';
const EVAL_NONPOOR = 'fixtures/eval-nonpoor.csv';
const FUNDS_REGISTRY = 'fixtures/funds-registry.csv';
const FUNDS_TABLE = 'fixtures/county-funds-wenshan.csv';
const WENSHAN = '文山壮族苗族自治州';
const OK_LINE = /^OK: .* reproduced \(every file byte for byte\)/m;

/** Any spotcheck command into a new directory under the temporary one. */
async function spotcheck(name: string, args: readonly string[]): Promise<string> {
  const out = join(temporary, name);
  const result = await cli([...args, '--out', out]);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return out;
}

function checkDir(out: string, extra: readonly string[] = []) {
  return checkDraw([join(out, 'manifest.json'), ...extra]);
}

async function expectOk(out: string, extra: readonly string[] = []) {
  const result = await checkDir(out, extra);
  expect(result.stderr).toBe('');
  expect(result.stdout).toMatch(OK_LINE);
  expect(result.status).toBe(0);
  return result;
}

async function expectFailed(out: string, pattern: RegExp, extra: readonly string[] = []) {
  const result = await checkDir(out, extra);
  expect(result.stdout).toContain('FAILED');
  expect(result.stdout).toMatch(pattern);
  expect(result.stdout).not.toMatch(/^OK/m);
  expect(result.status).toBe(1);
}

function copy(out: string, name: string): string {
  const target = join(temporary, name);
  cpSync(out, target, { recursive: true });
  return target;
}

const readManifest = (out: string): Manifest =>
  JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
/** Rewrites the manifest as a forger would: edited, then resealed (a valid manifest_sha256). */
function reseal(out: string, edit: (manifest: ForgedJson) => void): void {
  const { manifest_sha256: _old, ...manifest } = readManifest(out) as ForgedJson;
  edit(manifest);
  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(sealManifest(manifest as Manifest), null, 2)}\n`);
}
/** Edits one cell of a CSV file (simple files: no quoted commas in the rows touched). */
function editCell(path: string, row: number, column: string, value: (old: string) => string): void {
  const lines = readFileSync(path, 'utf8').split('\n');
  const index = lines[0]!.split(',').indexOf(column);
  expect(index).toBeGreaterThanOrEqual(0);
  const cells = lines[row]!.split(',');
  cells[index] = value(cells[index]!);
  lines[row] = cells.join(',');
  writeFileSync(path, lines.join('\n'));
}

describe(`docs/check_draw.py reproduces every golden draw byte for byte${needs}`, () => {
  const goldenRoot = join(ROOT, 'test', 'golden');
  const monthly = readdirSync(goldenRoot).filter((name) => existsSync(join(goldenRoot, name, 'args.json')));
  expect(monthly.length).toBeGreaterThanOrEqual(5);
  for (const name of monthly) {
    itWithPython(`monthly ${name}${needs}`, async () => {
      const args = JSON.parse(readFileSync(join(goldenRoot, name, 'args.json'), 'utf8')) as string[];
      const out = await spotcheck(`golden-${name}`, ['monthly', REGISTRY, ...args, '--reveal-ids']);
      for (const file of ['counties.csv', 'villages.csv', 'households.csv']) {
        expect(readFileSync(join(out, file), 'utf8'), `${name}/${file}`).toBe(
          readFileSync(join(goldenRoot, name, file), 'utf8'),
        );
      }
      await expectOk(out);
      await expectOk(await spotcheck(`golden-${name}-masked`, ['monthly', REGISTRY, ...args, '--spares', '2']));
    });
  }
  const evaluations: Record<string, string[]> = {
    'evaluate-srs-prefecture': ['--seed', '2026 第三方评估', '--nonpoor', EVAL_NONPOOR],
    'evaluate-pps-poverty': [
      '--seed',
      '2026 第三方评估',
      '--nonpoor',
      EVAL_NONPOOR,
      '--strata',
      'poverty-county',
      '--county-selection',
      'pps',
      '--allocation',
      'households',
      '--villages-per-county',
      '2',
      '--households',
      'poor=3,exited=4,nonpoor=4',
      '--spares',
      '1',
    ],
  };
  for (const [name, args] of Object.entries(evaluations)) {
    itWithPython(`evaluate ${name}${needs}`, async () => {
      const out = await spotcheck(`golden-${name}`, ['evaluate', EVAL_REGISTRY, ...args]);
      for (const file of ['frame.csv', 'spares.csv', 'counties.csv', 'villages.csv', 'strata.csv']) {
        expect(readFileSync(join(out, file), 'utf8'), `${name}/${file}`).toBe(
          readFileSync(join(goldenRoot, name, file), 'utf8'),
        );
      }
      await expectOk(out);
    });
  }
});

describe(`docs/check_draw.py reproduces evaluate and funds draws${needs}`, () => {
  const cases: ReadonlyArray<[string, readonly string[]]> = [
    [
      'evaluate SRS, prefecture strata, proportional, --nonpoor',
      ['evaluate', EVAL_REGISTRY, '--seed', 's1', '--nonpoor', EVAL_NONPOOR, '--counties', '9'],
    ],
    [
      'evaluate PPS, poverty-county, households, --nonpoor',
      [
        'evaluate',
        EVAL_REGISTRY,
        '--seed',
        's2',
        '--nonpoor',
        EVAL_NONPOOR,
        '--strata',
        'poverty-county',
        '--county-selection',
        'pps',
        '--allocation',
        'households',
        '--counties',
        '12',
      ],
    ],
    [
      'evaluate PPS, equal allocation, fewer counties than strata',
      [
        'evaluate',
        EVAL_REGISTRY,
        '--seed',
        's3',
        '--county-selection',
        'pps',
        '--allocation',
        'equal',
        '--counties',
        '5',
        '--households',
        'poor=2,exited=0,nonpoor=3',
      ],
    ],
    [
      'evaluate on a person-level registry with ID numbers (masked), Chinese headings, for Excel',
      ['evaluate', FUNDS_REGISTRY, '--seed', 's4', '--counties', '4', '--lang', 'zh-CN', '--excel'],
    ],
    [
      'evaluate with --reveal-ids',
      ['evaluate', FUNDS_REGISTRY, '--seed', 's5', '--counties', '3', '--reveal-ids', '--spares', '3'],
    ],
    [
      'evaluate asking more counties than the frame has',
      ['evaluate', EVAL_REGISTRY, '--seed', 's6', '--counties', '40', '--villages-per-county', '9'],
    ],
    [
      'evaluate with --min-per-stratum 2 --merge-strata (§14.3.1, merged prefectures)',
      ['evaluate', EVAL_REGISTRY, '--seed', 's7', '--min-per-stratum', '2', '--merge-strata'],
    ],
    [
      'evaluate PPS, households, --min-per-stratum 3 --merge-strata (merged by registered households)',
      [
        'evaluate',
        EVAL_REGISTRY,
        '--seed',
        's8',
        '--county-selection',
        'pps',
        '--allocation',
        'households',
        '--counties',
        '14',
        '--min-per-stratum',
        '3',
        '--merge-strata',
      ],
    ],
    [
      'evaluate with --min-per-stratum 2 and counties enough (no merging)',
      ['evaluate', EVAL_REGISTRY, '--seed', 's9', '--min-per-stratum', '2', '--counties', '24'],
    ],
    [
      'funds coverage from the registry column',
      ['funds', FUNDS_REGISTRY, '--month', '2026-11', '--seed', 'funds', '--scope', WENSHAN],
    ],
    [
      'funds coverage 12.5% from a county table',
      [
        'funds',
        FUNDS_REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'funds',
        '--scope',
        WENSHAN,
        '--funds',
        FUNDS_TABLE,
        '--coverage',
        '12.5%',
      ],
    ],
    [
      'funds PPS from a county table',
      [
        'funds',
        FUNDS_REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'funds',
        '--scope',
        WENSHAN,
        '--funds',
        FUNDS_TABLE,
        '--method',
        'pps',
        '--counties',
        '3',
      ],
    ],
    [
      'funds PPS from the registry column, in Chinese',
      [
        'funds',
        FUNDS_REGISTRY,
        '--month',
        '2026-12',
        '--seed',
        'pps',
        '--scope',
        WENSHAN,
        '--method',
        'pps',
        '--counties',
        '5',
        '--lang',
        'zh-CN',
      ],
    ],
    [
      'monthly with spares and masked ID numbers',
      ['monthly', FUNDS_REGISTRY, '--month', '2026-11', '--seed', 'm', '--spares', '3'],
    ],
  ];
  cases.forEach(([title, args], index) => {
    itWithPython(`${title}${needs}`, async () => {
      const out = await spotcheck(`case-${index}`, args);
      await expectOk(out);
    });
  });

  itWithPython(`evaluate stratified by a county table's column and by a registry column${needs}`, async () => {
    const rows = readFileSync(join(ROOT, EVAL_REGISTRY), 'utf8').trimEnd().split('\n');
    const region = (code: string) => ['东片', '西片', '南片'][Number(code) % 3]!;
    const registry = join(temporary, 'with-region.csv');
    writeFileSync(
      registry,
      `${[`${rows[0]},片区`, ...rows.slice(1).map((row) => `${row},${region(row.split(',')[2]!)}`)].join('\n')}\n`,
    );
    const codes = [...new Set(rows.slice(1).map((row) => row.split(',')[2]!))];
    const table = join(temporary, 'regions.csv');
    writeFileSync(
      table,
      `县代码,区域\n${codes.map((code) => `${code},${['甲', '乙', '丙'][Number(code) % 3]}`).join('\n')}\n`,
    );
    await expectOk(
      await spotcheck('strata-registry-column', [
        'evaluate',
        registry,
        '--seed',
        'c1',
        '--strata',
        '片区',
        '--counties',
        '7',
        '--allocation',
        'households',
      ]),
    );
    await expectOk(
      await spotcheck('strata-table-column', [
        'evaluate',
        registry,
        '--seed',
        'c2',
        '--strata',
        '区域',
        '--county-attributes',
        table,
        '--counties',
        '2',
        '--county-selection',
        'pps',
      ]),
    );
    const poor = join(temporary, 'poor-list.csv');
    writeFileSync(poor, 'county_code\n530628\n532927\n530102\n');
    await expectOk(
      await spotcheck('strata-poverty-list', [
        'evaluate',
        registry,
        '--seed',
        'c3',
        '--strata',
        'poverty-county',
        '--county-attributes',
        poor,
        '--counties',
        '4',
      ]),
    );
  });

  itWithPython(
    `evaluate PPS with a county of size 0 (only non-poor households) and its shortfall; a forged shortfall fails${needs}`,
    async () => {
      const header = readFileSync(join(ROOT, EVAL_NONPOOR), 'utf8').split('\n')[0]!;
      const nonpoor = join(temporary, 'nonpoor-only-county.csv');
      writeFileSync(
        nonpoor,
        `${header}\n${['9000000001', '9000000002'].map((id) => `${id},文山壮族苗族自治州,532628,富宁县,532628101,某乡,532628101201,某村,组,张,3,非贫困户,,,否`).join('\n')}\n`,
      );
      const out = await spotcheck('pps-zero-size', [
        'evaluate',
        EVAL_REGISTRY,
        '--nonpoor',
        nonpoor,
        '--seed',
        'z',
        '--counties',
        '12',
        '--county-selection',
        'pps',
      ]);
      const manifest = readManifest(out);
      expect(manifest.shortfalls).toContainEqual(
        expect.objectContaining({ stage: 'county', stratum: '文山壮族苗族自治州', available: 1 }),
      );
      await expectOk(out);
      const forged = copy(out, 'pps-zero-size-forged');
      reseal(forged, (edited) => {
        edited.shortfalls = edited.shortfalls.filter((shortfall: { stage: string }) => shortfall.stage !== 'county');
      });
      await expectFailed(forged, /manifest shortfalls/);
    },
  );
});

describe(`docs/check_draw.py refuses edited draws (exit 1)${needs}`, () => {
  itWithPython(`an edited weight in frame.csv, a swapped spare, a masked ID unmasked${needs}`, async () => {
    const original = await spotcheck('neg-eval', ['evaluate', FUNDS_REGISTRY, '--seed', 'n1', '--counties', '3']);
    await expectOk(original);
    const weight = copy(original, 'neg-eval-weight');
    editCell(join(weight, 'frame.csv'), 1, 'weight', (old) => String(Number(old) * 1.001));
    await expectFailed(weight, /frame\.csv row 1 weight/);
    const spare = copy(original, 'neg-eval-spare');
    const lines = readFileSync(join(spare, 'spares.csv'), 'utf8').split('\n');
    [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    writeFileSync(join(spare, 'spares.csv'), lines.join('\n'));
    await expectFailed(spare, /spares\.csv row 1/);
    const id = copy(original, 'neg-eval-id');
    const revealed = await spotcheck('neg-eval-revealed', [
      'evaluate',
      FUNDS_REGISTRY,
      '--seed',
      'n1',
      '--counties',
      '3',
      '--reveal-ids',
    ]);
    const idColumn = readFileSync(join(revealed, 'frame.csv'), 'utf8').split('\n')[0]!.split(',').indexOf('证件号码');
    const rawId = readFileSync(join(revealed, 'frame.csv'), 'utf8').split('\n')[1]!.split(',')[idColumn]!;
    expect(rawId).toMatch(/^[0-9X]{18}$/);
    editCell(join(id, 'frame.csv'), 1, '证件号码', (old) => {
      expect(old).toMatch(/^\d{4}\*{10}[0-9X]{4}$/);
      return rawId;
    });
    await expectFailed(id, /frame\.csv row 1 证件号码: expected \d{4}\*{10}/);
  });

  itWithPython(`an edited funds ranking and an edited PPS probability${needs}`, async () => {
    const coverage = await spotcheck('neg-funds', [
      'funds',
      FUNDS_REGISTRY,
      '--month',
      '2026-11',
      '--seed',
      'n2',
      '--scope',
      WENSHAN,
    ]);
    await expectOk(coverage);
    const status = copy(coverage, 'neg-funds-status');
    const path = join(status, 'ranking.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace(',not selected,', ',selected,'));
    await expectFailed(status, /ranking\.csv row \d+ status: expected not selected, found selected/);
    const pps = await spotcheck('neg-funds-pps', [
      'funds',
      FUNDS_REGISTRY,
      '--month',
      '2026-11',
      '--seed',
      'n2',
      '--scope',
      WENSHAN,
      '--funds',
      FUNDS_TABLE,
      '--method',
      'pps',
      '--counties',
      '2',
    ]);
    editCell(join(pps, 'counties.csv'), 1, 'probability', () => '0.5');
    await expectFailed(pps, /counties\.csv row 1 probability/);
  });

  itWithPython(
    `a forged spares list resealed into the manifest; an output the re-draw does not produce${needs}`,
    async () => {
      const original = await spotcheck('neg-spares', [
        'monthly',
        REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'demo-2026-11',
        '--spares',
        '2',
      ]);
      await expectOk(original);
      // Hole 3: spares.csv edited (another household of the village), the manifest resealed around it.
      const forged = copy(original, 'neg-spares-forged');
      const households = readFileSync(join(forged, 'households.csv'), 'utf8').split('\n');
      const spares = readFileSync(join(forged, 'spares.csv'), 'utf8').split('\n');
      spares[1] = [households[1]!.split(',')[0], ...spares[1]!.split(',').slice(1)].join(',');
      writeFileSync(join(forged, 'spares.csv'), spares.join('\n'));
      reseal(forged, (manifest) => {
        manifest.outputs['spares.csv'].sha256 = createHashHex(readFileSync(join(forged, 'spares.csv')));
      });
      await expectFailed(forged, /spares\.csv row 1 household_id/);
      // parameters.spares = 0 resealed, spares.csv still listed: the re-draw does not produce it.
      const zero = copy(original, 'neg-spares-zero');
      reseal(zero, (manifest) => {
        manifest.parameters.spares = 0;
        delete manifest.sample.spares;
      });
      await expectFailed(zero, /the manifest lists spares\.csv, which the re-draw does not produce/);
      // spares = 0 and spares.csv left out of the manifest but still in the folder.
      const dropped = copy(original, 'neg-spares-dropped');
      reseal(dropped, (manifest) => {
        manifest.parameters.spares = 0;
        delete manifest.outputs['spares.csv'];
        delete manifest.sample.spares;
      });
      await expectFailed(dropped, /spares\.csv lies beside the manifest/);
      // reveal_ids flipped and resealed: the masked file is not what the parameters produce.
      const reveal = copy(original, 'neg-reveal');
      reseal(reveal, (manifest) => {
        manifest.parameters.reveal_ids = true;
      });
      await expectFailed(reveal, /households\.csv row 1 证件号码/);
      // An edit without resealing.
      const unsealed = copy(original, 'neg-unsealed');
      const text = readFileSync(join(unsealed, 'manifest.json'), 'utf8');
      writeFileSync(join(unsealed, 'manifest.json'), text.replace('"seed_source": null', '"seed_source": "lottery"'));
      await expectFailed(unsealed, /manifest_sha256 is not the hash of the manifest/);
    },
  );

  itWithPython(`--expect pins the published manifest hash${needs}`, async () => {
    const out = await spotcheck('expect', [
      'monthly',
      REGISTRY,
      '--month',
      '2026-11',
      '--seed',
      'demo-2026-11',
      '--level',
      'county',
      '--scope',
      '永胜县',
    ]);
    const published = readManifest(out).manifest_sha256!;
    expect((await expectOk(out, ['--expect', published])).stdout).toContain('manifest_sha256 is the published one');
    await expectOk(out, ['--expect', published.slice(0, 16).toUpperCase()]);
    // The same draw sealed again (another time stamp): a valid manifest, but not the published one.
    const other = copy(out, 'expect-other');
    reseal(other, (manifest) => {
      manifest.created_at = '2026-11-30T00:00:00.000Z';
    });
    await expectOk(other);
    await expectFailed(other, /is not the published/, ['--expect', published.slice(0, 16)]);
    const short = await checkDir(out, ['--expect', published.slice(0, 8)]);
    expect(short.status).toBe(2);
    expect(short.stderr).toMatch(/16 to 64 hexadecimal digits/);
  });

  itWithPython(`--self-test reproduces every vector of docs/algorithm.md §10${needs}`, () => {
    const result = run('python3', [CHECKER, '--self-test']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/^OK: (\d+) test vectors/);
    expect(Number(/^OK: (\d+)/.exec(result.stdout)![1])).toBeGreaterThanOrEqual(36);
    expect(result.status).toBe(0);
  });
});

describe(`docs/check_draw.py verifies draws with exclusions from their folder alone (excluded.csv, §4.6)${needs}`, () => {
  /** A county draw excluding the province's and prefecture's draws; a funds draw excluding the province's. */
  const month = join(temporary, 'excl-month');
  const prefectureArgs = ['--level', 'prefecture', '--scope', WENSHAN];
  const monthly = async (name: string, args: readonly string[]) =>
    await spotcheck(join('excl-month', name), ['monthly', FUNDS_REGISTRY, '--month', '2026-11', ...args]);
  /** Copies a draw folder alone to a new place, away from the draws it excluded, and checks it with the registry. */
  const alone = (out: string, name: string) => copy(out, join('excl-alone', name));
  const checkAlone = (out: string, extra: readonly string[] = []) =>
    checkDraw([join(out, 'manifest.json'), '--registry', FUNDS_REGISTRY, ...extra]);

  itWithPython(
    `monthly with --exclude and with --history, funds with --exclude; a forged excluded.csv${needs}`,
    async () => {
      mkdirSync(month, { recursive: true });
      mkdirSync(join(temporary, 'excl-alone'), { recursive: true });
      const province = await monthly('province', ['--seed', 'p']);
      const prefecture = await monthly('prefecture', ['--seed', 'q', ...prefectureArgs, '--exclude', province]);
      const funds = await spotcheck(join('excl-month', 'funds'), [
        'funds',
        FUNDS_REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'f',
        '--scope',
        WENSHAN,
        '--exclude',
        province,
      ]);
      // --history over the month's folder, drawn in the next month.
      const december = await spotcheck('excl-december', [
        'monthly',
        FUNDS_REGISTRY,
        '--month',
        '2026-12',
        '--seed',
        'd',
        '--history',
        month,
        '--cooldown',
        '1',
        '--spares',
        '1',
      ]);
      for (const [out, left] of [
        [prefecture, 'villages'],
        [funds, 'counties'],
        [december, 'villages'],
      ] as const) {
        expect(readManifest(out).outputs).toHaveProperty(['excluded.csv']);
        expect((readManifest(out) as ForgedJson).exclusions.excluded[left]).toBeGreaterThan(0);
        const copied = alone(out, `${left}-${out.split('/').pop()}`);
        const result = await checkAlone(copied);
        expect(result.stderr).toBe('');
        expect(result.stdout).toMatch(
          /^OK: .* reproduced \(every file byte for byte\); \d+ excluded units applied from excluded\.csv$/m,
        );
        expect(result.status).toBe(0);
      }

      // Without the manifest resealed, an edited excluded.csv is not the recorded file.
      const edited = alone(prefecture, 'edited');
      const lines = readFileSync(join(edited, 'excluded.csv'), 'utf8').split('\n');
      writeFileSync(join(edited, 'excluded.csv'), [lines[0], ...lines.slice(2)].join('\n'));
      expect((await checkAlone(edited)).stdout).toMatch(/excluded\.csv is not the file the manifest records/);
      expect((await checkAlone(edited)).status).toBe(1);

      // A funds draw whose excluded.csv drops a county, resealed: the re-draw ranks that county again.
      const fundsForged = alone(funds, 'funds-forged');
      const fundsLines = readFileSync(join(fundsForged, 'excluded.csv'), 'utf8').split('\n');
      const dropped = fundsLines.findIndex(
        (line) =>
          line.startsWith('county,') &&
          readFileSync(join(funds, 'ranking.csv'), 'utf8').includes(`,${line.split(',')[1]},`),
      );
      expect(dropped).toBeGreaterThan(0);
      const fundsText = [...fundsLines.slice(0, dropped), ...fundsLines.slice(dropped + 1)].join('\n');
      writeFileSync(join(fundsForged, 'excluded.csv'), fundsText);
      reseal(fundsForged, (manifest) => {
        manifest.outputs['excluded.csv'] = {
          sha256: createHashHex(Buffer.from(fundsText)),
          rows: manifest.outputs['excluded.csv'].rows - 1,
        };
        manifest.exclusions.sources[0].units.county -= 1;
      });
      const fundsResult = await checkAlone(fundsForged);
      expect(fundsResult.status).toBe(1);
      expect(fundsResult.stdout).toMatch(/ranking\.csv|manifest frame\.excluded|exclusions\.excluded/);

      // The forger's best: a household of a village the draw did not draw taken off excluded.csv (so no
      // output changes), the file's hash, rows and the source's unit count resealed. The folder tells a
      // consistent story, which the checker re-draws (only the excluded draw itself could contradict it);
      // the manifest hash published in the notice (--expect) does not match.
      const published = readManifest(prefecture).manifest_sha256!;
      const drawnVillages = new Set(
        readFileSync(join(prefecture, 'villages.csv'), 'utf8')
          .trimEnd()
          .split('\n')
          .slice(1)
          .map((row) => row.split(',')[5]),
      );
      const villageOf = new Map(
        readFileSync(join(province, 'households.csv'), 'utf8')
          .trimEnd()
          .split('\n')
          .slice(1)
          .map((row) => [row.split(',')[0]!, row.split(',')[5]!] as const),
      );
      const forged = alone(prefecture, 'forged');
      const rows = readFileSync(join(forged, 'excluded.csv'), 'utf8').split('\n');
      const index = rows.findIndex(
        (row) =>
          row.startsWith('household,') &&
          villageOf.has(row.split(',')[1]!) &&
          !drawnVillages.has(villageOf.get(row.split(',')[1]!)),
      );
      expect(index).toBeGreaterThan(0);
      const text = [...rows.slice(0, index), ...rows.slice(index + 1)].join('\n');
      writeFileSync(join(forged, 'excluded.csv'), text);
      // Resealed with the file's hash only: the source's recorded unit count gives it away.
      reseal(forged, (manifest) => {
        manifest.outputs['excluded.csv'] = {
          sha256: createHashHex(Buffer.from(text)),
          rows: manifest.outputs['excluded.csv'].rows - 1,
        };
      });
      expect((await checkAlone(forged)).stdout).toMatch(
        /excluded\.csv names source [0-9a-f]{16}… at stage household \d+ times, its record says \d+ units/,
      );
      reseal(forged, (manifest) => {
        manifest.exclusions.sources[0].units.household -= 1;
      });
      await expectOk(forged, ['--registry', FUNDS_REGISTRY]);
      await expectFailed(forged, /manifest_sha256 [0-9a-f]{64} is not the published/, [
        '--registry',
        FUNDS_REGISTRY,
        '--expect',
        published,
      ]);
      await expectOk(alone(prefecture, 'genuine'), ['--registry', FUNDS_REGISTRY, '--expect', published]);

      // A row naming a source not recorded, or at a stage not applied (funds: counties only), is a difference.
      const stranger = alone(funds, 'funds-stranger');
      const strangerText = `${readFileSync(join(funds, 'excluded.csv'), 'utf8')}village,x›y›z,${'0'.repeat(64)}\n`;
      writeFileSync(join(stranger, 'excluded.csv'), strangerText);
      reseal(stranger, (manifest) => {
        manifest.outputs['excluded.csv'] = {
          sha256: createHashHex(Buffer.from(strangerText)),
          rows: manifest.outputs['excluded.csv'].rows + 1,
        };
      });
      await expectFailed(stranger, /excluded\.csv row \d+: 0{16}… is not a recorded source applied at stage village/, [
        '--registry',
        FUNDS_REGISTRY,
      ]);
      // The record removed by a forger who reseals: excluded.csv lies beside a manifest that lists no exclusions.
      const hidden = alone(funds, 'funds-hidden');
      reseal(hidden, (manifest) => {
        delete manifest.exclusions;
        delete manifest.outputs['excluded.csv'];
      });
      await expectFailed(hidden, /excluded\.csv lies beside the manifest/, ['--registry', FUNDS_REGISTRY]);
    },
    300_000,
  );

  itWithPython(
    `a draw made with --commitment: commitment.json checked against the manifest (§19)${needs}`,
    async () => {
      const file = join(temporary, 'commitment-2026-11.json');
      const committed = await cli([
        'commit',
        REGISTRY,
        '--month',
        '2026-11',
        '--level',
        'county',
        '--scope',
        '永胜县',
        '--seed-procedure',
        'dice rolled in public',
        '--out',
        file,
      ]);
      expect(committed.status, committed.stderr).toBe(0);
      const hash = (JSON.parse(readFileSync(file, 'utf8')) as { commitment_sha256: string }).commitment_sha256;
      const out = await spotcheck('commit-draw', [
        'monthly',
        REGISTRY,
        '--month',
        '2026-11',
        '--level',
        'county',
        '--scope',
        '永胜县',
        '--seed',
        '8-3-6',
        '--commitment',
        file,
      ]);
      expect(readManifest(out)).toHaveProperty('commitment.sha256', hash);
      expect((await expectOk(out, ['--registry', REGISTRY])).stdout).toContain(`kept to commitment ${hash}`);
      // commitment.json edited (another seed procedure), unsealed or resealed: not the manifest's commitment.
      const edited = copy(out, 'commit-edited');
      const value = JSON.parse(readFileSync(join(edited, 'commitment.json'), 'utf8')) as Record<string, unknown>;
      writeFileSync(
        join(edited, 'commitment.json'),
        JSON.stringify({ ...value, seed_procedure: 'whatever suits' }, null, 2),
      );
      await expectFailed(edited, /commitment_sha256 is not the hash of the commitment/, ['--registry', REGISTRY]);
      const missing = copy(out, 'commit-missing');
      rmSync(join(missing, 'commitment.json'));
      await expectFailed(missing, /commitment\.json: missing/, ['--registry', REGISTRY]);
    },
  );
});

describe(`docs/check_draw.py reads households by §4.4's rules, whatever the row order${needs}`, () => {
  itWithPython(
    `head words case-insensitive, other words members; status, row and household_size of the representative row${needs}`,
    () => {
      const header = '行政县,乡镇,行政村,户编号,人编号,人数,与户主关系,脱贫属性';
      const rows = [
        '个旧市,红山乡,澜瑞社区,H1,P12,,HEAD,已脱贫', // the head gives no 人数: the one value the others agree on
        '个旧市,红山乡,澜瑞社区,H1,P11,3,配偶,未脱贫',
        '个旧市,红山乡,澜瑞社区,H1,P13,3,某种关系,未脱贫', // an unknown word: a member, never dropped
        '个旧市,红山乡,澜瑞社区,H2,P21,2,Head,未脱贫',
        '个旧市,红山乡,澜瑞社区,H2,P22,5,子女,已脱贫', // the members disagree with the head: the head's 人数
        '个旧市,红山乡,澜瑞社区,H3,P31,,本人,未脱贫',
        '个旧市,红山乡,澜瑞社区,H3,P32,4,子女,未脱贫',
        '个旧市,红山乡,澜瑞社区,H3,P33,6,子女,未脱贫', // no agreed value: persons
      ];
      const script = [
        'import json, sys',
        "sys.path.insert(0, 'docs')",
        'import check_draw as c',
        "divisions = c.load_divisions('fixtures/divisions/yunnan-counties.csv')",
        'out = []',
        'for path in sys.argv[1:]:',
        '    f = c.build_frame([path], divisions, {}, "utf-8")',
        "    out.append({k: [h['status'], h['size'], h['persons'], h['row'][1][4]] for k, h in sorted(f.households.items())})",
        'print(json.dumps(out))',
      ].join('\n');
      const forward = join(temporary, 'order-forward.csv');
      const backward = join(temporary, 'order-backward.csv');
      writeFileSync(forward, `${header}\n${rows.join('\n')}\n`);
      writeFileSync(backward, `${header}\n${[...rows].reverse().join('\n')}\n`);
      const result = run('python3', ['-c', script, forward, backward]);
      expect(result.stderr).toBe('');
      const [a, b] = JSON.parse(result.stdout) as unknown[];
      expect(a).toEqual({ H1: ['exited', 3, 3, 'P12'], H2: ['poor', 2, 2, 'P21'], H3: ['poor', null, 3, 'P31'] }); // H3: no 人数 agreed, household_size = persons
      expect(b).toEqual(a);
    },
  );
});

function createHashHex(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Runs the checker on any manifest path; never a Python traceback, whatever it is given. */
async function checkPath(manifest: string, extra: readonly string[] = []) {
  const result = await checkDraw([manifest, ...extra]);
  expect(result.stderr).not.toMatch(/Traceback/);
  expect(result.stdout).not.toMatch(/^OK/m);
  return result;
}
/** A copy of `out` whose manifest was edited and resealed, as a forger would. */
function forged(out: string, name: string, edit: (manifest: ForgedJson) => void): string {
  const target = copy(out, name);
  reseal(target, edit);
  return target;
}
/** A copy of a file with one more line at its end: the same draw, other bytes. */
function edited(file: string, name: string): string {
  const target = join(temporary, name);
  writeFileSync(target, Buffer.concat([readFileSync(file), Buffer.from('\n')]));
  return target;
}
/** These tests spawn many draws and checks: a busy machine needs minutes. */
const SLOW = 600_000;
const HASHES = /recorded SHA-256 [0-9a-f]{64}, actual [0-9a-f]{64}/;

describe(`docs/check_draw.py: every hash mismatch fails (exit 1), as verify does${needs}`, () => {
  itWithPython(
    `a registry or side table other than the one recorded, even with --expect and a commitment; a resealed sha256 "zz"${needs}`,
    async () => {
      const base = await spotcheck('hash-base', [
        'monthly',
        REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'demo-2026-11',
        '--level',
        'province',
      ]);
      const registry = edited(REGISTRY, 'edited.csv');
      await expectFailed(
        base,
        new RegExp(`edited\\.csv: not the file the manifest records as demo-registry\\.csv: ${HASHES.source}`),
        ['--registry', registry],
      );
      await expectFailed(
        forged(base, 'hash-zz', (m) => {
          m.inputs[0].sha256 = 'zz';
        }),
        /manifest inputs\[0\]\.sha256 is not a value spotcheck writes/,
      );
      await expectFailed(
        forged(base, 'hash-other', (m) => {
          m.inputs[0].sha256 = 'a'.repeat(64);
        }),
        HASHES,
      );

      const file = join(temporary, 'hash-commitment.json');
      const committed = await cli([
        'commit',
        REGISTRY,
        '--month',
        '2026-11',
        '--level',
        'county',
        '--scope',
        '永胜县',
        '--seed-procedure',
        'dice',
        '--out',
        file,
      ]);
      expect(committed.status, committed.stderr).toBe(0);
      const kept = await spotcheck('hash-commit-draw', [
        'monthly',
        REGISTRY,
        '--month',
        '2026-11',
        '--level',
        'county',
        '--scope',
        '永胜县',
        '--seed',
        '8-3-6',
        '--commitment',
        file,
      ]);
      const published = readManifest(kept).manifest_sha256!;
      await expectOk(kept, ['--expect', published]);
      await expectFailed(kept, HASHES, ['--registry', registry, '--expect', published]);
      // The commitment's hash in the manifest, resealed: not commitment.json's.
      await expectFailed(
        forged(kept, 'hash-commit-forged', (m) => {
          m.commitment.sha256 = 'b'.repeat(64);
        }),
        /commitment\.json: its SHA-256 [0-9a-f]{64} is not the manifest's commitment/,
      );

      const funds = await spotcheck('hash-funds', [
        'funds',
        FUNDS_REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'funds',
        '--scope',
        WENSHAN,
        '--funds',
        FUNDS_TABLE,
      ]);
      await expectFailed(funds, new RegExp(`funds-table\\.csv: not the funds table .*${HASHES.source}`), [
        '--funds',
        edited(FUNDS_TABLE, 'funds-table.csv'),
      ]);
      const evaluation = await spotcheck('hash-evaluate', [
        'evaluate',
        EVAL_REGISTRY,
        '--seed',
        's1',
        '--nonpoor',
        EVAL_NONPOOR,
        '--counties',
        '6',
      ]);
      await expectFailed(
        evaluation,
        new RegExp(`nonpoor\\.csv: not the file the manifest records as eval-nonpoor\\.csv: ${HASHES.source}`),
        ['--nonpoor', edited(EVAL_NONPOOR, 'nonpoor.csv')],
      );
      const attributes = join(temporary, 'attributes.csv');
      writeFileSync(attributes, 'county_code\n530628\n532927\n530102\n');
      const withTable = await spotcheck('hash-attributes', [
        'evaluate',
        EVAL_REGISTRY,
        '--seed',
        's1',
        '--counties',
        '4',
        '--strata',
        'poverty-county',
        '--county-attributes',
        attributes,
      ]);
      await expectOk(withTable);
      await expectFailed(withTable, new RegExp(`attributes-edited\\.csv: not the county table .*${HASHES.source}`), [
        '--county-attributes',
        edited(attributes, 'attributes-edited.csv'),
      ]);
      const divisions = join(temporary, 'divisions.csv');
      cpSync('fixtures/divisions/yunnan-counties.csv', divisions);
      const withDivisions = await spotcheck('hash-divisions', [
        'monthly',
        REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'd',
        '--level',
        'province',
        '--divisions',
        divisions,
      ]);
      await expectOk(withDivisions);
      await expectOk(withDivisions, ['--divisions', divisions]);
      await expectFailed(
        withDivisions,
        new RegExp(`divisions-edited\\.csv: not the division table .*${HASHES.source}`),
        ['--divisions', edited(divisions, 'divisions-edited.csv')],
      );
    },
    SLOW,
  );
});

describe(`docs/check_draw.py compares the whole manifest, as verify does${needs}`, () => {
  itWithPython(
    `resealed edits of parameters, tool, algorithm, inputs, divisions, frame, sample, created_at and unknown fields fail${needs}`,
    async () => {
      const base = await spotcheck('whole-base', [
        'monthly',
        REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'demo-2026-11',
        '--level',
        'county',
        '--scope',
        '峨山彝族自治县',
        '--spares',
        '1',
      ]);
      await expectOk(base);
      const cases: ReadonlyArray<[string, (m: ForgedJson) => void, RegExp]> = [
        [
          'scope-label',
          (m) => {
            m.parameters.scope_label = '别的县';
          },
          /scope_label .* not one county/,
        ],
        [
          'extra-parameter',
          (m) => {
            m.parameters.approved_by = 'committee';
          },
          /parameters\.approved_by: a parameter spotcheck does not write/,
        ],
        [
          'encoding',
          (m) => {
            m.parameters.encoding = 'latin1';
          },
          /parameters\.encoding is not a value/,
        ],
        [
          'sheet',
          (m) => {
            m.parameters.sheet = 'Sheet1';
          },
          /parameters\.sheet is not a value/,
        ],
        [
          'excel',
          (m) => {
            m.parameters.excel = true;
          },
          /households\.csv: not byte for byte the file the re-draw writes \(excel/,
        ],
        [
          'village-frame',
          (m) => {
            m.parameters.village_frame = 'bogus';
          },
          /parameters\.village_frame is not a value/,
        ],
        [
          'statuses',
          (m) => {
            m.parameters.statuses = ['poor', 'poor'];
          },
          /parameters\.statuses is not a value/,
        ],
        [
          'tool',
          (m) => {
            m.tool.name = 'handmade';
          },
          /manifest tool: recorded/,
        ],
        [
          'tool-extra',
          (m) => {
            m.tool.patched = true;
          },
          /manifest tool: recorded/,
        ],
        [
          'selection',
          (m) => {
            m.algorithm.selection = 'chosen by the committee';
          },
          /manifest algorithm\.selection: recorded/,
        ],
        [
          'spec',
          (m) => {
            m.algorithm.spec = 'elsewhere.md';
          },
          /manifest algorithm\.spec: recorded/,
        ],
        [
          'records',
          (m) => {
            m.inputs[0].records += 1;
          },
          /manifest inputs \(demo-registry\.csv\) records: recorded/,
        ],
        [
          'layout',
          (m) => {
            m.inputs[0].layout = 'household';
          },
          /inputs \(demo-registry\.csv\) layout: recorded household/,
        ],
        [
          'bom',
          (m) => {
            m.inputs[0].bom = !m.inputs[0].bom;
          },
          /inputs \(demo-registry\.csv\) bom: recorded/,
        ],
        [
          'bytes',
          (m) => {
            m.inputs[0].bytes -= 1;
          },
          /inputs \(demo-registry\.csv\) bytes: recorded/,
        ],
        [
          'name',
          (m) => {
            m.inputs[0].name = 'other.csv';
          },
          /the name is not the file name of its path/,
        ],
        [
          'divisions-source',
          (m) => {
            m.divisions.source = 'made up';
          },
          /manifest divisions: source, path/,
        ],
        [
          'frame-note',
          (m) => {
            m.frame.definition.villageFrameNote = 'every village';
          },
          /manifest frame\.definition\.villageFrameNote: recorded/,
        ],
        [
          'frame-extra',
          (m) => {
            m.frame.checked_by = 'me';
          },
          /manifest frame\.checked_by: recorded "me", the re-draw gives absent/,
        ],
        [
          'sample-extra',
          (m) => {
            m.sample.reserves = 3;
          },
          /manifest sample\.reserves: recorded 3/,
        ],
        [
          'top-level',
          (m) => {
            m.approval = { by: 'committee' };
          },
          /manifest approval: a field spotcheck does not write/,
        ],
        [
          'created-at',
          (m) => {
            m.created_at = 'yesterday';
          },
          /created_at: "yesterday" is not an ISO-8601 UTC time/,
        ],
        [
          'created-at-local',
          (m) => {
            m.created_at = '2026-11-30T08:00:00+08:00';
          },
          /created_at: .* is not an ISO-8601 UTC time/,
        ],
        [
          'shortfalls',
          (m) => {
            m.shortfalls.push({
              stage: 'village',
              stratum: '530426',
              stratumLabel: '峨山彝族自治县',
              requested: 9,
              available: 1,
            });
          },
          /manifest shortfalls: expected/,
        ],
        [
          'format',
          (m) => {
            m.format = 'spotcheck-manifest-2';
          },
          /manifest format: recorded/,
        ],
      ];
      for (const [name, edit, pattern] of cases) await expectFailed(forged(base, `whole-${name}`, edit), pattern);
      // An algorithm this checker does not know: it cannot check (exit 2), never OK.
      const unknown = await checkPath(
        join(
          forged(base, 'whole-version', (m) => {
            m.algorithm.version = 2;
          }),
          'manifest.json',
        ),
      );
      expect(unknown.status).toBe(2);
      expect(unknown.stderr).toMatch(/^error: .*version 1/m);
      // With --registry, inputs[].path and name are the verifier's (as verify): a draw copied elsewhere still checks.
      const moved = forged(base, 'whole-moved', (m) => {
        m.inputs[0].path = 'nowhere/demo.csv';
        m.inputs[0].name = 'demo.csv';
      });
      await expectOk(moved, ['--registry', REGISTRY]);
    },
    SLOW,
  );

  itWithPython(
    `resealed edits of evaluate strata, shortfalls and parameters, and of a funds result and frame${needs}`,
    async () => {
      const evaluation = await spotcheck('whole-evaluate', [
        'evaluate',
        EVAL_REGISTRY,
        '--seed',
        's2',
        '--counties',
        '6',
        '--county-selection',
        'pps',
      ]);
      await expectOk(evaluation);
      await expectFailed(
        forged(evaluation, 'whole-strata', (m) => {
          m.strata[0].note = 'reviewed';
        }),
        /manifest strata\[0\]\.note: recorded "reviewed"/,
      );
      expect(readManifest(evaluation).shortfalls.length).toBeGreaterThan(0);
      await expectFailed(
        forged(evaluation, 'whole-shortfall-label', (m) => {
          m.shortfalls[0].stratumLabel = 'elsewhere';
        }),
        /shortfalls\[0\]\.stratumLabel: recorded 'elsewhere'/,
      );
      await expectFailed(
        forged(evaluation, 'whole-shortfall-note', (m) => {
          m.shortfalls[0].note = 'fine';
        }),
        /shortfalls\[0\]\.note: recorded 'fine'/,
      );
      await expectFailed(
        forged(evaluation, 'whole-allocation', (m) => {
          m.parameters.allocation = 'by hand';
        }),
        /parameters\.allocation is not a value/,
      );
      const funds = await spotcheck('whole-funds', [
        'funds',
        FUNDS_REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'funds',
        '--scope',
        WENSHAN,
      ]);
      await expectOk(funds);
      await expectFailed(
        forged(funds, 'whole-result', (m) => {
          m.result.target_funds = '1.00';
        }),
        /manifest result\.target_funds: recorded "1\.00"/,
      );
      await expectFailed(
        forged(funds, 'whole-funds-source', (m) => {
          m.frame.funds_source = 'a table nobody has';
        }),
        /manifest frame\.funds_source: recorded/,
      );
    },
    SLOW,
  );
});

describe(`docs/check_draw.py never ends in a traceback: exit 2 (cannot check) or 1 (differs)${needs}`, () => {
  itWithPython(
    `missing or malformed manifests, malformed fields, devices and FIFOs${needs}`,
    async () => {
      const missing = await checkPath(join(temporary, 'no-such-draw', 'manifest.json'));
      expect(missing.status).toBe(2);
      expect(missing.stderr).toMatch(/^error: .*cannot read/m);
      const zero = await checkPath('/dev/zero');
      expect(zero.status).toBe(2);
      expect(zero.stderr).toMatch(/^error: .*not a regular file/m);
      const garbage = join(temporary, 'garbage.json');
      writeFileSync(garbage, '[1, 2');
      expect((await checkPath(garbage)).status).toBe(2);

      const monthly = await spotcheck('malformed-monthly', [
        'monthly',
        REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'demo-2026-11',
        '--level',
        'county',
        '--scope',
        '永胜县',
      ]);
      const evaluation = await spotcheck('malformed-evaluate', [
        'evaluate',
        EVAL_REGISTRY,
        '--seed',
        's1',
        '--counties',
        '3',
      ]);
      const funds = await spotcheck('malformed-funds', [
        'funds',
        FUNDS_REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'funds',
        '--scope',
        WENSHAN,
      ]);
      const cases: ReadonlyArray<[string, string, (m: ForgedJson) => void, RegExp]> = [
        [
          funds,
          'coverage',
          (m) => {
            m.parameters.coverage = 'x';
          },
          /parameters\.coverage is not a value/,
        ],
        [
          funds,
          'coverage-number',
          (m) => {
            m.parameters.coverage = 0.5;
          },
          /parameters\.coverage is not a value/,
        ],
        [
          monthly,
          'households',
          (m) => {
            m.parameters.households = 'x';
          },
          /parameters\.households is not a value/,
        ],
        [
          evaluation,
          'households-object',
          (m) => {
            m.parameters.households = 'x';
          },
          /parameters\.households is not a value/,
        ],
        [
          evaluation,
          'villages-per-county',
          (m) => {
            m.parameters.villages_per_county = 'x';
          },
          /parameters\.villages_per_county is not a value/,
        ],
        [
          monthly,
          'inputs-empty',
          (m) => {
            m.inputs = [];
          },
          /manifest inputs is not a non-empty list/,
        ],
        [
          monthly,
          'inputs-path',
          (m) => {
            m.inputs[0].path = null;
          },
          /manifest inputs\[0\]\.path is not a value/,
        ],
        [
          monthly,
          'divisions-null',
          (m) => {
            m.divisions = null;
          },
          /manifest divisions is not an object/,
        ],
        [
          monthly,
          'exclusions',
          (m) => {
            m.exclusions = { sources: 'x' };
          },
          /manifest exclusions is not an object/,
        ],
        [
          monthly,
          'parameters',
          (m) => {
            m.parameters = 'x';
          },
          /manifest parameters is not an object/,
        ],
        [
          monthly,
          'outputs',
          (m) => {
            m.outputs = [];
          },
          /manifest outputs is not an object/,
        ],
        [
          monthly,
          'shortfalls',
          (m) => {
            m.shortfalls = [1];
          },
          /manifest shortfalls is not a list/,
        ],
        [
          monthly,
          'frame',
          (m) => {
            m.frame = null;
          },
          /manifest frame is not an object/,
        ],
      ];
      for (const [out, name, edit, pattern] of cases) {
        const result = await checkPath(join(forged(out, `malformed-${name}`, edit), 'manifest.json'));
        expect(result.stdout, name).toMatch(/^FAILED/m);
        expect(result.stdout, name).toMatch(pattern);
        expect(result.status, name).toBe(1);
      }

      const fifo = join(temporary, 'registry.fifo');
      expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
      const fromFifo = await checkPath(join(monthly, 'manifest.json'), ['--registry', fifo]);
      expect(fromFifo.status).toBe(2);
      expect(fromFifo.stderr).toMatch(/^error: .*registry\.fifo: not a regular file/m);
      const fifoOutput = copy(monthly, 'malformed-fifo-output');
      rmSync(join(fifoOutput, 'households.csv'));
      expect(spawnSync('mkfifo', [join(fifoOutput, 'households.csv')]).status).toBe(0);
      const outputFifo = await checkPath(join(fifoOutput, 'manifest.json'));
      expect(outputFifo.status).toBe(2);
      expect(outputFifo.stderr).toMatch(/households\.csv: not a regular file/);
    },
    SLOW,
  );
});

describe(`docs/check_draw.py follows the masking rules of §17${needs}`, () => {
  itWithPython(
    'rule 2 (IDs and phones under any header, inside text, as household keys); rule 1 for draws without parameters.masking',
    async () => {
      const { path } = registryWithIds(temporary);
      const monthly = await spotcheck('mask-monthly', [
        'monthly',
        path,
        '--month',
        '2026-11',
        '--seed',
        'mask',
        '--level',
        'county',
        '--scope',
        '永胜县',
        '--spares',
        '2',
      ]);
      expect(JSON.parse(readFileSync(join(monthly, 'manifest.json'), 'utf8')).parameters.masking).toBe(2);
      await expectOk(monthly, ['--registry', path]);
      const evaluation = await spotcheck('mask-evaluate', [
        'evaluate',
        path,
        '--seed',
        'mask',
        '--counties',
        '2',
        '--spares',
        '1',
      ]);
      await expectOk(evaluation, ['--registry', path]);
      // A household-level file keyed by the head's ID number: household_id is masked by content.
      const { header, rows } = demoRows();
      const keep = header
        .map((_, index) => index)
        .filter((index) => !['人编号', '与户主关系', '户编号'].includes(header[index]!));
      const heads = join(temporary, 'mask-heads.csv');
      writeFileSync(
        heads,
        `${[keep.map((index) => header[index]!), ...rows.filter((row) => row[header.indexOf('与户主关系')] === '户主').map((row) => keep.map((index) => row[index]!))].map(csvLine).join('\n')}\n`,
      );
      const keyed = await spotcheck('mask-keyed', [
        'monthly',
        heads,
        '--column',
        'household_id=证件号码',
        '--month',
        '2026-11',
        '--seed',
        'mask',
        '--level',
        'county',
        '--scope',
        '永胜县',
      ]);
      expect(readFileSync(join(keyed, 'households.csv'), 'utf8')).toMatch(/\n[0-9]{4}\*{10}[0-9X]{4},/);
      await expectOk(keyed, ['--registry', heads]);
      // A draw of 0.2.0–0.3.x (no masking): rule 1. Where the rules agree (the demo registry) it
      // reproduces; where they differ, rule 1's files are not the ones on disk.
      const old = await spotcheck('mask-rule1', [
        'monthly',
        REGISTRY,
        '--month',
        '2026-11',
        '--seed',
        'mask',
        '--level',
        'county',
        '--scope',
        '永胜县',
      ]);
      reseal(old, (manifest) => {
        delete manifest.parameters.masking;
      });
      await expectOk(old, ['--registry', REGISTRY]);
      expect((await cli(['verify', old])).status).toBe(0);
      const differs = copy(monthly, 'mask-rule1-differs');
      reseal(differs, (manifest) => {
        delete manifest.parameters.masking;
      });
      await expectFailed(differs, /households\.csv row 1/, ['--registry', path]);
      expect((await cli(['verify', differs, '--registry', path])).status).toBe(1);
    },
  );
});
