/** The flags that allow an excluded draw of another registry or month (monthly, funds). */
import { t } from '../../i18n.js';
import { flag } from './optionSpec.js';

export const EXCLUSION_FLAGS = {
  excludeOtherRegistry: flag({ flags: '--exclude-other-registry', help: 'help.exclusions.otherRegistry' }),
  excludeOtherMonth: flag({ flags: '--exclude-other-month', help: 'help.exclusions.otherMonth' }),
} as const;

/** The help's note on what excluding a draw costs (after the options of a command that excludes). */
export const exclusionCostNote = (): string => t('help.exclusions.reproduceCost');
