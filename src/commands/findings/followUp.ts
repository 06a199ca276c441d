/**
 * `spotcheck findings --follow-up FILE`: last month's report workbook (`--xlsx`) read back, its
 * 问题清单 sheet's 整改期限 and 整改情况 as the county filled them in, and the open problems past
 * their deadline reported (src/core/followUp.ts). The reference date is --as-of, else the end of the
 * run's month; the clock is never read. Rows are matched by 问题编号: with --history holding the
 * findings JSON of the report's month (its 概要 sheet's 月份, else its numbers', reportMonth) and its
 * `problems`, the sheet is checked against that record (followUpChecks); without it, one line says it
 * could not be. The report's month is checked against the run's (reportMonthCheck: last month's,
 * a month-less report taken as such) and the record against the seal on the report's 概要 sheet
 * (recordSealCheck). The problems still open are returned to be carried into this month's list
 * (carriedProblems), their 问题编号 kept.
 */
import { readFile } from 'node:fs/promises';
import {
  type CarriedProblem,
  carriedProblems,
  type FollowUpCheck,
  type FollowUpReport,
  type FollowUpRow,
  followUpChecks,
  followUpReport,
  monthEnd,
  previousMonth,
  type RecordedProblem,
  recordSealCheck,
  reportMonth,
  reportMonthCheck,
} from '../../core/followUp.js';
import { maskIdentifier, maskWrittenText } from '../../core/personalText.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import type ExcelJS from 'exceljs';
import { readWorkbookSheets } from '../../io/xlsx.js';
import { readHistory } from './run.js';
import { columnOf, returnedCellText } from './workbookReturns.js';

/** The problem sheet of a report workbook and the columns read from it; the summary sheet and its month's label. */
const PROBLEM_SHEET = '问题清单';
const COLUMNS = ['问题编号', '户编号', '问题类别', '整改期限', '整改情况'] as const;
const SUMMARY_SHEET = '概要';
const MONTH_LABEL = '月份';
/** The optional columns read from it (the place and 问题描述 carried; 来源 saying which rows were carried). */
const OPTIONAL_COLUMNS = ['问题描述', '州（市）', '县（市、区）', '村', '来源'] as const;
/** The 问题清单 sheet's 来源 column (written with --follow-up): this month's problems, and those carried. */
export const SOURCE_COLUMN = '来源';
export const OWN_SOURCE = '本月';
export const carriedSource = (file: string) => `上月跟踪（${file}）`;
/** The label of the 概要 row holding the problem list's seal (problemsSeal), as reportWorkbook.ts writes it. */
export const SEAL_LABEL = '问题清单 SHA-256';

/** The reference date: --as-of, else the last day of the run's month; refused without either. */
export function followUpDate(asOf: string | null, month: string | null): string {
  if (asOf !== null) return asOf;
  if (month !== null) return monthEnd(month);
  throw new SpotcheckError('USAGE', msg('cmd.findings.followUpNoDate'));
}

/**
 * A 整改期限 cell as text: as returnedCellText reads it (a date cell as YYYY-MM-DD), but a formula
 * with no value stored (=TODAY() written by a program) as its formula, so that it is listed as not a
 * day rather than read as blank.
 */
function deadlineText(value: ExcelJS.CellValue | undefined): string {
  if (value !== null && typeof value === 'object' && 'formula' in value && (value.result ?? null) === null)
    return `=${value.formula}`;
  return returnedCellText(value, true);
}

/**
 * The month the report workbook's 概要 sheet writes on its 月份 row (YYYY-MM; null when absent or
 * not a month), the seal on its 问题清单 SHA-256 row (null when absent) and the 问题清单 sheet's
 * problems: its first row is the heading, each later row with a 问题编号 or a 户编号 a problem.
 */
