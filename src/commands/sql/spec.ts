/**
 * `spotcheck sql`'s options (src/commands/_shared/optionSpec.ts). The draw's options are the very
 * entries of monthly's and evaluate's specs (their flag, check and default), with sql's own help
 * line; an option both modes take normalises by the entry of the mode asked for. The rest (dialect,
 * table, columns, results) are sql's own.
 */
import { SQL_DIALECTS, type SqlDialect } from '../../core/sql/dialect.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { eitherName, flag, formerName, type RawOptions, single } from '../_shared/optionSpec.js';
import { MONTH_OPTION, REGISTRY_OPTIONS, SEED_OPTION } from '../_shared/options.js';
import { parseLayout } from '../_shared/parse.js';
import { EVALUATE_OPTIONS, VILLAGES_NAMES } from '../evaluate/spec.js';
import { MONTHLY_OPTIONS } from '../monthly/spec.js';

/** The draw the SQL makes: monthly's or evaluate's. */
export type SqlMode = 'monthly' | 'evaluate';

const modeOf = (given: RawOptions): SqlMode =>
  String(given.mode ?? 'monthly')
    .trim()
    .toLowerCase() as SqlMode;

/**
 * evaluate's --min-per-stratum and --merge-strata (docs/algorithm.md §14.3–14.3.1), which the SQL
 * does not make: accepted by commander but not listed, so that they are refused by name (not as
 * unknown options) and never silently dropped.
 */
const notInSql = (flagGiven: string) => {
  throw new SpotcheckError('USAGE', msg('cmd.sql.designNotInSql', { flag: flagGiven }));
};

