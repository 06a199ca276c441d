/** Wrong results that used to pass silently (issue 13): split registries, shared 村代码, estimate answers. */
import type { MessageSection } from './section.js';

export const SILENT_MESSAGES = {
  // src/core/frame.ts: one 村代码 given to two villages.
  'core.frame.villageCodeTwoVillages': {
    en: '村代码 {code} names two villages: {firstVillage} (township {firstTownship}) at {firstAt} and {village} (township {township}) here; give each village its own code',
    'zh-CN':
      '村代码 {code} 对应两个不同的村：{firstAt} 的 {firstVillage}（乡镇 {firstTownship}）和此处的 {village}（乡镇 {township}）；每个村须有自己的代码',
  },
  // src/core/monthly.ts: 是否贫困村 in some registry files only.
  'core.monthly.poorVillageMarksPartial': {
    en: 'the village frame rule {rule} keeps only villages marked poor (是否贫困村), but no village is marked in {without} (the column is missing or blank there) while villages are marked in {with}: the villages of {without} would all leave the frame',
    'zh-CN':
      '村框规则 {rule} 只保留标为贫困村（是否贫困村）的村，但 {without} 没有标记任何村（缺少该列或该列全为空），而 {with} 有标记：{without} 的村将全部落在抽样框之外',
  },
  'core.monthly.poorVillageMarksPartialHint': {
    en: 'add a filled-in 是否贫困村 column to every registry file, or use --village-frame all to draw from every village',
    'zh-CN': '请在每个登记文件中加入并填好“是否贫困村”列，或用 --village-frame all 从全部村中抽取',
  },
  // src/commands/estimate.ts: the declared answers of a measure.
  'help.estimate.no': {
    en: 'the answers counted as no: VALUE|VALUE for every measure, or COLUMN=VALUE|VALUE for one (repeatable; default: the opposite of each yes value: 是/否, yes/no, y/n, true/false, 1/0)',
    'zh-CN':
      '计为“否”的答案：VALUE|VALUE 适用于所有 measure，COLUMN=VALUE|VALUE 只适用于一列（可重复；默认为每个“是”值的反义：是/否、yes/no、y/n、true/false、1/0）',
  },
  'cmd.estimate.noInvalid': {
    en: '--no must be VALUE, VALUE|VALUE or COLUMN=VALUE|VALUE, e.g. --no 否 or --no 满意=否|不满意; got "{got}"',
    'zh-CN':
      '--no 必须写作 VALUE、VALUE|VALUE 或 COLUMN=VALUE|VALUE，如 --no 否 或 --no 满意=否|不满意；实际为 "{got}"',
  },
  'cmd.estimate.noUnknownColumn': {
    en: '--no {got} names the column {column}, which no --measure names',
    'zh-CN': '--no {got} 指定的列 {column} 不是任何 --measure 的列',
  },
  'cmd.estimate.noDefault': {
    en: '--measure {measure}: spotcheck knows no "no" answer for {values}; declare the other answers with --no {column}=VALUE|VALUE',
    'zh-CN':
      '--measure {measure}：spotcheck 不知道 {values} 对应的“否”答案；请用 --no {column}=VALUE|VALUE 声明其余答案',
  },
  'cmd.estimate.yesAndNo': {
    en: '--measure {measure}: {value} is declared both yes and no',
    'zh-CN': '--measure {measure}：{value} 同时被声明为“是”和“否”',
  },
  'cmd.estimate.unexpectedAnswers': {
    en: 'column {column} has {n} answer{s} neither yes ({yes}) nor no ({no}): {values}; they would have counted as no',
    'zh-CN': '列 {column} 有 {n} 个答案既不是“是”（{yes}）也不是“否”（{no}）：{values}；这些答案原本会被计为“否”',
  },
  'cmd.estimate.unexpectedAnswersHint': {
    en: 'correct them in the frame, leave them blank (no response), or declare them: --measure {column}=VALUE|VALUE, --no {column}=VALUE|VALUE',
    'zh-CN':
      '请在文件中更正，或留空（计为未应答），或声明它们：--measure {column}=VALUE|VALUE、--no {column}=VALUE|VALUE',
  },
  'cmd.estimate.valueNeverOccurs': {
    en: '--measure {measure}: no answer in column {column} is {value} (answers found: {values}); check its spelling',
    'zh-CN': '--measure {measure}：列 {column} 中没有任何答案为 {value}（实际的答案：{values}）；请检查拼写',
  },
  'cmd.estimate.noAnswers': { en: 'none', 'zh-CN': '无' },
  'cmd.estimate.moreAnswers': { en: '… and {n} more', 'zh-CN': '……另有 {n} 种' },
} as const satisfies MessageSection;
