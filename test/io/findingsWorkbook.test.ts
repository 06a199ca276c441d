/**
 * The findings report workbook's cells (src/io/findingsWorkbook.ts): text as string cells in the Text
 * format, and a text longer than a cell holds in Excel (32,767 characters) cut with a mark, so that
 * a 问题描述 pasted whole into a CSV return does not make Excel "repair" the report.
 */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { findingsWorkbook } from '../../src/io/findingsWorkbook.js';

async function cells(rows: (string | number)[][]) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await findingsWorkbook([{ name: '问题清单', columns: ['问题描述'], rows }]));
  return workbook.getWorksheet('问题清单')!.getColumn(1).values.slice(2) as ExcelJS.CellValue[];
}

describe('findingsWorkbook', () => {
  it('cuts a text longer than an Excel cell holds to 32,767 characters ending in …, others as they are', async () => {
    const long = '长'.repeat(40_000);
    const exact = 'x'.repeat(32_767);
    const [cut, kept, formula, number] = await cells([[long], [exact], ['=1+1'], [7]]);
    expect(typeof cut).toBe('string');
    expect([...(cut as string)].length).toBe(32_767);
    expect((cut as string).endsWith('…')).toBe(true);
    expect((cut as string).startsWith('长'.repeat(100))).toBe(true);
    expect(kept).toBe(exact);
    expect(formula).toBe('=1+1');
    expect(number).toBe(7);
  });

  it('never cuts an emoji in half (the limit is in UTF-16 units)', async () => {
    const [cut] = await cells([[`a${'😀'.repeat(20_000)}`]]);
    const text = cut as string;
    expect(text.length).toBeLessThanOrEqual(32_767);
    expect(text.endsWith('😀…')).toBe(true);
    expect(text.isWellFormed()).toBe(true);
  });
});
