/** `spotcheck evaluate`: the third-party evaluation's stratified three-stage survey frame. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { EVALUATE_OPTIONS } from './spec.js';

export function evaluateCommand(): Command {
  return specCommand(
    headCommand('evaluate'),
    EVALUATE_OPTIONS,
    [t('help.evaluate.after')],
    async () => (await import('./action.js')).evaluateAction,
  );
}
