/** `spotcheck ledger verify`: check a draw ledger's chain and list repeated draws. Its options are in ./spec.ts, what it does in ./action.ts. */
import { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { LEDGER_VERIFY_OPTIONS } from './spec.js';

export function ledgerCommand(): Command {
  const verify = addOptions(
    new Command('verify')
      .summary(t('help.ledger.verify.summary'))
      .description(t('help.ledger.verify.description'))
      .argument('<file>', t('help.ledger.verify.file')),
    LEDGER_VERIFY_OPTIONS,
  )
    .addHelpText('after', t('help.ledger.after'))
    .action(async (file: string, raw: RawOptions) => (await import('./action.js')).ledgerVerifyAction(file, raw));
  return headCommand('ledger').addCommand(verify);
}
