/** `spotcheck sql`: prints SQL that makes the monthly (or evaluation) draw inside DuckDB or PostgreSQL. Its options are in ./spec.ts, what it does in ./action.ts. */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { SQL_OPTIONS } from './spec.js';

export function sqlCommand(): Command {
  return specCommand(
    headCommand('sql'),
    SQL_OPTIONS,
    [t('help.sql.after')],
    async () => (await import('./action.js')).sqlAction,
  );
}
