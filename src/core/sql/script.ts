/** The entry points: a script of statements (one per result) for a monthly or evaluation draw, and its printed form. */
import type { SqlDialect } from './dialect.js';
import { evaluationStatement } from './evaluation.js';
import { monthlyStatement } from './monthly.js';
import type {
  EvaluationSelect,
  MonthlySelect,
  SqlEvaluationParameters,
  SqlMonthlyParameters,
  SqlSource,
} from './parameters.js';

interface SqlScript {
  /** One statement per result, in order: name → SQL text (each ends with ";\n"). */
  readonly statements: ReadonlyArray<{ readonly name: string; readonly sql: string }>;
}

/** The comment lines at the top; a control character (a newline in a name) cannot end a comment line. */
function header(lines: readonly string[]): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are escaped so a name cannot end an SQL comment line
  const control = /[\x00-\x1f\x7f-\x9f\u2028\u2029]/g;
  return lines
    .map((line) =>
      `-- ${line.replace(control, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}`.trimEnd(),
    )
    .join('\n');
}

export function monthlySql(
  dialect: SqlDialect,
  source: SqlSource,
  parameters: SqlMonthlyParameters,
  selects: readonly MonthlySelect[],
): SqlScript {
  return {
    statements: selects.map((select) => ({ name: select, sql: monthlyStatement(dialect, source, parameters, select) })),
  };
}

export function evaluationSql(
  dialect: SqlDialect,
  source: SqlSource,
  parameters: SqlEvaluationParameters,
  selects: readonly EvaluationSelect[],
): SqlScript {
  return {
    statements: selects.map((select) => ({
      name: select,
      sql: evaluationStatement(dialect, source, parameters, select),
    })),
  };
}

/** The script as printed: a header, then each statement after a comment naming its result. */
export function renderScript(script: SqlScript, preamble: readonly string[]): string {
  return `${header(preamble)}\n\n${script.statements.map((statement) => `-- result: ${statement.name}\n${statement.sql}`).join('\n')}`;
}
