/**
 * The follow-up of last month's problems (issue 18, third part): the 问题清单 sheet of a report
 * workbook (`findings --xlsx`) read back with its 整改期限 and 整改情况 filled in. A problem is open
 * when its 整改情况 is not 已整改 (blank, or anything else written); it is overdue when it is open and
 * its 整改期限 is a day before the reference date (`--as-of`, else the end of `--month`: never the
 * clock). A 整改期限 that is not a day is listed apart, so that no problem is silently dropped.
 */
import { checkDate } from './findings.js';

/** What 整改情况 says when the problem is put right. */
const CLOSED = '已整改';

/** A problem as read back from the 问题清单 sheet, with the sheet row it is on. */
export interface FollowUpRow {
  readonly household: string;
  readonly category: string;
  /** 整改期限 as written ('' when blank; a date cell read as YYYY-MM-DD). */
  readonly deadline: string;
  /** 整改情况 as written. */
  readonly status: string;
  readonly line: number;
}

export interface FollowUpReport {
  /** Open problems whose 整改期限 is before the reference date, by deadline then row. */
  readonly overdue: readonly (FollowUpRow & { readonly deadlineDay: string })[];
  /** Open problems whose 整改期限 is written but is not a day. */
  readonly unreadableDeadline: readonly FollowUpRow[];
  /** Problems read, and of them open. */
  readonly problems: number;
  readonly open: number;
}

/** The overdue open problems as of `asOf` (YYYY-MM-DD). */
export function followUpReport(rows: readonly FollowUpRow[], asOf: string): FollowUpReport {
  const open = rows.filter((row) => row.status.trim() !== CLOSED);
  const overdue = open
    .map((row) => ({ ...row, deadlineDay: row.deadline.trim() === '' ? null : checkDate(row.deadline) }))
    .filter((row): row is FollowUpRow & { deadlineDay: string } => row.deadlineDay !== null && row.deadlineDay < asOf)
    .sort((a, b) => (a.deadlineDay < b.deadlineDay ? -1 : a.deadlineDay > b.deadlineDay ? 1 : a.line - b.line));
  const unreadableDeadline = open.filter((row) => row.deadline.trim() !== '' && checkDate(row.deadline) === null);
  return { overdue, unreadableDeadline, problems: rows.length, open: open.length };
}

/** The last day of a month (YYYY-MM) as YYYY-MM-DD. */
export function monthEnd(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][number - 1]!;
  return `${month}-${String(days).padStart(2, '0')}`;
}
