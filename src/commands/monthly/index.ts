/** `spotcheck monthly`: the monthly four-level spot check. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { exclusionCostNote } from '../_shared/exclusionOptions.js';
import { specCommand } from '../_shared/optionSpec.js';
import { MONTHLY_OPTIONS } from './spec.js';

export function monthlyCommand(): Command {
  return specCommand(
    headCommand('monthly'),
    MONTHLY_OPTIONS,
    [exclusionCostNote(), t('help.monthly.after')],
    async () => (await import('./action.js')).monthlyAction,
  );
}
