/**
 * The check workbook (--xlsx): a first sheet with the draw's summary, seed and manifest SHA-256,
 * then one sheet per drawn village listing its households (ID numbers as masked in the CSV files)
 * with empty columns for the inspector to fill in: 核查结果, 问题描述, 核查人, 核查日期. Header rows
 * stay frozen; columns get widths that fit their content. Built with exceljs.
 *
 * The workbook is a convenience copy for fieldwork, not part of the verified draw: Excel files carry
 * timestamps, so it is not recorded in the manifest; it quotes the manifest's SHA-256 instead.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './excelModule.js';
import type { Table } from '../core/tables.js';
import { STATUS_LABELS, type HouseholdStatus } from '../core/frame.js';
import { displayWidth } from '../core/textLayout.js';

export const WORKBOOK_NAME = 'check-workbook.xlsx';
const FILL_IN_COLUMNS = ['核查结果', '问题描述', '核查人', '核查日期'] as const;

export interface WorkbookInput {
  /** Label → value lines of the summary sheet. */
  readonly summary: ReadonlyArray<readonly [string, string | number]>;
  /** The households drawn (and their spares), with the draw's columns and the registry's. */
  readonly households: Table;
  readonly spares: Table | null;
  /** Other tables to include as sheets of their own (e.g. a funds draw's counties). */
  readonly tables?: ReadonlyArray<{ readonly name: string; readonly table: Table }>;
}

/** Registry headers worth showing on site, in this order, when the registry has them. */
const SITE_COLUMNS: ReadonlyArray<readonly [string, readonly string[]]> = [
  ['户主姓名', ['姓名', 'head_name', 'name']],
  ['证件号码', ['证件号码', '身份证号', '身份证号码', 'id_number']],
  ['联系电话', ['联系电话', '电话', '手机号码', 'phone']],
  ['自然村', ['自然村', '自然村(组)', 'natural_village']],
];

/**
 * A sheet name Excel accepts: none of []:*?/\\, no apostrophe or space at either end, at most 31
 * UTF-16 units, not empty, not "History" (reserved), unique in the workbook ignoring case.
 */
function sheetName(wanted: string, used: Set<string>): string {
  let base = '';
  for (const character of wanted.replace(/[[\]:*?/\\]/g, ' ')) {
    if ((base + character).length > 28) break;
    base += character;
  }
  base = base.replace(/^['\s]+|['\s]+$/g, '');
  if (base === '' || base.toLowerCase() === 'history') base = `${base || 'sheet'}~1`;
  let name = base;
  for (let copy = 2; used.has(name.toLowerCase()); copy++) name = `${base}~${copy}`;
  used.add(name.toLowerCase());
  return name;
}

/**
 * The formula guard of the workbook (§20): every text cell is a string cell (never a formula) in
 * the Text number format (`@`), so that its exact value shows and stays text when edited, whatever
 * it begins with (=, +, -, @) — and an 18-digit ID typed over stays text too.
 */
function addTextRow(sheet: ExcelJS.Worksheet, values: ReadonlyArray<string | number | null>): ExcelJS.Row {
  const row = sheet.addRow([...values]);
  row.eachCell((cell) => {
    if (typeof cell.value === 'string') cell.numFmt = '@';
  });
  return row;
}

function fitColumns(sheet: ExcelJS.Worksheet): void {
  sheet.columns.forEach((column) => {
    let width = 8;
    column.eachCell?.({ includeEmpty: false }, (cell) => {
      width = Math.max(width, displayWidth(String(cell.value ?? '')) + 2);
    });
    column.width = Math.min(width, 40);
  });
}

/** The workbook's bytes. */
export async function checkWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = 'spotcheck';
  const used = new Set<string>();
  const summary = workbook.addWorksheet(sheetName('概要 summary', used), { views: [{ state: 'frozen', ySplit: 1 }] });
  addTextRow(summary, ['项目 item', '内容 value']).font = { bold: true };
  for (const [label, value] of input.summary) addTextRow(summary, [label, value]);
  fitColumns(summary);

  const column = (table: Table, name: string) => table.columns.indexOf(name);
  const rowsByVillage = new Map<
    string,
    Array<{ row: readonly (string | number | null)[]; table: Table; spare: boolean }>
  >();
  const add = (table: Table, spare: boolean) => {
    for (const row of table.rows) {
      const key = String(row[column(table, 'village_key')]);
      rowsByVillage.set(key, [...(rowsByVillage.get(key) ?? []), { row, table, spare }]);
    }
  };
  add(input.households, false);
  if (input.spares) add(input.spares, true);

  const present = SITE_COLUMNS.filter(([, names]) => names.some((name) => input.households.columns.includes(name)));
  const header = ['序号', '户编号', '抽取', ...present.map(([label]) => label), '人数', '脱贫属性', ...FILL_IN_COLUMNS];
  rowsByVillage.forEach((entries, villageKey) => {
    const first = entries[0]!;
    const cell = (entry: typeof first, name: string) => {
      const index = column(entry.table, name);
      return index < 0 ? '' : (entry.row[index] ?? '');
    };
    const label = `${cell(first, 'county')} ${cell(first, 'township')} ${cell(first, 'village')}`.trim() || villageKey;
    const sheet = workbook.addWorksheet(
      sheetName(
        `${rowsByVillage.size > 1 ? `${[...rowsByVillage.keys()].indexOf(villageKey) + 1} ` : ''}${cell(first, 'village')}`,
        used,
      ),
      {
        views: [{ state: 'frozen', ySplit: 2 }],
        pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
      },
    );
    addTextRow(sheet, [`${label}（${villageKey}）`]).font = { bold: true };
    const headerRow = addTextRow(sheet, header);
    headerRow.font = { bold: true };
    headerRow.eachCell((c) => (c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }));
    entries.forEach((entry, index) => {
      const siteCells = present.map(([, names]) => {
        const name = names.find((candidate) => entry.table.columns.includes(candidate))!;
        return cell(entry, name);
      });
      const status = String(cell(entry, 'status') || cell(entry, 'household_stratum')) as HouseholdStatus;
      addTextRow(sheet, [
        index + 1,
        cell(entry, 'household_id'),
        entry.spare ? `备用 ${cell(entry, 'spare_order')}` : `样本 ${cell(entry, 'rank')}`,
        ...siteCells,
        cell(entry, 'household_size'),
        STATUS_LABELS[status] ?? status,
        ...FILL_IN_COLUMNS.map(() => ''),
      ]);
    });
    fitColumns(sheet);
    // Room to write by hand in the fill-in columns.
    FILL_IN_COLUMNS.forEach((_, index) => {
      sheet.getColumn(header.length - FILL_IN_COLUMNS.length + index + 1).width = index === 1 ? 36 : 14;
    });
  });
  for (const { name, table } of input.tables ?? []) {
    const sheet = workbook.addWorksheet(sheetName(name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    addTextRow(sheet, table.columns).font = { bold: true };
    for (const row of table.rows) addTextRow(sheet, row);
    fitColumns(sheet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
