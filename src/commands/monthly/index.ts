/** `spotcheck monthly`: the monthly four-level spot check. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { exclusionCostNote } from '../_shared/exclusionOptions.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { MONTHLY_OPTIONS } from './spec.js';

export function monthlyCommand(): Command {
  const command = headCommand('monthly');
  addOptions(command, MONTHLY_OPTIONS)
    .addHelpText('after', exclusionCostNote())
    .addHelpText('after', t('help.monthly.after'));
  return command.action(async (registries: string[], raw: RawOptions) =>
    (await import('./action.js')).monthlyAction(registries, raw),
  );
}
