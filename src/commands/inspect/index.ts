/** `spotcheck inspect`: what a registry holds, and what is wrong with it. Its options are in ./spec.ts. */
import { Command } from 'commander';
import { inspectFrame } from '../../core/inspect.js';
import { currentLanguage, t } from '../../i18n.js';
import { problemText } from '../../core/frame.js';
import { loadDivisions, loadRegistry } from '../../io/load.js';
import { styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';
import { addOptions, normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { INSPECT_OPTIONS } from './spec.js';
import { inspectSummary } from './summary.js';

export function inspectCommand(): Command {
  const command = new Command('inspect')
    .summary(t('help.inspect.summary'))
    .description(t('help.inspect.description'))
    .argument('<registry...>', t('help.shared.registryFiles'));
  addOptions(command, INSPECT_OPTIONS).addHelpText('after', t('help.inspect.after'));
  return command.action(async (registries: string[], raw: RawOptions) => {
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
      await writeStdout(inspectSummary(files, summary, registry, styleFor(process.stdout)));
    }
    if (registry.errorCount > 0) process.exitCode = 1;
  });
}
