/** The tests "--xlsx check workbook" from test/publish.test.ts (moved, issue 14). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../helpers.js';
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
        '问题类别',
        '问题描述',
        '核查人',
        '核查日期',
      ]);
      const expected = [...households, ...spares]
        .filter((row) => row.village_key === village.village_key)
        .map((row) => row.household_id);
      // The table's rows end with its last household: the spare rule and the signature line follow it.
      const lastRow = 2 + expected.length;
      const ids = [];
      for (let row = 3; row <= lastRow; row++) ids.push(String(sheet.getRow(row).getCell(2).value));
      expect(ids).toEqual(expected);
      expect(String(sheet.getRow(lastRow + 1).getCell(2).value ?? '')).toBe('');
      for (let row = 3; row <= lastRow; row++) {
        expect(String(sheet.getRow(row).getCell(5).value)).toMatch(/^[0-9]{4}\*{10}[0-9X]{4}$/);
        for (let cell = 9; cell <= 13; cell++) expect(sheet.getRow(row).getCell(cell).value ?? '').toBe('');
      }
      expect(sheet.getColumn(11).width).toBeGreaterThanOrEqual(30);
    });
    // The workbook is not part of the verified record.
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('prints each village sheet as a paper form: borders, drop-down lists, A4 print titles, page header and footer, spare rule, signature line, no formula', async () => {
    // The golden prefecture draw, with --xlsx and spares: its CSV files stay the golden ones.
    const golden = join(ROOT, 'test', 'golden', 'prefecture-2026-11');
    const args = JSON.parse(readFileSync(join(golden, 'args.json'), 'utf8')) as string[];
    const out = join(tempDir(), 'draw');
    const plain = join(tempDir(), 'draw');
    const withSpares = await cli(['monthly', DEMO, ...args, '--out', out, '--xlsx', '--spares', '1', '--reveal-ids']);
    expect(withSpares.status, withSpares.stderr).toBe(0);
    const noSpares = await cli(['monthly', DEMO, ...args, '--out', plain, '--xlsx', '--reveal-ids']);
    expect(noSpares.status, noSpares.stderr).toBe(0);
    // The rule printed in the sheets is the one the Chinese summary prints after the number of spares.
    const chinese = await cli([...DRAW, '--spares', '1', '--lang', 'zh-CN']);
    const spareRule = chinese.stdout.match(/备用户：[^\n]*?。 ([^\n]+)/)?.[1];
    expect(spareRule).toMatch(/备用/);
    for (const file of ['counties.csv', 'villages.csv', 'households.csv']) {
      expect(readFileSync(join(plain, file), 'utf8'), file).toBe(readFileSync(join(golden, file), 'utf8'));
      expect(readFileSync(join(out, file), 'utf8'), file).toBe(readFileSync(join(golden, file), 'utf8'));
    }
    expect((await cli(['verify', out])).status).toBe(0);

    for (const [dir, spares] of [
      [out, true],
      [plain, false],
    ] as const) {
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(dir, 'check-workbook.xlsx'));
      const villages = csv(join(dir, 'villages.csv'));
      const households = csv(join(dir, 'households.csv'));
      const spareRows = spares ? csv(join(dir, 'spares.csv')) : [];
      expect(workbook.worksheets.length).toBe(1 + villages.length);
      workbook.eachSheet((sheet) =>
        sheet.eachRow((row) =>
          row.eachCell((cell) => {
            expect(cell.formula, `${sheet.name}!${cell.address}`).toBeUndefined();
            expect(cell.type, `${sheet.name}!${cell.address}`).not.toBe(ExcelJS.ValueType.Formula);
          }),
        ),
      );
      villages.forEach((village, index) => {
        const sheet = workbook.worksheets[index + 1]!;
        const header = (sheet.getRow(2).values as unknown[]).slice(1).map(String);
        const width = header.length;
        const at = (name: string) => header.indexOf(name) + 1;
        const rows = [...households, ...spareRows].filter((row) => row.village_key === village.village_key).length;
        const lastRow = 2 + rows;
        // The title is merged across the table's width, so column A is no wider than its content.
        expect(sheet.getCell(1, 1).isMerged).toBe(true);
        expect(sheet.getCell(1, width).master.address).toBe('A1');
        expect(String(sheet.getCell(1, 1).value)).toContain(village.village);
        expect(sheet.getColumn(1).width).toBeLessThan(12);
        for (const name of ['核查结果', '问题类别', '问题描述', '核查人', '核查日期']) {
          expect(at(name), name).toBeGreaterThan(0);
          for (let row = 2; row <= lastRow; row++) {
            expect(sheet.getCell(row, at(name)).border, `${name} row ${row}`).toMatchObject({
              top: { style: 'thin' },
              left: { style: 'thin' },
              bottom: { style: 'thin' },
              right: { style: 'thin' },
            });
          }
        }
        for (let row = 3; row <= lastRow; row++) {
          expect(sheet.getRow(row).height).toBeGreaterThanOrEqual(28);
          expect(sheet.getCell(row, 1).border?.left).toEqual({ style: 'thin' });
          expect(sheet.getCell(row, at('核查结果')).dataValidation).toMatchObject({
            type: 'list',
            formulae: ['"无问题,有问题,未能入户"'],
          });
          expect(sheet.getCell(row, at('问题类别')).dataValidation).toMatchObject({
            type: 'list',
            formulae: ['"识别不准,退出不实,帮扶措施不落实,资金使用问题,数据不实,其他"'],
          });
        }
        expect(sheet.getColumn(at('问题描述')).width).toBeGreaterThanOrEqual(30);
        expect(sheet.pageSetup).toMatchObject({
          paperSize: 9,
          orientation: 'landscape',
          fitToPage: true,
          fitToWidth: 1,
          fitToHeight: 0,
          printTitlesRow: '1:2',
        });
        expect(sheet.headerFooter.oddHeader).toContain(village.village);
        expect(sheet.headerFooter.oddHeader).toContain('2026年11月 州（市）级 文山壮族苗族自治州');
        expect(sheet.headerFooter.oddFooter).toMatch(/&P.*&N/);
        const below: string[] = [];
        for (let row = lastRow + 1; row <= sheet.rowCount; row++) below.push(String(sheet.getCell(row, 1).value ?? ''));
        const signature = below.find((line) => line.startsWith('核查人'));
        expect(signature).toMatch(/^核查人（签字）：_+\s+日期：_+年_+月_+日$/);
        const rule = below.find((line) => line.startsWith('备用户使用规则'));
        const hasSpares = spareRows.some((row) => row.village_key === village.village_key);
        expect(hasSpares).toBe(spares);
        if (hasSpares) expect(rule).toBe(`备用户使用规则：${spareRule}`);
        else expect(rule).toBeUndefined();
      });
    }
  });

  it('needs --out', async () => {
    const result = await cli([...DRAW, '--xlsx']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--xlsx writes check-workbook\.xlsx into the draw's directory: give --out DIR too/);
  });
});