async function readFollowUp(path: string): Promise<{ month: string | null; seal: string | null; rows: FollowUpRow[] }> {
  const sheets = await readWorkbookSheets(path);
  const summaryRows = sheets.find(({ name }) => name === SUMMARY_SHEET)?.rows ?? [];
  const labelled = (label: string) =>
    summaryRows.find(({ values }) => returnedCellText(values[0]).trim() === label)?.values;
  const written = returnedCellText(labelled(MONTH_LABEL)?.[1]).trim();
  const month = /^\d{4}-(0[1-9]|1[0-2])$/.test(written) ? written : null;
  // The seal row blanked is a seal that matches nothing; no seal row (a report written before seals) checks nothing.
  const sealRow = labelled(SEAL_LABEL);
  const seal = sealRow === undefined ? null : returnedCellText(sealRow[1]).trim();
  const sheet = sheets.find(({ name }) => name === PROBLEM_SHEET);
  if (sheet === undefined || sheet.rows.length === 0)
    throw new SpotcheckError('DATA', msg('cmd.findings.followUpNoSheet', { sheet: PROBLEM_SHEET }), { file: path });
  const [heading, ...rows] = sheet.rows;
  const header = heading!.values.map((value) => returnedCellText(value));
  const indexes = COLUMNS.map((name) => columnOf(header, [name]));
  const missing = COLUMNS.find((_, index) => indexes[index]! < 0);
  if (missing !== undefined)
    throw new SpotcheckError('DATA', msg('cmd.findings.columnMissing', { column: missing }), {
      file: `${path}[${PROBLEM_SHEET}]`,
      line: heading!.number,
    });
  const [number, id, category, deadline, status] = indexes as [number, number, number, number, number];
  const [description, prefecture, county, village, source] = OPTIONAL_COLUMNS.map((name) => columnOf(header, [name]));
  const optional = (values: readonly ExcelJS.CellValue[], index: number | undefined) =>
    index === undefined || index < 0 ? '' : returnedCellText(values[index]).trim();
  return {
    month,
    seal,
    rows: rows
      .filter(
        ({ values }) => returnedCellText(values[number]).trim() !== '' || returnedCellText(values[id]).trim() !== '',
      )
      .map(({ values, number: line }) => ({
        number: returnedCellText(values[number]).trim(),
        household: returnedCellText(values[id]).trim(),
        category: returnedCellText(values[category]).trim(),
        deadline: deadlineText(values[deadline]).trim(),
        status: returnedCellText(values[status]).trim(),
        line,
        description: optional(values, description),
        prefecture: optional(values, prefecture),
        county: optional(values, county),
        village: optional(values, village),
        carried: ![OWN_SOURCE, ''].includes(optional(values, source)),
      })),
  };
}

/** A recorded problem as the findings JSON holds it. */
const isRecordedProblem = (value: unknown): value is RecordedProblem => {
  const problem = (value ?? {}) as Record<string, unknown>;
  return (
    typeof problem.number === 'string' &&
    typeof problem.household === 'string' &&
    typeof problem.category === 'string' &&
    ['string', 'undefined'].includes(typeof problem.description)
  );
};

/** A 问题编号 of a month before `month` (numberProblems), as a problem carried into `month`'s list has. */
const ofEarlierMonth = (number: string, month: string) => {
  const written = /^(\d{4}-(?:0[1-9]|1[0-2]))-\d{4,}$/.exec(number)?.[1];
  return written !== undefined && written < month;
};

/** A 问题编号 of `month`'s list (numberProblems): the month, then at least four digits. */
const ofMonth = (number: string, month: string) =>
  number.startsWith(`${month}-`) && /^\d{4,}$/.test(number.slice(month.length + 1));

/**
 * The month's record: the --history file whose month is the report's (readHistory), its `problems`
 * (null when it has none: written before problems were recorded) and its `problems_sha256` (null
 * when absent); null without --history, without the report's month or without such a file. A
 * `problems` that is not a list of { number, household, category }, or whose numbers are not of the
 * file's month, is refused with its file. The problems carried into that month (its `carried`, absent
 * in files written before problems were carried) are part of the record, numbered with earlier months.
 */
async function recordedProblems(
  history: string | null,
  month: string | null,
): Promise<{ file: string; problems: RecordedProblem[] | null; seal: string | null } | null> {
  if (history === null || month === null) return null;
  const entry = (await readHistory(history)).find((earlier) => earlier.month === month);
  if (entry === undefined) return null;
  const {
    problems,
    carried = [],
    problems_sha256: seal,
  } = JSON.parse(await readFile(entry.file, 'utf8')) as {
    problems?: unknown;
    carried?: unknown;
    problems_sha256?: unknown;
  };
  const written = typeof seal === 'string' ? seal : null;
  if (problems === undefined) return { file: entry.file, problems: null, seal: written };
  if (!Array.isArray(problems) || !problems.every(isRecordedProblem))
    throw new SpotcheckError('DATA', msg('cmd.findings.followUpBadRecord'), { file: entry.file });
  const stray = problems.find((problem) => !ofMonth(problem.number, month));
  if (stray !== undefined)
    throw new SpotcheckError(
      'DATA',
      msg('cmd.findings.followUpRecordOtherMonth', { month, got: maskWrittenText(stray.number) }),
      { file: entry.file },
    );
  if (!Array.isArray(carried) || !carried.every(isRecordedProblem))
    throw new SpotcheckError('DATA', msg('cmd.findings.followUpBadCarried'), { file: entry.file });
  const strayCarried = carried.find((problem) => !ofEarlierMonth(problem.number, month));
  if (strayCarried !== undefined)
    throw new SpotcheckError(
      'DATA',
      msg('cmd.findings.followUpCarriedOtherMonth', { month, got: maskWrittenText(strayCarried.number) }),
      { file: entry.file },
    );
  return { file: entry.file, problems: [...problems, ...carried], seal: written };
}

/**
 * The follow-up of `path` as of `asOf`, checked against the report month's record in `history`
 * when there is one: the report, its lines for the terminal, its JSON and the number of follow-up
 * findings (each makes the run exit 1).
 */
