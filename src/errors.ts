/**
 * The one error type of spotcheck. Every user-facing failure is a SpotcheckError with a code;
 * EXIT_CODES maps each code to the process exit code, and the entry point (src/main.ts) is the only
 * place that catches it. Messages say what is wrong, the rule, and what was got; they come from
 * the message catalogue (src/messages/) by key, in the language chosen with --lang.
 */
import { t, type Message } from './i18n.js';
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

export class SpotcheckError extends Error {
  readonly code: ErrorCode;
  readonly context: ErrorContext;
  /** The message's catalogue key: stable, for machines (--json). */
  readonly id: Message['id'];

  constructor(code: ErrorCode, message: Message, context: ErrorContext = {}) {
    // No message shows a resident ID or a mobile number from a file (docs/algorithm.md §17), whatever --reveal-ids says.
    super(maskPersonalText(message.text));
    this.name = 'SpotcheckError';
    this.code = code;
    this.id = message.id;
    this.context = context;
  }

  /** The hint's text, if any. */
  get hint(): string | undefined {
    return this.context.hint === undefined ? undefined : maskPersonalText(this.context.hint.text);
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
  return escapeTerminal(`spotcheck: ${t('error.prefix')}${text}\n`);
}

/**
 * What a run has already done for good (a draw written and recorded), for a failure after it: a
 * summary that cannot be printed must not make the user think the draw was not made. Set at the
 * edge (src/commands/shared.ts), read by the entry point's stdout error handler.
 */
export const completedWork: { note: string | null } = { note: null };

export function describeLocation(context: ErrorContext): string {
  let where = context.file === undefined ? '' : escapeTerminal(context.file);
  if (context.line !== undefined) where += where ? `:${context.line}` : t('where.line', { line: context.line });
  if (context.column !== undefined) where += `:${context.column}`;
  if (context.field !== undefined)
    where += `${where ? ' ' : ''}${t('where.column', { field: quoteValue(context.field) })}`;
  return where;
}
