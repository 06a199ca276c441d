/**
 * The follow-up of last month's problems (issue 18, third part): the 问题清单 sheet of a report
 * workbook (`findings --xlsx`) read back with its 整改期限 and 整改情况 filled in. A problem is open
 * when its 整改情况 is not 已整改 (blank, or anything else written); it is overdue when it is open and
 * its 整改期限 is a day before the reference date (`--as-of`, else the end of `--month`: never the
 * clock). A 整改期限 that is not a day is listed apart, so that no problem is silently dropped.
 *
 * Each row is matched by its 问题编号 (numberProblems, src/core/findingsProblems.ts), never by its
 * place in the sheet: checked against the month's recorded problem list (the findings JSON's
 * `problems`), a recorded problem missing from the sheet, a row whose 户编号 or 问题类别 is not the
 * recorded one, and a row whose 问题编号 is blank, unknown or on another row too are findings
 * (followUpChecks), so that a county cannot drop an embarrassing row, and sorting changes nothing.
 * A report of another month than last month's is a finding (reportMonthCheck), and so is a record
 * whose problems do not give the seal the report carries (problemsSeal, recordSealCheck).
 */
import { createHash } from 'node:crypto';
import { checkDate } from './findings.js';
import { maskIdentifier } from './personalText.js';

/** What 整改情况 says when the problem is put right. */
const CLOSED = '已整改';

/** A problem as read back from the 问题清单 sheet, with the sheet row it is on. */
export interface FollowUpRow {
  /** 问题编号 as written ('' when blank). */
  readonly number: string;
  readonly household: string;
  readonly category: string;
  /** 整改期限 as written ('' when blank; a date cell read as YYYY-MM-DD). */
  readonly deadline: string;
  /** 整改情况 as written. */
  readonly status: string;
  readonly line: number;
  /** 问题描述 and where the household lives, as written ('' or absent when the sheet has no such column). */
  readonly description?: string;
  readonly prefecture?: string;
  readonly county?: string;
  readonly village?: string;
  /** Whether its 来源 says it was carried from an earlier month's report (carriedProblems). */
  readonly carried?: boolean;
}

export interface FollowUpReport {
  /** Open problems whose 整改期限 is before the reference date, by deadline then 问题编号 then row. */
  readonly overdue: readonly (FollowUpRow & { readonly deadlineDay: string })[];
  /** Open problems whose 整改期限 is written but is not a day. */
  readonly unreadableDeadline: readonly FollowUpRow[];
  /** Problems read, and of them open. */
  readonly problems: number;
  readonly open: number;
}

/** 问题编号 in order: the shorter first (0001 … 9999 before 10000), then by code unit. */
const byNumber = (a: string, b: string) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0);

