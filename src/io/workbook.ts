/**
 * The check workbook (--xlsx): a first sheet with the draw's summary, seed and manifest SHA-256,
 * then one sheet per drawn village listing its households (ID numbers as masked in the CSV files)
 * with columns for the inspector to fill in: 核查结果, 问题类别, 问题描述, 核查人, 核查日期. Each
 * village sheet is a paper form as much as a spreadsheet (issue 15): bordered cells with room to
 * write, drop-down lists for 核查结果 and 问题类别, the title and header rows repeated on every
 * printed A4 page, a page header naming the draw and the village, page x/y in the footer, the spare
 * rule and a signature line under the table. Built with exceljs.
 *
 * The workbook is a convenience copy for fieldwork, not part of the verified draw: Excel files carry
 * timestamps, so it is not recorded in the manifest; it quotes the manifest's SHA-256 instead.
 */
import type ExcelJS from 'exceljs';
import { loadExcelJS } from './excelModule.js';
import type { Table } from '../core/tables.js';
import { STATUS_LABELS, type HouseholdStatus } from '../core/frame.js';
import { displayWidth } from '../core/textLayout.js';

/** The inspector's columns and the width each gets to be written in by hand (Excel's character units). */
const FILL_IN_COLUMNS: ReadonlyArray<readonly [string, number]> = [
  ['核查结果', 12],
  ['问题类别', 16],
  ['问题描述', 36],
  ['核查人', 12],
  ['核查日期', 14],
];

/** The choices of the 核查结果 drop-down. */
const CHECK_RESULTS = ['无问题', '有问题', '未能入户'] as const;

/** Village sheet rows printed at least this tall (points), so that a result can be written by hand. */
const WRITING_ROW_HEIGHT = 30;

/** A table wider than this (Excel's character units) prints on A4 landscape; a narrower one portrait. */
const PORTRAIT_WIDTH = 100;

export interface WorkbookInput {
  /** Label → value lines of the summary sheet. */
  readonly summary: ReadonlyArray<readonly [string, string | number]>;
  /** The households drawn (and their spares), with the draw's columns and the registry's. */
  readonly households: Table;
  readonly spares: Table | null;
  /** Other tables to include as sheets of their own (e.g. a funds draw's counties). */
  readonly tables?: ReadonlyArray<{ readonly name: string; readonly table: Table }>;
  /** What the village sheets print beside their table. */
  readonly form: WorkbookForm;
}

