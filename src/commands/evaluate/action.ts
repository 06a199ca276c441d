/** What `spotcheck evaluate` does when it runs (loaded by ./index.ts's action only): the draw, its outputs and what it prints. */
import { designDegreesOfFreedom } from '../../core/evaluate.js';
import { EVALUATION_HOUSEHOLD_COLUMNS } from '../../core/evaluationTables.js';
import { rowObjects } from '../../core/tables.js';
import { evaluationSummary } from './summary.js';
import { runEvaluation, type EvaluationRun } from './run.js';
import { performDraw, workbookSummary } from '../_shared/draw.js';
import type { RawOptions } from '../_shared/optionSpec.js';
import { normaliseDrawOptions } from '../_shared/options.js';
import { plannedOptions } from '../plannedOptions.js';
import { EVALUATE_OPTIONS, evaluatePlanInapplicable } from './spec.js';

/** The whole result for --json: the manifest, the design's df (not in the manifest, so that its bytes stay), the tables. */
function evaluationJson(run: EvaluationRun): Record<string, unknown> {
  const drawColumns = EVALUATION_HOUSEHOLD_COLUMNS.length;
  const design = designDegreesOfFreedom(run.draw);
  return {
    manifest: run.manifest,
    design: {
      counties: design.counties,
      strata: design.strata,
      df: design.df,
      single_county_strata: design.singleCountyStrata,
    },
    strata: rowObjects(run.tables.strata),
    counties: rowObjects(run.tables.counties),
    villages: rowObjects(run.tables.villages),
    households: rowObjects(run.tables.frame, drawColumns),
    spares: rowObjects(run.tables.spares, drawColumns),
  };
}

/** The evaluation draw of the registries with the options given (and a plan's). */
export async function evaluateAction(registries: string[], raw: RawOptions): Promise<void> {
  const options = await plannedOptions('evaluate', raw, evaluatePlanInapplicable, (merged) =>
    normaliseDrawOptions(EVALUATE_OPTIONS, registries, merged),
  );
  await performDraw(
    options,
    [...options.registries, ...options.nonpoor],
    (baseDir, onProgress) => runEvaluation(options, baseDir, onProgress),
    {
      json: evaluationJson,
      summary: (run, style) => evaluationSummary(run, style, options.out),
      notice: async (run, settings) => (await import('./notice.js')).evaluationNotice(run, settings),
      workbook: (run, settings) => ({
        summary: workbookSummary(run.manifest, '第三方评估抽样', settings),
        households: run.tables.frame,
        spares: run.tables.spares,
      }),
    },
  );
}
