/** `spotcheck sql`: prints SQL that makes the monthly (or evaluation) draw inside DuckDB or PostgreSQL. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../../errors.js';
import { parseColumnOverrides, recogniseHeader, type RegistryField } from '../../core/columns.js';
import type { DivisionTable } from '../../core/divisions.js';
import { levelName, parseLevel, type Level } from '../../core/scope.js';
import {
  EVALUATION_SELECTS,
  MONTHLY_SELECTS,
  SQL_DIALECTS,
  SQL_FIELDS,
  evaluationSql,
  monthlySql,
  renderScript,
  type EvaluationSelect,
  type MonthlySelect,
  type SqlDialect,
  type SqlField,
  type SqlScope,
  type SqlSource,
} from '../../core/sql/index.js';
import { parseStrataRule } from '../../core/strata.js';
import { normalizeName } from '../../core/text.js';
import { msg, t } from '../../i18n.js';
import { loadDivisions } from '../../io/load.js';
import {
  collect,
  parseAllocation,
  parseCountySelection,
  parseLayout,
  parseCount,
  parseHouseholdSizes,
  parseMonth,
  parsePositiveInteger,
  parseSeed,
  parseStatuses,
  parseVillageFrame,
  singleOption,
} from '../_shared/parse.js';
import { EVALUATION_DEFAULTS } from '../evaluate/spec.js';
import { LEVEL_DEFAULTS } from '../monthly/spec.js';
import { TOOL_VERSION } from '../../version.js';
import { writeStdout } from '../_shared/draw.js';

interface RawSqlOptions {
  dialect?: string;
  mode?: string;
  table?: string;
  tableColumns?: string;
  layout?: string;
  column?: string[];
  divisions?: string;
  select?: string;
  assumeNormalised?: boolean;
  month?: string;
  seed?: string;
  level?: string;
  scope?: string;
  counties?: string;
  villages?: string;
  households?: string;
  villageFrame?: string;
  statuses?: string;
  strata?: string;
  allocation?: string;
  countySelection?: string;
  villagesPerCounty?: string;
  spares?: string;
  nonpoorTable?: string;
}

const MONTHLY_ONLY: ReadonlyArray<[keyof RawSqlOptions, string]> = [
  ['month', '--month'],
  ['level', '--level'],
  ['scope', '--scope'],
  ['villages', '--villages'],
  ['villageFrame', '--village-frame'],
  ['statuses', '--statuses'],
];
const EVALUATE_ONLY: ReadonlyArray<[keyof RawSqlOptions, string]> = [
  ['strata', '--strata'],
  ['allocation', '--allocation'],
  ['countySelection', '--county-selection'],
  ['villagesPerCounty', '--villages-per-county'],
  ['spares', '--spares'],
  ['nonpoorTable', '--nonpoor-table'],
];

/** The fields a table is taken to have when --table-columns is not given. */
const DEFAULT_FIELDS: readonly SqlField[] = [
  'household_id',
  'prefecture',
  'county',
  'county_code',
  'township',
  'township_code',
  'village',
  'village_code',
  'status',
  'household_type',
  'poor_village',
  'household_size',
];

function parseDialect(raw: string | undefined): SqlDialect {
  if (raw === undefined) throw new SpotcheckError('USAGE', msg('cmd.sql.dialectRequired'));
  const value = raw.trim().toLowerCase();
  const dialect = value === 'postgresql' || value === 'psql' ? 'postgres' : value;
  if (!(SQL_DIALECTS as readonly string[]).includes(dialect))
    throw new SpotcheckError('USAGE', msg('cmd.sql.dialectInvalid', { got: raw }));
  return dialect as SqlDialect;
}

