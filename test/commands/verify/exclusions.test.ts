/**
 * Issue 12, holes 5 and 6: a draw made with --exclude/--history can be verified by anyone from its
 * own folder and the registry (excluded.csv), by `spotcheck verify` and by docs/check_draw.py, with
 * the excluded draws absent, present, or present but edited; the summary, the notice, the workbook
 * and --json say what was excluded; an excluded draw of another registry or month, a list matching
 * no unit and a drawn-units file given as a list are refused (exit 2) before anything is written.
 * End to end on the built binary, as a careless user or an insider would try it.
 */
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ForgedJson } from '../../forgedJson.js';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';
import { checkDraw, pythonOnPath } from '../../pythonChecker.js';

const REGISTRY = join(ROOT, 'fixtures', 'funds-registry.csv');
const PREFECTURE = '文山壮族苗族自治州';
const COUNTY = '丘北县';
const MONTH = ['--month', '2026-11'];
const SLOW = 300_000;
const hasPython = pythonOnPath();
const itWithPython = hasPython ? it : it.skip;
const python = (manifest: string, registry: string) => checkDraw([manifest, '--registry', registry]);
const manifestOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

/** A month as README "一个月的抽查，逐条照做" draws it: province → prefecture (excluding it) → county (excluding both). */
const month = join(tempDir('spotcheck-exclusions-'), 'month');
const province = join(month, 'province');
const prefecture = join(month, 'prefecture');
const county = join(month, 'county');
let countyRun: { status: number; stdout: string; stderr: string };

beforeAll(async () => {
  mkdirSync(month, { recursive: true });
  const draw = async (args: string[]) => {
    const result = await cli(['monthly', REGISTRY, ...MONTH, ...args]);
    expect(result.status, result.stderr).toBe(0);
    return result;
  };
  await draw(['--seed', '2026-11 省纪委 公开摇号 07 19 23', '--out', province]);
  await draw([
    '--seed',
    '2026-11 文山州纪委 公开摇号 11 02',
    '--level',
    'prefecture',
    '--scope',
    PREFECTURE,
    '--exclude',
    province,
    '--out',
    prefecture,
  ]);
  countyRun = await draw([
    '--seed',
    '2026-11 丘北县纪委 公开摇号 5 8 1',
    '--level',
    'county',
    '--scope',
    COUNTY,
    '--exclude',
    province,
    prefecture,
    '--exclude-stages',
    'village,household',
    '--spares',
    '2',
    '--out',
    county,
    '--xlsx',
    '--notice',
    join(month, 'county-notice.html'),
  ]);
}, SLOW);

