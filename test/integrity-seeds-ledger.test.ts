/**
 * Issue 12, holes 1, 2 and 4, attacked on the built binary: seeds that look alike but draw other
 * samples; a rewritten ledger that hides the published head in a later entry; draws made and not
 * recorded (ledger append fails, --ledger "", a workbook that cannot be built, a ledger reached
 * through a symbolic link).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { canonicalJson, manifestDigest, type Manifest } from '../src/core/manifest.js';
import { entryDigest, type LedgerEntry } from '../src/core/ledger.js';
import { cli, DEMO, ROOT, tempDir } from './helpers.js';

const BIN = join(ROOT, 'bin', 'spotcheck');
const DRAW = ['monthly', DEMO, '--month', '2026-11', '--level', 'county', '--scope', '永胜县'];
const fingerprint = (seed: string) => `SHA-256 ${createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 16)}`;
const STACK = /^\s+at /m;

describe('seeds: one look, one seed', () => {
  // Each variant looks like "demo-2026-11" (or nearly) on a screen or on paper.
  const variants: ReadonlyArray<readonly [string, string, string]> = [
    ['demo\u200b-2026-11', 'U+200B ZERO WIDTH SPACE', '5'],
    ['demo\u200c-2026-11', 'U+200C ZERO WIDTH NON-JOINER', '5'],
    ['demo\u200d-2026-11', 'U+200D ZERO WIDTH JOINER', '5'],
    ['demo\u2060-2026-11', 'U+2060 WORD JOINER', '5'],
    ['demo\ufeff-2026-11', 'U+FEFF ZERO WIDTH NO-BREAK SPACE', '5'],
    ['demo\u00ad-2026-11', 'U+00AD SOFT HYPHEN', '5'],
    ['demo\u00a02026-11', 'U+00A0 NO-BREAK SPACE', '5'],
    ['demo\u30002026-11', 'U+3000 IDEOGRAPHIC SPACE', '5'],
    ['demo\u20092026-11', 'U+2009 THIN SPACE', '5'],
    ['demo\u202f2026-11', 'U+202F NARROW NO-BREAK SPACE', '5'],
    ['demo-\u202e11-6202', 'U+202E RIGHT-TO-LEFT OVERRIDE', '6'],
    ['demo-\u20662026-11\u2069', 'U+2066 LEFT-TO-RIGHT ISOLATE', '6'],
    ['demo-2026-1\u0661', 'U+0661', '12'], // ARABIC-INDIC DIGIT ONE, another script
    ['dem\u043e-2026-11', 'U+043E', '4'], // Cyrillic о
    ['demo-2026-11\ue000x', 'U+E000', '13'], // private use
    ['demo-2026-11a\u0308\u0301', 'U+0301 COMBINING ACUTE ACCENT', '14'], // a combining mark NFC cannot absorb (a + U+0308 is one ä)
    ['demo-2026-11\t2', 'U+0009 CHARACTER TABULATION', '13'],
    ['demo  2026-11', 'two spaces in a row at character 6', ''],
    ['抽签\u2f00号', 'U+2F00', '3'], // KANGXI RADICAL ONE: looks exactly like 一 U+4E00, and NFC keeps it (found in review)
    ['抽签\u2e9f号', 'U+2E9F', '3'], // CJK RADICAL MOTHER, looks like 母
    ['抽签\u9fff\u2fd6', 'U+2FD6', '4'], // unassigned: every unassigned code point shows as the same box
    ['抽签\u{2a6e0}', 'U+2A6E0', '3'], // unassigned, between CJK Extensions B and C
    ['demo\u20132026-11', 'U+2013', '5'], // EN DASH passes for a hyphen
  ];

  it.each(variants)('refuses %j naming the code point, exit 2, nothing written', async (seed, named, position) => {
    const dir = tempDir();
    const result = await cli([
      ...DRAW,
      '--seed',
      seed,
      '--out',
      join(dir, 'draw'),
      '--ledger',
      join(dir, 'draws.ledger'),
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(position === '' ? named : `${named} at character ${position}`);
    expect(result.stderr).toMatch(/type the seed again with plain characters/);
    expect(result.stderr).not.toMatch(STACK);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says to use an ASCII space for U+3000, in Chinese too', async () => {
    const en = await cli([...DRAW, '--seed', '2026年11月\u3000公开摇号']);
    expect(en.status).toBe(2);
    expect(en.stderr).toMatch(/U\+3000 IDEOGRAPHIC SPACE at character 9/);
    expect(en.stderr).toMatch(/use an ASCII space/);
    const zh = await cli([...DRAW, '--seed', '2026年11月\u3000公开摇号', '--lang', 'zh-CN']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toMatch(/第 9 个字符 U\+3000 IDEOGRAPHIC SPACE/);
    expect(zh.stderr).toMatch(/ASCII 空格/);
  });

  it('refuses it in evaluate, funds and sql too', async () => {
    for (const args of [
      ['evaluate', join(ROOT, 'fixtures', 'eval-registry.csv'), '--seed', 'e\u200bval'],
      [
        'funds',
        join(ROOT, 'fixtures', 'funds-registry.csv'),
        '--month',
        '2026-11',
        '--seed',
        'x\u00ad',
        '--scope',
        '文山壮族苗族自治州',
      ],
      ['sql', '--dialect', 'duckdb', '--month', '2026-11', '--seed', 'x\u2060y', '--level', 'province'],
    ]) {
      const result = await cli(args);
      expect(result.status, args[0]).toBe(2);
      expect(result.stderr, args[0]).toMatch(/U\+(200B|00AD|2060) /);
    }
  });

  it('accepts a Chinese seed with single ASCII spaces and shows it with its fingerprint', async () => {
    const seed = '2026年11月 公开摇号 03 17 25';
    const result = await cli([...DRAW, '--seed', seed]);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain(`seed "${seed}" ${fingerprint(seed)}`);
  });

  it('keeps the §10 vector: a decomposed ü and an ideographic space at the ends normalise to "Zürich ñ-7"', async () => {
    const result = await cli([...DRAW, '--seed', '\u3000 Zu\u0308rich ñ-7 ', '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).manifest.parameters.seed).toBe('Zürich ñ-7');
  });

  it('shows the seed with its fingerprint in the notice, the workbook, verify and ledger verify', async () => {
    const dir = tempDir();
    const seed = 'demo-2026-11';
    const ledger = join(dir, 'draws.ledger');
    const draw = await cli([
      ...DRAW,
      '--seed',
      seed,
      '--out',
      join(dir, 'draw'),
      '--xlsx',
      '--notice',
      join(dir, 'notice.html'),
      '--ledger',
      ledger,
    ]);
    expect(draw.status).toBe(0);
    expect(readFileSync(join(dir, 'notice.html'), 'utf8')).toContain(`&quot;${seed}&quot; ${fingerprint(seed)}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'draw', 'check-workbook.xlsx'));
    const summary = workbook.worksheets[0]!;
    const seedRow = summary.getSheetValues().find((row) => Array.isArray(row) && row[1] === '种子 seed') as unknown[];
    expect(seedRow[2]).toBe(`"${seed}" ${fingerprint(seed)}`);
    const verify = await cli(['verify', join(dir, 'draw')]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain(`seed: "${seed}" ${fingerprint(seed)}`);
    expect((await cli([...DRAW, '--seed', 'other', '--ledger', ledger])).status).toBe(0);
    const repeats = await cli(['ledger', 'verify', ledger]);
    expect(repeats.stdout).toContain(`seed "${seed}" ${fingerprint(seed)}`);
    expect(repeats.stdout).toContain(`seed "other" ${fingerprint('other')}`);
  });

  it('verify fails a manifest whose recorded seed breaks the rule, naming the code point (resealed by hand)', async () => {
    const dir = tempDir();
    expect((await cli([...DRAW, '--seed', 'demo-2026-11', '--out', dir])).status).toBe(0);
    const path = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    const forged = { ...manifest, parameters: { ...manifest.parameters, seed: 'demo-2026\u200b-11' } } as Manifest;
    writeFileSync(path, `${JSON.stringify({ ...forged, manifest_sha256: manifestDigest(forged) }, null, 2)}\n`);
    const text = await cli(['verify', dir]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(
      /DIFF seed: the recorded seed breaks the seed rule .*U\+200B ZERO WIDTH SPACE at character 10/,
    );
    expect(text.stdout).toMatch(/NOT verified|not verified/i);
    const result = await cli(['verify', dir, '--json']);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout).verified).toBe(false);
  });
});

describe('ledger verify --head: only an entry of an intact chain', () => {
  const draw = async (ledger: string, seed: string, scope = '永胜县') =>
    await cli([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--level',
      'county',
      '--scope',
      scope,
      '--seed',
      seed,
      '--ledger',
      ledger,
    ]);
  const check = async (ledger: string, head: string) =>
    await cli(['ledger', 'verify', ledger, '--head', head, '--json']);

  it('names the sequence of the published head', async () => {
    const ledger = join(tempDir(), 'draws.ledger');
    for (const seed of ['one', 'two', 'three']) expect((await draw(ledger, seed)).status).toBe(0);
    const lines = readFileSync(ledger, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LedgerEntry);
    const result = await check(ledger, lines[1]!.entry_sha256);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ intact: true, head_found: true, head_sequence: 2 });
    const text = await cli(['ledger', 'verify', ledger, '--head', lines[1]!.entry_sha256.toUpperCase()]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`published head ${lines[1]!.entry_sha256} is entry #2 (line 2)`);
    const unknown = await check(ledger, 'ab'.repeat(32));
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ intact: true, head_found: false, head_sequence: null });
  });

  it('fails a rewritten ledger: a re-draw deleted, the chain recomputed, the old head hidden in a later entry', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    expect((await draw(ledger, 'first')).status).toBe(0);
    expect((await draw(ledger, 'second')).status).toBe(0); // the re-draw someone wants forgotten
    const published = (JSON.parse(readFileSync(ledger, 'utf8').split('\n')[1]!) as LedgerEntry).entry_sha256;
    expect((await check(ledger, published)).status).toBe(0);
    expect((await draw(ledger, 'later', '丘北县')).status).toBe(0);
    const [first, , later] = readFileSync(ledger, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LedgerEntry);
    // Rewrite: entry 3 becomes entry 2, chained to entry 1, carrying the old head as text in its parameters.
    const { entry_sha256: _old, ...rest } = later!;
    const rewritten = {
      ...rest,
      sequence: 2,
      previous: first!.entry_sha256,
      parameters: { ...later!.parameters, note: { entry_sha256: published } },
    };
    const forged = { ...rewritten, entry_sha256: entryDigest(rewritten) };
    const file = join(dir, 'rewritten.ledger');
    writeFileSync(file, `${canonicalJson(first)}\n${canonicalJson(forged)}\n`);
    expect(readFileSync(file, 'utf8')).toContain(`"entry_sha256":"${published}"`);
    const plain = await cli(['ledger', 'verify', file, '--json']);
    expect(JSON.parse(plain.stdout).intact).toBe(true); // the chain alone cannot tell …
    const result = await check(file, published);
    expect(result.status).toBe(1); // … the published head can
    expect(JSON.parse(result.stdout)).toMatchObject({ intact: true, head_found: false, head_sequence: null });
    const text = await cli(['ledger', 'verify', file, '--head', published]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/BROKEN the published head [0-9a-f]{64} is not the hash of any entry/);
  });

  it('does not accept a head that names an entry of a broken chain', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    for (const seed of ['one', 'two']) expect((await draw(ledger, seed)).status).toBe(0);
    const lines = readFileSync(ledger, 'utf8').split('\n').filter(Boolean);
    const head = (JSON.parse(lines[1]!) as LedgerEntry).entry_sha256;
    writeFileSync(ledger, `${lines[0]!.replace('"seed":"one"', '"seed":"uno"')}\n${lines[1]}\n`);
    const result = await check(ledger, head);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ intact: false, head_found: false });
  });
});

describe('a draw and its ledger entry are one act', () => {
  const run = async (args: readonly string[], env: Record<string, string> = {}) =>
    await cli([...DRAW, ...args], { env });

  it('refuses --ledger "" before reading anything', async () => {
    const dir = tempDir();
    const result = await run(['--seed', 'x', '--ledger', '', '--out', join(dir, 'draw')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--ledger must name a file/);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('leaves no outputs when the ledger append fails, exit 2 without a stack, the ledger as it was', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    expect((await run(['--seed', 'one', '--ledger', ledger])).status).toBe(0);
    const before = readFileSync(ledger);
    const outputs = ['--out', join(dir, 'draw'), '--xlsx', '--notice', join(dir, 'notice.html'), '--ledger', ledger];
    const result = await run(['--seed', 'two', ...outputs], { SPOTCHECK_FAILPOINT: 'ledger-append' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the draw was not made: its ledger entry could not be written/);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stdout).toBe('');
    expect(readdirSync(dir).sort()).toEqual(['draws.ledger']);
    expect(readFileSync(ledger)).toEqual(before);
    // A new ledger is not left behind empty either.
    const fresh = join(dir, 'fresh.ledger');
    expect(
      (
        await run(['--seed', 'two', '--ledger', fresh, '--out', join(dir, 'draw')], {
          SPOTCHECK_FAILPOINT: 'ledger-append',
        })
      ).status,
    ).toBe(2);
    expect(readdirSync(dir).sort()).toEqual(['draws.ledger']);
  });

  it('leaves an earlier draw untouched when a --force re-draw cannot be recorded', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect((await run(['--seed', 'one', '--out', out, '--xlsx'])).status).toBe(0);
    const files = Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]));
    const result = await run(['--seed', 'two', '--out', out, '--force', '--ledger', join(dir, 'draws.ledger')], {
      SPOTCHECK_FAILPOINT: 'ledger-append',
    });
    expect(result.status).toBe(2);
    expect(Object.fromEntries(readdirSync(out).map((name) => [name, readFileSync(join(out, name))]))).toEqual(files);
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('refuses a ledger that cannot be opened for appending before the draw (run as an unprivileged user)', () => {
    const dir = tempDir();
    chmodSync(dir, 0o777);
    const ledger = join(dir, 'draws.ledger');
    writeFileSync(ledger, '');
    chmodSync(ledger, 0o444);
    const root = process.getuid?.() === 0;
    const result = spawnSync(
      process.execPath,
      [BIN, ...DRAW, '--seed', 'x', '--ledger', ledger, '--out', join(dir, 'draw')],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1', LANG: 'C.UTF-8', LC_ALL: '' },
        ...(root ? { uid: 65534, gid: 65534 } : {}),
      },
    );
    if (root && /EACCES|permission/i.test(result.error?.message ?? '')) return; // cannot change user here
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the ledger cannot be opened for appending \(permission denied\); nothing was drawn/);
    expect(existsSync(join(dir, 'draw'))).toBe(false);
  });

  it('takes one lock and one chain for a ledger reached through a symbolic link', async () => {
    const dir = tempDir();
    const real = join(dir, 'draws.ledger');
    writeFileSync(real, '');
    mkdirSync(join(dir, 'elsewhere'));
    const link = join(dir, 'elsewhere', 'link.ledger');
    symlinkSync(real, link);
    expect((await run(['--seed', 'one', '--ledger', link])).status).toBe(0);
    expect((await run(['--seed', 'two', '--ledger', real])).status).toBe(0);
    // Two at once, one through the link and one through the real path.
    const draw = (seed: string, ledger: string) =>
      new Promise<number>((resolve) =>
        spawn(process.execPath, [BIN, ...DRAW, '--seed', seed, '--ledger', ledger], { stdio: 'ignore' }).once(
          'exit',
          (code) => resolve(code ?? -1),
        ),
      );
    expect(await Promise.all([draw('three', link), draw('four', real), draw('five', link)])).toEqual([0, 0, 0]);
    const result = await cli(['ledger', 'verify', real, '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ intact: true, entries: 5 });
    expect(readdirSync(join(dir, 'elsewhere'))).toEqual(['link.ledger']); // no lock of its own left
    expect(readdirSync(dir).sort()).toEqual(['draws.ledger', 'elsewhere']);
    // A link to a ledger that does not exist yet: the first draw creates the real file.
    const later = join(dir, 'later.ledger');
    symlinkSync(later, join(dir, 'elsewhere', 'dangling.ledger'));
    expect((await run(['--seed', 'one', '--ledger', join(dir, 'elsewhere', 'dangling.ledger')])).status).toBe(0);
    expect((await run(['--seed', 'two', '--ledger', later])).status).toBe(0);
    expect(JSON.parse((await cli(['ledger', 'verify', later, '--json'])).stdout)).toMatchObject({
      intact: true,
      entries: 2,
    });
  });

  it('writes the workbook for villages whose names end in an apostrophe, and records the draw', async () => {
    const dir = tempDir();
    const lines = readFileSync(DEMO, 'utf8').split('\n');
    const registry = join(dir, 'registry.csv');
    // Every village name (third column) gets a trailing apostrophe; one gets a leading one too.
    writeFileSync(
      registry,
      lines
        .map((line, index) =>
          index === 0 || line === ''
            ? line
            : line
                .split(',')
                .map((cell, column) => (column === 2 ? (cell === '顺云村' ? `'${cell}'` : `${cell}'`) : cell))
                .join(','),
        )
        .join('\n'),
    );
    const out = join(dir, 'draw');
    const ledger = join(dir, 'draws.ledger');
    const result = await cli([
      'monthly',
      registry,
      '--month',
      '2026-11',
      '--seed',
      'x',
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--villages',
      '7',
      '--out',
      out,
      '--xlsx',
      '--ledger',
      ledger,
    ]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'check-workbook.xlsx'));
    const names = workbook.worksheets.map((sheet) => sheet.name);
    expect(names).toHaveLength(8);
    for (const name of names) expect(name).not.toMatch(/^'|'$/);
    expect(JSON.parse((await cli(['ledger', 'verify', ledger, '--json'])).stdout)).toMatchObject({
      intact: true,
      entries: 1,
    });
  });
});
