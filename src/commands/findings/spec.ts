/**
 * `spotcheck findings`' options, each defined once (src/commands/_shared/optionSpec.ts), in the
 * order of its help. The draw folders are its arguments.
 */
import { checkDate } from '../../core/findings.js';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { flag, type OptionValues, single, variadic } from '../_shared/optionSpec.js';
import { REGISTRY_OPTIONS, jsonFlag } from '../_shared/options.js';
import { parseMonth } from '../_shared/parse.js';
import { ESTIMATE_OPTIONS } from '../estimate/spec.js';

export const FINDINGS_OPTIONS = {
  returns: variadic({
    flags: '--returns <files...>',
    help: 'help.findings.returns',
    normalise: (raw: string[] | undefined): readonly string[] => {
      if (raw === undefined || raw.length === 0) throw new SpotcheckError('USAGE', msg('cmd.findings.returnsRequired'));
      return Object.freeze([...raw]);
    },
  }),
  /** The month the checks must be dated in; null: each draw's own month. */
  month: single({
    flags: '--month <YYYY-MM>',
    help: 'help.findings.month',
    normalise: (raw: string | undefined) => (raw === undefined ? null : parseMonth(raw)),
  }),
  encoding: { ...REGISTRY_OPTIONS.encoding, help: 'help.findings.encoding' },
  /** The committee's list of 问题类别 (a text file, one a line); null: categories are counted, not checked. */
  categories: single({
    flags: '--categories <file>',
    help: 'help.findings.categories',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  /** A folder of earlier months' findings JSON; null: no trend. */
  history: single({
    flags: '--history <dir>',
    help: 'help.findings.history',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  /** The folder this month's findings JSON is written into (findings-YYYY-MM.json); null: none written. */
  out: single({
    flags: '--out <dir>',
    help: 'help.findings.out',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  /** The report page written (src/render/findingsReport.ts); null: none. */
  html: single({
    flags: '--html <file>',
    help: 'help.findings.html',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  /** The report workbook written (issue 18, third part); null: none. */
  xlsx: single({
    flags: '--xlsx <file>',
    help: 'help.findings.xlsx',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  /** Last month's report workbook, its follow-up columns read back; null: none. */
  followUp: single({
    flags: '--follow-up <file>',
    help: 'help.findings.followUp',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  /** The follow-up's reference date (YYYY-MM-DD); null: the end of the run's month. */
  asOf: single({
    flags: '--as-of <YYYY-MM-DD>',
    help: 'help.findings.asOf',
    normalise: (raw: string | undefined) => {
      if (raw === undefined) return null;
      const day = /^\d{4}-\d{2}-\d{2}$/.test(raw.trim()) ? checkDate(raw) : null;
      if (day === null) throw new SpotcheckError('USAGE', msg('cmd.findings.asOfFormat', { got: raw }));
      return day;
    },
  }),
  /** How the problem rate's 95% interval is made: estimate's --interval, defined there once. */
  interval: { ...ESTIMATE_OPTIONS.interval, help: 'help.findings.interval' },
  revealIds: flag({ flags: '--reveal-ids', help: 'help.findings.revealIds' }),
  json: jsonFlag('help.findings.json'),
} as const;

/** The normalised options of a findings run. */
export type FindingsOptions = OptionValues<typeof FINDINGS_OPTIONS>;
