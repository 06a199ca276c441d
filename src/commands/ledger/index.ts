/** `spotcheck ledger verify`: check a draw ledger's chain and list repeated draws. Its options are in ./spec.ts, what it does in ./action.ts. */
import { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { LEDGER_VERIFY_OPTIONS } from './spec.js';

export function ledgerCommand(): Command {
  const verify = new Command('verify')
    .summary(t('help.ledger.verify.summary'))
    .description(t('help.ledger.verify.description'))
    .argument('<file>', t('help.ledger.verify.file'));
  return headCommand('ledger').addCommand(
    specCommand(
      verify,
      LEDGER_VERIFY_OPTIONS,
      [t('help.ledger.after')],
      async () => (await import('./action.js')).ledgerVerifyAction,
    ),
  );
}
