/** `spotcheck sql`: prints SQL that makes the monthly (or evaluation) draw inside DuckDB or PostgreSQL. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../errors.js';
import type { AllocationMethod } from '../core/allocation.js';
import { parseColumnOverrides, recogniseHeader, type RegistryField } from '../core/columns.js';
import type { DivisionTable } from '../core/divisions.js';
import { parseLevel, type Level } from '../core/scope.js';
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
} from '../core/sql.js';
import { parseStrataRule } from '../core/strata.js';
import { normalizeName } from '../core/text.js';
import { loadDivisions } from '../io/load.js';
import {
  collect,
  parseCount,
  parseHouseholdSizes,
  parseMonth,
  parsePositiveInteger,
  parseSeed,
  parseStatuses,
  parseVillageFrame,
  singleOption,
} from '../options.js';
import { EVALUATION_DEFAULTS } from '../run/evaluate.js';
import { LEVEL_DEFAULTS } from '../run/monthly.js';
import { TOOL_VERSION } from '../version.js';
import { writeStdout } from './shared.js';

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

const HELP = `
What it does:
  Prints SQL that makes, inside the database where the registry lives, the same draw as
  \`spotcheck monthly\` (or, with --mode evaluate, \`spotcheck evaluate\`): the same frame, the same
  SHA-256 tickets (sha256 of the parts joined by chr(31)), the same ranks, the same selected
  counties, villages and households, the same stage and overall probabilities and weights. It
  reads nothing but the division table; nothing is sent anywhere. Run the SQL with duckdb or psql.

What the SQL expects:
  A table (or view) with one row per household (--layout household) or per person (--layout
  person: households are grouped by household_id; the 户主 / 本人 / head row gives the household's
  status and size, and a household without one is refused; a table without a relation column
  uses the row with the smallest person_id instead). Columns have the canonical names
  household_id, prefecture, county, county_code, township, township_code, village, village_code,
  status, household_type, poor_village, household_size (+ person_id, relation for person rows);
  --table-columns lists the columns the table really has (the same header rules as for CSV files,
  so the national export's 户编号, 行政县 … are recognised), --column field=Column maps others.
  Counties are resolved through the division table (bundled Yunnan table, or --divisions), which
  the SQL carries as a VALUES list. Cells are normalised as the CLI does (NFC, spaces);
  --assume-normalised skips that when the table is known to be clean. Text and code columns must
  keep leading zeros (text types). A registry the CLI would refuse (unknown county, blank key,
  unknown status, unit under two parents …) or an empty frame makes the SQL fail with a message.

Results (--select, default all: one statement each, in this order):
  monthly:  frame, counties, villages, households (the columns of counties.csv, villages.csv and
            households.csv, without the registry's own columns)
  evaluate: frame, strata, counties, villages, households (frame.csv's columns; spares have
            role = spare)

Cost:
  Printing is instant. In the database each statement reads the table once, groups it into
  households and villages, and hashes only the frame's counties and the villages and households
  of the drawn units. Measured on 1,000,000 households (2 cores): DuckDB about 2.5 s per
  statement, PostgreSQL about 15 s (1 s and 10 s with --assume-normalised); see docs/sql.md.

Limits:
  evaluate: --strata prefecture or poverty-county only (no --county-attributes, no registry column).

Examples:
  $ spotcheck sql --dialect duckdb --month 2026-11 --seed "2026-11 public draw" --level province > draw.sql
  $ duckdb registry.duckdb < draw.sql
  $ spotcheck sql --dialect postgres --table poverty.registry --layout person --month 2026-11 --seed 8812 \\
      --level county --scope 530426 --select households | psql -d warehouse
  $ spotcheck sql --dialect duckdb --table-columns "行政县,乡镇,行政村,户编号,人编号,与户主关系,脱贫属性,是否贫困村" \\
      --month 2026-11 --seed demo-2026-11 --select households
  $ spotcheck sql --dialect postgres --mode evaluate --seed 731 --counties 6 --nonpoor-table rural_households
`;

const MONTHLY_ONLY: ReadonlyArray<[keyof RawSqlOptions, string]> = [
  ['month', '--month'], ['level', '--level'], ['scope', '--scope'], ['villages', '--villages'], ['villageFrame', '--village-frame'], ['statuses', '--statuses'],
];
const EVALUATE_ONLY: ReadonlyArray<[keyof RawSqlOptions, string]> = [
  ['strata', '--strata'], ['allocation', '--allocation'], ['countySelection', '--county-selection'], ['villagesPerCounty', '--villages-per-county'],
  ['spares', '--spares'], ['nonpoorTable', '--nonpoor-table'],
];

/** The fields a table is taken to have when --table-columns is not given. */
const DEFAULT_FIELDS: readonly SqlField[] = [
  'household_id', 'prefecture', 'county', 'county_code', 'township', 'township_code', 'village', 'village_code',
  'status', 'household_type', 'poor_village', 'household_size',
];

