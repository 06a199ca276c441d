/**
 * The entry point: runs the program and is the one place that catches errors. A SpotcheckError is
 * printed as one clear message (no stack trace) and mapped to its exit code; anything else is a bug.
 */
import { CommanderError } from 'commander';
import { buildProgram } from './cli.js';
import { EXIT_CODES, SpotcheckError } from './errors.js';

export async function run(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
  program.exitOverride();
  for (const command of program.commands) command.exitOverride();
  const wantsJson = argv.includes('--json');
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    if (error instanceof CommanderError) {
      // commander has already printed its message (or the help / version).
      return error.exitCode === 0 ? 0 : EXIT_CODES.USAGE;
    }
    if (error instanceof SpotcheckError) {
      process.stderr.write(`spotcheck: error: ${error.describe()}\n`);
      if (wantsJson) process.stdout.write(`${JSON.stringify({ error: error.toJSON() }, null, 2)}\n`);
      return error.exitCode;
    }
    process.stderr.write(`spotcheck: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
    return EXIT_CODES.INTERNAL;
  }
}

export function runFromProcess(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
  });
  void run(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
