/**
 * The registry's CTEs, the same for both draws: the division table, the rows (normalised cells,
 * county resolved, status, unit keys), households, villages, townships, and the checks of what the
 * CLI refuses (docs/algorithm.md §4.5).
 */
import {
  HOUSEHOLD_STATUSES,
  HEAD_RELATIONS,
  NO_WORDS,
  STATUS_NAMES,
  UNCLASSIFIED_TYPE,
  YES_WORDS,
} from '../vocabulary.js';
import { indent, type Builder } from './builder.js';
import { quoteIdentifier, quoteTableName } from './dialect.js';
import { SQL_FIELDS, type SqlField, type SqlSource } from './parameters.js';

const COUNTY_FIELDS = ['county_code', 'county', 'prefecture'] as const;

/** A registry table (its name) and whether it is the non-poor table. */
type RegistryTable = [string, boolean];

/** The division table as a VALUES list: prefecture_code, prefecture, county_code, county, poverty_county. */
export function divisionsCte(b: Builder): void {
  const rows = b.source.divisions.counties.map(
    (county) =>
      `(${b.lit(county.prefectureCode)}, ${b.lit(county.prefecture)}, ${b.lit(county.code)}, ${b.lit(county.name)}, ${
        county.povertyCounty === null ? 'NULL' : county.povertyCounty ? 'TRUE' : 'FALSE'
      })`,
  );
  b.add(
    'divisions',
    `SELECT * FROM (VALUES\n${indent(rows.join(',\n'))}\n) AS division_rows(prefecture_code, prefecture, county_code, county, poverty_county)`,
    `the division table (${b.source.divisions.source}): the county key is always its county_code (§4.1)`,
  );
}

/** A parsed status name, or NULL. */
function statusOf(b: Builder, text: string): string {
  const lower = `lower(${text})`;
  return `CASE ${HOUSEHOLD_STATUSES.map((status) => `WHEN ${lower} IN (${b.list(STATUS_NAMES[status])}) THEN '${status}'`).join(' ')} END`;
}

/** A field's cell as the table holds it, not normalised ('' where the table has no such column). */
function rawCell(source: SqlSource, field: SqlField): string {
  const column = source.columns[field];
  return column === undefined ? "''" : `coalesce(CAST(${quoteIdentifier(column)} AS VARCHAR), '')`;
}

/**
 * The registry's rows (`rows`: normalised cells, county resolved through the division table,
 * status, unit keys, whether the row is usable), then households, villages and townships.
 */
export function registryCtes(b: Builder, nonpoorTable: string | null): void {
  const { source } = b;
  const tables: RegistryTable[] =
    nonpoorTable === null
      ? [[source.table, false]]
      : [
          [source.table, false],
          [nonpoorTable, true],
        ];
  countyLookupCte(b, tables);
  rowsCte(b, tables);
  householdCtes(b);
  unitCtes(b);
  registryChecks(b);
}

/** Each distinct (county_code, county, prefecture) of the tables → the division-table row it names. */
function countyLookupCte(b: Builder, tables: readonly RegistryTable[]): void {
  const raw = (field: SqlField): string => rawCell(b.source, field);
  const distinctCounties = tables
    .map(
      ([table]) =>
        `SELECT DISTINCT ${COUNTY_FIELDS.map((field) => `${raw(field)} AS raw_${field}`).join(', ')} FROM ${quoteTableName(table)}`,
    )
    .join('\nUNION\n');
  b.add(
    'county_lookup',
    `SELECT c.raw_county_code, c.raw_county, c.raw_prefecture, count(d.county_code) AS matches, min(d.county_code) AS county_key
FROM (
  SELECT u.*, ${COUNTY_FIELDS.map((field) => `${b.normalise(`u.raw_${field}`)} AS ${field}`).join(', ')}
  FROM (
${indent(distinctCounties, '    ')}
  ) u
) c
LEFT JOIN divisions d ON CASE
  WHEN c.county_code <> '' THEN d.county_code = c.county_code AND (c.county = '' OR d.county = c.county)
  ELSE d.county = c.county AND (c.prefecture = '' OR d.prefecture = c.prefecture)
END
GROUP BY c.raw_county_code, c.raw_county, c.raw_prefecture`,
    'each distinct (county_code, county, prefecture) cell → the one division-table row it names (by code, else by name and prefecture)',
  );
}

