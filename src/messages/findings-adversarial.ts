/**
 * `spotcheck findings`, issue 18 adversarial pass (src/commands/findings/): the findings and refusals
 * added against returns made to pass clean. Keys: cmd.findings.*
 */
import type { MessageSection } from './section.js';

export const FINDINGS_ADVERSARIAL_MESSAGES = {
  'cmd.findings.kind.idStoredAsNumber': {
    en: '户编号 stored as a number: Excel keeps 15 digits, the last ones are lost (format the cell as text and type it again)',
    'zh-CN': '户编号被存为数字：Excel 只保留 15 位，后面的数字已丢失（请将单元格设为文本格式后重新输入）',
  },
  'cmd.findings.kind.idNotAsDrawn': {
    en: 'a drawn household\'s 户编号 written otherwise (full-width digits, invisible characters, a lower-case x, ="…" or an apostrophe): retype it as the draw has it',
    'zh-CN': '抽中农户的户编号写法与抽中名单不一致（全角数字、不可见字符、小写 x、="…" 或撇号）：请按抽中名单重新输入',
  },
  'cmd.findings.monthNotDraws': {
    en: "dates checked against --month {month}, not the draw's month {draw}",
    'zh-CN': '核查日期按 --month {month} 核对，而非抽取月份 {draw}',
  },
  'cmd.findings.workbookTwoHashes': {
    en: 'sheet "{sheet}" is matched by two different manifest hashes ({first}…, {second}…): a check workbook prints one',
    'zh-CN': '工作表“{sheet}”对应两个不同的清单 SHA-256（{first}…，{second}…）：核查工作簿只打印一个',
  },
  'cmd.findings.columnTwice': {
    en: 'the column {column} is there twice (columns {columns}): a return names each column once',
    'zh-CN': '{column} 列出现了两次（第 {columns} 列）：交回文件中每列只能出现一次',
  },
  'cmd.findings.returnMatchesTwoDraws': {
    en: 'this return holds {n} households of {first} and {n} of {second}: it cannot be matched to one draw',
    'zh-CN': '该交回文件中有 {first} 的农户 {n} 户，也有 {second} 的农户 {n} 户：无法确定对应哪次抽取',
  },
  'cmd.findings.returnMatchesTwoDrawsHint': {
    en: "split it into one return per draw (each draw's own households.csv or frame.csv with the result columns)",
    'zh-CN': '请按抽取拆分为多个交回文件（每次抽取各自的 households.csv 或 frame.csv 加上核查结果各列）',
  },
  'safety.xlsxHeldHint': {
    en: "a returned workbook is read whole, so its limits are tighter than a registry's (README, findings): return the check workbook the draw wrote, filled in, or a CSV return",
    'zh-CN':
      '交回的工作簿需整体读入，其上限低于登记册（见 README findings 一节）：请交回抽取时写出的核查工作簿（填写后），或交回 CSV 文件',
  },
} as const satisfies MessageSection;