function parseDialect(raw: string | undefined): SqlDialect {
  if (raw === undefined) throw new SpotcheckError('USAGE', '--dialect is required: duckdb or postgres');
  const value = raw.trim().toLowerCase();
  const dialect = value === 'postgresql' || value === 'psql' ? 'postgres' : value;
  if (!(SQL_DIALECTS as readonly string[]).includes(dialect)) throw new SpotcheckError('USAGE', `--dialect must be duckdb or postgres, got "${raw}"`);
  return dialect as SqlDialect;
}

function parseLayout(raw: string | undefined): 'person' | 'household' | null {
  if (raw === undefined) return null;
  const value = raw.trim().toLowerCase();
  if (value === 'person' || value === 'household') return value;
  throw new SpotcheckError('USAGE', `--layout must be person or household, got "${raw}"`);
}

/** Which column holds which field, and the layout, from --table-columns / --layout / --column. */
export function sqlColumns(raw: Pick<RawSqlOptions, 'tableColumns' | 'layout' | 'column'>, requireStatus: boolean): { columns: Partial<Record<SqlField, string>>; layout: 'person' | 'household' } {
  const overrides = parseColumnOverrides(raw.column ?? []);
  const layoutOption = parseLayout(raw.layout);
  const columns: Partial<Record<SqlField, string>> = {};
  if (raw.tableColumns !== undefined) {
    const header = raw.tableColumns.split(/[,，]/).map((name) => name.trim()).filter((name) => name !== '');
    const recognised = recogniseHeader(header, overrides, '--table-columns', requireStatus);
    for (const field of SQL_FIELDS) {
      const index = recognised.columns[field];
      if (index >= 0) columns[field] = header[index]!;
    }
    if (layoutOption !== null && layoutOption !== recognised.layout) {
      throw new SpotcheckError('USAGE', `--layout ${layoutOption} contradicts --table-columns, which ${recognised.layout === 'person' ? 'has' : 'has no'} person_id or relation column (a table with either is person-level)`);
    }
    return { columns, layout: recognised.layout };
  }
  const layout = layoutOption ?? 'household';
  const fields: SqlField[] = layout === 'person' ? [...DEFAULT_FIELDS, 'person_id', 'relation'] : [...DEFAULT_FIELDS];
  for (const field of fields) columns[field] = field;
  for (const [field, column] of Object.entries(overrides) as Array<[RegistryField, string]>) {
    if (!(SQL_FIELDS as readonly string[]).includes(field)) continue; // names, phones …: the draw does not read them
    if (layout === 'household' && (field === 'person_id' || field === 'relation')) {
      throw new SpotcheckError('USAGE', `--column ${field}=${column} makes the table person-level: add --layout person`);
    }
    columns[field as SqlField] = column;
  }
  return { columns, layout };
}

/** §5's folding of separators in --scope (›, >, /, ／ and the spaces around them). */
const scopeText = (text: string): string => normalizeName(text).replace(/\s*[›>/／]\s*/g, '›');

/** --scope for a monthly draw: prefectures and counties through the division table; townships in the database. */
export function sqlScope(level: Level, text: string | undefined, divisions: DivisionTable): SqlScope {
  if (level === 'province') {
    if (text !== undefined) throw new SpotcheckError('USAGE', `--scope does not apply at province level (got "${text}"); the province level draws from the whole registry`);
    return { level };
  }
  if (text === undefined || normalizeName(text) === '') {
    throw new SpotcheckError('USAGE', `--scope is required at ${level} level: give the ${level}'s code or name`);
  }
  const wanted = scopeText(text);
  if (level === 'township') return { level, text: wanted };
  const keys = new Set<string>();
  for (const county of divisions.counties) {
    const matches = level === 'prefecture' ? [county.prefectureCode, county.prefecture] : [county.code, county.name, `${county.prefecture}›${county.name}`];
    if (matches.some((match) => scopeText(match) === wanted)) keys.add(level === 'prefecture' ? county.prefectureCode : county.code);
  }
  if (keys.size === 0) throw new SpotcheckError('SCOPE', `--scope "${text}" is not a ${level} of the division table ${divisions.source}`);
  if (keys.size > 1) throw new SpotcheckError('SCOPE', `--scope "${text}" matches ${keys.size} ${level} units (${[...keys].join(', ')}); give the code`);
  return { level, key: [...keys][0]! };
}

