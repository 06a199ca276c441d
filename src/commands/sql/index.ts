/** `spotcheck sql`: prints SQL that makes the monthly (or evaluation) draw inside DuckDB or PostgreSQL. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { addOptions, type RawOptions } from '../_shared/optionSpec.js';
import { SQL_OPTIONS } from './spec.js';

export function sqlCommand(): Command {
  const command = headCommand('sql');
  addOptions(command, SQL_OPTIONS).addHelpText('after', t('help.sql.after'));
  return command.action(async (raw: RawOptions) => (await import('./action.js')).sqlAction(raw));
}
