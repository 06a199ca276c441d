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
 * frame; see `guardCte` in builder.ts.
 *
 * The files, by job: parameters.ts (what the caller gives, the result columns), dialect.ts (DuckDB and
 * PostgreSQL spellings, quoting), builder.ts (CTEs, tickets, the guard, the final SELECT),
 * registry.ts (rows, households, villages, townships and their checks, shared by both draws),
 * monthly.ts (the monthly statement), evaluation.ts and evaluationCounties.ts (the evaluation
 * statement; its allocation and stage-1 selection), script.ts (the entry points). The status words
 * come from src/core/vocabulary.ts, as the CLI's frame builders read them.
 */
export type { SqlDialect } from './dialect.js';
export {
  EVALUATION_SELECTS,
  MONTHLY_SELECTS,
  SQL_FIELDS,
  type EvaluationSelect,
  type MonthlySelect,
  type SqlField,
  type SqlScope,
  type SqlSource,
} from './parameters.js';
export { evaluationSql, monthlySql, renderScript } from './script.js';
