/**
 * Fieldwork on the record in `spotcheck estimate` (issue 17; src/core/fieldwork.ts): the outcome
 * column, substitutions by spares, response rates and the non-response adjustment.
 * Keys: help.estimate.outcomeColumn, help.estimate.nonresponseClasses, cmd.estimate.fieldwork.*
 */
import type { MessageSection } from './section.js';

export const FIELDWORK_MESSAGES = {
  'help.estimate.outcomeColumn': {
    en: 'the fieldwork outcome column (responded, refused, not-found, ineligible; 完成, 拒访, 未找到, 不符合条件), with replaces and replace_reason for the spares used; also found as 调查结果: response rates (AAPOR RR1) and weights adjusted for non-response; a frame without it: blank answers are non-response',
    'zh-CN':
      '实地调查结果列（responded、refused、not-found、ineligible；完成、拒访、未找到、不符合条件），已用备用户另填 被替换户、替换原因；也可写作 调查结果：据此给出应答率（AAPOR RR1）并按无应答调整权重；文件无此列时：空白答案即未应答',
  },
  'help.estimate.nonresponseClasses': {
    en: 'the column whose values are the weighting classes of the non-response adjustment (household_stratum_key is village × status; needs the outcome column)',
    'zh-CN': '无应答调整所用加权组的列（household_stratum_key 即 村 × 户类别；需有调查结果列）',
  },
  'cmd.estimate.fieldwork.outcomeUnknown': {
    en: 'column {column} has {n} outcomes that are none of responded, refused, not-found, ineligible (完成, 拒访, 未找到, 不符合条件): {values}',
    'zh-CN':
      '列 {column} 有 {n} 个调查结果不是 完成、拒访、未找到、不符合条件（responded、refused、not-found、ineligible）之一：{values}',
  },
  'cmd.estimate.fieldwork.outcomeUnknownHint': {
    en: 'write one of those values for every sampled household and every spare used; leave it blank for a spare not used',
    'zh-CN': '每个样本户和每个已用备用户都填写上述取值之一；未使用的备用户留空',
  },
  'cmd.estimate.fieldwork.roleInvalid': {
    en: 'role must be sample or spare (the rows of frame.csv and spares.csv), got {got}',
    'zh-CN': '样本角色（role）只能是 sample 或 spare（frame.csv 和 spares.csv 的行），实际为 {got}',
  },
  'cmd.estimate.fieldwork.householdTwice': {
    en: 'household {household} appears twice (also at line {line}): each sampled household and each spare is one row',
    'zh-CN': '户 {household} 出现了两次（另见第 {line} 行）：每个样本户和每个备用户只能有一行',
  },
  'cmd.estimate.fieldwork.sampleWithoutOutcome': {
    en: 'sampled household {household} has no outcome in column {column}: every sampled household needs one (responded, refused, not-found or ineligible)',
    'zh-CN': '样本户 {household} 在列 {column} 中没有调查结果：每个样本户都必须填写（完成、拒访、未找到或不符合条件）',
  },
  'cmd.estimate.fieldwork.sampleReplaces': {
    en: 'sampled household {household} names {replaces} in replaces: only a spare replaces a household',
    'zh-CN': '样本户 {household} 的 被替换户 填了 {replaces}：只有备用户才替换其他户',
  },
  'cmd.estimate.fieldwork.spareWithoutOutcome': {
    en: 'spare {household} replaces {replaces} but has no outcome in column {column}: a spare used has an outcome, a spare not used has neither',
    'zh-CN':
      '备用户 {household} 替换 {replaces}，但在列 {column} 中没有调查结果：已用的备用户必须有调查结果，未用的两者都留空',
  },
  'cmd.estimate.fieldwork.spareReplacesNothing': {
    en: 'spare {household} has an outcome but names no household in replaces: a spare is used only in place of a sampled household',
    'zh-CN': '备用户 {household} 有调查结果，但 被替换户 为空：备用户只能用来替换某个样本户',
  },
  'cmd.estimate.fieldwork.replacesNoSample': {
    en: 'spare {household} replaces {replaces}, which is no sampled household of the frame',
    'zh-CN': '备用户 {household} 替换 {replaces}，但该户不是本文件中的样本户',
  },
  'cmd.estimate.fieldwork.replacesOtherStratum': {
    en: 'spare {household} of {ours} replaces {replaces} of {theirs} (line {line}): a spare replaces a household of its own village and status',
    'zh-CN':
      '备用户 {household}（{ours}）替换了 {replaces}（{theirs}，第 {line} 行）：备用户只能替换同村、同一类别的户',
  },
  'cmd.estimate.fieldwork.replacesWrongOutcome': {
    en: 'spare {household} replaces {replaces}, whose outcome is {outcome} (line {line}): a spare replaces only a household that was refused or not found (an ineligible one leaves the population and is not replaced)',
    'zh-CN':
      '备用户 {household} 替换了 {replaces}，而该户的调查结果为 {outcome}（第 {line} 行）：备用户只能替换拒访或未找到的户（不符合条件的户退出总体，不替换）',
  },
  'cmd.estimate.fieldwork.replacedTwice': {
    en: 'spare {household} replaces {replaces}, which the responding spare of line {line} already replaced: a household is replaced at most once',
    'zh-CN': '备用户 {household} 替换 {replaces}，但第 {line} 行已应答的备用户已替换了该户：每户至多被替换一次',
  },
  'cmd.estimate.fieldwork.spareOutOfOrder': {
    en: 'spare {household} (spare_order {order}) was used while spare {earlier} (spare_order {earlierOrder}, line {line}) of the same village and status ({stratum}) was not: spares are used in spare_order',
    'zh-CN':
      '备用户 {household}（备用顺序 {order}）已使用，而同村同类别（{stratum}）的备用户 {earlier}（备用顺序 {earlierOrder}，第 {line} 行）未使用：备用户须按备用顺序使用',
  },
  'cmd.estimate.fieldwork.spareHint': {
    en: 'a spare used has its outcome, the household_id of the sampled household it replaced in replaces (被替换户) and why in replace_reason (替换原因); spares are used in spare_order',
    'zh-CN': '已用的备用户填写调查结果、所替换样本户的户编号（被替换户）和替换原因；备用户须按备用顺序使用',
  },
  'cmd.estimate.fieldwork.answersWithoutInterview': {
    en: 'household {household} has answers but was not interviewed (outcome {outcome}): answers belong to households that responded and to the spares that responded in their stead',
    'zh-CN': '户 {household} 有答案，但未接受调查（调查结果 {outcome}）：只有应答户及代其应答的备用户才有答案',
  },
  'cmd.estimate.fieldwork.noRespondentInStatus': {
    en: 'no household of status {status} responded: the non-response adjustment has no respondent to give their weight to',
    'zh-CN': '类别 {status} 没有任何应答户：无应答调整无法把权重转给应答户',
  },
  'cmd.estimate.fieldwork.outcomeMissing': {
    en: '--outcome-column {column}: the frame has no such column; headers found: {headers}',
    'zh-CN': '--outcome-column {column}：文件中没有该列；文件中的表头为：{headers}',
  },
  'cmd.estimate.fieldwork.classesWithoutOutcome': {
    en: '--nonresponse-classes needs the outcome column ({column}), which the frame lacks',
    'zh-CN': '--nonresponse-classes 需要调查结果列（{column}），但文件中没有该列',
  },
  'cmd.estimate.fieldwork.summary': {
    en: 'Fieldwork: {sampled} sampled · {responded} responded · {refused} refused · {notFound} not found · {ineligible} ineligible; response rate RR1 (AAPOR) {rr1}; {substituted} replaced by a spare that responded ({tried} spares tried)',
    'zh-CN':
      '实地调查：样本 {sampled} 户 · 完成 {responded} · 拒访 {refused} · 未找到 {notFound} · 不符合条件 {ineligible}；应答率 RR1（AAPOR）{rr1}；{substituted} 户由应答的备用户替换（共使用备用户 {tried} 户）',
  },
  'cmd.estimate.fieldwork.rates': {
    en: '  RR1 by {column}: {rates}',
    'zh-CN': '  按 {column} 的 RR1：{rates}',
  },
  'cmd.estimate.fieldwork.weighting': {
    en: 'Weights: substitutes take the place and weight of the household they replaced; respondents reweighted within {classes} classes of {column} (largest factor {factor}); {collapsed}',
    'zh-CN':
      '权重：备用户承接所替换户的位置和权重；应答户在 {column} 的 {classes} 个加权组内调整（最大调整系数 {factor}）；{collapsed}',
  },
  'cmd.estimate.fieldwork.noCollapse': {
    en: 'every class has a respondent',
    'zh-CN': '每个加权组都有应答户',
  },
  'cmd.estimate.fieldwork.collapsed': {
    en: 'classes with no respondent: {county} merged within county × status, {status} within status',
    'zh-CN': '无应答户的加权组：{county} 个并入同县同类别，{status} 个并入同类别',
  },
  'cmd.estimate.fieldwork.sampleWithSpareOrder': {
    en: 'household {household} has role sample but spare_order {order}: a spare is never a sampled household (its role stays spare)',
    'zh-CN': '户 {household} 的样本角色为 sample，但备用顺序为 {order}：备用户不是样本户（其角色须保持 spare）',
  },
  'cmd.estimate.fieldwork.classBlank': {
    en: 'sampled household {household} has no weighting class (blank): blank cells would form one class across counties and statuses; every sampled household needs one',
    'zh-CN': '样本户 {household} 没有加权组（空白）：空白会跨县、跨类别合成一个加权组；每个样本户都须有加权组',
  },
  'cmd.estimate.fieldwork.spareOrderInvalid': {
    en: 'spare {household} has spare_order {got}: a spare keeps the order it was drawn in, a whole number from 1',
    'zh-CN': '备用户 {household} 的备用顺序为 {got}：备用户保留抽样时的顺序，即从 1 起的整数',
  },
  'cmd.estimate.fieldwork.sampleIncomplete': {
    en: 'village × status {stratum}: the draw took {drawn} households (households_drawn) but the frame has {found} sampled rows: every sampled household stays in the returned frame, once, with its outcome',
    'zh-CN':
      '村 × 类别 {stratum}：抽样抽取了 {drawn} 户（households_drawn），但样本文件中有 {found} 个样本行：每个样本户都须留在交回的样本文件中，且只有一行，并填写调查结果',
  },
  'cmd.estimate.fieldwork.sampleIncompleteHint': {
    en: 'a household that could not be interviewed keeps its row with refused, not-found or ineligible; do not delete rows, nor mix rows of another draw',
    'zh-CN': '未能访问的户保留其行，并填写 拒访、未找到 或 不符合条件；不要删除行，也不要混入其他抽样的行',
  },
} as const satisfies MessageSection;
