/**
 * Reading an .xlsx registry directly, streaming (exceljs' WorkbookReader: rows are handed over as
 * they are parsed, the workbook is never held whole): the first worksheet, or the one named by
 * --sheet. Cells become the text a CSV export would hold; the first non-empty row is the header,
 * recognised as in a CSV. Line numbers in messages are the sheet's row numbers.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './excelModule.js';
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';
import { maskIdentifier } from '../core/personalText.js';
import type { FileFacts, RecordHandlers } from './registryFacts.js';
import { cellCounter, checkDeclaredSizes, checkInflatedParts, HELD_WORKBOOK_LIMITS } from './xlsxLimits.js';

/** The text of a cell value as a CSV export would hold it. */
function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text; // hyperlink
    if ('formula' in value || 'sharedFormula' in value)
      return 'result' in value ? cellText((value.result ?? null) as ExcelJS.CellValue) : '';
    if ('result' in value) return cellText((value.result ?? null) as ExcelJS.CellValue);
    if ('error' in value) return String(value.error);
  }
  return String(value);
}

/**
 * A number that may have lost digits: Excel keeps 15 significant digits, so a number of 16 or more
 * digits (a 户编号, 人编号 or ID number stored as a number) is no longer the code it was.
 */
const UNSAFE_ID = (value: ExcelJS.CellValue): boolean => typeof value === 'number' && Math.abs(value) >= 1e15;

/**
 * A zip file ends with its central directory ("PK\x05\x06" within the last 64 KiB + 22 bytes); a
 * workbook cut off in a copy or a download has none, and the streaming reader would wait forever.
 */
async function refuseCutZip(path: string, size: number): Promise<void> {
  const length = Math.min(size, 65_557);
  const handle = await open(path, 'r');
  try {
    const head = Buffer.alloc(Math.min(size, 4));
    await handle.read(head, 0, head.length, 0);
    // Not a zip at all (a CSV or JSON file named .xlsx, or given where a workbook is read).
    if (!head.equals(Buffer.from([0x50, 0x4b, 0x03, 0x04])))
      throw new SpotcheckError('INPUT', msg('io.xlsx.notZip'), { file: path, hint: msg('io.xlsx.notZipHint') });
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    if (tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06])) < 0) {
      throw new SpotcheckError('INPUT', msg('io.xlsx.cutOff'), { file: path, hint: msg('io.xlsx.cutOffHint') });
    }
  } finally {
    await handle.close();
  }
}

/**
 * What is refused before the streaming reader opens the workbook: a missing file, a zip cut off, parts
 * whose declared or real inflated sizes pass the limits (src/io/xlsxLimits.ts; `held`: the tighter
 * ones of a workbook read whole). Returns the file's stat.
 */
async function checkWorkbookFile(path: string, held = false): Promise<{ size: number; mtimeMs: number }> {
  const limits = held ? HELD_WORKBOOK_LIMITS : undefined;
  const info = await stat(path).catch(() => null);
  if (!info)
    throw new SpotcheckError(
      'INPUT',
      // A workbook held whole is a return or a report (findings), not a registry.
      held
        ? msg('io.xlsx.unreadable', { detail: t('io.reason.noSuchFile') })
        : msg('io.registry.unreadable', { reason: t('io.reason.noSuchFile') }),
      { file: path },
    );
  await refuseCutZip(path, info.size);
  await checkDeclaredSizes(path, info.size, limits);
  await checkInflatedParts(path, limits); // what the parts really inflate to, before exceljs holds any of it
  return info;
}

/** The file's SHA-256 and size, in a read of its own (the workbook reader consumes its stream). */
async function hashWorkbook(path: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  for await (const chunk of createReadStream(path)) {
    hash.update(chunk as Buffer);
    bytes += (chunk as Buffer).length;
  }
  return { sha256: hash.digest('hex'), bytes };
}

/** A worksheet as exceljs' WorkbookReader emits it: an async stream of rows. */
type SheetRows = AsyncIterable<ExcelJS.Row>;

/** Consumes a sheet that is not read: its rows must still pass under the same limits. */
async function skipSheet(path: string, worksheet: SheetRows): Promise<void> {
  const countSkipped = cellCounter(path);
  for await (const skipped of worksheet)
    countSkipped(skipped.number, (skipped.values as unknown[] | undefined)?.length ?? 0);
}

/** A number of 16 or more digits is refused (Excel kept 15 of them); the message masks it (§17). */
function refuseNumericId(path: string, row: number, values: readonly ExcelJS.CellValue[]): void {
  const unsafe = values.findIndex(UNSAFE_ID);
  if (unsafe < 0) return;
  throw new SpotcheckError(
    'INPUT',
    msg('io.xlsx.numericId', {
      value: maskIdentifier(String(values[unsafe])) /* an ID number, never shown whole (§17) */,
    }),
    {
      file: path,
      line: row,
      column: unsafe + 1,
      hint: msg('io.xlsx.numericIdHint'),
    },
  );
}

/**
 * Reads the chosen sheet: the first non-empty row is the header, then every non-empty row a record
 * padded to the header's width (a wider one refused). Returns the number of records, -1 without a header.
 */
