/** `spotcheck ledger verify`: check a draw ledger's chain and list repeated draws. Its options are in ./spec.ts. */
import { Command } from 'commander';
import { checkLedger } from '../../core/ledger.js';
import { readLedger } from '../../io/ledger.js';
import { styleFor } from '../../render/style.js';
import { t, word } from '../../i18n.js';
import { json, writeStdout } from '../_shared/draw.js';
import { addOptions, normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { LEDGER_VERIFY_OPTIONS } from './spec.js';
import { ledgerSummary } from './summary.js';

export function ledgerCommand(): Command {
  const verify = addOptions(
    new Command('verify')
      .summary(t('help.ledger.verify.summary'))
      .description(t('help.ledger.verify.description'))
      .argument('<file>', t('help.ledger.verify.file')),
    LEDGER_VERIFY_OPTIONS,
  )
    .addHelpText('after', t('help.ledger.after'))
    .action(async (file: string, raw: RawOptions) => {
      const options = normaliseOptions(LEDGER_VERIFY_OPTIONS, raw);
      const text = await readLedger(file, true);
      const check = checkLedger(text, options.head);
      const named = check.publishedHead;
      const headFound = named === null ? null : named.found;
      const ok = check.intact && headFound !== false;
      if (options.json) {
        await writeStdout(
          json({
            intact: check.intact,
            ...(named === null ? {} : { head_found: named.found, head_sequence: named.found ? named.sequence : null }),
            entries: check.entries,
            head: check.head,
            problems: check.problems.map((problem) => ({ ...problem, message: word(problem.message) })),
            repeats: check.repeats,
          }),
        );
      } else {
        await writeStdout(ledgerSummary(file, check, ok, styleFor(process.stdout), options.timeZone));
      }
      if (!ok) process.exitCode = 1;
    });
  return new Command('ledger')
    .summary(t('help.ledger.summary'))
    .description(t('help.ledger.description'))
    .addCommand(verify);
}