/** Which column holds which field, and the layout, from --table-columns / --layout / --column. */
function sqlColumns(
  raw: Pick<RawSqlOptions, 'tableColumns' | 'layout' | 'column'>,
  requireStatus: boolean,
): { columns: Partial<Record<SqlField, string>>; layout: 'person' | 'household' } {
  const overrides = parseColumnOverrides(raw.column ?? []);
  const layoutOption = raw.layout === undefined ? null : parseLayout(raw.layout);
  const columns: Partial<Record<SqlField, string>> = {};
  if (raw.tableColumns !== undefined) {
    const header = raw.tableColumns
      .split(/[,，]/)
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const recognised = recogniseHeader(header, overrides, '--table-columns', requireStatus);
    for (const field of SQL_FIELDS) {
      const index = recognised.columns[field];
      if (index >= 0) columns[field] = header[index]!;
    }
    if (layoutOption !== null && layoutOption !== recognised.layout) {
      throw new SpotcheckError(
        'USAGE',
        msg(recognised.layout === 'person' ? 'cmd.sql.layoutContradictsPerson' : 'cmd.sql.layoutContradictsHousehold', {
          layout: layoutOption,
        }),
      );
    }
    return { columns, layout: recognised.layout };
  }
  const layout = layoutOption ?? 'household';
  const fields: SqlField[] = layout === 'person' ? [...DEFAULT_FIELDS, 'person_id', 'relation'] : [...DEFAULT_FIELDS];
  for (const field of fields) columns[field] = field;
  for (const [field, column] of Object.entries(overrides) as Array<[RegistryField, string]>) {
    if (!(SQL_FIELDS as readonly string[]).includes(field)) continue; // names, phones …: the draw does not read them
    if (layout === 'household' && (field === 'person_id' || field === 'relation')) {
      throw new SpotcheckError('USAGE', msg('cmd.sql.columnMakesPersonLevel', { field, column }));
    }
    columns[field as SqlField] = column;
  }
  return { columns, layout };
}

/** §5's folding of separators in --scope (›, >, /, ／ and the spaces around them). */
const scopeText = (text: string): string => normalizeName(text).replace(/\s*[›>/／]\s*/g, '›');

/** --scope for a monthly draw: prefectures and counties through the division table; townships in the database. */
function sqlScope(level: Level, text: string | undefined, divisions: DivisionTable): SqlScope {
  if (level === 'province') {
    if (text !== undefined) throw new SpotcheckError('USAGE', msg('core.scope.notAtProvince', { got: text }));
    return { level };
  }
  if (text === undefined || normalizeName(text) === '') {
    throw new SpotcheckError('USAGE', msg('core.scope.required', { level: levelName(level) }));
  }
  const wanted = scopeText(text);
  if (level === 'township') return { level, text: wanted };
  const keys = new Set<string>();
  for (const county of divisions.counties) {
    const matches =
      level === 'prefecture'
        ? [county.prefectureCode, county.prefecture]
        : [county.code, county.name, `${county.prefecture}›${county.name}`];
    if (matches.some((match) => scopeText(match) === wanted))
      keys.add(level === 'prefecture' ? county.prefectureCode : county.code);
  }
  if (keys.size === 0)
    throw new SpotcheckError(
      'SCOPE',
      msg('cmd.sql.scopeUnknown', { text, level: levelName(level), source: divisions.source }),
    );
  if (keys.size > 1)
    throw new SpotcheckError(
      'SCOPE',
      msg('cmd.sql.scopeAmbiguous', { text, count: keys.size, level: levelName(level), codes: [...keys].join(', ') }),
    );
  return { level, key: [...keys][0]! };
}

function parseSelects<T extends string>(raw: string | undefined, all: readonly T[], mode: string): T[] {
  if (raw === undefined || raw.trim().toLowerCase() === 'all') return [...all];
  const wanted = raw
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part !== '');
  const unknown = wanted.filter((part) => !(all as readonly string[]).includes(part));
  if (wanted.length === 0 || unknown.length > 0) {
    throw new SpotcheckError('USAGE', msg('cmd.sql.selectInvalid', { choices: all.join(', '), mode, got: raw }));
  }
  return all.filter((select) => wanted.includes(select));
}

function refuseOthers(raw: RawSqlOptions, options: ReadonlyArray<[keyof RawSqlOptions, string]>, mode: string): void {
  const given = options.filter(([key]) => raw[key] !== undefined).map(([, flag]) => flag);
  if (given.length > 0)
    throw new SpotcheckError(
      'USAGE',
      msg(given.length > 1 ? 'cmd.sql.notForModeMany' : 'cmd.sql.notForModeOne', { options: given.join(', '), mode }),
    );
}

