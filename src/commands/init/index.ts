/**
 * `spotcheck init`: sets a committee up in one command by writing its plan file
 * (spotcheck.config.json, or --plan FILE), which the draws then read (src/io/plan.ts). Its options
 * are in ./spec.ts, what it does in ./action.ts; every value is checked as a draw checks it.
 */
import type { Command } from 'commander';
import { t } from '../../i18n.js';
import { headCommand } from '../heads.js';
import { specCommand } from '../_shared/optionSpec.js';
import { INIT_OPTIONS } from './spec.js';

export function initCommand(): Command {
  return specCommand(
    headCommand('init'),
    INIT_OPTIONS,
    [t('help.init.after')],
    async () => (await import('./action.js')).initAction,
  );
}
