/**
 * The entry point: runs the program and is the one place that catches errors. A SpotcheckError is
 * printed as one clear message (no stack trace) and mapped to its exit code; anything else is a bug.
 */
import { type Command, CommanderError } from 'commander';
import { buildProgram, commanderErrorText, commanderMessage } from './cli.js';
import { completedWork, errorLine, EXIT_CODES, SpotcheckError } from './errors.js';
import { escapeTerminal } from './core/safeText.js';
import { langFromEnvironment, msg, resetLanguage, setLanguage, t } from './i18n.js';
import { parseLang } from './lang.js';
import { cleanUpModuleState, resetModuleState } from './runState.js';

/**
 * Clears what a run keeps in module state (language, completed work, and what the modules a run
 * loaded registered in src/runState.ts: a plan's reveal_ids, draws found to reproduce, files to
 * remove on interrupt), so that run() can be called again in one process
 * (the tests call it in-process) and behave as in a fresh one.
 */
function resetRunState(): void {
  resetLanguage();
  resetModuleState();
  completedWork.note = null;
}

/** With --json, errors are also printed on stdout as JSON (verify adds "verified": false). */
function printJsonError(argv: readonly string[], error: Record<string, unknown>): void {
  const payload = argv[0] === 'verify' ? { verified: false, error } : { error };
  process.stdout.write(`${JSON.stringify(payload, null, 2)}\n`);
}

/**
 * Takes --lang VALUE (or --lang=VALUE) out of the arguments, wherever it stands, and sets the
 * language (else the environment's), before commander parses: so that it may follow any command.
 */
function takeLanguage(argv: readonly string[]): string[] {
  const rest: string[] = [];
  setLanguage(langFromEnvironment(process.env), 'environment');
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index]!;
    if (arg === '--') {
      rest.push(...argv.slice(index));
      break;
    }
    if (arg === '--lang' || arg.startsWith('--lang=')) {
      const value = arg === '--lang' ? argv[++index] : arg.slice('--lang='.length);
      if (value === undefined) throw new SpotcheckError('USAGE', msg('lang.missing'));
      setLanguage(parseLang(value), 'command line');
      continue;
    }
    rest.push(arg);
  }
  return rest;
}