/** Everything `spotcheck sql` prints, from its raw options. */
async function sqlText(raw: RawSqlOptions): Promise<string> {
  const dialect = parseDialect(raw.dialect);
  const mode = (raw.mode ?? 'monthly').trim().toLowerCase();
  if (mode !== 'monthly' && mode !== 'evaluate')
    throw new SpotcheckError('USAGE', msg('cmd.sql.modeInvalid', { got: String(raw.mode) }));
  const divisions = (await loadDivisions(raw.divisions ?? null)).table;
  const { columns, layout } = sqlColumns(raw, true);
  const table = raw.table ?? 'registry';
  if (table.trim() === '') throw new SpotcheckError('USAGE', msg('cmd.sql.tableEmpty'));
  for (const [option, name] of [
    ['--table', table],
    ['--nonpoor-table', raw.nonpoorTable],
  ] as const) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a table name with a control character is refused, so it cannot break the SQL script
    if (name !== undefined && /[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(name))
      throw new SpotcheckError('USAGE', msg('safety.sql.tableControl', { option, got: name }));
  }
  const source: SqlSource = { table, columns, layout, assumeNormalised: raw.assumeNormalised === true, divisions };
  const columnList = SQL_FIELDS.filter((field) => columns[field] !== undefined).map((field) =>
    columns[field] === field ? field : `${field}=${columns[field]}`,
  );
  const preamble = [
    `spotcheck ${TOOL_VERSION} sql (algorithm spotcheck-ticket-1): the ${mode === 'monthly' ? 'monthly' : 'evaluation'} draw computed inside ${dialect === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}.`,
    `Table ${table}, ${layout}-level; columns read: ${columnList.join(', ')}${layout === 'person' ? '' : ''}.`,
    `Division table: ${divisions.source} (${divisions.counties.length} counties), carried below as a VALUES list.`,
  ];

  if (mode === 'monthly') {
    refuseOthers(raw, EVALUATE_ONLY, mode);
    const level = parseLevel(raw.level ?? 'province');
    const defaults = LEVEL_DEFAULTS[level];
    if (defaults.counties === null && raw.counties !== undefined) {
      throw new SpotcheckError('USAGE', msg('cmd.sql.countiesAtLevel', { level: levelName(level), got: raw.counties }));
    }
    const parameters = {
      month: parseMonth(raw.month),
      seed: parseSeed(raw.seed),
      level,
      scope: sqlScope(level, raw.scope, divisions),
      counties:
        defaults.counties === null
          ? null
          : raw.counties === undefined
            ? defaults.counties
            : parsePositiveInteger('--counties', raw.counties),
      villagesPerCounty:
        raw.villages === undefined ? defaults.villages : parsePositiveInteger('--villages', raw.villages),
      householdsPerVillage:
        raw.households === undefined ? defaults.households : parsePositiveInteger('--households', raw.households),
      villageFrame: parseVillageFrame(raw.villageFrame ?? 'auto'),
      statuses: parseStatuses(raw.statuses ?? 'poor,exited'),
    };
    const selects = parseSelects<MonthlySelect>(raw.select, MONTHLY_SELECTS, mode);
    preamble.push(
      `Parameters: month ${parameters.month}; seed ${JSON.stringify(parameters.seed)}; level ${level}${raw.scope === undefined ? '' : `; scope ${JSON.stringify(raw.scope)}`}; ` +
        `counties ${parameters.counties ?? '(fixed by the scope)'}; villages ${parameters.villagesPerCounty}; households ${parameters.householdsPerVillage}; ` +
        `village frame ${parameters.villageFrame}; statuses ${parameters.statuses.join(',')}.`,
      `Results, one statement each: ${selects.join(', ')}. The same parameters give the same rows as \`spotcheck monthly\` on an export of the table.`,
    );
    return renderScript(monthlySql(dialect, source, parameters, selects), preamble);
  }

  refuseOthers(raw, MONTHLY_ONLY, mode);
  const strata = parseStrataRule(raw.strata ?? 'prefecture');
  if (typeof strata !== 'string') {
    throw new SpotcheckError('USAGE', msg('cmd.sql.strataColumn', { column: strata.column }));
  }
  if (strata === 'poverty-county' && divisions.counties.some((county) => county.povertyCounty === null)) {
    throw new SpotcheckError('USAGE', msg('cmd.sql.strataNeedsPovertyCounty'), {
      hint: msg('cmd.sql.strataNeedsPovertyCountyHint'),
    });
  }
  const allocation = parseAllocation(raw.allocation ?? 'proportional');
  const countySelection = parseCountySelection(raw.countySelection ?? 'srs');
  if (raw.nonpoorTable !== undefined && raw.nonpoorTable.trim() === '')
    throw new SpotcheckError('USAGE', msg('cmd.sql.nonpoorTableEmpty'));
  const parameters = {
    seed: parseSeed(raw.seed),
    counties: parsePositiveInteger('--counties', raw.counties ?? String(EVALUATION_DEFAULTS.counties)),
    strata,
    allocation,
    countySelection,
    villagesPerCounty: parsePositiveInteger(
      '--villages-per-county',
      raw.villagesPerCounty ?? String(EVALUATION_DEFAULTS.villagesPerCounty),
    ),
    householdsPerStratum:
      raw.households === undefined
        ? { ...EVALUATION_DEFAULTS.householdsPerStratum }
        : parseHouseholdSizes(raw.households, EVALUATION_DEFAULTS.householdsPerStratum),
    spares: parseCount('--spares', raw.spares ?? String(EVALUATION_DEFAULTS.spares)),
    nonpoorTable: raw.nonpoorTable ?? null,
  };
  const selects = parseSelects<EvaluationSelect>(raw.select, EVALUATION_SELECTS, mode);
  const sizes = Object.entries(parameters.householdsPerStratum)
    .map(([status, size]) => `${status}=${size}`)
    .join(',');
  preamble.push(
    `Parameters: seed ${JSON.stringify(parameters.seed)}; counties ${parameters.counties}; strata ${strata}; allocation ${parameters.allocation}; ` +
      `county selection ${parameters.countySelection}; villages per county ${parameters.villagesPerCounty}; households ${sizes}; spares ${parameters.spares}; ` +
      `non-poor table ${parameters.nonpoorTable ?? '(none)'}.`,
    `Results, one statement each: ${selects.join(', ')}. The same parameters give the same rows as \`spotcheck evaluate\` on an export of the table(s).`,
  );
  return renderScript(evaluationSql(dialect, source, parameters, selects), preamble);
}

