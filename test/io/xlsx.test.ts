/** The tests ".xlsx registries" from test/publish.test.ts (moved, issue 14). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../helpers.js';

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
