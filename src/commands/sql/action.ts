/** What `spotcheck sql` does when it runs (loaded by ./index.ts's action only): the SQL script it prints. */
import { SpotcheckError } from '../../errors.js';
import { recogniseHeader, type RegistryField } from '../../core/columns.js';
import type { DivisionTable } from '../../core/divisions.js';
import { levelName, type Level } from '../../core/scope.js';
import type { HouseholdStatus } from '../../core/frame.js';
import {
  EVALUATION_SELECTS,
  MONTHLY_SELECTS,
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
import { normalizeName } from '../../core/text.js';
import { msg } from '../../i18n.js';
import { loadDivisions } from '../../io/load.js';
import { TOOL_VERSION } from '../../version.js';
import { writeStdout } from '../_shared/draw.js';
import { attributeOf, type RawOptions } from '../_shared/optionSpec.js';
import { LEVEL_DEFAULTS } from '../monthly/spec.js';
import { MODE_ONLY, SQL_OPTIONS, type SqlMode } from './spec.js';

/** The value of one of sql's options, checked and normalised by its spec entry (when sqlText asks for it). */
const option = <K extends keyof typeof SQL_OPTIONS>(
  name: K,
  raw: RawOptions,
): ReturnType<(typeof SQL_OPTIONS)[K]['normalise']> =>
  SQL_OPTIONS[name].normalise(raw[attributeOf(SQL_OPTIONS[name])] as never, raw) as ReturnType<
    (typeof SQL_OPTIONS)[K]['normalise']
  >;

/** The fields a table is taken to have when --table-columns is not given. */
const DEFAULT_FIELDS: readonly SqlField[] = SQL_FIELDS.filter((field) => field !== 'person_id' && field !== 'relation');

/** Which column holds which field, and the layout, from --table-columns / --layout / --column. */
function sqlColumns(
  raw: RawOptions,
  requireStatus: boolean,
): { columns: Partial<Record<SqlField, string>>; layout: 'person' | 'household' } {
  const overrides = option('columns', raw);
  const layoutOption = option('layout', raw);
  const tableColumns = option('tableColumns', raw);
  const columns: Partial<Record<SqlField, string>> = {};
  if (tableColumns !== null) {
    const header = tableColumns
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
function sqlScope(level: Level, text: string | null, divisions: DivisionTable): SqlScope {
  if (level === 'province') {
    if (text !== null) throw new SpotcheckError('USAGE', msg('core.scope.notAtProvince', { got: text }));
    return { level };
  }
  if (text === null || normalizeName(text) === '') {
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

function parseSelects<T extends string>(raw: string | null, all: readonly T[], mode: string): T[] {
  if (raw === null || raw.trim().toLowerCase() === 'all') return [...all];
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

/** Refuses the options of the other mode that were given, naming them. */
function refuseOthers(raw: RawOptions, other: SqlMode, mode: SqlMode): void {
  const given = MODE_ONLY[other].filter(([attribute]) => raw[attribute] !== undefined).map(([, flag]) => flag);
  if (given.length > 0)
    throw new SpotcheckError(
      'USAGE',
      msg(given.length > 1 ? 'cmd.sql.notForModeMany' : 'cmd.sql.notForModeOne', { options: given.join(', '), mode }),
    );
}

/** monthlyScript: the monthly draw's SQL, its parameters added to the preamble; evaluate's options refused. */
function monthlyScript(raw: RawOptions, dialect: SqlDialect, source: SqlSource, preamble: string[]): string {
  refuseOthers(raw, 'evaluate', 'monthly');
  const level = option('level', raw);
  // sql's own wording of monthly's rule (checked before the other options, as always).
  if (LEVEL_DEFAULTS[level].counties === null && raw.counties !== undefined) {
    throw new SpotcheckError(
      'USAGE',
      msg('cmd.sql.countiesAtLevel', { level: levelName(level), got: String(raw.counties) }),
    );
  }
  const parameters = {
    month: option('month', raw),
    seed: option('seed', raw),
    level,
    scope: sqlScope(level, option('scope', raw), source.divisions),
    counties: option('counties', raw),
    villagesPerCounty: option('villagesPerCounty', raw),
    householdsPerVillage: option('households', raw) as number,
    villageFrame: option('villageFrame', raw),
    statuses: [...option('statuses', raw)],
  };
  const selects = parseSelects<MonthlySelect>(option('select', raw), MONTHLY_SELECTS, 'monthly');
  preamble.push(
    `Parameters: month ${parameters.month}; seed ${JSON.stringify(parameters.seed)}; level ${level}${raw.scope === undefined ? '' : `; scope ${JSON.stringify(raw.scope)}`}; ` +
      `counties ${parameters.counties ?? '(fixed by the scope)'}; villages ${parameters.villagesPerCounty}; households ${parameters.householdsPerVillage}; ` +
      `village frame ${parameters.villageFrame}; statuses ${parameters.statuses.join(',')}.`,
    `Results, one statement each: ${selects.join(', ')}. The same parameters give the same rows as \`spotcheck monthly\` on an export of the table.`,
  );
  return renderScript(monthlySql(dialect, source, parameters, selects), preamble);
}

/** evaluationScript: the evaluation's SQL, its parameters added to the preamble; monthly's options refused. */
function evaluationScript(raw: RawOptions, dialect: SqlDialect, source: SqlSource, preamble: string[]): string {
  refuseOthers(raw, 'monthly', 'evaluate');
  const strata = option('strata', raw);
  if (typeof strata !== 'string') {
    throw new SpotcheckError('USAGE', msg('cmd.sql.strataColumn', { column: strata.column }));
  }
  if (strata === 'poverty-county' && source.divisions.counties.some((county) => county.povertyCounty === null)) {
    throw new SpotcheckError('USAGE', msg('cmd.sql.strataNeedsPovertyCounty'), {
      hint: msg('cmd.sql.strataNeedsPovertyCountyHint'),
    });
  }
  const allocation = option('allocation', raw);
  const countySelection = option('countySelection', raw);
  const nonpoorTable = option('nonpoorTable', raw);
  const parameters = {
    seed: option('seed', raw),
    counties: option('counties', raw) as number,
    strata,
    allocation,
    countySelection,
    villagesPerCounty: option('villagesPerCounty', raw),
    householdsPerStratum: { ...(option('households', raw) as Readonly<Record<HouseholdStatus, number>>) },
    spares: option('spares', raw),
    nonpoorTable,
  };
  const selects = parseSelects<EvaluationSelect>(option('select', raw), EVALUATION_SELECTS, 'evaluate');
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

/** Everything `spotcheck sql` prints, from its raw options. */
async function sqlText(raw: RawOptions): Promise<string> {
  const dialect = option('dialect', raw);
  const mode = option('mode', raw);
  // evaluate's --min-per-stratum and --merge-strata: refused by name in either mode (the SQL has neither).
  option('minPerStratum', raw);
  option('mergeStrata', raw);
  const divisions = (await loadDivisions(option('divisions', raw))).table;
  const { columns, layout } = sqlColumns(raw, true);
  const table = option('table', raw);
  for (const [option, name] of [
    ['--table', table],
    ['--nonpoor-table', raw.nonpoorTable as string | undefined],
  ] as const) {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: a table name with a control character is refused, so it cannot break the SQL script
    if (name !== undefined && /[\x00-\x1f\x7f-\x9f\u2028\u2029]/.test(name))
      throw new SpotcheckError('USAGE', msg('safety.sql.tableControl', { option, got: name }));
  }
  const source: SqlSource = { table, columns, layout, assumeNormalised: option('assumeNormalised', raw), divisions };
  const columnList = SQL_FIELDS.filter((field) => columns[field] !== undefined).map((field) =>
    columns[field] === field ? field : `${field}=${columns[field]}`,
  );
  const preamble = [
    `spotcheck ${TOOL_VERSION} sql (algorithm spotcheck-ticket-1): the ${mode === 'monthly' ? 'monthly' : 'evaluation'} draw computed inside ${dialect === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}.`,
    `Table ${table}, ${layout}-level; columns read: ${columnList.join(', ')}${layout === 'person' ? '' : ''}.`,
    `Division table: ${divisions.source} (${divisions.counties.length} counties), carried below as a VALUES list.`,
  ];
  return mode === 'monthly'
    ? monthlyScript(raw, dialect, source, preamble)
    : evaluationScript(raw, dialect, source, preamble);
}

/** Prints the SQL script the options ask for. */
export async function sqlAction(raw: RawOptions): Promise<void> {
  await writeStdout(await sqlText(raw));
}