describe('a draw with --exclude is verifiable from its own folder and the registry', () => {
  it('stores excluded.csv (stage, unit key, the sources that named it), listed in the manifest', () => {
    const manifest = manifestOf(county);
    expect(manifest.outputs['excluded.csv']).toMatchObject({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const text = readFileSync(join(county, 'excluded.csv'), 'utf8');
    const [header, ...rows] = text.trimEnd().split('\n');
    expect(header).toBe('stage,unit_key,sources');
    const provinceSha = manifestOf(province).manifest_sha256;
    const prefectureSha = manifestOf(prefecture).manifest_sha256;
    // Only the stages applied (village, household: not the county of the scope itself), sorted.
    expect(new Set(rows.map((row) => row.split(',')[0]))).toEqual(new Set(['village', 'household']));
    const provinceVillages = readFileSync(join(province, 'villages.csv'), 'utf8').trimEnd().split('\n').length - 1;
    expect(rows.filter((row) => row.startsWith('village,') && row.endsWith(provinceSha)).length).toBe(provinceVillages);
    expect(rows.some((row) => row.endsWith(prefectureSha))).toBe(true);
    const order = (row: string) => [
      row.startsWith('village,') ? 0 : 1,
      ...[...row.split(',')[1]!].map((c) => c.codePointAt(0)!),
    ];
    const before = (a: number[], b: number[]) => {
      for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
      return a.length - b.length;
    };
    expect(rows).toEqual([...rows].sort((a, b) => before(order(a), order(b))));
    expect(
      manifest.exclusions.sources.map((source: { draw: { level: string; month: string }; sha256: string }) => [
        source.draw.level,
        source.draw.month,
        source.sha256,
      ]),
    ).toEqual([
      ['province', '2026-11', provinceSha],
      ['prefecture', '2026-11', prefectureSha],
    ]);
  });

  it(
    'copied alone with the registry to another path, verifies (sources unavailable, said so) and passes docs/check_draw.py',
    async () => {
      const elsewhere = join(tempDir('spotcheck-copy-'), 'a', 'b', 'c');
      mkdirSync(elsewhere, { recursive: true });
      cpSync(county, join(elsewhere, 'county'), { recursive: true });
      const registry = join(elsewhere, '..', 'registry.csv');
      cpSync(REGISTRY, registry);
      const result = await cli(['verify', join(elsewhere, 'county'), '--registry', registry]);
      expect(result.status, result.stdout + result.stderr).toBe(0);
      expect(
        result.stdout.match(
          /^NOTE excluded \.\.\/(province|prefecture): not available here .*only the recorded list was used, excluded\.csv/gm,
        ),
      ).toHaveLength(2);
      expect(result.stdout).toMatch(/^ok {3}excluded\.csv: re-draw and file match/m);
      expect(result.stdout).toMatch(/^verified: the draw is reproduced exactly$/m);
      if (hasPython) {
        const checked = await python(join(elsewhere, 'county', 'manifest.json'), registry);
        expect(checked.status, checked.stdout + checked.stderr).toBe(0);
        expect(checked.stdout).toMatch(/^OK: /);
      }
      // Pointed at the sources (--exclusions-from), it checks them too, found by their hash.
      const pointed = await cli([
        'verify',
        join(elsewhere, 'county'),
        '--registry',
        registry,
        '--exclusions-from',
        month,
      ]);
      expect(pointed.status, pointed.stdout).toBe(0);
      expect(
        pointed.stdout.match(
          /^ok {3}excluded \.\.\/(province|prefecture): present, sha256 [0-9a-f]{16}… matches; its \d+ units equal excluded\.csv's$/gm,
        ),
      ).toHaveLength(2);

      // excluded.csv edited (a village taken off the list): not verified, by either checker.
      const file = join(elsewhere, 'county', 'excluded.csv');
      const lines = readFileSync(file, 'utf8').split('\n');
      writeFileSync(file, [lines[0], ...lines.slice(2)].join('\n'));
      const edited = await cli(['verify', join(elsewhere, 'county'), '--registry', registry]);
      expect(edited.status).toBe(1);
      expect(edited.stdout).toMatch(/DIFF excluded\.csv: excluded\.csv was changed after the draw/);
      expect(edited.stdout).toMatch(/^NOT verified/m);
      if (hasPython) {
        const checked = await python(join(elsewhere, 'county', 'manifest.json'), registry);
        expect(checked.status).toBe(1);
        expect(checked.stdout).toMatch(/excluded\.csv is not the file the manifest records/);
      }
    },
    SLOW,
  );

  it(
    'with the sources in place, checks them; with a source edited, fails',
    async () => {
      const inPlace = await cli(['verify', county]);
      expect(inPlace.status, inPlace.stdout).toBe(0);
      expect(
        inPlace.stdout.match(/present, sha256 [0-9a-f]{16}… matches; its \d+ units equal excluded\.csv's/g),
      ).toHaveLength(2);

      const copy = join(tempDir('spotcheck-edited-'), 'month');
      cpSync(month, copy, { recursive: true });
      const households = join(copy, 'province', 'households.csv');
      writeFileSync(households, readFileSync(households, 'utf8').replace(/\n[^\n]*\n$/, '\n'));
      const edited = await cli(['verify', join(copy, 'county'), '--registry', REGISTRY]);
      expect(edited.status).toBe(1);
      expect(edited.stdout).toMatch(/DIFF excluded \.\.\/province: .*households\.csv was changed after the draw/);
    },
    SLOW,
  );

  itWithPython(
    'docs/check_draw.py reproduces the draws that exclude, household exclusions included',
    async () => {
      for (const draw of [prefecture, county]) {
        const checked = await python(join(draw, 'manifest.json'), REGISTRY);
        expect(checked.status, checked.stdout + checked.stderr).toBe(0);
      }
      const dir = tempDir();
      const drawArgs = ['monthly', DEMO, ...MONTH, '--seed', 'list', '--level', 'county', '--scope', '永胜县'];
      expect((await cli([...drawArgs, '--out', join(dir, 'first')])).status).toBe(0);
      const ids = readFileSync(join(dir, 'first', 'households.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1, 4)
        .map((row) => row.split(',')[0]);
      writeFileSync(join(dir, 'checked.csv'), `户编号\n${ids.join('\n')}\n`);
      const second = await cli([
        ...drawArgs,
        '--out',
        join(dir, 'second'),
        '--exclude',
        join(dir, 'checked.csv'),
        '--excel',
      ]);
      expect(second.status, second.stderr).toBe(0);
      expect(manifestOf(join(dir, 'second')).exclusions.excluded.households).toBe(3);
      const checked = await python(join(dir, 'second', 'manifest.json'), DEMO);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    },
    SLOW,
  );
});

describe('what was excluded is shown', () => {
  it(
    'in the summary, the notice, the workbook and --json',
    async () => {
      const provinceSha = manifestOf(province).manifest_sha256.slice(0, 16);
      const prefectureSha = manifestOf(prefecture).manifest_sha256.slice(0, 16);
      const manifest = manifestOf(county);
      expect(countyRun.stdout).toMatch(
        new RegExp(
          `Excluded \\(--exclude\\): monthly draw province \\(whole registry\\) 2026-11, manifest ${provinceSha}…: \\d+ villages, \\d+ households`,
        ),
      );
      expect(countyRun.stdout).toMatch(
        new RegExp(
          `Excluded \\(--exclude\\): monthly draw prefecture ${PREFECTURE} 2026-11, manifest ${prefectureSha}…`,
        ),
      );
      expect(countyRun.stdout).toContain(
        `Left the frame: counties 0, villages ${manifest.exclusions.excluded.villages}, households of the drawn villages ${manifest.exclusions.excluded.households}`,
      );
      const notice = readFileSync(join(month, 'county-notice.html'), 'utf8');
      expect(notice).toContain('<th>排除</th><td>排除（指定排除）：');
      expect(notice).toContain(provinceSha);
      expect(notice).toContain(prefectureSha);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(county, 'check-workbook.xlsx'));
      const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String);
      expect(cells).toContain('排除');
      const summary = cells.join(' ');
      expect(summary).toContain(provinceSha);
      expect(summary).toContain(prefectureSha);
      const json = await cli([
        'monthly',
        REGISTRY,
        ...MONTH,
        '--seed',
        'json',
        '--level',
        'county',
        '--scope',
        COUNTY,
        '--exclude',
        province,
        '--exclude-stages',
        'village',
        '--json',
      ]);
      expect(json.status, json.stderr).toBe(0);
      const record = JSON.parse(json.stdout).manifest.exclusions;
      expect(record.sources[0]).toMatchObject({
        kind: 'draw',
        sha256: manifestOf(province).manifest_sha256,
        draw: { command: 'monthly', level: 'province', month: '2026-11' },
        units: { village: expect.any(Number) },
      });
      expect(record.excluded).toMatchObject({ counties: 0 });
      // funds: its summary too, and its draw verifies without the province's.
      const funds = join(tempDir(), 'funds');
      const fundsRun = await cli([
        'funds',
        REGISTRY,
        ...MONTH,
        '--seed',
        'funds',
        '--scope',
        PREFECTURE,
        '--exclude',
        province,
        '--out',
        funds,
      ]);
      expect(fundsRun.status, fundsRun.stderr).toBe(0);
      expect(fundsRun.stdout).toContain(
        `Excluded (--exclude): monthly draw province (whole registry) 2026-11, manifest ${provinceSha}…: 4 counties`,
      );
      expect(readFileSync(join(funds, 'excluded.csv'), 'utf8')).toMatch(/^stage,unit_key,sources\ncounty,/);
      const fundsCopy = join(tempDir('spotcheck-funds-copy-'), 'a', 'b', 'funds');
      cpSync(funds, fundsCopy, { recursive: true });
      const fundsVerified = await cli(['verify', fundsCopy, '--registry', REGISTRY]);
      expect(fundsVerified.status, fundsVerified.stdout).toBe(0);
      expect(fundsVerified.stdout).toMatch(/not available here .*only the recorded list was used/);
      // In Chinese too.
      const chinese = await cli([
        'monthly',
        REGISTRY,
        ...MONTH,
        '--seed',
        'json',
        '--level',
        'county',
        '--scope',
        COUNTY,
        '--exclude',
        province,
        '--exclude-stages',
        'village',
        '--lang',
        'zh-CN',
      ]);
      expect(chinese.stdout).toMatch(
        /排除（指定排除）：2026-11 省级 （全部登记数据） 监督检查 抽取，清单 [0-9a-f]{16}…/,
      );
    },
    SLOW,
  );
});

describe('exclusions are checked before anything is written (exit 2)', () => {
  const refused = async (args: string[], pattern: RegExp) => {
    const out = join(tempDir(), 'never');
    const result = await cli([...args, '--out', out]);
    expect(result.status, result.stdout + result.stderr).toBe(2);
    expect(result.stderr).toMatch(pattern);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(out)).toBe(false);
    return result;
  };

  it(
    'an excluded draw from another registry, unless --exclude-other-registry',
    async () => {
      const args = ['monthly', DEMO, ...MONTH, '--seed', 'x', '--exclude', province];
      const result = await refused(
        args,
        /province: the excluded draw was made from another registry \(funds-registry\.csv [0-9a-f]{12}…\) than this draw/,
      );
      expect(result.stderr).toMatch(/--exclude-other-registry/);
      const allowed = await cli([...args, '--exclude-other-registry', '--json']);
      expect(allowed.status, allowed.stderr).toBe(0);
      expect(JSON.parse(allowed.stdout).manifest.exclusions.sources[0].other_registry).toBe(true);
      // funds likewise.
      const demo = join(tempDir(), 'demo');
      expect((await cli(['monthly', DEMO, ...MONTH, '--seed', 'demo', '--out', demo])).status).toBe(0);
      await refused(
        ['funds', REGISTRY, ...MONTH, '--seed', 'x', '--scope', PREFECTURE, '--exclude', demo],
        /demo: the excluded draw was made from another registry/,
      );
    },
    SLOW,
  );

  it(
    'an excluded draw from another month, unless --exclude-other-month; --history stays allowed',
    async () => {
      const args = [
        'monthly',
        REGISTRY,
        '--month',
        '2026-12',
        '--seed',
        'x',
        '--level',
        'prefecture',
        '--scope',
        PREFECTURE,
        '--exclude',
        province,
      ];
      const result = await refused(args, /province: the excluded draw is of 2026-11, this draw of 2026-12/);
      expect(result.stderr).toMatch(/--exclude-other-month/);
      expect((await cli([...args, '--exclude-other-month'])).status).toBe(0);
      const history = await cli([
        'monthly',
        REGISTRY,
        '--month',
        '2026-12',
        '--seed',
        'x',
        '--history',
        month,
        '--cooldown',
        '1',
        '--json',
      ]);
      expect(history.status, history.stderr).toBe(0);
      expect(JSON.parse(history.stdout).manifest.exclusions.sources.length).toBe(3);
      await refused(
        ['funds', REGISTRY, '--month', '2026-12', '--seed', 'x', '--scope', PREFECTURE, '--exclude', province],
        /the excluded draw is of 2026-11, this draw of 2026-12/,
      );
      // A --history draw is self-contained too: copied alone, it verifies from its excluded.csv.
      const december = join(tempDir(), 'december');
      expect(
        (
          await cli([
            'monthly',
            REGISTRY,
            '--month',
            '2026-12',
            '--seed',
            'x',
            '--history',
            month,
            '--cooldown',
            '1',
            '--out',
            december,
          ])
        ).status,
      ).toBe(0);
      const copy = join(tempDir('spotcheck-history-copy-'), 'x', 'december');
      cpSync(december, copy, { recursive: true });
      const verified = await cli(['verify', copy, '--registry', REGISTRY]);
      expect(verified.status, verified.stdout).toBe(0);
      expect(verified.stdout.match(/not available here/g)).toHaveLength(3);
    },
    SLOW,
  );

  it(
    'a list whose keys match no unit of the registry',
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'villages.txt.csv'), 'village_key\n永胜县›nowhere\n永胜县›nothing\n');
      await refused(
        ['monthly', REGISTRY, ...MONTH, '--seed', 'x', '--exclude', join(dir, 'villages.txt.csv')],
        /none of the 2 village key\(s\) of the exclusion list is a village of the registry \(for example "永胜县›nowhere"\)/,
      );
      writeFileSync(join(dir, 'counties.csv'), '县代码\n999999\n');
      await refused(
        ['funds', REGISTRY, ...MONTH, '--seed', 'x', '--scope', PREFECTURE, '--exclude', join(dir, 'counties.csv')],
        /none of the 1 county key\(s\)/,
      );
    },
    SLOW,
  );

  it(
    "a draw's households.csv or villages.csv given as a list (English or Chinese headings, or beside a manifest)",
    async () => {
      const args = ['monthly', REGISTRY, ...MONTH, '--seed', 'x', '--level', 'prefecture', '--scope', PREFECTURE];
      const result = await refused(
        [...args, '--exclude', join(prefecture, 'households.csv')],
        /households\.csv is a file of a spotcheck draw \(it has the columns ticket, rank, .*\), not a list of units to exclude/,
      );
      expect(result.stderr).toContain(`pass the draw folder instead (--exclude ${prefecture})`);
      await refused(
        [...args, '--exclude', join(prefecture, 'villages.csv')],
        /villages\.csv is a file of a spotcheck draw/,
      );
      // Chinese headings (抽签值, 总入样概率 …), moved away from their manifest.
      const dir = tempDir();
      const zh = join(dir, 'zh');
      expect((await cli(['monthly', REGISTRY, ...MONTH, '--seed', 'zh', '--out', zh, '--lang', 'zh-CN'])).status).toBe(
        0,
      );
      cpSync(join(zh, 'households.csv'), join(dir, 'households.csv'));
      await refused(
        [...args, '--exclude', join(dir, 'households.csv')],
        /households\.csv is a file of a spotcheck draw \(it has the columns ticket/,
      );
      // A plain list left inside a draw folder.
      writeFileSync(join(zh, 'ids.csv'), '户编号\n5326261012020002\n');
      await refused(
        [...args, '--exclude', join(zh, 'ids.csv')],
        /ids\.csv is a file of a spotcheck draw \(a manifest\.json is beside it\)/,
      );
    },
    SLOW,
  );
});

