/**
 * Issue 15: with --excel, IDs stay text in Excel (formula guard version 2, docs/algorithm.md §20). One draw of a
 * registry whose 户编号 have 16 digits (one with a leading 0), 人编号 18 and 村代码 12, a forged copy of it, and the
 * same draw as 0.6.0 made it (guard version 1), frozen in test/frozen/monthly-excel-guard1-0.6.0: made by
 * `spotcheck monthly registry.csv <DRAW's options> --seed ids --out …` of 0.6.0 (commit ee401fb) from the registry
 * idRegistry writes (SHA-256 a184fd4c…, recorded in its manifest). It must never change.
 */
import { createHash } from 'node:crypto';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unguardCell } from '../../../src/core/spreadsheetText.js';
import { sealManifest, type Manifest } from '../../../src/core/manifest.js';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';
import { checkDraw, pythonOnPath } from '../../pythonChecker.js';
import { manifestOf, readCsv } from '../formulasKit.js';

const hasPython = pythonOnPath();
const LEADING_ZERO = '0304261012010001';

/** The demo registry's 峨山 rows with a 村代码 column (the first 12 digits of 户编号) and household …0001 of 弥鹤村 led by a 0. */
function idRegistry(dir: string): string {
  const [header, ...rows] = readFileSync(DEMO, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split(','));
  const id = header!.indexOf('户编号');
  const lines = rows
    .filter((row) => row[0] === '峨山彝族自治县')
    .map((row) => [
      ...row.map((cell, at) => (at === id && cell === '5304261012010001' ? LEADING_ZERO : cell)),
      row[id]!.slice(0, 12),
    ]);
  const path = join(dir, 'registry.csv');
  writeFileSync(path, `${[[...header!, '村代码'], ...lines].map((row) => row.join(',')).join('\n')}\n`);
  return path;
}

const DRAW = (registry: string, seed: string) =>
  ['monthly', registry, '--month', '2026-11', '--seed', seed, '--level', 'county', '--scope', '峨山彝族自治县'].concat([
    '--villages',
    '6',
    '--households',
    '3',
    '--village-frame',
    'all',
    '--excel',
  ]);

/** A copy of a draw with its CSV cells rewritten and its manifest's parameters changed, SHA-256s and seal made to match. */
function rewritten(
  draw: string,
  to: string,
  cell: (text: string) => string,
  parameters: Record<string, unknown>,
): string {
  cpSync(draw, to, { recursive: true });
  const { manifest_sha256: _old, ...manifest } = manifestOf(to);
  manifest.parameters = { ...manifest.parameters, ...parameters };
  const quote = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  for (const name of Object.keys(manifest.outputs)) {
    const rows = readCsv(join(to, name)).map((row) => row.map((text) => quote(cell(text))).join(','));
    const text = `\ufeff${rows.join('\r\n')}\r\n`;
    writeFileSync(join(to, name), text);
    manifest.outputs[name] = { ...manifest.outputs[name]!, sha256: createHash('sha256').update(text).digest('hex') };
  }
  writeFileSync(join(to, 'manifest.json'), `${JSON.stringify(sealManifest(manifest as Manifest), null, 2)}\n`);
  return to;
}

