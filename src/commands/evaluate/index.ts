/** `spotcheck evaluate`: the third-party evaluation's stratified three-stage survey frame. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { EVALUATE_OPTIONS } from './spec.js';

export function evaluateCommand(): Command {
  const command = headCommand('evaluate');
  addOptions(command, EVALUATE_OPTIONS).addHelpText('after', t('help.evaluate.after'));
  return command.action(async (registries: string[], raw: RawOptions) =>
    (await import('./action.js')).evaluateAction(registries, raw),
  );
}