/** `rows`: every row of the tables with its normalised cells, county key, status, marks and unit keys. */
function rowsCte(b: Builder, tables: readonly RegistryTable[]): void {
  const { source } = b;
  const fields = SQL_FIELDS.filter(
    (field) =>
      (source.layout === 'person' || (field !== 'person_id' && field !== 'relation')) &&
      !(COUNTY_FIELDS as readonly string[]).includes(field),
  );
  const raw = (field: SqlField): string => rawCell(source, field);
  const select = ([table, nonpoor]: RegistryTable) =>
    `SELECT
${indent(
  [
    // A non-poor table's households are all 非贫困户: its status columns are not read (nor needed).
    ...fields.map(
      (field) => `${nonpoor && (field === 'status' || field === 'household_type') ? "''" : b.cell(field)} AS ${field}`,
    ),
    ...COUNTY_FIELDS.map((field) => `${raw(field)} AS raw_${field}`),
    `${nonpoor ? 'TRUE' : 'FALSE'} AS from_nonpoor_table`,
  ].join(',\n'),
)}\nFROM ${quoteTableName(table)}`;
  const type = 'r.household_type';
  const allStatusNames = HOUSEHOLD_STATUSES.flatMap((status) => STATUS_NAMES[status]);
  const status = `CASE
  WHEN r.from_nonpoor_table THEN 'nonpoor'
  WHEN lower(${type}) IN (${b.list(STATUS_NAMES.nonpoor)}) THEN 'nonpoor'
  WHEN ${type} <> '' AND lower(${type}) NOT IN (${b.list(allStatusNames)}) AND ${type} <> ${b.lit(UNCLASSIFIED_TYPE)} THEN NULL
  WHEN r.status <> '' THEN ${statusOf(b, 'r.status')}
  ELSE ${statusOf(b, type)}
END`;
  const mark = `CASE WHEN lower(r.poor_village) IN (${b.list(YES_WORDS)}) THEN 1 WHEN lower(r.poor_village) IN (${b.list(NO_WORDS)}) THEN 0 END`;
  const head = source.layout === 'household' ? 'TRUE' : `lower(r.relation) IN (${b.list(HEAD_RELATIONS)})`;
  const size = `CASE WHEN ${b.d.digits('r.household_size')} THEN CAST(r.household_size AS BIGINT) END`;
  b.add(
    'rows',
    `SELECT
  x.*,
  CASE WHEN x.township_code <> '' THEN x.township_code ELSE x.county_key || '›' || x.township END AS township_key,
  CASE WHEN x.village_code <> '' THEN x.village_code ELSE x.county_key || '›' || x.township || '›' || x.village END AS village_key,
  (x.county_key IS NOT NULL AND x.household_id <> '' AND x.township <> '' AND x.village <> '' AND x.status IS NOT NULL) AS valid
FROM (
  SELECT
    r.household_id, r.township, r.township_code, r.village, r.village_code,${source.layout === 'person' ? ' r.person_id,' : " '' AS person_id,"} r.from_nonpoor_table,
    CASE WHEN l.matches = 1 THEN l.county_key END AS county_key,
    ${indent(status, '    ').trim()} AS status,
    ${mark} AS poor_mark,
    ${head} AS is_head,
    ${size} AS size,
    r.household_size AS size_text
  FROM (
${indent(tables.map(select).join('\nUNION ALL\n'), '    ')}
  ) r
  JOIN county_lookup l ON l.raw_county_code = r.raw_county_code AND l.raw_county = r.raw_county AND l.raw_prefecture = r.raw_prefecture
) x`,
    `the registry's cells${source.assumeNormalised ? ' (taken as already normalised)' : ', normalised (§2.1)'} ('' for a missing column); county key; ` +
      "status (§4.4: 户类型 非贫困户 wins, else 脱贫属性, else 户类型); 是否贫困村 mark; head row; unit keys: a code, else the path county_code›township›village (§4.2, §4.3; '›' is U+203A)",
  );
}

/** `households`: one row per household (person rows grouped under their representative row). */
function householdCtes(b: Builder): void {
  const { source } = b;
  if (source.layout === 'household') {
    b.add(
      'households',
      `SELECT household_id, village_key, status, size AS household_size, coalesce(size, 1) AS persons
FROM rows
WHERE valid`,
      'one row per household (household-level table)',
    );
  } else {
    b.add(
      'household_rows',
      `SELECT r.*,
  row_number() OVER (PARTITION BY r.household_id ORDER BY CASE WHEN r.is_head THEN 0 ELSE 1 END, CASE WHEN r.person_id = '' THEN 1 ELSE 0 END, ${b.d.bytes('r.person_id')}) AS pick,
  count(*) OVER (PARTITION BY r.household_id) AS persons,
  CASE WHEN min(r.village_key) OVER (PARTITION BY r.household_id) = max(r.village_key) OVER (PARTITION BY r.household_id) THEN 1 ELSE 2 END AS villages_of_household,
  CASE WHEN bool_or(r.from_nonpoor_table) OVER (PARTITION BY r.household_id) = bool_and(r.from_nonpoor_table) OVER (PARTITION BY r.household_id) THEN 1 ELSE 2 END AS sources,
  bool_or(r.is_head) OVER (PARTITION BY r.household_id) AS has_head,
  sum(CASE WHEN r.is_head THEN 1 ELSE 0 END) OVER (PARTITION BY r.household_id) AS heads
FROM rows r
WHERE r.valid`,
      source.columns.relation === undefined
        ? 'person rows without a relation column: the representative row is the one with the smallest person_id'
        : 'person rows: the representative row is the 户主 row (relation 户主, 本人 or head); a household without one is refused',
    );
    b.add(
      'households',
      `SELECT h.household_id, h.village_key, h.status, coalesce(h.size, h.persons) AS household_size, h.persons,
  h.villages_of_household AS records, h.sources, h.has_head, h.heads
FROM household_rows h
WHERE h.pick = 1`,
      'one row per household: status and size from the representative row; persons = rows',
    );
  }
}

