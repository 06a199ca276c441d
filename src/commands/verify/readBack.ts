/**
 * verify's read-back: a draw's options rebuilt from its manifest (the recorded options by their
 * specs, the facts a draw records beside them with the fallbacks of older manifests), so that the
 * draw can be made again.
 */
import { dirname, resolve } from 'node:path';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import type { Manifest } from '../../core/manifest.js';
import { isFormulaGuard } from '../../core/spreadsheetText.js';
import { recordedPath } from '../../io/recordedPath.js';
import type { ExclusionSpec } from '../../io/exclude.js';
import { parseExclusionStages } from '../_shared/parse.js';
import { hasExcludedFile, recordedExclusionSpecs } from '../../io/exclusionRecord.js';
import { readRecorded, recorded } from '../_shared/optionSpec.js';
import type { DrawReadOptions } from '../_shared/drawRun.js';
import { EVALUATE_OPTIONS, type EvaluationOptions } from '../evaluate/spec.js';
import { MONTHLY_OPTIONS, type MonthlyOptions } from '../monthly/spec.js';
import { FUNDS_OPTIONS, type FundsOptions } from '../funds/spec.js';
import { recordedCommitment } from './commitment.js';

/**
 * A manifest's recorded parameters, with `bad(key)` for a missing or malformed one (a MANIFEST
 * error), and the facts a draw records beside its options read back.
 */
function parameterReader(manifest: Manifest, file: string) {
  const p = manifest.parameters as Record<string, unknown>;
  const bad = (key: string): never => {
    throw new SpotcheckError('MANIFEST', msg('cmd.verify.badParameter', { key }), { file });
  };
  /**
   * What a draw records beside its options (drawnParameters, src/commands/_shared/drawRun.ts), read
   * back with the fallbacks of older manifests; the options themselves are read by readRecorded.
   */
  const drawnOptions = (
    registries: readonly string[],
    divisions: string | null,
  ): Pick<DrawReadOptions, 'registries' | 'divisions' | 'columnsLang' | 'commitment' | 'masking' | 'formulaGuard'> => ({
    registries,
    divisions,
    // Manifests of draws with English headings (and all before 0.3.0) have no columns_lang.
    columnsLang: p.columns_lang === undefined ? 'en' : p.columns_lang === 'zh-CN' ? 'zh-CN' : bad('columns_lang'),
    commitment: recordedCommitment(manifest, file),
    // Draws before 0.4.0 have no masking: they were masked by header only (rule 1 of §17).
    masking: p.masking === undefined ? 1 : p.masking === 2 ? 2 : bad('masking'),
    // Draws before 0.5.0 wrote CSV for Excel without the formula guard (§20), draws of 0.5.0 until
    // 0.6.0 with version 1 (formulas only); excel itself is read by its spec.
    formulaGuard:
      p.formula_guard === undefined
        ? 0
        : isFormulaGuard(p.formula_guard) && p.excel === true
          ? p.formula_guard
          : bad('formula_guard'),
  });
  return { p, bad, drawnOptions };
}

/** Rebuilds a monthly draw's options from its manifest: the recorded options by their spec (./spec.ts of monthly). */
export function monthlyOptionsFromManifest(
  manifest: Manifest,
  registries: readonly string[],
  divisions: string | null,
  file: string,
): MonthlyOptions {
  const { bad, drawnOptions } = parameterReader(manifest, file);
  return {
    ...readRecorded(MONTHLY_OPTIONS, manifest.parameters as Record<string, unknown>, bad),
    ...drawnOptions(registries, divisions),
    exclude: recordedExclusions(manifest, dirname(resolve(file)), bad),
    history: null, // the draws --history found are among the recorded sources
    excludeOtherRegistry: false,
    excludeOtherMonth: false,
    writeExcludedFile: hasExcludedFile(manifest),
  };
}

/** The exclusion sources a manifest records (paths relative to it), as specs to load again. */
function recordedExclusions(manifest: Manifest, base: string, bad: (key: string) => never): ExclusionSpec[] {
  const record = manifest.exclusions as { sources?: unknown } | undefined;
  if (record === undefined) return [];
  if (!Array.isArray(record.sources)) bad('exclusions');
  if (hasExcludedFile(manifest)) return recordedExclusionSpecs(manifest, base); // the draw's own excluded.csv
  return (record.sources as Array<Record<string, unknown>>).map((source) => {
    if (
      typeof source.path !== 'string' ||
      !Array.isArray(source.stages) ||
      (source.reason !== 'exclude' && source.reason !== 'history')
    )
      bad('exclusions');
    return {
      path: recordedPath(base, source.path as string, 'exclusions'),
      stages: parseExclusionStages('exclusions.stages', (source.stages as string[]).join(',')),
      reason: source.reason as 'exclude' | 'history',
    };
  });
}

/** Rebuilds an evaluation's options from its manifest: the recorded options by their spec (./spec.ts of evaluate). */
export function evaluationOptionsFromManifest(
  manifest: Manifest,
  registries: readonly string[],
  nonpoor: readonly string[],
  divisions: string | null,
  countyAttributes: string | null,
  file: string,
): EvaluationOptions {
  const { bad, drawnOptions } = parameterReader(manifest, file);
  return {
    ...readRecorded(EVALUATE_OPTIONS, manifest.parameters as Record<string, unknown>, bad),
    ...drawnOptions(registries, divisions),
    nonpoor,
    countyAttributes,
  };
}

/** Rebuilds a funds draw's options from its manifest: the recorded options by their spec (./spec.ts of funds). */
export function fundsOptionsFromManifest(
  manifest: Manifest,
  registries: readonly string[],
  divisions: string | null,
  file: string,
): FundsOptions {
  const { p, bad, drawnOptions } = parameterReader(manifest, file);
  const base = dirname(resolve(file));
  const table = manifest.funds_table;
  const fundsSource = recorded.oneOf(['registry', 'table'] as const)(p.funds_source, () => bad('funds_source'));
  if (fundsSource === 'table' && (!table || typeof table.path !== 'string')) bad('funds_table');
  return {
    ...readRecorded(FUNDS_OPTIONS, p, bad),
    ...drawnOptions(registries, divisions),
    fundsFile: fundsSource === 'table' ? recordedPath(base, table!.path, 'funds_table') : null,
    exclude: recordedExclusions(manifest, base, bad),
    excludeOtherRegistry: false,
    excludeOtherMonth: false,
    writeExcludedFile: hasExcludedFile(manifest),
  };
}
