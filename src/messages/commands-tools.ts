/**
 * Help texts, error messages and printed lines of verify, inspect, ledger, generate and sql.
 * Keys: help.<command>.*, cmd.<command>.*.
 */
import type { MessageSection } from './section.js';

export const TOOL_COMMAND_MESSAGES = {
  // src/commands/verify.ts
  'help.verify.after': {
    en: `
What it does:
  1. checks the manifest (format, algorithm version, its own SHA-256: hand edits are refused);
  2. checks each registry file's SHA-256 against the manifest (a changed registry is named);
  3. re-draws with the manifest's parameters and compares the whole re-drawn manifest with the
     recorded one, field by field (sample and frame sizes, shortfalls, strata, result, exclusions…;
     a differing field is named), except what it cannot recompute: created_at, tool.version, the
     plan record and how --history found its draws (the draws found are checked);
  4. compares every output byte for byte: each file the manifest records must be re-drawn and
     equal the file beside the manifest (an edited file is named, with its first differing line);
  5. with --expect HASH, checks that the manifest is the one whose manifest_sha256 was published
     (in the notice or ledger). Anyone can edit a draw folder and reseal its manifest so that it is
     consistent with itself; only the published hash tells that it is not the draw made.

Exit codes: 0 verified · 1 differs (says what) · 2 bad usage, unreadable manifest or registry.

Cost: one draw (two streamed passes over the registry).

Examples:
  $ spotcheck verify wenshan-2026-11          (the directory of a draw, or its manifest.json)
  $ spotcheck verify wenshan-2026-11/manifest.json --registry exports/a.csv exports/b.csv --json
  $ spotcheck verify wenshan-2026-11 --expect 0fcc772c56dc16f1   (the hash in the notice)
`,
    'zh-CN': `
功能：
  1. 检查抽取清单（格式、算法版本、清单自身的 SHA-256：手工改动过的清单不予接受）；
  2. 逐个核对登记数据文件的 SHA-256 与抽取清单是否一致（指出改动过的登记数据文件）；
  3. 按抽取清单中的参数重新抽取，把重新抽取得到的整份抽取清单与记录的逐字段比对（样本量、
     抽样框规模、不足额、分层、结果、排除……；指出不同的字段），只有无法重新计算的
     created_at、tool.version、方案文件记录以及 --history 如何找到历次抽取（找到的抽取
     本身会被核对）除外；
  4. 逐字节比对每个输出：抽取清单记录的每个文件都必须由重新抽取得到，并与抽取清单旁的文件
     相同（指出改动过的文件及其第一处不同的行）；
  5. 给出 --expect HASH 时，检查抽取清单是否就是公布了 manifest_sha256（公示或台账中）的那份。
     任何人都能改动抽取目录并重新封存抽取清单，使其自身前后一致；只有公布的哈希值能说明
     它不是当初的那次抽取。

退出码：0 核验通过 · 1 有差异（说明差异所在） · 2 用法错误，或抽取清单、登记数据无法读取。

耗时：一次抽取（流式读取登记数据两遍）。

示例：
  $ spotcheck verify wenshan-2026-11          （某次抽取的输出目录，或其中的 manifest.json）
  $ spotcheck verify wenshan-2026-11/manifest.json --registry exports/a.csv exports/b.csv --json
  $ spotcheck verify wenshan-2026-11 --expect 0fcc772c56dc16f1   （公示中的哈希值）
`,
  },
  'help.verify.summary': {
    en: 're-draw from a manifest and check it against the recorded outputs',
    'zh-CN': '按抽取清单重新抽取，并与记录的输出核对',
  },
  'help.verify.description': {
    en: 'Re-verify a draw: check the registry and manifest hashes, re-draw, and compare with the recorded outputs.',
    'zh-CN': '核验一次抽取：检查登记数据和抽取清单的哈希值，重新抽取，并与记录的输出比对。',
  },
  'help.verify.manifest': {
    en: 'the manifest.json of a draw, or its directory',
    'zh-CN': '某次抽取的 manifest.json，或其所在目录',
  },
  'help.verify.registry': {
    en: 'registry file(s) to use instead of the paths recorded in the manifest (matched by SHA-256, any order)',
    'zh-CN': '改用这些登记数据文件，而不用抽取清单中记录的路径（按 SHA-256 对应，顺序不限）',
  },
  'help.verify.divisions': {
    en: 'division table to use instead of the recorded one',
    'zh-CN': '改用此行政区划表，而不用抽取清单中记录的那份',
  },
  'cmd.verify.badParameter': {
    en: 'manifest parameter "{key}" is missing or malformed',
    'zh-CN': '抽取清单参数 "{key}" 缺失或格式不对',
  },
  'cmd.verify.registryCount': {
    en: '--registry must name as many files as the manifest records ({recorded}), got {got}',
    'zh-CN': '--registry 给出的文件数必须与抽取清单记录的相同（{recorded} 个），实际为 {got} 个',
  },
  'cmd.verify.registryUnreadable': {
    en: 'cannot read the registry {name} at the path recorded in the manifest ({path}, relative to the manifest): {reason}',
    'zh-CN': '无法按抽取清单记录的路径读取登记数据 {name}（{path}，相对于抽取清单所在目录）：{reason}',
  },
  'cmd.verify.registryMoved': {
    en: 'the draw directory or the registry has moved: give the registry with --registry FILE…',
    'zh-CN': '抽取的输出目录或登记数据已移动：请用 --registry FILE… 给出登记数据',
  },
  'cmd.verify.notManifest': {
    en: "not a draw's manifest: verify takes a draw folder (the --out of monthly, funds or evaluate) or its manifest.json; a registry is given with --registry",
    'zh-CN':
      '不是抽取清单：verify 的参数是抽取结果目录（monthly、funds 或 evaluate 的 --out）或其中的 manifest.json；登记数据文件用 --registry 给出',
  },
  'cmd.verify.notDrawFolder': {
    en: 'not a draw folder: it has no manifest.json; verify takes a draw folder (the --out of monthly, funds or evaluate) or its manifest.json',
    'zh-CN':
      '不是抽取结果目录：其中没有 manifest.json；verify 的参数是抽取结果目录（monthly、funds 或 evaluate 的 --out）或其中的 manifest.json',
  },
  'cmd.verify.usage': {
    en: 'usage: spotcheck verify DRAW-FOLDER [--registry FILE…] (see spotcheck verify --help)',
    'zh-CN': '用法：spotcheck verify 抽取结果目录 [--registry 登记数据文件…]（详见 spotcheck verify --help）',
  },
  'cmd.verify.line': { en: '{verdict} {check}: {detail}', 'zh-CN': '{verdict} {check}：{detail}' },
  'cmd.verify.check.registry': { en: 'registry {name}', 'zh-CN': '登记数据 {name}' },
  'cmd.verify.check.excluded': { en: 'excluded {path}', 'zh-CN': '排除依据 {path}' },
  'cmd.verify.check.fundsTable': { en: 'funds table {name}', 'zh-CN': '帮扶资金表 {name}' },
  'cmd.verify.check.divisions': { en: 'division table', 'zh-CN': '行政区划表' },
  'cmd.verify.check.redraw': { en: '{name} re-draw', 'zh-CN': '{name} 重新抽取' },
  'cmd.verify.detail.shaMatches': { en: 'sha256 {sha}… matches', 'zh-CN': 'sha256 {sha}… 一致' },
  'cmd.verify.detail.excludedChanged': {
    en: 'the excluded draw or list changed: recorded sha256 {recorded}…, now {now}…',
    'zh-CN': '作为排除依据的抽取或名单已改动：记录的 sha256 为 {recorded}…，现为 {now}…',
  },
  'cmd.verify.detail.excludedUnusable': {
    en: 'the excluded draw or list cannot be used: {problem}',
    'zh-CN': '作为排除依据的抽取或名单无法使用：{problem}',
  },
  'cmd.verify.detail.registryChanged': {
    en: 'the registry changed: recorded sha256 {recorded}… ({recordedBytes} bytes), file {path} has {now}… ({bytes} bytes)',
    'zh-CN':
      '登记数据已改动：记录的 sha256 为 {recorded}…（{recordedBytes} 字节），文件 {path} 为 {now}…（{bytes} 字节）',
  },
  'cmd.verify.detail.fundsTableChanged': {
    en: 'the funds table changed (sha256 {recorded}… recorded)',
    'zh-CN': '帮扶资金表已改动（记录的 sha256 为 {recorded}…）',
  },
  'cmd.verify.detail.fundsTableMissing': {
    en: 'the funds table is missing at {path}',
    'zh-CN': '在 {path} 找不到帮扶资金表',
  },
  'cmd.verify.detail.divisionsChanged': {
    en: 'the division table {source} changed (sha256 {recorded}… recorded)',
    'zh-CN': '行政区划表 {source} 已改动（记录的 sha256 为 {recorded}…）',
  },
  'cmd.verify.detail.foreignFile': {
    en: '{name} is beside the manifest but not part of this draw (a file of another draw?)',
    'zh-CN': '{name} 位于抽取清单旁，但不属于本次抽取（是另一次抽取的文件？）',
  },
  'cmd.verify.detail.unrecordedOutput': {
    en: 'the manifest records no such output',
    'zh-CN': '抽取清单中没有记录这个输出',
  },
  'cmd.verify.detail.redrawDiffers': {
    en: 'the re-draw differs from the recorded draw (sha256 {recorded}… recorded, {now}… now)',
    'zh-CN': '重新抽取的结果与记录的抽取不同（记录的 sha256 为 {recorded}…，现为 {now}…）',
  },
  'cmd.verify.detail.missing': {
    en: '{name} is missing beside the manifest (the re-draw matches the recorded sha256)',
    'zh-CN': '抽取清单旁缺少 {name}（重新抽取的结果与记录的 sha256 一致）',
  },
  'cmd.verify.detail.changedAfterDraw': {
    en: '{name} beside the manifest was changed after the draw: {difference}',
    'zh-CN': '抽取清单旁的 {name} 在抽取后被改动：{difference}',
  },
  'cmd.verify.detail.difference': {
    en: '{lines} line(s) differ; first at line {line}: file has "{file}", re-draw gives "{redrawn}"',
    'zh-CN': '{lines} 行不同；第一处在第 {line} 行：文件中为 "{file}"，重新抽取得到 "{redrawn}"',
  },
  'cmd.verify.detail.noLine': { en: '(no line)', 'zh-CN': '（无此行）' },
  'cmd.verify.detail.matches': {
    en: 're-draw and file match ({rows} rows)',
    'zh-CN': '重新抽取的结果与文件一致（{rows} 行）',
  },

  // src/commands/inspect.ts
  'help.inspect.after': {
    en: `
What it does:
  Reads the registry as \`monthly\` would and prints prefectures, counties, townships, villages,
  poor villages, households and people by status (未脱贫 / 已脱贫 / 非贫困户), per county, then every
  data problem (errors stop a draw; warnings do not) with its file and line.

Exit codes: 0 no errors · 1 the registry has errors a draw would refuse · 2 unreadable input.

Cost: one streamed pass over the registry.

Examples:
  $ spotcheck inspect fixtures/demo-registry.csv
  $ spotcheck inspect county-a.csv county-b.csv --encoding gbk --json
`,
    'zh-CN': `
功能：
  按 \`monthly\` 的方式读取登记数据，列出州市、县、乡镇、村和贫困村的数量，以及按状态
  （未脱贫 / 已脱贫 / 非贫困户）统计的户数和人数，并逐县列出；然后列出每个数据问题
  （错误会使抽取无法进行，警告不会）及其所在文件和行。

退出码：0 没有错误 · 1 登记数据有抽取时会被拒绝的错误 · 2 输入无法读取。

耗时：流式读取登记数据一遍。

示例：
  $ spotcheck inspect fixtures/demo-registry.csv
  $ spotcheck inspect county-a.csv county-b.csv --encoding gbk --json
`,
  },
  'help.inspect.summary': {
    en: 'summarise a registry and list its data problems',
    'zh-CN': '汇总登记数据并列出其中的数据问题',
  },
  'help.inspect.description': {
    en: 'Summarise the frame a registry gives and list data problems with file and line.',
    'zh-CN': '汇总登记数据构成的抽样框，并列出数据问题及其所在文件和行。',
  },
  'help.inspect.json': { en: 'print the summary and problems as JSON', 'zh-CN': '以 JSON 输出汇总和数据问题' },
  'cmd.inspect.file': {
    en: '{name}: {n} rows, {layout}, {encoding}, sha256 {sha}…',
    'zh-CN': '{name}：{n} 行，{layout}，{encoding}，sha256 {sha}…',
  },
  'cmd.inspect.fileWithBom': {
    en: '{name}: {n} rows, {layout}, {encoding} with BOM, sha256 {sha}…',
    'zh-CN': '{name}：{n} 行，{layout}，{encoding}（带 BOM），sha256 {sha}…',
  },
  'cmd.layout.person': { en: 'person-level', 'zh-CN': '每人一行' },
  'cmd.layout.household': { en: 'household-level', 'zh-CN': '每户一行' },
  'cmd.inspect.units': {
    en: '{prefectures} prefectures · {counties} counties · {townships} townships · {villages} villages ({poorVillages} poor villages)',
    'zh-CN': '{prefectures} 个州市 · {counties} 个县 · {townships} 个乡镇 · {villages} 个村（{poorVillages} 个贫困村）',
  },
  'cmd.inspect.unitsUnmarked': {
    en: '{prefectures} prefectures · {counties} counties · {townships} townships · {villages} villages (poor villages not marked)',
    'zh-CN': '{prefectures} 个州市 · {counties} 个县 · {townships} 个乡镇 · {villages} 个村（未标注贫困村）',
  },
  'cmd.inspect.households': { en: 'households: {counts}', 'zh-CN': '户数：{counts}' },
  'cmd.inspect.people': { en: 'people:     {counts}', 'zh-CN': '人数：{counts}' },
  'cmd.inspect.column.county': { en: 'county', 'zh-CN': '县' },
  'cmd.inspect.column.townships': { en: 'townships', 'zh-CN': '乡镇数' },
  'cmd.inspect.column.villages': { en: 'villages', 'zh-CN': '村数' },
  'cmd.inspect.column.poor': { en: 'poor', 'zh-CN': '贫困村数' },
  'cmd.inspect.column.households': {
    en: 'households (未脱贫/已脱贫/非贫困户)',
    'zh-CN': '户数（未脱贫/已脱贫/非贫困户）',
  },
  'cmd.inspect.noProblems': { en: 'No data problems.', 'zh-CN': '没有数据问题。' },
  'cmd.inspect.problemCount': {
    en: '{errors} error(s), {warnings} warning(s):',
    'zh-CN': '{errors} 个错误，{warnings} 个警告：',
  },
  'cmd.inspect.error': { en: 'error', 'zh-CN': '错误' },
  'cmd.inspect.warning': { en: 'warning', 'zh-CN': '警告' },
  'cmd.inspect.problem': { en: '{where}: {message}', 'zh-CN': '{where}：{message}' },
  'cmd.inspect.moreProblems': {
    en: '… (only the first {listed} problems are listed)',
    'zh-CN': '…（只列出了前 {listed} 个问题）',
  },

  // src/commands/ledger.ts
  'help.ledger.after': {
    en: `
What it does:
  A ledger is the file given to \`monthly --ledger FILE\` or \`evaluate --ledger FILE\`: one JSON line
  per draw (time, tool and algorithm version, parameters, seed, input and output hashes, manifest
  hash), each holding the SHA-256 of the line before it. \`ledger verify\` recomputes every hash and
  link: an edited, deleted, inserted or re-ordered line breaks the chain and is named by line.
  It then lists repeated draws: the same command, month, level and scope drawn more than once,
  flagged when the seeds differ (a re-draw until the sample suits someone).
  Deleting the newest lines cannot break a chain; publish the head hash it prints (for example on
  the draw's public notice) and check against it later with --head.

Exit codes: 0 intact (repeats are listed, not failed) · 1 broken chain, or --head not matched ·
2 unreadable ledger.

Cost: reads the ledger once (a few hundred bytes per draw).

Examples:
  $ spotcheck ledger verify draws-2026.ledger
  $ spotcheck ledger verify draws-2026.ledger --head 3f1c…  --json
`,
    'zh-CN': `
功能：
  抽查台账就是传给 \`monthly --ledger FILE\` 或 \`evaluate --ledger FILE\` 的文件：每次抽取一行 JSON
  （时间、工具和算法版本、参数、种子、输入和输出的哈希值、抽取清单的哈希值），每行都含有上一行
  的 SHA-256。\`ledger verify\` 重新计算每个哈希值和每处链接：被改动、删除、插入或调换顺序的行
  会使链条断开，并按行号指出。
  随后列出重复的抽取：同一命令、月份、层级和范围抽取了不止一次；种子不同的会特别标出（可能是
  为得到合意的样本而反复重抽）。
  删除最新的若干行不会使链条断开；请公布它显示的链头哈希值（例如写在抽取公告上），日后用
  --head 核对。

退出码：0 台账完整（重复抽取只列出，不算失败） · 1 链条断开，或找不到 --head 给出的链头 ·
2 台账无法读取。

耗时：读取台账一遍（每次抽取几百字节）。

示例：
  $ spotcheck ledger verify draws-2026.ledger
  $ spotcheck ledger verify draws-2026.ledger --head 3f1c…  --json
`,
  },
  'help.ledger.summary': {
    en: 'check a draw ledger (see `ledger verify --help`)',
    'zh-CN': '核验抽查台账（见 `ledger verify --help`）',
  },
  'help.ledger.description': {
    en: 'Work with a draw ledger written by --ledger.',
    'zh-CN': '处理由 --ledger 写出的抽查台账。',
  },
  'help.ledger.verify.summary': {
    en: 'check a draw ledger: the SHA-256 chain, and draws repeated for the same month and scope',
    'zh-CN': '核验抽查台账：SHA-256 链条，以及同一月份、同一范围的重复抽取',
  },
  'help.ledger.verify.description': {
    en: 'Check a draw ledger: every entry hash and link, and list draws repeated for the same command, month, level and scope.',
    'zh-CN': '核验抽查台账的每个哈希值和链接，并列出同一命令、月份、层级和范围的重复抽取。',
  },
  'help.ledger.verify.file': { en: 'the ledger file', 'zh-CN': '抽查台账文件' },
  'help.ledger.verify.head': {
    en: 'the head hash published earlier: the ledger must contain it (entries deleted from the end are caught)',
    'zh-CN': '此前公布的链头哈希值：台账中须有它（可发现从末尾删除的记录）',
  },
  'cmd.ledger.headInvalid': {
    en: '--head must be a SHA-256 in hex (64 characters 0-9a-f), got "{got}"',
    'zh-CN': '--head 必须是十六进制的 SHA-256（64 个 0-9a-f 字符），实际为 "{got}"',
  },
  'cmd.ledger.brokenLabel': { en: 'BROKEN', 'zh-CN': '断链' },
  'cmd.ledger.problem': { en: 'line {line}: {message}', 'zh-CN': '第 {line} 行：{message}' },
  'cmd.ledger.wholeRegistry': { en: 'whole registry', 'zh-CN': '全部登记数据' },
  'cmd.ledger.repeatLabel': { en: 'repeat', 'zh-CN': '重复' },
  'cmd.ledger.repeatFlaggedLabel': { en: 'REPEAT', 'zh-CN': '重复' },
  'cmd.ledger.repeatSameSeed': {
    en: '{what}: drawn {times} times with the same seed',
    'zh-CN': '{what}：抽取 {times} 次，种子相同',
  },
  'cmd.ledger.repeatDifferentSeeds': {
    en: '{what}: drawn {times} times with different seeds',
    'zh-CN': '{what}：抽取 {times} 次，种子不同',
  },
  'cmd.ledger.repeatEntry': {
    en: 'line {line} #{sequence} {time} seed {seed} manifest {manifest}…',
    'zh-CN': '第 {line} 行 #{sequence} {time} 种子 {seed} 抽取清单 {manifest}…',
  },

  // src/commands/generate.ts
  'help.generate.after': {
    en: `
What it does:
  Writes a synthetic registry: real county names and codes from the division table (Yunnan's by
  default), synthetic townships, villages, households and people. The same options give the same
  file byte for byte (seedrandom). Person-level files follow the national poverty information
  system's export (户编号, 人编号, 与户主关系 …; no prefecture or codes unless --with-codes);
  household-level files use the canonical English headers.

Cost: streamed; about one second per 100,000 households.

Examples:
  $ spotcheck generate --out demo.csv --households 1200 --counties 12 --seed demo
  $ spotcheck generate --out big.csv --households 1000000 --layout household --seed bench
  $ spotcheck generate --out gbk.csv --households 300 --encoding gbk --seed drill
`,
    'zh-CN': `
功能：
  写出一份合成的登记数据：县名和代码是行政区划表（默认为云南省的）中真实的，乡镇、村、户和
  人员是合成的。相同的选项写出逐字节相同的文件（seedrandom）。每人一行的文件沿用全国扶贫开发
  信息系统的导出格式（户编号、人编号、与户主关系 …；除非加 --with-codes，否则不含州市和代码）；
  每户一行的文件使用标准英文表头。

耗时：流式写出；每 10 万户约一秒。

示例：
  $ spotcheck generate --out demo.csv --households 1200 --counties 12 --seed demo
  $ spotcheck generate --out big.csv --households 1000000 --layout household --seed bench
  $ spotcheck generate --out gbk.csv --households 300 --encoding gbk --seed drill
`,
  },
  'help.generate.summary': {
    en: 'write a deterministic synthetic registry (demo, drills, benchmarks)',
    'zh-CN': '写出确定的合成登记数据（用于演示、演练和性能测试）',
  },
  'help.generate.description': {
    en: 'Write a synthetic registry in the national export layout (person-level) or the canonical household layout.',
    'zh-CN': '按全国导出格式（每人一行）或标准的每户一行格式写出合成登记数据。',
  },
  'help.generate.out': { en: 'the CSV file to write (required)', 'zh-CN': '要写出的 CSV 文件（必需）' },
  'help.generate.households': { en: 'number of households', 'zh-CN': '户数' },
  'help.generate.counties': {
    en: 'spread over this many counties chosen at random (default: all in the table)',
    'zh-CN': '分布在随机选取的这么多个县中（默认：表中全部县）',
  },
  'help.generate.prefecture': {
    en: 'only counties of this prefecture (repeatable)',
    'zh-CN': '只取此州市的县（可重复）',
  },
  'help.generate.seed': { en: 'seed of the synthetic data', 'zh-CN': '合成数据的种子' },
  'help.generate.layout': {
    en: 'person (national export, one row per person) or household',
    'zh-CN': 'person（全国导出格式，每人一行）或 household（每户一行）',
  },
  'help.generate.withCodes': {
    en: 'add 州市, 县代码, 乡镇代码 and 村代码 columns (person layout)',
    'zh-CN': '增加 州市、县代码、乡镇代码 和 村代码 列（每人一行格式）',
  },
  'help.generate.withFunds': {
    en: 'add a 帮扶资金 column (synthetic yuan per household, for `spotcheck funds`)',
    'zh-CN': '增加 帮扶资金 列（每户合成的金额，单位为元，供 `spotcheck funds` 使用）',
  },
  'help.generate.nonpoorShare': {
    en: 'share of non-registered households (非贫困户, adds 户类型)',
    'zh-CN': '非建档立卡户（非贫困户）所占比例（会增加 户类型 列）',
  },
  'help.generate.nonpoorOut': {
    en: 'write the non-registered households to this separate file (for evaluate --nonpoor)',
    'zh-CN': '把非建档立卡户另行写入此文件（供 evaluate --nonpoor 使用）',
  },
  'help.generate.poorVillageShare': {
    en: 'share of villages marked 是否贫困村 = 是',
    'zh-CN': '标为 是否贫困村 = 是 的村所占比例',
  },
  'help.generate.householdsPerVillage': { en: 'average households per village', 'zh-CN': '平均每村户数' },
  'help.generate.encoding': { en: 'utf-8 or gbk', 'zh-CN': 'utf-8 或 gbk' },
  'help.generate.bom': {
    en: 'start a UTF-8 file with a byte-order mark (as Excel writes)',
    'zh-CN': '在 UTF-8 文件开头写入字节顺序标记（BOM，Excel 也这样写）',
  },
  'help.generate.crlf': {
    en: 'end lines with CRLF (as Windows tools write)',
    'zh-CN': '行尾用 CRLF（Windows 工具也这样写）',
  },
  'help.generate.divisions': {
    en: 'division table to take counties from (default: bundled Yunnan)',
    'zh-CN': '从中选取县的行政区划表（默认：内置的云南省表）',
  },
  'help.generate.force': { en: 'replace an existing file', 'zh-CN': '替换已存在的文件' },
  'cmd.generate.shareInvalid': {
    en: '{option} must be a number from 0 to 1, got "{got}"',
    'zh-CN': '{option} 必须是 0 到 1 之间的数，实际为 "{got}"',
  },
  'cmd.generate.outRequired': {
    en: '--out is required: the CSV file to write',
    'zh-CN': '必须给出 --out：要写出的 CSV 文件',
  },
  'cmd.generate.bomNeedsUtf8': {
    en: '--bom goes with --encoding utf-8 (a GBK file has no byte-order mark)',
    'zh-CN': '--bom 只能与 --encoding utf-8 一起使用（GBK 文件没有字节顺序标记）',
  },
  'cmd.generate.nonpoorOutNeedsShare': {
    en: '--nonpoor-out needs --nonpoor-share above 0',
    'zh-CN': '--nonpoor-out 需要 --nonpoor-share 大于 0',
  },
  'cmd.generate.fileExists': {
    en: 'the file exists; add --force to replace it',
    'zh-CN': '文件已存在；加 --force 可替换',
  },
  'cmd.generate.writeFailed': { en: 'cannot write the registry ({reason})', 'zh-CN': '无法写出登记数据（{reason}）' },
  'cmd.generate.wrote': {
    en: 'Wrote {households} synthetic households, {layout}, {encoding}: {files}',
    'zh-CN': '已写出 {households} 户合成数据，{layout}，{encoding}：{files}',
  },
  'cmd.generate.file': { en: '{file} ({rows} rows)', 'zh-CN': '{file}（{rows} 行）' },
  'cmd.generate.twoFiles': { en: '{first} and {second}', 'zh-CN': '{first}和 {second}' },

  // src/commands/sql.ts
  'help.sql.after': {
    en: `
What it does:
  Prints SQL that makes, inside the database where the registry lives, the same draw as
  \`spotcheck monthly\` (or, with --mode evaluate, \`spotcheck evaluate\`): the same frame, the same
  SHA-256 tickets (sha256 of the parts joined by chr(31)), the same ranks, the same selected
  counties, villages and households, the same stage and overall probabilities and weights. It
  reads nothing but the division table; nothing is sent anywhere. Run the SQL with duckdb or psql.

What the SQL expects:
  A table (or view) with one row per household (--layout household) or per person (--layout
  person: households are grouped by household_id; the 户主 / 本人 / head row gives the household's
  status and size, and a household without one is refused; a table without a relation column
  uses the row with the smallest person_id instead). Columns have the canonical names
  household_id, prefecture, county, county_code, township, township_code, village, village_code,
  status, household_type, poor_village, household_size (+ person_id, relation for person rows);
  --table-columns lists the columns the table really has (the same header rules as for CSV files,
  so the national export's 户编号, 行政县 … are recognised), --column field=Column maps others.
  Counties are resolved through the division table (bundled Yunnan table, or --divisions), which
  the SQL carries as a VALUES list. Cells are normalised as the CLI does (NFC, spaces);
  --assume-normalised skips that when the table is known to be clean. Text and code columns must
  keep leading zeros (text types). A registry the CLI would refuse (unknown county, blank key,
  unknown status, unit under two parents …) or an empty frame makes the SQL fail with a message.

Results (--select, default all: one statement each, in this order):
  monthly:  frame, counties, villages, households (the columns of counties.csv, villages.csv and
            households.csv, without the registry's own columns)
  evaluate: frame, strata, counties, villages, households (frame.csv's columns; spares have
            role = spare)

Cost:
  Printing is instant. In the database each statement reads the table once, groups it into
  households and villages, and hashes only the frame's counties and the villages and households
  of the drawn units. Measured on 1,000,000 households (2 cores): DuckDB about 2.5 s per
  statement, PostgreSQL about 15 s (1 s and 10 s with --assume-normalised); see docs/sql.md.

Limits:
  evaluate: --strata prefecture or poverty-county only (no --county-attributes, no registry column).

Examples:
  $ spotcheck sql --dialect duckdb --month 2026-11 --seed "2026-11 public draw" --level province > draw.sql
  $ duckdb registry.duckdb < draw.sql
  $ spotcheck sql --dialect postgres --table poverty.registry --layout person --month 2026-11 --seed 8812 \\
      --level county --scope 530426 --select households | psql -d warehouse
  $ spotcheck sql --dialect duckdb --table-columns "行政县,乡镇,行政村,户编号,人编号,与户主关系,脱贫属性,是否贫困村" \\
      --month 2026-11 --seed demo-2026-11 --select households
  $ spotcheck sql --dialect postgres --mode evaluate --seed 731 --counties 6 --nonpoor-table rural_households
`,
    'zh-CN': `
功能：
  输出一段 SQL，在存放登记数据的数据库内完成与 \`spotcheck monthly\`（加 --mode evaluate 时为
  \`spotcheck evaluate\`）相同的抽取：相同的抽样框、相同的 SHA-256 抽签值（各部分以 chr(31) 连接
  后取 sha256）、相同的排序、相同的入选县、村和户，以及相同的各阶段入样概率、总入样概率和权重。
  本命令只读取行政区划表，不向任何地方发送数据。请用 duckdb 或 psql 运行这段 SQL。

SQL 对数据表的要求：
  一张表（或视图），每户一行（--layout household）或每人一行（--layout person：按 household_id
  归并成户，由 户主 / 本人 / head 所在的行给出该户的状态和人数，缺少这一行的户不予接受；没有
  关系列的表改用 person_id 最小的行）。列使用标准名称
  household_id, prefecture, county, county_code, township, township_code, village, village_code,
  status, household_type, poor_village, household_size（每人一行时另有 person_id, relation）；
  --table-columns 列出表中实际有的列（表头规则与 CSV 文件相同，因此能识别全国导出格式的
  户编号、行政县 …），--column field=Column 指定其他列的对应关系。
  县通过行政区划表（内置的云南省表，或 --divisions）确定，该表以 VALUES 列表写在 SQL 中。
  单元格按 CLI 的方式规范化（NFC、空格）；确知表中数据已规范时，可用 --assume-normalised 跳过。
  文本列和代码列必须保留前导零（使用文本类型）。CLI 会拒绝的登记数据（未知的县、关键列为空、
  未知的状态、同一单位有两个上级 …）或空的抽样框会使 SQL 执行失败并给出说明。

结果（--select，默认 all：每项一条语句，按以下顺序）：
  monthly： frame, counties, villages, households（即 counties.csv、villages.csv 和
            households.csv 的列，不含登记数据本身的列）
  evaluate：frame, strata, counties, villages, households（即 frame.csv 的列；备用户的
            role = spare）

耗时：
  输出 SQL 是即时的。在数据库中，每条语句读取数据表一遍，归并成户和村，只对抽样框中的县以及
  入选单位中的村和户计算哈希。在 100 万户上实测（2 核）：DuckDB 每条语句约 2.5 秒，
  PostgreSQL 约 15 秒（加 --assume-normalised 时分别为 1 秒和 10 秒）；见 docs/sql.md。

限制：
  evaluate：--strata 只能是 prefecture 或 poverty-county（不支持 --county-attributes，
  也不能按登记数据中的列分层）。

示例：
  $ spotcheck sql --dialect duckdb --month 2026-11 --seed "2026-11 public draw" --level province > draw.sql
  $ duckdb registry.duckdb < draw.sql
  $ spotcheck sql --dialect postgres --table poverty.registry --layout person --month 2026-11 --seed 8812 \\
      --level county --scope 530426 --select households | psql -d warehouse
  $ spotcheck sql --dialect duckdb --table-columns "行政县,乡镇,行政村,户编号,人编号,与户主关系,脱贫属性,是否贫困村" \\
      --month 2026-11 --seed demo-2026-11 --select households
  $ spotcheck sql --dialect postgres --mode evaluate --seed 731 --counties 6 --nonpoor-table rural_households
`,
  },
  'help.sql.summary': {
    en: 'print SQL that makes the same draw inside DuckDB or PostgreSQL',
    'zh-CN': '输出在 DuckDB 或 PostgreSQL 内完成同一抽取的 SQL',
  },
  'help.sql.description': {
    en: 'Print SQL that computes, inside the database holding the registry, the same frame and the same draw as `spotcheck monthly` (or `spotcheck evaluate` with --mode evaluate).',
    'zh-CN':
      '输出一段 SQL，在存放登记数据的数据库内算出与 `spotcheck monthly`（加 --mode evaluate 时为 `spotcheck evaluate`）相同的抽样框和相同的抽取结果。',
  },
  'help.sql.dialect': { en: 'duckdb or postgres (required)', 'zh-CN': 'duckdb 或 postgres（必需）' },
  'help.sql.mode': { en: 'monthly or evaluate', 'zh-CN': 'monthly 或 evaluate' },
  'help.sql.table': {
    en: 'the registry table or view, optionally schema.table',
    'zh-CN': '存放登记数据的表或视图，可写成 schema.table',
  },
  'help.sql.tableColumns': {
    en: "the table's column names, comma-separated; recognised like a CSV header (default: the canonical English names)",
    'zh-CN': '表的列名，以逗号分隔；按 CSV 表头的规则识别（默认：标准英文列名）',
  },
  'help.sql.layout': {
    en: 'household (one row per household) or person (one row per person)',
    'zh-CN': 'household（每户一行）或 person（每人一行）',
  },
  'help.sql.layoutDefault': {
    en: '"household", or what --table-columns shows',
    'zh-CN': '"household"，或由 --table-columns 判断',
  },
  'help.sql.column': {
    en: 'read a field from another column (repeatable), e.g. household_id=hh_no',
    'zh-CN': '从另一列读取某个字段（可重复），例如 household_id=hh_no',
  },
  'help.sql.divisions': {
    en: "division table CSV (prefecture_code, prefecture, county_code, county); default: Yunnan's bundled table",
    'zh-CN': '行政区划表 CSV（prefecture_code, prefecture, county_code, county）；默认：内置的云南省表',
  },
  'help.sql.select': {
    en: 'results to print: all, or some of frame, strata (evaluate), counties, villages, households',
    'zh-CN': '要输出的结果：all，或 frame, strata（evaluate）, counties, villages, households 中的若干项',
  },
  'help.sql.assumeNormalised': {
    en: 'the table already holds normalised names (no NFC or space folding in SQL; faster)',
    'zh-CN': '表中名称已经规范化（SQL 中不再做 NFC 和空格处理；更快）',
  },
  'help.sql.month': { en: 'monthly: month of the draw (required)', 'zh-CN': 'monthly：抽取的月份（必需）' },
  'help.sql.level': {
    en: 'monthly: province, prefecture, county or township (省, 州市, 县, 乡镇)',
    'zh-CN': 'monthly：province、prefecture、county 或 township（省、州市、县、乡镇）',
  },
  'help.sql.scope': {
    en: 'monthly: the prefecture, county or township drawn in (required below province)',
    'zh-CN': 'monthly：在哪个州市、县或乡镇内抽取（省以下层级必需）',
  },
  'help.sql.counties': {
    en: 'counties to draw (monthly: province 4, prefecture 2; evaluate: 20)',
    'zh-CN': '抽取的县数（monthly：省级 4，州市级 2；evaluate：20）',
  },
  'help.sql.villages': {
    en: 'villages per county (monthly: province/prefecture 2, county 4, township 2; evaluate: 3)',
    'zh-CN': '每县抽取的村数（monthly：省级/州市级 2，县级 4，乡镇级 2；evaluate：3）',
  },
  'help.sql.households': {
    en: 'monthly: households per village (5); evaluate: per status, poor=5,exited=5,nonpoor=5',
    'zh-CN': 'monthly：每村抽取的户数（5）；evaluate：按状态分别给出，poor=5,exited=5,nonpoor=5',
  },
  'help.sql.villageFrame': { en: 'monthly: auto, poor or all', 'zh-CN': 'monthly：auto、poor 或 all' },
  'help.sql.statuses': {
    en: 'monthly: household statuses in the frame: poor, exited, nonpoor',
    'zh-CN': 'monthly：纳入抽样框的户状态：poor、exited、nonpoor',
  },
  'help.sql.strata': {
    en: 'evaluate: prefecture or poverty-county',
    'zh-CN': 'evaluate：prefecture 或 poverty-county',
  },
  'help.sql.allocation': {
    en: 'evaluate: proportional, households or equal',
    'zh-CN': 'evaluate：proportional、households 或 equal',
  },
  'help.sql.countySelection': { en: 'evaluate: srs or pps', 'zh-CN': 'evaluate：srs 或 pps' },
  'help.sql.spares': { en: 'evaluate: spares per village and status', 'zh-CN': 'evaluate：每村每种状态的备用户数' },
  'help.sql.nonpoorTable': {
    en: 'evaluate: a table of non-registered rural households, with the same columns as --table (status not needed)',
    'zh-CN': 'evaluate：非建档立卡农户的表，列与 --table 相同（不需要状态列）',
  },
  'cmd.sql.dialectRequired': {
    en: '--dialect is required: duckdb or postgres',
    'zh-CN': '必须给出 --dialect：duckdb 或 postgres',
  },
  'cmd.sql.dialectInvalid': {
    en: '--dialect must be duckdb or postgres, got "{got}"',
    'zh-CN': '--dialect 只能是 duckdb 或 postgres，实际为 "{got}"',
  },
  'cmd.sql.layoutContradictsPerson': {
    en: '--layout {layout} contradicts --table-columns, which has person_id or relation column (a table with either is person-level)',
    'zh-CN': '--layout {layout} 与 --table-columns 矛盾：其中有 person_id 或 relation 列（有其中任一列的表是每人一行）',
  },
  'cmd.sql.layoutContradictsHousehold': {
    en: '--layout {layout} contradicts --table-columns, which has no person_id or relation column (a table with either is person-level)',
    'zh-CN':
      '--layout {layout} 与 --table-columns 矛盾：其中没有 person_id 或 relation 列（有其中任一列的表才是每人一行）',
  },
  'cmd.sql.columnMakesPersonLevel': {
    en: '--column {field}={column} makes the table person-level: add --layout person',
    'zh-CN': '--column {field}={column} 表明此表每人一行：请加 --layout person',
  },
  'cmd.sql.scopeUnknown': {
    en: '--scope "{text}" is not a {level} of the division table {source}',
    'zh-CN': '--scope "{text}" 不是行政区划表 {source} 中的{level}',
  },
  'cmd.sql.scopeAmbiguous': {
    en: '--scope "{text}" matches {count} {level} units ({codes}); give the code',
    'zh-CN': '--scope "{text}" 匹配到 {count} 个{level}（{codes}）；请给出代码',
  },
  'cmd.sql.selectInvalid': {
    en: '--select takes all or a list of {choices} for --mode {mode}; got "{got}"',
    'zh-CN': '--mode {mode} 时，--select 只能是 all，或由 {choices} 中若干项组成的列表；实际为 "{got}"',
  },
  'cmd.sql.notForModeOne': {
    en: '{options} does not apply to --mode {mode}',
    'zh-CN': '{options} 不适用于 --mode {mode}',
  },
  'cmd.sql.notForModeMany': {
    en: '{options} do not apply to --mode {mode}',
    'zh-CN': '{options} 不适用于 --mode {mode}',
  },
  'cmd.sql.modeInvalid': {
    en: '--mode must be monthly or evaluate, got "{got}"',
    'zh-CN': '--mode 只能是 monthly 或 evaluate，实际为 "{got}"',
  },
  'cmd.sql.tableEmpty': { en: '--table must name a table', 'zh-CN': '--table 必须给出表名' },
  'cmd.sql.countiesAtLevel': {
    en: '--counties does not apply at {level} level, where the scope fixes the county; got --counties {got}',
    'zh-CN': '--counties 不适用于{level}级：县已由范围确定；实际给出 --counties {got}',
  },
  'cmd.sql.strataColumn': {
    en: '--strata {column}: spotcheck sql stratifies by prefecture or poverty-county only; draw with `spotcheck evaluate` for strata from a column or a county table',
    'zh-CN':
      '--strata {column}：spotcheck sql 只能按 prefecture 或 poverty-county 分层；按某一列或县属性表分层请用 `spotcheck evaluate` 抽取',
  },
  'cmd.sql.designNotInSql': {
    en: '{flag}: spotcheck sql makes the evaluation draw without a minimum per stratum or merged strata (docs/algorithm.md §14.3.1); draw with `spotcheck evaluate` for them',
    'zh-CN':
      '{flag}：spotcheck sql 生成的评估抽取不含每层最少县数或合并小层（docs/algorithm.md §14.3.1）；需要时请用 `spotcheck evaluate` 抽取',
  },
  'cmd.sql.strataNeedsPovertyCounty': {
    en: '--strata poverty-county needs a poverty_county column in the division table',
    'zh-CN': '--strata poverty-county 需要行政区划表中有 poverty_county 列',
  },
  'cmd.sql.strataNeedsPovertyCountyHint': {
    en: 'give a --divisions table with a poverty_county column (是/否)',
    'zh-CN': '请用 --divisions 给出带 poverty_county 列（是/否）的行政区划表',
  },
  'cmd.sql.nonpoorTableEmpty': { en: '--nonpoor-table must name a table', 'zh-CN': '--nonpoor-table 必须给出表名' },
} as const satisfies MessageSection;
