/**
 * The formula guard of files meant for spreadsheets (docs/algorithm.md §20; CWE-1236, OWASP "CSV
 * Injection"). A cell whose text begins with `=`, `+`, `-`, `@`, a tab or a carriage return is read
 * by Excel, WPS and LibreOffice as a formula; in a CSV written for Excel (`--excel`) such a cell is
 * written with one apostrophe in front, which spreadsheets show and never evaluate. So that the
 * guard can be undone exactly, a cell that already begins with an apostrophe gets one more. A
 * negative number in JavaScript's notation (`-3`, `-0.25`, `-5e-7`) is a number to a spreadsheet,
 * not a formula, and is left as it is.
 *
 * `unguardCell(guardCell(x)) === x` for every text x (test/formula-guard.test.ts). Files meant for
 * programs (CSV without --excel, `--json`, `sql`) keep the registry's exact values.
 */

/** The version of the guard a manifest records as `parameters.formula_guard` (CSV for Excel only). */
export const FORMULA_GUARD = 1;
export type FormulaGuard = 0 | 1;

/** The first characters that make a spreadsheet read a cell as a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
const NEGATIVE_NUMBER = /^-(?:\d+(?:\.\d+)?|\.\d+)(?:[eE][-+]?\d+)?$/;
/** A guarded cell: the apostrophe the guard added, then a formula start or another apostrophe. */
const GUARDED = /^'[=+\-@\t\r']/;

/** Whether a spreadsheet would read the text as a formula (a negative number is not one). */
export const startsFormula = (text: string): boolean => FORMULA_START.test(text) && !NEGATIVE_NUMBER.test(text);

/** §20: the text as written to a spreadsheet file: an apostrophe before a formula start or an apostrophe. */
export const guardCell = (text: string): string => (startsFormula(text) || text.startsWith("'") ? `'${text}` : text);

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
 * guard's apostrophes when it records `excel: true` and `formula_guard: 1`, else as written.
 */
export function drawCellReader(parameters: unknown): (text: string) => string {
  const p = (parameters ?? {}) as Record<string, unknown>;
  return p.excel === true && p.formula_guard === FORMULA_GUARD ? unguardCell : (text) => text;
}