/** `villages` and `townships`, with what tells a unit under two parents. */
function unitCtes(b: Builder): void {
  b.add(
    'villages',
    `SELECT village_key, min(village_code) AS village_code, min(village) AS village, min(township_key) AS township_key, min(county_key) AS county_key,
  max(poor_mark) AS poor_max, min(poor_mark) AS poor_min, CASE WHEN min(township_key) = max(township_key) AND min(village) = max(village) THEN 1 ELSE 2 END AS parents
FROM rows
WHERE valid
GROUP BY village_key`,
    'villages: poor if a row marks it 是 (§4.3)',
  );
  b.add(
    'townships',
    `SELECT township_key, min(township) AS township, min(county_key) AS county_key, CASE WHEN min(county_key) = max(county_key) THEN 1 ELSE 2 END AS parents
FROM rows
WHERE valid
GROUP BY township_key`,
  );
}

/** The checks of the registry (each a count that must be 0; see guardCte). */
function registryChecks(b: Builder): void {
  const { source } = b;
  // Checks of what the CLI refuses (docs/algorithm.md §4.5) that would otherwise change the draw silently.
  const rowChecks = `SELECT
  count(*) FILTER (WHERE county_key IS NULL) AS unknown_county,
  count(*) FILTER (WHERE household_id = '' OR township = '' OR village = '') AS blank_key,
  count(*) FILTER (WHERE status IS NULL) AS unknown_status,
  count(*) FILTER (WHERE size_text <> '' AND (size IS NULL OR size < 1)) AS bad_size,
  count(*) AS all_rows
FROM rows`;
  b.add('row_checks', rowChecks, 'rows the CLI would refuse');
  b.check(
    'unknown_county',
    '(SELECT unknown_county FROM row_checks)',
    'rows whose county is not (or not uniquely) in the division table, or whose county_code and county disagree',
  );
  b.check('blank_key', '(SELECT blank_key FROM row_checks)', 'rows with a blank household_id, township or village');
  b.check('unknown_status', '(SELECT unknown_status FROM row_checks)', 'rows with an unknown status or household_type');
  b.check('bad_size', '(SELECT bad_size FROM row_checks)', 'rows whose household_size is not a positive whole number');
  b.check(
    'household_conflict',
    source.layout === 'household'
      ? '(SELECT count(*) FROM (SELECT household_id FROM rows WHERE valid GROUP BY household_id HAVING count(*) > 1) duplicates)'
      : '(SELECT count(*) FROM households WHERE records > 1 OR sources > 1)',
    source.layout === 'household'
      ? 'households that appear twice (or in both the registry and the non-poor table)'
      : 'households whose person rows lie in two villages (or in both the registry and the non-poor table)',
  );
  if (source.layout === 'person' && source.columns.person_id !== undefined) {
    b.check(
      'person_twice',
      "(SELECT count(*) FROM (SELECT person_id FROM rows WHERE valid AND person_id <> '' GROUP BY person_id HAVING count(*) > 1) twice)",
      'person_ids that appear twice',
    );
  }
  if (source.layout === 'person' && source.columns.relation !== undefined) {
    b.check(
      'no_head',
      '(SELECT count(*) FROM households WHERE NOT has_head)',
      'households without a 户主 row (relation 户主, 本人 or head; every household needs one)',
    );
    b.check(
      'two_heads',
      '(SELECT count(*) FROM households WHERE heads > 1)',
      'households with a second 户主 row (every household needs exactly one)',
    );
  }
  b.check(
    'village_conflict',
    '(SELECT count(*) FROM villages WHERE parents > 1 OR poor_max <> poor_min)',
    'villages under two townships or counties, 村代码 given to two village names, or villages marked both 是 and 否',
  );
  b.check('township_conflict', '(SELECT count(*) FROM townships WHERE parents > 1)', 'townships under two counties');
}
