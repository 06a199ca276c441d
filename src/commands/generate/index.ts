/** `spotcheck generate`: a deterministic synthetic registry for demos, drills and benchmarks (options: ./spec.ts, what it does: ./action.ts). */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { GENERATE_OPTIONS } from './spec.js';

export function generateCommand(): Command {
  return specCommand(
    headCommand('generate'),
    GENERATE_OPTIONS,
    [t('help.generate.after')],
    async () => (await import('./action.js')).generateAction,
  );
}
