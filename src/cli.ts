/**
 * Wires the commands into one commander program, in the chosen language: the help's headings, the
 * help and version options and commander's own errors come from the message catalogue too.
 */
import { Command, Help, Option } from 'commander';
import { msg, t, word, type Message, type MessageKey } from './i18n.js';
import { displayWidth } from './core/textLayout.js';
import { errorLine } from './errors.js';
import { COMMAND_NAMES, type CommandName, headCommand, headTerm } from './commands/heads.js';
import { TOOL_VERSION } from './version.js';

const TITLES: Readonly<Record<string, MessageKey>> = {
  'Usage:': 'help.title.Usage:',
  'Options:': 'help.title.Options:',
  'Commands:': 'help.title.Commands:',
  'Arguments:': 'help.title.Arguments:',
  'Global Options:': 'help.title.Global Options:',
};

const WIDE = '\\u2e80-\\ua4cf\\uff00-\\uff60';
/**
 * A word, or one wide character (汉字 may break anywhere), with the spaces before it; opening
 * brackets stay with what follows and closing punctuation with what precedes (no line starts
 * with ）or 。).
 */
const WRAP_CHUNK = new RegExp(
  `\\s*[（“‘《【(]*(?:[${WIDE}]|[^\\s${WIDE}]+)(?:[）”’》】，。、；：！？)]|[,.;:!?"'](?=[\\s）”’》】，。、；：！？)]|$))*`,
  'gu',
);

/**
 * Commander's help layout with its headings and "(default: …)" / "(choices: …)" in the current
 * language, widths counted in terminal columns (汉字 take two) and Chinese text wrapped between
 * characters, since it has no spaces to wrap at.
 */
const HELP_CONFIGURATION: Partial<Help> = {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ESC starts the SGR colour sequences removed before measuring width
  displayWidth: (text: string) => displayWidth(text.replace(/\x1b\[[0-9;]*m/g, '')),
  boxWrap(text: string, width: number): string {
    if (width < (this.minWidthToWrap ?? 40)) return text;
    const lines: string[] = [];
    for (const line of text.split(/\r?\n/)) {
      let current = '';
      for (const chunk of line.match(WRAP_CHUNK) ?? []) {
        if (current !== '' && displayWidth(current + chunk) > width) {
          lines.push(current);
          current = chunk.trimStart();
        } else current += chunk;
      }
      lines.push(current);
    }
    return lines.join('\n');
  },
  styleTitle: (title: string) => (TITLES[title] === undefined ? title : t(TITLES[title])),
  optionDescription(option: Option): string {
    return Help.prototype.optionDescription
      .call(this, option)
      .replace(/ \(default: (.*)\)$/, (_whole, value: string) => t('help.default', { value }))
      .replace(/ \(choices: (.*)\)$/, (_whole, values: string) => t('help.choices', { values }));
  },
};

/** Sets the help chrome of a command and of its subcommands, which commander does not inherit through addCommand. */
function localise(command: Command): void {
  command
    .configureHelp(HELP_CONFIGURATION)
    .helpOption('-h, --help', t('help.program.help'))
    .showHelpAfterError(t('help.program.afterError'));
  if (command.commands.length > 0) command.helpCommand('help [command]', t('help.program.helpCommand'));
  for (const subcommand of command.commands) localise(subcommand);
}

/**
 * Each command's module, loaded only when it is needed: a command's module brings its options and
 * help (its run code is loaded by its action), so that `--version` loads none and a command loads
 * only its own. The root help lists the commands from their heads (src/commands/heads.ts) alone.
 */
const COMMANDS: Readonly<Record<CommandName, () => Promise<Command>>> = {
  init: async () => (await import('./commands/init/index.js')).initCommand(),
  monthly: async () => (await import('./commands/monthly/index.js')).monthlyCommand(),
  funds: async () => (await import('./commands/funds/index.js')).fundsCommand(),
  'plan-sample': async () => (await import('./commands/plan-sample/index.js')).planSampleCommand(),
  evaluate: async () => (await import('./commands/evaluate/index.js')).evaluateCommand(),
  commit: async () => (await import('./commands/commit/index.js')).commitCommand(),
  estimate: async () => (await import('./commands/estimate/index.js')).estimateCommand(),
  findings: async () => (await import('./commands/findings/index.js')).findingsCommand(),
  verify: async () => (await import('./commands/verify/index.js')).verifyCommand(),
  inspect: async () => (await import('./commands/inspect/index.js')).inspectCommand(),
  ledger: async () => (await import('./commands/ledger/index.js')).ledgerCommand(),
  generate: async () => (await import('./commands/generate/index.js')).generateCommand(),
  sql: async () => (await import('./commands/sql/index.js')).sqlCommand(),
};

const isCommandName = (name: string | undefined): name is CommandName =>
  name !== undefined && (COMMAND_NAMES as readonly string[]).includes(name);

/**
 * The commands a run needs, from its arguments (--lang already taken out): the one it names first
 * (`monthly …`, `help monthly`); none when it starts with the version option, which commander
 * answers before any command; their heads only when it lists them (no arguments, the help option,
 * `help`, or an unknown command, answered with the names it may have meant); every one in full
 * otherwise (it starts with another option, which commander reads before it finds the command).
 */
function commandsNeeded(argv: readonly string[]): { readonly names: readonly CommandName[]; readonly full: boolean } {
  const [first, second] = argv;
  if (first === '-V' || first === '--version') return { names: [], full: true };
  if (isCommandName(first)) return { names: [first], full: true };
  if (first === 'help' && isCommandName(second)) return { names: [second], full: true };
  const listing = first === undefined || first === '-h' || first === '--help' || !first.startsWith('-');
  return { names: COMMAND_NAMES, full: !listing };
}

/** The root help's layout: each command listed from its head (commander's layout, without the command's options loaded). */
const ROOT_HELP_CONFIGURATION: Partial<Help> = {
  ...HELP_CONFIGURATION,
  subcommandTerm(command: Command): string {
    const name = command.name();
    return isCommandName(name) ? headTerm(name) : Help.prototype.subcommandTerm.call(this, command);
  },
};

/** The program with the commands the arguments need (commandsNeeded). */
export async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command('spotcheck')
    .description(t('help.program.description'))
    .version(TOOL_VERSION, '-V, --version', t('help.program.version'))
    .addOption(new Option('--lang <lang>', t('help.program.lang')))
    .addHelpText('after', t('help.program.after'));
  const { names, full } = commandsNeeded(argv);
  const commands = full ? await Promise.all(names.map((name) => COMMANDS[name]())) : names.map(headCommand);
  for (const command of commands) program.addCommand(command);
  localise(program);
  program.configureHelp(ROOT_HELP_CONFIGURATION);
  return program;
}

