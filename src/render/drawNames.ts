/**
 * How Chinese documents and the Chinese terminal name a draw's level and command instead of the
 * manifest's codes (province, monthly …): the public notice, the check workbook, excluded draws.
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
