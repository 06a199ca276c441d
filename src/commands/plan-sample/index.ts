/**
 * `spotcheck plan-sample`: the counties, villages and households an evaluation needs for a target
 * margin of error. Its options are in ./spec.ts, what it does in ./action.ts, the plan in ./run.ts
 * (arithmetic in src/core/planning.ts), what it prints in ./summary.ts.
 */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { PLAN_SAMPLE_OPTIONS } from './spec.js';

export function planSampleCommand(): Command {
  return specCommand(
    headCommand('plan-sample'),
    PLAN_SAMPLE_OPTIONS,
    [t('help.planSample.after')],
    async () => (await import('./action.js')).planSampleAction,
  );
}
