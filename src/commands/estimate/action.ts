/** What `spotcheck estimate` does when it runs (loaded by ./index.ts's action only): the estimates and what it prints. */
import { styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { estimateFrame } from './run.js';
import { ESTIMATE_OPTIONS } from './spec.js';
import { estimateJson, estimateSummary } from './summary.js';

/** Estimates from the returned frame at path with the options given. */
export async function estimateAction(path: string, raw: RawOptions): Promise<void> {
  const options = normaliseOptions(ESTIMATE_OPTIONS, raw);
  const result = await estimateFrame(path, options);
  await writeStdout(
    options.json
      ? json(estimateJson(path, options, result))
      : estimateSummary(options, result, await styleFor(process.stdout)),
  );
}
