/**
 * `spotcheck estimate`: weighted proportions with design-based standard errors from a returned frame.
 * Its options are in ./spec.ts, the estimation in ./run.ts, what it prints in ./summary.ts.
 */
import { Command } from 'commander';
import { t } from '../../i18n.js';
import { styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';
import { addOptions, normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { estimateFrame } from './run.js';
import { ESTIMATE_OPTIONS } from './spec.js';
import { estimateJson, estimateSummary } from './summary.js';

export function estimateCommand(): Command {
  const command = new Command('estimate')
    .summary(t('help.estimate.summary'))
    .description(t('help.estimate.description'))
    .argument('<frame>', t('help.estimate.frame'));
  return addOptions(command, ESTIMATE_OPTIONS)
    .addHelpText('after', t('help.estimate.after'))
    .action(async (path: string, raw: RawOptions) => {
      const options = normaliseOptions(ESTIMATE_OPTIONS, raw);
      const result = await estimateFrame(path, options);
      await writeStdout(
        options.json
          ? json(estimateJson(path, options, result))
          : estimateSummary(options, result, styleFor(process.stdout)),
      );
    });
}
