/**
 * `spotcheck findings`, issue 18 third part (src/commands/findings/reportWorkbook.ts): the report
 * workbook. Keys: help.findings.*
 */
import type { MessageSection } from './section.js';

export const FINDINGS_REPORT_MESSAGES = {
  'help.findings.xlsx': {
    en: 'write the report workbook to this file: 概要 (counts), 问题类别 (problems by category), 完整性问题 (integrity findings with file and row) and 问题清单 (one row per problem, with empty 整改期限 and 整改情况 columns for follow-up)',
    'zh-CN':
      '将报告工作簿写入该文件：概要（计数）、问题类别（按类别的问题数）、完整性问题（附文件和行号）和 问题清单（每个问题一行，留空 整改期限 和 整改情况 两列供整改跟踪）',
  },
  'help.findings.followUp': {
    en: "last month's report workbook (--xlsx) with 整改期限 and 整改情况 filled in: reports the open problems (整改情况 not 已整改) whose 整改期限 is before --as-of (default: the last day of the run's month)",
    'zh-CN':
      '上月的报告工作簿（--xlsx），已填写 整改期限 和 整改情况：报告整改期限早于 --as-of（默认本次月份的最后一天）且整改情况不是“已整改”的未整改问题',
  },
  'help.findings.asOf': {
    en: 'the reference date of --follow-up, YYYY-MM-DD (the clock is never read)',
    'zh-CN': '--follow-up 的参照日期，格式 YYYY-MM-DD（不读取系统时钟）',
  },
  'cmd.findings.asOfFormat': {
    en: '--as-of must be a day written YYYY-MM-DD, got "{got}"',
    'zh-CN': '--as-of 应为 YYYY-MM-DD 格式的日期，实际为“{got}”',
  },
  'cmd.findings.followUpNoDate': {
    en: '--follow-up needs a reference date: give --as-of YYYY-MM-DD or --month, or draws of one month',
    'zh-CN': '--follow-up 需要参照日期：请给出 --as-of YYYY-MM-DD 或 --month，或只给同一月份的抽取',
  },
  'cmd.findings.followUpNoSheet': {
    en: 'no {sheet} sheet with a heading row: a report workbook written by findings --xlsx expected',
    'zh-CN': '没有带标题行的 {sheet} 工作表：应为 findings --xlsx 写出的报告工作簿',
  },
  'cmd.findings.followUpHeading': {
    en: 'Follow-up of {file} as of {date}:',
    'zh-CN': '{file} 的整改跟踪（截至 {date}）：',
  },
  'cmd.findings.followUpCounts': {
    en: 'problems {problems}, open {open}, open past their deadline {overdue}',
    'zh-CN': '问题 {problems} 个，未整改 {open} 个，逾期未整改 {overdue} 个',
  },
  'cmd.findings.followUpOverdue': {
    en: 'open past its deadline {deadline} (整改情况: {status})',
    'zh-CN': '整改期限 {deadline} 已过，仍未整改（整改情况：{status}）',
  },
  'cmd.findings.followUpBadDeadline': {
    en: '整改期限 is not a day: "{got}"',
    'zh-CN': '整改期限不是有效日期：“{got}”',
  },
} as const satisfies MessageSection;
