/**
 * Help texts, error messages and printed lines of the draw commands: monthly, funds, evaluate,
 * estimate and the options they share (src/commands/shared.ts). Keys: help.<command>.*, cmd.<command>.*.
 */
import type { MessageSection } from './section.js';

export const DRAW_COMMAND_MESSAGES = {
  // src/commands/monthly.ts
  'help.monthly.summary': {
    en: 'draw the monthly spot check for one inspection level',
    'zh-CN': '按一个检查层级抽取月度抽查样本',
  },
  'help.monthly.description': {
    en: 'Draw the monthly spot-check sample (counties → villages → households) for one discipline-inspection level, reproducibly from a public seed.',
    'zh-CN': '为一个纪检监察层级抽取月度抽查样本（县 → 村 → 户），由公开选定的种子决定，可复现。',
  },
  'help.monthly.registry': {
    en: 'registry CSV file(s); a province may be several county exports',
    'zh-CN': '登记数据 CSV 文件（可多个）；全省数据可由各县分别导出的多个文件组成',
  },
  'help.monthly.level': {
    en: 'province, prefecture, county or township (省, 州市, 县, 乡镇)',
    'zh-CN': '层级：province（省）、prefecture（州市）、county（县）或 township（乡镇）',
  },
  'help.monthly.scope': {
    en: 'the prefecture, county or township drawn in (required below province); a township may be given as 县›乡镇',
    'zh-CN': '在哪个州市、县或乡镇内抽取（省级以下必填）；乡镇可写作 县›乡镇',
  },
  'help.monthly.counties': {
    en: 'counties to draw (province 4, prefecture 2)',
    'zh-CN': '抽取的县数（省级 4，州市级 2）',
  },
  'help.monthly.villages': {
    en: 'villages per county (province/prefecture 2, county 4, township 2)',
    'zh-CN': '每县抽取的村数（省级/州市级 2，县级 4，乡镇级 2）',
  },
  'help.monthly.households': { en: 'households per village', 'zh-CN': '每村抽取的户数' },
  'help.monthly.villageFrame': {
    en: 'which villages are in the frame: auto (poor villages if the registry marks them, else all), poor, all',
    'zh-CN': '哪些村进入抽样框：auto（登记数据标注了贫困村时取贫困村，否则取全部村）、poor（贫困村）、all（全部村）',
  },
  'help.monthly.statuses': {
    en: 'household statuses in the frame: poor, exited, nonpoor (未脱贫, 已脱贫, 非贫困户)',
    'zh-CN': '哪些状态的户进入抽样框：poor（未脱贫）、exited（已脱贫）、nonpoor（非贫困户）',
  },
  'help.monthly.spares': {
    en: 'also write spares.csv: the next n households of each drawn village in ticket order, used in order only when a sampled one cannot be checked',
    'zh-CN': '同时写出 spares.csv：每个抽中村按抽签值顺序紧随样本户之后的 n 户备用户，仅当样本户无法核查时按顺序使用',
  },
  'help.monthly.exclude': {
    en: 'leave out the units of earlier draws (their directory or manifest.json) or of a CSV list (county_code, village_key or household_id columns)',
    'zh-CN':
      '排除以往抽取的单位（给出其输出目录或 manifest.json）或 CSV 名单中的单位（county_code、village_key 或 household_id 列）',
  },
  'help.monthly.excludeStagesDefault': {
    en: '"county,village,household"; at county and township level "village,household"',
    'zh-CN': '"county,village,household"；县级和乡镇级为 "village,household"',
  },
  'help.monthly.excludeStages': {
    en: 'the stages --exclude removes units at: county, village, household',
    'zh-CN': '--exclude 在哪些阶段排除单位：county（县）、village（村）、household（户）',
  },
  'help.monthly.history': {
    en: 'a directory of earlier draws (searched recursively for manifest.json); with --cooldown',
    'zh-CN': '存放以往抽取结果的目录（递归查找 manifest.json）；与 --cooldown 一起使用',
  },
  'help.monthly.cooldown': {
    en: "leave out the units drawn in --history's monthly draws of the last <months> months before --month",
    'zh-CN': '排除 --history 中 --month 之前 <months> 个月内各次月度抽取已抽中的单位（冷却期）',
  },
  'help.monthly.cooldownStages': {
    en: 'the stages --cooldown removes units at',
    'zh-CN': '--cooldown 在哪些阶段排除单位',
  },
  'help.monthly.out': {
    en: 'write counties.csv, villages.csv, households.csv and manifest.json here',
    'zh-CN': '将 counties.csv、villages.csv、households.csv 和 manifest.json 写入此目录',
  },
  'help.monthly.after': {
    en: `
What it does:
  Reads the registry (one or more CSV exports, person- or household-level, UTF-8 or GBK), builds
  the frame (poor villages where the registry marks them; households 未脱贫 and 已脱贫), and draws
  by consistent sampling: every unit gets a SHA-256 ticket from the seed, month, level, scope, stage
  and its key; in each stratum the smallest tickets win. Same registry + same options = same sample.

Stages and defaults (counties × villages per county × households per village):
  province (省)       counties → villages → households      4 × 2 × 5
  prefecture (州市)   counties in it → villages → households 2 × 2 × 5
  county (县)         villages in the county → households       4 × 5
  township (乡镇)     villages in the township → households     2 × 5

Outputs:
  --out DIR writes counties.csv, villages.csv, households.csv (ticket, rank, stage and overall
  inclusion probabilities, design weight, the registry's own columns) and manifest.json, which
  \`spotcheck verify\` re-checks. Without --out a summary is printed; --json prints everything.

Cost:
  Two streamed passes over the registry (frame, then the chosen households' rows); memory grows with
  the number of households (a few fields each), not with the file size.

Examples:
  $ spotcheck monthly fixtures/demo-registry.csv --month 2026-11 --seed "2026-11 public draw" --level province
  $ spotcheck monthly a.csv b.csv --month 2026-11 --seed 8812 --level 州市 --scope 红河哈尼族彝族自治州 --out honghe-2026-11
  $ spotcheck monthly registry.csv --month 2026-11 --seed 8812 --level township --scope "元阳县›新街镇" --json
`,
    'zh-CN': `
功能：
  读取登记数据（一个或多个 CSV 导出文件，按人或按户，UTF-8 或 GBK），建立抽样框（登记数据标注了
  贫困村的，只取贫困村；户取未脱贫和已脱贫），并按一致抽样法抽取：每个单位由种子、月份、层级、
  范围、阶段和自身的键算出一个 SHA-256 抽签值，每层中抽签值最小者入样。登记数据相同、选项相同，
  样本必然相同。

各阶段及默认样本量（县数 × 每县村数 × 每村户数）：
  省（province）        县 → 村 → 户                 4 × 2 × 5
  州市（prefecture）    州市内的县 → 村 → 户         2 × 2 × 5
  县（county）          县内的村 → 户                    4 × 5
  乡镇（township）      乡镇内的村 → 户                  2 × 5

输出：
  --out DIR 写出 counties.csv、villages.csv、households.csv（含抽签值、排序、各阶段及总的入样
  概率、设计权重和登记数据原有的列）以及 manifest.json，可用 \`spotcheck verify\` 复核。不加 --out
  时只打印摘要；加 --json 输出全部结果。

开销：
  对登记数据流式读取两遍（先建抽样框，再读取抽中户的行）；内存随户数增长（每户几个字段），
  与文件大小无关。

示例：
  $ spotcheck monthly fixtures/demo-registry.csv --month 2026-11 --seed "2026-11 public draw" --level province
  $ spotcheck monthly a.csv b.csv --month 2026-11 --seed 8812 --level 州市 --scope 红河哈尼族彝族自治州 --out honghe-2026-11
  $ spotcheck monthly registry.csv --month 2026-11 --seed 8812 --level township --scope "元阳县›新街镇" --json
`,
  },
  'cmd.monthly.excludeStagesWithoutExclude': {
    en: '--exclude-stages applies to --exclude PATH…, which was not given',
    'zh-CN': '--exclude-stages 作用于 --exclude PATH…，但未给出 --exclude',
  },
  'cmd.monthly.cooldownWithoutHistory': {
    en: '--cooldown and --cooldown-stages apply to --history DIR, which was not given',
    'zh-CN': '--cooldown 和 --cooldown-stages 作用于 --history DIR，但未给出 --history',
  },
  'cmd.monthly.historyNeedsCooldown': {
    en: '--history needs --cooldown MONTHS: how many months back a draw keeps its units out',
    'zh-CN': '--history 需要同时给出 --cooldown MONTHS：以往抽取的单位在多少个月内不再入样',
  },
  'cmd.monthly.countiesAtLevel': {
    en: '--counties does not apply at {level} level, where the scope fixes the county; got --counties {counties}',
    'zh-CN': '--counties 不适用于{level}级（范围已确定所在的县）；实际给出 --counties {counties}',
  },

  // src/commands/funds.ts
  'help.funds.summary': {
    en: 'draw the counties a prefecture checks to cover a share of the funds (default 50%)',
    'zh-CN': '抽取州市检查的县，使其覆盖一定比例的帮扶资金（默认 50%）',
  },
  'help.funds.description': {
    en: "Draw the counties a prefecture checks beyond the province's draw, until a share of the funds is covered (or by PPS on funds).",
    'zh-CN': '在省级抽取之外，抽取州市检查的县，直至覆盖一定比例的帮扶资金（或按帮扶资金进行 PPS 抽样）。',
  },
  'help.funds.scope': {
    en: 'the prefecture (州市), by name or code (required)',
    'zh-CN': '州市，名称或代码均可（必填）',
  },
  'help.funds.coverage': {
    en: 'share of the eligible funds to cover (coverage method)',
    'zh-CN': '须覆盖的符合条件县帮扶资金的比例（coverage 方法）',
  },
  'help.funds.method': { en: 'coverage or pps', 'zh-CN': 'coverage（覆盖比例）或 pps（按资金 PPS 抽样）' },
  'help.funds.counties': { en: 'counties to draw (pps method)', 'zh-CN': '抽取的县数（pps 方法）' },
  'help.funds.funds': {
    en: 'county table with the funds (county or county_code, and funds/资金/金额 in yuan) instead of the registry column',
    'zh-CN': '含帮扶资金的县表（county 或 county_code 列，及以元为单位的 funds/资金/金额 列），代替登记数据中的资金列',
  },
  'help.funds.exclude': {
    en: "leave out the counties of earlier draws (the province's: its directory or manifest.json) or of a CSV with county_code",
    'zh-CN': '排除以往抽取的县（省级抽取：给出其输出目录或 manifest.json）或含 county_code 列的 CSV 中的县',
  },
  'help.funds.out': {
    en: 'write counties.csv, ranking.csv and manifest.json here',
    'zh-CN': '将 counties.csv、ranking.csv 和 manifest.json 写入此目录',
  },
  'help.funds.after': {
    en: `
What it does:
  各州市按照资金量不少于总量的50%对省级检查以外的县开展检查: a prefecture checks, among its counties
  the province's draw did not take (--exclude that draw), enough counties to cover a share of the
  funds. Funds come from a registry column (帮扶资金, or --column funds=HEADER), summed per county
  over households, or from a county table (--funds FILE with county or county_code and an amount
  in yuan). Counties without funds are not eligible (listed in ranking.csv).

Methods:
  coverage (default)  the eligible counties in ticket order, taken until the funds of those taken
                      reach --coverage of the eligible total. The number of counties is random; each
                      county's exact inclusion probability is given (up to 20 eligible counties).
                      Fits the rule as written: coverage is guaranteed.
  pps                 --counties n counties by systematic PPS on funds: exact probabilities
                      n·funds/total (large counties with certainty), fixed n; the coverage reached
                      is reported, not guaranteed. Fits estimation of fund-weighted totals.

Outputs:
  --out DIR writes counties.csv (the counties to check: funds, ticket, rank, cumulative funds,
  probability, weight), ranking.csv (every county of the prefecture: selected, not selected,
  excluded or no funds) and manifest.json, which \`spotcheck verify\` re-checks.

Cost: one streamed pass over the registry (none of the households' rows is kept).

Examples:
  $ spotcheck funds registry.csv --month 2026-11 --seed "2026-11 州市摇号" --scope 文山壮族苗族自治州 --exclude province-2026-11
  $ spotcheck funds registry.csv --month 2026-11 --seed 8812 --scope 红河哈尼族彝族自治州 --funds county-funds.csv --coverage 0.6 --out honghe-funds
  $ spotcheck funds registry.csv --month 2026-11 --seed 8812 --scope 红河哈尼族彝族自治州 --method pps --counties 3 --json
`,
    'zh-CN': `
功能：
  “各州市按照资金量不少于总量的50%对省级检查以外的县开展检查”：州市在省级抽取未抽中的县中
  （用 --exclude 排除省级抽取），抽取足够多的县，使其帮扶资金达到一定比例。帮扶资金取自登记数据
  的一列（帮扶资金，或用 --column funds=列名 指定），按县汇总各户金额；也可取自县表（--funds FILE，
  含 county 或 county_code 列及以元为单位的金额）。没有帮扶资金的县不符合条件（列于 ranking.csv）。

方法：
  coverage（默认）    符合条件的县按抽签值顺序依次抽取，直到已抽县的帮扶资金达到符合条件县
                      资金总额的 --coverage。抽中的县数是随机的；给出每个县的精确入样概率
                      （符合条件的县不超过 20 个时）。与规定的字面要求一致：保证达到覆盖比例。
  pps                 按帮扶资金进行系统 PPS 抽样，抽取 --counties n 个县：精确概率为
                      n·资金/总额（大县必然入样），县数 n 固定；报告实际达到的覆盖比例，但不作
                      保证。适用于估计按资金加权的总量。

输出：
  --out DIR 写出 counties.csv（要检查的县：帮扶资金、抽签值、排序、累计资金、概率、权重）、
  ranking.csv（州市内的每个县：抽中、未抽中、已排除或无资金）以及 manifest.json，可用
  \`spotcheck verify\` 复核。

开销：对登记数据流式读取一遍（不保留任何户的行）。

示例：
  $ spotcheck funds registry.csv --month 2026-11 --seed "2026-11 州市摇号" --scope 文山壮族苗族自治州 --exclude province-2026-11
  $ spotcheck funds registry.csv --month 2026-11 --seed 8812 --scope 红河哈尼族彝族自治州 --funds county-funds.csv --coverage 0.6 --out honghe-funds
  $ spotcheck funds registry.csv --month 2026-11 --seed 8812 --scope 红河哈尼族彝族自治州 --method pps --counties 3 --json
`,
  },
  'cmd.funds.scopeRequired': {
    en: '--scope is required: the prefecture (州市) whose counties are checked, e.g. --scope 文山壮族苗族自治州',
    'zh-CN': '必须给出 --scope：要检查其所辖县的州市，如 --scope 文山壮族苗族自治州',
  },
  'cmd.funds.methodInvalid': {
    en: '--method must be coverage or pps, got "{got}"',
    'zh-CN': '--method 只能是 coverage 或 pps，实际为 "{got}"',
  },
  'cmd.funds.coverageInvalid': {
    en: '--coverage must be a share in (0, 1] such as 0.5 or 50%, got "{got}"',
    'zh-CN': '--coverage 必须是 (0, 1] 内的比例，如 0.5 或 50%，实际为 "{got}"',
  },
  'cmd.funds.ppsNeedsCounties': {
    en: '--method pps needs --counties N: how many counties to draw',
    'zh-CN': '--method pps 需要同时给出 --counties N：抽取多少个县',
  },
  'cmd.funds.countiesNeedPps': {
    en: '--counties applies to --method pps; the coverage method takes counties until --coverage is reached',
    'zh-CN': '--counties 只用于 --method pps；coverage 方法会逐个抽取县，直到达到 --coverage',
  },
  'cmd.funds.coverageNeedsCoverageMethod': {
    en: '--coverage applies to --method coverage; pps draws --counties N and reports the coverage reached',
    'zh-CN': '--coverage 只用于 --method coverage；pps 方法抽取 --counties N 个县，并报告实际达到的覆盖比例',
  },

  // src/commands/evaluate.ts
  'help.evaluate.summary': {
    en: 'draw the third-party evaluation frame (stratified counties → villages → households by status)',
    'zh-CN': '抽取第三方评估样本（分层抽县 → 抽村 → 按状态分层抽户）',
  },
  'help.evaluate.description': {
    en: 'Draw a stratified three-stage evaluation sample with exact inclusion probabilities and design weights.',
    'zh-CN': '抽取分层三阶段的第三方评估样本，并给出精确的入样概率和设计权重。',
  },
  'help.evaluate.counties': { en: 'counties to draw in all', 'zh-CN': '共抽取的县数' },
  'help.evaluate.strata': {
    en: 'county strata: prefecture, poverty-county, or a column of the registry or of --county-attributes',
    'zh-CN':
      '县的分层方式：prefecture（按州市）、poverty-county（按是否贫困县），或登记数据或 --county-attributes 中的某一列',
  },
  'help.evaluate.countyAttributes': {
    en: 'county table (county_code or county, plus columns); for poverty-county, the list of poverty counties',
    'zh-CN': '县表（county_code 或 county 列，以及其他列）；用于 poverty-county 时即贫困县名单',
  },
  'help.evaluate.allocation': {
    en: 'counties per stratum: proportional (to counties), households (to registered households) or equal',
    'zh-CN': '各层县数的分配：proportional（按县数比例）、households（按登记户数比例）或 equal（各层相等）',
  },
  'help.evaluate.minPerStratum': {
    en: 'at least n counties per stratum (all of a stratum with fewer); refused if --counties cannot give them',
    'zh-CN': '每层至少抽 n 个县（县数不足 n 的层全取）；--counties 不够分时拒绝抽取',
  },
  'help.evaluate.mergeStrata': {
    en: 'merge small strata (smallest with smallest) until each can get --min-per-stratum counties; the rule is in the manifest',
    'zh-CN': '合并小层（最小的并入其余最小的），直到每层都能分到 --min-per-stratum 个县；规则记入抽取清单',
  },
  'help.evaluate.countySelection': {
    en: 'within a stratum: srs (simple random) or pps (by registered households)',
    'zh-CN': '层内抽县方式：srs（简单随机抽样）或 pps（按登记户数的 PPS 抽样）',
  },
  'help.evaluate.villagesPerCounty': {
    en: 'villages per county (all villages, not only poor ones)',
    'zh-CN': '每县抽取的村数（从全部村中抽取，不限于贫困村）',
  },
  'help.evaluate.households': { en: 'households per village and status', 'zh-CN': '每村每种状态抽取的户数' },
  'help.evaluate.spares': {
    en: 'spares per village and status, next in ticket order',
    'zh-CN': '每村每种状态的备用户数，按抽签值顺序紧随样本户之后',
  },
  'help.evaluate.nonpoor': {
    en: 'a file of non-registered rural households (repeatable); same headers, status not needed',
    'zh-CN': '未建档立卡农户的文件（可重复）；表头与登记数据相同，无需状态列',
  },
  'help.evaluate.out': {
    en: 'write frame.csv, spares.csv, counties.csv, villages.csv, strata.csv and manifest.json here',
    'zh-CN': '将 frame.csv、spares.csv、counties.csv、villages.csv、strata.csv 和 manifest.json 写入此目录',
  },
  'help.evaluate.after': {
    en: `
What it does:
  Draws the third-party evaluation sample in three stages, by the same SHA-256 tickets as the
  monthly draw (context "evaluate"), with exact inclusion probabilities and design weights:
  1. counties, stratified (--strata: prefecture, poverty-county, or a column), the total allocated
     to strata (--allocation: proportional to counties, to registered households, or equal; at
     least 1 per stratum when the total allows, never more than a stratum has; largest remainder);
     within a stratum a simple random sample (srs) or PPS by registered households (pps: large
     counties with certainty, then systematic PPS in ticket order);
  2. villages: a simple random sample of all villages of each county;
  3. households: in each village, three strata by status (未脱贫 / 已脱贫 / 非贫困户), each a simple
     random sample, plus spares next in ticket order (use them in order, only for a household
     that cannot be reached). Non-poor households may come from separate files (--nonpoor).

Outputs (--out DIR):
  frame.csv    the sampled households: strata, clusters, each stage's N, n and probability, the
               overall probability and the design weight, then the registry's own columns
  spares.csv   the spares, with spare_order
  counties.csv, villages.csv, strata.csv, manifest.json (verify it with \`spotcheck verify\`)
  frame.csv loads straight into R (survey::svydesign) and Stata (svyset): see the README.

Cost: two streamed passes over the registry and the non-poor files.

Examples:
  $ spotcheck evaluate fixtures/demo-registry.csv --seed "2026 评估 公开摇号" --counties 6 --out eval-2026
  $ spotcheck evaluate registry.csv --nonpoor rural-households.csv --seed 731 --strata poverty-county --county-selection pps
  $ spotcheck evaluate registry.csv --seed 731 --strata poverty-county --county-attributes yunnan-poverty-counties.csv
`,
    'zh-CN': `
功能：
  分三个阶段抽取第三方评估样本，使用与月度抽取相同的 SHA-256 抽签值（上下文为 "evaluate"），
  并给出精确的入样概率和设计权重：
  1. 县：分层抽取（--strata：prefecture、poverty-county 或某一列），总县数分配到各层
     （--allocation：按县数比例、按登记户数比例或各层相等；总数允许时每层至少 1 个，不超过该层
     的县数；最大余数法）；层内为简单随机抽样（srs），或按登记户数的 PPS 抽样（pps：大县必然
     入样，其余按抽签值顺序进行系统 PPS 抽样）；
  2. 村：在每个县的全部村中简单随机抽样；
  3. 户：每个村按状态分为三层（未脱贫 / 已脱贫 / 非贫困户），各层简单随机抽样，另按抽签值顺序
     顺延抽取备用户（按顺序使用，仅用于无法入户的样本户）。非贫困户可来自单独的文件
     （--nonpoor）。

输出（--out DIR）：
  frame.csv    样本户：层、群、各阶段的 N、n 和概率、总概率和设计权重，其后为登记数据原有的列
  spares.csv   备用户，含“备用顺序”列（spare_order）
  counties.csv、villages.csv、strata.csv、manifest.json（可用 \`spotcheck verify\` 核验）
  frame.csv 可直接载入 R（survey::svydesign）和 Stata（svyset）：见 README。

开销：对登记数据和非贫困户文件流式读取两遍。

示例：
  $ spotcheck evaluate fixtures/demo-registry.csv --seed "2026 评估 公开摇号" --counties 6 --out eval-2026
  $ spotcheck evaluate registry.csv --nonpoor rural-households.csv --seed 731 --strata poverty-county --county-selection pps
  $ spotcheck evaluate registry.csv --seed 731 --strata poverty-county --county-attributes yunnan-poverty-counties.csv
`,
  },

  // src/commands/estimate.ts
  'help.estimate.summary': {
    en: 'weighted proportions, standard errors and 95% intervals from a returned evaluation frame',
    'zh-CN': '由回收的评估样本计算加权比例、标准误和 95% 置信区间',
  },
  'help.estimate.description': {
    en: 'Estimate proportions (identification accuracy, satisfaction …) from an evaluation frame with results filled in.',
    'zh-CN': '根据已填入调查结果的评估样本（frame.csv）估计比例（识别准确率、满意度等）。',
  },
  'help.estimate.frame': {
    en: 'frame.csv with result columns (UTF-8 or GBK, as Excel saves it)',
    'zh-CN': '含结果列的 frame.csv（UTF-8 或 GBK，Excel 保存的即可）',
  },
  'help.estimate.measure': {
    en: 'a result column and the answer counted as yes, e.g. 识别准确=是 (repeatable; VALUE|VALUE for several)',
    'zh-CN': '结果列及计为“是”的答案，如 识别准确=是（可重复；多个答案写作 VALUE|VALUE）',
  },
  'help.estimate.by': {
    en: 'also estimate per value of this column (status = household_stratum)',
    'zh-CN': '另按此列的每个取值分组估计（status 即 household_stratum）',
  },
  'help.estimate.interval': {
    en: "95% intervals: t (Student's t with the design's degrees of freedom, PSUs less strata, as R's confint(…, df = degf(design))), normal (z = 1.96, which covers less than 95% with few counties) or korn-graubard (for proportions near 0 or 1: within [0, 1], as R's svyciprop(method = \"beta\"))",
    'zh-CN':
      '95% 置信区间：t（学生 t 分布，自由度为设计自由度，即初级抽样单位数减层数，同 R 的 confint(…, df = degf(design))）、normal（z = 1.96，县少时覆盖率低于 95%）或 korn-graubard（比例接近 0 或 1 时使用：区间在 [0, 1] 内，同 R 的 svyciprop(method = "beta")）',
  },
  'help.estimate.lonelyPsu': {
    en: 'a variance stratum with one PSU: adjust (centred at the grand mean, as R\'s "adjust") or certainty (adds nothing: only for a stratum taken whole; it covered under half the time at the default design; counties drawn with certainty are handled by --certainty-strata)',
    'zh-CN':
      '只有一个初级抽样单位的方差层如何处理：adjust（以总均值为中心，同 R 的 "adjust"）或 certainty（不贡献方差：仅适用于整层全取的层；在默认设计下置信区间覆盖率不到一半；必选县由 --certainty-strata 处理）',
  },
  'help.estimate.strataColumn': { en: 'stratum column', 'zh-CN': '层的列' },
  'help.estimate.clusterColumn': { en: 'cluster (county) column', 'zh-CN': '群（县）的列' },
  'help.estimate.weightColumn': { en: 'design weight column', 'zh-CN': '设计权重的列' },
  'help.estimate.encoding': { en: 'auto, utf-8 or gbk', 'zh-CN': '编码：auto、utf-8 或 gbk' },
  'help.estimate.json': { en: 'print the estimates as JSON', 'zh-CN': '以 JSON 输出估计结果' },
  'help.estimate.after': {
    en: `
What it does:
  Reads an evaluation frame (frame.csv from \`spotcheck evaluate\`) with result columns filled in
  by the fieldwork, and prints for each --measure COLUMN=VALUE the weighted proportion of
  households answering VALUE among those that answered (blank = no response), with its standard
  error under the stratified design, a 95% confidence interval, the respondents and the
  non-responses; --by COLUMN gives the same per domain (e.g. per household stratum). Every other
  answer must be a declared no (--no; default 否 for 是, no for yes, 0 for 1 …): an undeclared
  answer (√, 不清楚, a typo) or a yes value that never occurs is an error, never a silent no.

Method:
  Horvitz–Thompson ratio estimator p = Σ w·y / Σ w over respondents; variance by Taylor
  linearisation with the with-replacement (ultimate cluster) approximation at the county stage:
  strata = county_stratum, clusters = county_code, weights = weight; a county drawn with certainty
  (county_probability = 1) is its own stratum with its villages (village_key) as the PSUs
  (--certainty-strata off: not). A stratum with one PSU contributes its squared deviation from
  the grand mean (--lonely-psu adjust) or nothing (certainty). Intervals are p ± t·SE, t with the
  design's df (PSUs less strata). Totals (Σ w·y) and design effects as R's svytotal and deff = TRUE.
  The same numbers as R's survey package:
    options(survey.lonely.psu = "adjust")
    certain <- frame$county_probability == 1
    frame$vstratum <- ifelse(certain, paste(frame$county_stratum, frame$county_code), frame$county_stratum)
    frame$vpsu <- ifelse(certain, frame$village_key, frame$county_code)
    d <- svydesign(ids = ~vpsu, strata = ~vstratum, weights = ~weight, data = frame, nest = TRUE)
    svymean(~I(识别准确 == "是"), d, na.rm = TRUE, deff = TRUE)

Cost: one streamed pass over the frame.

Examples:
  $ spotcheck estimate results.csv --measure 识别准确=是 --measure 满意=是
  $ spotcheck estimate results.csv --measure 识别准确=是 --by household_stratum --json
`,
    'zh-CN': `
功能：
  读取已由实地调查填入结果列的评估样本（\`spotcheck evaluate\` 生成的 frame.csv），对每个
  --measure COLUMN=VALUE 输出：应答户中回答 VALUE 的加权比例（空白 = 未应答），及其在分层设计下
  的标准误、95% 置信区间、应答户数和未应答户数；--by COLUMN 按分组（如按户的层）给出同样的结果。
  其余答案必须是声明的“否”（--no；默认“是”对“否”、yes 对 no、1 对 0 等）：未声明的答案（√、
  不清楚、笔误）或从未出现的“是”值都会报错，绝不默默计为“否”。

方法：
  Horvitz–Thompson 比率估计量 p = Σ w·y / Σ w（对应答户求和）；方差用 Taylor 线性化法，在县一级
  采用有放回（最终群）近似：strata = county_stratum，clusters = county_code，weights = weight；
  必选县（county_probability = 1）单独成层，以其村（village_key）为初级抽样单位（--certainty-strata
  off 则不然）。只有一个初级抽样单位的层贡献其与总均值之差的平方（--lonely-psu adjust），或不贡献
  （certainty）。置信区间为 p ± t·SE，t 的自由度为设计自由度（初级抽样单位数减层数）。总量（Σ w·y）
  和设计效应同 R 的 svytotal 和 deff = TRUE。结果与 R 的 survey 包相同：
    options(survey.lonely.psu = "adjust")
    certain <- frame$county_probability == 1
    frame$vstratum <- ifelse(certain, paste(frame$county_stratum, frame$county_code), frame$county_stratum)
    frame$vpsu <- ifelse(certain, frame$village_key, frame$county_code)
    d <- svydesign(ids = ~vpsu, strata = ~vstratum, weights = ~weight, data = frame, nest = TRUE)
    svymean(~I(识别准确 == "是"), d, na.rm = TRUE, deff = TRUE)

开销：对样本文件流式读取一遍。

示例：
  $ spotcheck estimate results.csv --measure 识别准确=是 --measure 满意=是
  $ spotcheck estimate results.csv --measure 识别准确=是 --by household_stratum --json
`,
  },
  'cmd.estimate.measureInvalid': {
    en: '--measure must be COLUMN=VALUE (or COLUMN=VALUE|VALUE), e.g. 识别准确=是; got "{got}"',
    'zh-CN': '--measure 必须写作 COLUMN=VALUE（或 COLUMN=VALUE|VALUE），如 识别准确=是；实际为 "{got}"',
  },
  'cmd.estimate.missingColumns': {
    en: 'the frame lacks the column{s} {columns}; headers found: {headers}',
    'zh-CN': '评估样本文件缺少列 {columns}；文件中的表头为：{headers}',
  },
  'cmd.estimate.missingColumnsHint': {
    en: 'estimate reads frame.csv from `spotcheck evaluate` with result columns added',
    'zh-CN': 'estimate 读取的是 `spotcheck evaluate` 写出并已添加结果列的 frame.csv',
  },
  'cmd.estimate.weightInvalid': {
    en: 'weight must be a positive number, got "{got}"',
    'zh-CN': '设计权重必须是正数，实际为 "{got}"',
  },
  'cmd.estimate.measureRequired': {
    en: '--measure is required: e.g. --measure 识别准确=是',
    'zh-CN': '必须给出 --measure，如 --measure 识别准确=是',
  },
  'cmd.estimate.intervalInvalid': {
    en: '--interval must be t, normal or korn-graubard, got "{got}"',
    'zh-CN': '--interval 只能是 t、normal 或 korn-graubard，实际为 "{got}"',
  },
  'cmd.estimate.lonelyPsuInvalid': {
    en: '--lonely-psu must be adjust or certainty, got "{got}"',
    'zh-CN': '--lonely-psu 只能是 adjust 或 certainty，实际为 "{got}"',
  },
  'cmd.estimate.design': {
    en: '{rows} households in {clusters} counties and {strata} strata; SE by linearisation, PSUs with replacement; lonely strata: {rule}; {interval}',
    'zh-CN':
      '共 {rows} 户，分属 {clusters} 个县、{strata} 层；标准误用线性化法计算，初级抽样单位按有放回抽样处理；单个初级抽样单位的层处理方式：{rule}；{interval}',
  },
  'cmd.estimate.intervalT': {
    en: '95% CI: t with {df} df ({quantile})',
    'zh-CN': '95% 置信区间：t 分布，自由度 {df}（{quantile}）',
  },
  'cmd.estimate.intervalNormal': { en: '95% CI: normal (1.960)', 'zh-CN': '95% 置信区间：正态（1.960）' },
  'cmd.estimate.intervalKornGraubard': {
    en: '95% CI: Korn–Graubard, {df} df',
    'zh-CN': '95% 置信区间：Korn–Graubard 法，自由度 {df}',
  },
  'cmd.estimate.tableHeader': {
    en: '  domain         estimate      SE   95% CI           deff  respondents  no response',
    'zh-CN': '  分组             估计值  标准误   95% 置信区间   设计效应    应答户数   未应答户数',
  },
  'cmd.estimate.overall': { en: 'all', 'zh-CN': '全部' },
  'cmd.estimate.blankDomain': { en: '(blank)', 'zh-CN': '（空白）' },
  'cmd.estimate.flag.onePsu': { en: 'one county: no SE', 'zh-CN': '仅一个县：无标准误' },
  'cmd.estimate.flag.noRespondents': { en: 'no respondents', 'zh-CN': '无应答户' },
  'cmd.estimate.flag.noDf': { en: 'no df: no interval', 'zh-CN': '无自由度：无区间' },
  'cmd.estimate.flagNote.noDf': {
    en: "  no df: every stratum has one PSU (for Korn–Graubard in a domain: among the domain's PSUs), so there are no degrees of freedom for the interval (--interval normal gives a normal one)",
    'zh-CN':
      '  无自由度：每层只有一个初级抽样单位（Korn–Graubard 法按分组计：分组内的初级抽样单位），没有可用于区间的自由度（--interval normal 给出正态区间）',
  },
  'cmd.estimate.flagNote.onePsu': {
    en: "  one county: all the domain's respondents are in one PSU (a county, or a village of a certainty county); a design-based standard error needs two or more, so none is given (not 0)",
    'zh-CN':
      '  仅一个县：该分组的应答户都在同一个初级抽样单位（一个县，或必选县的一个村）；基于设计的标准误至少需要两个，因此不给出（而不是 0）',
  },
  'cmd.estimate.flagNote.noRespondents': {
    en: '  no respondents: the domain has no household with an answer; nothing can be estimated',
    'zh-CN': '  无应答户：该分组没有作答的户，无法估计',
  },

  // src/commands/shared.ts
  'help.shared.plan': {
    en: 'settings a committee keeps (level, scope, sizes, columns, outputs) as JSON; command-line options override it (default: ./{file} when present)',
    'zh-CN':
      '纪委保存的 JSON 格式设置（层级、范围、样本量、列、输出）；命令行选项优先于其中的设置（默认：./{file} 存在时读取）',
  },
  'help.shared.force': {
    en: 'replace the files of a non-empty --out directory',
    'zh-CN': '替换非空 --out 目录中的文件',
  },
  'help.shared.notice': {
    en: 'write a public notice of the draw (self-contained HTML, prints on A4): scope, month, seed and its source, the units drawn, household counts (no names, no IDs), the manifest SHA-256 and how to verify',
    'zh-CN':
      '写出本次抽取的公告（独立的 HTML 文件，可用 A4 纸打印）：范围、月份、种子及其来源、抽中的单位、户数（不含姓名和证件号码）、抽取清单的 SHA-256 以及核验方法',
  },
  'help.shared.seedSource': {
    en: 'where the seed came from (e.g. "2026年11月3日 州纪委 公开摇号"), recorded in the manifest and the notice',
    'zh-CN': '种子的来源（如 "2026年11月3日 州纪委 公开摇号"），记入抽取清单和公告',
  },
  'help.shared.redrawReason': {
    en: 'why this draw replaces an earlier one of the same month, level and scope with another seed (needed then), recorded in the manifest, the ledger, the notice and the workbook',
    'zh-CN':
      '本次抽取以另一种子替换同月份、同层级、同范围此前抽取的原因（此时必须给出），记入抽取清单、抽查台账、公告和核查工作簿',
  },
  'help.shared.xlsx': {
    en: 'also write {file} into --out: a summary sheet and one sheet per drawn village, a form to print or fill in (核查结果, 问题类别, 问题描述, 核查人, 核查日期)',
    'zh-CN':
      '同时在 --out 中写出 {file}：一张汇总工作表，每个抽中村一张工作表，是可打印或直接填写的核查表（核查结果、问题类别、问题描述、核查人、核查日期）',
  },
  'help.shared.excel': {
    en: "write the CSV files for Excel: UTF-8 with a byte-order mark and CRLF line ends (Excel on Chinese Windows otherwise reads UTF-8 as GBK), long IDs and codes kept as text behind an apostrophe ('5326…), no cell read as a formula",
    'zh-CN':
      "按 Excel 的需要写出 CSV 文件：带字节顺序标记 (BOM) 的 UTF-8，CRLF 换行（否则中文 Windows 上的 Excel 会把 UTF-8 当作 GBK 读取），较长的编号和代码前加撇号（'5326…）保持为文本，不会有单元格被当作公式",
  },
  'help.shared.revealIds': {
    en: 'write ID numbers (证件号码) and phone numbers unmasked in the output files and JSON (default: masked, 5325**********1234)',
    'zh-CN': '在输出文件和 JSON 中写出未脱敏的证件号码和电话号码（默认脱敏，如 5325**********1234）',
  },
  'help.shared.ledger': {
    en: 'append this draw to a tamper-evident ledger file (one SHA-256-chained line per draw; see `spotcheck ledger verify`)',
    'zh-CN': '将本次抽取追加到防篡改的抽查台账文件（每次抽取一行，以 SHA-256 前后链接；见 `spotcheck ledger verify`）',
  },
  'help.shared.quiet': {
    en: 'no progress bar on stderr (it shows only on a terminal, for large registries)',
    'zh-CN': '不在 stderr 上显示进度条（进度条只在终端上读取大型登记数据时显示）',
  },
  'help.shared.json': { en: 'print the whole result as JSON on stdout', 'zh-CN': '在 stdout 上以 JSON 输出全部结果' },
  'help.shared.encoding': {
    en: 'registry encoding: auto, utf-8 or gbk (GB18030)',
    'zh-CN': '登记数据的编码：auto、utf-8 或 gbk (GB18030)',
  },
  'help.shared.sheet': {
    en: 'the worksheet of .xlsx registries (default: the first)',
    'zh-CN': '.xlsx 登记数据所用的工作表（默认：第一张）',
  },
  'help.shared.column': {
    en: 'read a field from another header (repeatable), e.g. household_id=户号',
    'zh-CN': '从另一列名读取某个字段（可重复），如 household_id=户号',
  },
  'help.shared.divisions': {
    en: "division table CSV (prefecture_code, prefecture, county_code, county) for another province; default: Yunnan's bundled table",
    'zh-CN': '其他省份的行政区划表 CSV（prefecture_code、prefecture、county_code、county）；默认：内置的云南省区划表',
  },
  'cmd.shared.xlsxNeedsOut': {
    en: "--xlsx writes {file} into the draw's directory: give --out DIR too",
    'zh-CN': '--xlsx 会把 {file} 写入本次抽取的输出目录：请同时给出 --out DIR',
  },
  'options.publicTextEmpty': { en: '{option} must not be empty', 'zh-CN': '{option} 不能为空' },
  'options.publicTextPersonal': {
    en: '{option} is published (notice, manifest, ledger) and must not hold an ID or mobile number, got {got}',
    'zh-CN': '{option} 会被公开（公告、清单、抽取登记簿），不得含有身份证号或手机号，实际为 {got}',
  },
  'cmd.shared.noticeNotHtml': {
    en: '--notice writes HTML: give a file ending in .html, got "{got}"',
    'zh-CN': '--notice 写出的是 HTML：请给出以 .html 结尾的文件名，实际为 "{got}"',
  },
  'cmd.shared.noticeDirectoryMissing': {
    en: 'cannot write the notice: its directory {dir} does not exist',
    'zh-CN': '无法写出公告：所在目录 {dir} 不存在',
  },
  'cmd.shared.noticeDirectoryMissingHint': {
    en: 'create it first, or give another --notice path',
    'zh-CN': '请先创建该目录，或另给一个 --notice 路径',
  },
  'cmd.shared.outputNotAFile': {
    en: 'the output of {what} is there already and is not a file: nothing was drawn',
    'zh-CN': '{what} 的输出位置已存在且不是文件：未进行抽取',
  },
  'cmd.shared.noticeExists': { en: 'the notice file exists already', 'zh-CN': '公告文件已存在' },
  'cmd.shared.noticeExistsHint': {
    en: 'give a new --notice path, or add --force to replace it',
    'zh-CN': '请另给一个 --notice 路径，或加 --force 替换它',
  },
  // Arguments and options of several commands
  'help.shared.registryFiles': { en: 'registry CSV file(s)', 'zh-CN': '登记数据 CSV 文件（可多个）' },
  'help.shared.month': { en: 'month of the draw (required)', 'zh-CN': '抽取的月份（必填）' },
  'help.shared.seed': { en: 'the seed chosen in public (required)', 'zh-CN': '公开选定的种子（必填）' },
  'help.shared.jsonResult': { en: 'print the result as JSON: {shape}', 'zh-CN': '以 JSON 输出结果：{shape}' },
} as const satisfies MessageSection;
