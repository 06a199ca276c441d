/** Excluded draws that must reproduce, lists that must match the registry, and verify's caveats (src/io/drawVerifier.ts). */
import type { MessageSection } from './section.js';

export const EXCLUSION_INTEGRITY_MESSAGES = {
  'io.reproduce.failed': {
    en: 'the excluded draw {draw} (manifest {sha}…) does not reproduce from its registry: {differs}',
    'zh-CN': '被排除的抽取 {draw}（清单 {sha}…）无法依据其登记数据复现：{differs}',
  },
  'io.reproduce.more': { en: ' (and {more} more)', 'zh-CN': '（另有 {more} 项）' },
  'io.reproduce.failedHint': {
    en: 'an excluded draw must be exactly what spotcheck drew: exclude the draw folder as published (check it with spotcheck verify), with the registry it was drawn from',
    'zh-CN':
      '被排除的抽取必须与 spotcheck 抽出的完全一致：请排除公布的抽取目录（可用 spotcheck verify 核验），并使用其抽取时的登记数据',
  },
  'io.reproduce.tooDeep': {
    en: 'the excluded draw {draw} is more than {depth} exclusions deep: its chain of excluded draws is not verified',
    'zh-CN': '被排除的抽取 {draw} 的排除层级超过 {depth} 层，其排除链无法核验',
  },
  'io.excluded.householdsMatchNothing': {
    en: 'none of the {keys} household_id key(s) of the exclusion list is a household of the registry (for example "{example}"): it would exclude nothing',
    'zh-CN': '排除名单中的 {keys} 个户编号均不是登记数据中的户（例如 "{example}"），排除不了任何户',
  },
  'verify.excluded.unitsDiffer': {
    en: 'present, sha256 {sha}… matches, but its units differ from excluded.csv: only in excluded.csv: {recordedOnly}; only in the source: {sourceOnly}',
    'zh-CN':
      '来源在场，sha256 {sha}… 一致，但其单位与 excluded.csv 不同：仅在 excluded.csv 中：{recordedOnly}；仅在来源中：{sourceOnly}',
  },
  'verify.excluded.noUnits': { en: 'none', 'zh-CN': '无' },
  'verify.excluded.moreUnits': { en: ' … ({more} more)', 'zh-CN': ' …（另有 {more} 个）' },
  'verify.caveat': { en: 'NOTE', 'zh-CN': '注意' },
  'verify.exclusions.notRechecked': {
    en: 'exclusions not re-checked: the excluded draws were not available; only excluded.csv was used — give --exclusions-from to check them',
    'zh-CN': '排除未复核：被排除的抽取不在此处，仅使用了 excluded.csv；请用 --exclusions-from 给出它们以便核对',
  },
  'help.exclusions.reproduceCost': {
    en: 'Excluded draws:\n  An excluded draw (--exclude, --history; for verify, one found at its recorded path or given\n  with --exclusions-from) is re-drawn from the registry and must reproduce, else the draw is\n  refused (verify: fails). Cost: one re-draw per excluded draw (recursively, each draw once).',
    'zh-CN':
      '被排除的抽取：\n  被排除的抽取（--exclude、--history；verify 时为在记录路径或 --exclusions-from 中找到的）\n  会依据登记数据重新抽取并须完全复现，否则拒绝抽取（verify：核验不通过）。\n  代价：每个被排除的抽取重抽一次（逐层递归，每个抽取只核一次）。',
  },
} as const satisfies MessageSection;
