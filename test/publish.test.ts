/**
 * Excel in the inspectors' hands and the public notice: --excel CSV (BOM, CRLF), the --xlsx check
 * workbook read back with exceljs, and the --notice page rendered in a real headless Chromium
 * (Debian's, driven by playwright-core; `.ci/run` installs it when missing).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from './helpers.js';

const CHROMIUM = process.env.SPOTCHECK_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const message = `test/publish.test.ts: the notice is not rendered in a browser: ${CHROMIUM} is missing (apt-get install chromium, as .ci/run does)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message} — SKIPPED`);
}
const DRAW = ['monthly', DEMO, '--month', '2026-11', '--seed', 'publish', '--level', 'prefecture', '--scope', '普洱市'];
const csv = (path: string) =>
  parse(readFileSync(path, 'utf8'), { columns: true, bom: true }) as Array<Record<string, string>>;

describe('--excel', () => {
  it('writes CSV with a UTF-8 byte-order mark and CRLF, which verifies', async () => {
    const out = join(tempDir(), 'draw');
    expect((await cli([...DRAW, '--out', out, '--excel'])).status).toBe(0);
    for (const name of ['counties.csv', 'villages.csv', 'households.csv']) {
      const bytes = readFileSync(join(out, name));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.split('\r\n').length).toBeGreaterThan(2);
      expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    }
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).parameters.excel).toBe(true);
    expect((await cli(['verify', out])).status).toBe(0);
  });
});

describe('--xlsx check workbook', () => {
  it('has a summary sheet and one sheet per village with its households (masked IDs), fill-in columns and a frozen header', async () => {
    const out = join(tempDir(), 'draw');
    const result = await cli([...DRAW, '--out', out, '--xlsx', '--spares', '1']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Check workbook: ${join(out, 'check-workbook.xlsx')}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'check-workbook.xlsx'));
    const villages = csv(join(out, 'villages.csv'));
    const households = csv(join(out, 'households.csv'));
    const spares = csv(join(out, 'spares.csv'));
    expect(workbook.worksheets.length).toBe(1 + villages.length);
    const summary = workbook.worksheets[0]!;
    const summaryText = summary.getSheetValues().flat().map(String).join(' ');
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(summaryText).toContain(manifest.manifest_sha256);
    expect(summaryText).toContain('publish');
    villages.forEach((village, index) => {
      const sheet = workbook.worksheets[index + 1]!;
      expect(sheet.name).toContain(village.village);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
      const header = (sheet.getRow(2).values as unknown[]).slice(1);
      expect(header).toEqual([
        '序号',
        '户编号',
        '抽取',
        '户主姓名',
        '证件号码',
        '自然村',
        '人数',
        '脱贫属性',
        '核查结果',
        '问题描述',
        '核查人',
        '核查日期',
      ]);
      const ids = [];
      for (let row = 3; row <= sheet.rowCount; row++) ids.push(String(sheet.getRow(row).getCell(2).value));
      const expected = [...households, ...spares]
        .filter((row) => row.village_key === village.village_key)
        .map((row) => row.household_id);
      expect(ids).toEqual(expected);
      for (let row = 3; row <= sheet.rowCount; row++) {
        expect(String(sheet.getRow(row).getCell(5).value)).toMatch(/^[0-9]{4}\*{10}[0-9X]{4}$/);
        for (let cell = 9; cell <= 12; cell++) expect(sheet.getRow(row).getCell(cell).value ?? '').toBe('');
      }
      expect(sheet.getColumn(10).width).toBeGreaterThanOrEqual(30);
    });
    // The workbook is not part of the verified record.
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('needs --out', async () => {
    const result = await cli([...DRAW, '--xlsx']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--xlsx writes check-workbook\.xlsx into the draw's directory: give --out DIR too/);
  });
});

describe('--notice', () => {
  it.skipIf(!haveChromium)(
    'renders in headless Chromium with the draw in its tables, no names or ID numbers, and prints on A4',
    async () => {
      const dir = tempDir();
      const out = join(dir, 'draw');
      const notice = join(dir, 'notice.html');
      const result = await cli([
        ...DRAW,
        '--out',
        out,
        '--notice',
        notice,
        '--seed-source',
        '2026年11月3日 州纪委 公开摇号',
      ]);
      expect(result.status, result.stderr).toBe(0);
      const html = readFileSync(notice, 'utf8');
      expect(html).not.toMatch(/<script|<link|src=|url\(/i); // self-contained
      const households = csv(join(out, 'households.csv'));
      for (const row of households) {
        expect(html).not.toContain(row.姓名);
        expect(html).not.toContain(`${row.证件号码!.slice(-4)}<`);
        expect(html).not.toContain(row.household_id);
      }
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.parameters.seed_source).toBe('2026年11月3日 州纪委 公开摇号');

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
      try {
        const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`file://${notice}`);
        expect(requests).toEqual([`file://${notice}`]);
        expect(await page.title()).toContain('抽查结果公告');
        expect(await page.locator('#manifest-sha256').textContent()).toBe(manifest.manifest_sha256);
        const villageRows = await page.locator('table').nth(2).locator('tbody tr').allTextContents();
        const villages = csv(join(out, 'villages.csv'));
        expect(villageRows).toHaveLength(villages.length);
        villages.forEach((village, index) => {
          const drawn = households.filter((row) => row.village_key === village.village_key).length;
          expect(villageRows[index]).toContain(village.village);
          expect(villageRows[index]).toContain(`${drawn}${village.frame_households}`);
        });
        const counties = await page.locator('table').nth(1).locator('tbody tr').allTextContents();
        expect(counties.map((row) => row.replace(/^\d+/, ''))).toEqual(
          csv(join(out, 'counties.csv')).map((row) => `${row.prefecture}${row.county}${row.county_code}`),
        );
        const png = await page.screenshot({ fullPage: true });
        expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        writeFileSync(join(dir, 'notice.png'), png);
        await page.emulateMedia({ media: 'print' });
        // Printed on A4 (182 mm of text width at 96 dpi ≈ 688 px), nothing runs off the page.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
      } finally {
        await browser.close();
      }
    },
  );

  it('refuses a notice path that is not .html, or that exists without --force', async () => {
    const dir = tempDir();
    expect((await cli([...DRAW, '--notice', join(dir, 'notice.pdf')])).stderr).toMatch(
      /--notice writes HTML: give a file ending in \.html/,
    );
    writeFileSync(join(dir, 'old.html'), 'old');
    const refused = await cli([...DRAW, '--notice', join(dir, 'old.html')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/old\.html: the notice file exists already/);
    expect(readFileSync(join(dir, 'old.html'), 'utf8')).toBe('old');
  });
});

describe('.xlsx registries', () => {
  /** The demo registry as a workbook: IDs as text, 人数 as numbers, optionally after another sheet. */
  async function demoWorkbook(
    path: string,
    options: { notesSheetFirst?: boolean; idsAsNumbers?: boolean } = {},
  ): Promise<void> {
    const rows = parse(readFileSync(DEMO, 'utf8'), { bom: true }) as string[][];
    const workbook = new ExcelJS.Workbook();
    if (options.notesSheetFirst) workbook.addWorksheet('说明').addRow(['导出说明：本表为建档立卡人口信息']);
    const sheet = workbook.addWorksheet('人口信息');
    const header = rows[0]!;
    const numeric = new Set([header.indexOf('人数')]);
    if (options.idsAsNumbers) numeric.add(header.indexOf('证件号码'));
    for (const [index, row] of rows.entries())
      sheet.addRow(
        index === 0 ? row : row.map((cell, column) => (numeric.has(column) && cell !== '' ? Number(cell) : cell)),
      );
    await workbook.xlsx.writeFile(path);
  }

  it('draws the same sample from the workbook as from the CSV, from the first sheet or --sheet, and verifies', async () => {
    const dir = tempDir();
    const draw = [
      '--month',
      '2026-11',
      '--seed',
      'xlsx',
      '--level',
      'prefecture',
      '--scope',
      '文山壮族苗族自治州',
      '--reveal-ids',
    ];
    const fromCsv = join(dir, 'csv');
    expect((await cli(['monthly', DEMO, ...draw, '--out', fromCsv])).status).toBe(0);
    const workbook = join(dir, 'registry.xlsx');
    await demoWorkbook(workbook);
    const fromXlsx = join(dir, 'xlsx');
    const result = await cli(['monthly', workbook, ...draw, '--out', fromXlsx]);
    expect(result.status, result.stderr).toBe(0);
    for (const name of ['counties.csv', 'villages.csv', 'households.csv'])
      expect(readFileSync(join(fromXlsx, name), 'utf8')).toBe(readFileSync(join(fromCsv, name), 'utf8'));
    expect(JSON.parse(readFileSync(join(fromXlsx, 'manifest.json'), 'utf8')).inputs[0]).toMatchObject({
      name: 'registry.xlsx',
      format: 'xlsx',
    });
    expect((await cli(['verify', fromXlsx])).status).toBe(0);
    expect((await cli(['inspect', workbook])).stdout).toMatch(/households: 未脱贫 279 · 已脱贫 1,521/);

    const twoSheets = join(dir, 'two-sheets.xlsx');
    await demoWorkbook(twoSheets, { notesSheetFirst: true });
    const first = await cli(['monthly', twoSheets, ...draw]);
    expect(first.status).toBe(2);
    expect(first.stderr).toMatch(/two-sheets\.xlsx:1: the registry lacks required columns/);
    const named = join(dir, 'named');
    expect((await cli(['monthly', twoSheets, ...draw, '--sheet', '人口信息', '--out', named])).status).toBe(0);
    expect(readFileSync(join(named, 'households.csv'), 'utf8')).toBe(
      readFileSync(join(fromCsv, 'households.csv'), 'utf8'),
    );
    expect((await cli(['verify', named])).status).toBe(0);
    // --sheet with no workbook among the registries would be ignored: it is refused, for a draw and for inspect.
    for (const args of [
      ['monthly', DEMO, ...draw, '--sheet', '人口信息'],
      ['inspect', DEMO, '--sheet', '人口信息'],
    ]) {
      expect((await cli(args)).stderr, args[0]).toMatch(/--sheet applies to \.xlsx registries, and none was given/);
    }
    const missing = await cli(['monthly', twoSheets, ...draw, '--sheet', '户信息']);
    expect(missing.stderr).toMatch(/the workbook has no sheet "户信息"\n\s+its sheets: 说明, 人口信息/);
  });

  it('refuses ID numbers stored as numbers (Excel keeps 15 digits), naming the cell', async () => {
    const workbook = join(tempDir(), 'numbers.xlsx');
    await demoWorkbook(workbook, { idsAsNumbers: true });
    const result = await cli(['monthly', workbook, '--month', '2026-11', '--seed', 'x']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/numbers\.xlsx:2:8: a cell holds .* as a number: Excel keeps only 15 digits/);
  });
});
