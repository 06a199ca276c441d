/** What the public notices of the draws share: the common facts and frame (src/render/notice.ts); each draw's own notice is in its command's folder. */
import type { Manifest } from '../core/manifest.js';
import type { NoticeInput } from './notice.js';
import { commitmentFacts } from './commitNotice.js';
import { count } from './style.js';
import { exclusionLines } from './exclusions.js';
import { showSeed } from '../core/seed.js';
import { localTime } from '../core/localTime.js';
import { levelLabel } from './drawNames.js';

/** "2026年11月" from "2026-11". */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/**
 * The title of a monthly draw's notice, in the current term (巩固拓展脱贫攻坚成果, since 2021): "2026年12月
 * 州（市）级巩固拓展脱贫攻坚成果监督检查 抽查结果公告". The one place the wording lives: a plan setting may set it later.
 */
export const monthlyNoticeTitle = (month: string, level: string): string =>
  `${monthLabel(month)} ${levelLabel(level)}巩固拓展脱贫攻坚成果监督检查 抽查结果公告`;

/**
 * The complaint channel printed under every notice: 12317, the national hotline for supervising
 * poverty alleviation. It is the default; a plan setting may replace it.
 */
const COMPLAINT_LINE = '监督举报电话：12317';

/** "2026年12月2日" — the day of an instant in Beijing time (localTime), for the notice's 落款. */
const dayOf = (iso: string): string => {
  const day = /^(\d{4})-(\d\d)-(\d\d) /.exec(localTime(iso));
  return day ? `${day[1]}年${Number(day[2])}月${Number(day[3])}日` : iso;
};

function commonFacts(manifest: Manifest): Array<readonly [string, string]> {
  const p = manifest.parameters as Record<string, unknown>;
  return [
    ['随机种子', showSeed(String(p.seed))],
    ['种子来源', typeof p.seed_source === 'string' ? p.seed_source : '未注明'],
    ...(typeof p.redraw_reason === 'string' ? [['重新抽取原因', p.redraw_reason] as const] : []),
    ['抽取时间', localTime(manifest.created_at)],
    [
      '登记册',
      manifest.inputs
        .map((input) => `${input.name}（SHA-256 ${input.sha256.slice(0, 16)}…，${count(input.records)} 行）`)
        .join('；'),
    ],
    ...(manifest.exclusions ? [['排除', exclusionLines(manifest, 'zh-CN').join('；')] as const] : []),
  ];
}

/** A notice with the facts every draw shows after its own. */
export function noticeOf(
  manifest: Manifest,
  title: string,
  facts: Array<readonly [string, string]>,
  tables: NoticeInput['tables'],
): NoticeInput {
  return {
    title,
    facts: [...facts, ...commonFacts(manifest), ...commitmentFacts(manifest)],
    tables,
    manifestSha256: manifest.manifest_sha256 ?? '',
    toolVersion: manifest.tool.version,
    algorithm: `${manifest.algorithm.name} v${manifest.algorithm.version}`,
    closing: { date: dayOf(manifest.created_at), complaint: COMPLAINT_LINE },
  };
}
