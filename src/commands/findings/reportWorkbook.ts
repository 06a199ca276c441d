/**
 * `spotcheck findings --xlsx FILE`: the report workbook (issue 18, third part) — 概要 (the month's
 * counts), 问题类别 (problems by category), 完整性问题 (the integrity findings with file and row) and
 * 问题清单 (one row per household marked 有问题, first its 问题编号 (numberProblems), with empty 整改期限
 * and 整改情况 columns for the follow-up). Households, and the ID and phone numbers in a 问题描述, are
 * masked unless --reveal-ids.
 */
import { dirname, basename } from 'node:path';
import { type CarriedProblem, problemsSeal } from '../../core/followUp.js';
import { maskIdentifier, maskWrittenText } from '../../core/personalText.js';
import { checkOutputFile, writeOutputFile } from '../../io/output.js';
import { findingsWorkbook, type ReportSheet } from '../../io/findingsWorkbook.js';
import type { DrawFindings } from './run.js';
import { carriedSource, OWN_SOURCE, SEAL_LABEL, SOURCE_COLUMN } from './followUp.js';
import { findingText, findingsTotal, monthCounts, monthProblems } from './summary.js';

/** The follow-up columns of the 问题清单 sheet, left empty for the county to fill in. */
const FOLLOW_UP_COLUMNS = ['整改期限', '整改情况'] as const;

/**
 * The open problems of last month's report carried into this one (--follow-up: carriedProblems) and
 * that report's file name, for the 来源 column.
 */
interface CarriedRows {
  readonly problems: readonly CarriedProblem[];
  readonly file: string;
}

/**
 * The report's sheets from the draws' findings; with --follow-up (`carried`), the 问题清单 sheet lists
 * after this month's problems the ones carried, their 问题编号, 整改期限 and 整改情况 as last written,
 * and a 来源 column says which is which; the seal covers both.
 */
function reportSheets(
  draws: readonly DrawFindings[],
  reveal: boolean,
  month: string | null,
  carried: CarriedRows | null,
): ReportSheet[] {
  const shown = (id: string) => (reveal ? id : maskIdentifier(id));
  const shownText = (text: string) => (reveal ? text : maskWrittenText(text));
  const counts = monthCounts(draws);
  const numbered = monthProblems(draws, month);
  const source = carried === null ? [] : [OWN_SOURCE];
  const summary: ReportSheet = {
    name: '概要',
    columns: ['项目', '数值'],
    rows: [
      ['月份', month ?? '—'],
      ['抽查批次', draws.length],
      ['核查户数', counts.checked],
      ['入户户数', counts.reached],
      ['有问题户数', counts.withProblems],
      ['完整性问题', findingsTotal(draws)],
      [SEAL_LABEL, problemsSeal([...numbered, ...(carried?.problems ?? [])])],
    ],
  };
  const byCategory: ReportSheet = {
    name: '问题类别',
    columns: ['问题类别', '户数'],
    rows: Object.entries(counts.byCategory).map(([category, n]) => [category, n]),
  };
  const integrity: ReportSheet = {
    name: '完整性问题',
    columns: ['抽查目录', '户编号', '问题', '文件', '行'],
    rows: draws.flatMap((draw) =>
      draw.report === null
        ? [[draw.dir, '', '抽查结果无法复核（verify 未通过）', '', '']]
        : draw.report.findings.map((finding) => [
            draw.dir,
            shown(finding.household),
            findingText(finding, reveal),
            finding.source.file,
            finding.source.line,
          ]),
    ),
  };
  const problems: ReportSheet = {
    name: '问题清单',
    columns: [
      '问题编号',
      '户编号',
      '州（市）',
      '县（市、区）',
      '村',
      '问题类别',
      '问题描述',
      '文件',
      '行',
      ...FOLLOW_UP_COLUMNS,
      ...(carried === null ? [] : [SOURCE_COLUMN]),
    ],
    rows: [
      ...numbered.map((row) => [
        row.number,
        shown(row.household),
        row.prefecture,
        row.county,
        row.village,
        row.category,
        reveal ? row.description : maskWrittenText(row.description),
        row.source.file,
        row.source.line,
        '',
        '',
        ...source,
      ]),
      ...(carried?.problems ?? []).map((row) => [
        row.number,
        shown(row.household),
        row.prefecture,
        row.county,
        row.village,
        row.category,
        shownText(row.description),
        `${carried!.file}[问题清单]`,
        row.line ?? '',
        shownText(row.deadline),
        shownText(row.status),
        carriedSource(carried!.file),
      ]),
    ],
  };
  return [summary, byCategory, integrity, problems];
}

/** Writes the report workbook to `file`, refused when it is one of the run's inputs. */
export async function writeReportWorkbook(
  file: string,
  inputs: readonly string[],
  draws: readonly DrawFindings[],
  reveal: boolean,
  month: string | null,
  carried: CarriedRows | null = null,
): Promise<void> {
  await checkOutputFile(file, inputs);
  await writeOutputFile(
    dirname(file),
    basename(file),
    await findingsWorkbook(reportSheets(draws, reveal, month, carried)),
  );
}