async function readSheet(
  path: string,
  worksheet: SheetRows,
  countCells: (row: number, cells: number) => void,
  handlers: RecordHandlers,
): Promise<number> {
  let records = -1;
  let width = 0;
  for await (const row of worksheet) {
    countCells(row.number, (row.values as unknown[] | undefined)?.length ?? 0);
    // row.values is sparse (index 0 unused, empty cells are holes): Array.from fills the holes.
    const values = Array.from((row.values as ExcelJS.CellValue[] | undefined) ?? []).slice(1);
    const cells = values.map(cellText);
    if (records < 0) {
      if (cells.every((cell) => cell.trim() === '')) continue;
      width = cells.length;
      handlers.onHeader(cells);
      records = 0;
      continue;
    }
    refuseNumericId(path, row.number, values);
    if (cells.every((cell) => cell.trim() === '')) continue;
    while (cells.length < width) cells.push('');
    if (cells.length > width) {
      throw new SpotcheckError('INPUT', msg('io.xlsx.tooManyCells', { row: row.number, cells: cells.length, width }), {
        file: path,
        line: row.number,
        hint: msg('io.xlsx.tooManyCellsHint'),
      });
    }
    handlers.onRecord(cells, records, row.number);
    records++;
  }
  return records;
}

/** Streams a workbook's sheet to `handlers` (as streamRecords does for CSV); returns the file's facts. */
export async function streamXlsxRecords(
  path: string,
  sheet: string | null,
  handlers: RecordHandlers,
): Promise<FileFacts> {
  const info = await checkWorkbookFile(path);
  const countCells = cellCounter(path);
  const { sha256, bytes } = await hashWorkbook(path);
  const { stream } = await loadExcelJS();
  const reader = new stream.xlsx.WorkbookReader(createReadStream(path), {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  let records = -1;
  const seenSheets: string[] = [];
  let read = false;
  try {
    for await (const worksheet of reader) {
      const name = (worksheet as unknown as { name: string }).name;
      seenSheets.push(name);
      if (read || (sheet !== null && name !== sheet)) {
        await skipSheet(path, worksheet);
        continue;
      }
      read = true;
      records = await readSheet(path, worksheet, countCells, handlers);
    }
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError('INPUT', msg('io.xlsx.unreadable', { detail: (error as Error).message }), {
      file: path,
      hint: msg('io.xlsx.unreadableHint'),
    });
  }
  if (!read) {
    throw new SpotcheckError('INPUT', sheet === null ? msg('io.xlsx.noWorksheet') : msg('io.xlsx.noSheet', { sheet }), {
      file: path,
      hint: msg('io.xlsx.sheetsHint', { sheets: seenSheets.join(', ') || t('io.list.none') }),
    });
  }
  if (records < 0)
    throw new SpotcheckError('INPUT', msg('io.xlsx.emptySheet'), { file: path, hint: msg('io.xlsx.emptySheetHint') });
  return {
    name: basename(path),
    bytes,
    sha256,
    encoding: 'utf-8',
    bom: false,
    records,
    parser: 'csv-parse',
    mtimeMs: info.mtimeMs,
    format: 'xlsx',
  };
}

/** A worksheet read whole: its name and its non-empty rows' raw cell values (index 0 is column A). */
interface WorkbookSheet {
  readonly name: string;
  readonly rows: ReadonlyArray<{ readonly number: number; readonly values: readonly ExcelJS.CellValue[] }>;
}

/**
 * Every sheet of a small workbook (a returned check workbook), under the guards of a registry with
 * tighter size limits (HELD_WORKBOOK_LIMITS: it is held whole): a cut-off zip and parts whose declared
 * or inflated sizes pass them are refused before exceljs reads anything, too many cells after
 * (src/io/xlsxLimits.ts). Read whole, not streamed: exceljs'
 * streaming reader cannot read the workbooks exceljs itself writes (xl/workbook.xml comes last, after
 * the sheets it names), and the size limits bound what is held. Values are exceljs' own (strings,
 * numbers, Dates, formula objects): the caller decides how to read them.
 */
export async function readWorkbookSheets(path: string): Promise<WorkbookSheet[]> {
  await checkWorkbookFile(path, true);
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  try {
    await workbook.xlsx.readFile(path);
  } catch (error) {
    throw new SpotcheckError('INPUT', msg('io.xlsx.unreadable', { detail: (error as Error).message }), {
      file: path,
      hint: msg('io.xlsx.unreadableHint'),
    });
  }
  return workbook.worksheets.map((worksheet) => {
    const countCells = cellCounter(path); // each sheet under the limits, as a registry's skipped sheets are
    const rows: { number: number; values: ExcelJS.CellValue[] }[] = [];
    worksheet.eachRow({ includeEmpty: false }, (row, number) => {
      countCells(number, (row.values as unknown[] | undefined)?.length ?? 0);
      // A merged range's value is its top-left cell's only, as Excel shows it (exceljs repeats it in every cell).
      const values: ExcelJS.CellValue[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        values[column - 1] = cell.isMerged && cell.master.address !== cell.address ? null : cell.value;
      });
      if (values.some((value) => value !== null && value !== undefined))
        rows.push({ number, values: Array.from(values, (value) => value ?? null) });
    });
    return { name: worksheet.name, rows };
  });
}
