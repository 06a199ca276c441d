/** `spotcheck verify`: re-draw from a manifest and compare with what was recorded. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { VERIFY_OPTIONS } from './spec.js';

export function verifyCommand(): Command {
  return specCommand(
    headCommand('verify'),
    VERIFY_OPTIONS,
    [t('help.verify.after'), t('help.exclusions.reproduceCost')],
    async () => (await import('./action.js')).verifyAction,
  );
}