describe('--excel keeps 16- and 18-digit IDs, 12-digit village codes and a leading 0 as text (guard version 2)', async () => {
  const dir = tempDir('spotcheck-excel-ids-');
  const registry = idRegistry(dir);
  const draw = join(dir, 'draw');
  const drawn = await cli([...DRAW(registry, 'ids'), '--out', draw]);
  const households = readCsv(join(draw, 'households.csv'));
  const column = (name: string) => households.slice(1).map((row) => row[households[0]!.indexOf(name)]!);

  it('records formula_guard 2 and writes every ID behind the apostrophe', () => {
    expect(drawn.status, drawn.stderr).toBe(0);
    expect(manifestOf(draw).parameters.formula_guard).toBe(2);
    expect(column('household_id')).toContain(`'${LEADING_ZERO}`);
    expect(column('household_id').every((id) => /^'[0-9]{16}$/.test(id))).toBe(true);
    expect(column('户编号').every((id) => /^'[0-9]{16}$/.test(id))).toBe(true);
    expect(column('人编号').every((id) => /^'[0-9]{18}$/.test(id))).toBe(true);
    expect(column('村代码').every((code) => /^'[0-9]{12}$/.test(code))).toBe(true);
    const villages = readCsv(join(draw, 'villages.csv'));
    expect(villages[1]![villages[0]!.indexOf('village_code')]).toMatch(/^'[0-9]{12}$/);
    // shorter numbers stay numbers: the county code (6 digits), sizes and ranks
    expect(column('county_code').every((code) => code === '530426')).toBe(true);
    expect(column('rank')).toContain('1');
  });

  it('verify and check_draw.py re-draw it byte for byte', async () => {
    const verified = await cli(['verify', draw, '--registry', registry]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    if (hasPython) {
      const checked = await checkDraw([join(draw, 'manifest.json'), '--registry', registry]);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    }
  });

  it('--exclude of the draw leaves out its households, keys read without the apostrophe', async () => {
    const next = join(dir, 'next');
    const result = await cli([
      ...DRAW(registry, 'next'),
      '--exclude',
      draw,
      '--exclude-stages',
      'household',
      '--out',
      next,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const excluded = readCsv(join(next, 'excluded.csv')).slice(1);
    expect(excluded.map((row) => unguardCell(row[1]!)).sort()).toEqual(column('household_id').map(unguardCell).sort());
    expect(excluded.map((row) => row[1])).toContain(`'${LEADING_ZERO}`);
    const again = readCsv(join(next, 'households.csv')).slice(1);
    expect(again.filter((row) => column('household_id').includes(row[0]!))).toEqual([]);
    expect((await cli(['verify', next, '--registry', registry])).status).toBe(0);
  });

  it('a copy with the apostrophe taken off one ID (SHA-256 and seal made to match) fails verify', async () => {
    const bare = (text: string) => (text === `'${LEADING_ZERO}` ? LEADING_ZERO : text);
    const copy = rewritten(draw, join(dir, 'forged'), bare, {});
    expect(readCsv(join(copy, 'households.csv')).flat()).toContain(LEADING_ZERO);
    const result = await cli(['verify', copy, '--registry', registry]);
    expect(result.status, result.stdout).toBe(1);
    expect(result.stdout).toMatch(/households\.csv/);
  });

  it('the same draw made by 0.6.0 (guard version 1, IDs bare; frozen) still verifies, in both checkers', async () => {
    const old = join(ROOT, 'test', 'frozen', 'monthly-excel-guard1-0.6.0');
    expect(manifestOf(old).parameters.formula_guard).toBe(1);
    expect(readCsv(join(old, 'households.csv')).flat()).toContain(LEADING_ZERO);
    // the files differ from this version's exactly by the apostrophes before the IDs
    for (const name of ['counties.csv', 'villages.csv', 'households.csv']) {
      expect(readCsv(join(old, name))).toEqual(readCsv(join(draw, name)).map((row) => row.map(unguardCell)));
    }
    const verified = await cli(['verify', old, '--registry', registry]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    if (hasPython) {
      const checked = await checkDraw([join(old, 'manifest.json'), '--registry', registry]);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    }
    // --exclude reads it with its own version: the same households as this version's draw
    const next = join(dir, 'after-old');
    const result = await cli([
      ...DRAW(registry, 'next'),
      '--exclude',
      old,
      '--exclude-stages',
      'household',
      '--out',
      next,
    ]);
    expect(result.status, result.stderr).toBe(0);
    const units = (path: string) => readCsv(path).map((row) => row.slice(0, 2));
    expect(units(join(next, 'excluded.csv'))).toEqual(units(join(dir, 'next', 'excluded.csv')));
  });
});
