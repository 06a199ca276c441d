/**
 * A monthly draw from options to finished outputs, without printing or writing: load the division
 * table and registry, draw (pure core), read the chosen households' rows, build the CSV files and
 * the manifest. Used by `monthly` (which writes or prints) and by `verify` (which compares).
 */
import { SpotcheckError } from '../../errors.js';
import { msg, render, t } from '../../i18n.js';
import { STATUS_LABELS, throwOnErrors } from '../../core/frame.js';
import { sealManifest, type Manifest } from '../../core/manifest.js';
import { completeMonthly, planMonthly, type MonthlyDraw, type MonthlyParameters } from '../../core/monthly.js';
import { resolveScope, type Scope } from '../../core/scope.js';
import { drawTables, HOUSEHOLD_COLUMNS, rowObjects, SPARE_COLUMNS, type DrawTables } from '../../core/tables.js';
import {
  readVillageHouseholds,
  scanRegistry,
  type ScanOptions,
  type ScannedRegistry,
  type VillageHouseholds,
} from '../../io/scan.js';
import {
  csvOutputs,
  manifestDivisions,
  manifestHead,
  manifestInputs,
  registryRow,
  maskedDrawTable,
  exclusionsRecord,
  exclusionGuard,
  planRecord,
  drawnParameters,
  scanOptions,
  readDrawRegistry,
} from '../_shared/drawRun.js';
import { holdToCommitment, withCommitmentFile } from '../_shared/commitment.js';
import {
  EXCLUSION_STAGES,
  type ExclusionStage,
  findHistory,
  type LoadedExclusionSource,
  loadExclusions,
} from '../../io/exclude.js';
import type { NamedKeys } from '../../io/exclusionRecord.js';
import { exclusionSourceLabel } from '../../render/exclusions.js';
import { recordParameters } from '../_shared/optionSpec.js';
import { MONTHLY_OPTIONS, MONTHLY_PARAMETER_ORDER, type MonthlyOptions } from './spec.js';
import { excludedOutput } from '../../io/exclusionRecord.js';

export interface MonthlyRun {
  readonly options: MonthlyOptions;
  readonly scope: Scope;
  readonly registry: ScannedRegistry;
  readonly draw: MonthlyDraw;
  readonly tables: DrawTables;
  /** File name → CSV text. */
  readonly files: ReadonlyMap<string, string>;
  readonly manifest: Manifest;
}

/** monthlyExclusions loads what the draw leaves out: --exclude's sources and the draws --history finds. */
async function monthlyExclusions(options: MonthlyOptions, registry: ScannedRegistry) {
  const history =
    options.history === null ? [] : await findHistory(options.history.dir, options.month, options.history.cooldown);
  return loadExclusions(
    [
      ...options.exclude,
      ...history.map((path) => ({ path, stages: options.history!.stages, reason: 'history' as const })),
    ],
    exclusionGuard(options, registry, { masksIds: !options.revealIds }),
  );
}

/** The message of an empty frame, one whole sentence per case: which villages, within a scope or not, after exclusions or not. */
const EMPTY_FRAME = {
  poor: [
    ['run.monthly.emptyFrame.poor', 'run.monthly.emptyFrame.poorExcluded'],
    ['run.monthly.emptyFrame.poorScoped', 'run.monthly.emptyFrame.poorScopedExcluded'],
  ],
  any: [
    ['run.monthly.emptyFrame.any', 'run.monthly.emptyFrame.anyExcluded'],
    ['run.monthly.emptyFrame.anyScoped', 'run.monthly.emptyFrame.anyScopedExcluded'],
  ],
} as const;

/**
 * excludedBy says, one whole sentence per source, how many villages of the frame each exclusion
 * leaves out on its own (re-planned with that source's units alone), so that an emptied frame names
 * the exclusion that emptied it. Sentences are joined by a space in both languages.
 */
function excludedBy(
  frame: ScannedRegistry['frame'],
  parameters: MonthlyParameters,
  sources: readonly LoadedExclusionSource[],
  named: NamedKeys,
): string {
  return sources
    .map((source) => {
      const only = (stage: ExclusionStage) =>
        new Set([...named[stage]].filter(([, shas]) => shas.has(source.sha256)).map(([key]) => key));
      const alone = planMonthly(frame, {
        ...parameters,
        exclude: { counties: only('county'), villages: only('village'), households: only('household') },
      });
      return t('run.monthly.emptyFrame.excludedBy', {
        source: exclusionSourceLabel(source),
        stages: EXCLUSION_STAGES.filter((stage) => source.stages.includes(stage))
          .map((stage) => t(`summary.stage.${stage}`))
          .join(t('excluded.separator')),
        units: t('excluded.units.village', { n: alone.excluded.villages }),
      });
    })
    .join(' ');
}