function parseSelects<T extends string>(raw: string | undefined, all: readonly T[], mode: string): T[] {
  if (raw === undefined || raw.trim().toLowerCase() === 'all') return [...all];
  const wanted = raw.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
  const unknown = wanted.filter((part) => !(all as readonly string[]).includes(part));
  if (wanted.length === 0 || unknown.length > 0) {
    throw new SpotcheckError('USAGE', `--select takes all or a list of ${all.join(', ')} for --mode ${mode}; got "${raw}"`);
  }
  return all.filter((select) => wanted.includes(select));
}

function refuseOthers(raw: RawSqlOptions, options: ReadonlyArray<[keyof RawSqlOptions, string]>, mode: string): void {
  const given = options.filter(([key]) => raw[key] !== undefined).map(([, flag]) => flag);
  if (given.length > 0) throw new SpotcheckError('USAGE', `${given.join(', ')} ${given.length > 1 ? 'do' : 'does'} not apply to --mode ${mode}`);
}

/** Everything `spotcheck sql` prints, from its raw options. */
export async function sqlText(raw: RawSqlOptions): Promise<string> {
  const dialect = parseDialect(raw.dialect);
  const mode = (raw.mode ?? 'monthly').trim().toLowerCase();
  if (mode !== 'monthly' && mode !== 'evaluate') throw new SpotcheckError('USAGE', `--mode must be monthly or evaluate, got "${raw.mode}"`);
  const divisions = (await loadDivisions(raw.divisions ?? null)).table;
  const { columns, layout } = sqlColumns(raw, true);
  const table = raw.table ?? 'registry';
  if (table.trim() === '') throw new SpotcheckError('USAGE', '--table must name a table');
  const source: SqlSource = { table, columns, layout, assumeNormalised: raw.assumeNormalised === true, divisions };
  const columnList = SQL_FIELDS.filter((field) => columns[field] !== undefined).map((field) => (columns[field] === field ? field : `${field}=${columns[field]}`));
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
      throw new SpotcheckError('USAGE', `--counties does not apply at ${level} level, where the scope fixes the county; got --counties ${raw.counties}`);
    }
    const parameters = {
      month: parseMonth(raw.month),
      seed: parseSeed(raw.seed),
      level,
      scope: sqlScope(level, raw.scope, divisions),
      counties: defaults.counties === null ? null : raw.counties === undefined ? defaults.counties : parsePositiveInteger('--counties', raw.counties),
      villagesPerCounty: raw.villages === undefined ? defaults.villages : parsePositiveInteger('--villages', raw.villages),
      householdsPerVillage: raw.households === undefined ? defaults.households : parsePositiveInteger('--households', raw.households),
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
    throw new SpotcheckError('USAGE', `--strata ${strata.column}: spotcheck sql stratifies by prefecture or poverty-county only; draw with \`spotcheck evaluate\` for strata from a column or a county table`);
  }
  if (strata === 'poverty-county' && divisions.counties.some((county) => county.povertyCounty === null)) {
    throw new SpotcheckError('USAGE', '--strata poverty-county needs a poverty_county column in the division table', { hint: 'give a --divisions table with a poverty_county column (是/否)' });
  }
  const allocation = raw.allocation ?? 'proportional';
  if (allocation !== 'proportional' && allocation !== 'equal' && allocation !== 'households') {
    throw new SpotcheckError('USAGE', `--allocation must be proportional, equal or households, got "${allocation}"`);
  }
  const countySelection = raw.countySelection ?? 'srs';
  if (countySelection !== 'srs' && countySelection !== 'pps') throw new SpotcheckError('USAGE', `--county-selection must be srs or pps, got "${countySelection}"`);
  if (raw.nonpoorTable !== undefined && raw.nonpoorTable.trim() === '') throw new SpotcheckError('USAGE', '--nonpoor-table must name a table');
  const parameters = {
    seed: parseSeed(raw.seed),
    counties: parsePositiveInteger('--counties', raw.counties ?? String(EVALUATION_DEFAULTS.counties)),
    strata,
    allocation: allocation as AllocationMethod,
    countySelection: countySelection as 'srs' | 'pps',
    villagesPerCounty: parsePositiveInteger('--villages-per-county', raw.villagesPerCounty ?? String(EVALUATION_DEFAULTS.villagesPerCounty)),
    householdsPerStratum: raw.households === undefined ? { ...EVALUATION_DEFAULTS.householdsPerStratum } : parseHouseholdSizes(raw.households, EVALUATION_DEFAULTS.householdsPerStratum),
    spares: parseCount('--spares', raw.spares ?? String(EVALUATION_DEFAULTS.spares)),
    nonpoorTable: raw.nonpoorTable ?? null,
  };
  const selects = parseSelects<EvaluationSelect>(raw.select, EVALUATION_SELECTS, mode);
  const sizes = Object.entries(parameters.householdsPerStratum).map(([status, size]) => `${status}=${size}`).join(',');
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
    .summary('print SQL that makes the same draw inside DuckDB or PostgreSQL')
    .description('Print SQL that computes, inside the database holding the registry, the same frame and the same draw as `spotcheck monthly` (or `spotcheck evaluate` with --mode evaluate).')
    .addOption(singleOption('--dialect <name>', 'duckdb or postgres (required)'))
    .addOption(singleOption('--mode <mode>', 'monthly or evaluate', '"monthly"'))
    .addOption(singleOption('--table <name>', 'the registry table or view, optionally schema.table', '"registry"'))
    .addOption(singleOption('--table-columns <list>', "the table's column names, comma-separated; recognised like a CSV header (default: the canonical English names)"))
    .addOption(singleOption('--layout <layout>', 'household (one row per household) or person (one row per person)', '"household", or what --table-columns shows'))
    .addOption(new Option('--column <field=Column>', 'read a field from another column (repeatable), e.g. household_id=hh_no').argParser(collect))
    .addOption(singleOption('--divisions <file>', "division table CSV (prefecture_code, prefecture, county_code, county); default: Yunnan's bundled table"))
    .addOption(singleOption('--select <list>', 'results to print: all, or some of frame, strata (evaluate), counties, villages, households', '"all"'))
    .addOption(new Option('--assume-normalised', 'the table already holds normalised names (no NFC or space folding in SQL; faster)'))
    .addOption(singleOption('--month <YYYY-MM>', 'monthly: month of the draw (required)'))
    .addOption(singleOption('--seed <text>', 'the seed chosen in public (required)'))
    .addOption(singleOption('--level <level>', 'monthly: province, prefecture, county or township (省, 州市, 县, 乡镇)', '"province"'))
    .addOption(singleOption('--scope <code|name>', 'monthly: the prefecture, county or township drawn in (required below province)'))
    .addOption(singleOption('--counties <n>', 'counties to draw (monthly: province 4, prefecture 2; evaluate: 20)'))
    .addOption(singleOption('--villages <n>', 'monthly: villages per county (province/prefecture 2, county 4, township 2)'))
    .addOption(singleOption('--households <n|sizes>', 'monthly: households per village (5); evaluate: per status, poor=5,exited=5,nonpoor=5'))
    .addOption(singleOption('--village-frame <rule>', 'monthly: auto, poor or all', '"auto"'))
    .addOption(singleOption('--statuses <list>', 'monthly: household statuses in the frame: poor, exited, nonpoor', '"poor,exited"'))
    .addOption(singleOption('--strata <rule>', 'evaluate: prefecture or poverty-county', '"prefecture"'))
    .addOption(singleOption('--allocation <method>', 'evaluate: proportional, households or equal', '"proportional"'))
    .addOption(singleOption('--county-selection <method>', 'evaluate: srs or pps', '"srs"'))
    .addOption(singleOption('--villages-per-county <n>', 'evaluate: villages per county', String(EVALUATION_DEFAULTS.villagesPerCounty)))
    .addOption(singleOption('--spares <n>', 'evaluate: spares per village and status', String(EVALUATION_DEFAULTS.spares)))
    .addOption(singleOption('--nonpoor-table <name>', 'evaluate: a table of non-registered rural households, with the same columns as --table (status not needed)'))
    .addHelpText('after', HELP);
  return command.action(async (raw: RawSqlOptions) => {
    await writeStdout(await sqlText(raw));
  });
}