/** Every option of `sql`, in the order of its help. */
export const SQL_OPTIONS = {
  dialect: single({
    flags: '--dialect <name>',
    help: 'help.sql.dialect',
    normalise: (raw: string | undefined): SqlDialect => {
      if (raw === undefined) throw new SpotcheckError('USAGE', msg('cmd.sql.dialectRequired'));
      const value = raw.trim().toLowerCase();
      const dialect = value === 'postgresql' || value === 'psql' ? 'postgres' : value;
      if (!(SQL_DIALECTS as readonly string[]).includes(dialect))
        throw new SpotcheckError('USAGE', msg('cmd.sql.dialectInvalid', { got: raw }));
      return dialect as SqlDialect;
    },
  }),
  mode: single({
    flags: '--mode <mode>',
    help: 'help.sql.mode',
    shownDefault: '"monthly"',
    normalise: (raw: string | undefined, given): SqlMode => {
      const mode = modeOf(given);
      if (mode !== 'monthly' && mode !== 'evaluate')
        throw new SpotcheckError('USAGE', msg('cmd.sql.modeInvalid', { got: String(raw) }));
      return mode;
    },
  }),
  table: single({
    flags: '--table <name>',
    help: 'help.sql.table',
    shownDefault: '"registry"',
    normalise: (raw: string | undefined) => {
      const table = raw ?? 'registry';
      if (table.trim() === '') throw new SpotcheckError('USAGE', msg('cmd.sql.tableEmpty'));
      return table;
    },
  }),
  // Read with --layout and --column by the header rules of CSV files (./action.ts).
  tableColumns: single({
    flags: '--table-columns <list>',
    help: 'help.sql.tableColumns',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  layout: single({
    flags: '--layout <layout>',
    help: 'help.sql.layout',
    shownDefault: () => t('help.sql.layoutDefault'),
    normalise: (raw: string | undefined) => (raw === undefined ? null : parseLayout(raw)),
  }),
  // The registry's --column, naming a table's column rather than a file's header.
  columns: { ...REGISTRY_OPTIONS.columns, flags: '--column <field=Column>', help: 'help.sql.column' },
  divisions: { ...REGISTRY_OPTIONS.divisions, help: 'help.sql.divisions' },
  // Parsed against the mode's results (./action.ts).
  select: single({
    flags: '--select <list>',
    help: 'help.sql.select',
    shownDefault: '"all"',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  assumeNormalised: flag({ flags: '--assume-normalised', help: 'help.sql.assumeNormalised' }),
  month: { ...MONTH_OPTION, help: 'help.sql.month' },
  seed: SEED_OPTION,
  level: { ...MONTHLY_OPTIONS.level, help: 'help.sql.level' },
  scope: { ...MONTHLY_OPTIONS.scope, help: 'help.sql.scope' },
  counties: {
    ...MONTHLY_OPTIONS.counties,
    help: 'help.sql.counties',
    normalise: (raw: string | undefined, given: RawOptions): number | null =>
      modeOf(given) === 'monthly'
        ? MONTHLY_OPTIONS.counties.normalise(raw, given)
        : EVALUATE_OPTIONS.counties.normalise(raw, given),
  },
  // Villages per county in both modes (its former name --villages-per-county, evaluate's, kept hidden).
  villagesPerCounty: {
    ...MONTHLY_OPTIONS.villagesPerCounty,
    help: 'help.sql.villages',
    normalise: (raw: string | undefined, given: RawOptions): number =>
      modeOf(given) === 'monthly'
        ? MONTHLY_OPTIONS.villagesPerCounty.normalise(eitherName(raw, given, VILLAGES_NAMES), given)
        : EVALUATE_OPTIONS.villagesPerCounty.normalise(raw, given),
  },
  households: {
    ...MONTHLY_OPTIONS.householdsPerVillage,
    flags: '--households <n|sizes>',
    help: 'help.sql.households',
    shownDefault: undefined,
    normalise: (raw: string | undefined, given: RawOptions) =>
      modeOf(given) === 'monthly'
        ? MONTHLY_OPTIONS.householdsPerVillage.normalise(raw, given)
        : EVALUATE_OPTIONS.householdsPerStratum.normalise(raw, given),
  },
  villageFrame: { ...MONTHLY_OPTIONS.villageFrame, help: 'help.sql.villageFrame' },
  statuses: { ...MONTHLY_OPTIONS.statuses, help: 'help.sql.statuses' },
  strata: { ...EVALUATE_OPTIONS.strata, help: 'help.sql.strata' },
  allocation: { ...EVALUATE_OPTIONS.allocation, help: 'help.sql.allocation' },
  countySelection: { ...EVALUATE_OPTIONS.countySelection, help: 'help.sql.countySelection' },
  villagesPerCountyFormer: formerName(`${VILLAGES_NAMES.former} <n>`),
  minPerStratum: single({
    flags: '--min-per-stratum <n>',
    help: () => '',
    hidden: true,
    normalise: (raw: string | undefined): void => (raw === undefined ? undefined : notInSql('--min-per-stratum')),
  }),
  mergeStrata: single({
    flags: '--merge-strata',
    help: () => '',
    hidden: true,
    normalise: (raw: string | undefined): void => (raw === undefined ? undefined : notInSql('--merge-strata')),
  }),
  spares: { ...EVALUATE_OPTIONS.spares, help: 'help.sql.spares' },
  nonpoorTable: single({
    flags: '--nonpoor-table <name>',
    help: 'help.sql.nonpoorTable',
    normalise: (raw: string | undefined) => {
      if (raw !== undefined && raw.trim() === '') throw new SpotcheckError('USAGE', msg('cmd.sql.nonpoorTableEmpty'));
      return raw ?? null;
    },
  }),
} as const;

/** The options that apply to one mode only, by attribute (for the message naming those given in the other). */
export const MODE_ONLY: Readonly<Record<SqlMode, ReadonlyArray<readonly [attribute: string, flag: string]>>> = {
  monthly: [
    ['month', '--month'],
    ['level', '--level'],
    ['scope', '--scope'],
    ['villageFrame', '--village-frame'],
    ['statuses', '--statuses'],
  ],
  evaluate: [
    ['strata', '--strata'],
    ['allocation', '--allocation'],
    ['countySelection', '--county-selection'],
    ['spares', '--spares'],
    ['nonpoorTable', '--nonpoor-table'],
  ],
};
