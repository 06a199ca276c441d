/**
 * `spotcheck estimate`: weighted proportions with design-based standard errors from a returned frame.
 * Its options are in ./spec.ts, what it does in ./action.ts, the estimation in ./run.ts, what it prints in ./summary.ts.
 */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { ESTIMATE_OPTIONS } from './spec.js';

export function estimateCommand(): Command {
  return specCommand(
    headCommand('estimate'),
    ESTIMATE_OPTIONS,
    [t('help.estimate.after')],
    async () => (await import('./action.js')).estimateAction,
  );
}
