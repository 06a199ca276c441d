/** `spotcheck funds`: the prefecture's fund-coverage check of the counties the province did not check. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { exclusionCostNote } from '../_shared/exclusionOptions.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { FUNDS_OPTIONS } from './spec.js';

export function fundsCommand(): Command {
  const command = headCommand('funds');
  addOptions(command, FUNDS_OPTIONS)
    .addHelpText('after', exclusionCostNote())
    .addHelpText('after', t('help.funds.after'));
  return command.action(async (registries: string[], raw: RawOptions) =>
    (await import('./action.js')).fundsAction(registries, raw),
  );
}
