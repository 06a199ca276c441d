/** `spotcheck ledger verify`: check a draw ledger's chain and list repeated draws. Its options are in ./spec.ts. */
import { Command } from 'commander';
import { checkLedger } from '../../core/ledger.js';
import { showSeed } from '../../core/seed.js';
import { readLedger } from '../../io/ledger.js';
import { styleFor } from '../../render/style.js';
import { t } from '../../i18n.js';
import { json, writeStdout } from '../_shared/draw.js';
import { addOptions, normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
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
            problems: check.problems,
            repeats: check.repeats,
          }),
        );
      } else {
        const style = styleFor(process.stdout);
        const lines = [t('ledger.entries', { file, n: check.entries })];
        const broken = style.red(t('cmd.ledger.brokenLabel'));
        for (const problem of check.problems)
          lines.push(`${broken} ${t('cmd.ledger.problem', { line: problem.line, message: problem.message })}`);
        if (named?.found)
          lines.push(t('seed.ledger.headAt', { head: named.hash, sequence: named.sequence!, line: named.line! }));
        else if (named !== null && named.sequence !== null)
          lines.push(`${broken} ${t('seed.ledger.headInBrokenChain', { head: named.hash, sequence: named.sequence })}`);
        else if (named !== null) lines.push(`${broken} ${t('seed.ledger.headNotEntry', { head: named.hash })}`);
        for (const repeat of check.repeats) {
          const what = [
            repeat.draw.command,
            repeat.draw.month,
            repeat.draw.level,
            repeat.draw.scope || t('cmd.ledger.wholeRegistry'),
          ]
            .filter((part) => part !== null)
            .join(' · ');
          const label = repeat.differentSeeds
            ? style.yellow(t('cmd.ledger.repeatFlaggedLabel'))
            : t('cmd.ledger.repeatLabel');
          lines.push(
            `${label} ${t(repeat.differentSeeds ? 'cmd.ledger.repeatDifferentSeeds' : 'cmd.ledger.repeatSameSeed', { what, times: repeat.entries.length })}`,
          );
          for (const entry of repeat.entries) {
            lines.push(
              `    ${t('cmd.ledger.repeatEntry', { line: entry.line, sequence: entry.sequence, time: entry.time, seed: showSeed(entry.seed), manifest: entry.manifest_sha256.slice(0, 16) })}`,
            );
          }
        }
        lines.push(
          ok
            ? style.green(t('ledger.intact', { n: check.head.sequence, hash: check.head.hash }))
            : style.red.bold(t('ledger.broken')),
        );
        await writeStdout(`${lines.join('\n')}\n`);
      }
      if (!ok) process.exitCode = 1;
    });
  return new Command('ledger')
    .summary(t('help.ledger.summary'))
    .description(t('help.ledger.description'))
    .addCommand(verify);
}
