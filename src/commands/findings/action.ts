/** What `spotcheck findings` does when it runs (loaded by ./index.ts's action only): the checks and what it prints; exit 1 when there are findings. */
import { styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { runFindings } from './run.js';
import { FINDINGS_OPTIONS } from './spec.js';
import { findingsJson, findingsSummary, findingsTotal } from './summary.js';

/** Checks the returns against the draws given. */
export async function findingsAction(dirs: string[], raw: RawOptions): Promise<void> {
  const options = normaliseOptions(FINDINGS_OPTIONS, raw);
  const draws = await runFindings(dirs, options);
  await writeStdout(
    options.json
      ? json(findingsJson(draws, options.revealIds))
      : findingsSummary(draws, options.revealIds, await styleFor(process.stdout)),
  );
  if (findingsTotal(draws) > 0) process.exitCode = 1;
}
