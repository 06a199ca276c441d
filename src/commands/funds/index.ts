/** `spotcheck funds`: the prefecture's fund-coverage check of the counties the province did not check. Its options are in ./spec.ts, what it does in ./action.ts. */
import { Command } from 'commander';
import { t } from '../../i18n.js';
import { exclusionCostNote } from '../_shared/exclusionOptions.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { FUNDS_OPTIONS } from './spec.js';

export function fundsCommand(): Command {
  const command = new Command('funds')
    .summary(t('help.funds.summary'))
    .description(t('help.funds.description'))
    .argument('<registry...>', t('help.shared.registryFiles'));
  addOptions(command, FUNDS_OPTIONS)
    .addHelpText('after', exclusionCostNote())
    .addHelpText('after', t('help.funds.after'));
  return command.action(async (registries: string[], raw: RawOptions) =>
    (await import('./action.js')).fundsAction(registries, raw),
  );
}
