/** `spotcheck evaluate`: the third-party evaluation's stratified three-stage survey frame. Its options are in ./spec.ts, what it does in ./action.ts. */
import { Command } from 'commander';
import { t } from '../../i18n.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { EVALUATE_OPTIONS } from './spec.js';

export function evaluateCommand(): Command {
  const command = new Command('evaluate')
    .summary(t('help.evaluate.summary'))
    .description(t('help.evaluate.description'))
    .argument('<registry...>', t('help.shared.registryFiles'));
  addOptions(command, EVALUATE_OPTIONS).addHelpText('after', t('help.evaluate.after'));
  return command.action(async (registries: string[], raw: RawOptions) =>
    (await import('./action.js')).evaluateAction(registries, raw),
  );
}
