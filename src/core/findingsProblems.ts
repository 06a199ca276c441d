/**
 * The problems of a month's returns, one per household marked 有问题 (issue 18, third part): the rows
 * of the report workbook's follow-up sheet. Plain data in, plain rows out; written by
 * src/io/findingsWorkbook.ts. A household returned twice counts once, by its first row, as in
 * problemCounts (src/core/findings.ts).
 */
import type { DrawnHousehold, ReturnedRow, RowSource } from './findings.js';

/** A problem to follow up: the household, where it lives, its 问题类别 and 问题描述 and the row it was returned in. */
export interface ProblemRow {
  readonly household: string;
  readonly prefecture: string;
  readonly county: string;
  readonly village: string;
  /** 问题类别 as written, trimmed ('' when none). */
  readonly category: string;
  /** 问题描述 as written, trimmed ('' when none). */
  readonly description: string;
  readonly source: RowSource;
}

/** A problem with its 问题编号 (numberProblems). */
interface NumberedProblem extends ProblemRow {
  readonly number: string;
}

/** The returned rows marked 有问题 for a drawn household (its first row only), in file and line order. */
export function problemRows(drawn: readonly DrawnHousehold[], returned: readonly ReturnedRow[]): ProblemRow[] {
  const drawnById = new Map(drawn.map((household) => [household.id, household]));
  const seen = new Set<string>();
  const rows: ProblemRow[] = [];
  for (const row of returned) {
    const household = drawnById.get(row.id);
    if (household === undefined || seen.has(row.id)) continue;
    seen.add(row.id);
    if (row.result.trim() !== '有问题') continue;
    rows.push({
      household: row.id,
      prefecture: household.area?.prefecture ?? '',
      county: household.area?.county ?? '',
      village: household.area?.village ?? household.group,
      category: row.category?.trim() ?? '',
      description: row.description?.trim() ?? '',
      source: row.source,
    });
  }
  return rows.sort((a, b) =>
    a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : a.source.line - b.source.line,
  );
}

/**
 * The month's problem list numbered: 问题编号 `YYYY-MM-NNNN` (the run's month, then the problem's
 * place in the list from 0001; more digits past 9999), or `NNNN` alone when the run has no single
 * month. The list's order is the rows' as given: the draws by manifest SHA-256 (monthProblems,
 * src/commands/findings/summary.ts, so that the order the draws are given in changes nothing), then
 * file and line within a draw (problemRows); the number says nothing of the household.
 */
export function numberProblems(rows: readonly ProblemRow[], month: string | null): NumberedProblem[] {
  return rows.map((row, index) => {
    const place = String(index + 1).padStart(4, '0');
    return { ...row, number: month === null ? place : `${month}-${place}` };
  });
}
