/**
 * The Chinese headings of the columns spotcheck adds to its CSV outputs (a draw made in Chinese
 * writes them; manifests record columns_lang). They are part of the file format, not translatable
 * messages: `verify` re-draws a draw and compares its bytes, so a heading here never changes once
 * released (a new heading is added, an old one stays). The English column names are the stable
 * keys of JSON and of the manifest.
 */
export const CHINESE_HEADINGS: Readonly<Record<string, string>> = Object.freeze({
  prefecture_code: '州市代码',
  prefecture: '州市',
  county_code: '县代码',
  county: '县',
  township_key: '乡镇键',
  township: '乡镇',
  village_key: '村键',
  village_code: '村代码',
  village: '村',
  household_id: '户编号',
  status: '状态',
  household_size: '家庭人数',
  persons: '登记人数',
  ticket: '抽签值',
  rank: '抽签名次',
  spare_order: '备用顺序',
  role: '样本角色',
  counties: '县数',
  counties_in_frame: '框内县数',
  counties_in_stratum: '层内县数',
  counties_drawn: '抽中县数',
  certainty_counties: '必选县数',
  villages_in_county: '县内村数',
  villages_drawn: '抽中村数',
  households_in_village: '村内户数',
  households_in_stratum: '层内户数',
  households_drawn: '抽中户数',
  registered_households: '登记户数',
  frame_villages: '框内村数',
  frame_households: '框内户数',
  poor_households: '未脱贫户数',
  exited_households: '已脱贫户数',
  nonpoor_households: '非贫困户数',
  county_stratum: '县所在层',
  county_selection: '县抽取方式',
  county_size: '县规模',
  household_stratum: '户所在层',
  household_stratum_key: '户层键',
  county_probability: '县入样概率',
  village_probability: '村入样概率',
  household_probability: '户入样概率',
  probability: '总入样概率',
  weight: '设计权重',
  funds: '帮扶资金',
  cumulative_funds: '累计资金',
  certainty: '必选',
});

/** The prefix of a registry column whose name is also one of spotcheck's (English, Chinese). */
export const REGISTRY_PREFIX = Object.freeze({ en: 'registry:', 'zh-CN': '登记表:' });