/** The overdue open problems as of `asOf` (YYYY-MM-DD). */
export function followUpReport(rows: readonly FollowUpRow[], asOf: string): FollowUpReport {
  const open = rows.filter((row) => row.status.trim() !== CLOSED);
  const overdue = open
    .map((row) => ({ ...row, deadlineDay: row.deadline.trim() === '' ? null : checkDate(row.deadline) }))
    .filter((row): row is FollowUpRow & { deadlineDay: string } => row.deadlineDay !== null && row.deadlineDay < asOf)
    .sort(
      (a, b) =>
        (a.deadlineDay < b.deadlineDay ? -1 : a.deadlineDay > b.deadlineDay ? 1 : 0) ||
        byNumber(a.number, b.number) ||
        a.line - b.line,
    );
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

/** A problem of the month's record (the findings JSON's `problems`): its number, household and 问题类别. */
export interface RecordedProblem {
  readonly number: string;
  readonly household: string;
  readonly category: string;
  /** 问题描述 as recorded, when the record has it. */
  readonly description?: string;
}

export type FollowUpCheckKind =
  | 'missing'
  | 'householdChanged'
  | 'categoryChanged'
  | 'unknownNumber'
  | 'duplicateNumber'
  | 'otherMonth'
  | 'recordMismatch';

/**
 * A follow-up finding: `line` the sheet row (null for a recorded problem missing from the sheet, and
 * for the workbook's month or seal); `got` what the row says and `expected` what the record says
 * (for duplicateNumber, the first row's line; for otherMonth the report's month and the one
 * expected; for recordMismatch the record's seal and the report's).
 */
export interface FollowUpCheck {
  readonly kind: FollowUpCheckKind;
  readonly number: string;
  readonly household: string;
  readonly line: number | null;
  readonly got?: string;
  readonly expected?: string;
}

/**
 * Whether two 户编号 are the same household: equal, or, when either is masked (held with *, as
 * written without --reveal-ids), equal once both are masked (maskIdentifier keeps a masked one).
 */
export function sameHousehold(a: string, b: string): boolean {
  return a === b || ((a.includes('*') || b.includes('*')) && maskIdentifier(a) === maskIdentifier(b));
}

/** A 问题编号 of a month's problem list (numberProblems): YYYY-MM- then at least four digits. */
const MONTH_NUMBER = /^(\d{4}-(?:0[1-9]|1[0-2]))-\d{4,}$/;

/**
 * The month of a returned report: the 概要 sheet's 月份 as read (`written`, null when absent or not
 * YYYY-MM), else the month its first 问题编号 (by line) carries — of a row not carried from an
 * earlier month (its 来源) when there is one — so that blanking the 月份 does not keep the sheet
 * from its record; null when neither says.
 */
export function reportMonth(written: string | null, rows: readonly FollowUpRow[]): string | null {
  if (written !== null) return written;
  const byLine = [...rows].sort((a, b) => a.line - b.line).filter((row) => MONTH_NUMBER.test(row.number));
  const numbered = byLine.find((row) => row.carried !== true) ?? byLine[0];
  return numbered === undefined ? null : MONTH_NUMBER.exec(numbered.number)![1]!;
}

/**
 * Whether a row's 问题编号 may be on the report of `month`: one of that month, or one of an earlier
 * month carried into it (carriedProblems) — in the record when there is one (`record`, its problems
 * and carried problems), else on a row whose 来源 says it was carried.
 */
function ofReportMonth(row: FollowUpRow, month: string, record: ReadonlyMap<string, RecordedProblem> | null): boolean {
  const numberMonth = MONTH_NUMBER.exec(row.number)?.[1];
  if (numberMonth === month) return true;
  if (numberMonth === undefined || numberMonth > month) return false;
  return record === null ? row.carried === true : record.has(row.number);
}

/**
 * The returned sheet's rows checked by 问题编号: a blank number, one not of the report's `month`
 * (YYYY-MM-NNNN, when the month is known), or one on an earlier row (by line) too, is a finding
 * without the record (one of an earlier month carried on a row whose 来源 says so excepted: ofReportMonth);
 * with it (`recorded`, null when there is none: the month's problems and those carried into it), a
 * number not in it, a 户编号 or
 * 问题类别 (trimmed) other than the recorded one, and every recorded problem on no row. Rows'
 * findings by line, then the missing in the record's order; the rows' order in the sheet changes
 * nothing but the lines named.
 */
export function followUpChecks(
  rows: readonly FollowUpRow[],
  recorded: readonly RecordedProblem[] | null,
  month: string | null = null,
): FollowUpCheck[] {
  const record = new Map((recorded ?? []).map((problem) => [problem.number, problem]));
  const firstLine = new Map<string, number>();
  const checks: FollowUpCheck[] = [];
  for (const row of [...rows].sort((a, b) => a.line - b.line)) {
    const { number, household, line } = row;
    const at = { number, household, line };
    if (number === '') {
      checks.push({ kind: 'unknownNumber', ...at, got: '' });
      continue;
    }
    const first = firstLine.get(number);
    if (first !== undefined) {
      checks.push({ kind: 'duplicateNumber', ...at, expected: String(first) });
      continue;
    }
    firstLine.set(number, line);
    if (month !== null && !ofReportMonth(row, month, recorded === null ? null : record)) {
      checks.push({ kind: 'unknownNumber', ...at, got: number });
      continue;
    }
    if (recorded === null) continue;
    const problem = record.get(number);
    if (problem === undefined) {
      checks.push({ kind: 'unknownNumber', ...at, got: number });
      continue;
    }
    if (!sameHousehold(household, problem.household))
      checks.push({ kind: 'householdChanged', ...at, got: household, expected: problem.household });
    if (row.category.trim() !== problem.category.trim())
      checks.push({ kind: 'categoryChanged', ...at, got: row.category.trim(), expected: problem.category.trim() });
  }
  for (const problem of recorded ?? [])
    if (!firstLine.has(problem.number))
      checks.push({
        kind: 'missing',
        number: problem.number,
        household: problem.household,
        line: null,
        expected: problem.category,
      });
  return checks;
}

/** The month before a month (YYYY-MM). */
export function previousMonth(month: string): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  return number === 1 ? `${year - 1}-12` : `${year}-${String(number - 1).padStart(2, '0')}`;
}

/**
 * The report's month against the run's (`runMonth`, null when the run has no single month): last
 * month's report is followed up; an older one (October's report given in December, so that
 * November's problems are not seen) or a later one is a finding. One of the run's own month is too
 * when the run has a ledger (`withHistory`): no record of the run's month can be in it (the trend
 * refuses one), so a report relabelled and renumbered as this month's would escape the record;
 * without a ledger nothing is checked against a record anyway, and a report may be followed up
 * within its month.
 */
export function reportMonthCheck(
  month: string | null,
  runMonth: string | null,
  withHistory = false,
): FollowUpCheck | null {
  if (month === null || runMonth === null) return null;
  const expected = previousMonth(runMonth);
  if (month === expected || (month === runMonth && !withHistory)) return null;
  return { kind: 'otherMonth', number: '', household: '', line: null, got: month, expected };
}

