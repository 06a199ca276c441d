/**
 * `spotcheck findings --follow-up FILE`: last month's report workbook (`--xlsx`) read back, its
 * 问题清单 sheet's 整改期限 and 整改情况 as the county filled them in, and the open problems past
 * their deadline reported (src/core/followUp.ts). The reference date is --as-of, else the end of the
 * run's month; the clock is never read.
 */
import { type FollowUpReport, type FollowUpRow, followUpReport, monthEnd } from '../../core/followUp.js';
import { maskIdentifier, maskPersonalText } from '../../core/personalText.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { readWorkbookSheets } from '../../io/xlsx.js';
import { columnOf, returnedCellText } from './workbookReturns.js';

/** The problem sheet of a report workbook and the columns read from it. */
const PROBLEM_SHEET = '问题清单';
const COLUMNS = ['户编号', '问题类别', '整改期限', '整改情况'] as const;

/** The reference date: --as-of, else the last day of the run's month; refused without either. */
export function followUpDate(asOf: string | null, month: string | null): string {
  if (asOf !== null) return asOf;
  if (month !== null) return monthEnd(month);
  throw new SpotcheckError('USAGE', msg('cmd.findings.followUpNoDate'));
}

/** The 问题清单 sheet's problems: its first row is the heading, each later row with a 户编号 a problem. */
async function readFollowUp(path: string): Promise<FollowUpRow[]> {
  const sheet = (await readWorkbookSheets(path)).find(({ name }) => name === PROBLEM_SHEET);
  if (sheet === undefined || sheet.rows.length === 0)
    throw new SpotcheckError('DATA', msg('cmd.findings.followUpNoSheet', { sheet: PROBLEM_SHEET }), { file: path });
  const [heading, ...rows] = sheet.rows;
  const header = heading!.values.map((value) => returnedCellText(value));
  const [id, category, deadline, status] = COLUMNS.map((name) => columnOf(header, [name])) as [
    number,
    number,
    number,
    number,
  ];
  const missing = COLUMNS.find((_, index) => [id, category, deadline, status][index]! < 0);
  if (missing !== undefined)
    throw new SpotcheckError('DATA', msg('cmd.findings.columnMissing', { column: missing }), {
      file: `${path}[${PROBLEM_SHEET}]`,
      line: heading!.number,
    });
  return rows
    .filter(({ values }) => returnedCellText(values[id]).trim() !== '')
    .map(({ values, number }) => ({
      household: returnedCellText(values[id]).trim(),
      category: returnedCellText(values[category]).trim(),
      deadline: returnedCellText(values[deadline], true).trim(),
      status: returnedCellText(values[status]).trim(),
      line: number,
    }));
}

/** The follow-up of `path` as of `asOf`: the report, its lines for the terminal and its JSON. */
export async function followUp(path: string, asOf: string, reveal: boolean) {
  const report: FollowUpReport = followUpReport(await readFollowUp(path), asOf);
  const shown = (text: string) => (reveal ? text : maskPersonalText(text));
  // The report holds IDs masked unless it was written with --reveal-ids: mask a whole one here too.
  const id = (household: string) => (reveal || household.includes('*') ? household : maskIdentifier(household));
  const where = (line: number) => `${path}[${PROBLEM_SHEET}]:${line}`;
  const lines = [
    t('cmd.findings.followUpHeading', { file: path, date: asOf }),
    `  ${t('cmd.findings.followUpCounts', { problems: report.problems, open: report.open, overdue: report.overdue.length })}`,
    ...report.overdue.map(
      (row) =>
        `  ${where(row.line)}  ${id(row.household)}  ${row.category || '—'}  ${t('cmd.findings.followUpOverdue', { deadline: row.deadlineDay, status: shown(row.status) || '—' })}`,
    ),
    ...report.unreadableDeadline.map(
      (row) =>
        `  ${where(row.line)}  ${id(row.household)}  ${t('cmd.findings.followUpBadDeadline', { got: shown(row.deadline) })}`,
    ),
  ];
  const json = {
    file: path,
    as_of: asOf,
    problems: report.problems,
    open: report.open,
    overdue: report.overdue.map((row) => ({
      household: id(row.household),
      category: row.category,
      deadline: row.deadlineDay,
      status: shown(row.status),
      line: row.line,
    })),
    unreadable_deadline: report.unreadableDeadline.map((row) => ({
      household: id(row.household),
      deadline: shown(row.deadline),
      line: row.line,
    })),
  };
  return { lines, json };
}
