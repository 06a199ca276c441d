/**
 * Each command's head: its name, the catalogue keys of its summary and description, its arguments
 * and whether it takes options. The one definition of these: a command's index.ts starts from its
 * head (headCommand) and adds its options and help, and the root help (`spotcheck --help`, `help`,
 * an unknown command's "did you mean") is built from the heads alone (src/cli.ts), so that it loads
 * no command's module and no option spec. test/repo/startup.test.ts checks each head against its command.
 */
import { Command } from 'commander';
import { type MessageKey, t } from '../i18n.js';

interface CommandHead {
  readonly summary: MessageKey;
  readonly description: MessageKey;
  /** Its arguments as commander writes them ('<registry...>') and their help keys, in order. */
  readonly arguments: readonly (readonly [term: string, description: MessageKey])[];
  /** Whether it takes options of its own: the root help writes " [options]" after its name then, as commander does. */
  readonly options: boolean;
}

const REGISTRIES = [['<registry...>', 'help.shared.registryFiles']] as const;

/** The commands, in the order the root help lists them. */
const COMMAND_HEADS = {
  init: { summary: 'help.init.summary', description: 'help.init.description', arguments: [], options: true },
  monthly: {
    summary: 'help.monthly.summary',
    description: 'help.monthly.description',
    arguments: [['<registry...>', 'help.monthly.registry']],
    options: true,
  },
  funds: { summary: 'help.funds.summary', description: 'help.funds.description', arguments: REGISTRIES, options: true },
  'plan-sample': {
    summary: 'help.planSample.summary',
    description: 'help.planSample.description',
    arguments: [],
    options: true,
  },
  evaluate: {
    summary: 'help.evaluate.summary',
    description: 'help.evaluate.description',
    arguments: REGISTRIES,
    options: true,
  },
  commit: { summary: 'help.commit.summary', description: 'help.commit.description', arguments: [], options: false },
  estimate: {
    summary: 'help.estimate.summary',
    description: 'help.estimate.description',
    arguments: [['<frame>', 'help.estimate.frame']],
    options: true,
  },
  findings: {
    summary: 'help.findings.summary',
    description: 'help.findings.description',
    arguments: [['<draw...>', 'help.findings.draws']],
    options: true,
  },
  verify: {
    summary: 'help.verify.summary',
    description: 'help.verify.description',
    arguments: [['<manifest>', 'help.verify.manifest']],
    options: true,
  },
  inspect: {
    summary: 'help.inspect.summary',
    description: 'help.inspect.description',
    arguments: REGISTRIES,
    options: true,
  },
  ledger: { summary: 'help.ledger.summary', description: 'help.ledger.description', arguments: [], options: false },
  generate: {
    summary: 'help.generate.summary',
    description: 'help.generate.description',
    arguments: [],
    options: true,
  },
  sql: { summary: 'help.sql.summary', description: 'help.sql.description', arguments: [], options: true },
} as const satisfies Readonly<Record<string, CommandHead>>;

export type CommandName = keyof typeof COMMAND_HEADS;

/** The command's names, in the root help's order. */
export const COMMAND_NAMES = Object.keys(COMMAND_HEADS) as readonly CommandName[];

/** The command as its head says, in the current language: no options, help text or action yet. */
export function headCommand(name: CommandName): Command {
  const head: CommandHead = COMMAND_HEADS[name];
  const command = new Command(name).summary(t(head.summary)).description(t(head.description));
  for (const [term, description] of head.arguments) command.argument(term, t(description));
  return command;
}

/** How the root help lists a command: its name, " [options]" if it takes options, its arguments (commander's layout). */
export function headTerm(name: CommandName): string {
  const head: CommandHead = COMMAND_HEADS[name];
  return [name, ...(head.options ? ['[options]'] : []), ...head.arguments.map(([term]) => term)].join(' ');
}