/** What a village sheet prints beside its table: the page header's draw and the spare rule. */
export interface WorkbookForm {
  /** The draw in the page header (month, level, scope), left of the village's name. */
  readonly heading: string;
  /** How spares are used, printed under the table of a village that has spares. */
  readonly spareRule: string;
  /** The choices of the 问题类别 drop-down (DEFAULT_PROBLEM_CATEGORIES unless the committee set its own). */
  readonly problemCategories: readonly string[];
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
export function sheetName(wanted: string, used: Set<string>): string {
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
export function addTextRow(sheet: ExcelJS.Worksheet, values: ReadonlyArray<string | number | null>): ExcelJS.Row {
  const row = sheet.addRow([...values]);
  row.eachCell((cell) => {
    if (typeof cell.value === 'string') cell.numFmt = '@';
  });
  return row;
}

/** fitColumns gives each column the width of its widest cell in rows `from`–`to` (all rows by default), 8 to 40. */
export function fitColumns(sheet: ExcelJS.Worksheet, from = 1, to = sheet.rowCount): void {
  sheet.columns.forEach((column) => {
    let width = 8;
    column.eachCell?.({ includeEmpty: false }, (cell, row) => {
      if (row >= from && row <= to) width = Math.max(width, displayWidth(String(cell.value ?? '')) + 2);
    });
    column.width = Math.min(width, 40);
  });
}

/** A text in a page header or footer, where & starts a code: a literal & is doubled, and the text is kept short. */
function headerText(text: string, limit: number): string {
  const characters = [...text];
  const shown = characters.length > limit ? `${characters.slice(0, limit - 1).join('')}…` : text;
  return shown.replace(/&/g, '&&');
}

const THIN: Partial<ExcelJS.Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};

/** A drop-down list: a literal list in quotes, never a formula or a range (the formula guard, §20). */
function listValidation(choices: readonly string[], title: string): ExcelJS.DataValidation {
  return {
    type: 'list',
    allowBlank: true,
    formulae: [`"${choices.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: title,
    error: `请从列表中选择：${choices.join('、')}`,
  };
}

/**
 * A line under a village's table (the spare rule, the signature line), merged across the table's
 * width so that it neither widens column A nor is cut at its edge.
 */
function addNoteRow(sheet: ExcelJS.Worksheet, text: string, width: number): void {
  const row = addTextRow(sheet, [text]);
  sheet.mergeCells(row.number, 1, row.number, width);
  row.height = WRITING_ROW_HEIGHT;
  row.getCell(1).alignment = { vertical: 'middle', wrapText: true };
}

/**
 * villageSheet lays out one village's form: a title merged across the table, the header row, one
 * bordered row per household tall enough to write in, drop-down lists in 核查结果 and 问题类别, then
 * the spare rule (when the village has spares) and the signature line; printed on A4 fitted to the
 * page's width, with the title and header rows on every page, the draw and the village in the page
 * header and page x/y in the footer.
 */
function villageSheet(
  sheet: ExcelJS.Worksheet,
  header: readonly string[],
  firstFillIn: number,
  form: WorkbookForm,
  title: string,
  rows: (add: (values: ReadonlyArray<string | number | null>, spare: boolean) => void) => void,
): void {
  const width = header.length;
  const titleRow = addTextRow(sheet, [`${title} 入户核查表`]);
  sheet.mergeCells(1, 1, 1, width);
  titleRow.font = { bold: true, size: 14 };
  titleRow.height = 24;
  titleRow.getCell(1).alignment = { horizontal: 'center', vertical: 'middle' };
  const headerRow = addTextRow(sheet, header);
  headerRow.font = { bold: true };
  headerRow.height = 20;
  headerRow.eachCell((c) => {
    c.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
    c.border = THIN;
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  });
  let spares = false;
  rows((values, spare) => {
    spares ||= spare;
    const row = addTextRow(sheet, values);
    row.height = WRITING_ROW_HEIGHT;
    for (let index = 1; index <= width; index++) {
      const c = row.getCell(index);
      c.border = THIN;
      c.alignment = { vertical: 'middle', wrapText: index >= firstFillIn };
    }
    row.getCell(firstFillIn).dataValidation = listValidation(CHECK_RESULTS, '核查结果');
    row.getCell(firstFillIn + 1).dataValidation = listValidation(form.problemCategories, '问题类别');
  });
  const lastTableRow = sheet.rowCount;
  fitColumns(sheet, 2, lastTableRow);
  FILL_IN_COLUMNS.forEach(([, columnWidth], index) => {
    sheet.getColumn(firstFillIn + index).width = columnWidth;
  });
  sheet.addRow([]);
  if (spares) addNoteRow(sheet, `备用户使用规则：${form.spareRule}`, width);
  addNoteRow(sheet, '核查人（签字）：____________________　　　　日期：________年____月____日', width);

  let tableWidth = 0;
  for (let index = 1; index <= width; index++) tableWidth += sheet.getColumn(index).width ?? 8;
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9,
    orientation: tableWidth > PORTRAIT_WIDTH ? 'landscape' : 'portrait',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    horizontalCentered: true,
    margins: { left: 0.4, right: 0.4, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    printTitlesRow: '1:2',
  };
  sheet.headerFooter = {
    ...sheet.headerFooter,
    oddHeader: `&L${headerText(form.heading, 80)}&R${headerText(title, 80)}`,
    oddFooter: '&C第 &P 页 / 共 &N 页',
  };
}

/** The workbook's bytes. */
export async function checkWorkbook(input: WorkbookInput): Promise<Buffer> {
  const { Workbook } = await loadExcelJS();
  const workbook = new Workbook();
  workbook.creator = 'spotcheck';
  const used = new Set<string>();
  const summary = workbook.addWorksheet(sheetName('概要 summary', used), { views: [{ state: 'frozen', ySplit: 1 }] });
  addTextRow(summary, ['项目', '内容']).font = { bold: true };
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
  const header = [
    '序号',
    '户编号',
    '抽取',
    ...present.map(([label]) => label),
    '人数',
    '脱贫属性',
    ...FILL_IN_COLUMNS.map(([label]) => label),
  ];
  const firstFillIn = header.length - FILL_IN_COLUMNS.length + 1;
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
      { views: [{ state: 'frozen', ySplit: 2 }] },
    );
    villageSheet(sheet, header, firstFillIn, input.form, `${label}（${villageKey}）`, (add) =>
      entries.forEach((entry, index) => {
        const siteCells = present.map(([, names]) => {
          const name = names.find((candidate) => entry.table.columns.includes(candidate))!;
          return cell(entry, name);
        });
        const status = String(cell(entry, 'status') || cell(entry, 'household_stratum')) as HouseholdStatus;
        add(
          [
            index + 1,
            cell(entry, 'household_id'),
            entry.spare ? `备用 ${cell(entry, 'spare_order')}` : `样本 ${cell(entry, 'rank')}`,
            ...siteCells,
            cell(entry, 'household_size'),
            STATUS_LABELS[status] ?? status,
            ...FILL_IN_COLUMNS.map(() => ''),
          ],
          entry.spare,
        );
      }),
    );
  });
  for (const { name, table } of input.tables ?? []) {
    const sheet = workbook.addWorksheet(sheetName(name, used), { views: [{ state: 'frozen', ySplit: 1 }] });
    addTextRow(sheet, table.columns).font = { bold: true };
    for (const row of table.rows) addTextRow(sheet, row);
    fitColumns(sheet);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
