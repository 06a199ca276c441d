/**
 * `spotcheck commit [monthly|evaluate|funds] REGISTRY… [the draw's options] --seed-procedure TEXT`:
 * the commitment to publish before a draw's seed exists (docs/algorithm.md, "Commitments").
 *
 * Each subcommand takes the options of its draw command, taken from that command itself (so each
 * option is defined once), less --seed and the draw's output options; they are normalised by the
 * draw's own function. The registry is then read and drawn in full with a placeholder seed (pass 1
 * checks it; the trial's sample is thrown away, never shown), and the commitment is that draw's
 * manifest less what the seed decides: exactly what the later draw's manifest will record.
 */
import { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { evaluateCommand } from '../evaluate/index.js';
import { fundsCommand } from '../funds/index.js';
import { monthlyCommand } from '../monthly/index.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import type { Kind } from './action.js';
import { COMMIT_OPTIONS } from './spec.js';

/** The draw's options that a commitment does not take: the seed, and where and how outputs go. */
const DRAW_ONLY = [
  '--seed',
  '--seed-source',
  '--redraw-reason',
  '--out',
  '--force',
  '--notice',
  '--xlsx',
  '--excel',
  '--reveal-ids',
  '--ledger',
  '--json',
  '--commitment',
  '--notice-title',
  '--problem-categories',
];

/** The draw command whose options each kind of commitment takes. */
const DRAW_COMMANDS: Readonly<Record<Kind, () => Command>> = {
  monthly: monthlyCommand,
  evaluate: evaluateCommand,
  funds: fundsCommand,
};

/** One `commit` subcommand: the draw command's own options, less those a commitment does not take, and commit's. */
function commitSubcommand(kind: Kind): Command {
  const draw = DRAW_COMMANDS[kind]();
  const command = new Command(kind)
    .summary(t(`help.commit.${kind}`))
    .description(t('help.commit.subDescription', { command: kind }))
    .argument('<registry...>', t('help.commit.registry'));
  for (const option of draw.options) if (!DRAW_ONLY.includes(option.long ?? '')) command.addOption(option);
  return addOptions(command, COMMIT_OPTIONS).action(async (registries: string[], raw: RawOptions) =>
    (await import('./action.js')).commitAction(kind, registries, raw),
  );
}

export function commitCommand(): Command {
  const command = headCommand('commit').addHelpText('after', t('help.commit.after'));
  command.addCommand(commitSubcommand('monthly'), { isDefault: true });
  command.addCommand(commitSubcommand('evaluate'));
  command.addCommand(commitSubcommand('funds'));
  return command;
}
