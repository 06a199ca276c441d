/** Wires the commands into one commander program. Nothing else lives here. */
import { Command, Option } from 'commander';
import { estimateCommand } from './commands/estimate.js';
import { evaluateCommand } from './commands/evaluate.js';
import { fundsCommand } from './commands/funds.js';
import { generateCommand } from './commands/generate.js';
import { inspectCommand } from './commands/inspect.js';
import { ledgerCommand } from './commands/ledger.js';
import { monthlyCommand } from './commands/monthly.js';
import { sqlCommand } from './commands/sql.js';
import { verifyCommand } from './commands/verify.js';
import { TOOL_VERSION } from './version.js';

export function buildProgram(): Command {
  const program = new Command('spotcheck')
    .description(
      'Reproducible, verifiable random spot checks of a poverty-alleviation household registry (建档立卡).\n' +
        'Every draw comes from a public seed by SHA-256 tickets; anyone with the registry and the manifest can re-run it.',
    )
    .version(TOOL_VERSION, '-V, --version')
    .addOption(new Option('--lang <lang>', 'language of the terminal summaries: zh-CN or en (default: from LC_ALL / LANG); may follow any command'))
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('after', '\nStart with:\n  $ spotcheck inspect fixtures/demo-registry.csv\n  $ spotcheck monthly fixtures/demo-registry.csv --month 2026-11 --seed "2026-11 public draw"\n');
  for (const command of [monthlyCommand(), fundsCommand(), evaluateCommand(), estimateCommand(), verifyCommand(), inspectCommand(), ledgerCommand(), generateCommand(), sqlCommand()]) program.addCommand(command);
  return program;
}