/** The dashes a Chinese input method types for "-": hyphens, en and em dashes, minus, small and full-width hyphen-minus. */
const LEADING_DASHES = /^[-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+/;

/**
 * The option an argument was meant to be when a Chinese input method typed it ("——month",
 * "－－month", "—month", "--ｍｏｎｔｈ" are --month), or null when it is not one: its dashes and
 * letters are not all ASCII, and once made ASCII its name is an option's name.
 */
function optionTypedWide(arg: string): string | null {
  const dashes = LEADING_DASHES.exec(arg)?.[0];
  if (dashes === undefined) return null;
  const name = arg.slice(dashes.length).split(/[=\uff1d]/)[0]!;
  const ascii = name.replace(/[\uff01-\uff5e]/g, (wide) => String.fromCharCode(wide.charCodeAt(0) - 0xfee0));
  if (!/^[A-Za-z][A-Za-z0-9-]*$/.test(ascii) || (/^-+$/.test(dashes) && ascii === name)) return null;
  return ascii.length === 1 ? `-${ascii}` : `--${ascii}`;
}

/** Options whose value is free text, published as typed. */
const FREE_TEXT_OPTIONS: ReadonlySet<string> = new Set([
  '--seed',
  '--seed-source',
  '--seed-procedure',
  '--redraw-reason',
]);

/**
 * Refuses, before commander parses, an option typed with a Chinese input method, which commander
 * would take for a file name: refused and not corrected, so that a draw is made with what was typed.
 */
function refuseOptionsTypedWide(argv: readonly string[]): void {
  for (const [index, arg] of argv.entries()) {
    if (arg === '--') return;
    // The value of an option of free text (a seed may begin with a dash of any kind) is not an option.
    if (index > 0 && FREE_TEXT_OPTIONS.has(argv[index - 1]!)) continue;
    const option = optionTypedWide(arg);
    if (option !== null)
      throw new SpotcheckError('USAGE', msg('options.typedWide', { got: arg, option }), {
        hint: msg('options.typedWideHint'),
      });
  }
}

/** A word of a seed typed without quotes, which commander took for a registry: no option, no path, no extension. */
const SEED_WORD = /^[^-./\\][^./\\]*$/;

/**
 * withSeedQuoteHint: a registry that does not exist and is one of the words after --seed's value
 * ("--seed 2026-12 彝良县纪委 公开摇号 5 8 1" typed without quotes) gets a hint showing the seed
 * quoted, in place of "check the path".
 */
function withSeedQuoteHint(error: SpotcheckError, argv: readonly string[]): SpotcheckError {
  const file = error.context.file;
  if (error.id !== 'io.registry.unreadable' || error.context.hint?.id !== 'io.registry.checkPathHint') return error;
  const at = argv.findIndex((arg) => arg === '--seed' || arg.startsWith('--seed='));
  if (at < 0 || file === undefined) return error;
  const value = argv[at] === '--seed' ? argv[at + 1] : argv[at]!.slice('--seed='.length);
  const words: string[] = [];
  for (let index = argv[at] === '--seed' ? at + 2 : at + 1; SEED_WORD.test(argv[index] ?? '.'); index++)
    words.push(argv[index]!);
  if (value === undefined || !words.includes(file)) return error;
  const seed = [value, ...words].join(' ');
  return new SpotcheckError(error.code, error.fact, {
    ...error.context,
    hint: msg('io.registry.seedWordsHint', { file, seed }),
  });
}

export async function run(argvGiven: readonly string[]): Promise<number> {
  resetRunState();
  const wantsJson = argvGiven.includes('--json');
  let argv: string[];
  try {
    argv = takeLanguage(argvGiven);
    refuseOptionsTypedWide(argv);
  } catch (error) {
    const spotcheckError = error as SpotcheckError;
    process.stderr.write(errorLine(spotcheckError.describe()));
    if (wantsJson) printJsonError(argvGiven, spotcheckError.toJSON());
    return spotcheckError.exitCode;
  }
  const outputError = (text: string, write: (text: string) => void) => write(commanderErrorText(text));
  // Every command, nested ones too (ledger verify), ends by throwing and prints errors our way.
  const configure = (command: Command): void => {
    command.exitOverride().configureOutput({ outputError });
    for (const subcommand of command.commands) configure(subcommand);
  };
  try {
    // Inside the one catch: a command's module is loaded here (src/cli.ts), and may fail to load.
    const program = await buildProgram(argv);
    configure(program);
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or the help / version).
      if (error.exitCode !== 0 && wantsJson) {
        const { id, text } = commanderMessage(error.message);
        printJsonError(argv, { code: 'USAGE', ...(id === null ? {} : { id }), message: text });
      }
      return error.exitCode === 0 ? 0 : EXIT_CODES.USAGE;
    }
    if (error instanceof SpotcheckError) {
      const said = withSeedQuoteHint(error, argv);
      process.stderr.write(errorLine(said.describe()));
      if (wantsJson) printJsonError(argv, said.toJSON());
      return said.exitCode;
    }
    process.stderr.write(
      escapeTerminal(`spotcheck: ${t('error.internal')}: ${(error as Error)?.stack ?? String(error)}\n`),
    );
    return EXIT_CODES.INTERNAL;
  } finally {
    // Temporaries a run keeps to its end (pass 1's spilled hashes) go, whatever the outcome.
    cleanUpModuleState();
  }
}

export function runFromProcess(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // A closed pipe (`spotcheck … --json | head`) ends quietly; any other write error is reported.
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(errorLine(t('error.stdout', { reason: error.code ?? error.message })));
    if (completedWork.note !== null) process.stderr.write(`  ${completedWork.note}\n`);
    process.exit(EXIT_CODES.OUTPUT);
  });
  let finished = false;
  // A run whose work stopped without settling (a stream that never ended) must not exit 0 silently.
  process.once('beforeExit', () => {
    if (finished) return;
    process.stderr.write(`spotcheck: ${t('error.internal')}: ${t('error.notFinished')}\n`);
    process.exit(EXIT_CODES.INTERNAL);
  });
  void run(process.argv.slice(2)).then((code) => {
    finished = true;
    process.exitCode = code;
  });
}
