/**
 * How Chinese documents and the Chinese terminal name a draw's level and command instead of the
 * manifest's codes (province, monthly …): the public notice, the check workbook, excluded draws;
 * and the notices' default titles with their placeholders (here, not in render/notices.ts, so that
 * the options showing them in the help do not load the notices: start-up, issue 16).
 */

export const LEVEL_LABELS: Readonly<Record<string, string>> = {
  province: '省级',
  prefecture: '州（市）级',
  county: '县级',
  township: '乡镇级',
};

/** The drawing commands' checks as a notice names an earlier draw ("2026-12 省级 … 监督检查 抽取"). */
const COMMAND_LABELS: Readonly<Record<string, string>> = {
  monthly: '监督检查',
  evaluate: '第三方评估',
  funds: '资金量抽查',
};

/** A level's Chinese name, or the code as recorded when it is not one of the four. */
export const levelLabel = (level: string): string => LEVEL_LABELS[level] ?? level;

/** A command's Chinese name, or the code as recorded. */
export const commandLabel = (command: string): string => COMMAND_LABELS[command] ?? command;

/** The placeholders a notice title template may hold (--notice-title), filled in by render/notices.ts noticeTitle. */
export const TITLE_PLACEHOLDERS = ['month', 'level', 'scope', 'committee'] as const;
export type TitlePlaceholder = (typeof TITLE_PLACEHOLDERS)[number];

/**
 * The default title of a monthly draw's notice, in the current term (巩固拓展脱贫攻坚成果, since 2021):
 * "2026年12月 州（市）级巩固拓展脱贫攻坚成果监督检查 抽查结果公告". A committee may set its own
 * (--notice-title, the plan's monthly.notice_title) with the same placeholders.
 */
export const MONTHLY_NOTICE_TITLE = '{month} {level}巩固拓展脱贫攻坚成果监督检查 抽查结果公告';

/** The default title of a funds draw's notice: "2026年12月 文山壮族苗族自治州 资金量抽查 抽查结果公告". */
export const FUNDS_NOTICE_TITLE = '{month} {scope} 资金量抽查 抽查结果公告';
