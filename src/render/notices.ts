/** What the public notices of the draws share: the common facts and frame (src/render/notice.ts); each draw's own notice is in its command's folder. */
import type { Manifest } from '../core/manifest.js';
import type { NoticeInput } from './notice.js';
import { commitmentFacts } from './commitNotice.js';
import { count } from './style.js';
import { exclusionLines } from './exclusions.js';
import { showSeed } from '../core/seed.js';
import { localTime } from '../core/localTime.js';

export const LEVEL_LABELS: Readonly<Record<string, string>> = {
  province: '省级',
  prefecture: '州（市）级',
  county: '县级',
  township: '乡镇级',
};

/** "2026年11月" from "2026-11". */
export const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

function commonFacts(manifest: Manifest): Array<readonly [string, string]> {
  const p = manifest.parameters as Record<string, unknown>;
  return [
    ['随机种子 Seed', showSeed(String(p.seed))],
    ['种子来源 Seed source', typeof p.seed_source === 'string' ? p.seed_source : '未注明 (not given)'],
    ...(typeof p.redraw_reason === 'string' ? [['重抽原因 Re-draw reason', p.redraw_reason] as const] : []),
    ['抽取时间 Drawn at', localTime(manifest.created_at)],
    [
      '登记册 Registry',
      manifest.inputs
        .map((input) => `${input.name}（SHA-256 ${input.sha256.slice(0, 16)}…，${count(input.records)} 行）`)
        .join('；'),
    ],
    ...(manifest.exclusions ? [['排除 Excluded', exclusionLines(manifest).join('；')] as const] : []),
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
  };
}
