/** What a draw excluded (--exclude, --history), for the summary, the notice and the workbook. */
import { basename } from 'node:path';
import { currentLanguage, render, type Lang } from '../i18n.js';
import type { Manifest } from '../core/manifest.js';
import { EXCLUSION_STAGES, type LoadedExclusionSource } from '../io/exclude.js';
import { EXCLUDED_FILE, type ExclusionRecord } from '../io/exclusionRecord.js';

/** How a document (the Chinese public notice) names a draw's command and level instead of their codes. */
interface DrawNames {
  readonly command: (command: string) => string;
  readonly level: (level: string) => string;
}

/**
 * Names an excluded source as the summary does: "monthly draw prefecture 昭通市 2026-12, manifest
 * 1a2b…" or "list x.csv, sha256 …" — in the current language, or in `lang` with `names` (the notice).
 */
export function exclusionSourceLabel(
  source: Pick<LoadedExclusionSource, 'kind' | 'draw' | 'path' | 'sha256'>,
  lang: Lang = currentLanguage(),
  names?: DrawNames,
): string {
  const t = (key: Parameters<typeof render>[0], params: Parameters<typeof render>[2]): string =>
    render(key, lang, params);
  return source.kind === 'draw' && source.draw
    ? t('excluded.draw', {
        command: names ? names.command(source.draw.command) : source.draw.command,
        level: names ? names.level(source.draw.level ?? '') : (source.draw.level ?? ''),
        month: source.draw.month ?? '',
        scope:
          source.draw.scope === null ? t('excluded.wholeRegistry', {}) : (source.draw.scope_label ?? source.draw.scope),
        sha: source.sha256.slice(0, 16),
      })
    : t('excluded.list', { name: basename(source.path), sha: source.sha256.slice(0, 16) });
}

/**
 * One line per source: "province draw 2026-11 (whole registry), manifest 1a2b…: 4 counties, 8 villages, 40
 * households". In the current language, or in `lang` with `names` for a document that has its own (the notice).
 */
export function exclusionLines(manifest: Manifest, lang: Lang = currentLanguage(), names?: DrawNames): string[] {
  const record = manifest.exclusions as ExclusionRecord | undefined;
  if (!record) return [];
  const t = (key: Parameters<typeof render>[0], params: Parameters<typeof render>[2]): string =>
    render(key, lang, params);
  const lines = record.sources.map((source) => {
    const units = EXCLUSION_STAGES.filter((stage) => source.stages.includes(stage))
      .map((stage) => t(`excluded.units.${stage}`, { n: source.units[stage] }))
      .join(t('excluded.separator', {}));
    const what = exclusionSourceLabel(source, lang, names);
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