export async function followUp(
  path: string,
  asOf: string,
  reveal: boolean,
  history: string | null,
  runMonth: string | null = null,
) {
  const { month: written, seal, rows } = await readFollowUp(path);
  // A report that says no month (概要 deleted, every 问题编号 blanked) is taken as last month's.
  const month = reportMonth(written, rows) ?? (runMonth === null ? null : previousMonth(runMonth));
  const ledger = await recordedProblems(history, month);
  const record = ledger?.problems === null || ledger === null ? null : { file: ledger.file, problems: ledger.problems };
  const report: FollowUpReport = followUpReport(rows, asOf);

  const checks = [
    reportMonthCheck(month, runMonth, history !== null),
    ledger === null ? null : recordSealCheck(ledger.problems, ledger.seal, seal),
  ]
    .filter((check): check is FollowUpCheck => check !== null)
    .concat(followUpChecks(rows, record?.problems ?? null, month));
  const shown = (text: string) => (reveal ? text : maskWrittenText(text));
  // A 问题类别 carried is written to this month's record as shown (an ID typed into it masked), so
  // that its seal is the one next month's follow-up computes from that record.
  const carried: CarriedProblem[] = carriedProblems(rows, record?.problems ?? null, month, runMonth).map((problem) => ({
    ...problem,
    category: shown(problem.category),
  }));
  // The report holds IDs masked unless it was written with --reveal-ids: mask a whole one here too,
  // and one typed beside a masked one.
  const id = (household: string) =>
    reveal ? household : household.includes('*') ? maskWrittenText(household) : maskIdentifier(household);
  const where = (line: number) => `${path}[${PROBLEM_SHEET}]:${line}`;
  const checkText = (check: FollowUpCheck) => {
    switch (check.kind) {
      case 'missing':
        return t('cmd.findings.followUpMissing', { category: shown(check.expected ?? '') || '—' });
      case 'householdChanged':
        return t('cmd.findings.followUpHouseholdChanged', {
          got: id(check.got ?? ''),
          expected: id(check.expected ?? ''),
        });
      case 'categoryChanged':
        return t('cmd.findings.followUpCategoryChanged', {
          got: shown(check.got ?? ''),
          expected: shown(check.expected ?? ''),
        });
      case 'unknownNumber':
        return check.number === ''
          ? t('cmd.findings.followUpBlankNumber')
          : t('cmd.findings.followUpUnknownNumber', { got: shown(check.number) });
      case 'duplicateNumber':
        return t('cmd.findings.followUpDuplicateNumber', { line: check.expected ?? '' });
      case 'otherMonth':
        return t('cmd.findings.followUpOtherMonth', { got: check.got ?? '', expected: check.expected ?? '' });
      case 'recordMismatch':
        return t('cmd.findings.followUpRecordMismatch', {
          got: (check.got ?? '').slice(0, 16) || '—',
          expected: (check.expected ?? '').slice(0, 16) || '—',
        });
    }
  };
  const lines = [
    t('cmd.findings.followUpHeading', { file: path, date: asOf }),
    `  ${t('cmd.findings.followUpCounts', { problems: report.problems, open: report.open, overdue: report.overdue.length })}`,
    ...(carried.length === 0 ? [] : [`  ${t('cmd.findings.followUpCarried', { n: carried.length })}`]),
    ...report.overdue.map(
      (row) =>
        `  ${where(row.line)}  ${shown(row.number) || '—'}  ${id(row.household)}  ${shown(row.category) || '—'}  ${t('cmd.findings.followUpOverdue', { deadline: row.deadlineDay, status: shown(row.status) || '—' })}`,
    ),
    ...report.unreadableDeadline.map(
      (row) =>
        `  ${where(row.line)}  ${shown(row.number) || '—'}  ${id(row.household)}  ${t('cmd.findings.followUpBadDeadline', { got: shown(row.deadline) })}`,
    ),
    `  ${
      record === null
        ? t('cmd.findings.followUpNoRecord', { month: month ?? '—' })
        : t('cmd.findings.followUpRecord', { file: record.file, n: checks.length })
    }`,
    ...checks.map(
      (check) =>
        `  ${check.line === null ? `${path}[${PROBLEM_SHEET}]` : where(check.line)}  ${shown(check.number) || '—'}  ${id(check.household) || '—'}  ${checkText(check)}`,
    ),
  ];
  const json = {
    file: path,
    as_of: asOf,
    problems: report.problems,
    open: report.open,
    overdue: report.overdue.map((row) => ({
      number: shown(row.number),
      household: id(row.household),
      category: shown(row.category),
      deadline: row.deadlineDay,
      status: shown(row.status),
      line: row.line,
    })),
    unreadable_deadline: report.unreadableDeadline.map((row) => ({
      number: shown(row.number),
      household: id(row.household),
      deadline: shown(row.deadline),
      line: row.line,
    })),
    month,
    record: record?.file ?? null,
    carried: carried.length,
    findings: checks.map((check) => ({
      kind: check.kind,
      number: shown(check.number),
      household: id(check.household),
      line: check.line,
      ...(check.got === undefined ? {} : { got: check.kind === 'householdChanged' ? id(check.got) : shown(check.got) }),
      ...(check.expected === undefined
        ? {}
        : { expected: check.kind === 'householdChanged' ? id(check.expected) : shown(check.expected) }),
    })),
  };
  return { lines, json, findings: checks.length, carried };
}
