/** The flags that allow an excluded draw of another registry or month (monthly, funds). */
import { Option, type Command } from 'commander';
import { t } from '../../i18n.js';

export function addExclusionFlags(command: Command): Command {
  return command
    .addOption(new Option('--exclude-other-registry', t('help.exclusions.otherRegistry')))
    .addOption(new Option('--exclude-other-month', t('help.exclusions.otherMonth')))
    .addHelpText('after', t('help.exclusions.reproduceCost'));
}

export function exclusionFlags(raw: { excludeOtherRegistry?: boolean; excludeOtherMonth?: boolean }): {
  excludeOtherRegistry: boolean;
  excludeOtherMonth: boolean;
} {
  return { excludeOtherRegistry: raw.excludeOtherRegistry === true, excludeOtherMonth: raw.excludeOtherMonth === true };
}