/**
 * The seal of a month's problem list (the report's 概要 sheet's 问题清单 SHA-256 and the findings
 * JSON's `problems_sha256`): the SHA-256 of one line per problem, by 问题编号 — number, 户编号 as
 * masked (maskIdentifier, so that a list written with --reveal-ids seals alike), 问题类别 trimmed,
 * tab-separated — so that the report and the ledger of one run agree, whatever their order.
 */
export function problemsSeal(problems: readonly RecordedProblem[]): string {
  const lines = [...problems]
    .sort((a, b) => byNumber(a.number, b.number))
    .map((problem) => `${problem.number}\t${maskIdentifier(problem.household)}\t${problem.category.trim()}\n`);
  return createHash('sha256').update(lines.join(''), 'utf8').digest('hex');
}

/**
 * The month's record against the report's seal: a finding when the record's problems do not give
 * the seal the report's 概要 sheet carries (`sheetSeal`; a ledger of another run, or one whose
 * problems were edited or removed: `recorded` null) or the one the record itself carries
 * (`recordSeal`, its `problems_sha256`). Without a seal on either side (files written before
 * problems were sealed) nothing is checked.
 */
export function recordSealCheck(
  recorded: readonly RecordedProblem[] | null,
  recordSeal: string | null,
  sheetSeal: string | null,
): FollowUpCheck | null {
  const seal = recorded === null ? '' : problemsSeal(recorded);
  const expected = [sheetSeal, recordSeal].find((written) => written !== null && written.toLowerCase() !== seal);
  if (expected === undefined || expected === null) return null;
  return { kind: 'recordMismatch', number: '', household: '', line: null, got: seal, expected };
}

/** A problem carried into this month's list from last month's report: its record, where it lives, its 整改期限 and 整改情况 as last written. */
export interface CarriedProblem extends RecordedProblem {
  readonly description: string;
  readonly prefecture: string;
  readonly county: string;
  readonly village: string;
  readonly deadline: string;
  readonly status: string;
  /** The report's sheet row it was read from (null for a recorded problem missing from the sheet). */
  readonly line: number | null;
}

/**
 * The problems of last month's report carried into this month's list (整改销号: a problem is followed
 * until it is put right): every problem still open (整改情况 not 已整改, as followUpReport decides),
 * with its 问题编号 kept and its 整改期限 and 整改情况 as the county last wrote them. A row is carried
 * only when its number is one followUpChecks accepts (not blank, on no earlier row, of the report's
 * `month` or carried into it); with the record (`recorded`), its 户编号 and 问题类别 are the recorded
 * ones, and a recorded problem on no row is carried too, open, with no deadline or status (its row
 * deleted is a follow-up finding, not a problem put right). Only a number YYYY-MM-NNNN of a month
 * before the run's (`runMonth`; any month when null) is carried, so that a report of the run's own
 * month (followed up without --history) puts no number twice on this month's list. By 问题编号.
 */
export function carriedProblems(
  rows: readonly FollowUpRow[],
  recorded: readonly RecordedProblem[] | null,
  month: string | null,
  runMonth: string | null = null,
): CarriedProblem[] {
  const record = recorded === null ? null : new Map(recorded.map((problem) => [problem.number, problem]));
  const beforeRun = (number: string) => {
    const numberMonth = MONTH_NUMBER.exec(number)?.[1];
    return numberMonth !== undefined && (runMonth === null || numberMonth < runMonth);
  };
  const seen = new Set<string>();
  const carried: CarriedProblem[] = [];
  for (const row of [...rows].sort((a, b) => a.line - b.line)) {
    if (row.number === '' || seen.has(row.number)) continue;
    seen.add(row.number);
    if (month !== null && !ofReportMonth(row, month, record)) continue;
    const problem = record?.get(row.number);
    if (record !== null && problem === undefined) continue;
    if (row.status.trim() === CLOSED) continue;
    carried.push({
      number: row.number,
      household: problem?.household ?? row.household,
      category: (problem?.category ?? row.category).trim(),
      description: row.description ?? problem?.description ?? '',
      prefecture: row.prefecture ?? '',
      county: row.county ?? '',
      village: row.village ?? '',
      deadline: row.deadline,
      status: row.status,
      line: row.line,
    });
  }
  for (const problem of recorded ?? [])
    if (!seen.has(problem.number))
      carried.push({
        number: problem.number,
        household: problem.household,
        category: problem.category.trim(),
        description: problem.description ?? '',
        prefecture: '',
        county: '',
        village: '',
        deadline: '',
        status: '',
        line: null,
      });
  return carried.filter((problem) => beforeRun(problem.number)).sort((a, b) => byNumber(a.number, b.number));
}
