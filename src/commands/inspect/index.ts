/** `spotcheck inspect`: what a registry holds, and what is wrong with it. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { INSPECT_OPTIONS } from './spec.js';

export function inspectCommand(): Command {
  return specCommand(
    headCommand('inspect'),
    INSPECT_OPTIONS,
    [t('help.inspect.after')],
    async () => (await import('./action.js')).inspectAction,
  );
}
