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
  'cmd.findings.kind.returnFromOtherMonth': {
    en: 'return from another month: dates in {got}, draw month {expected}',
    'zh-CN': '交回的是其他月份的核查：核查日期在 {got}，本次抽取月份为 {expected}',
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
    en: "rate: a probability sample with recorded weights; the problem rate is the weighted share of reached households with 有问题 (无问题 = 0; 未能入户, a blank or a household not returned is non-response), under the draw's design",
    'zh-CN':
      '比例：为记录了权数的概率样本；问题发生率为已入户家庭中“有问题”的加权比例（无问题 = 0；未能入户、未填或未返回的户作无应答处理），按抽样设计估计',
  },
  'cmd.findings.rate': {
    en: 'problem rate in the frame: {estimate} (SE {se}), 95% interval {lower} – {upper} ({method}, design df {df}); {respondents} households reached, {nonResponse} non-response',
    'zh-CN':
      '总体问题发生率：{estimate}（标准误 {se}），95% 置信区间 {lower} – {upper}（{method}，设计自由度 {df}）；入户 {respondents} 户，无应答 {nonResponse} 户',
  },
  'cmd.findings.rateMethodT': { en: 't', 'zh-CN': 't 分布' },
  'cmd.findings.rateMethodNormal': { en: 'normal', 'zh-CN': '正态分布' },
  'cmd.findings.rateMethodKornGraubard': { en: 'Korn–Graubard', 'zh-CN': 'Korn–Graubard 法' },
  'cmd.findings.rateOutside': {
    en: 'the interval passes {bound}, which a share cannot: with few counties the t interval is wide; --interval korn-graubard gives one within 0–100%',
    'zh-CN':
      '置信区间超出了 {bound}（比例不可能超出）：县数少时 t 区间很宽；用 --interval korn-graubard 可得到 0–100% 之内的区间',
  },
  'cmd.findings.rateZeroWidth': {
    en: 'the interval has no width: no reached household had a problem (or every one had), so the SE is 0; that is no proof of a rate of exactly this: --interval korn-graubard gives the range the sample allows',
    'zh-CN':
      '置信区间宽度为 0：已入户家庭均无问题（或均有问题），标准误为 0；这并不说明发生率恰好如此：用 --interval korn-graubard 可得到样本所允许的范围',
  },
  'cmd.findings.rateOnePsu': {
    en: 'problem rate in the frame: {estimate}; no standard error or interval: the reached households are all in one county (one PSU); {respondents} households reached, {nonResponse} non-response',
    'zh-CN':
      '总体问题发生率：{estimate}；无标准误和置信区间：入户家庭均在一个县（一个初级抽样单元）；入户 {respondents} 户，无应答 {nonResponse} 户',
  },
  'cmd.findings.rateNoDf': {
    en: 'problem rate in the frame: {estimate} (SE {se}); no interval: the design has no degrees of freedom (every stratum has one PSU); {respondents} households reached, {nonResponse} non-response',
    'zh-CN':
      '总体问题发生率：{estimate}（标准误 {se}）；无置信区间：设计自由度为 0（每层只有一个初级抽样单元）；入户 {respondents} 户，无应答 {nonResponse} 户',
  },
  'cmd.findings.rateNoRespondents': {
    en: 'problem rate in the frame: none, no sampled household was reached ({nonResponse} non-response)',
    'zh-CN': '总体问题发生率：无，样本户均未入户（无应答 {nonResponse} 户）',
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
