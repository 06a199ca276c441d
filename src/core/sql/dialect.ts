/** The two SQL dialects (DuckDB, PostgreSQL): their spellings of hashing, byte order, NFC, big integers, errors and literals; quoting. */

export type SqlDialect = 'duckdb' | 'postgres';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres'];

export interface Dialect {
  readonly name: SqlDialect;
  /** Lowercase hex SHA-256 of the UTF-8 bytes of a text expression. */
  sha256(text: string): string;
  /** An expression for byte-order (code point) comparison in ORDER BY. */
  bytes(text: string): string;
  nfc(text: string): string;
  /** Whether a text consists of ASCII digits only (and is non-empty). */
  digits(text: string): string;
  /** Exact integer arithmetic beyond 64 bits. */
  big(expression: string): string;
  /** Integer division of non-negative big integers. */
  divide(a: string, b: string): string;
  /** Raises an error with the (non-constant) message; typed as an integer. */
  fail(message: string): string;
  /** Whether a text holds only characters that §2.1 leaves as they are (a fast path). */
  plain(text: string): string;
  /** The whitespace class of §2.1 and the Han class of §2.1, as regular-expression brackets. */
  readonly spaces: string;
  readonly han: string;
  literal(text: string): string;
}

const standardLiteral = (text: string): string => `'${text.replace(/'/g, "''")}'`;

const DUCKDB: Dialect = {
  name: 'duckdb',
  sha256: (text) => `sha256(${text})`,
  bytes: (text) => text,
  nfc: (text) => `nfc_normalize(${text})`,
  digits: (text) => `regexp_full_match(${text}, '[0-9]+')`,
  big: (expression) => `CAST(${expression} AS HUGEINT)`,
  divide: (a, b) => `(${a}) // (${b})`,
  fail: (message) => `CAST(error(${message}) AS INTEGER)`,
  plain: (text) => `regexp_full_match(${text}, '[!-~\\x{3400}-\\x{4dbf}\\x{4e00}-\\x{9fff}]*')`,
  spaces: '[\\x00-\\x20\\x7f\\xa0\\x{1680}\\x{2000}-\\x{200b}\\x{2028}\\x{2029}\\x{202f}\\x{205f}\\x{3000}\\x{feff}]+',
  han: '[\\x{2e80}-\\x{2fdf}\\x{3005}\\x{3007}\\x{3021}-\\x{3029}\\x{3038}-\\x{303b}\\x{3400}-\\x{4dbf}\\x{4e00}-\\x{9fff}\\x{f900}-\\x{faff}\\x{20000}-\\x{323af}]',
  literal: standardLiteral,
};

const POSTGRES: Dialect = {
  name: 'postgres',
  sha256: (text) => `encode(sha256(convert_to(${text}, 'UTF8')), 'hex')`,
  bytes: (text) => `${text} COLLATE "C"`,
  nfc: (text) => `normalize(${text}, NFC)`,
  digits: (text) => `${text} ~ '^[0-9]+$'`,
  big: (expression) => `CAST(${expression} AS NUMERIC)`,
  divide: (a, b) => `div(${a}, ${b})`,
  // PostgreSQL has no error function in plain SQL: a failed cast carries the message instead
  // ("invalid input syntax for type integer: "spotcheck sql: …"").
  fail: (message) => `CAST(${message} AS INTEGER)`,
  plain: (text) => `${text} ~ '^[!-~\\u3400-\\u4dbf\\u4e00-\\u9fff]*$'`,
  spaces: '[\\x01-\\x20\\x7f\\xa0\\u1680\\u2000-\\u200b\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff]+',
  han: '[\\u2e80-\\u2fdf\\u3005\\u3007\\u3021-\\u3029\\u3038-\\u303b\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff\\U00020000-\\U000323af]',
  // An E'' literal when a backslash is present, so that standard_conforming_strings does not matter.
  literal: (text) =>
    text.includes('\\') ? `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : standardLiteral(text),
};

export const dialectOf = (name: SqlDialect): Dialect => (name === 'duckdb' ? DUCKDB : POSTGRES);

/** A quoted identifier; a dotted table name is quoted part by part. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
export function quoteTableName(name: string): string {
  return name.split('.').map(quoteIdentifier).join('.');
}

const DOUBLE = 'DOUBLE PRECISION';
export const double = (expression: string) => `CAST(${expression} AS ${DOUBLE})`;
