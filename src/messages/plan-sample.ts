/**
 * `spotcheck plan-sample` (issue 17, planning; src/commands/plan-sample/): its help, its summary
 * lines and its usage errors. Keys: help.planSample.*, cmd.planSample.*, and core.planning.* (src/core/planning.ts)
 */
import type { MessageSection } from './section.js';

export const PLAN_SAMPLE_MESSAGES = {
  'help.planSample.summary': {
    en: 'the counties, villages and households an evaluation needs for a target margin of error',
    'zh-CN': '计算评估达到目标误差界所需的县、村、户数',
  },
  'help.planSample.description': {
    en: "Plan an evaluation sample: the counties, villages and households needed for a target margin of error under stated assumptions, the expected design effect, and the margin evaluate's design gives under the same assumptions. Reads no file.",
    'zh-CN':
      '规划评估样本：在给定假设下达到目标误差界所需的县、村、户数，预期的设计效应，以及 evaluate 的设计在同样假设下能达到的误差界。不读取任何文件。',
  },
  'help.planSample.margin': {
    en: 'the margin of error wanted: half the width of the interval, as a proportion (0.03 or 3% = ±3 points; required)',
    'zh-CN': '目标误差界：置信区间宽度的一半，以比例表示（0.03 或 3% 即 ±3 个百分点；必填）',
  },
  'help.planSample.confidence': {
    en: 'confidence level of the interval (0.95 or 95%)',
    'zh-CN': '置信区间的置信水平（0.95 或 95%）',
  },
  'help.planSample.proportion': {
    en: 'the proportion expected (0.5 needs the most households)',
    'zh-CN': '预期的比例（0.5 所需户数最多）',
  },
  'help.planSample.deff': {
    en: "the design effect as a whole (e.g. an earlier survey's, R's svymean(…, deff = TRUE)); or give --icc",
    'zh-CN': '总的设计效应（如以往调查的估计值，R 的 svymean(…, deff = TRUE)）；或给出 --icc',
  },
  'help.planSample.icc': {
    en: 'intra-class correlation ρ of households within a county: design effect 1 + (b̄ − 1)·ρ, b̄ the respondents per county (Kish)',
    'zh-CN': '同一县内各户的组内相关系数 ρ：设计效应为 1 + (b̄ − 1)·ρ，b̄ 为每县应答户数（Kish 公式）',
  },
  'help.planSample.weightingDeff': {
    en: "with --icc: Kish's weighting effect 1 + CV² of the weights (1: equal weights)",
    'zh-CN': '与 --icc 同用：Kish 的加权效应 1 + 权重的变异系数平方（1：权重相等）',
  },
  'help.planSample.responseRate': {
    en: 'share of drawn households expected to answer (0.9 or 90%)',
    'zh-CN': '预期应答的抽中户比例（0.9 或 90%）',
  },
  'help.planSample.strataCount': {
    en: "county strata, each given at least 2 counties (16: Yunnan's prefectures)",
    'zh-CN': '县的层数，每层至少 2 个县（16：云南省的州市数）',
  },
  'help.planSample.villages': {
    en: 'villages per county (as evaluate --villages)',
    'zh-CN': '每县抽取的村数（同 evaluate --villages）',
  },
  'help.planSample.households': {
    en: 'households per village and status (as evaluate --households)',
    'zh-CN': '每村每种状态抽取的户数（同 evaluate --households）',
  },
  'help.planSample.counties': {
    en: 'the evaluate design to compare with: counties in all (as evaluate --counties)',
    'zh-CN': '用于比较的 evaluate 设计：共抽取的县数（同 evaluate --counties）',
  },
  'help.planSample.json': { en: 'print the plan as JSON', 'zh-CN': '以 JSON 输出抽样规划' },
  'help.planSample.after': {
    en: `
What it does:
  Gives the counties, villages and households an evaluation needs for a proportion to be estimated
  within ±--margin at --confidence, with --villages villages per county and --households per
  village, the expected design effect, and the margin evaluate's design (--counties, 20 by
  default) gives under the same assumptions. It reads no file and draws nothing.

Method:
  n₀ = z²·p(1−p)/e² respondents for a simple random sample (Cochran 1977, §4.4). Design effect:
  --deff D as given, or Kish's clustering effect of the counties (the primary sampling units)
  1 + (b̄ − 1)·ρ with b̄ = villages × households per village × response rate, the respondents per
  county, times the weighting effect 1 + CV²(w) (--weighting-deff; Kish 1992). Households to draw
  = n₀·deff / response rate; villages and counties follow, each rounded up, with at least 2
  counties per stratum. The interval is Student's t on counties − strata degrees of freedom (as
  \`estimate\` gives it), so z is replaced by t and the counties recomputed until they are stable;
  the plan is the fewest counties whose t margin meets the target, and the margin it achieves is
  printed. No finite population correction (the counties are treated as drawn with replacement, as
  \`estimate\` does); every village is assumed to have the households asked.

Cost: none: arithmetic only.

Examples:
  $ spotcheck plan-sample --margin 0.03 --icc 0.05 --response-rate 0.9
  $ spotcheck plan-sample --margin 3% --deff 2.5 --villages 4 --households poor=6,exited=6,nonpoor=6 --json
`,
    'zh-CN': `
功能：
  计算评估在 --confidence 置信水平下把某一比例估计到 ±--margin 以内所需的县、村、户数（每县
  --villages 个村，每村按 --households 抽户），预期的设计效应，以及 evaluate 的设计（--counties，
  默认 20 个县）在同样假设下能达到的误差界。不读取任何文件，也不进行抽取。

方法：
  简单随机抽样所需应答户数 n₀ = z²·p(1−p)/e²（Cochran 1977，§4.4）。设计效应：--deff D 直接给定，
  或用 Kish 的县（初级抽样单位）整群效应 1 + (b̄ − 1)·ρ，其中 b̄ = 村数 × 每村户数 × 应答率，
  即每县应答户数，再乘以加权效应 1 + CV²(w)（--weighting-deff；Kish 1992）。应抽户数 =
  n₀·deff / 应答率；村数和县数随之得出，均向上取整，且每层至少 2 个县。置信区间用自由度为
  县数减层数的学生 t 分布（与 \`estimate\` 相同），因此以 t 代替 z 反复计算县数直至稳定；规划
  取 t 误差界达到目标的最少县数，并输出实际达到的误差界。不作有限总体校正（与 \`estimate\`
  相同，县按有放回抽样处理）；假定每个村都有所需的户数。

开销：无，仅作计算。

示例：
  $ spotcheck plan-sample --margin 0.03 --icc 0.05 --response-rate 0.9
  $ spotcheck plan-sample --margin 3% --deff 2.5 --villages 4 --households poor=6,exited=6,nonpoor=6 --json
`,
  },

  'cmd.planSample.marginRequired': {
    en: '--margin is required: the margin of error wanted, e.g. --margin 0.03 (±3 points)',
    'zh-CN': '必须给出 --margin：目标误差界，如 --margin 0.03（±3 个百分点）',
  },
  'cmd.planSample.marginInvalid': {
    en: '--margin must be a number between 0 and 0.5 (a proportion: 0.03 or 3% is ±3 points), got "{got}"',
    'zh-CN': '--margin 必须是 0 到 0.5 之间的数（以比例表示：0.03 或 3% 即 ±3 个百分点），实际为 "{got}"',
  },
  'cmd.planSample.confidenceInvalid': {
    en: '--confidence must be a number from 0.5 up to but not including 1 (0.95 or 95%), got "{got}"',
    'zh-CN': '--confidence 必须是不小于 0.5 且小于 1 的数（0.95 或 95%），实际为 "{got}"',
  },
  'cmd.planSample.proportionInvalid': {
    en: '--proportion must be a number between 0 and 1 (0.5 or 50%), got "{got}"',
    'zh-CN': '--proportion 必须是 0 到 1 之间的数（0.5 或 50%），实际为 "{got}"',
  },
  'cmd.planSample.responseRateInvalid': {
    en: '--response-rate must be a number above 0 and at most 1 (0.9 or 90%), got "{got}"',
    'zh-CN': '--response-rate 必须是大于 0 且不大于 1 的数（0.9 或 90%），实际为 "{got}"',
  },
  'cmd.planSample.deffInvalid': {
    en: '--deff must be a number above 0 and at most 100, got "{got}"',
    'zh-CN': '--deff 必须是大于 0 且不大于 100 的数，实际为 "{got}"',
  },
  'cmd.planSample.iccInvalid': {
    en: '--icc must be a number from 0 to 1, got "{got}"',
    'zh-CN': '--icc 必须是 0 到 1 之间（含 0 和 1）的数，实际为 "{got}"',
  },
  'cmd.planSample.weightingInvalid': {
    en: '--weighting-deff must be a number from 1 to 100 (Kish\'s 1 + CV² of the weights is at least 1), got "{got}"',
    'zh-CN': '--weighting-deff 必须是 1 到 100 之间的数（Kish 的 1 + 权重变异系数平方至少为 1），实际为 "{got}"',
  },
  'cmd.planSample.deffAndIcc': {
    en: 'give --deff or --icc, not both: --deff {deff} is the whole design effect, --icc {icc} makes one',
    'zh-CN': '--deff 和 --icc 只能给出其一：--deff {deff} 是总的设计效应，--icc {icc} 用于计算设计效应',
  },
  'cmd.planSample.deffRequired': {
    en: 'plan-sample needs a design effect: give --deff D or --icc RHO',
    'zh-CN': 'plan-sample 需要设计效应：请给出 --deff D 或 --icc RHO',
  },
  'cmd.planSample.deffRequiredHint': {
    en: "an earlier survey's design effect (R's svymean(…, deff = TRUE)), or the intra-class correlation of the measure within counties; --deff 1 plans a simple random sample of households, which the evaluation is not",
    'zh-CN':
      '可用以往调查的设计效应（R 的 svymean(…, deff = TRUE)），或该指标在县内的组内相关系数；--deff 1 按户的简单随机抽样规划，而评估抽样并非如此',
  },
  'cmd.planSample.weightingWithDeff': {
    en: '--weighting-deff goes with --icc: --deff {deff} is the whole design effect, weighting included; got --weighting-deff {weighting}',
    'zh-CN':
      '--weighting-deff 只与 --icc 同用：--deff {deff} 已是包含加权效应的总设计效应；实际给出了 --weighting-deff {weighting}',
  },

  'core.planning.tooLarge': {
    en: 'the plan would need {households} households, more than {max}: widen --margin, or check --deff, --icc and --response-rate',
    'zh-CN': '该规划需要 {households} 户，超过 {max} 户：请放宽 --margin，或检查 --deff、--icc 和 --response-rate',
  },

  'cmd.planSample.title': {
    en: 'Sample size for a margin of ±{margin} at {confidence} confidence, p = {p}',
    'zh-CN': '样本量规划：误差界 ±{margin}，置信水平 {confidence}，预期比例 p = {p}',
  },
  'cmd.planSample.design': {
    en: 'Design: villages per county {villages} × households per village {households} ({sizes}); county strata {strata}; response rate {rate}',
    'zh-CN': '设计：每县 {villages} 个村 × 每村 {households} 户（{sizes}）；县分 {strata} 层；应答率 {rate}',
  },
  'cmd.planSample.deffGiven': {
    en: 'Design effect {deff} (given by --deff)',
    'zh-CN': '设计效应 {deff}（由 --deff 给定）',
  },
  'cmd.planSample.deffIcc': {
    en: 'Design effect {deff} = clustering 1 + ({b} − 1) × {icc} = {clustering} (Kish; ρ within counties, {b} respondents per county) × weighting {weighting}',
    'zh-CN':
      '设计效应 {deff} = 整群效应 1 + ({b} − 1) × {icc} = {clustering}（Kish 公式；ρ 为县内组内相关系数，每县 {b} 户应答）× 加权效应 {weighting}',
  },
  'cmd.planSample.cochran': {
    en: 'Simple random sample (Cochran): n₀ = {z}² × {p} × {q} / {margin}² = {n0} respondents',
    'zh-CN': '简单随机抽样（Cochran）：n₀ = {z}² × {p} × {q} / {margin}² = {n0} 户应答',
  },
  'cmd.planSample.normalSizes': {
    en: '  × design effect {deff} ÷ response rate {rate} = {households} households → {villages} villages → {counties} counties (normal z = {z})',
    'zh-CN':
      '  × 设计效应 {deff} ÷ 应答率 {rate} = {households} 户 → {villages} 个村 → {counties} 个县（正态分位数 z = {z}）',
  },
  'cmd.planSample.iteration': {
    en: 't with df = counties − strata replaces z, recomputed until the counties are stable:',
    'zh-CN': '以自由度为“县数 − 层数”的 t 分位数代替 z，反复计算直至县数稳定：',
  },
  'cmd.planSample.step': {
    en: '  {counties} counties: df {df}, t = {t} → {needed} counties',
    'zh-CN': '  {counties} 个县：自由度 {df}，t = {t} → {needed} 个县',
  },
  'cmd.planSample.stable': { en: ': stable', 'zh-CN': '：稳定' },
  'cmd.planSample.lowered': {
    en: '  fewer meet the target too (t falls as counties grow): {counties} counties',
    'zh-CN': '  更少的县也能达到目标（县数增加时 t 变小）：{counties} 个县',
  },
  'cmd.planSample.plan': {
    en: 'Plan: {counties} counties, {villages} villages, {households} households',
    'zh-CN': '规划：{counties} 个县、{villages} 个村、{households} 户',
  },
  'cmd.planSample.planMargin': {
    en: '  margin achieved ±{margin} (t = {t}, {df} df); {respondents} respondents expected, effective sample size {effective}',
    'zh-CN': '  实际误差界 ±{margin}（t = {t}，自由度 {df}）；预期应答 {respondents} 户，有效样本量 {effective}',
  },
  'cmd.planSample.limitedByMinimum': {
    en: '  set by the minimum of 2 counties per stratum ({minimum}): the target alone needs {needed}',
    'zh-CN': '  县数由每层至少 2 个县的下限（{minimum}）决定：仅按目标只需 {needed} 个县',
  },
  'cmd.planSample.comparison': {
    en: "Evaluate's design, {n} count{ies} (--counties): {villages} villages, {households} households: margin ±{margin} (t = {t}, {df} df)",
    'zh-CN':
      'evaluate 的设计，{n} 个县（--counties）：{villages} 个村、{households} 户：误差界 ±{margin}（t = {t}，自由度 {df}）',
  },
  'cmd.planSample.comparisonNoDf': {
    en: "Evaluate's design, {n} count{ies} (--counties): {villages} villages, {households} households: no t interval (0 df: no stratum has 2 counties)",
    'zh-CN':
      'evaluate 的设计，{n} 个县（--counties）：{villages} 个村、{households} 户：无 t 区间（自由度为 0：没有一层有 2 个县）',
  },
  'cmd.planSample.comparisonBelowTwo': {
    en: '  fewer than 2 counties per stratum ({n} count{ies}, {minimum} needed for {strata} strata): a stratum with one county has no variance of its own',
    'zh-CN': '  有的层不足 2 个县（{n} 个县，{strata} 层需 {minimum} 个）：只有一个县的层无法单独估计方差',
  },
  'cmd.planSample.assumes': {
    en: 'Assumed: the design effect and p above; every village has the households asked; no finite population correction. Nothing read, nothing drawn.',
    'zh-CN': '假设：上述设计效应和 p；每个村都有所需的户数；不作有限总体校正。未读取文件，未进行抽取。',
  },
} as const satisfies MessageSection;
