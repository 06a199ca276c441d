/** What a draw excluded (--exclude, --history), for the summary, the notice and the workbook. */
import { basename } from 'node:path';
import { currentLanguage, render, type Lang } from '../i18n.js';
import type { Manifest } from '../core/manifest.js';
import { EXCLUSION_STAGES, type LoadedExclusionSource } from '../io/exclude.js';
import { EXCLUDED_FILE, type ExclusionRecord } from '../io/exclusionRecord.js';
import { commandLabel, levelLabel } from './drawNames.js';

/**
 * Names an excluded source: "monthly draw prefecture 昭通市 2026-12, manifest 1a2b…" or "list x.csv,
 * sha256 …" — in the current language or in `lang` (the Chinese notice and workbook). In Chinese the
 * level and command are named in Chinese (src/render/drawNames.ts), not by their codes.
 */
export function exclusionSourceLabel(
  source: Pick<LoadedExclusionSource, 'kind' | 'draw' | 'path' | 'sha256'>,
  lang: Lang = currentLanguage(),
): string {
  const chinese = lang === 'zh-CN';
  const t = (key: Parameters<typeof render>[0], params: Parameters<typeof render>[2]): string =>
    render(key, lang, params);
  return source.kind === 'draw' && source.draw
    ? t('excluded.draw', {
        command: chinese ? commandLabel(source.draw.command) : source.draw.command,
        level: chinese ? levelLabel(source.draw.level ?? '') : (source.draw.level ?? ''),
        month: source.draw.month ?? '',
        scope:
          source.draw.scope === null ? t('excluded.wholeRegistry', {}) : (source.draw.scope_label ?? source.draw.scope),
        sha: source.sha256.slice(0, 16),
      })
    : t('excluded.list', { name: basename(source.path), sha: source.sha256.slice(0, 16) });
}

/**
 * One line per source: "province draw 2026-11 (whole registry), manifest 1a2b…: 4 counties, 8 villages, 40
 * households". In the current language, or in `lang` for a document in its own language (the notice, the workbook).
 */
export function exclusionLines(manifest: Manifest, lang: Lang = currentLanguage()): string[] {
  const record = manifest.exclusions as ExclusionRecord | undefined;
  if (!record) return [];
  const t = (key: Parameters<typeof render>[0], params: Parameters<typeof render>[2]): string =>
    render(key, lang, params);
  const lines = record.sources.map((source) => {
    const units = EXCLUSION_STAGES.filter((stage) => source.stages.includes(stage))
      .map((stage) => t(`excluded.units.${stage}`, { n: source.units[stage] }))
      .join(t('excluded.separator', {}));
    const what = exclusionSourceLabel(source, lang);
    const flags = [
      source.other_registry ? t('excluded.otherRegistry', {}) : '',
      source.other_month ? t('excluded.otherMonth', {}) : '',
    ]
      .filter(Boolean)
      .join('');
    return t('excluded.line', {
      what,
      reason: t(source.reason === 'history' ? 'excluded.byHistory' : 'excluded.byExclude', {}),
      units,
      flags,
    });
  });
  const left = record.excluded as { counties: number; villages: number; households: number };
  lines.push(
    t('excluded.left', {
      counties: left.counties,
      villages: left.villages,
      households: left.households,
      file: EXCLUDED_FILE,
    }),
  );
  return lines;
}
