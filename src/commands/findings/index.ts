/**
 * `spotcheck findings` (issue 18, first part): the month's returns checked against their draws.
 * Its options are in ./spec.ts, what it does in ./action.ts, the reading in ./run.ts (checks in
 * src/core/findings.ts), what it prints in ./summary.ts.
 */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { FINDINGS_OPTIONS } from './spec.js';

export function findingsCommand(): Command {
  return specCommand(
    headCommand('findings'),
    FINDINGS_OPTIONS,
    [t('help.findings.after')],
    async () => (await import('./action.js')).findingsAction,
  );
}