/**
 * Hostile review of the exclusions: a forged earlier draw, a list of household IDs that match
 * nothing, and verify's messages (which units differ; a caveat when the excluded draws are absent).
 */
describe('an excluded draw must itself reproduce; lists must match; verify says what it did not check', () => {
  const root = tempDir('spotcheck-forged-');
  const at = (name: string) => join(root, name);
  const run = async (args: string[]) => await cli(args, { cwd: root });
  const sha = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
  /** Re-records the outputs' SHA-256s from the files and reseals the manifest, as a forger would. */
  const reseal = async (dir: string, edit: (manifest: ForgedJson) => void = () => {}) => {
    const { sealManifest } = await import(pathToFileURL(join(ROOT, 'dist', 'core', 'manifest.js')).href);
    const manifest = manifestOf(dir);
    edit(manifest);
    for (const name of Object.keys(manifest.outputs)) manifest.outputs[name].sha256 = sha(join(dir, name));
    delete manifest.manifest_sha256;
    writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(sealManifest(manifest), null, 2)}\n`);
  };
  const COUNTY_ARGS = [
    'monthly',
    'big.csv',
    ...MONTH,
    '--level',
    'county',
    '--scope',
    '530821',
    '--exclude-stages',
    'village,household',
  ];
  /** A village name of the prefecture draw outside county 530821 (so that renaming it leaves the county's frame alone). */
  let renamed = '';

  beforeAll(async () => {
    const ok = async (args: string[]) => expect((await run(args)).status, args.join(' ')).toBe(0);
    await ok([
      'generate',
      '--out',
      'big.csv',
      '--households',
      '20000',
      '--prefecture',
      '530800',
      '--prefecture',
      '532500',
    ]);
    await ok(['monthly', 'big.csv', ...MONTH, '--seed', 'A', '--out', 'gprov']);
    await ok([
      'monthly',
      'big.csv',
      ...MONTH,
      '--seed',
      'B',
      '--level',
      'prefecture',
      '--scope',
      '530800',
      '--exclude',
      'gprov',
      '--out',
      'gpref',
    ]);
    const rows = readFileSync(at('gpref/villages.csv'), 'utf8')
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((row) => row.split(','));
    renamed = rows.find((row) => row[1] !== '530821')![7]!;
    cpSync(at('gpref'), at('fpref'), { recursive: true });
    for (const name of ['villages.csv', 'households.csv'])
      writeFileSync(at(`fpref/${name}`), readFileSync(at(`fpref/${name}`), 'utf8').replaceAll(renamed, `${renamed}改`));
    await reseal(at('fpref'));
    await ok([...COUNTY_ARGS, '--seed', 'C', '--exclude', 'gprov', 'gpref', '--out', 'county']);
  }, SLOW);

  it(
    'a forged earlier draw (edited and resealed) is refused as an exclusion, naming it and what differs',
    async () => {
      const result = await run([...COUNTY_ARGS, '--seed', 'C', '--exclude', 'gprov', 'fpref', '--out', 'forged']);
      expect(result.status, result.stdout + result.stderr).toBe(2);
      expect(result.stderr).toMatch(
        /the excluded draw fpref \(manifest [0-9a-f]{16}…\) does not reproduce from its registry: villages\.csv re-draw/,
      );
      expect(result.stderr).not.toMatch(/\n\s+at /);
      expect(existsSync(at('forged'))).toBe(false);
    },
    SLOW,
  );

  it(
    'verify re-draws the excluded draws it finds (recursively) and fails on a forged one; says so when it finds none',
    async () => {
      const verified = await run(['verify', 'county']);
      expect(verified.status, verified.stdout).toBe(0);
      expect(verified.stdout.match(/^ok {3}excluded \.\.\/(gprov|gpref): present, sha256/gm)).toHaveLength(2);
      expect(verified.stdout).not.toContain('exclusions not re-checked');
      // A county draw that records the forged prefecture draw (as one made before this check would).
      cpSync(at('county'), at('cforged'), { recursive: true });
      const real = manifestOf(at('gpref')).manifest_sha256;
      const fake = manifestOf(at('fpref')).manifest_sha256;
      writeFileSync(
        at('cforged/excluded.csv'),
        readFileSync(at('cforged/excluded.csv'), 'utf8').replaceAll(real, fake).replaceAll(renamed, `${renamed}改`),
      );
      await reseal(at('cforged'), (manifest) => {
        for (const source of manifest.exclusions.sources)
          if (source.sha256 === real) Object.assign(source, { sha256: fake, path: '../fpref' });
      });
      const caught = await run(['verify', 'cforged']);
      expect(caught.status, caught.stdout).toBe(1);
      expect(caught.stdout).toMatch(
        /^DIFF excluded \.\.\/fpref: .*the excluded draw .*fpref \(manifest [0-9a-f]{16}…\) does not reproduce from its registry: villages\.csv re-draw/m,
      );
      // Alone (the excluded draws elsewhere): it re-draws from excluded.csv, with a visible caveat, not a plain ok.
      const alone = join(tempDir(), 'alone');
      mkdirSync(join(alone, 'draw'), { recursive: true });
      cpSync(at('cforged'), join(alone, 'draw'), { recursive: true });
      cpSync(at('big.csv'), join(alone, 'big.csv'));
      const text = await cli(['verify', join(alone, 'draw')]);
      expect(text.status, text.stdout).toBe(0);
      expect(text.stdout).toMatch(/^NOTE excluded \.\.\/fpref: not available here/m);
      expect(text.stdout).toMatch(
        /^exclusions not re-checked: the excluded draws were not available; only excluded\.csv was used — give --exclusions-from to check them$/m,
      );
      const json = JSON.parse((await cli(['verify', join(alone, 'draw'), '--json'])).stdout);
      expect(json.caveats).toEqual([
        'exclusions not re-checked: the excluded draws were not available; only excluded.csv was used — give --exclusions-from to check them',
      ]);
      // Pointed at the forged folder, it is re-drawn and caught.
      const pointed = await cli(['verify', join(alone, 'draw'), '--exclusions-from', at('fpref')]);
      expect(pointed.status, pointed.stdout).toBe(1);
      expect(pointed.stdout).toMatch(/does not reproduce from its registry/);
    },
    SLOW,
  );

  it(
    'verify names the units where a present source and excluded.csv differ',
    async () => {
      cpSync(at('county'), at('cdropped'), { recursive: true });
      const lines = readFileSync(at('cdropped/excluded.csv'), 'utf8').split('\n');
      const dropped = lines.findIndex((line) => line.startsWith('village,'));
      const key = lines[dropped]!.split(',')[1]!;
      writeFileSync(at('cdropped/excluded.csv'), lines.filter((_, index) => index !== dropped).join('\n'));
      await reseal(at('cdropped'));
      const result = await run(['verify', 'cdropped']);
      expect(result.status, result.stdout).toBe(1);
      expect(result.stdout).toContain(
        `its units differ from excluded.csv: only in excluded.csv: none; only in the source: village ${key}`,
      );
    },
    SLOW,
  );

  it(
    'a list of household IDs (or villages) that match no unit of the registry is refused; counts are of matching units',
    async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'typo.csv'), 'household_id\n9999999999999999\n');
      const args = ['monthly', DEMO, ...MONTH, '--level', 'prefecture', '--scope', '530800', '--seed', 'Y'];
      const typo = await cli([...args, '--exclude', join(dir, 'typo.csv'), '--out', join(dir, 'e1')]);
      expect(typo.status, typo.stdout + typo.stderr).toBe(2);
      expect(typo.stderr).toContain(
        'none of the 1 household_id key(s) of the exclusion list is a household of the registry (for example "9999999999999999")',
      );
      expect(existsSync(join(dir, 'e1'))).toBe(false);
      // One real household among typos: "1 household", and it leaves the frame only if its village is drawn.
      expect((await cli([...args, '--out', join(dir, 'e0')])).status).toBe(0);
      const id = readFileSync(join(dir, 'e0', 'households.csv'), 'utf8')
        .split('\n')[1]!
        .split(',')[0]!;
      writeFileSync(join(dir, 'some.csv'), `household_id\n${id}\n9999999999999999\n8888\n`);
      const some = await cli([...args, '--exclude', join(dir, 'some.csv'), '--out', join(dir, 'e2')]);
      expect(some.status, some.stderr).toBe(0);
      expect(some.stdout).toMatch(
        /Excluded \(--exclude\): list some\.csv, sha256 [0-9a-f]{16}…: 0 counties, 0 villages, 1 household\b/,
      );
      expect(some.stdout).toMatch(/Left the frame: counties 0, villages 0, households of the drawn villages 1 /);
      // A village of another prefecture is a unit of the registry: accepted, but the summary shows it left nothing.
      const villages = await cli(['monthly', DEMO, ...MONTH, '--seed', 'Y', '--out', join(dir, 'all')]);
      expect(villages.status).toBe(0);
      const foreign = readFileSync(join(dir, 'all', 'villages.csv'), 'utf8')
        .trimEnd()
        .split('\n')
        .slice(1)
        .map((row) => row.split(','))
        .find((row) => !row[1]!.startsWith('5308'))!;
      writeFileSync(join(dir, 'foreign.csv'), `village_key\n${foreign[5]}\n`);
      const elsewhere = await cli([...args, '--exclude', join(dir, 'foreign.csv'), '--out', join(dir, 'e3')]);
      expect(elsewhere.status, elsewhere.stderr).toBe(0);
      expect(elsewhere.stdout).toMatch(/: 0 counties, 1 village, 0 households/);
      expect(elsewhere.stdout).toMatch(/Left the frame: counties 0, villages 0, /);
    },
    SLOW,
  );
});
