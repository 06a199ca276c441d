/** Messages of the terminal summaries, the lines naming what was written, verify's and ledger's verdicts. */
import type { MessageSection } from './section.js';

export const SUMMARY_MESSAGES = {
  'summary.frame': { en: 'Frame', 'zh-CN': '抽样框' },
  'summary.drawn': { en: 'Drawn', 'zh-CN': '抽中' },
  'summary.seed': { en: 'seed {seed}', 'zh-CN': '种子 {seed}' },
  'summary.counties': { en: '{n} count{ies}', 'zh-CN': '{n} 个县' },
  'summary.villages': { en: '{n} village{s}', 'zh-CN': '{n} 个村' },
  'summary.households': { en: '{n} household{s}', 'zh-CN': '{n} 户' },
  'summary.people': { en: '{n} people', 'zh-CN': '{n} 人' },
  'summary.poorVillages': { en: 'poor villages', 'zh-CN': '贫困村' },
  'summary.allVillages': { en: 'all villages', 'zh-CN': '全部村' },
  'summary.villageLine': {
    en: '{drawn}/{frame} households  p={p} overall',
    'zh-CN': '抽 {drawn} 户 / 共 {frame} 户  总概率 p={p}',
  },
  'summary.shortfalls': {
    en: 'Shortfalls ({n}): fewer units than asked; all of them were taken',
    'zh-CN': '不足 ({n} 处)：单位少于要求数，已全部抽取',
  },
  'summary.shortfall': {
    en: '{stage} in {stratum}: asked {requested}, has {available}',
    'zh-CN': '{stratum} 的 {stage}：要求 {requested}，仅有 {available}',
  },
  'summary.spares': {
    en: 'Spares: {n} (up to {perVillage} per village, in spares.csv).',
    'zh-CN': '备用户：{n} 户（每村至多 {perVillage} 户，见 spares.csv）。',
  },
  'summary.spareRule': {
    en: 'Use them in spare_order, only when a sampled household of the same village cannot be checked, and record why.',
    'zh-CN': '仅当同村样本户无法核查时，按“备用顺序”列依次使用，并记录原因。',
  },
  'summary.warnings': {
    en: '{n} data warning{s} (they do not change the draw); `spotcheck inspect` lists them',
    'zh-CN': '{n} 条数据警告（不影响抽取结果）；`spotcheck inspect` 可列出',
  },
  'summary.nothingWritten': {
    en: 'Nothing written: add --out DIR for {files} and manifest.json, or --json.',
    'zh-CN': '未写入文件：加 --out 目录 以写出 {files} 和 manifest.json，或用 --json。',
  },
  'summary.written': {
    en: 'Written to {dir}: {files} (manifest sha256 {sha}…)',
    'zh-CN': '已写入 {dir}：{files}（清单 sha256 {sha}…）',
  },
  'output.workbook': { en: 'Check workbook: {path}', 'zh-CN': '核查工作簿：{path}' },
  'output.notice': { en: 'Public notice: {path}', 'zh-CN': '公告：{path}' },
  'output.ledger': {
    en: 'Ledger: entry {n} appended to {file} (head sha256 {hash})',
    'zh-CN': '抽查台账：第 {n} 条已追加到 {file}（链头 sha256 {hash}）',
  },
  'verify.ok': { en: 'ok  ', 'zh-CN': '通过' },
  'verify.diff': { en: 'DIFF', 'zh-CN': '不符' },
  'verify.verified': {
    en: 'verified: the draw is reproduced exactly',
    'zh-CN': '核验通过：抽取结果完全复现 (verified)',
  },
  'verify.notVerified': {
    en: 'NOT verified: see the differences above',
    'zh-CN': '核验未通过 (NOT verified)：见上方差异',
  },
  'ledger.entries': { en: '{file}: {n} entr{ies}', 'zh-CN': '{file}：{n} 条记录' },
  'ledger.intact': { en: 'intact: head #{n} {hash}', 'zh-CN': '台账完整：链头 #{n} {hash}' },
  'ledger.broken': { en: 'NOT intact: see the lines above', 'zh-CN': '台账不完整：见上方各行' },
  'summary.level.province': { en: 'province', 'zh-CN': '省级' },
  'summary.level.prefecture': { en: 'prefecture', 'zh-CN': '州市级' },
  'summary.level.county': { en: 'county', 'zh-CN': '县级' },
  'summary.level.township': { en: 'township', 'zh-CN': '乡镇级' },
  'summary.stage.county': { en: 'county', 'zh-CN': '县' },
  'summary.stage.village': { en: 'village', 'zh-CN': '村' },
  'summary.stage.household': { en: 'household', 'zh-CN': '户' },
  // The words of the evaluation's header and shortfall notes: English as recorded, Chinese for people.
  'evaluate.strata.prefecture': { en: 'prefecture', 'zh-CN': '州市' },
  'evaluate.strata.poverty-county': { en: 'poverty-county', 'zh-CN': '是否贫困县' },
  'evaluate.strata.column': { en: 'column:{column}', 'zh-CN': '“{column}”列' },
  'evaluate.selection.srs': { en: 'SRS', 'zh-CN': '简单随机（SRS）' },
  'evaluate.selection.pps': { en: 'PPS', 'zh-CN': '按户数成比例（PPS）' },
  'evaluate.allocation.proportional': { en: 'proportional', 'zh-CN': '按比例' },
  'evaluate.allocation.equal': { en: 'equal', 'zh-CN': '等额' },
  'evaluate.allocation.households': { en: 'households', 'zh-CN': '按户数' },
  'evaluate.status.poor': { en: 'poor', 'zh-CN': '未脱贫' },
  'evaluate.status.exited': { en: 'exited', 'zh-CN': '已脱贫' },
  'evaluate.status.nonpoor': { en: 'nonpoor', 'zh-CN': '非贫困户' },
  'evaluate.stratumOfStatus': { en: '{village} / {status}', 'zh-CN': '{village} / {status}' },
  'evaluate.note.noSuchHousehold': { en: 'no such household in the village', 'zh-CN': '该村没有此类户' },
  'evaluate.note.allTaken': { en: 'all taken; no spares', 'zh-CN': '已全部抽中，无备用户' },
  'output.excelHint': {
    en: 'For Excel: these CSV files are UTF-8 without a byte-order mark, which Excel on Chinese Windows shows garbled; open them with Data → From Text/CSV, or make the next draw with --xlsx (a check workbook to print) or --excel (CSV for Excel), or set "xlsx": true in the plan file',
    'zh-CN':
      '用 Excel 查看：这些 CSV 文件为不带 BOM 的 UTF-8，中文 Windows 上的 Excel 直接打开会乱码；请用“数据 → 从文本/CSV”导入，或下次抽取时加 --xlsx（可打印的核查工作簿）或 --excel（供 Excel 打开的 CSV），也可在计划文件中设 "xlsx": true',
  },
  'evaluate.header': {
    en: 'spotcheck evaluate · {selection} counties by {strata} · {allocation} allocation',
    'zh-CN': 'spotcheck evaluate · 县按{strata}分层、{selection}抽取 · {allocation}分配',
  },
  'evaluate.frame': {
    en: 'Frame: {counties} · {villages} · households {households}',
    'zh-CN': '抽样框: {counties} · {villages} · 户 {households}',
  },
  'evaluate.drawn': {
    en: 'Drawn: {counties} · {villages} · {households} (+ {spares})',
    'zh-CN': '抽中: {counties} · {villages} · {households}（另有 {spares}）',
  },
  'evaluate.spares': { en: '{n} spare{s}', 'zh-CN': '{n} 户备用' },
  'evaluate.strataHeading': {
    en: 'stratum                          counties  registered  drawn',
    'zh-CN': '层                                 县数    登记户数   抽中',
  },
  'evaluate.design': {
    en: 'Design df for estimation: {df} = {counties} counties drawn − {strata} strata; strata with one county: {single}',
    'zh-CN': '估计用的设计自由度：{df} = 抽中 {counties} 个县 − {strata} 层；只抽中 1 个县的层：{single}',
  },
  'evaluate.designHint': {
    en: 'fewer than {least} df: intervals are wide and single-county strata give no variance; draw with --min-per-stratum 2 --merge-strata (or more --counties)',
    'zh-CN':
      '自由度少于 {least}：区间偏宽，只抽 1 个县的层无法估计方差；建议加 --min-per-stratum 2 --merge-strata（或增加 --counties）',
  },
  'evaluate.designHintCounties': {
    en: 'fewer than {least} df: ask for more --counties',
    'zh-CN': '自由度少于 {least}：请增加 --counties',
  },
  'evaluate.countyMethod.srs': { en: 'srs', 'zh-CN': '简单随机' },
  'evaluate.countyMethod.pps': { en: 'pps', 'zh-CN': '按户数成比例' },
  'evaluate.countyMethod.certainty': { en: 'certainty', 'zh-CN': '必选' },
  'evaluate.certain': { en: '({n} certain)', 'zh-CN': '（{n} 个必选）' },
  'evaluate.shortfalls': { en: 'Shortfalls ({n}):', 'zh-CN': '不足 ({n} 处)：' },
  'evaluate.shortfall': {
    en: '{stage} in {stratum}: asked {requested}, has {available} — {note}',
    'zh-CN': '{stratum} 的 {stage}：要求 {requested}，仅有 {available} — {note}',
  },
  'evaluate.moreShortfalls': { en: '… {n} more in the manifest', 'zh-CN': '… 另有 {n} 处，见抽取清单' },
  'funds.header': {
    en: 'spotcheck funds · {month} · {scope}  seed {seed}  method {method}',
    'zh-CN': 'spotcheck funds · {month} · {scope}  种子 {seed}  方法 {method}',
  },
  'funds.method.coverage': { en: 'coverage {share}', 'zh-CN': '覆盖可抽资金的 {share}' },
  'funds.method.pps': { en: 'pps {n} counties', 'zh-CN': '按资金量成比例（PPS）抽 {n} 个县' },
  'funds.source.table': { en: 'county table {name}', 'zh-CN': '县资金表 {name}' },
  'funds.source.column': {
    en: 'registry column {name}, summed per county over households',
    'zh-CN': '登记数据的 {name} 列，按县汇总各户',
  },
  'funds.counties': {
    en: 'Counties: {total} in the prefecture · {excluded} excluded (checked by the excluded draws) · {without} without funds · {eligible} eligible',
    'zh-CN':
      '县：州市内 {total} 个 · 排除 {excluded} 个（已由被排除的抽取覆盖） · 无资金 {without} 个 · 可抽 {eligible} 个',
  },
  'funds.funds': {
    en: 'Funds ({source}): eligible {eligible} yuan',
    'zh-CN': '帮扶资金（{source}）：可抽县合计 {eligible} 元',
  },
  'funds.target': { en: ' · target {target} ({share})', 'zh-CN': ' · 目标 {target}（{share}）' },
  'funds.cumulative': { en: 'cumulative', 'zh-CN': '累计' },
  'funds.certainty': { en: ' (certainty)', 'zh-CN': '（必选）' },
  'funds.drawn': {
    en: 'Drawn: {n} count{ies} holding {funds} yuan = {share} of the eligible funds',
    'zh-CN': '抽中：{n} 个县，资金 {funds} 元，占可抽资金的 {share}',
  },
} as const satisfies MessageSection;
