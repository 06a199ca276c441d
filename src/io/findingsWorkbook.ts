/**
 * The findings report workbook (`spotcheck findings --xlsx FILE`, issue 18 third part): a sheet per
 * table, Chinese headings, every text cell a string cell in the Text format (addTextRow: the formula
 * guard of src/io/workbook.ts, §20), so that a value such as =HYPERLINK(…) typed in a return is shown
 * as text and never evaluated.
 */
import { loadExcelJS } from './excelModule.js';
import { addTextRow, fitColumns, sheetName } from './workbook.js';

/** A sheet of the report: its name, its heading row and its rows (already masked as they are to be shown). */
export interface ReportSheet {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

/** The workbook's bytes: the sheets in the order given, each with a bold, frozen heading row. */
export async function findingsWorkbook(sheets: readonly ReportSheet[]): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = 'spotcheck';
  const used = new Set<string>();
  for (const { name, columns, rows } of sheets) {
    const sheet = workbook.addWorksheet(sheetName(name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    addTextRow(sheet, columns).font = { bold: true };
    for (const row of rows) addTextRow(sheet, row);
    fitColumns(sheet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
