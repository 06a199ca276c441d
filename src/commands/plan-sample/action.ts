/** What `spotcheck plan-sample` does when it runs (loaded by ./index.ts's action only): the plan and what it prints. */
import { styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { runPlanSample } from './run.js';
import { PLAN_SAMPLE_OPTIONS } from './spec.js';
import { planSampleJson, planSampleSummary } from './summary.js';

/** Plans the sample with the options given. */
export async function planSampleAction(raw: RawOptions): Promise<void> {
  const options = normaliseOptions(PLAN_SAMPLE_OPTIONS, raw);
  const result = runPlanSample(options);
  await writeStdout(
    options.json
      ? json(planSampleJson(options, result))
      : planSampleSummary(options, result, await styleFor(process.stdout)),
  );
}
