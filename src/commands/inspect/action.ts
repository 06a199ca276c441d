/** What `spotcheck inspect` does when it runs (loaded by ./index.ts's action only): reads the registries and prints what they hold. */
import { inspectFrame } from '../../core/inspect.js';
import { currentLanguage } from '../../i18n.js';
import { problemText } from '../../core/frame.js';
import { loadDivisions, loadRegistry } from '../../io/load.js';
import { styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { INSPECT_OPTIONS } from './spec.js';
import { inspectSummary } from './summary.js';

/** What the registries hold and what is wrong with them, with the options given. */
export async function inspectAction(registries: string[], raw: RawOptions): Promise<void> {
  const options = normaliseOptions(INSPECT_OPTIONS, raw);
  const divisions = await loadDivisions(options.divisions);
  const registry = await loadRegistry(registries, { ...options, divisions: divisions.table });
  const summary = inspectFrame(registry.frame);
  const files = registry.inputs.map(({ name, bytes, sha256, encoding, bom, layout, records }) => ({
    name,
    bytes,
    sha256,
    encoding,
    bom,
    layout,
    records,
  }));
  if (options.json) {
    await writeStdout(
      json({
        files,
        summary,
        errors: registry.errorCount,
        problems: registry.problems.map((problem) => ({
          ...problem,
          message: problemText(problem, currentLanguage()),
        })),
      }),
    );
  } else {
    await writeStdout(inspectSummary(files, summary, registry, await styleFor(process.stdout)));
  }
  if (registry.errorCount > 0) process.exitCode = 1;
}
