/**
 * Help texts, error messages and printed lines of `spotcheck estimate`'s calibration
 * (post-stratification to known counts: src/core/calibration.ts, src/commands/estimate/calibrate.ts).
 */
import type { MessageSection } from './section.js';

export const CALIBRATION_MESSAGES = {
  'help.estimate.population': {
    en: "post-stratify the weights to known household counts: the draw's manifest.json (counts by household status) or a CSV of the post-stratum column(s) and one count column (as R's postStratify)",
    'zh-CN':
      '把权重事后分层校准到已知户数：抽样的 manifest.json（按户类别的户数）或 CSV（事后分层列及一列户数；同 R 的 postStratify）',
  },
  'help.estimate.postStrata': {
    en: 'the post-stratum column(s), comma-separated to cross them (status = household_stratum)',
    'zh-CN': '事后分层所用的列，多列用逗号分隔表示交叉（status 即 household_stratum）',
  },
  'help.estimate.weightsOut': {
    en: 'write household_id, the post-stratum, the design weight and the calibrated weight to this CSV (with --population)',
    'zh-CN': '把 household_id、事后分层、设计权重和校准后权重写入此 CSV（需 --population）',
  },
  'help.estimate.rake': {
    en: "rake the weights to known counts on a margin: COLUMN[,COLUMN…]=FILE, FILE a CSV of the column(s) and one count column, or the manifest for household_stratum (repeatable: one per margin; as R's rake; not with --population)",
    'zh-CN':
      '把权重按一个边际耙式校准（raking）到已知户数：COLUMN[,COLUMN…]=FILE，FILE 为该列及一列户数的 CSV，或（household_stratum）抽样的清单（可重复，每个边际一次；同 R 的 rake；不能与 --population 同用）',
  },
  'cmd.estimate.rakeInvalid': {
    en: '--rake must be COLUMN[,COLUMN…]=FILE, e.g. --rake household_stratum=eval-2026/manifest.json, got "{got}"',
    'zh-CN': '--rake 须写作 COLUMN[,COLUMN…]=FILE，如 --rake household_stratum=eval-2026/manifest.json，实际为 "{got}"',
  },
  'cmd.estimate.rakeAndPopulation': {
    en: '--rake and --population cannot be given together: rake to margins, or post-stratify to one table',
    'zh-CN': '--rake 与 --population 不能同时使用：要么按边际耙式校准，要么按一个表事后分层',
  },
  'cmd.estimate.rakeTotalsDiffer': {
    en: 'the margins count different totals: {first} {firstTotal} households, {other} {otherTotal}; raking needs every margin to count the same households',
    'zh-CN':
      '各边际的总户数不同：{first} 为 {firstTotal} 户，{other} 为 {otherTotal} 户；耙式校准要求各边际的总户数相同',
  },
  'cmd.estimate.raked': {
    en: 'Raked to {n} margins ({margins}) in {passes} passes: weights summing to {before} before and {after} after',
    'zh-CN': '已按 {n} 个边际（{margins}）耙式校准，迭代 {passes} 轮：权重之和校准前 {before}，校准后 {after}',
  },
  'cmd.estimate.rakeNotConverged': {
    en: "Warning: raking did not meet its margins: after {passes} passes a margin is off by {difference} households (no weights on the frame's crossed cells meet them all)",
    'zh-CN':
      '警告：耙式校准未能满足各边际：{passes} 轮后仍有边际相差 {difference} 户（样本的交叉格中不存在同时满足所有边际的权重）',
  },
  'cmd.estimate.rakedMargin': {
    en: '  {columns} from {source}:',
    'zh-CN': '  {columns}，户数来自 {source}：',
  },
  'cmd.estimate.postStrataNeedsPopulation': {
    en: '--post-strata needs --population (the known counts per post-stratum); a --rake margin names its own columns',
    'zh-CN': '--post-strata 需要同时给出 --population（各事后分层的已知户数）；--rake 的每个边际自带其列名',
  },
  'cmd.estimate.calibrationNeedsPopulation': {
    en: '{option} needs --population or --rake (the known counts to calibrate to)',
    'zh-CN': '{option} 需要同时给出 --population 或 --rake（校准所用的已知户数）',
  },
  'cmd.estimate.postStrataInvalid': {
    en: '--post-strata must name one or more columns, comma-separated, got "{got}"',
    'zh-CN': '--post-strata 须给出一列或多列（以逗号分隔），实际为 "{got}"',
  },
  'cmd.estimate.manifestNotEvaluation': {
    en: 'the manifest is of a "{command}" draw; the known counts come from an "evaluate" draw\'s manifest (frame.households)',
    'zh-CN': '该清单（manifest）来自 "{command}" 抽样；已知户数须来自 "evaluate" 抽样的清单（frame.households）',
  },
  'cmd.estimate.manifestStatusOnly': {
    en: "an evaluation manifest records the frame's households by status only (frame.households: poor, exited, nonpoor), not by {columns}",
    'zh-CN': '评估抽样的清单只记录按户类别的户数（frame.households：poor、exited、nonpoor），没有按 {columns} 的户数',
  },
  'cmd.estimate.manifestStatusOnlyHint': {
    en: 'post-stratify by household_stratum with the manifest, or give a CSV of counts: the post-stratum columns and one count column',
    'zh-CN': '用清单时按 household_stratum 事后分层；否则给出户数 CSV：事后分层列及一列户数',
  },
  'cmd.estimate.manifestCountsInvalid': {
    en: "the manifest's frame.households must give a count (an integer ≥ 0) for poor, exited and nonpoor, got {got}",
    'zh-CN': '清单的 frame.households 须为 poor、exited、nonpoor 各给出户数（不小于 0 的整数），实际为 {got}',
  },
  'cmd.estimate.populationColumns': {
    en: 'the population file must have the post-stratum column(s) {columns} and exactly one other column, the count; its header is: {headers}',
    'zh-CN': '总体户数文件须含事后分层列 {columns}，另加且仅加一列户数；其表头为：{headers}',
  },
  'cmd.estimate.populationCountInvalid': {
    en: 'a household count must be a whole number ≥ 0, got "{got}"',
    'zh-CN': '户数必须是不小于 0 的整数，实际为 "{got}"',
  },
  'cmd.estimate.populationBlank': {
    en: 'a post-stratum cell ({column}) is blank',
    'zh-CN': '事后分层列（{column}）有空白单元格',
  },
  'cmd.estimate.populationDuplicate': {
    en: 'the post-stratum {postStratum} is given twice (first on line {first})',
    'zh-CN': '事后分层 {postStratum} 出现两次（第一次在第 {first} 行）',
  },
  'cmd.estimate.postStratumBlank': {
    en: 'the post-stratum column {column} is blank: every household needs its post-stratum',
    'zh-CN': '事后分层列 {column} 为空：每户都须有其事后分层',
  },
  'cmd.estimate.postStratumWithoutCount': {
    en: '{n} post-stratum(s) of the frame have no known count (or a count of 0): {postStrata}',
    'zh-CN': '样本中有 {n} 个事后分层没有已知户数（或户数为 0）：{postStrata}',
  },
  'cmd.estimate.postStratumWithoutCountHint': {
    en: "every post-stratum of the frame needs a positive count in the population file, as R's postStratify requires",
    'zh-CN': '样本中的每个事后分层都须在总体户数文件中有正的户数（R 的 postStratify 同样要求）',
  },
  'cmd.estimate.postStratumWithoutRows': {
    en: '{n} post-stratum(s) with a known count have no household in the frame: {postStrata}',
    'zh-CN': '有 {n} 个有已知户数的事后分层在样本中没有任何户：{postStrata}',
  },
  'cmd.estimate.postStratumWithoutRowsHint': {
    en: "post-strata must cover the population and each needs households in the sample (R's postStratify refuses it too); merge post-strata, or post-stratify by fewer columns",
    'zh-CN': '事后分层须覆盖总体，且每个都须有样本户（R 的 postStratify 同样拒绝）；可合并事后分层或减少分层列',
  },
  'cmd.estimate.calibrated': {
    en: 'Post-stratified to {source} by {columns}: {n} post-strata, weights summing to {before} before and {after} after',
    'zh-CN': '已按 {columns} 事后分层校准到 {source}：{n} 个事后分层，权重之和校准前 {before}，校准后 {after}',
  },
  'cmd.estimate.calibratedStratum': {
    en: '  {postStratum}: {count} households known, {rows} in the frame, weights {before} → {after}',
    'zh-CN': '  {postStratum}：已知 {count} 户，样本 {rows} 户，权重 {before} → {after}',
  },
  'cmd.estimate.weightsWritten': {
    en: 'Calibrated weights written to {file}',
    'zh-CN': '校准后权重已写入 {file}',
  },
  'cmd.estimate.weightsOutDirectory': {
    en: '--weights-out {file} is a directory: name the CSV file to write the calibrated weights to (e.g. {file}/weights.csv); nothing was written',
    'zh-CN': '--weights-out {file} 是一个目录：请指定写入校准权重的 CSV 文件（如 {file}/weights.csv）；未写入任何内容',
  },
  'cmd.estimate.weightsOutNoParent': {
    en: '--weights-out: the directory {parent} does not exist; create it or name a file in an existing directory; nothing was written',
    'zh-CN': '--weights-out：目录 {parent} 不存在；请先创建，或指定已有目录中的文件；未写入任何内容',
  },
} as const satisfies MessageSection;
