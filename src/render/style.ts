/** Terminal styling: colour only when the stream is a terminal and NO_COLOR is not set. */
import { Chalk, type ChalkInstance } from 'chalk';
import { count, displayWidth } from '../core/textLayout.js';

export { count, displayWidth };

export function styleFor(stream: NodeJS.WriteStream): ChalkInstance {
  const noColor = process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '';
  const force = process.env.FORCE_COLOR !== undefined && process.env.FORCE_COLOR !== '0';
  return new Chalk({ level: !noColor && (force || stream.isTTY === true) ? 1 : 0 });
}

/** A probability as a short fraction-like decimal: 4 significant digits. */
export function probability(value: number): string {
  return value >= 0.9995 ? '1' : value.toPrecision(4).replace(/0+$/, '').replace(/\.$/, '');
}

/** Pads to a display width (for tables mixing Chinese and ASCII). */
export function padDisplay(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - displayWidth(text)));
}
