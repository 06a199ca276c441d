/** `spotcheck verify`: re-draw from a manifest and compare with what was recorded. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { VERIFY_OPTIONS } from './spec.js';

export function verifyCommand(): Command {
  return addOptions(headCommand('verify'), VERIFY_OPTIONS)
    .addHelpText('after', t('help.verify.after'))
    .addHelpText('after', t('help.exclusions.reproduceCost'))
    .action(async (manifestPath: string, raw: RawOptions) =>
      (await import('./action.js')).verifyAction(manifestPath, raw),
    );
}
