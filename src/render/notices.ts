/** What the public notices of the draws share: the common facts and frame (src/render/notice.ts); each draw's own notice is in its command's folder. */
import type { Manifest } from '../core/manifest.js';
import type { NoticeInput } from './notice.js';
import { commitmentFacts } from './commitNotice.js';
import { count } from '../core/textLayout.js';
import { exclusionLines } from './exclusions.js';
import { showSeed } from '../core/seed.js';
import { localTime, type TimeZone } from '../core/localTime.js';
import { type CommitteeLook, dayOf } from './look.js';
import { levelLabel, TITLE_PLACEHOLDERS, type TitlePlaceholder } from './drawNames.js';

/** "2026年11月" from "2026-11". */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** A notice title template (checked where it is given: commands/_shared/parse.ts) with the draw's values in it. */
export function noticeTitle(
  template: string,
  values: { readonly month: string; readonly level: string; readonly scope: string; readonly committee: string | null },
): string {
  const filled: Readonly<Record<TitlePlaceholder, string>> = {
    month: monthLabel(values.month),
    level: levelLabel(values.level),
    scope: values.scope,
    committee: values.committee ?? '',
  };
  return template.replace(
    new RegExp(`\\{(${TITLE_PLACEHOLDERS.join('|')})\\}`, 'g'),
    (_whole, name: TitlePlaceholder) => filled[name],
  );
}

function commonFacts(manifest: Manifest, zone: TimeZone): Array<readonly [string, string]> {
  const p = manifest.parameters as Record<string, unknown>;
  return [
    ['随机种子', showSeed(String(p.seed))],
    ['种子来源', typeof p.seed_source === 'string' ? p.seed_source : '未注明'],
    ...(typeof p.redraw_reason === 'string' ? [['重新抽取原因', p.redraw_reason] as const] : []),
    ['抽取时间', localTime(manifest.created_at, zone.offsetMinutes)],
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
  look: CommitteeLook,
): NoticeInput {
  return {
    title,
    facts: [...facts, ...commonFacts(manifest, look.timeZone), ...commitmentFacts(manifest, look.timeZone)],
    tables,
    manifestSha256: manifest.manifest_sha256 ?? '',
    toolVersion: manifest.tool.version,
    algorithm: `${manifest.algorithm.name} v${manifest.algorithm.version}`,
    closing: {
      committee: look.committee,
      date: dayOf(manifest.created_at, look.timeZone),
      complaint: look.complaintLine,
    },
  };
}
