/** `spotcheck ledger verify`: check a draw ledger's chain and list repeated draws. */
import { Command, Option } from 'commander';
import { checkLedger } from '../core/ledger.js';
import { SpotcheckError } from '../errors.js';
import { readLedger } from '../io/ledger.js';
import { styleFor } from '../render/style.js';
import { t } from '../i18n.js';
import { singleOption } from '../options.js';
import { json, writeStdout } from './shared.js';

const HELP = `
What it does:
  A ledger is the file given to \`monthly --ledger FILE\` or \`evaluate --ledger FILE\`: one JSON line
  per draw (time, tool and algorithm version, parameters, seed, input and output hashes, manifest
  hash), each holding the SHA-256 of the line before it. \`ledger verify\` recomputes every hash and
  link: an edited, deleted, inserted or re-ordered line breaks the chain and is named by line.
  It then lists repeated draws: the same command, month, level and scope drawn more than once,
  flagged when the seeds differ (a re-draw until the sample suits someone).
  Deleting the newest lines cannot break a chain; publish the head hash it prints (for example on
  the draw's public notice) and check against it later with --head.

Exit codes: 0 intact (repeats are listed, not failed) · 1 broken chain, or --head not matched ·
2 unreadable ledger.

Cost: reads the ledger once (a few hundred bytes per draw).

Examples:
  $ spotcheck ledger verify draws-2026.ledger
  $ spotcheck ledger verify draws-2026.ledger --head 3f1c…  --json
`;

export function ledgerCommand(): Command {
  const verify = new Command('verify')
    .summary('check a draw ledger: the SHA-256 chain, and draws repeated for the same month and scope')
    .description('Check a draw ledger: every entry hash and link, and list draws repeated for the same command, month, level and scope.')
    .argument('<file>', 'the ledger file')
    .addOption(singleOption('--head <sha256>', 'the head hash published earlier: the ledger must contain it (entries deleted from the end are caught)'))
    .addOption(new Option('--json', 'print the result as JSON: { intact, entries, head, problems, repeats }'))
    .addHelpText('after', HELP)
    .action(async (file: string, raw: { head?: string; json?: boolean }) => {
      const head = raw.head?.trim().toLowerCase() ?? null;
      if (head !== null && !/^[0-9a-f]{64}$/.test(head)) throw new SpotcheckError('USAGE', `--head must be a SHA-256 in hex (64 characters 0-9a-f), got "${raw.head}"`);
      const text = await readLedger(file, true);
      const check = checkLedger(text);
      const headFound = head === null ? null : text.includes(`"entry_sha256":"${head}"`);
      const ok = check.intact && headFound !== false;
      if (raw.json) {
        await writeStdout(json({ intact: check.intact, ...(head === null ? {} : { head_found: headFound }), entries: check.entries, head: check.head, problems: check.problems, repeats: check.repeats }));
      } else {
        const style = styleFor(process.stdout);
        const lines = [t('ledger.entries', { file, n: check.entries })];
        for (const problem of check.problems) lines.push(`${style.red('BROKEN')} line ${problem.line}: ${problem.message}`);
        if (headFound === false) lines.push(`${style.red('BROKEN')} the published head ${head} is not in the ledger (entries were deleted or the ledger replaced)`);
        for (const repeat of check.repeats) {
          const what = [repeat.draw.command, repeat.draw.month, repeat.draw.level, repeat.draw.scope ?? 'whole registry'].filter((part) => part !== null).join(' · ');
          lines.push(`${repeat.differentSeeds ? style.yellow('REPEAT') : 'repeat'} ${what}: drawn ${repeat.entries.length} times${repeat.differentSeeds ? ' with different seeds' : ' with the same seed'}`);
          for (const entry of repeat.entries) lines.push(`    line ${entry.line} #${entry.sequence} ${entry.time} seed "${entry.seed}" manifest ${entry.manifest_sha256.slice(0, 16)}…`);
        }
        lines.push(ok ? style.green(t('ledger.intact', { n: check.head.sequence, hash: check.head.hash })) : style.red.bold(t('ledger.broken')));
        await writeStdout(`${lines.join('\n')}\n`);
      }
      if (!ok) process.exitCode = 1;
    });
  return new Command('ledger').summary('check a draw ledger (see `ledger verify --help`)').description('Work with a draw ledger written by --ledger.').addCommand(verify);
}
