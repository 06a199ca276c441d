/**
 * verify recomputes everything it certifies: the whole manifest compared with the re-drawn one,
 * every output file, and --expect HASH (the manifest hash published in the notice or ledger).
 * Keys: help.verify.expect, cmd.verify.* (integrity checks).
 */
import type { MessageSection } from './section.js';

export const VERIFY_INTEGRITY_MESSAGES = {
  'help.verify.expect': {
    en: 'the manifest hash published in the notice or ledger (manifest_sha256: all 64 hex digits, or its first 16 or more); a manifest that is not the published one fails',
    'zh-CN':
      '公示或台账中公布的抽取清单哈希值（manifest_sha256：完整 64 位十六进制，或至少前 16 位）；不是所公布的那份抽取清单则核验不通过',
  },
  'cmd.verify.expectMalformed': {
    en: '--expect must be the manifest hash published in the notice or ledger: 64 hexadecimal digits, or the first 16 or more of them; got "{got}"',
    'zh-CN': '--expect 必须是公示或台账中公布的抽取清单哈希值：64 位十六进制数字，或其至少前 16 位；实际为 "{got}"',
  },
  'cmd.verify.check.expect': { en: 'published manifest hash', 'zh-CN': '公布的抽取清单哈希值' },
  'cmd.verify.detail.expectMatches': {
    en: 'manifest_sha256 {sha}… is the published {expected}',
    'zh-CN': 'manifest_sha256 {sha}… 与公布的 {expected} 一致',
  },
  'cmd.verify.detail.expectDiffers': {
    en: 'this manifest is not the one published: its manifest_sha256 is {sha}…, the published hash is {expected}',
    'zh-CN': '此抽取清单不是所公布的那份：其 manifest_sha256 为 {sha}…，公布的哈希值为 {expected}',
  },
  'cmd.verify.check.field': { en: 'manifest {field}', 'zh-CN': '抽取清单字段 {field}' },
  'cmd.verify.detail.redrawRefused': {
    en: 'the recorded parameters make no draw, so they are not those of the draw (changed after it, or written by hand): {problem}',
    'zh-CN': '记录的参数无法完成抽取，因此不是该次抽取所用的参数（抽取后被改动，或为手工编写）：{problem}',
  },
  'cmd.verify.detail.fieldPath': {
    en: '{path}: recorded {recorded}, re-drawn {redrawn}',
    'zh-CN': '{path}：记录为 {recorded}，重新抽取得到 {redrawn}',
  },
  'cmd.verify.detail.fieldAbsent': { en: '(absent)', 'zh-CN': '（无）' },
  'cmd.verify.detail.fieldMore': { en: '(and {count} more)', 'zh-CN': '（另有 {count} 处）' },
  'cmd.verify.check.fields': { en: 'manifest', 'zh-CN': '抽取清单' },
  'cmd.verify.detail.fieldsMatch': {
    en: 'every recorded value is re-drawn identically; not recomputed: {fields} (only --expect pins them)',
    'zh-CN': '记录的每个值都被重新抽取得到；未重新计算：{fields}（只有 --expect 能确认它们）',
  },
  'cmd.verify.detail.notProduced': {
    en: 'the manifest records {name} but the re-draw does not produce it',
    'zh-CN': '抽取清单记录了 {name}，但重新抽取不产生这个文件',
  },
  'cmd.verify.detail.outputRecordDiffers': {
    en: "the manifest's record of {name} differs from the re-draw: {differences}",
    'zh-CN': '抽取清单中 {name} 的记录与重新抽取不同：{differences}',
  },
} as const satisfies MessageSection;
