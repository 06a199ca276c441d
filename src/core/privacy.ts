/**
 * Personal data policy: ID numbers (证件号码) and phone numbers are masked wherever spotcheck shows
 * or writes them, unless the inspector asks for them (--reveal-ids). Masking keeps enough to match a
 * household on site (the region prefix and the last digits) and the value's length.
 *
 * A cell is masked by its column (a personal header, docs/algorithm.md §17) or by its content: a
 * valid 18-digit resident ID (GB 11643, ISO 7064 MOD 11-2 check digit) or an 11-digit mainland
 * mobile number, in any column. Messages are masked by content always, whatever --reveal-ids says.
 */
import { HEADER_ALIASES, headerKey, type RegistryField, type RegistryLayout } from './columns.js';
import type { Cell, Table } from './table.js';
import { isPersonalValue, maskIdentifier, maskPersonalText } from './personalText.js';

/**
 * The masking rules of §17: 1, by header only (spotcheck 0.2.0–0.3.x, manifests without
 * `parameters.masking`); 2, by the wider header rule and by content (`parameters.masking: 2`).
 */
export type MaskingRule = 1 | 2;
export const MASKING_RULE: MaskingRule = 2;

/** The registry fields masked by default. */
const MASKED_FIELDS: readonly RegistryField[] = ['id_number', 'phone'];

export { maskIdentifier, maskPersonalText } from './personalText.js';

/**
 * Words that make a header personal when its key (headerKey: NFC, no spaces, lower case) contains
 * one of them: 户主证件号码, 户主身份证号码, 公民身份号码, 户主联系电话, 移动电话, 联系电话1, 手机, phone, id_number …
 */
const PERSONAL_HEADER_WORDS: readonly string[] = [
  '证件',
  '身份证',
  '身份号',
  '电话',
  '手机',
  '联系方式',
  'phone',
  'mobile',
  'id_number',
  'idnumber',
  'id_card',
  'idcard',
];
const PERSONAL_KEYS = new Set(
  [...MASKED_FIELDS.flatMap((field) => HEADER_ALIASES[field]), 'id_number', 'phone'].map(headerKey),
);
/** Rule 1's headers beyond the aliases (exact keys). */
const RULE_1_KEYS = new Set([
  ...PERSONAL_KEYS,
  ...['身份证', '公民身份号码', '证件号', '手机号', '手机', '联系方式', '固定电话', '户主身份证号', '户主电话'].map(
    headerKey,
  ),
]);

/** True for a header of personal identifiers: an alias of id_number or phone, or one containing a personal word (rule 1: exact keys only). */
function isPersonalHeader(name: string, rule: MaskingRule = MASKING_RULE): boolean {
  const key = headerKey(name);
  if (rule === 1) return RULE_1_KEYS.has(key);
  return PERSONAL_KEYS.has(key) || PERSONAL_HEADER_WORDS.some((word) => key.includes(word));
}

/** The columns of a layout that hold ID or phone numbers by their header: the recognised ones and every personal header. */
export function personalColumns(
  layout: Pick<RegistryLayout, 'header' | 'columns'>,
  rule: MaskingRule = MASKING_RULE,
): number[] {
  const columns = new Set(MASKED_FIELDS.map((field) => layout.columns[field]).filter((column) => column >= 0));
  layout.header.forEach((name, index) => {
    if (isPersonalHeader(name, rule)) columns.add(index);
  });
  return [...columns].sort((a, b) => a - b);
}

/**
 * A text masked by content (rule 2): a resident ID or mobile number as the whole (trimmed) text is
 * masked as a whole; otherwise each one inside the text is ("户主电话13812345678" → "户主电话138****5678").
 */
function maskContent(text: string): string {
  return isPersonalValue(text) ? maskIdentifier(text) : maskPersonalText(text);
}

/**
 * A registry row with its personal cells masked (a new array; the row is not changed): every cell
 * of a personal column whole, and (rule 2) every other cell by content.
 */
export function maskRow(
  cells: readonly string[],
  layout: Pick<RegistryLayout, 'header' | 'columns'>,
  rule: MaskingRule = MASKING_RULE,
): string[] {
  const personal = new Set(personalColumns(layout, rule));
  return cells.map((cell, column) =>
    personal.has(column) ? maskIdentifier(cell) : rule === 2 ? maskContent(cell) : cell,
  );
}

/** A draw cell masked by content (a household key that is an ID number …); numbers unchanged. */
function maskCell(cell: Cell): Cell {
  return typeof cell === 'string' ? maskContent(cell) : cell;
}

/**
 * A table whose first `table.added` columns (the ones spotcheck adds: household_id …) are masked by
 * content; the registry columns after them are left as they are (masked by maskRow already).
 */
export function maskDrawColumns(table: Table): Table {
  const added = table.added ?? table.columns.length;
  return { ...table, rows: table.rows.map((row) => row.map((cell, index) => (index < added ? maskCell(cell) : cell))) };
}
