/**
 * `spotcheck findings` (issue 18, first part; src/commands/findings/): its help, its summary lines,
 * the words of each finding (src/core/findings.ts) and its refusals. Keys: help.findings.*, cmd.findings.*
 */
import type { MessageSection } from './section.js';

export const FINDINGS_MESSAGES = {
  'help.findings.summary': {
    en: 'check the returned results against their draws: swapped, missing and out-of-order households, bad values',
    'zh-CN': '对照抽取结果核对交回的核查结果：替换户、漏查户、未按顺序使用的备用户、不合规的填写',
  },
  'help.findings.description': {
    en: 'Check the returns of a month (the check workbooks of --xlsx filled in, or CSV: the households and spares CSV with 核查结果, 核查人, 核查日期 added) against the draws they came from: each draw is verified first, then every returned household is matched to what was drawn. Prints each finding with its file (and sheet) and line, and the households checked, reached and with problems.',
    'zh-CN':
      '对照抽取结果核对当月交回的核查结果（填好的 --xlsx 核查工作簿，或 CSV：在户表、备用户表中填写 核查结果、核查人、核查日期）：先验证每次抽取，再逐户对照抽中的户。列出每项问题及其文件（及工作表）和行号，以及已核查、已入户、有问题的户数。',
  },
  'help.findings.draws': {
    en: 'draw folders (written by monthly or evaluate with --out)',
    'zh-CN': '抽取结果文件夹（monthly 或 evaluate 以 --out 写出）',
  },
  'help.findings.returns': {
    en: 'the returned files (required): filled check workbooks (.xlsx, matched to their draw by the manifest hash they print) or CSV files with household_id or 户编号, 核查结果, 核查人, 核查日期, optionally replaces or 替代户编号',
    'zh-CN':
      '交回的文件（必填）：填好的核查工作簿（.xlsx，按其所载清单 SHA-256 对应抽取）或 CSV 文件（household_id 或 户编号、核查结果、核查人、核查日期，可选 replaces 或 替代户编号）',
  },
  'help.findings.month': {
    en: "the month the checks must be dated in (default: each draw's month)",
    'zh-CN': '核查日期应在的月份（默认：各次抽取的月份）',
  },
  'help.findings.encoding': {
    en: 'encoding of the returned files: auto, utf-8 or gbk (GB18030)',
    'zh-CN': '交回文件的编码：auto、utf-8 或 gbk (GB18030)',
  },
  'help.findings.revealIds': {
    en: 'show household numbers unmasked (default: masked, 5326********0007)',
    'zh-CN': '显示未脱敏的户编号（默认脱敏，如 5326********0007）',
  },
  'help.findings.interval': {
    en: "the problem rate's 95% interval: t (Student's t with the design's df, as R's confint(…, df = degf(design))), normal (z = 1.96) or korn-graubard (within [0, 1], as R's svyciprop(method = \"beta\"); for rates near 0 or few counties)",
    'zh-CN':
      '问题发生率的 95% 置信区间：t（设计自由度的 t 分布，同 R 的 confint(…, df = degf(design))）、normal（z = 1.96）或 korn-graubard（区间在 [0, 1] 内，同 R 的 svyciprop(method = "beta")；发生率接近 0 或县数少时使用）',
  },
  'help.findings.json': {
    en: 'print the result as JSON: { findings, draws: [{ dir, verified, failures, returns, counts, findings: [{ kind, household, file, line, got? }] }] }',
    'zh-CN':
      '以 JSON 输出结果：{ findings, draws: [{ dir, verified, failures, returns, counts, findings: [{ kind, household, file, line, got? }] }] }',
  },
  'help.findings.after': {
    en: `
What it finds (each with its file and line):
  a returned household that was not drawn (swapped) or is returned twice; a drawn household with
  no result; a spare used without an unreachable (未能入户) household of its village to stand for,
  or out of spare_order; a 核查结果 other than 无问题 / 有问题 / 未能入户; a 核查日期 outside the
  month; no 核查人. A draw that does not verify is a finding, and its returns are not checked.
With --categories FILE, a 有问题 row of a return with a 问题类别 column must name a category
  of the list. Counts: households and villages checked, reached, with problems; problems by
  问题类别, level, prefecture and county. --history DIR: the month-by-month trend and the
  cumulative count from earlier months' JSON (--out DIR writes this month's, findings-YYYY-MM.json).
Exit code: 0 no findings, 1 findings, 2 bad usage or input (a return whose households belong to
  no draw given is refused).
A workbook (.xlsx) is read sheet by sheet: each village sheet's findings name the sheet and row
  (file[sheet]:row); a sheet whose manifest hash is no draw's given is refused.
Problem rate (province and prefecture monthly draws, evaluate draws: probability samples with
  recorded weights): the weighted share of reached households with 有问题, its SE, 95% t interval
  and design df (as estimate); 未能入户 and unreturned households are non-response. Other draws: none.

Example:
  spotcheck findings d1 --returns d1-returned.csv`,
    'zh-CN': `
核对内容（每项列出文件和行号）：
  交回的户不在抽中名单（被替换）或重复交回；抽中的户没有核查结果；使用备用户而本村没有相应的
  “未能入户”户，或未按备用顺序使用；核查结果不是 无问题 / 有问题 / 未能入户；核查日期不在当月；
  未填核查人。抽取结果验证不通过本身即为一项问题，其交回结果不再核对。
给出 --categories FILE 时，交回文件有 问题类别 列的，“有问题”的行须填写清单中的类别。计数：已核查、
  已入户、有问题的户数和村数；问题按类别、抽取层级、州（市）和县分列。--history DIR：根据以往各月的
  JSON 输出逐月趋势和累计数（--out DIR 写出本月的 findings-YYYY-MM.json）。
退出码：0 无问题，1 有问题，2 用法或输入错误（交回文件中的户不属于所给任何抽取时拒绝）。
工作簿（.xlsx）逐表读取：各村工作表的问题列出工作表和行号（文件[工作表]:行）；所载清单哈希不属于
所给任何抽取的工作表拒绝读取。
问题发生率（省级、州市级月度抽取和 evaluate 抽取，即记录了权数的概率样本）：已入户家庭中“有问题”的
  加权比例及其标准误、95% t 置信区间和设计自由度（同 estimate）；未能入户和未返回的户作无应答处理。
  其他抽取不给出。

示例：
  spotcheck findings d1 --returns d1-returned.csv`,
  },
  'cmd.findings.returnsRequired': {
    en: '--returns is required: the returned files (check workbooks or CSV) to check',
    'zh-CN': '必须给出 --returns：要核对的交回文件（核查工作簿或 CSV）',
  },
  'cmd.findings.notDrawFolder': {
    en: 'not a draw folder: findings takes the folders monthly or evaluate wrote with --out',
    'zh-CN': '不是抽取结果文件夹：findings 需要 monthly 或 evaluate 以 --out 写出的文件夹',
  },
  'cmd.findings.fundsDraw': {
    en: 'a funds draw draws counties, not households: findings checks monthly and evaluate draws',
    'zh-CN': 'funds 抽取的是县而不是户：findings 只核对 monthly 和 evaluate 的抽取',
  },
  'cmd.findings.columnMissing': {
    en: 'the file has no {column} column',
    'zh-CN': '文件缺少 {column} 列',
  },
  'cmd.findings.returnMatchesNoDraw': {
    en: 'none of the {rows} households of this return belongs to a draw given',
    'zh-CN': '该交回文件的 {rows} 户均不属于所给的任何抽取',
  },
  'cmd.findings.returnMatchesNoDrawHint': {
    en: 'give the draw folder this return was filled from',
    'zh-CN': '请给出该交回文件所依据的抽取结果文件夹',
  },
  'cmd.findings.workbookNoHash': {
    en: 'sheet "{sheet}" has households but the workbook prints no manifest hash (清单 SHA-256) to match it to its draw',
    'zh-CN': '工作表“{sheet}”有户，但工作簿中没有用于对应抽取的清单 SHA-256',
  },
  'cmd.findings.workbookNoHashHint': {
    en: 'return the check workbook that monthly or evaluate wrote with --xlsx, with its summary sheet (概要) kept',
    'zh-CN': '请交回 monthly 或 evaluate 以 --xlsx 写出的核查工作簿，并保留其概要工作表',
  },
  'cmd.findings.workbookNoSheets': {
    en: 'the workbook has no sheet with a 户编号 and a 核查结果 column',
    'zh-CN': '工作簿中没有含 户编号 和 核查结果 列的工作表',
  },
  'cmd.findings.workbookNoSheetsHint': {
    en: 'return the check workbook that monthly or evaluate wrote with --xlsx',
    'zh-CN': '请交回 monthly 或 evaluate 以 --xlsx 写出的核查工作簿',
  },
  'cmd.findings.workbookHashMatchesNoDraw': {
    en: 'sheet "{sheet}" carries manifest hash {sha}…, which is the hash of no draw given (edited, or from another draw)',
    'zh-CN': '工作表“{sheet}”所载清单 SHA-256 {sha}… 不是所给任何抽取的清单哈希（被改动，或来自其他抽取）',
  },
  'cmd.findings.workbookHashMatchesNoDrawHint': {
    en: 'give the draw folder this workbook was written from; compare its 清单 SHA-256 with the manifest_sha256 of manifest.json',
    'zh-CN': '请给出该工作簿所依据的抽取结果文件夹，并将其清单 SHA-256 与 manifest.json 的 manifest_sha256 比对',
  },
  'cmd.findings.draw': {
    en: 'Draw {dir} ({command}, {month}, manifest {sha}…)',
    'zh-CN': '抽取 {dir}（{command}，{month}，清单 {sha}…）',
  },
  'cmd.findings.returns': { en: 'returns: {files}', 'zh-CN': '交回文件：{files}' },
  'cmd.findings.verified': { en: 'verified: the draw reproduces', 'zh-CN': '验证通过：抽取可复现' },
  'cmd.findings.notVerified': {
    en: 'NOT verified: its returns are not checked against it',
    'zh-CN': '验证未通过：不据此核对其交回结果',
  },
  'cmd.findings.counts': {
    en: 'households drawn {drawn}; checked {checked}, reached {reached}, with problems {problems}',
    'zh-CN': '抽中 {drawn} 户；已核查 {checked} 户，已入户 {reached} 户，有问题 {problems} 户',
  },
  'cmd.findings.none': { en: 'no findings', 'zh-CN': '未发现问题' },
  'cmd.findings.some': { en: 'findings: {n}', 'zh-CN': '发现问题 {n} 项：' },
  'cmd.findings.totalNone': { en: 'No findings.', 'zh-CN': '未发现问题。' },
  'cmd.findings.total': { en: 'Findings in all: {n}.', 'zh-CN': '共发现问题 {n} 项。' },
  'cmd.findings.kind.notDrawn': {
    en: 'returned but not drawn (a swapped household?)',
    'zh-CN': '交回但未被抽中（是否替换了户？）',
  },
  'cmd.findings.kind.duplicate': { en: 'returned twice', 'zh-CN': '重复交回' },
  'cmd.findings.kind.missing': {
    en: 'drawn but no result returned',
    'zh-CN': '已抽中但没有交回核查结果',
  },
  'cmd.findings.kind.spareWithoutUnreachable': {
    en: 'spare used without an unreachable (未能入户) household of its village to replace',
    'zh-CN': '使用了备用户，但本村没有相应的“未能入户”户',
  },
  'cmd.findings.kind.spareOutOfOrder': {
    en: 'spare used out of order: spare_order {expected} was next',
    'zh-CN': '未按顺序使用备用户：应先用备用顺序 {expected}',
  },
  'cmd.findings.kind.resultInvalid': {
    en: '核查结果 must be 无问题, 有问题 or 未能入户, got "{got}"',
    'zh-CN': '核查结果应为 无问题、有问题 或 未能入户，实际为“{got}”',
  },
  'cmd.findings.kind.dateOutsideMonth': {
    en: '核查日期 must be a day of the month, got "{got}"',
    'zh-CN': '核查日期应为当月的日期，实际为“{got}”',
  },
  'cmd.findings.kind.checkerMissing': { en: 'no 核查人', 'zh-CN': '未填核查人' },
} as const satisfies MessageSection;
