/**
 * A returned check workbook (the --xlsx workbook of monthly or evaluate, src/io/workbook.ts, filled
 * in Excel or by a program): each village sheet's household rows, and the manifest SHA-256 the
 * sheet belongs to — printed on the sheet itself when it has a 清单 SHA-256 line, else on the
 * workbook's summary sheet (概要). Cells are read as Excel left them: a date typed as a date (a
 * Date or a date serial number) is read as its day, a number as its digits, a formula as the
 * result Excel saved with it (never evaluated; none saved reads as empty), the formula guard's
 * apostrophe removed as in a CSV return (src/core/spreadsheetText.ts).
 */
import type ExcelJS from 'exceljs';
import type { ReturnedRow } from '../../core/findings.js';
import { canonicalColumn } from '../../core/headings.js';
import { maskHouseholdNumbers } from '../../core/personalText.js';
import { unguardColumn } from '../../core/spreadsheetText.js';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { readWorkbookSheets } from '../../io/xlsx.js';

/** The label of the summary line quoting the manifest's SHA-256 (src/commands/_shared/draw.ts, workbookSummary). */
const HASH_LABELS = ['清单 SHA-256', 'manifest_sha256'];

/** The columns of a village sheet, by any of their names (the workbook's, then a CSV return's). */
const SHEET_COLUMNS = {
  id: ['户编号', 'household_id'],
  result: ['核查结果', 'result'],
  checker: ['核查人', 'checker'],
  date: ['核查日期', 'check_date'],
  replaces: ['替代户编号', 'replaces'],
  category: ['问题类别', 'problem_category'],
  description: ['问题描述', 'problem_description'],
} as const;

/** One village sheet's returned rows and the manifest hash it carries. */
interface SheetReturn {
  readonly sheet: string;
  readonly manifestSha256: string;
  readonly rows: readonly ReturnedRow[];
}

/** Excel's day 0 (1899-12-30, which absorbs Lotus' missing 1900-02-29) in milliseconds since 1970. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** The day of a Date as YYYY-MM-DD (exceljs reads Excel's dates as UTC midnight). */
const isoDay = (date: Date) => (Number.isNaN(date.getTime()) ? '' : date.toISOString().slice(0, 10));

/**
 * A cell as text. `asDate`: a number is a date serial (a 核查日期 Excel stored as a number without
 * a date format), read as its day when it is one of Excel's days (1 to 2958465, 9999-12-31).
 */
export function returnedCellText(value: ExcelJS.CellValue | undefined, asDate = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') {
    if (asDate && value >= 1 && value < 2_958_466) return isoDay(new Date(EXCEL_EPOCH + Math.floor(value) * DAY));
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return isoDay(value);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value || 'result' in value)
      return 'result' in value ? returnedCellText((value.result ?? null) as ExcelJS.CellValue, asDate) : '';
    if ('text' in value && typeof value.text === 'string') return value.text; // a hyperlink
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/** A number of 16 digits or more: Excel keeps 15 significant digits, so a 户编号 typed as one has lost its last. */
const NUMBER_LOST_DIGITS = (value: ExcelJS.CellValue | undefined): boolean =>
  typeof value === 'number' && Math.abs(value) >= 1e15;

/** The index of the first cell named by one of `names` (as a heading is recognised), -1 if none. */
export const columnOf = (cells: readonly string[], names: readonly string[]) =>
  cells.findIndex((cell) => names.includes(cell.trim()) || names.includes(canonicalColumn(cell.trim())));

/**
 * Refuses a header naming one of the columns read (each by any of its names) twice: which of the two
 * holds the results would be a guess, and a team could fill one and show the other. Columns in
 * messages are counted from 1.
 */
export function refuseColumnTwice(cells: readonly string[], names: readonly string[], file: string, line: number) {
  const named = (cell: string) => names.includes(cell.trim()) || names.includes(canonicalColumn(cell.trim()));
  const columns = cells.flatMap((cell, index) => (named(cell) ? [index + 1] : []));
  if (columns.length > 1)
    throw new SpotcheckError(
      'DATA',
      msg('cmd.findings.columnTwice', { column: names.join(' / '), columns: columns.join(', ') }),
      { file, line },
    );
}

/** The hashes a sheet prints on its 清单 SHA-256 lines (the cell after the label; '' when none follows it). */
function printedHashes(rows: ReadonlyArray<{ readonly values: readonly ExcelJS.CellValue[] }>): string[] {
  return rows.flatMap(({ values }) => {
    const cells = values.map((value) => returnedCellText(value).trim());
    const label = cells.findIndex((cell) => HASH_LABELS.includes(cell));
    return label < 0 ? [] : [cells.slice(label + 1).find((cell) => cell !== '') ?? ''];
  });
}

/**
 * The one hash of `hashes` (case aside), null when there is none; two different ones are refused:
 * which draw the sheet is of would be a guess (a line of another draw's workbook pasted in).
 */
