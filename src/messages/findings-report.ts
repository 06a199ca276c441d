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
} as const satisfies MessageSection;
