/** `spotcheck inspect`: what a registry holds, and what is wrong with it. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { INSPECT_OPTIONS } from './spec.js';

export function inspectCommand(): Command {
  const command = headCommand('inspect');
  addOptions(command, INSPECT_OPTIONS).addHelpText('after', t('help.inspect.after'));
  return command.action(async (registries: string[], raw: RawOptions) =>
    (await import('./action.js')).inspectAction(registries, raw),
  );
}
