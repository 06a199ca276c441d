/** `spotcheck generate`: a deterministic synthetic registry for demos, drills and benchmarks (options: ./spec.ts, what it does: ./action.ts). */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { GENERATE_OPTIONS } from './spec.js';

export function generateCommand(): Command {
  return addOptions(headCommand('generate'), GENERATE_OPTIONS)
    .addHelpText('after', t('help.generate.after'))
    .action(async (raw: RawOptions) => (await import('./action.js')).generateAction(raw));
}
