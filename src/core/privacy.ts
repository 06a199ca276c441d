/**
 * Personal data policy: ID numbers (证件号码) and phone numbers are masked wherever spotcheck shows
 * or writes them, unless the inspector asks for them (--reveal-ids). Masking keeps enough to match a
 * household on site (the region prefix and the last digits) and the value's length.
 */
import { HEADER_ALIASES, headerKey, type RegistryField, type RegistryLayout } from './columns.js';

/** The registry fields masked by default. */
export const MASKED_FIELDS: readonly RegistryField[] = ['id_number', 'phone'];

/**
 * "530722195906154156" → "5307**********4156"; "13812345678" → "138****5678"; shorter values keep
 * less (7–10 characters: 2 and 2; up to 6: nothing). Counted in code points, so any text is safe.
 */
export function maskIdentifier(value: string): string {
  const characters = [...value.trim()];
  const length = characters.length;
  if (length === 0) return '';
  const keepStart = length >= 15 ? 4 : length >= 11 ? 3 : length >= 7 ? 2 : 0;
  const keepEnd = length >= 11 ? 4 : length >= 7 ? 2 : 0;
  return characters.map((character, index) => (index < keepStart || index >= length - keepEnd ? character : '*')).join('');
}

/** Headers of personal identifiers beyond the recognised ones (a second ID column, a mobile column …). */
const MORE_PERSONAL_HEADERS = ['身份证', '公民身份号码', '证件号', '手机号', '手机', '联系方式', '固定电话', '户主身份证号', '户主电话'];
const PERSONAL_KEYS = new Set([...MASKED_FIELDS.flatMap((field) => HEADER_ALIASES[field]), ...MORE_PERSONAL_HEADERS, 'id_number', 'phone'].map(headerKey));

/** The columns of a layout that hold ID or phone numbers: the recognised ones and every other alias. */
export function personalColumns(layout: Pick<RegistryLayout, 'header' | 'columns'>): number[] {
  const columns = new Set(MASKED_FIELDS.map((field) => layout.columns[field]).filter((column) => column >= 0));
  layout.header.forEach((name, index) => {
    if (PERSONAL_KEYS.has(headerKey(name))) columns.add(index);
  });
  return [...columns].sort((a, b) => a - b);
}

/** A registry row with its ID-number and phone cells masked (a new array; the row is not changed). */
export function maskRow(cells: readonly string[], layout: Pick<RegistryLayout, 'header' | 'columns'>): string[] {
  const masked = [...cells];
  for (const column of personalColumns(layout)) if (column < masked.length) masked[column] = maskIdentifier(masked[column]!);
  return masked;
}
