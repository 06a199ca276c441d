/**
 * An evaluation draw from options to finished outputs, without printing or writing: load, resolve
 * the county strata, draw (pure core), read the chosen households' registry rows, build the tables
 * and the manifest. Used by `evaluate` and by `verify`.
 */
import { completeEvaluation, planEvaluation, type EvaluationDraw } from '../../core/evaluate.js';
import { evaluationTables, type EvaluationTables } from '../../core/evaluationTables.js';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { throwOnErrors } from '../../core/frame.js';
import { sealManifest, type Manifest } from '../../core/manifest.js';
import { countyStrata, strataRuleName, type CountyAttributeTable } from '../../core/strata.js';
import { loadCountyAttributes } from '../../io/load.js';
import {
  readVillageHouseholds,
  scanRegistry,
  type ScanOptions,
  type ScannedRegistry,
  type VillageHouseholds,
} from '../../io/scan.js';
import { holdToCommitment, withCommitmentFile } from '../_shared/commitment.js';
import {
  csvOutputs,
  manifestDivisions,
  manifestHead,
  manifestInputs,
  registryRow,
  maskedDrawTable,
  relativePath,
  planRecord,
  drawnParameters,
  scanOptions,
  readDrawRegistry,
} from '../_shared/drawRun.js';
import { recordParameters } from '../_shared/optionSpec.js';
import { EVALUATE_OPTIONS, EVALUATION_PARAMETER_ORDER, type EvaluationOptions } from './spec.js';

export interface EvaluationRun {
  readonly options: EvaluationOptions;
  readonly registry: ScannedRegistry;
  readonly draw: EvaluationDraw;
  readonly tables: EvaluationTables;
  readonly files: ReadonlyMap<string, string>;
  readonly manifest: Manifest;
}

/** maskedTables lays out the evaluation's tables with the chosen households' registry rows, masked (§17). */
function maskedTables(
  draw: EvaluationDraw,
  registry: ScannedRegistry,
  chosen: VillageHouseholds,
  options: EvaluationOptions,
): EvaluationTables {
  const drawn = evaluationTables(draw, (entry) =>
    registryRow(registry, chosen, entry.household.source, options.revealIds, options.masking),
  );
  return {
    ...drawn,
    frame: maskedDrawTable(drawn.frame, options),
    spares: maskedDrawTable(drawn.spares, options),
  };
}

/** The manifest's record of the county attribute table (--county-attributes): name, SHA-256, path relative to baseDir. */
function countyAttributesRecord(
  attributes: { readonly table: CountyAttributeTable; readonly sha256: string } | null,
  options: EvaluationOptions,
  baseDir: string,
): Manifest['county_attributes'] {
  return attributes === null
    ? null
    : {
        name: attributes.table.source,
        sha256: attributes.sha256,
        path: relativePath(baseDir, options.countyAttributes!),
      };
}

/** Performs the evaluation draw. `baseDir` is where the manifest will live; input paths are recorded relative to it. */
export async function runEvaluation(
  options: EvaluationOptions,
  baseDir: string,
  onProgress?: ScanOptions['onProgress'],
): Promise<EvaluationRun> {
  // The county table is read after the division table and before the registry, as it always was.
  const read: { attributes: Awaited<ReturnType<typeof loadCountyAttributes>> | null } = { attributes: null };
  const { divisions, registry } = await readDrawRegistry('evaluate', options, baseDir, async (divisions) => {
    read.attributes = options.countyAttributes === null ? null : await loadCountyAttributes(options.countyAttributes);
    return scanRegistry(options.registries, {
      ...scanOptions(options, divisions, onProgress),
      nonpoor: options.nonpoor,
      countyAttribute: typeof options.strata === 'string' ? null : options.strata.column,
    });
  });
  const { attributes } = read;
  if (registry.frame.villages.length === 0) {
    throw new SpotcheckError('DATA', msg('run.evaluate.emptyFrame'), { hint: msg('run.evaluate.emptyFrameHint') });
  }
  const parameters = {
    seed: options.seed,
    counties: options.counties,
    countyStrata: countyStrata(registry.frame, options.strata, attributes?.table ?? null),
    strataRule: strataRuleName(options.strata),
    allocation: options.allocation,
    minPerStratum: options.minPerStratum,
    mergeStrata: options.mergeStrata,
    countySelection: options.countySelection,
    villagesPerCounty: options.villagesPerCounty,
    householdsPerStratum: options.householdsPerStratum,
    spares: options.spares,
  };
  const plan = planEvaluation(registry.frame, parameters);
  const chosen = await readVillageHouseholds(registry, plan.villageKeys);
  throwOnErrors(chosen.problems, chosen.errorCount);
  const draw = completeEvaluation(plan, parameters, chosen.households);
  const tables = maskedTables(draw, registry, chosen, options);
  const { files, outputs } = csvOutputs(
    [
      ['frame.csv', tables.frame],
      ['spares.csv', tables.spares],
      ['counties.csv', tables.counties],
      ['villages.csv', tables.villages],
      ['strata.csv', tables.strata],
    ],
    options,
  );
  const manifest = sealManifest(
    holdToCommitment(options, {
      ...manifestHead('evaluate', options.columnsLang),
      parameters: recordParameters(EVALUATE_OPTIONS, options, EVALUATION_PARAMETER_ORDER, {
        ...drawnParameters(options, divisions),
        county_attributes: attributes === null ? null : attributes.table.source,
      }),
      ...planRecord(options, baseDir),
      ticket_context: draw.ticketContext,
      inputs: manifestInputs(registry, baseDir),
      divisions: manifestDivisions(divisions, options.divisions, baseDir),
      county_attributes: countyAttributesRecord(attributes, options, baseDir),
      frame: draw.frame,
      strata: draw.strata,
      sample: {
        counties: draw.counties.length,
        villages: draw.villages.length,
        households: tables.frame.rows.length,
        spares: tables.spares.rows.length,
      },
      shortfalls: draw.shortfalls,
      outputs,
      created_at: new Date().toISOString(),
    }),
  );
  return { options, registry, draw, tables, files: withCommitmentFile(files, options), manifest };
}
