/**
 * Numbers and widths of text as people read them, never locale-dependent: thousands with a plain
 * comma, and the columns a string takes on a terminal or in a spreadsheet. Here, below
 * src/messages/render.ts (which writes counts into messages) and src/io/workbook.ts (which sizes
 * columns), so that neither imports src/render/; src/render/style.ts re-exports both.
 */

/** Right-aligned thousands with a plain comma (never locale-dependent). */
export function count(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

const WIDE =
  /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Columns a string takes on a terminal: East Asian wide characters (汉字, full-width forms) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}