/** emptyFrame refuses a draw whose frame holds no household: which statuses, villages and scope, and what was excluded (by which source). */
function emptyFrame(
  plan: Pick<MonthlyDraw, 'frame' | 'excluded'>,
  options: MonthlyOptions,
  scope: Scope,
  excludedBySources: () => string,
): SpotcheckError {
  const excluded = plan.excluded.villages > 0;
  const key =
    EMPTY_FRAME[plan.frame.definition.villageFrame === 'poor' ? 'poor' : 'any'][scope.key ? 1 : 0][excluded ? 1 : 0];
  // Every variant takes a subset of these values (the catalogue test checks that both languages agree).
  const values: Readonly<Record<string, string | number>> = {
    statuses: options.statuses.map((status) => STATUS_LABELS[status]).join('/'),
    scope: scope.label,
    villages: plan.excluded.villages,
  };
  return new SpotcheckError('DATA', msg(key, values as never), {
    hint: excluded
      ? msg('run.monthly.emptyFrameExcludedByHint', {
          advice: t('run.monthly.emptyFrameExcludedHint'),
          breakdown: excludedBySources(),
        })
      : msg('run.monthly.emptyFrameHint'),
  });
}

/** monthlyTables lays out the drawn tables with the chosen households' registry rows, masked (§17). */
function monthlyTables(
  draw: MonthlyDraw,
  registry: ScannedRegistry,
  chosen: VillageHouseholds,
  options: MonthlyOptions,
): DrawTables {
  const drawn = drawTables(
    draw,
    ({ household }) => registryRow(registry, chosen, household.source, options.revealIds, options.masking),
    options.spares > 0,
  );
  return {
    ...drawn,
    households: maskedDrawTable(drawn.households, options),
    spares: maskedDrawTable(drawn.spares, options),
  };
}

/** Performs the draw. `baseDir` is where the manifest will live; input paths are recorded relative to it. */
export async function runMonthly(
  options: MonthlyOptions,
  baseDir: string,
  onProgress?: ScanOptions['onProgress'],
): Promise<MonthlyRun> {
  const { divisions, registry } = await readDrawRegistry('monthly', options, baseDir, (divisions) =>
    scanRegistry(options.registries, scanOptions(options, divisions, onProgress)),
  );
  const scope = resolveScope(registry.frame, options.level, options.scope);
  const { exclusions, sources, named, recorded } = await monthlyExclusions(options, registry);
  const parameters = {
    month: options.month,
    seed: options.seed,
    level: options.level,
    scope,
    counties: options.counties,
    villagesPerCounty: options.villagesPerCounty,
    householdsPerVillage: options.householdsPerVillage,
    villageFrame: options.villageFrame,
    statuses: options.statuses,
    exclude: exclusions,
    sparesPerVillage: options.spares,
  };
  const plan = planMonthly(registry.frame, parameters);
  if (plan.frame.sizes.households === 0)
    throw emptyFrame(plan, options, scope, () => excludedBy(registry.frame, parameters, sources, named));
  const chosen = await readVillageHouseholds(registry, plan.villageKeys);
  throwOnErrors(chosen.problems, chosen.errorCount);
  const draw = completeMonthly(plan, parameters, chosen.households);
  const tables = monthlyTables(draw, registry, chosen, options);
  const exclusionRecord = exclusionsRecord(sources, options.history, draw.excluded, baseDir, recorded);
  const { files, outputs } = csvOutputs(
    [
      ['counties.csv', tables.counties],
      ['villages.csv', tables.villages],
      ['households.csv', tables.households],
      ...(tables.spares ? ([['spares.csv', tables.spares]] as const) : []),
      ...excludedOutput(exclusionRecord, named, options.writeExcludedFile),
    ],
    options,
  );

  const manifest = sealManifest(
    holdToCommitment(options, {
      ...manifestHead('monthly', options.columnsLang),
      parameters: recordParameters(MONTHLY_OPTIONS, options, MONTHLY_PARAMETER_ORDER, {
        scope_key: scope.key,
        scope_label: scope.label,
        ...drawnParameters(options, divisions),
      }),
      ...exclusionRecord,
      ...planRecord(options, baseDir),
      ticket_context: draw.ticketContext,
      inputs: manifestInputs(registry, baseDir),
      divisions: manifestDivisions(divisions, options.divisions, baseDir),
      frame: draw.frame,
      sample: {
        counties: draw.counties.length,
        villages: draw.villages.length,
        households: draw.households.length,
        ...(options.spares > 0 ? { spares: draw.spares.length } : {}),
      },
      shortfalls: draw.shortfalls,
      outputs,
      created_at: new Date().toISOString(),
    }),
  );
  return { options, scope, registry, draw, tables, files: withCommitmentFile(files, options), manifest };
}

/** The whole result for --json: the manifest and the three tables as objects (registry columns nested). */
export function monthlyJson(run: MonthlyRun): Record<string, unknown> {
  return {
    manifest: run.manifest,
    counties: rowObjects(run.tables.counties),
    villages: rowObjects(run.tables.villages),
    households: rowObjects(run.tables.households, HOUSEHOLD_COLUMNS.length),
    ...(run.tables.spares
      ? {
          spares: rowObjects(run.tables.spares, SPARE_COLUMNS.length),
          spares_rule: render('summary.spareRule', 'en', {}) /* JSON stays English */,
        }
      : {}),
  };
}
