/**
 * Personal data policy: ID numbers (证件号码) and phone numbers are masked wherever spotcheck shows
 * or writes them, unless the inspector asks for them (--reveal-ids). Masking keeps enough to match a
 * household on site (the region prefix and the last digits) and the value's length.
 */
import type { ColumnMap, RegistryField } from './columns.js';

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

/** A registry row with its ID-number and phone cells masked (a new array; the row is not changed). */
export function maskRow(cells: readonly string[], columns: ColumnMap): string[] {
  const masked = [...cells];
  for (const field of MASKED_FIELDS) {
    const column = columns[field];
    if (column >= 0 && column < masked.length) masked[column] = maskIdentifier(masked[column]!);
  }
  return masked;
}
