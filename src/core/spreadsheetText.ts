/**
 * The formula guard of files meant for spreadsheets (docs/algorithm.md §20; CWE-1236, OWASP "CSV
 * Injection"). A cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read
 * by Excel, WPS and LibreOffice as a formula; in a CSV written for Excel (`--excel`) such a cell is
 * written with one apostrophe in front, which spreadsheets show and never evaluate. So that the
 * guard can be undone exactly, a cell that already begins with an apostrophe gets one more. A
 * negative number in JavaScript's notation (`-3`, `-0.25`, `-5e-7`) is a number to a spreadsheet,
 * not a formula, and is left as it is.
 *
 * Version 2 of the guard (issue 15) also puts the apostrophe before a cell that Excel would read as
 * a number it cannot keep: ASCII digits only, 12 or more of them (Excel's General format shows at
 * most 11 digits and keeps 15 significant ones, so a 16-digit household ID or an 18-digit ID number
 * is shown as 5.30627E+15 and saved that way), or 2 or more with a leading 0 (`0012` becomes 12).
 * Version 1 (draws of 0.5.0 and 0.6.0) guards formulas only and is kept to re-draw them.
 *
 * `unguardCell(guardCell(x, v)) === x` for every text x and version v (test/core/spreadsheetText.test.ts).
 * Files meant for programs (CSV without --excel, `--json`, `sql`) keep the registry's exact values.
 */

/** The version of the guard a manifest records as `parameters.formula_guard` (CSV for Excel only). */
export const FORMULA_GUARD = 2;
/** 0: no guard (CSV for Excel before 0.5.0); 1: formulas; 2: formulas and long or zero-led digit strings. */
export type FormulaGuard = 0 | 1 | 2;

/** The first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** Digits Excel would turn into a number and change: 12 or more, or 2 or more with a leading 0 (ASCII only). */
const FRAGILE_DIGITS = '(?:[0-9]{12,}|0[0-9]+)';
const FRAGILE_NUMBER = new RegExp(`^${FRAGILE_DIGITS}$`);
/**
 * A guarded cell: the apostrophe the guard added, then a formula start, another apostrophe or
 * (version 2) fragile digits. The same for both versions: a version-1 file holds no cell `'` +
 * digits, since a cell that begins with an apostrophe was always given a second one.
 */
const GUARDED = new RegExp(`^'(?:[=+\\-@\\t\\r']|${FRAGILE_DIGITS}$)`);

/** Whether a spreadsheet would read the text as a formula (a negative number is not one). */
export const startsFormula = (text: string): boolean => FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text);

/** Whether Excel would read the text as a number and show or save it otherwise (§20, version 2). */
export const fragileNumber = (text: string): boolean => FRAGILE_NUMBER.test(text);

/**
 * §20: the text as written to a spreadsheet file: an apostrophe before a formula start or an
 * apostrophe, and with version 2 (the default) before digits Excel would change.
 */
export const guardCell = (text: string, version: 1 | 2 = FORMULA_GUARD): string =>
  startsFormula(text) || text.startsWith("'") || (version === 2 && fragileNumber(text)) ? `'${text}` : text;

/** §20 read back: the apostrophe the guard added removed (any other text unchanged). */
export const unguardCell = (text: string): string => (GUARDED.test(text) ? text.slice(1) : text);

/**
 * A column read from a file that may or may not carry the guard (a list, a returned frame): a column
 * in which some cell starts a formula was not guarded and is read as it is; any other is unguarded.
 */
export function unguardColumn(values: readonly string[]): readonly string[] {
  return values.some(startsFormula) ? values : values.map(unguardCell);
}

/**
 * How to read the cells of a draw's CSV files back, from its manifest's parameters: without the
 * guard's apostrophes when it records `excel: true` and `formula_guard` 1 or 2, else as written.
 */
export function drawCellReader(parameters: unknown): (text: string) => string {
  const p = (parameters ?? {}) as Record<string, unknown>;
  return p.excel === true && isFormulaGuard(p.formula_guard) ? unguardCell : (text) => text;
}

/** Whether a manifest's `formula_guard` is a version of the guard (1 or 2; not a boolean, not 0). */
export const isFormulaGuard = (value: unknown): value is 1 | 2 => value === 1 || value === 2;
