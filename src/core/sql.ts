/**
 * SQL that draws inside a database what `spotcheck monthly` and `spotcheck evaluate` draw from CSV
 * files: the same frame, tickets, ranks, probabilities and weights (algorithm spotcheck-ticket-1,
 * docs/algorithm.md and docs/evaluation.md), for DuckDB and PostgreSQL. Pure: parameters in, SQL
 * text out; `spotcheck sql` (src/commands/sql.ts) prints it, docs/sql.md says what it expects.
 *
 * How the SQL follows the spec:
 * - every cell used is normalised as §2.1 says (NFC, spaces and controls folded, spaces next to Han
 *   characters removed, trimmed) by regular expressions, unless the caller says the table already
 *   holds normalised text;
 * - the county key comes from the division table, which the SQL carries as a VALUES list: by
 *   county_code when the row has one (its county name, if any, must agree), else by county name,
 *   narrowed by prefecture name (§4.1); township and village keys are codes or › paths (§4.2, §4.3);
 * - person rows become households: the representative row is the head's (户主 / 本人 / head), and a
 *   household without one, or with two, is refused; without a relation column, the row with the smallest
 *   person_id (§4.4);
 * - tickets are sha256 over the parts joined by chr(31), ordered by the hex text and then by key in
 *   byte (code point) order — COLLATE "C" in PostgreSQL, DuckDB's default binary order;
 * - probabilities and weights are one double division of integer products (§8); the evaluation's
 *   allocation repeats src/core/allocation.ts's floating-point steps in the same order, and its
 *   systematic PPS is computed in exact integers (HUGEINT / NUMERIC) like src/core/pps.ts.
 * A registry the CLI would refuse makes the SQL fail with an error naming what is wrong (rows whose
 * county is unknown, blank keys, unknown statuses, units under two parents …), and so does an empty
 * frame; see `checks` below.
 */
import type { AllocationMethod } from './allocation.js';
import type { RegistryField } from './columns.js';
import type { DivisionTable } from './divisions.js';
import { HOUSEHOLD_STATUSES, type HouseholdStatus } from './frame.js';
import type { Level } from './scope.js';
import type { VillageFrameRule } from './monthly.js';
import { COUNTY_COLUMNS, HOUSEHOLD_COLUMNS, VILLAGE_COLUMNS } from './tables.js';
import {
  EVALUATION_COUNTY_COLUMNS,
  EVALUATION_HOUSEHOLD_COLUMNS,
  EVALUATION_VILLAGE_COLUMNS,
  STRATA_COLUMNS,
} from './evaluationTables.js';
import { TICKET_ALGORITHM } from './tickets.js';

export type SqlDialect = 'duckdb' | 'postgres';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres'];

/** The registry fields the SQL reads (others, such as names and phone numbers, are never touched). */
export const SQL_FIELDS = [
  'household_id', 'prefecture', 'county', 'county_code', 'township', 'township_code', 'village', 'village_code',
  'status', 'household_type', 'poor_village', 'household_size', 'person_id', 'relation',
] as const satisfies readonly RegistryField[];
export type SqlField = (typeof SQL_FIELDS)[number];

/** Where the registry is: a table (or view), the column holding each field, and its layout. */
export interface SqlSource {
  /** Table name, possibly schema-qualified (`analytics.registry`); each dotted part is quoted. */
  readonly table: string;
  /** Field → column name; a field without a column reads as the empty string, like a missing CSV column. */
  readonly columns: Readonly<Partial<Record<SqlField, string>>>;
  readonly layout: 'person' | 'household';
  /** Trust that the table holds normalised text (§2.1): only NULL → '' then; faster. */
  readonly assumeNormalised: boolean;
  /** The division table (bundled Yunnan table or --divisions). */
  readonly divisions: DivisionTable;
}

/** --scope of a monthly draw, resolved as far as the division table allows. */
export type SqlScope =
  | { readonly level: 'province' }
  | { readonly level: 'prefecture'; readonly key: string }
  | { readonly level: 'county'; readonly key: string }
  /** Matched inside the database against the registry's townships (see scopeText in scope.ts). */
  | { readonly level: 'township'; readonly text: string };

export interface SqlMonthlyParameters {
  readonly month: string;
  readonly seed: string;
  readonly level: Level;
  readonly scope: SqlScope;
  readonly counties: number | null;
  readonly villagesPerCounty: number;
  readonly householdsPerVillage: number;
  readonly villageFrame: VillageFrameRule;
  readonly statuses: readonly HouseholdStatus[];
}

export interface SqlEvaluationParameters {
  readonly seed: string;
  readonly counties: number;
  readonly strata: 'prefecture' | 'poverty-county';
  readonly allocation: AllocationMethod;
  readonly countySelection: 'srs' | 'pps';
  readonly villagesPerCounty: number;
  readonly householdsPerStratum: Readonly<Record<HouseholdStatus, number>>;
  readonly spares: number;
  /** A table of non-registered households (--nonpoor), with the same columns as the registry. */
  readonly nonpoorTable: string | null;
}

export type MonthlySelect = 'frame' | 'counties' | 'villages' | 'households';
export type EvaluationSelect = 'frame' | 'strata' | 'counties' | 'villages' | 'households';
export const MONTHLY_SELECTS: readonly MonthlySelect[] = ['frame', 'counties', 'villages', 'households'];
export const EVALUATION_SELECTS: readonly EvaluationSelect[] = ['frame', 'strata', 'counties', 'villages', 'households'];

/** Columns of each result, in order (the CLI's table columns, without the registry's own). */
export const MONTHLY_RESULT_COLUMNS: Readonly<Record<MonthlySelect, readonly string[]>> = {
  frame: ['counties', 'villages', 'households', 'persons', 'village_frame', 'scope_key'],
  counties: COUNTY_COLUMNS,
  villages: VILLAGE_COLUMNS,
  households: HOUSEHOLD_COLUMNS,
};
export const EVALUATION_RESULT_COLUMNS: Readonly<Record<EvaluationSelect, readonly string[]>> = {
  frame: ['counties', 'villages', 'poor_households', 'exited_households', 'nonpoor_households'],
  strata: STRATA_COLUMNS,
  counties: EVALUATION_COUNTY_COLUMNS,
  villages: EVALUATION_VILLAGE_COLUMNS,
  households: EVALUATION_HOUSEHOLD_COLUMNS,
};

// ---------------------------------------------------------------------------------------------
// Dialects

interface Dialect {
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
  literal: (text) => (text.includes('\\') ? `E'${text.replace(/\\/g, '\\\\').replace(/'/g, "''")}'` : standardLiteral(text)),
};

const dialectOf = (name: SqlDialect): Dialect => (name === 'duckdb' ? DUCKDB : POSTGRES);

