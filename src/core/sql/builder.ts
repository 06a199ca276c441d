/**
 * The building blocks of every statement: a Builder collects CTEs and the checks of what the CLI
 * would refuse; tickets and their byte order; the guard that fails the query on any check; the final
 * SELECT of a result with its sort keys.
 */
import { TICKET_ALGORITHM } from '../tickets.js';
import { dialectOf, double, quoteIdentifier, type Dialect, type SqlDialect } from './dialect.js';
import type { SqlField, SqlSource } from './parameters.js';

/** The ticket expression of a unit at a stage, in the draw's context (see Builder.ticket). */
export type Ticket = (stage: string, key: string) => string;

interface Cte {
  readonly name: string;
  readonly comment?: string;
  readonly body: string;
}

/** The CTEs that are computed once (a few rows each: the drawn units). */
const MATERIALIZED = new Set(['drawn_counties', 'drawn_villages', 'settings', 'allocation', 'pps_remaining']);

export const indent = (text: string, by = '  ') =>
  text
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');

function withClause(ctes: readonly Cte[]): string {
  return `WITH\n${ctes
    .map(
      (cte) =>
        `${cte.comment ? `-- ${cte.comment}\n` : ''}${cte.name} AS ${MATERIALIZED.has(cte.name) ? 'MATERIALIZED ' : ''}(\n${indent(cte.body.trim())}\n)`,
    )
    .join(',\n')}`;
}

export class Builder {
  readonly d: Dialect;
  readonly ctes: Cte[] = [];
  /** Problems the guard checks: [count expression over `checks`, message]. */
  readonly checks: Array<{ column: string; expression: string; message: string }> = [];

  constructor(
    dialect: SqlDialect,
    readonly source: SqlSource,
  ) {
    this.d = dialectOf(dialect);
  }

  lit(text: string): string {
    return this.d.literal(text);
  }
  list(values: readonly string[]): string {
    return values.map((value) => this.lit(value)).join(', ');
  }
  add(name: string, body: string, comment?: string): void {
    this.ctes.push(comment === undefined ? { name, body } : { name, body, comment });
  }

  /** §2.1 name normalisation of a text expression. */
  normalise(text: string): string {
    if (this.source.assumeNormalised) return text;
    const { d } = this;
    const folded = `regexp_replace(${d.nfc(text)}, '${d.spaces}', ' ', 'g')`;
    const beforeHan = `regexp_replace(${folded}, ' (${d.han})', '\\1', 'g')`;
    const afterHan = `regexp_replace(${beforeHan}, '(${d.han}) ', '\\1', 'g')`;
    // Printable ASCII without space and CJK unified ideographs are left as they are by NFC and by
    // the space rules: most cells take this short cut.
    return `CASE WHEN ${d.plain(text)} THEN ${text} ELSE trim(${afterHan}) END`;
  }

  /** The normalised cell of a field ('' where the table has no such column). */
  cell(field: SqlField, alias = ''): string {
    const column = this.source.columns[field];
    if (column === undefined) return "''";
    const qualified = `${alias ? `${alias}.` : ''}${quoteIdentifier(column)}`;
    return this.normalise(`coalesce(CAST(${qualified} AS VARCHAR), '')`);
  }

  /** The ticket of a unit: sha256 of the parts joined by U+001F. */
  ticket(context: readonly string[], seed: string, stage: string, key: string, scopeKey?: string): string {
    const parts = [this.lit(TICKET_ALGORITHM), this.lit(seed), ...context.map((part) => this.lit(part))];
    if (scopeKey !== undefined) parts.push(scopeKey);
    parts.push(this.lit(stage), key);
    return this.d.sha256(`concat_ws(chr(31), ${parts.join(', ')})`);
  }

  /** Ordering by ticket, then key, in byte order. */
  order(ticket: string, key: string): string {
    return `${this.d.bytes(ticket)}, ${this.d.bytes(key)}`;
  }

  check(column: string, expression: string, message: string): void {
    this.checks.push({ column, expression, message });
  }
}

/**
 * The guard: one row whose `ok` is 1, or an error listing the problems. It is evaluated by a
 * UNION ALL branch of every result, so the database cannot skip it.
 */
export function guardCte(b: Builder): void {
  const columns = b.checks.map((check) => `${check.expression} AS ${check.column}`);
  b.add('checks', `SELECT\n${indent(columns.join(',\n'))}`, 'what the CLI would refuse; any of it stops the query');
  const problems = b.checks.map(
    (check) =>
      `CASE WHEN ${check.column} > 0 THEN CAST(${check.column} AS VARCHAR) || ${b.lit(` ${check.message}; `)} ELSE '' END`,
  );
  const total = b.checks.map((check) => check.column).join(' + ');
  b.add(
    'guard',
    `SELECT CASE WHEN ${total} = 0 THEN 1 ELSE ${b.d.fail(`${b.lit('spotcheck sql: the registry table breaks the rules of the draw (docs/algorithm.md §4): ')} || ${problems.join(' || ')} || ${b.lit('check the table with `spotcheck inspect` on an export of it')}`)} END AS ok
FROM checks`,
  );
}

/** The final statement: the result's columns in order, plus the guard's (never a row) branch. */
export function finalSelect(b: Builder, columns: readonly string[], body: string, orderBy: string): string {
  const nulls = columns.map((column) => `NULL AS ${column}`).join(', ');
  b.add('result', body);
  return `${withClause(b.ctes)}
SELECT ${columns.join(', ')}
FROM (
  SELECT ${columns.join(', ')}, sort_1, sort_2, sort_3, sort_4 FROM result
  UNION ALL
  SELECT ${nulls}, NULL AS sort_1, NULL AS sort_2, NULL AS sort_3, NULL AS sort_4 FROM guard WHERE ok <> 1
) AS output
ORDER BY ${orderBy};
`;
}

export const probability = (numerators: readonly string[], denominators: readonly string[]) =>
  `${double(numerators.join(' * '))} / ${double(denominators.join(' * '))}`;
