/** `spotcheck funds`: the prefecture's fund-coverage check of the counties the province did not check. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { exclusionCostNote } from '../_shared/exclusionOptions.js';
import { specCommand } from '../_shared/optionSpec.js';
import { FUNDS_OPTIONS } from './spec.js';

export function fundsCommand(): Command {
  return specCommand(
    headCommand('funds'),
    FUNDS_OPTIONS,
    [exclusionCostNote(), t('help.funds.after')],
    async () => (await import('./action.js')).fundsAction,
  );
}
