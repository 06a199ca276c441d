/**
 * `spotcheck estimate`'s inference (issue 17): totals, design effects, and certainty counties as
 * their own variance strata (src/core/varianceUnits.ts). Keys: help.estimate.*, cmd.estimate.*
 */
import type { MessageSection } from './section.js';

export const ESTIMATE_INFERENCE_MESSAGES = {
  'help.estimate.totals': {
    en: 'also print the totals: the estimated households answering yes (Σ w·y over respondents), with SE, 95% interval and deff (always in --json)',
    'zh-CN':
      '同时输出总量：估计回答“是”的户数（对应答户求 Σ w·y），及其标准误、95% 置信区间和设计效应（--json 中总是给出）',
  },
  'help.estimate.certaintyStrata': {
    en: 'on: a county drawn with certainty (county_probability = 1) is its own variance stratum with its villages (village_key) as PSUs; off: one PSU of its county stratum',
    'zh-CN':
      'on：必选县（county_probability = 1）单独作为一个方差层，以其村（village_key）为初级抽样单位；off：作为其县所在层的一个初级抽样单位',
  },
  'help.estimate.probabilityColumn': {
    en: 'county inclusion probability column, for --certainty-strata (default: county_probability, if the frame has it)',
    'zh-CN': '县入样概率的列，供 --certainty-strata 使用（默认：county_probability，若样本文件有此列）',
  },
  'help.estimate.villageColumn': {
    en: 'village column, the PSUs of a certainty county (default: village_key, if the frame has it)',
    'zh-CN': '村的列，即必选县的初级抽样单位（默认：village_key，若样本文件有此列）',
  },
  'cmd.estimate.certaintyStrataInvalid': {
    en: '--certainty-strata must be on or off, got "{got}"',
    'zh-CN': '--certainty-strata 只能是 on 或 off，实际为 "{got}"',
  },
  'cmd.estimate.probabilityInvalid': {
    en: 'a county inclusion probability must be a number greater than 0 and at most 1, got "{got}"',
    'zh-CN': '县入样概率必须是大于 0 且不大于 1 的数，实际为 "{got}"',
  },
  'cmd.estimate.probabilityDiffersInCounty': {
    en: 'county {county} has county inclusion probability "{got}" here but "{first}" at line {line}: a county has one probability (was a row edited, or are two draws mixed?)',
    'zh-CN':
      '县 {county} 在此行的县入样概率为 "{got}"，但第 {line} 行为 "{first}"：同一县只有一个入样概率（是否有行被修改，或混入了另一次抽样？）',
  },
  'cmd.estimate.weightNotDrawn': {
    en: "weight {weight} is not 1 / probability ({probability}): the weight column is the draw's, and an edited weight would change every estimate",
    'zh-CN': '权重 {weight} 不等于 1 / 入样概率（{probability}）：权重列来自抽样，修改后的权重会改变所有估计',
  },
  'cmd.estimate.probabilityNotDrawn': {
    en: "probability {probability} is not county × village × household probability ({county} × {village} × {household}): the probability columns are the draw's (a county_probability edited to 1 would make a county a certainty stratum)",
    'zh-CN':
      '入样概率 {probability} 不等于 县 × 村 × 户 的入样概率（{county} × {village} × {household}）：概率列来自抽样（把 county_probability 改为 1 会使该县成为必选层）',
  },
  'cmd.estimate.countyProbabilityNotDrawn': {
    en: 'county {county} has county_probability {got}, but the draw took it by {selection}, {drawn} of the {total} counties of its stratum: a county has probability 1 (a certainty stratum of its own) only when taken with certainty or when every county of its stratum is drawn, and by srs drawn / total',
    'zh-CN':
      '县 {county} 的县入样概率为 {got}，但抽样以 {selection} 方式从其所在层的 {total} 个县中抽取了 {drawn} 个：只有必选或其所在层的县全部入样时，县的入样概率才为 1（单独成为必选层）；srs 方式下入样概率为 抽取数 / 总数',
  },
  'cmd.estimate.certaintyVillageBlank': {
    en: "county {county} was drawn with certainty but this row has no village: a certainty county's villages are its PSUs, and blank cells would be one village",
    'zh-CN': '县 {county} 为必选县，但此行没有村：必选县以村为初级抽样单位，空白会被当作同一个村',
  },
  'cmd.estimate.countiesIncomplete': {
    en: 'county stratum {stratum}: the draw took {drawn} counties (counties_drawn) but the frame has sampled households in {found}: every county drawn stays in the returned frame, and no other',
    'zh-CN':
      '县所在层 {stratum}：抽样抽取了 {drawn} 个县（counties_drawn），但样本文件中有样本户的县为 {found} 个：抽中的县都须留在交回的样本文件中，且不得有其他县',
  },
  'cmd.estimate.villagesIncomplete': {
    en: 'county {county}: the draw took {drawn} villages (villages_drawn) but the frame has sampled households in {found}: every village drawn stays in the returned frame, and no other',
    'zh-CN':
      '县 {county}：抽样抽取了 {drawn} 个村（villages_drawn），但样本文件中有样本户的村为 {found} 个：抽中的村都须留在交回的样本文件中，且不得有其他村',
  },
  'cmd.estimate.weightTooLarge': {
    en: 'weight {got} is larger than {largest}: a household cannot stand for more households than a registry has (and such weights overflow the variance)',
    'zh-CN': '权重 {got} 大于 {largest}：一户代表的户数不可能超过登记系统的总户数（且如此大的权重会使方差计算溢出）',
  },
  'cmd.estimate.weightNotDrawnHint': {
    en: "return the frame's weight and probability columns as drawn (spotcheck verify checks the draw); weights of your own (trimmed, adjusted) go in another column, named with --weight-column",
    'zh-CN':
      '交回样本文件时保持抽样所得的权重和概率列不变（spotcheck verify 可核验抽样）；自行调整的权重（截尾、调整）请放在另一列，并用 --weight-column 指定',
  },
  'cmd.estimate.spareWithoutOutcome': {
    en: 'this row has role {role}: without an outcome column ({column}) every row is estimated as a sampled household, and a spare would count as one',
    'zh-CN': '此行的样本角色为 {role}：没有调查结果列（{column}）时每一行都按样本户估计，备用户会被当作样本户',
  },
  'cmd.estimate.spareWithoutOutcomeHint': {
    en: 'add the outcome column (and replaces, replace_reason for the spares used; see the README, "Fieldwork"), or leave spares.csv\'s rows out',
    'zh-CN':
      '请添加调查结果列（已用备用户另填 被替换户、替换原因；见 README 的“实地调查”），或不要加入 spares.csv 的行',
  },
  'cmd.estimate.varianceCertainty': {
    en: 'variance design: {certainty} certainty counties (probability 1) as their own strata, villages as their PSUs: {strata} strata, {psus} PSUs, {df} df',
    'zh-CN':
      '方差设计：{certainty} 个必选县（入样概率 1）各自成层，以村为初级抽样单位：共 {strata} 层、{psus} 个初级抽样单位，自由度 {df}',
  },
  'cmd.estimate.varianceOff': {
    en: 'variance design: counties as PSUs in their strata (--certainty-strata off): {strata} strata, {psus} PSUs, {df} df',
    'zh-CN':
      '方差设计：县作为其所在层的初级抽样单位（--certainty-strata off）：共 {strata} 层、{psus} 个初级抽样单位，自由度 {df}',
  },
  'cmd.estimate.varianceUnavailable': {
    en: 'variance design: counties as PSUs in their strata (the frame has no {columns} column, so certainty counties cannot be their own strata): {strata} strata, {psus} PSUs, {df} df',
    'zh-CN':
      '方差设计：县作为其所在层的初级抽样单位（样本文件没有 {columns} 列，必选县无法单独成层）：共 {strata} 层、{psus} 个初级抽样单位，自由度 {df}',
  },
  'cmd.estimate.totalsTitle': {
    en: '  totals: households answering yes (respondents only, not adjusted for non-response)',
    'zh-CN': '  总量：回答“是”的户数（仅计应答户，未作无应答调整）',
  },
  'cmd.estimate.totalsHeader': {
    en: '  domain              total          SE   95% CI                    deff',
    'zh-CN': '  分组                总量        标准误   95% 置信区间            设计效应',
  },
} as const satisfies MessageSection;
