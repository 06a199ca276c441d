/** Terminal styling: colour only when the stream is a terminal and NO_COLOR is not set. */
import { Chalk, type ChalkInstance } from 'chalk';

export function styleFor(stream: NodeJS.WriteStream): ChalkInstance {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const force = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  return new Chalk({ level: !noColor && (force || stream.isTTY === true) ? 1 : 0 });
}

/** Right-aligned thousands with a plain comma (never locale-dependent). */
export function count(value: number): string {
  return String(value).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** A probability as a short fraction-like decimal: 4 significant digits. */
export function probability(value: number): string {
  return value >= 0.9995 ? '1' : value.toPrecision(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** "1 county", "3 counties" (count with thousands separators). */
export function plural(value: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count(value)} ${value === 1 ? singular : pluralForm}`;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/** Columns a string takes on a terminal: East Asian wide characters (汉字, full-width forms) take two. */
export function displayWidth(text: string): number {
  let width = 0;
  for (const character of text) width += WIDE.test(character) ? 2 : 1;
  return width;
}

/** Pads to a display width (for tables mixing Chinese and ASCII). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
