/**
 * Text from files on its way to a terminal (issue 13, "hostile values"). A registry, a manifest or a
 * plan may hold control characters: ESC starts a terminal escape sequence (colours, cursor moves,
 * window titles, hyperlinks), CR overwrites a line, bidirectional overrides reorder what is shown.
 * Such characters are printed visibly as `\uXXXX` (ESC as `\u001b`), the same escape JSON uses,
 * so an escaped JSON text still parses to the same values. Pure: no fs, no console.
 *
 *  - escapeTerminal: what reaches stdout/stderr (newline and tab kept; colour codes spotcheck adds
 *    itself may be kept when colour is on);
 *  - quoteValue: one value quoted in a message: every control character escaped (newline too) and
 *    cut to a short prefix (80 characters, then "…").
 */

/** Characters never printed raw: C0 but newline and tab, DEL, C1, bidi overrides and isolates, line/paragraph separators. */
import { maskPersonalText } from './personalText.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the control characters escaped before printing
const UNSAFE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/** The same and newline and tab: for a single value inside a message. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the control characters escaped inside a value
const UNSAFE_IN_VALUE = /[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;
/** A colour (SGR) sequence as spotcheck's own styling writes it. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts spotcheck's own colour sequences, let through
const SGR = /\x1b\[[0-9;]{0,32}m/y;

const hex = (character: string): string => `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** The longest value quoted in a message, in characters (code points). */
const VALUE_PREFIX = 80;

/**
 * Text for the terminal: every unsafe character as `\uXXXX`. With keepColour, spotcheck's own
 * colour sequences (ESC [ digits ; m) are left alone; any other ESC is escaped.
 */
export function escapeTerminal(text: string, keepColour = false): string {
  return text.replace(UNSAFE, (character, offset: number) => {
    if (keepColour && character === '\x1b') {
      SGR.lastIndex = offset;
      if (SGR.test(text)) return character;
    }
    return hex(character);
  });
}

/** Cuts a text to `limit` code points, marking the cut with "…". */
function clip(text: string, limit: number = VALUE_PREFIX): string {
  if (text.length <= limit) return text;
  const points = Array.from(text.slice(0, 2 * limit + 1));
  if (points.length <= limit && text.length <= 2 * limit) return text;
  return `${points.slice(0, limit).join('')}…`;
}

/** One value as quoted in a message: control characters escaped, then cut to a short prefix. */
export function quoteValue(text: string, limit: number = VALUE_PREFIX): string {
  return clip(text, limit).replace(UNSAFE_IN_VALUE, hex);
}

/**
 * Message placeholders that hold one value read from a file (a cell, a header, a name, a key, a
 * seed …): quoted with quoteValue. Every other string placeholder (lists, paths, sentences made of
 * other messages) is cut at LONG_PREFIX characters.
 */
const VALUE_PLACEHOLDERS: ReadonlySet<string> = new Set([
  'got',
  'value',
  'name',
  'household',
  'village',
  'township',
  'county',
  'header',
  'column',
  'field',
  'first',
  'second',
  'found',
  'key',
  'code',
  'head',
  'person',
  'sheet',
  'table',
  'tableName',
  'status',
  'headStatus',
  'char',
  'twin',
  'firstVillage',
  'firstTownship',
  'firstCounty',
  'seed',
  'sequence',
  'stratum',
  'option',
  'month',
  'scope',
  'level',
  'method',
]);
const LONG_PREFIX = 1000;

/** Placeholders that list values read from files (headers, names …): one line, every control character escaped. */
const LIST_PLACEHOLDERS: ReadonlySet<string> = new Set(['headers', 'columns', 'names', 'values', 'present']);

/**
 * A placeholder's value as a message shows it: in a value or a list read from a file, resident IDs
 * and mobile numbers are masked first (on the raw text, before an escape or a cut could hide them
 * from the rule), then escaped and cut.
 */
export function placeholderValue(name: string, value: string): string {
  // The seed is published to be re-typed: never masked (a lottery result may look like a phone number).
  if (VALUE_PLACEHOLDERS.has(name)) return quoteValue(name === 'seed' ? value : maskPersonalText(value));
  if (LIST_PLACEHOLDERS.has(name)) return clip(maskPersonalText(value), LONG_PREFIX).replace(UNSAFE_IN_VALUE, hex);
  // Composite texts (made of other messages, whose values were masked there) are only escaped and cut.
  return escapeTerminal(clip(value, LONG_PREFIX), true);
}

/** How deep JSON may nest (objects and arrays); spotcheck's own files nest at most about 6 deep. */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text nests objects/arrays deeper than `max` (strings are skipped; O(n), no recursion). */
export function jsonTooDeep(text: string, max: number = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}