export function sqlCommand(): Command {
  const command = new Command('sql')
    .summary(t('help.sql.summary'))
    .description(t('help.sql.description'))
    .addOption(singleOption('--dialect <name>', t('help.sql.dialect')))
    .addOption(singleOption('--mode <mode>', t('help.sql.mode'), '"monthly"'))
    .addOption(singleOption('--table <name>', t('help.sql.table'), '"registry"'))
    .addOption(singleOption('--table-columns <list>', t('help.sql.tableColumns')))
    .addOption(singleOption('--layout <layout>', t('help.sql.layout'), t('help.sql.layoutDefault')))
    .addOption(new Option('--column <field=Column>', t('help.sql.column')).argParser(collect))
    .addOption(singleOption('--divisions <file>', t('help.sql.divisions')))
    .addOption(singleOption('--select <list>', t('help.sql.select'), '"all"'))
    .addOption(new Option('--assume-normalised', t('help.sql.assumeNormalised')))
    .addOption(singleOption('--month <YYYY-MM>', t('help.sql.month')))
    .addOption(singleOption('--seed <text>', t('help.shared.seed')))
    .addOption(singleOption('--level <level>', t('help.sql.level'), '"province"'))
    .addOption(singleOption('--scope <code|name>', t('help.sql.scope')))
    .addOption(singleOption('--counties <n>', t('help.sql.counties')))
    .addOption(singleOption('--villages <n>', t('help.sql.villages')))
    .addOption(singleOption('--households <n|sizes>', t('help.sql.households')))
    .addOption(singleOption('--village-frame <rule>', t('help.sql.villageFrame'), '"auto"'))
    .addOption(singleOption('--statuses <list>', t('help.sql.statuses'), '"poor,exited"'))
    .addOption(singleOption('--strata <rule>', t('help.sql.strata'), '"prefecture"'))
    .addOption(singleOption('--allocation <method>', t('help.sql.allocation'), '"proportional"'))
    .addOption(singleOption('--county-selection <method>', t('help.sql.countySelection'), '"srs"'))
    .addOption(
      singleOption(
        '--villages-per-county <n>',
        t('help.sql.villagesPerCounty'),
        String(EVALUATION_DEFAULTS.villagesPerCounty),
      ),
    )
    .addOption(singleOption('--spares <n>', t('help.sql.spares'), String(EVALUATION_DEFAULTS.spares)))
    .addOption(singleOption('--nonpoor-table <name>', t('help.sql.nonpoorTable')))
    .addHelpText('after', t('help.sql.after'));
  return command.action(async (raw: RawSqlOptions) => {
    await writeStdout(await sqlText(raw));
  });
}
