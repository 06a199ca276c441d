/** The tests "--xlsx check workbook" from test/publish.test.ts (moved, issue 14). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
import { DRAW, csv } from '../outputDrawKit.js';

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