function oneHash(hashes: readonly string[], sheet: string, path: string): string | null {
  const distinct = [...new Set(hashes.map((hash) => hash.toLowerCase()))];
  if (distinct.length > 1)
    throw new SpotcheckError(
      'DATA',
      msg('cmd.findings.workbookTwoHashes', {
        sheet,
        first: maskHouseholdNumbers(distinct[0]!.slice(0, 16)),
        second: maskHouseholdNumbers(distinct[1]!.slice(0, 16)),
      }),
      { file: maskHouseholdNumbers(path) },
    );
  return hashes[0] ?? null;
}

/**
 * The village sheets of a returned workbook: the rows under the header row (the first holding 户编号
 * and 核查结果) that name a household; the title above, the notes and signature line below and
 * sheets without such a header (the summary) are not returns. Refused: a workbook without a village
 * sheet, a village sheet with no manifest hash on it or on the summary sheet.
 */
export async function workbookReturns(path: string): Promise<SheetReturn[]> {
  const sheets = await readWorkbookSheets(path);
  const headerRow = (rows: (typeof sheets)[number]['rows']) =>
    rows.findIndex(({ values }) => {
      const cells = values.map((value) => returnedCellText(value));
      return columnOf(cells, SHEET_COLUMNS.id) >= 0 && columnOf(cells, SHEET_COLUMNS.result) >= 0;
    });
  // The hash a village sheet without its own takes: that of the sheets that are not returns (the summary).
  const workbookHashes = sheets.flatMap(({ rows }) => (headerRow(rows) < 0 ? printedHashes(rows) : []));
  const returns: SheetReturn[] = [];
  for (const { name: typed, rows } of sheets) {
    // The sheet as named in findings and messages: a household number typed as its name is masked.
    const name = maskHouseholdNumbers(typed);
    const headerAt = headerRow(rows);
    if (headerAt < 0) continue;
    const header = rows[headerAt]!.values.map((value) => returnedCellText(value));
    const missing = (['checker', 'date'] as const).find((column) => columnOf(header, SHEET_COLUMNS[column]) < 0);
    if (missing !== undefined)
      throw new SpotcheckError(
        'DATA',
        msg('cmd.findings.columnMissing', { column: SHEET_COLUMNS[missing].join(' / ') }),
        { file: `${path}[${name}]`, line: rows[headerAt]!.number },
      );
    for (const column of ['result', 'checker', 'date', 'replaces', 'category', 'description'] as const)
      refuseColumnTwice(
        header,
        SHEET_COLUMNS[column],
        `${maskHouseholdNumbers(path)}[${name}]`,
        rows[headerAt]!.number,
      );
    const [id, result, checker, date, replaces] = (['id', 'result', 'checker', 'date', 'replaces'] as const).map(
      (column) => columnOf(header, SHEET_COLUMNS[column]),
    ) as [number, number, number, number, number];
    const category = columnOf(header, SHEET_COLUMNS.category);
    const description = columnOf(header, SHEET_COLUMNS.description);
    const own = printedHashes(rows);
    const hash = own.length > 0 ? oneHash(own, name, path) : oneHash(workbookHashes, name, path);
    if (hash === null || hash === '')
      throw new SpotcheckError('DATA', msg('cmd.findings.workbookNoHash', { sheet: name }), {
        file: path,
        hint: msg('cmd.findings.workbookNoHashHint'),
      });
    const body = rows
      .slice(headerAt + 1)
      .filter(
        ({ values }) =>
          returnedCellText(values[id]).trim() !== '' &&
          HASH_LABELS.every((label) => returnedCellText(values[0]).trim() !== label),
      );
    const ids = unguardColumn(body.map(({ values }) => returnedCellText(values[id]).trim()));
    const replaced = unguardColumn(
      body.map(({ values }) => (replaces < 0 ? '' : returnedCellText(values[replaces]).trim())),
    );
    returns.push({
      sheet: name,
      manifestSha256: hash,
      rows: body.map(({ values, number }, index) => ({
        id: ids[index]!,
        result: unguardColumn([returnedCellText(values[result])])[0]!,
        checker: returnedCellText(values[checker]),
        date: unguardColumn([returnedCellText(values[date], true)])[0]!,
        replaces: replaces < 0 ? null : replaced[index]!,
        category: category < 0 ? null : returnedCellText(values[category]),
        description: description < 0 ? null : returnedCellText(values[description]),
        idAsNumber: NUMBER_LOST_DIGITS(values[id]),
        source: { file: `${maskHouseholdNumbers(path)}[${name}]`, line: number },
      })),
    });
  }
  if (returns.length === 0)
    throw new SpotcheckError('DATA', msg('cmd.findings.workbookNoSheets'), {
      file: path,
      hint: msg('cmd.findings.workbookNoSheetsHint'),
    });
  return returns;
}