/** A quoted identifier; a dotted table name is quoted part by part. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
export function quoteTableName(name: string): string {
  return name.split('.').map(quoteIdentifier).join('.');
}

const DOUBLE = 'DOUBLE PRECISION';
const double = (expression: string) => `CAST(${expression} AS ${DOUBLE})`;

// ---------------------------------------------------------------------------------------------
// Status names and marks (§4.3, §4.4), the same lists as src/core/frame.ts.

const STATUS_NAMES: Readonly<Record<HouseholdStatus, readonly string[]>> = {
  poor: ['未脱贫', '贫困', '贫困户', 'poor'],
  exited: ['已脱贫', '脱贫', '脱贫户', '标注脱贫', '稳定脱贫', 'exited'],
  nonpoor: ['非贫困户', '非贫困', '一般农户', 'nonpoor', 'non-poor'],
};
const YES = ['是', '1', 'y', 'yes', 'true', '贫困村'];
const NO = ['否', '0', 'n', 'no', 'false', '非贫困村'];
const HEAD_RELATIONS = ['户主', '本人', 'head'];
const UNCLASSIFIED_TYPE = '建档立卡户';

// ---------------------------------------------------------------------------------------------
// Building blocks

interface Cte {
  readonly name: string;
  readonly comment?: string;
  readonly body: string;
}

/** The CTEs that are computed once (a few rows each: the drawn units). */
const MATERIALIZED = new Set(['drawn_counties', 'drawn_villages', 'settings', 'allocation', 'pps_remaining']);

const indent = (text: string, by = '  ') => text.split('\n').map((line) => (line === '' ? line : by + line)).join('\n');

function withClause(ctes: readonly Cte[]): string {
  return `WITH\n${ctes
    .map((cte) => `${cte.comment ? `-- ${cte.comment}\n` : ''}${cte.name} AS ${MATERIALIZED.has(cte.name) ? 'MATERIALIZED ' : ''}(\n${indent(cte.body.trim())}\n)`)
    .join(',\n')}`;
}

class Builder {
  readonly d: Dialect;
  readonly ctes: Cte[] = [];
  /** Problems the guard checks: [count expression over `checks`, message]. */
  readonly checks: Array<{ column: string; expression: string; message: string }> = [];

