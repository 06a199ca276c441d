/**
 * `spotcheck init`'s options, each defined once (src/commands/_shared/optionSpec.ts). The values it
 * writes are checked by the very options the draws take (their `normalise`), so a plan init writes
 * is one the draws accept; only what makes init a setup is its own: the committee and the level are
 * required, the scope is required below province, and the output defaults are on unless turned off.
 */
import { levelName, type Level } from '../../core/scope.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { DEFAULT_PLAN } from '../../io/defaults.js';
import { flag, type OptionValues, single } from '../_shared/optionSpec.js';
import { COMMITTEE_OPTIONS, drawOutputOptions, forceFlag, jsonFlag, REGISTRY_OPTIONS } from '../_shared/options.js';
import { parseSettingText } from '../_shared/parse.js';
import { MONTHLY_PLAN_OPTIONS } from '../monthly/spec.js';

const { ledger, seedSource } = drawOutputOptions('help.monthly.out');

export const INIT_OPTIONS = {
  committee: single({
    flags: COMMITTEE_OPTIONS.committee.flags,
    help: COMMITTEE_OPTIONS.committee.help,
    normalise: (raw: string | undefined, given): string => {
      if (raw === undefined) throw new SpotcheckError('USAGE', msg('cmd.init.committeeRequired'));
      return COMMITTEE_OPTIONS.committee.normalise(raw, given) ?? '';
    },
  }),
  level: single({
    flags: MONTHLY_PLAN_OPTIONS.level.flags,
    help: 'help.init.level',
    normalise: (raw: string | undefined, given): Level => {
      if (raw === undefined) throw new SpotcheckError('USAGE', msg('cmd.init.levelRequired'));
      return MONTHLY_PLAN_OPTIONS.level.normalise(raw, given);
    },
  }),
  scope: single({
    flags: MONTHLY_PLAN_OPTIONS.scope.flags,
    help: 'help.init.scope',
    // The level is checked first, by its own option; the scope against the registry at the first draw.
    normalise: (raw: string | undefined, given): string | null => {
      const level = MONTHLY_PLAN_OPTIONS.level.normalise(String(given.level ?? 'province'), given);
      if (level === 'province') {
        if (raw !== undefined) throw new SpotcheckError('USAGE', msg('cmd.init.scopeAtProvince', { got: raw }));
        return null;
      }
      if (raw === undefined)
        throw new SpotcheckError('USAGE', msg('cmd.init.scopeRequired', { level: levelName(level) }));
      return parseSettingText('--scope', raw);
    },
  }),
  timeZone: COMMITTEE_OPTIONS.timeZone,
  noticeTitle: MONTHLY_PLAN_OPTIONS.noticeTitle,
  problemCategories: COMMITTEE_OPTIONS.problemCategories,
  complaintLine: COMMITTEE_OPTIONS.complaintLine,
  encoding: REGISTRY_OPTIONS.encoding,
  ledger: { ...ledger, help: 'help.init.ledger' },
  seedSource: { ...seedSource, help: 'help.init.seedSource' },
  xlsx: flag({ flags: '--no-xlsx', help: 'help.init.noXlsx', normalise: (raw: boolean | undefined) => raw !== false }),
  excel: flag({
    flags: '--no-excel',
    help: 'help.init.noExcel',
    normalise: (raw: boolean | undefined) => raw !== false,
  }),
  planFile: single({
    flags: '--plan <file>',
    help: () => t('help.init.plan', { file: DEFAULT_PLAN }),
    normalise: (raw: string | undefined) => raw ?? DEFAULT_PLAN,
  }),
  force: forceFlag('help.init.force'),
  json: jsonFlag('help.init.json'),
} as const;

export type InitOptions = OptionValues<typeof INIT_OPTIONS>;
