/**
 * The findings report workbook (`spotcheck findings --xlsx FILE`, issue 18 third part): a sheet per
 * table, Chinese headings, every text cell a string cell in the Text format (addTextRow: the formula
 * guard of src/io/workbook.ts, §20), so that a value such as =HYPERLINK(…) typed in a return is shown
 * as text and never evaluated; a text longer than a cell holds is cut with … (fitCell).
 */
import { loadExcelJS } from './excelModule.js';
import { addTextRow, fitColumns, sheetName } from './workbook.js';

/** A sheet of the report: its name, its heading row and its rows (already masked as they are to be shown). */
export interface ReportSheet {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

/** The most characters an Excel cell holds (Excel's specifications and limits: 32,767, in UTF-16 units). */
const CELL_LIMIT = 32_767;

/**
 * A text that fits in a cell: as it is, or, longer than CELL_LIMIT (a 问题描述 pasted whole into a
 * CSV return, which Excel would cut when it "repairs" the file), its start and … (never half a
 * surrogate pair), so that the cut shows.
 */
function fitCell(value: string | number): string | number {
  if (typeof value !== 'string' || value.length <= CELL_LIMIT) return value;
  let kept = value.slice(0, CELL_LIMIT - 1);
  if (/[\uD800-\uDBFF]$/.test(kept)) kept = kept.slice(0, -1);
  return `${kept}…`;
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
    for (const row of rows) addTextRow(sheet, row.map(fitCell));
    fitColumns(sheet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