  constructor(dialect: SqlDialect, readonly source: SqlSource) {
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

/** The division table as a VALUES list: prefecture_code, prefecture, county_code, county, poverty_county. */
function divisionsCte(b: Builder): void {
  const rows = b.source.divisions.counties.map(
    (county) =>
      `(${b.lit(county.prefectureCode)}, ${b.lit(county.prefecture)}, ${b.lit(county.code)}, ${b.lit(county.name)}, ${
        county.povertyCounty === null ? 'NULL' : county.povertyCounty ? 'TRUE' : 'FALSE'
      })`,
  );
  b.add(
    'divisions',
    `SELECT * FROM (VALUES\n${indent(rows.join(',\n'))}\n) AS division_rows(prefecture_code, prefecture, county_code, county, poverty_county)`,
    `the division table (${b.source.divisions.source}): the county key is always its county_code (§4.1)`,
  );
}

/** A parsed status name, or NULL. */
function statusOf(b: Builder, text: string): string {
  const lower = `lower(${text})`;
  return `CASE ${HOUSEHOLD_STATUSES.map((status) => `WHEN ${lower} IN (${b.list(STATUS_NAMES[status])}) THEN '${status}'`).join(' ')} END`;
}

/**
 * The registry's rows (`rows`: normalised cells, county resolved through the division table,
 * status, unit keys, whether the row is usable), then households, villages and townships.
 */
function registryCtes(b: Builder, nonpoorTable: string | null): void {
  const { source } = b;
  const countyFields = ['county_code', 'county', 'prefecture'] as const;
  const fields = SQL_FIELDS.filter(
    (field) => (source.layout === 'person' || (field !== 'person_id' && field !== 'relation')) && !(countyFields as readonly string[]).includes(field),
  );
  const raw = (field: SqlField): string => {
    const column = source.columns[field];
    return column === undefined ? "''" : `coalesce(CAST(${quoteIdentifier(column)} AS VARCHAR), '')`;
  };
  const tables: Array<[string, boolean]> = nonpoorTable === null ? [[source.table, false]] : [[source.table, false], [nonpoorTable, true]];
  const select = ([table, nonpoor]: [string, boolean]) =>
    `SELECT
${indent(
      [
        // A non-poor table's households are all 非贫困户: its status columns are not read (nor needed).
        ...fields.map((field) => `${nonpoor && (field === 'status' || field === 'household_type') ? "''" : b.cell(field)} AS ${field}`),
        ...countyFields.map((field) => `${raw(field)} AS raw_${field}`),
        `${nonpoor ? 'TRUE' : 'FALSE'} AS from_nonpoor_table`,
      ].join(',\n'),
    )}\nFROM ${quoteTableName(table)}`;
  const distinctCounties = tables
    .map(([table]) => `SELECT DISTINCT ${countyFields.map((field) => `${raw(field)} AS raw_${field}`).join(', ')} FROM ${quoteTableName(table)}`)
    .join('\nUNION\n');
  b.add(
    'county_lookup',
    `SELECT c.raw_county_code, c.raw_county, c.raw_prefecture, count(d.county_code) AS matches, min(d.county_code) AS county_key
FROM (
  SELECT u.*, ${countyFields.map((field) => `${b.normalise(`u.raw_${field}`)} AS ${field}`).join(', ')}
  FROM (
${indent(distinctCounties, '    ')}
  ) u
) c
LEFT JOIN divisions d ON CASE
  WHEN c.county_code <> '' THEN d.county_code = c.county_code AND (c.county = '' OR d.county = c.county)
  ELSE d.county = c.county AND (c.prefecture = '' OR d.prefecture = c.prefecture)
END
GROUP BY c.raw_county_code, c.raw_county, c.raw_prefecture`,
    'each distinct (county_code, county, prefecture) cell → the one division-table row it names (by code, else by name and prefecture)',
  );
  const type = 'r.household_type';
  const allStatusNames = HOUSEHOLD_STATUSES.flatMap((status) => STATUS_NAMES[status]);
  const status = `CASE
  WHEN r.from_nonpoor_table THEN 'nonpoor'
  WHEN lower(${type}) IN (${b.list(STATUS_NAMES.nonpoor)}) THEN 'nonpoor'
  WHEN ${type} <> '' AND lower(${type}) NOT IN (${b.list(allStatusNames)}) AND ${type} <> ${b.lit(UNCLASSIFIED_TYPE)} THEN NULL
  WHEN r.status <> '' THEN ${statusOf(b, 'r.status')}
  ELSE ${statusOf(b, type)}
END`;
  const mark = `CASE WHEN lower(r.poor_village) IN (${b.list(YES)}) THEN 1 WHEN lower(r.poor_village) IN (${b.list(NO)}) THEN 0 END`;
  const head = source.layout === 'household' ? 'TRUE' : `lower(r.relation) IN (${b.list(HEAD_RELATIONS)})`;
  const size = `CASE WHEN ${b.d.digits('r.household_size')} THEN CAST(r.household_size AS BIGINT) END`;
  b.add(
    'rows',
    `SELECT
  x.*,
  CASE WHEN x.township_code <> '' THEN x.township_code ELSE x.county_key || '›' || x.township END AS township_key,
  CASE WHEN x.village_code <> '' THEN x.village_code ELSE x.county_key || '›' || x.township || '›' || x.village END AS village_key,
  (x.county_key IS NOT NULL AND x.household_id <> '' AND x.township <> '' AND x.village <> '' AND x.status IS NOT NULL) AS valid
FROM (
  SELECT
    r.household_id, r.township, r.township_code, r.village, r.village_code,${source.layout === 'person' ? ' r.person_id,' : " '' AS person_id,"} r.from_nonpoor_table,
    CASE WHEN l.matches = 1 THEN l.county_key END AS county_key,
    ${indent(status, '    ').trim()} AS status,
    ${mark} AS poor_mark,
    ${head} AS is_head,
    ${size} AS size,
    r.household_size AS size_text
  FROM (
${indent(tables.map(select).join('\nUNION ALL\n'), '    ')}
  ) r
  JOIN county_lookup l ON l.raw_county_code = r.raw_county_code AND l.raw_county = r.raw_county AND l.raw_prefecture = r.raw_prefecture
) x`,
    `the registry's cells${source.assumeNormalised ? ' (taken as already normalised)' : ', normalised (§2.1)'} ('' for a missing column); county key; ` +
      "status (§4.4: 户类型 非贫困户 wins, else 脱贫属性, else 户类型); 是否贫困村 mark; head row; unit keys: a code, else the path county_code›township›village (§4.2, §4.3; '›' is U+203A)",
  );
  if (source.layout === 'household') {
    b.add(
      'households',
      `SELECT household_id, village_key, status, size AS household_size, coalesce(size, 1) AS persons
FROM rows
WHERE valid`,
      'one row per household (household-level table)',
    );
  } else {
    b.add(
      'household_rows',
      `SELECT r.*,
  row_number() OVER (PARTITION BY r.household_id ORDER BY CASE WHEN r.is_head THEN 0 ELSE 1 END, CASE WHEN r.person_id = '' THEN 1 ELSE 0 END, ${b.d.bytes('r.person_id')}) AS pick,
  count(*) OVER (PARTITION BY r.household_id) AS persons,
  CASE WHEN min(r.village_key) OVER (PARTITION BY r.household_id) = max(r.village_key) OVER (PARTITION BY r.household_id) THEN 1 ELSE 2 END AS villages_of_household,
  CASE WHEN bool_or(r.from_nonpoor_table) OVER (PARTITION BY r.household_id) = bool_and(r.from_nonpoor_table) OVER (PARTITION BY r.household_id) THEN 1 ELSE 2 END AS sources,
  bool_or(r.is_head) OVER (PARTITION BY r.household_id) AS has_head,
  sum(CASE WHEN r.is_head THEN 1 ELSE 0 END) OVER (PARTITION BY r.household_id) AS heads
FROM rows r
WHERE r.valid`,
      source.columns.relation === undefined
        ? 'person rows without a relation column: the representative row is the one with the smallest person_id'
        : 'person rows: the representative row is the 户主 row (relation 户主, 本人 or head); a household without one is refused',
    );
    b.add(
      'households',
      `SELECT h.household_id, h.village_key, h.status, coalesce(h.size, h.persons) AS household_size, h.persons,
  h.villages_of_household AS records, h.sources, h.has_head, h.heads
FROM household_rows h
WHERE h.pick = 1`,
      'one row per household: status and size from the representative row; persons = rows',
    );
  }
  b.add(
    'villages',
    `SELECT village_key, min(village_code) AS village_code, min(village) AS village, min(township_key) AS township_key, min(county_key) AS county_key,
  max(poor_mark) AS poor_max, min(poor_mark) AS poor_min, CASE WHEN min(township_key) = max(township_key) AND min(village) = max(village) THEN 1 ELSE 2 END AS parents
FROM rows
WHERE valid
GROUP BY village_key`,
    'villages: poor if a row marks it 是 (§4.3)',
  );
  b.add(
    'townships',
    `SELECT township_key, min(township) AS township, min(county_key) AS county_key, CASE WHEN min(county_key) = max(county_key) THEN 1 ELSE 2 END AS parents
FROM rows
WHERE valid
GROUP BY township_key`,
  );
  // Checks of what the CLI refuses (docs/algorithm.md §4.5) that would otherwise change the draw silently.
  const rowChecks = `SELECT
  count(*) FILTER (WHERE county_key IS NULL) AS unknown_county,
  count(*) FILTER (WHERE household_id = '' OR township = '' OR village = '') AS blank_key,
  count(*) FILTER (WHERE status IS NULL) AS unknown_status,
  count(*) FILTER (WHERE size_text <> '' AND (size IS NULL OR size < 1)) AS bad_size,
  count(*) AS all_rows
FROM rows`;
  b.add('row_checks', rowChecks, 'rows the CLI would refuse');
  b.check('unknown_county', '(SELECT unknown_county FROM row_checks)', 'rows whose county is not (or not uniquely) in the division table, or whose county_code and county disagree');
  b.check('blank_key', '(SELECT blank_key FROM row_checks)', 'rows with a blank household_id, township or village');
  b.check('unknown_status', '(SELECT unknown_status FROM row_checks)', 'rows with an unknown status or household_type');
  b.check('bad_size', '(SELECT bad_size FROM row_checks)', 'rows whose household_size is not a positive whole number');
  b.check(
    'household_conflict',
    source.layout === 'household'
      ? '(SELECT count(*) FROM (SELECT household_id FROM rows WHERE valid GROUP BY household_id HAVING count(*) > 1) duplicates)'
      : '(SELECT count(*) FROM households WHERE records > 1 OR sources > 1)',
    source.layout === 'household'
      ? 'households that appear twice (or in both the registry and the non-poor table)'
      : 'households whose person rows lie in two villages (or in both the registry and the non-poor table)',
  );
  if (source.layout === 'person' && source.columns.person_id !== undefined) {
    b.check('person_twice', "(SELECT count(*) FROM (SELECT person_id FROM rows WHERE valid AND person_id <> '' GROUP BY person_id HAVING count(*) > 1) twice)", 'person_ids that appear twice');
  }
  if (source.layout === 'person' && source.columns.relation !== undefined) {
    b.check('no_head', '(SELECT count(*) FROM households WHERE NOT has_head)', 'households without a 户主 row (relation 户主, 本人 or head; every household needs one)');
    b.check('two_heads', '(SELECT count(*) FROM households WHERE heads > 1)', 'households with a second 户主 row (every household needs exactly one)');
  }
  b.check('village_conflict', '(SELECT count(*) FROM villages WHERE parents > 1 OR poor_max <> poor_min)', 'villages under two townships or counties, 村代码 given to two village names, or villages marked both 是 and 否');
  b.check('township_conflict', '(SELECT count(*) FROM townships WHERE parents > 1)', 'townships under two counties');
}

/**
 * The guard: one row whose `ok` is 1, or an error listing the problems. It is evaluated by a
 * UNION ALL branch of every result, so the database cannot skip it.
 */
function guardCte(b: Builder): void {
  const columns = b.checks.map((check) => `${check.expression} AS ${check.column}`);
  b.add('checks', `SELECT\n${indent(columns.join(',\n'))}`, 'what the CLI would refuse; any of it stops the query');
  const problems = b.checks.map(
    (check) => `CASE WHEN ${check.column} > 0 THEN CAST(${check.column} AS VARCHAR) || ${b.lit(` ${check.message}; `)} ELSE '' END`,
  );
  const total = b.checks.map((check) => check.column).join(' + ');
  b.add(
    'guard',
    `SELECT CASE WHEN ${total} = 0 THEN 1 ELSE ${b.d.fail(`${b.lit('spotcheck sql: the registry table breaks the rules of the draw (docs/algorithm.md §4): ')} || ${problems.join(' || ')} || ${b.lit('check the table with `spotcheck inspect` on an export of it')}`)} END AS ok
FROM checks`,
  );
}

/** The final statement: the result's columns in order, plus the guard's (never a row) branch. */
function finalSelect(b: Builder, columns: readonly string[], body: string, orderBy: string): string {
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

const probability = (numerators: readonly string[], denominators: readonly string[]) =>
  `${double(numerators.join(' * '))} / ${double(denominators.join(' * '))}`;

// ---------------------------------------------------------------------------------------------
// The monthly draw

function monthlyStatement(dialect: SqlDialect, source: SqlSource, p: SqlMonthlyParameters, select: MonthlySelect): string {
  const b = new Builder(dialect, source);
  divisionsCte(b);
  registryCtes(b, null);

  // Scope key, village frame rule.
  const scope = p.scope;
  let scopeKey: string;
  if (scope.level === 'township') {
    const wanted = b.lit(scope.text);
    b.add(
      'scope_townships',
      `SELECT DISTINCT t.township_key
FROM townships t
JOIN divisions d ON d.county_code = t.county_key
WHERE t.township_key = ${wanted} OR t.township = ${wanted}
   OR d.county || '›' || t.township = ${wanted} OR t.county_key || '›' || t.township = ${wanted}
   OR d.prefecture || '›' || d.county || '›' || t.township = ${wanted}`,
      'the township of --scope, matched as the CLI does (key, code, name, county›township …)',
    );
    b.check('scope_matches', '(SELECT CASE WHEN count(*) = 1 THEN 0 ELSE 1 END FROM scope_townships)', `--scope ${scope.text} does not name exactly one township of the registry (give its code or key)`);
    scopeKey = '(SELECT min(township_key) FROM scope_townships)';
  } else {
    scopeKey = b.lit(scope.level === 'province' ? '' : scope.key);
  }
  const villageFrame =
    p.villageFrame === 'auto' ? "CASE WHEN (SELECT count(*) FROM villages WHERE poor_max IS NOT NULL) > 0 THEN 'poor' ELSE 'all' END" : b.lit(p.villageFrame);
  b.add('settings', `SELECT ${scopeKey} AS scope_key, ${villageFrame} AS village_frame`, 'scope key (the ticket context) and village frame rule (auto: poor if any village is marked)');
  const inScope =
    scope.level === 'province'
      ? 'TRUE'
      : scope.level === 'prefecture'
        ? 'd.prefecture_code = s.scope_key'
        : scope.level === 'county'
          ? 'v.county_key = s.scope_key'
          : 'v.township_key = s.scope_key';
  b.add(
    'frame_villages',
    `SELECT v.village_key, v.village_code, v.village, v.township_key, t.township, v.county_key, d.prefecture_code, d.prefecture, d.county
FROM villages v
JOIN townships t ON t.township_key = v.township_key
JOIN divisions d ON d.county_code = v.county_key
CROSS JOIN settings s
WHERE ${inScope} AND (s.village_frame = 'all' OR v.poor_max = 1)`,
    'the frame (§4.6): villages in scope that pass the village frame rule',
  );
  b.add(
    'frame_households',
    `SELECT h.household_id, h.village_key, h.status, h.household_size, h.persons
FROM households h
JOIN frame_villages v ON v.village_key = h.village_key
WHERE h.status IN (${b.list(p.statuses)})`,
  );
  b.add(
    'village_strata',
    `SELECT v.*, c.households AS frame_households, c.persons AS frame_persons
FROM frame_villages v
JOIN (SELECT village_key, count(*) AS households, sum(persons) AS persons FROM frame_households GROUP BY village_key) c ON c.village_key = v.village_key`,
    'villages with frame households',
  );
  b.add(
    'county_strata',
    `SELECT county_key, prefecture_code, prefecture, county, count(*) AS frame_villages, sum(frame_households) AS frame_households
FROM village_strata
GROUP BY county_key, prefecture_code, prefecture, county`,
    'frame counties',
  );
  b.check('empty_frame', '(SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM county_strata)', 'the frame is empty: no household of the chosen statuses in the scope and village frame');

  const context = ['monthly', p.month, p.level];
  const ticket = (stage: string, key: string) => b.ticket(context, p.seed, stage, key, '(SELECT scope_key FROM settings)');

  // Stage 1.
  if (p.counties !== null) {
    b.add(
      'county_ranks',
      `SELECT t.*, row_number() OVER (ORDER BY ${b.order('t.ticket', 't.county_key')}) AS rank, count(*) OVER () AS counties_in_frame
FROM (SELECT c.*, ${ticket('county', 'c.county_key')} AS ticket FROM county_strata c) t`,
      'stage 1: frame counties by ticket',
    );
    b.add(
      'drawn_counties',
      `SELECT r.*, least(${p.counties}, r.counties_in_frame) AS counties_drawn FROM county_ranks r WHERE r.rank <= ${p.counties}`,
    );
  } else {
    b.add(
      'drawn_counties',
      'SELECT c.*, CAST(NULL AS VARCHAR) AS ticket, CAST(NULL AS BIGINT) AS rank, 1 AS counties_in_frame, 1 AS counties_drawn FROM county_strata c',
      'stage 1: the scope fixes the county (N = n = 1, no ticket)',
    );
  }
  // Stage 2.
  b.add(
    'village_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.county_key ORDER BY ${b.order('t.ticket', 't.village_key')}) AS rank,
  count(*) OVER (PARTITION BY t.county_key) AS villages_in_county
FROM (
  SELECT v.*, ${ticket('village', 'v.village_key')} AS ticket, c.rank AS county_rank, c.counties_in_frame, c.counties_drawn
  FROM village_strata v JOIN drawn_counties c ON c.county_key = v.county_key
) t`,
    'stage 2: villages of each drawn county by ticket',
  );
  b.add(
    'drawn_villages',
    `SELECT r.*, least(${p.villagesPerCounty}, r.villages_in_county) AS villages_drawn FROM village_ranks r WHERE r.rank <= ${p.villagesPerCounty}`,
  );
  // Stage 3.
  b.add(
    'household_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.village_key ORDER BY ${b.order('t.ticket', 't.household_id')}) AS rank,
  count(*) OVER (PARTITION BY t.village_key) AS households_in_village
FROM (
  SELECT h.*, ${ticket('household', 'h.household_id')} AS ticket,
    v.prefecture, v.county_key, v.county, v.township, v.village, v.county_rank, v.rank AS village_rank,
    v.counties_in_frame, v.counties_drawn, v.villages_in_county, v.villages_drawn
  FROM frame_households h JOIN drawn_villages v ON v.village_key = h.village_key
) t`,
    'stage 3: frame households of each drawn village by ticket',
  );
  b.add(
    'drawn_households',
    `SELECT r.*, least(${p.householdsPerVillage}, r.households_in_village) AS households_drawn FROM household_ranks r WHERE r.rank <= ${p.householdsPerVillage}`,
  );

  const columns = MONTHLY_RESULT_COLUMNS[select];
  guardCte(b);
  switch (select) {
    case 'frame':
      return finalSelect(
        b,
        columns,
        `SELECT (SELECT count(*) FROM county_strata) AS counties, (SELECT count(*) FROM village_strata) AS villages,
  (SELECT coalesce(sum(frame_households), 0) FROM village_strata) AS households, (SELECT coalesce(sum(frame_persons), 0) FROM village_strata) AS persons,
  s.village_frame, s.scope_key, 1 AS sort_1, 1 AS sort_2, 1 AS sort_3, 1 AS sort_4
FROM settings s`,
        'sort_1',
      );
    case 'counties':
      return finalSelect(
        b,
        columns,
        `SELECT prefecture_code, prefecture, county_key AS county_code, county, ticket, rank, counties_in_frame, counties_drawn,
  ${probability(['counties_drawn'], ['counties_in_frame'])} AS county_probability,
  ${probability(['counties_drawn'], ['counties_in_frame'])} AS probability,
  ${probability(['counties_in_frame'], ['counties_drawn'])} AS weight,
  frame_villages, frame_households,
  rank AS sort_1, county_key AS sort_2, 0 AS sort_3, 0 AS sort_4
FROM drawn_counties`,
        `sort_1, ${b.d.bytes('sort_2')}`,
      );
    case 'villages':
      return finalSelect(
        b,
        columns,
        `SELECT prefecture, county_key AS county_code, county, township_key, township, village_key, NULLIF(village_code, '') AS village_code, village,
  ticket, rank, villages_in_county, villages_drawn,
  ${probability(['counties_drawn'], ['counties_in_frame'])} AS county_probability,
  ${probability(['villages_drawn'], ['villages_in_county'])} AS village_probability,
  ${probability(['counties_drawn', 'villages_drawn'], ['counties_in_frame', 'villages_in_county'])} AS probability,
  ${probability(['counties_in_frame', 'villages_in_county'], ['counties_drawn', 'villages_drawn'])} AS weight,
  frame_households,
  county_rank AS sort_1, rank AS sort_2, 0 AS sort_3, 0 AS sort_4
FROM drawn_villages`,
        'sort_1, sort_2',
      );
    case 'households':
      return finalSelect(
        b,
        columns,
        `SELECT household_id, prefecture, county_key AS county_code, county, township, village_key, village, status, household_size, persons,
  ticket, rank, households_in_village, households_drawn,
  ${probability(['counties_drawn'], ['counties_in_frame'])} AS county_probability,
  ${probability(['villages_drawn'], ['villages_in_county'])} AS village_probability,
  ${probability(['households_drawn'], ['households_in_village'])} AS household_probability,
  ${probability(['counties_drawn', 'villages_drawn', 'households_drawn'], ['counties_in_frame', 'villages_in_county', 'households_in_village'])} AS probability,
  ${probability(['counties_in_frame', 'villages_in_county', 'households_in_village'], ['counties_drawn', 'villages_drawn', 'households_drawn'])} AS weight,
  county_rank AS sort_1, village_rank AS sort_2, rank AS sort_3, 0 AS sort_4
FROM drawn_households`,
        'sort_1, sort_2, sort_3',
      );
  }
}

// ---------------------------------------------------------------------------------------------
// The evaluation draw

function evaluationStatement(dialect: SqlDialect, source: SqlSource, p: SqlEvaluationParameters, select: EvaluationSelect): string {
  const b = new Builder(dialect, source);
  const { d } = b;
  divisionsCte(b);
  registryCtes(b, p.nonpoorTable);
  const context = ['evaluate'];
  const ticket = (stage: string, key: string) => b.ticket(context, p.seed, stage, key);

  b.add(
    'eval_villages',
    `SELECT v.village_key, v.village_code, v.village, v.township_key, t.township, v.county_key,
  count(*) FILTER (WHERE h.status = 'poor') AS poor_households,
  count(*) FILTER (WHERE h.status = 'exited') AS exited_households,
  count(*) FILTER (WHERE h.status = 'nonpoor') AS nonpoor_households
FROM villages v
JOIN townships t ON t.township_key = v.township_key
JOIN households h ON h.village_key = v.village_key
GROUP BY v.village_key, v.village_code, v.village, v.township_key, t.township, v.county_key`,
    'the evaluation frame: every village with a household (poor village or not)',
  );
  const stratum = p.strata === 'prefecture' ? 'd.prefecture' : `CASE WHEN d.poverty_county THEN '贫困县' ELSE '非贫困县' END`;
  b.add(
    'eval_counties',
    `SELECT v.county_key, d.prefecture_code, d.prefecture, d.county, ${stratum} AS stratum,
  count(*) AS frame_villages, CAST(sum(v.poor_households + v.exited_households) AS BIGINT) AS size
FROM eval_villages v
JOIN divisions d ON d.county_code = v.county_key
GROUP BY v.county_key, d.prefecture_code, d.prefecture, d.county, ${stratum}`,
    `counties, their stratum (--strata ${p.strata}) and size (registered households: the PPS measure)`,
  );
  b.check('empty_frame', '(SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM eval_counties)', 'the frame is empty: the registry has no household');
  b.add(
    'county_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.stratum ORDER BY ${b.order('t.ticket', 't.county_key')}) AS rank,
  count(*) OVER (PARTITION BY t.stratum) AS counties_in_stratum
FROM (SELECT c.*, ${ticket('county', 'c.county_key')} AS ticket FROM eval_counties c) t`,
  );
  b.add(
    'strata',
    `SELECT stratum, count(*) AS counties, count(*) FILTER (WHERE size > 0) AS positive, CAST(sum(size) AS BIGINT) AS registered
FROM eval_counties GROUP BY stratum`,
  );

  // Allocation: src/core/allocation.ts step by step (bounded proportional quotas, largest remainder).
  const total = p.counties;
  const units = p.countySelection === 'pps' ? 'positive' : 'counties';
  const measure = p.allocation === 'equal' ? '1' : p.allocation === 'households' ? 'greatest(registered, 0)' : 'counties';
  b.add(
    'alloc_bounds',
    `SELECT s.stratum, ${units} AS upper, CASE WHEN least(${total}, e.capacity) >= e.eligible THEN 1 ELSE 0 END AS lower, CAST(${measure} AS BIGINT) AS m
FROM strata s
CROSS JOIN (SELECT count(*) AS eligible, coalesce(sum(${units}), 0) AS capacity FROM strata WHERE ${units} > 0) e
WHERE s.${units} > 0`,
    `allocation (--allocation ${p.allocation}, --counties ${total}): bounds 1 ≤ n_h ≤ ${p.countySelection === 'pps' ? 'counties of size > 0' : 'counties'}, measure m_h`,
  );
  b.add(
    'alloc_mode',
    `SELECT x.target, (x.weighted = 0 OR x.weighted_upper + x.unweighted_lower < x.target) AS fill_unweighted
FROM (
  SELECT least(${total}, coalesce(sum(upper), 0)) AS target, count(*) FILTER (WHERE m > 0) AS weighted,
    coalesce(sum(upper) FILTER (WHERE m > 0), 0) AS weighted_upper, coalesce(sum(lower) FILTER (WHERE m <= 0), 0) AS unweighted_lower
  FROM alloc_bounds
) x`,
  );
  b.add(
    'alloc_fill',
    `SELECT a.stratum, a.lower, a.upper, a.m,
  CASE WHEN o.fill_unweighted THEN a.m <= 0 ELSE a.m > 0 END AS active,
  CASE WHEN o.fill_unweighted THEN 1 ELSE a.m END AS m_fill,
  CASE WHEN o.fill_unweighted THEN a.upper ELSE a.lower END AS fixed
FROM alloc_bounds a CROSS JOIN alloc_mode o`,
    'the strata whose quota is filled (measure > 0, or, when they cannot take the total, the others with measure 1)',
  );
  b.add(
    'alloc_target',
    `SELECT o.target - coalesce((SELECT sum(fixed) FROM alloc_fill WHERE NOT active), 0) AS t,
  ${double("coalesce((SELECT sum(lower) FROM alloc_fill WHERE active), 0)")} AS s0
FROM alloc_mode o`,
  );
  const clampAt = (lambda: string) =>
    `least(${double('f.upper')}, greatest(${double('f.lower')}, ${lambda} * ${double('f.m_fill')}))`;
  b.add(
    'alloc_breaks',
    `SELECT DISTINCT x.b FROM (
  SELECT ${double('lower')} / ${double('m_fill')} AS b FROM alloc_fill WHERE active
  UNION ALL
  SELECT ${double('upper')} / ${double('m_fill')} AS b FROM alloc_fill WHERE active
) x`,
  );
  b.add(
    'alloc_sums',
    `SELECT k.b, sum(${clampAt('k.b')} ORDER BY ${d.bytes('f.stratum')}) AS s
FROM alloc_breaks k CROSS JOIN alloc_fill f
WHERE f.active
GROUP BY k.b`,
    'Σ clamp(b·m_h, lower_h, upper_h) at each breakpoint, summed in stratum order as the CLI does',
  );
  b.add(
    'alloc_steps',
    `SELECT s.b, s.s, coalesce(lag(s.b) OVER (ORDER BY s.b), 0) AS prev_b, coalesce(lag(s.s) OVER (ORDER BY s.b), t.s0) AS prev_s, t.t, t.s0
FROM alloc_sums s CROSS JOIN alloc_target t`,
  );
  b.add(
    'alloc_lambda',
    `SELECT CASE
  WHEN ${double('t.t')} <= t.s0 THEN ${double('0')}
  ELSE coalesce(
    (SELECT CASE WHEN st.s = st.prev_s THEN st.b ELSE st.prev_b + ((${double('st.t')} - st.prev_s) * (st.b - st.prev_b)) / (st.s - st.prev_s) END
     FROM alloc_steps st WHERE st.s >= ${double('st.t')} ORDER BY st.b LIMIT 1),
    (SELECT max(b) FROM alloc_steps),
    ${double('0')})
END AS lambda
FROM alloc_target t`,
    'λ with Σ clamp(λ·m_h) = target, interpolated between breakpoints',
  );
  b.add(
    'alloc_floor',
    `SELECT q.*, floor(q.q + ${double('1e-9')}) AS fl
FROM (
  SELECT f.stratum, f.upper, f.m, CASE WHEN f.active THEN ${clampAt('l.lambda')} ELSE ${double('f.fixed')} END AS q
  FROM alloc_fill f CROSS JOIN alloc_lambda l
) q`,
  );
  const remainderOrder = `a.q - a.fl DESC, a.m DESC, ${d.bytes('a.stratum')}`;
  b.add(
    'alloc_ranked',
    `SELECT a.*,
  CASE WHEN a.fl < a.upper THEN row_number() OVER (PARTITION BY a.fl < a.upper ORDER BY ${remainderOrder}) END AS round_1,
  CASE WHEN a.fl + 1 < a.upper THEN row_number() OVER (PARTITION BY a.fl + 1 < a.upper ORDER BY ${remainderOrder}) END AS round_2
FROM alloc_floor a`,
    'largest remainder: ties by the larger measure, then stratum in code point order; at most two rounds',
  );
  b.add(
    'allocation',
    `SELECT s.stratum, s.counties, s.positive, s.registered,
  coalesce(CAST(r.fl AS BIGINT) + CASE WHEN r.round_1 <= x.left_1 THEN 1 ELSE 0 END + CASE WHEN r.round_2 <= x.left_1 - x.room_1 THEN 1 ELSE 0 END, 0) AS allocated
FROM strata s
LEFT JOIN alloc_ranked r ON r.stratum = s.stratum
CROSS JOIN (
  SELECT (SELECT target FROM alloc_mode) - CAST(coalesce(sum(fl), 0) AS BIGINT) AS left_1, count(*) FILTER (WHERE fl < upper) AS room_1 FROM alloc_floor
) x`,
    'counties allocated to each stratum',
  );

  // Stage 1 selection.
  if (p.countySelection === 'srs') {
    b.add(
      'drawn_counties',
      `SELECT r.*, a.allocated AS counties_drawn, 'srs' AS county_selection, CAST(a.allocated AS BIGINT) AS p_num, CAST(r.counties_in_stratum AS BIGINT) AS p_den
FROM county_ranks r JOIN allocation a ON a.stratum = r.stratum
WHERE r.rank <= a.allocated`,
      'stage 1 (srs): the allocated number of smallest tickets in each stratum; π₁ = n_h / N_h',
    );
    b.add('certainty', 'SELECT stratum, 0 AS certain FROM allocation');
  } else {
    b.add(
      'pps_groups',
      `SELECT g.*,
  coalesce(sum(g.members) OVER (PARTITION BY g.stratum ORDER BY g.size DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS members_before,
  coalesce(sum(g.members * g.size) OVER (PARTITION BY g.stratum ORDER BY g.size DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS size_before,
  sum(g.members * g.size) OVER (PARTITION BY g.stratum) AS total_size
FROM (
  SELECT r.stratum, r.size, count(*) AS members, a.allocated
  FROM county_ranks r JOIN allocation a ON a.stratum = r.stratum
  WHERE r.size > 0
  GROUP BY r.stratum, r.size, a.allocated
) g`,
      'stage 1 (pps): counties of equal size, largest first',
    );
    b.add(
      'pps_certain_sizes',
      `SELECT c.stratum, c.size
FROM (
  SELECT g.stratum, g.size,
    min(CASE WHEN (g.allocated - g.members_before) * g.size >= g.total_size - g.size_before THEN 1 ELSE 0 END)
      OVER (PARTITION BY g.stratum ORDER BY g.size DESC ROWS UNBOUNDED PRECEDING) AS all_so_far
  FROM pps_groups g
) c
WHERE c.all_so_far = 1`,
      'certainty units (src/core/pps.ts): while n′·x ≥ X′, taken with π = 1 and removed from n′ and X′',
    );
    b.add('pps_start', `SELECT a.stratum, ${ticket('county-start', 'a.stratum')} AS start_ticket FROM allocation a`, 'the ticket that gives each stratum its random start');
    b.add(
      'pps_remaining',
      `SELECT a.stratum, a.allocated - coalesce(c.certain, 0) AS n_open, coalesce(t.total_size, 0) - coalesce(c.certain_size, 0) AS x_open, coalesce(c.certain, 0) AS certain,
  ${d.big(`(${hexPrefixValue('p.start_ticket')})`)} AS start
FROM allocation a
JOIN pps_start p ON p.stratum = a.stratum
LEFT JOIN (SELECT r.stratum, count(*) AS certain, sum(r.size) AS certain_size FROM county_ranks r JOIN pps_certain_sizes s ON s.stratum = r.stratum AND s.size = r.size GROUP BY r.stratum) c ON c.stratum = a.stratum
LEFT JOIN (SELECT stratum, sum(size) AS total_size FROM county_ranks WHERE size > 0 GROUP BY stratum) t ON t.stratum = a.stratum`,
      'n′ and X′ after the certainty units; the random start U = first 13 hex digits of the county-start ticket',
    );
    const scale = '4503599627370496';
    b.add(
      'pps_open',
      `SELECT o.*, ${d.big('o.cumulative - o.size')} * ${d.big('m.n_open')} * ${scale} AS lower_scaled, ${d.big('o.cumulative')} * ${d.big('m.n_open')} * ${scale} AS upper_scaled,
  m.start * ${d.big('m.x_open')} AS base, ${d.big('m.x_open')} * ${scale} AS spacing, m.n_open, m.x_open
FROM (
  SELECT r.*, sum(r.size) OVER (PARTITION BY r.stratum ORDER BY r.rank ROWS UNBOUNDED PRECEDING) AS cumulative
  FROM county_ranks r
  WHERE r.size > 0 AND NOT EXISTS (SELECT 1 FROM pps_certain_sizes s WHERE s.stratum = r.stratum AND s.size = r.size)
) o
JOIN pps_remaining m ON m.stratum = o.stratum
WHERE m.n_open > 0 AND m.x_open > 0`,
      'the other counties in ticket order, cumulative sizes S_i; points (U + k·2⁵²)·X′ against S·n′·2⁵² in exact integers',
    );
    const firstPoint = `CASE WHEN o.lower_scaled <= o.base THEN ${d.big('0')} ELSE ${d.divide('o.lower_scaled - o.base + o.spacing - 1', 'o.spacing')} END`;
    b.add(
      'pps_chosen',
      `SELECT o.stratum, o.county_key
FROM (SELECT o.*, ${firstPoint} AS k FROM pps_open o) o
WHERE o.k < o.n_open AND o.base + o.k * o.spacing < o.upper_scaled`,
      'a county is taken when the first point at or after S_{i−1} falls before S_i',
    );
    b.add(
      'drawn_counties',
      `SELECT r.*, a.allocated AS counties_drawn,
  CASE WHEN s.size IS NOT NULL THEN 'certainty' ELSE 'pps' END AS county_selection,
  CAST(CASE WHEN s.size IS NOT NULL THEN 1 ELSE m.n_open * r.size END AS BIGINT) AS p_num,
  CAST(CASE WHEN s.size IS NOT NULL THEN 1 ELSE m.x_open END AS BIGINT) AS p_den
FROM county_ranks r
JOIN allocation a ON a.stratum = r.stratum
JOIN pps_remaining m ON m.stratum = r.stratum
LEFT JOIN pps_certain_sizes s ON s.stratum = r.stratum AND s.size = r.size AND r.size > 0
WHERE s.size IS NOT NULL OR EXISTS (SELECT 1 FROM pps_chosen c WHERE c.stratum = r.stratum AND c.county_key = r.county_key)`,
      'stage 1 (pps): certainty counties (π₁ = 1) and systematic PPS (π₁ = n′·x / X′)',
    );
    b.add('certainty', 'SELECT stratum, certain FROM pps_remaining');
  }

  // Stage 2.
  b.add(
    'village_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.county_key ORDER BY ${b.order('t.ticket', 't.village_key')}) AS rank,
  count(*) OVER (PARTITION BY t.county_key) AS villages_in_county
FROM (
  SELECT v.*, ${ticket('village', 'v.village_key')} AS ticket, c.stratum, c.prefecture, c.county, c.county_selection, c.size AS county_size,
    c.counties_in_stratum, c.counties_drawn, c.p_num, c.p_den, c.rank AS county_rank
  FROM eval_villages v JOIN drawn_counties c ON c.county_key = v.county_key
) t`,
    'stage 2: villages of each drawn county by ticket',
  );
  b.add(
    'drawn_villages',
    `SELECT r.*, least(${p.villagesPerCounty}, r.villages_in_county) AS villages_drawn FROM village_ranks r WHERE r.rank <= ${p.villagesPerCounty}`,
  );
  // Stage 3.
  const asked = `CASE t.status ${HOUSEHOLD_STATUSES.map((status) => `WHEN '${status}' THEN ${p.householdsPerStratum[status]}`).join(' ')} END`;
  const wanted = HOUSEHOLD_STATUSES.filter((status) => p.householdsPerStratum[status] > 0);
  b.add(
    'household_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.village_key, t.status ORDER BY ${b.order('t.ticket', 't.household_id')}) AS rank,
  count(*) OVER (PARTITION BY t.village_key, t.status) AS households_in_stratum,
  ${asked} AS asked
FROM (
  SELECT h.household_id, h.status, ${ticket('household', 'h.household_id')} AS ticket,
    v.village_key, v.village, v.township, v.county_key, v.stratum, v.prefecture, v.county, v.county_selection, v.county_size,
    v.counties_in_stratum, v.counties_drawn, v.p_num, v.p_den, v.county_rank, v.rank AS village_rank, v.villages_in_county, v.villages_drawn
  FROM households h JOIN drawn_villages v ON v.village_key = h.village_key
  WHERE h.status IN (${wanted.length > 0 ? b.list(wanted) : "''"})
) t`,
    'stage 3: in each drawn village, households by status, each stratum by ticket',
  );
  b.add(
    'drawn_households',
    `SELECT r.*, least(r.asked, r.households_in_stratum) AS households_drawn,
  CASE WHEN r.rank <= least(r.asked, r.households_in_stratum) THEN 'sample' ELSE 'spare' END AS role
FROM household_ranks r
WHERE r.rank <= least(r.asked, r.households_in_stratum) + ${p.spares}`,
    `the sample, then --spares ${p.spares} spares next in ticket order`,
  );

  const countyOrder = 'stratum';
  const byStratum = `${d.bytes('sort_1')}, `;
  const columns = EVALUATION_RESULT_COLUMNS[select];
  guardCte(b);
  switch (select) {
    case 'frame':
      return finalSelect(
        b,
        columns,
        `SELECT (SELECT count(*) FROM eval_counties) AS counties, (SELECT count(*) FROM eval_villages) AS villages,
  count(*) FILTER (WHERE status = 'poor') AS poor_households, count(*) FILTER (WHERE status = 'exited') AS exited_households,
  count(*) FILTER (WHERE status = 'nonpoor') AS nonpoor_households, 1 AS sort_1, 1 AS sort_2, 1 AS sort_3, 1 AS sort_4
FROM households`,
        'sort_1',
      );
    case 'strata':
      return finalSelect(
        b,
        columns,
        `SELECT a.stratum AS county_stratum, a.counties, a.registered AS registered_households, a.allocated AS counties_drawn, c.certain AS certainty_counties,
  a.stratum AS sort_1, 0 AS sort_2, 0 AS sort_3, 0 AS sort_4
FROM allocation a JOIN certainty c ON c.stratum = a.stratum`,
        `${byStratum}sort_2`,
      );
    case 'counties':
      return finalSelect(
        b,
        columns,
        `SELECT stratum AS county_stratum, prefecture, county_key AS county_code, county, county_selection, ticket, rank, size AS county_size,
  counties_in_stratum, counties_drawn, ${probability(['p_num'], ['p_den'])} AS county_probability, ${probability(['p_den'], ['p_num'])} AS weight, frame_villages,
  ${countyOrder} AS sort_1, rank AS sort_2, 0 AS sort_3, 0 AS sort_4
FROM drawn_counties`,
        `${byStratum}sort_2`,
      );
    case 'villages':
      return finalSelect(
        b,
        columns,
        `SELECT stratum AS county_stratum, county_key AS county_code, county, township, village_key, NULLIF(village_code, '') AS village_code, village, ticket, rank,
  villages_in_county, villages_drawn, ${probability(['p_num'], ['p_den'])} AS county_probability,
  ${probability(['villages_drawn'], ['villages_in_county'])} AS village_probability,
  ${probability(['p_num', 'villages_drawn'], ['p_den', 'villages_in_county'])} AS probability,
  poor_households, exited_households, nonpoor_households,
  ${countyOrder} AS sort_1, county_rank AS sort_2, rank AS sort_3, 0 AS sort_4
FROM drawn_villages`,
        `${byStratum}sort_2, sort_3`,
      );
    case 'households':
      return finalSelect(
        b,
        columns,
        `SELECT stratum AS county_stratum, prefecture, county_key AS county_code, county, county_selection, county_size, counties_in_stratum, counties_drawn,
  ${probability(['p_num'], ['p_den'])} AS county_probability,
  township, village_key, village, villages_in_county, villages_drawn, ${probability(['villages_drawn'], ['villages_in_county'])} AS village_probability,
  status AS household_stratum, village_key || '/' || status AS household_stratum_key, household_id, role,
  CASE WHEN role = 'spare' THEN rank - households_drawn END AS spare_order, ticket, rank,
  households_in_stratum, households_drawn, ${probability(['households_drawn'], ['households_in_stratum'])} AS household_probability,
  ${probability(['p_num', 'villages_drawn', 'households_drawn'], ['p_den', 'villages_in_county', 'households_in_stratum'])} AS probability,
  ${probability(['p_den', 'villages_in_county', 'households_in_stratum'], ['p_num', 'villages_drawn', 'households_drawn'])} AS weight,
  ${countyOrder} AS sort_1, county_rank AS sort_2, village_rank * 10 + CASE status WHEN 'poor' THEN 1 WHEN 'exited' THEN 2 ELSE 3 END AS sort_3, rank AS sort_4
FROM drawn_households`,
        `${byStratum}sort_2, sort_3, sort_4`,
      );
  }
}

/** The first 13 hex digits of a ticket as an integer (0 ≤ U < 2⁵²), digit by digit. */
function hexPrefixValue(ticketExpression: string): string {
  const terms: string[] = [];
  for (let index = 0; index < 13; index++) {
    const power = 16n ** BigInt(12 - index);
    terms.push(`CAST(strpos('0123456789abcdef', substr(${ticketExpression}, ${index + 1}, 1)) - 1 AS BIGINT) * ${power}`);
  }
  return terms.join('\n  + ');
}

// ---------------------------------------------------------------------------------------------
// Entry points

export interface SqlScript {
  /** One statement per result, in order: name → SQL text (each ends with ";\n"). */
  readonly statements: ReadonlyArray<{ readonly name: string; readonly sql: string }>;
}

/** The comment lines at the top; a control character (a newline in a name) cannot end a comment line. */
function header(lines: readonly string[]): string {
  return lines.map((line) => `-- ${line.replace(/[\x00-\x1f\x7f-\x9f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`.trimEnd()).join('\n');
}

export function monthlySql(dialect: SqlDialect, source: SqlSource, parameters: SqlMonthlyParameters, selects: readonly MonthlySelect[]): SqlScript {
  return { statements: selects.map((select) => ({ name: select, sql: monthlyStatement(dialect, source, parameters, select) })) };
}

export function evaluationSql(dialect: SqlDialect, source: SqlSource, parameters: SqlEvaluationParameters, selects: readonly EvaluationSelect[]): SqlScript {
  return { statements: selects.map((select) => ({ name: select, sql: evaluationStatement(dialect, source, parameters, select) })) };
}

/** The script as printed: a header, then each statement after a comment naming its result. */
export function renderScript(script: SqlScript, preamble: readonly string[]): string {
  return `${header(preamble)}\n\n${script.statements.map((statement) => `-- result: ${statement.name}\n${statement.sql}`).join('\n')}`;
}
