/** The tests "seeds: one look, one seed" from test/integrity-seeds-ledger.test.ts (moved, issue 14). */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { manifestDigest, type Manifest } from '../../../src/core/manifest.js';
import { cli, ROOT, tempDir, STACK } from '../../helpers.js';
import { DRAW, REDRAW } from '../seedLedgerKit.js';

const fingerprint = (seed: string) => `SHA-256 ${createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 16)}`;

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
    const seedRow = summary.getSheetValues().find((row) => Array.isArray(row) && row[1] === '随机种子') as unknown[];
    expect(seedRow[2]).toBe(`"${seed}" ${fingerprint(seed)}`);
    const verify = await cli(['verify', join(dir, 'draw')]);
    expect(verify.status).toBe(0);
    expect(verify.stdout).toContain(`seed: "${seed}" ${fingerprint(seed)}`);
    expect((await cli([...DRAW, '--seed', 'other', '--ledger', ledger, ...REDRAW])).status).toBe(0);
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
