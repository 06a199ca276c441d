/**
 * Resident ID numbers and mobile numbers as text (docs/algorithm.md §17): recognised by content,
 * masked by length. No imports, so that the error type (src/errors.ts) can mask its messages.
 */

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

/** ISO 7064 MOD 11-2 weights of the 17 digits of a resident ID (GB 11643-1999), and the check characters. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** True for 17 ASCII digits followed by their GB 11643 check character (0–9 or X, x accepted). */
export function isResidentId(text: string): boolean {
  if (!/^[0-9]{17}[0-9Xx]$/.test(text)) return false;
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += (text.charCodeAt(index) - 48) * ID_WEIGHTS[index]!;
  return ID_CHECK[sum % 11] === text[17]!.toUpperCase();
}

/** True for an 11-digit mainland mobile number: 1, then 3–9, then 9 digits (ASCII). */
export function isMobileNumber(text: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(text);
}

/** A value masked by content: its trimmed text (§2.2) is a valid resident ID or a mobile number. */
export function isPersonalValue(value: string): boolean {
  const text = value.trim();
  return isResidentId(text) || isMobileNumber(text);
}

/** Resident IDs and mobile numbers inside a text: not preceded or followed by another digit or letter. */
const PERSONAL_IN_TEXT = /(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9A-Za-z])/g;

/** A text (a message quoting values from files) with every resident ID and mobile number in it masked. */
export function maskPersonalText(text: string): string {
  return text.replace(PERSONAL_IN_TEXT, (found) => (isPersonalValue(found) ? maskIdentifier(found) : found));
}
