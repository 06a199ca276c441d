/**
 * The one error type of spotcheck. Every user-facing failure is a SpotcheckError with a code;
 * EXIT_CODES maps each code to the process exit code, and the entry point (src/main.ts) is the only
 * place that catches it. Messages say what is wrong, the rule, and what was got; they come from
 * the message catalogue (src/messages/) by key, in the language chosen with --lang.
 *
 * An error holds its message as a fact (a catalogue key and its values) and is worded when it is
 * read — message, hint, describe(), toJSON() — in the language current then. This module holds no
 * language and imports nothing that does, so that the core (src/core/) may throw SpotcheckErrors:
 * the edge (src/i18n.ts) tells it where the current language is, with wordErrorsIn.
 */
import { render, word, type Lang, type Message } from './messages/render.js';
import { escapeTerminal, quoteValue } from './core/safeText.js';
import { maskPersonalText } from './core/personalText.js';

export type ErrorCode =
  | 'USAGE' // a bad option or argument
  | 'INPUT' // a registry or table that cannot be read or makes no sense
  | 'DATA' // registry content that breaks a rule (a household in two villages, an unknown status …)
  | 'SCOPE' // a scope or county name that does not exist
  | 'OUTPUT' // an output that cannot be written
  | 'MANIFEST' // a manifest that cannot be used for verification
  | 'LEDGER' // a draw ledger that cannot be read or extended
  | 'VERIFY_MISMATCH' // verification ran and found a difference
  | 'INTERNAL'; // a bug in spotcheck

export const EXIT_CODES: Readonly<Record<ErrorCode, number>> = Object.freeze({
  USAGE: 2,
  INPUT: 2,
  DATA: 2,
  SCOPE: 2,
  OUTPUT: 2,
  MANIFEST: 2,
  LEDGER: 2,
  VERIFY_MISMATCH: 1,
  INTERNAL: 70,
});

/** Where a problem is: a file and, when known, its line, column or field. */
interface ErrorContext {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly field?: string;
  /** A hint on what to do about it. */
  readonly hint?: Message;
}

/**
 * Where the language errors are worded in comes from: English (as a process starts) until the
 * edge (src/i18n.ts, when it loads) points it at its current language.
 */
let wordingLanguage: () => Lang = () => 'en';

/** Words every SpotcheckError, when it is read, in the language `language()` gives then (called by src/i18n.ts). */
export function wordErrorsIn(language: () => Lang): void {
  wordingLanguage = language;
}

/** A message fact worded in the current language, with resident IDs and mobile numbers masked. */
const wordMasked = (message: Message): string =>
  // No message shows a resident ID or a mobile number from a file (docs/algorithm.md §17), whatever --reveal-ids says.
  maskPersonalText(word(message, wordingLanguage()));

export class SpotcheckError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;
  /** The message's catalogue key: stable, for machines (--json). */
  readonly id: Message['id'];
  /** The message as a fact (its key and values), for a message that quotes this error. */
  readonly fact: Message;

  constructor(code: ErrorCode, message: Message, context: ErrorContext = {}) {
    super();
    // The message is worded when read, not stored: in the language of the moment it is printed.
    Object.defineProperty(this, 'message', { get: () => wordMasked(message), configurable: true });
    this.name = 'SpotcheckError';
    this.code = code;
    this.id = message.id;
    this.fact = message;
    this.context = context;
  }

  /** The hint's text, if any. */
  get hint(): string | undefined {
    return this.context.hint === undefined ? undefined : wordMasked(this.context.hint);
  }

  get exitCode(): number {
    return EXIT_CODES[this.code];
  }

  /** "file:line:column (field X): message" followed by the hint, for the terminal. */
  describe(): string {
    const where = describeLocation(this.context);
    const head = where ? `${where}: ${this.message}` : this.message;
    return this.hint ? `${head}\n  ${this.hint}` : head;
  }

  /** For --json: the code, the message's key (id), the message and its location and hint. */
  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      id: this.id,
      message: this.message,
      ...this.context,
      ...(this.hint === undefined ? {} : { hint: this.hint }),
    };
  }
}

/** One error line as spotcheck prints it: "spotcheck: error: …" ("spotcheck: 错误：…" in Chinese). */
export function errorLine(text: string): string {
  // Text from files never reaches the terminal raw: control characters are shown as \uXXXX.
  return escapeTerminal(`spotcheck: ${render('error.prefix', wordingLanguage(), {})}${text}\n`);
}

/**
 * What a run has already done for good (a draw written and recorded), for a failure after it: a
 * summary that cannot be printed must not make the user think the draw was not made. Set at the
 * edge (src/commands/shared.ts), read by the entry point's stdout error handler.
 */
export const completedWork: { note: string | null } = { note: null };

/** "file:line:column (field X)", in the current language: where an error or a data problem is. */
export function describeLocation(context: ErrorContext): string {
  const lang = wordingLanguage();
  let where = context.file === undefined ? '' : escapeTerminal(context.file);
  if (context.line !== undefined)
    where += where ? `:${context.line}` : render('where.line', lang, { line: context.line });
  if (context.column !== undefined) where += `:${context.column}`;
  if (context.field !== undefined)
    where += `${where ? ' ' : ''}${render('where.column', lang, { field: quoteValue(context.field) })}`;
  return where;
}
