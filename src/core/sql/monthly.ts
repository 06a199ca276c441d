/** The monthly draw's statement (spotcheck monthly): scope, village frame, frame, three stages, results. */
import { Builder, finalSelect, guardCte, probability, type Ticket } from './builder.js';
import type { SqlDialect } from './dialect.js';
import { MONTHLY_RESULT_COLUMNS, type MonthlySelect, type SqlMonthlyParameters, type SqlSource } from './parameters.js';
import { divisionsCte, registryCtes } from './registry.js';

export function monthlyStatement(
  dialect: SqlDialect,
  source: SqlSource,
  p: SqlMonthlyParameters,
  select: MonthlySelect,
): string {
  const b = new Builder(dialect, source);
  divisionsCte(b);
  registryCtes(b, null);
  settingsCte(b, p);
  frameCtes(b, p);
  const context = ['monthly', p.month, p.level];
  const ticket = (stage: string, key: string) =>
    b.ticket(context, p.seed, stage, key, '(SELECT scope_key FROM settings)');
  stageCtes(b, p, ticket);
  guardCte(b);
  return monthlyResult(b, select);
}

/** `settings`: the scope key (the ticket context; a township matched in the table) and the village frame rule. */
function settingsCte(b: Builder, p: SqlMonthlyParameters): void {
  const scope = p.scope;
  let scopeKey: string;
  if (scope.level === 'township') {
    const wanted = b.lit(scope.text);
    b.add(
      'scope_townships',
      `SELECT DISTINCT t.township_key
FROM townships t
JOIN divisions d ON d.county_code = t.county_key
WHERE t.township_key = ${wanted} OR t.township = ${wanted}
   OR d.county || '›' || t.township = ${wanted} OR t.county_key || '›' || t.township = ${wanted}
   OR d.prefecture || '›' || d.county || '›' || t.township = ${wanted}`,
      'the township of --scope, matched as the CLI does (key, code, name, county›township …)',
    );
    b.check(
      'scope_matches',
      '(SELECT CASE WHEN count(*) = 1 THEN 0 ELSE 1 END FROM scope_townships)',
      `--scope ${scope.text} does not name exactly one township of the registry (give its code or key)`,
    );
    scopeKey = '(SELECT min(township_key) FROM scope_townships)';
  } else {
    scopeKey = b.lit(scope.level === 'province' ? '' : scope.key);
  }
  const villageFrame =
    p.villageFrame === 'auto'
      ? "CASE WHEN (SELECT count(*) FROM villages WHERE poor_max IS NOT NULL) > 0 THEN 'poor' ELSE 'all' END"
      : b.lit(p.villageFrame);
  b.add(
    'settings',
    `SELECT ${scopeKey} AS scope_key, ${villageFrame} AS village_frame`,
    'scope key (the ticket context) and village frame rule (auto: poor if any village is marked)',
  );
}

/** The frame (§4.6): villages in scope under the village frame rule, their frame households, the frame counties. */
function frameCtes(b: Builder, p: SqlMonthlyParameters): void {
  const scope = p.scope;
  const inScope =
    scope.level === 'province'
      ? 'TRUE'
      : scope.level === 'prefecture'
        ? 'd.prefecture_code = s.scope_key'
        : scope.level === 'county'
          ? 'v.county_key = s.scope_key'
          : 'v.township_key = s.scope_key';
  b.add(
    'frame_villages',
    `SELECT v.village_key, v.village_code, v.village, v.township_key, t.township, v.county_key, d.prefecture_code, d.prefecture, d.county
FROM villages v
JOIN townships t ON t.township_key = v.township_key
JOIN divisions d ON d.county_code = v.county_key
CROSS JOIN settings s
WHERE ${inScope} AND (s.village_frame = 'all' OR v.poor_max = 1)`,
    'the frame (§4.6): villages in scope that pass the village frame rule',
  );
  b.add(
    'frame_households',
    `SELECT h.household_id, h.village_key, h.status, h.household_size, h.persons
FROM households h
JOIN frame_villages v ON v.village_key = h.village_key
WHERE h.status IN (${b.list(p.statuses)})`,
  );
  b.add(
    'village_strata',
    `SELECT v.*, c.households AS frame_households, c.persons AS frame_persons
FROM frame_villages v
JOIN (SELECT village_key, count(*) AS households, sum(persons) AS persons FROM frame_households GROUP BY village_key) c ON c.village_key = v.village_key`,
    'villages with frame households',
  );
  b.add(
    'county_strata',
    `SELECT county_key, prefecture_code, prefecture, county, count(*) AS frame_villages, sum(frame_households) AS frame_households
FROM village_strata
GROUP BY county_key, prefecture_code, prefecture, county`,
    'frame counties',
  );
  b.check(
    'empty_frame',
    '(SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM county_strata)',
    'the frame is empty: no household of the chosen statuses in the scope and village frame',
  );
}

