/** Messages of the seed rule (src/core/seed.ts), `ledger verify --head`, and a draw whose ledger entry cannot be written. */
import type { MessageSection } from './section.js';

export const SEED_LEDGER_MESSAGES = {
  // src/options.ts: the seed rule (docs/algorithm.md §2.2)
  'seed.invalid': {
    en: '--seed may contain only visible letters, digits, Chinese characters, punctuation and single ASCII spaces; it has {problems}',
    'zh-CN': '--seed 只能包含可见的字母、数字、汉字、标点和单个 ASCII 空格；其中有 {problems}',
  },
  'seed.problem.notAllowed': { en: '{char} at character {position}', 'zh-CN': '第 {position} 个字符 {char}' },
  'seed.problem.doubleSpace': {
    en: 'two spaces in a row at character {position}',
    'zh-CN': '第 {position} 个字符处连续两个空格',
  },
  'seed.problem.notNormalised': {
    en: '{char} at character {position} (the seed is not in its normal form: NFC, trimmed)',
    'zh-CN': '第 {position} 个字符 {char}（种子不是规范形式：NFC、去除首尾空白）',
  },
  'seed.invalidHint': {
    en: 'type the seed again with plain characters (the same seed must look the same in the notice, the summary and the ledger)',
    'zh-CN': '请用普通字符重新输入种子（同一种子在公告、摘要和台账中必须看起来一样）',
  },
  'seed.invalidHintIdeographicSpace': {
    en: 'type the seed again with plain characters, and use an ASCII space instead of the ideographic (full-width) space U+3000',
    'zh-CN': '请用普通字符重新输入种子，并以 ASCII 空格代替全角空格 U+3000',
  },
  // src/commands/verify.ts
  'seed.verify.check': { en: 'seed', 'zh-CN': '种子' },
  'seed.verify.ok': { en: '{seed}', 'zh-CN': '{seed}' },
  'seed.verify.bad': {
    en: 'the recorded seed breaks the seed rule (docs/algorithm.md §2.2): {problems}; a seed that looks like another must not be trusted',
    'zh-CN': '记录的种子不符合种子规则（docs/algorithm.md §2.2）：{problems}；看起来与其他种子相同的种子不可信',
  },
  // src/commands/ledger.ts: --head
  'seed.ledger.headAt': {
    en: 'published head {head} is entry #{sequence} (line {line})',
    'zh-CN': '公布的链头 {head} 是第 #{sequence} 条（第 {line} 行）',
  },
  'seed.ledger.headNotEntry': {
    en: 'the published head {head} is not the hash of any entry of the ledger (entries were deleted or the ledger rewritten)',
    'zh-CN': '公布的链头 {head} 不是台账中任何一条记录的哈希值（有记录被删除，或台账被重写）',
  },
  'seed.ledger.headInBrokenChain': {
    en: 'the published head {head} names entry #{sequence}, but the chain is broken, so it proves nothing',
    'zh-CN': '公布的链头 {head} 对应第 #{sequence} 条，但链已断裂，不能证明任何事项',
  },
  // src/commands/shared.ts, src/io/ledger.ts: the draw and its ledger entry as one act
  'seed.ledger.empty': {
    en: '--ledger must name a file (got an empty text)',
    'zh-CN': '--ledger 须为文件名（实际为空）',
  },
  'seed.ledger.notAppendable': {
    en: 'the ledger cannot be opened for appending ({reason}); nothing was drawn',
    'zh-CN': '无法以追加方式打开抽查台账（{reason}）；未进行抽取',
  },
  'seed.redraw.earlierInOut': {
    en: 'the draw in {dir} (seed {seed}, made {time})',
    'zh-CN': '{dir} 中的抽取（种子 {seed}，抽取时间 {time}）',
  },
  'seed.redraw.earlierInLedger': {
    en: 'ledger entry {n}, a draw of the same month, level and scope (seed {seed}, made {time})',
    'zh-CN': '抽查台账第 {n} 条同月份、同层级、同范围的抽取（种子 {seed}，抽取时间 {time}）',
  },
  'seed.redraw.refused': {
    en: 'this is a re-draw: it replaces {earlier} with another seed, and a re-draw needs a reason; nothing was written',
    'zh-CN': '这是一次重抽：以另一种子替换{earlier}，重抽必须说明原因；未写入任何文件',
  },
  'seed.redraw.refusedHint': {
    en: 'give --redraw-reason TEXT (recorded in the manifest, the ledger, the notice and the workbook), or draw with the earlier seed',
    'zh-CN': '请给出 --redraw-reason 原因（记入抽取清单、抽查台账、公告和核查工作簿），或使用此前的种子',
  },
  'seed.redraw.warning': {
    en: 'Warning: re-draw. This draw, seed {seed}, replaces {earlier}. Reason given: {reason}',
    'zh-CN': '警告：重抽。本次抽取（种子 {seed}）替换{earlier}。所给原因：{reason}',
  },
  'seed.ledger.appendFailed': {
    en: 'the draw was not made: its ledger entry could not be written ({reason}); the outputs of this run were removed',
    'zh-CN': '抽取未完成：无法写入台账记录（{reason}）；本次运行的输出已删除',
  },
  'seed.ledger.appendFailedHint': {
    en: 'make the ledger file writable (and its disk not full) and draw again with the same seed: the draw will be the same',
    'zh-CN': '请使台账文件可写（且磁盘未满）后以同一种子重新抽取：结果相同',
  },
  'seed.output.notPlaced': {
    en: 'the draw was recorded in the ledger, but its outputs could not be put in place ({reason}); none of them was left',
    'zh-CN': '抽取已记入台账，但无法写出其输出（{reason}）；未留下任何输出',
  },
  'seed.output.notPlacedHint': {
    en: 'the ledger shows this draw: draw again with the same seed once the output can be written (the draw will be the same)',
    'zh-CN': '台账已记录本次抽取：待输出可写后以同一种子重新抽取（结果相同）',
  },
} as const satisfies MessageSection;
