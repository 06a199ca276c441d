/**
 * `spotcheck findings`, issue 18 second part (src/commands/findings/): the counts by category, level
 * and area, --categories (问题类别 against the committee's list), --history and --out (the cumulative
 * count over earlier months), and the statement on rates. Keys: help.findings.*, cmd.findings.*
 */
import type { MessageSection } from './section.js';

export const FINDINGS_COUNTS_MESSAGES = {
  'help.findings.categories': {
    en: "the committee's list of 问题类别, one a line (UTF-8 text; blank lines and lines starting with # ignored): a row marked 有问题 in a return with a 问题类别 column must name one",
    'zh-CN':
      '委员会确定的问题类别清单，每行一个（UTF-8 文本；忽略空行和以 # 开头的行）：交回文件有 问题类别 列时，标为“有问题”的行须填写清单中的类别',
  },
  'help.findings.history': {
    en: "a folder of earlier months' findings JSON (written by --out, or saved --json output): prints the month-by-month trend and the cumulative count",
    'zh-CN': '存放以往各月 findings JSON 的文件夹（由 --out 写出，或保存的 --json 输出）：输出逐月趋势和累计数',
  },
  'help.findings.out': {
    en: "write this month's findings JSON into this folder as findings-YYYY-MM.json (next month's --history)",
    'zh-CN': '将本月的 findings JSON 写入该文件夹，文件名 findings-YYYY-MM.json（供下月 --history 使用）',
  },
  'cmd.findings.kind.categoryInvalid': {
    en: '问题类别 must be one of the committee\'s list (--categories), got "{got}"',
    'zh-CN': '问题类别应为委员会清单（--categories）中的一项，实际为“{got}”',
  },
  'cmd.findings.categoriesEmpty': {
    en: 'the category list names no category: one 问题类别 a line expected',
    'zh-CN': '问题类别清单中没有任何类别：应每行一个问题类别',
  },
  'cmd.findings.categoriesUnreadable': {
    en: 'cannot read the category list: {reason}',
    'zh-CN': '无法读取问题类别清单：{reason}',
  },
  'cmd.findings.villages': {
    en: 'villages checked {checked}, reached {reached}, with problems {problems}',
    'zh-CN': '已核查 {checked} 个村，已入户 {reached} 个村，有问题 {problems} 个村',
  },
  'cmd.findings.byCategory': { en: 'problems by category: {list}', 'zh-CN': '按问题类别：{list}' },
  'cmd.findings.byPrefecture': { en: 'problems by prefecture: {list}', 'zh-CN': '按州（市）：{list}' },
  'cmd.findings.byCounty': { en: 'problems by county: {list}', 'zh-CN': '按县（市、区）：{list}' },
  'cmd.findings.byLevel': { en: 'problems by level of the draw: {list}', 'zh-CN': '按抽取层级：{list}' },
  'cmd.findings.monthTotals': {
    en: 'All draws: households checked {checked}, with problems {problems}',
    'zh-CN': '全部抽取：已核查 {checked} 户，发现问题 {problems} 个',
  },
  'cmd.findings.rateProbability': {
    en: 'rate: a probability sample with recorded weights; the problem rate with its interval is not built yet',
    'zh-CN': '比例：为记录了权数的概率样本；带置信区间的问题发生率尚未实现',
  },
  'cmd.findings.rateNotProbability': {
    en: 'rate: not a probability sample of the frame with recorded weights, so no problem rate is given (counts only)',
    'zh-CN': '比例：不是记录了权数的总体概率样本，不给出问题发生率（仅计数）',
  },
  'cmd.findings.trend': { en: 'Month by month:', 'zh-CN': '逐月：' },
  'cmd.findings.trendMonth': {
    en: '{month}  checked {checked}, problems {problems}, findings {findings}',
    'zh-CN': '{month}  已核查 {checked} 户，发现问题 {problems} 个，核查问题 {findings} 项',
  },
  'cmd.findings.cumulative': {
    en: 'Cumulative over {months} months (累计发现问题): {problems} problems found, {checked} households checked',
    'zh-CN': '{months} 个月累计：累计发现问题 {problems} 个，累计核查 {checked} 户',
  },
  'cmd.findings.oneMonthNeeded': {
    en: '--history and --out need the month of the run: the draws are of {months}; give --month YYYY-MM',
    'zh-CN': '--history 和 --out 需要确定本次的月份：所给抽取的月份为 {months}；请给出 --month YYYY-MM',
  },
  'cmd.findings.historyNotFolder': {
    en: '--history must be a folder of earlier findings JSON files',
    'zh-CN': '--history 应为存放以往 findings JSON 文件的文件夹',
  },
  'cmd.findings.historyBadFile': {
    en: 'not a findings JSON file: "month" (YYYY-MM) and "totals" with checked, with_problems and findings expected',
    'zh-CN': '不是 findings JSON 文件：应有 "month"（YYYY-MM）和 "totals"（含 checked、with_problems、findings）',
  },
  'cmd.findings.historyNotEarlier': {
    en: 'a history file must be of a month before {current}, got {month}',
    'zh-CN': '历史文件的月份应早于 {current}，实际为 {month}',
  },
  'cmd.findings.historyNotEarlierHint': {
    en: 'to check a month again, take its own file out of the --history folder',
    'zh-CN': '如需重新核对某月，请先将该月的文件移出 --history 文件夹',
  },
  'cmd.findings.historyRepeated': {
    en: 'two history files are both of {month}: a month is counted once',
    'zh-CN': '有两个历史文件同为 {month}：每个月只能计一次',
  },
} as const satisfies MessageSection;