/** Stages 1–3: counties (unless the scope fixes one), villages and households, each by ticket. */
function stageCtes(b: Builder, p: SqlMonthlyParameters, ticket: Ticket): void {
  // Stage 1.
  if (p.counties !== null) {
    b.add(
      'county_ranks',
      `SELECT t.*, row_number() OVER (ORDER BY ${b.order('t.ticket', 't.county_key')}) AS rank, count(*) OVER () AS counties_in_frame
FROM (SELECT c.*, ${ticket('county', 'c.county_key')} AS ticket FROM county_strata c) t`,
      'stage 1: frame counties by ticket',
    );
    b.add(
      'drawn_counties',
      `SELECT r.*, least(${p.counties}, r.counties_in_frame) AS counties_drawn FROM county_ranks r WHERE r.rank <= ${p.counties}`,
    );
  } else {
    b.add(
      'drawn_counties',
      'SELECT c.*, CAST(NULL AS VARCHAR) AS ticket, CAST(NULL AS BIGINT) AS rank, 1 AS counties_in_frame, 1 AS counties_drawn FROM county_strata c',
      'stage 1: the scope fixes the county (N = n = 1, no ticket)',
    );
  }
  // Stage 2.
  b.add(
    'village_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.county_key ORDER BY ${b.order('t.ticket', 't.village_key')}) AS rank,
  count(*) OVER (PARTITION BY t.county_key) AS villages_in_county
FROM (
  SELECT v.*, ${ticket('village', 'v.village_key')} AS ticket, c.rank AS county_rank, c.counties_in_frame, c.counties_drawn
  FROM village_strata v JOIN drawn_counties c ON c.county_key = v.county_key
) t`,
    'stage 2: villages of each drawn county by ticket',
  );
  b.add(
    'drawn_villages',
    `SELECT r.*, least(${p.villagesPerCounty}, r.villages_in_county) AS villages_drawn FROM village_ranks r WHERE r.rank <= ${p.villagesPerCounty}`,
  );
  // Stage 3.
  b.add(
    'household_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.village_key ORDER BY ${b.order('t.ticket', 't.household_id')}) AS rank,
  count(*) OVER (PARTITION BY t.village_key) AS households_in_village
FROM (
  SELECT h.*, ${ticket('household', 'h.household_id')} AS ticket,
    v.prefecture, v.county_key, v.county, v.township, v.village, v.county_rank, v.rank AS village_rank,
    v.counties_in_frame, v.counties_drawn, v.villages_in_county, v.villages_drawn
  FROM frame_households h JOIN drawn_villages v ON v.village_key = h.village_key
) t`,
    'stage 3: frame households of each drawn village by ticket',
  );
  b.add(
    'drawn_households',
    `SELECT r.*, least(${p.householdsPerVillage}, r.households_in_village) AS households_drawn FROM household_ranks r WHERE r.rank <= ${p.householdsPerVillage}`,
  );
}

/** The statement of one result: its columns, probabilities and weights, in the CLI's order. */
function monthlyResult(b: Builder, select: MonthlySelect): string {
  const columns = MONTHLY_RESULT_COLUMNS[select];
  switch (select) {
    case 'frame':
      return finalSelect(
        b,
        columns,
        `SELECT (SELECT count(*) FROM county_strata) AS counties, (SELECT count(*) FROM village_strata) AS villages,
  (SELECT coalesce(sum(frame_households), 0) FROM village_strata) AS households, (SELECT coalesce(sum(frame_persons), 0) FROM village_strata) AS persons,
  s.village_frame, s.scope_key, 1 AS sort_1, 1 AS sort_2, 1 AS sort_3, 1 AS sort_4
FROM settings s`,
        'sort_1',
      );
    case 'counties':
      return finalSelect(
        b,
        columns,
        `SELECT prefecture_code, prefecture, county_key AS county_code, county, ticket, rank, counties_in_frame, counties_drawn,
  ${probability(['counties_drawn'], ['counties_in_frame'])} AS county_probability,
  ${probability(['counties_drawn'], ['counties_in_frame'])} AS probability,
  ${probability(['counties_in_frame'], ['counties_drawn'])} AS weight,
  frame_villages, frame_households,
  rank AS sort_1, county_key AS sort_2, 0 AS sort_3, 0 AS sort_4
FROM drawn_counties`,
        `sort_1, ${b.d.bytes('sort_2')}`,
      );
    case 'villages':
      return finalSelect(
        b,
        columns,
        `SELECT prefecture, county_key AS county_code, county, township_key, township, village_key, NULLIF(village_code, '') AS village_code, village,
  ticket, rank, villages_in_county, villages_drawn,
  ${probability(['counties_drawn'], ['counties_in_frame'])} AS county_probability,
  ${probability(['villages_drawn'], ['villages_in_county'])} AS village_probability,
  ${probability(['counties_drawn', 'villages_drawn'], ['counties_in_frame', 'villages_in_county'])} AS probability,
  ${probability(['counties_in_frame', 'villages_in_county'], ['counties_drawn', 'villages_drawn'])} AS weight,
  frame_households,
  county_rank AS sort_1, rank AS sort_2, 0 AS sort_3, 0 AS sort_4
FROM drawn_villages`,
        'sort_1, sort_2',
      );
    case 'households':
      return finalSelect(
        b,
        columns,
        `SELECT household_id, prefecture, county_key AS county_code, county, township, village_key, village, status, household_size, persons,
  ticket, rank, households_in_village, households_drawn,
  ${probability(['counties_drawn'], ['counties_in_frame'])} AS county_probability,
  ${probability(['villages_drawn'], ['villages_in_county'])} AS village_probability,
  ${probability(['households_drawn'], ['households_in_village'])} AS household_probability,
  ${probability(['counties_drawn', 'villages_drawn', 'households_drawn'], ['counties_in_frame', 'villages_in_county', 'households_in_village'])} AS probability,
  ${probability(['counties_in_frame', 'villages_in_county', 'households_in_village'], ['counties_drawn', 'villages_drawn', 'households_drawn'])} AS weight,
  county_rank AS sort_1, village_rank AS sort_2, rank AS sort_3, 0 AS sort_4
FROM drawn_households`,
        'sort_1, sort_2, sort_3',
      );
  }
}
