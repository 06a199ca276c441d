/**
 * Terminal styling: colour only when the stream is a terminal and NO_COLOR is not set. chalk colours;
 * it is loaded only when there is colour to write (start-up, issue 16): without, PLAIN styles.
 */
import { count, displayWidth } from '../core/textLayout.js';

export { count, displayWidth };

/** A style: its text, coloured or not. */
type Paint = (...text: unknown[]) => string;

/** The styles spotcheck prints with: what it uses of chalk's, which chalk's instances have. */
export interface Style {
  /** 0: no colour; 1: colour. */
  readonly level: number;
  readonly bold: Paint;
  readonly cyan: Paint;
  readonly dim: Paint;
  readonly yellow: Paint;
  readonly green: Paint & { readonly bold: Paint };
  readonly red: Paint & { readonly bold: Paint };
}

/** Text as chalk writes it without colour (level 0): one argument as a string, several joined by spaces. */
const plain: Paint = (...text) => (text.length === 1 ? String(text[0]) : text.join(' '));

/** The styles without colour: the text as chalk at level 0 gives it (test/render/style.test.ts compares them). */
export const PLAIN: Style = {
  level: 0,
  bold: plain,
  cyan: plain,
  dim: plain,
  yellow: plain,
  green: Object.assign((...text: unknown[]) => plain(...text), { bold: plain }),
  red: Object.assign((...text: unknown[]) => plain(...text), { bold: plain }),
};

/** 1 when what is written to the stream is coloured: a terminal (or FORCE_COLOR), and NO_COLOR not set. */
export function colourLevel(stream: NodeJS.WriteStream): 0 | 1 {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const force = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  return !noColor && (force || stream.isTTY === true) ? 1 : 0;
}

/** The styles for a stream: chalk's when it is coloured (colourLevel), else PLAIN. */
export async function styleFor(stream: NodeJS.WriteStream): Promise<Style> {
  const level = colourLevel(stream);
  if (level === 0) return PLAIN;
  const { Chalk } = await import('chalk');
  return new Chalk({ level });
}

/** A probability as a short fraction-like decimal: 4 significant digits. */
export function probability(value: number): string {
  return value >= 0.9995 ? '1' : value.toPrecision(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** Pads to a display width (for tables mixing Chinese and ASCII). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