/** Commander's error texts, matched by their English wording, and the catalogue message that says each. */
const COMMANDER_ERRORS: readonly [RegExp, (match: RegExpMatchArray) => Message][] = [
  [/^unknown option '(.+?)'/, (match) => msg('commander.unknownOption', { flag: match[1]! })],
  [/^unknown command '(.+?)'/, (match) => msg('commander.unknownCommand', { name: match[1]! })],
  [/^missing required argument '(.+?)'/, (match) => msg('commander.missingArgument', { name: match[1]! })],
  [/^option '(.+?)' argument missing/, (match) => msg('commander.optionMissingArgument', { flags: match[1]! })],
  [/^required option '(.+?)' not specified/, (match) => msg('commander.missingMandatoryOption', { flags: match[1]! })],
  [
    /^too many arguments(?: for '(.+?)')?\. Expected (\d+) arguments? but got (\d+)\./,
    (match) =>
      msg('commander.excessArguments', {
        where: match[1] === undefined ? '' : t('commander.forCommand', { name: match[1] }),
        expected: match[2]!,
        got: match[3]!,
      }),
  ],
];

/**
 * A commander error message ("error: unknown option '--x'\n(Did you mean --y?)") in the current
 * language, with its catalogue key for --json (null for a wording this table does not know, which
 * then passes unchanged).
 */
export function commanderMessage(text: string): { readonly id: string | null; readonly text: string } {
  const [first = '', ...rest] = text
    .replace(/^error: /, '')
    .replace(/\n$/, '')
    .split('\n');
  const rule = COMMANDER_ERRORS.find(([pattern]) => pattern.test(first));
  const head = rule === undefined ? null : rule[1](first.match(rule[0])!);
  const lines = rest.map((line) =>
    line.replace(/^\(Did you mean (one of )?(.+)\?\)$/, (_whole, oneOf: string | undefined, names: string) =>
      t(oneOf ? 'commander.didYouMeanOneOf' : 'commander.didYouMean', { names }),
    ),
  );
  return { id: head?.id ?? null, text: [head === null ? first : word(head), ...lines].join('\n') };
}

/** Commander's error output as spotcheck prints it: "spotcheck: error: …" in the current language; other text unchanged. */
export function commanderErrorText(text: string): string {
  if (!text.startsWith('error: ')) return text;
  return errorLine(commanderMessage(text).text);
}
