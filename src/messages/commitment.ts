/**
 * Commitments: `spotcheck commit` (help, summary, errors), the draws' --commitment (reading the
 * file, refusing a draw that differs from it) and verify's check of it. Keys: help.commit.*,
 * commit.*, help.shared.commitment, cmd.verify.*.commitment*.
 */
import type { MessageSection } from './section.js';

export const COMMITMENT_MESSAGES = {
  // src/commands/commit.ts
  'help.commit.summary': {
    en: 'commit to a draw before its seed exists: registry SHA-256s, parameters, seed procedure',
    'zh-CN': '在种子产生之前承诺一次抽取：登记数据的 SHA-256、参数、种子产生方式',
  },
  'help.commit.description': {
    en: 'Write a commitment to a draw — the registry files (size and SHA-256), the division table, the tables and earlier draws it uses, every parameter, and how the seed will be made — to publish before the seed exists. A draw made later with --commitment FILE is refused if the registry or any parameter differs. The registry is read whole (pass 1 and a trial draw), so committing costs about what the draw costs; nothing drawn is shown and the commitment holds no personal data. `spotcheck commit REGISTRY… --month …` commits to a monthly draw; name evaluate or funds first for those.',
    'zh-CN':
      '写出一次抽取的承诺——登记数据文件（大小和 SHA-256）、行政区划表、所用的表和此前的抽取、全部参数，以及种子将如何产生——在种子产生之前公布。以后用 --commitment 文件 抽取时，登记数据或任何参数与承诺不符即拒绝抽取。承诺时会完整读取登记数据（第一遍扫描和一次试抽），耗时与抽取相当；不显示任何抽取结果，承诺中不含个人信息。`spotcheck commit 登记数据… --month …` 承诺月度抽查；承诺第三方评估或资金抽查时先写 evaluate 或 funds。',
  },
  'help.commit.after': {
    en: '\nThe month\'s procedure: commit → publish the commitment\'s SHA-256 (and --notice) → make the seed in public by the stated procedure → draw with the same options, --seed, --seed-source and --commitment FILE → publish the draw\'s notice, manifest SHA-256 and ledger head. `spotcheck verify DIR` checks the commitment copied into the draw\'s folder.\n\nExamples:\n  spotcheck commit registry.csv --month 2026-12 --level county --scope 永胜县 --seed-procedure "福利彩票3D 2026-12-05 开奖号码" --out commit-2026-12.json --notice commit-2026-12.html\n  spotcheck monthly registry.csv --month 2026-12 --level county --scope 永胜县 --seed 8-3-6 --seed-source "福利彩票3D 2026-12-05 开奖号码" --commitment commit-2026-12.json --out draw-2026-12',
    'zh-CN':
      '\n每月的程序：承诺 → 公布承诺的 SHA-256（及 --notice 公告）→ 按承诺的方式公开产生种子 → 用相同选项加 --seed、--seed-source 和 --commitment 文件 抽取 → 公布抽取公告、抽取清单的 SHA-256 和台账链头。`spotcheck verify 目录` 会核对复制到抽取目录中的承诺。\n\n示例：\n  spotcheck commit registry.csv --month 2026-12 --level county --scope 永胜县 --seed-procedure "福利彩票3D 2026-12-05 开奖号码" --out commit-2026-12.json --notice commit-2026-12.html\n  spotcheck monthly registry.csv --month 2026-12 --level county --scope 永胜县 --seed 8-3-6 --seed-source "福利彩票3D 2026-12-05 开奖号码" --commitment commit-2026-12.json --out draw-2026-12',
  },
  'help.commit.monthly': {
    en: 'commit to a monthly draw (the default: `spotcheck commit REGISTRY…`)',
    'zh-CN': '承诺一次月度抽查（默认：`spotcheck commit 登记数据…`）',
  },
  'help.commit.evaluate': { en: 'commit to a third-party evaluation draw', 'zh-CN': '承诺一次第三方评估抽样' },
  'help.commit.funds': { en: 'commit to a fund-coverage draw', 'zh-CN': '承诺一次帮扶资金抽查' },
  'help.commit.subDescription': {
    en: "Commit to a {command} draw: the options are the draw's own (all but --seed and the output options), and must be given again, the same, when drawing with --commitment.",
    'zh-CN':
      '承诺一次 {command} 抽取：选项与该抽取命令相同（--seed 和输出选项除外），抽取时须以 --commitment 再次给出相同的选项。',
  },
  'help.commit.seedProcedure': {
    en: 'how the seed will be made, stated before it exists (required), e.g. "福利彩票3D 2026-12-05 开奖号码" or "dice rolled in public at the 2026-12-05 meeting"',
    'zh-CN':
      '种子将如何产生，须在种子产生前写明（必填），如 "福利彩票3D 2026-12-05 开奖号码" 或 "2026-12-05 会上公开掷骰"',
  },
  'help.commit.out': {
    en: 'write the commitment here (JSON; without it nothing is written)',
    'zh-CN': '把承诺写入此文件（JSON；不给则不写文件）',
  },
  'help.commit.notice': {
    en: "write a page to publish before the seed exists (self-contained HTML, in Chinese): what will be drawn, from which registry (SHA-256), by which seed procedure, and the commitment's SHA-256",
    'zh-CN':
      '写出在种子产生前公布的页面（独立的 HTML 文件，中文）：将抽取什么、所用登记数据（SHA-256）、种子产生方式，以及承诺的 SHA-256',
  },
  'help.commit.force': {
    en: 'overwrite the --out and --notice files if they exist',
    'zh-CN': '若 --out 和 --notice 文件已存在则覆盖',
  },
  'help.commit.json': {
    en: 'print the commitment as JSON instead of the summary',
    'zh-CN': '以 JSON 输出承诺，而不是摘要',
  },
  'help.commit.registry': {
    en: 'registry file(s), as the draw will be given them',
    'zh-CN': '登记数据文件（可多个），与抽取时给出的相同',
  },
  'commit.seedProcedureRequired': {
    en: '--seed-procedure is required: state how the seed will be made (e.g. "福利彩票3D 2026-12-05 开奖号码") before it exists',
    'zh-CN': '必须给出 --seed-procedure：在种子产生之前写明它将如何产生（如 "福利彩票3D 2026-12-05 开奖号码"）',
  },
  'commit.outNotJson': {
    en: '--out of commit names a .json file, got "{got}"',
    'zh-CN': 'commit 的 --out 须为 .json 文件，收到 "{got}"',
  },
  'commit.fileExists': { en: 'the file exists', 'zh-CN': '文件已存在' },
  'commit.fileExistsHint': {
    en: 'add --force to overwrite it, or choose another name',
    'zh-CN': '加 --force 覆盖，或换一个文件名',
  },
  'commit.summary.head': { en: 'Commitment to a {command} draw: {what}', 'zh-CN': '抽取承诺（{command}）：{what}' },
  'commit.summary.input': {
    en: '  {name}  {bytes} bytes  sha256 {sha}',
    'zh-CN': '  {name}  {bytes} 字节  sha256 {sha}',
  },
  'commit.summary.procedure': { en: 'Seed procedure: {procedure}', 'zh-CN': '种子产生方式：{procedure}' },
  'commit.summary.hash': { en: 'Commitment sha256 {hash}', 'zh-CN': '承诺 sha256 {hash}' },
  'commit.summary.written': { en: 'Written: {file}', 'zh-CN': '已写入：{file}' },
  'commit.summary.notice': { en: 'Notice to publish: {file}', 'zh-CN': '待公布的公告：{file}' },
  'commit.summary.nothingWritten': {
    en: 'Nothing written: add --out FILE.json to keep the commitment.',
    'zh-CN': '未写入文件：加 --out 文件.json 以保存承诺。',
  },
  'commit.summary.next': {
    en: 'Next: publish the commitment sha256 (and the notice) now, before the seed exists; make the seed by the procedure above; then draw with the same options and --seed SEED --seed-source "{procedure}" --commitment {file}. A draw whose registry or parameters differ is refused.',
    'zh-CN':
      '下一步：现在（种子产生之前）公布承诺 sha256（及公告）；按上述方式产生种子；然后用相同的选项加 --seed 种子 --seed-source "{procedure}" --commitment {file} 抽取。登记数据或参数不符的抽取将被拒绝。',
  },
  // src/commands/shared.ts
  'help.shared.commitment': {
    en: 'the commitment made before the seed (spotcheck commit): refuse the draw if a registry file, table or parameter differs from it; the manifest records its SHA-256 and the draw folder keeps a copy',
    'zh-CN':
      '种子产生前所作的承诺（spotcheck commit）：登记数据文件、表或参数与其不符即拒绝抽取；抽取清单记录其 SHA-256，抽取目录中保存一份副本',
  },
  // src/io/commitment.ts
  'commit.file.unreadable': { en: 'cannot read the commitment: {reason}', 'zh-CN': '无法读取承诺文件：{reason}' },
  'commit.file.notJson': {
    en: 'the commitment is not valid JSON: {detail}',
    'zh-CN': '承诺文件不是有效的 JSON：{detail}',
  },
  'commit.file.format': {
    en: 'not a spotcheck commitment: format must be "{expected}", got {got}',
    'zh-CN': '不是 spotcheck 承诺文件：format 须为 "{expected}"，实为 {got}',
  },
  'commit.file.shape': {
    en: 'the commitment lacks fields a commitment has (command, parameters, inputs, divisions, seed_procedure …)',
    'zh-CN': '承诺文件缺少应有的字段（command、parameters、inputs、divisions、seed_procedure 等）',
  },
  'commit.file.hint': {
    en: 'give the JSON file written by `spotcheck commit --out`',
    'zh-CN': '请给出 `spotcheck commit --out` 写出的 JSON 文件',
  },
  'commit.file.edited': {
    en: 'the commitment was edited: its commitment_sha256 is not the SHA-256 of its content',
    'zh-CN': '承诺文件已被改动：其 commitment_sha256 与内容的 SHA-256 不符',
  },
  'commit.file.editedHint': {
    en: 'use the commitment exactly as written and published; a changed plan needs a new commitment, published before the seed',
    'zh-CN': '请使用原样写出并公布的承诺；计划有变须重新承诺，并在种子产生前公布',
  },
  // src/core/commitment.ts
  'commit.drawDiffers': {
    en: 'the draw differs from its commitment:{differences}',
    'zh-CN': '本次抽取与承诺不符：{differences}',
  },
  'commit.drawDiffersHint': {
    en: 'draw with the registry files and options that were committed to; a draw from anything else needs a new commitment, published before its seed',
    'zh-CN': '请用承诺时的登记数据文件和选项抽取；用其他数据或选项抽取须重新承诺，并在种子产生前公布',
  },
  'commit.diff.command': {
    en: 'the command is {drawn}, the commitment is to a {committed} draw',
    'zh-CN': '命令为 {drawn}，承诺的是 {committed} 抽取',
  },
  'commit.diff.algorithm': {
    en: 'the algorithm is {drawn}, the commitment says {committed}',
    'zh-CN': '算法为 {drawn}，承诺为 {committed}',
  },
  'commit.diff.inputChanged': {
    en: 'registry file {name} has SHA-256 {sha} ({bytes} bytes) but the commitment says {committed} ({committedBytes} bytes)',
    'zh-CN': '登记数据文件 {name} 的 SHA-256 为 {sha}（{bytes} 字节），承诺为 {committed}（{committedBytes} 字节）',
  },
  'commit.diff.inputMissing': {
    en: "registry file {name} (SHA-256 {committed}, {committedBytes} bytes) was committed to but is not among the draw's files",
    'zh-CN': '承诺中的登记数据文件 {name}（SHA-256 {committed}，{committedBytes} 字节）不在本次抽取的文件中',
  },
  'commit.diff.inputExtra': {
    en: 'registry file {name} (SHA-256 {sha}, {bytes} bytes) is not in the commitment',
    'zh-CN': '登记数据文件 {name}（SHA-256 {sha}，{bytes} 字节）不在承诺中',
  },
  'commit.diff.divisions': {
    en: 'the division table is {drawn}, the commitment says {committed}',
    'zh-CN': '行政区划表为 {drawn}，承诺为 {committed}',
  },
  'commit.diff.parameter': {
    en: 'parameter {flag} {drawn} vs committed {committed}',
    'zh-CN': '参数 {flag} 为 {drawn}，承诺为 {committed}',
  },
  'commit.diff.table': {
    en: '{flag} is {drawn}, the commitment says {committed}',
    'zh-CN': '{flag} 为 {drawn}，承诺为 {committed}',
  },
  'commit.diff.exclusions': {
    en: 'the excluded draws and lists are {drawn}, the commitment says {committed}',
    'zh-CN': '排除依据为 {drawn}，承诺为 {committed}',
  },
  'commit.diff.absent': { en: '(absent)', 'zh-CN': '（无）' },
  'commit.diff.none': { en: 'none', 'zh-CN': '无' },
  // src/commands/verifyCommitment.ts
  'cmd.verify.check.commitment': { en: 'commitment {file}', 'zh-CN': '承诺 {file}' },
  'cmd.verify.detail.commitmentHolds': {
    en: 'sha256 {sha} (made {created}; seed procedure "{procedure}"): the draw keeps to it; compare this SHA-256 with the one published before the seed',
    'zh-CN':
      'sha256 {sha}（承诺于 {created}；种子产生方式 "{procedure}"）：本次抽取与承诺一致；请将此 SHA-256 与种子产生前公布的核对',
  },
  'cmd.verify.detail.commitmentUnusable': {
    en: 'the copy in the draw folder cannot be used: {problem}',
    'zh-CN': '抽取目录中的承诺副本无法使用：{problem}',
  },
  'cmd.verify.detail.commitmentNotRecorded': {
    en: 'the copy in the draw folder has sha256 {sha}, the manifest records {recorded}',
    'zh-CN': '抽取目录中的承诺副本 sha256 为 {sha}，抽取清单记录的是 {recorded}',
  },
  'cmd.verify.detail.commitmentRecordDiffers': {
    en: "the manifest's record of the commitment (created_at, seed_procedure, path) does not match the copy",
    'zh-CN': '抽取清单中关于承诺的记录（created_at、seed_procedure、path）与副本不符',
  },
  'cmd.verify.detail.commitmentDiffers': {
    en: 'the draw differs from its commitment: {differences}',
    'zh-CN': '本次抽取与承诺不符：{differences}',
  },
} as const satisfies MessageSection;
