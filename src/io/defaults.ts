/**
 * The names and defaults of files spotcheck reads and writes that the help shows: the plan file, the
 * check workbook and its problem categories. Apart from src/io/plan.ts and src/io/workbook.ts, which
 * use them, so that the help (the options of src/commands/_shared/options.ts) loads neither (start-up,
 * issue 16).
 */

/** The plan file read from the working directory when --plan is not given. */
export const DEFAULT_PLAN = 'spotcheck.config.json';

/** The check workbook's file name in a draw's folder (--xlsx). */
export const WORKBOOK_NAME = 'check-workbook.xlsx';

/**
 * The default list of the 问题类别 drop-down; a committee sets its own with --problem-categories or
 * the plan's problem_categories (checked there: Excel takes a list of at most 255 characters, with
 * no comma or double quote in an item).
 */
export const DEFAULT_PROBLEM_CATEGORIES: readonly string[] = Object.freeze([
  '识别不准',
  '退出不实',
  '帮扶措施不落实',
  '资金使用问题',
  '数据不实',
  '其他',
]);
