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
  return characters
    .map((character, index) => (index < keepStart || index >= length - keepEnd ? character : '*'))
    .join('');
}

/** ISO 7064 MOD 11-2 weights of the 17 digits of a resident ID (GB 11643-1999), and the check characters. */
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/**
 * True for a resident ID of GB 11643: 18 ASCII characters — a 6-digit address code whose first
 * digit is 1–8, a birth date YYYYMMDD that exists in the Gregorian calendar with YYYY 1900–2099, a
 * 3-digit sequence, and the ISO 7064 MOD 11-2 check character (0–9 or X; x accepted). The date
 * keeps 18-digit 人编号 (户编号 + 2 digits), one in eleven of which has a valid check digit, out.
 */
export function isResidentId(text: string): boolean {
  if (!/^[1-8][0-9]{16}[0-9Xx]$/.test(text)) return false;
  const year = Number(text.slice(6, 10));
  const month = Number(text.slice(10, 12));
  const day = Number(text.slice(12, 14));
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (year < 1900 || year > 2099 || days === undefined || day < 1 || day > days) return false;
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += (text.charCodeAt(index) - 48) * ID_WEIGHTS[index]!;
  return ID_CHECK[sum % 11] === text[17]!.toUpperCase();
}

/** True for an 11-digit mainland mobile number: 1, then 3–9, then 9 digits (ASCII). */
function isMobileNumber(text: string): boolean {
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

/** Whether a text holds a resident ID or mobile number (one maskPersonalText would mask). */
export const holdsPersonalText = (text: string): boolean => maskPersonalText(text) !== text;

/** SGR colour sequences (chalk's), which must not glue a masked number to the text before it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the SGR colour sequences kept apart while masking
const SGR = /(\x1b\[[0-9;]*m)/;

/**
 * A text for the terminal or a page (a draw's summary, its notice) with every resident ID and
 * mobile number masked, colour sequences kept: each stretch between two of them is masked alone,
 * so that an ID right after a colour code is still found. Occurrences of the `keep` texts (the
 * seed) are shown as they are.
 */
export function maskPersonalOutput(text: string, keep: readonly string[] = []): string {
  const kept = keep.filter((value) => value !== '');
  const maskPart = (part: string): string => {
    // Texts that must be shown as they are (the seed, which the public re-types) are cut out first.
    const at = kept
      .map((value) => [part.indexOf(value), value] as const)
      .filter(([index]) => index >= 0)
      .sort((a, b) => a[0] - b[0] || b[1].length - a[1].length)[0];
    return at === undefined
      ? maskPersonalText(part)
      : maskPersonalText(part.slice(0, at[0])) + at[1] + maskPart(part.slice(at[0] + at[1].length));
  };
  return text
    .split(SGR)
    .map((part, index) => (index % 2 === 1 ? part : maskPart(part)))
    .join('');
}

/** Numbers of 15 characters or more inside a text (a 户编号 of 16 digits, a 人编号 or ID number of 18, X last). */
const LONG_NUMBER_IN_TEXT = /(?<![0-9A-Za-z])[0-9]{14,}[0-9Xx](?![0-9A-Za-z])/g;

/**
 * A text (a value typed in a returned cell, a sheet or file name) with every number of 15 or more
 * digits in it masked as maskIdentifier masks a household number: 户编号 are not resident IDs, so
 * maskPersonalText keeps them, but they name a household all the same.
 */
export function maskHouseholdNumbers(text: string): string {
  return text.replace(LONG_NUMBER_IN_TEXT, (found) => maskIdentifier(found));
}

/** Full-width digits (０–９) and check character (Ｘ) as ASCII, one UTF-16 unit for one. */
const asciiDigits = (text: string) =>
  text.replace(/[０-９Ｘｘ]/g, (c) =>
    c === 'Ｘ' || c === 'ｘ' ? 'X' : String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48),
  );

/** A run of digit groups with one space, hyphen or full-width space or hyphen between them, not inside a longer word. */
const DIGIT_RUN = /(?<![0-9０-９A-Za-z])[0-9０-９]+(?:[ \-－\u3000\u00a0][0-9０-９]+)*[XxＸｘ]?(?![0-9０-９A-Za-z])/g;

/** How a run of digits (ASCII) is masked: the stretch that is a resident ID, a mobile, or 86/0086 and a mobile. */
function personalDigits(digits: string): { from: number; masked: string } | null {
  if (isPersonalValue(digits)) return { from: 0, masked: maskIdentifier(digits) };
  const prefix = /^(?:0086|86)/.exec(digits)?.[0];
  if (prefix !== undefined && /^1[3-9][0-9]{9}$/.test(digits.slice(prefix.length)))
    return { from: prefix.length, masked: maskIdentifier(digits.slice(prefix.length)) };
  return null;
}

/**
 * A text written into a return or the report (a 问题描述, 整改情况) with its resident ID and mobile
 * numbers masked as people type them: what maskPersonalText and maskHouseholdNumbers mask, and
 * also a number in groups (138 1234 5678, 138-1234-5678, 532522 19450606 0078), after +86 or 0086,
 * or in full-width digits. The groups of a run are tried from the left, the longest stretch first;
 * separators and the length are kept, each masked digit a *.
 */
export function maskWrittenText(text: string): string {
  return maskHouseholdNumbers(maskPersonalText(text)).replace(DIGIT_RUN, (run) => {
    const groups = [...run.matchAll(/[0-9０-９]+[XxＸｘ]?/g)].map((group) => ({
      at: group.index,
      digits: asciiDigits(group[0]),
    }));
    const characters = [...run];
    for (let first = 0; first < groups.length; first++)
      for (let last = groups.length - 1; last >= first; last--) {
        const stretch = groups.slice(first, last + 1);
        const found = personalDigits(stretch.map(({ digits }) => digits).join(''));
        if (found === null) continue;
        // The masked digits' places in the run: each group's characters in turn (one unit per digit).
        const places = stretch.flatMap(({ at, digits }) => [...digits].map((_, index) => at + index));
        [...found.masked].forEach((character, index) => {
          if (character === '*') characters[places[found.from + index]!] = '*';
        });
        first = last;
        break;
      }
    return characters.join('');
  });
}
