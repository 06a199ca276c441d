/**
 * `spotcheck findings`, issue 18 third part (src/commands/findings/reportWorkbook.ts): the report
 * workbook. Keys: help.findings.*
 */
import type { MessageSection } from './section.js';

export const FINDINGS_REPORT_MESSAGES = {
  'help.findings.xlsx': {
    en: 'write the report workbook to this file: 概要 (counts), 问题类别 (problems by category), 完整性问题 (integrity findings with file and row) and 问题清单 (one row per problem: 问题编号, 问题描述, empty 整改期限 and 整改情况 for follow-up)',
    'zh-CN':
      '将报告工作簿写入该文件：概要（计数）、问题类别（按类别的问题数）、完整性问题（附文件和行号）和 问题清单（每个问题一行，含问题编号和问题描述，留空 整改期限 和 整改情况 两列供整改跟踪）',
  },
  'help.findings.followUp': {
    en: "last month's report workbook (--xlsx) with 整改期限 and 整改情况 filled in: reports the open problems (整改情况 not 已整改) whose 整改期限 is before --as-of (default: the last day of the run's month); with --history, checked against that month's problem list; the open ones are carried into this month's list (--xlsx, --json, --out) with their 问题编号",
    'zh-CN':
      '上月的报告工作簿（--xlsx），已填写 整改期限 和 整改情况：报告整改期限早于 --as-of（默认本次月份的最后一天）且整改情况不是“已整改”的未整改问题；给出 --history 时与该月问题记录核对；未整改的问题保留原问题编号转入本月问题清单（--xlsx、--json、--out）',
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
  'cmd.findings.followUpBadRecord': {
    en: 'the "problems" of a findings JSON file must be a list of objects with a text number, household and category (as findings --out writes it)',
    'zh-CN':
      'findings JSON 文件的 "problems" 应为对象列表，每项含文本 number、household、category（即 findings --out 写出的格式）',
  },
  'cmd.findings.followUpNoRecord': {
    en: 'not checked against the recorded problem list of {month}: rows deleted, renumbered or edited cannot be found (give --history DIR holding the findings JSON that findings --out wrote for {month})',
    'zh-CN':
      '未与 {month} 的问题记录核对：无法发现被删除、改号或改动的行（请用 --history 指定存有 {month} 的 findings JSON（findings --out 写出）的文件夹）',
  },
  'cmd.findings.followUpRecord': {
    en: 'checked against the recorded problem list in {file}; follow-up findings: {n}',
    'zh-CN': '已与 {file} 中的问题记录核对：整改跟踪问题 {n} 个',
  },
  'cmd.findings.followUpMissing': {
    en: 'recorded problem missing from the sheet (问题类别: {category})',
    'zh-CN': '记录中的问题在表中缺失（问题类别：{category}）',
  },
  'cmd.findings.followUpHouseholdChanged': {
    en: '户编号 differs from the record: got "{got}", recorded "{expected}"',
    'zh-CN': '户编号与记录不符：表中为“{got}”，记录为“{expected}”',
  },
  'cmd.findings.followUpCategoryChanged': {
    en: '问题类别 differs from the record: got "{got}", recorded "{expected}"',
    'zh-CN': '问题类别与记录不符：表中为“{got}”，记录为“{expected}”',
  },
  'cmd.findings.followUpBlankNumber': {
    en: '问题编号 is blank: the row cannot be matched to a problem',
    'zh-CN': '问题编号为空：该行无法对应到问题',
  },
  'cmd.findings.followUpUnknownNumber': {
    en: '问题编号 "{got}" is not in the record',
    'zh-CN': '问题编号“{got}”不在记录中',
  },
  'cmd.findings.followUpDuplicateNumber': {
    en: '问题编号 already on row {line}',
    'zh-CN': '问题编号与第 {line} 行重复',
  },
  'cmd.findings.followUpOtherMonth': {
    en: 'the report is of {got}: a follow-up this month is of last month’s report ({expected}), whose problems are not checked',
    'zh-CN': '报告工作簿的月份为 {got}：本月应跟踪上月（{expected}）的报告，其问题未被核对',
  },
  'cmd.findings.followUpRecordMismatch': {
    en: 'the recorded problem list (sealed {got}…) is not the one the report was written from (its 概要 sheet’s 问题清单 SHA-256, or the record’s problems_sha256: {expected}…): a record of another run, or one edited',
    'zh-CN':
      '问题记录（校验值 {got}…）与写出该报告的问题清单不一致（报告 概要 表的 问题清单 SHA-256 或记录的 problems_sha256：{expected}…）：记录来自另一次运行，或已被改动',
  },
  'cmd.findings.followUpRecordOtherMonth': {
    en: 'the "problems" of a findings JSON file for {month} must be numbered {month}-NNNN (as findings --out writes them), got "{got}"',
    'zh-CN':
      '{month} 的 findings JSON 文件中 "problems" 的编号应为 {month}-NNNN（即 findings --out 写出的格式），实际为“{got}”',
  },
  'cmd.findings.followUpCarried': {
    en: 'carried into this month’s problem list (until 已整改): {n}, with their 问题编号, 整改期限 and 整改情况 (--xlsx, --json, --out)',
    'zh-CN': '转入本月问题清单（直至已整改）：{n} 个，保留原问题编号、整改期限和整改情况（--xlsx、--json、--out）',
  },
  'cmd.findings.followUpBadCarried': {
    en: 'the "carried" of a findings JSON file must be a list of objects with a text number, household and category (as findings --out writes it)',
    'zh-CN':
      'findings JSON 文件的 "carried" 应为对象列表，每项含文本 number、household、category（即 findings --out 写出的格式）',
  },
  'cmd.findings.followUpCarriedOtherMonth': {
    en: 'the "carried" problems of a findings JSON file for {month} must be numbered with an earlier month, YYYY-MM-NNNN (as findings --out writes them), got "{got}"',
    'zh-CN':
      '{month} 的 findings JSON 文件中 "carried"（转入问题）的编号应为更早月份的 YYYY-MM-NNNN（即 findings --out 写出的格式），实际为“{got}”',
  },
} as const satisfies MessageSection;
