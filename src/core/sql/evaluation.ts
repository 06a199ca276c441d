/** The evaluation draw's statement (spotcheck evaluate): frame, strata, stage 1 (evaluationCounties.ts), stages 2 and 3, results. */
import { HOUSEHOLD_STATUSES } from '../vocabulary.js';
import { Builder, finalSelect, guardCte, probability, type Ticket } from './builder.js';
import type { SqlDialect } from './dialect.js';
import { allocationCtes, ppsCountyCtes, srsCountyCtes } from './evaluationCounties.js';
import {
  EVALUATION_RESULT_COLUMNS,
  type EvaluationSelect,
  type SqlEvaluationParameters,
  type SqlSource,
} from './parameters.js';
import { divisionsCte, registryCtes } from './registry.js';

export function evaluationStatement(
  dialect: SqlDialect,
  source: SqlSource,
  p: SqlEvaluationParameters,
  select: EvaluationSelect,
): string {
  const b = new Builder(dialect, source);
  divisionsCte(b);
  registryCtes(b, p.nonpoorTable);
  const context = ['evaluate'];
  const ticket = (stage: string, key: string) => b.ticket(context, p.seed, stage, key);
  evaluationFrameCtes(b, p, ticket);
  allocationCtes(b, p);
  // Stage 1 selection.
  if (p.countySelection === 'srs') {
    srsCountyCtes(b);
  } else {
    ppsCountyCtes(b, ticket);
  }
  villageStageCtes(b, p, ticket);
  householdStageCtes(b, p, ticket);
  guardCte(b);
  return evaluationResult(b, select);
}

/** The evaluation frame: villages with a household, counties with their stratum and size, tickets and ranks of counties, strata. */
function evaluationFrameCtes(b: Builder, p: SqlEvaluationParameters, ticket: Ticket): void {
  b.add(
    'eval_villages',
    `SELECT v.village_key, v.village_code, v.village, v.township_key, t.township, v.county_key,
  count(*) FILTER (WHERE h.status = 'poor') AS poor_households,
  count(*) FILTER (WHERE h.status = 'exited') AS exited_households,
  count(*) FILTER (WHERE h.status = 'nonpoor') AS nonpoor_households
FROM villages v
JOIN townships t ON t.township_key = v.township_key
JOIN households h ON h.village_key = v.village_key
GROUP BY v.village_key, v.village_code, v.village, v.township_key, t.township, v.county_key`,
    'the evaluation frame: every village with a household (poor village or not)',
  );
  const stratum =
    p.strata === 'prefecture' ? 'd.prefecture' : `CASE WHEN d.poverty_county THEN '贫困县' ELSE '非贫困县' END`;
  b.add(
    'eval_counties',
    `SELECT v.county_key, d.prefecture_code, d.prefecture, d.county, ${stratum} AS stratum,
  count(*) AS frame_villages, CAST(sum(v.poor_households + v.exited_households) AS BIGINT) AS size
FROM eval_villages v
JOIN divisions d ON d.county_code = v.county_key
GROUP BY v.county_key, d.prefecture_code, d.prefecture, d.county, ${stratum}`,
    `counties, their stratum (--strata ${p.strata}) and size (registered households: the PPS measure)`,
  );
  b.check(
    'empty_frame',
    '(SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END FROM eval_counties)',
    'the frame is empty: the registry has no household',
  );
  b.add(
    'county_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.stratum ORDER BY ${b.order('t.ticket', 't.county_key')}) AS rank,
  count(*) OVER (PARTITION BY t.stratum) AS counties_in_stratum
FROM (SELECT c.*, ${ticket('county', 'c.county_key')} AS ticket FROM eval_counties c) t`,
  );
  b.add(
    'strata',
    `SELECT stratum, count(*) AS counties, count(*) FILTER (WHERE size > 0) AS positive, CAST(sum(size) AS BIGINT) AS registered
FROM eval_counties GROUP BY stratum`,
  );
}

/** Stage 2: the villages of each drawn county by ticket. */
function villageStageCtes(b: Builder, p: SqlEvaluationParameters, ticket: Ticket): void {
  b.add(
    'village_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.county_key ORDER BY ${b.order('t.ticket', 't.village_key')}) AS rank,
  count(*) OVER (PARTITION BY t.county_key) AS villages_in_county
FROM (
  SELECT v.*, ${ticket('village', 'v.village_key')} AS ticket, c.stratum, c.prefecture, c.county, c.county_selection, c.size AS county_size,
    c.counties_in_stratum, c.counties_drawn, c.p_num, c.p_den, c.rank AS county_rank
  FROM eval_villages v JOIN drawn_counties c ON c.county_key = v.county_key
) t`,
    'stage 2: villages of each drawn county by ticket',
  );
  b.add(
    'drawn_villages',
    `SELECT r.*, least(${p.villagesPerCounty}, r.villages_in_county) AS villages_drawn FROM village_ranks r WHERE r.rank <= ${p.villagesPerCounty}`,
  );
}

/** Stage 3: in each drawn village, households of each status by ticket, the sample then the spares. */
function householdStageCtes(b: Builder, p: SqlEvaluationParameters, ticket: Ticket): void {
  const asked = `CASE t.status ${HOUSEHOLD_STATUSES.map((status) => `WHEN '${status}' THEN ${p.householdsPerStratum[status]}`).join(' ')} END`;
  const wanted = HOUSEHOLD_STATUSES.filter((status) => p.householdsPerStratum[status] > 0);
  b.add(
    'household_ranks',
    `SELECT t.*, row_number() OVER (PARTITION BY t.village_key, t.status ORDER BY ${b.order('t.ticket', 't.household_id')}) AS rank,
  count(*) OVER (PARTITION BY t.village_key, t.status) AS households_in_stratum,
  ${asked} AS asked
FROM (
  SELECT h.household_id, h.status, ${ticket('household', 'h.household_id')} AS ticket,
    v.village_key, v.village, v.township, v.county_key, v.stratum, v.prefecture, v.county, v.county_selection, v.county_size,
    v.counties_in_stratum, v.counties_drawn, v.p_num, v.p_den, v.county_rank, v.rank AS village_rank, v.villages_in_county, v.villages_drawn
  FROM households h JOIN drawn_villages v ON v.village_key = h.village_key
  WHERE h.status IN (${wanted.length > 0 ? b.list(wanted) : "''"})
) t`,
    'stage 3: in each drawn village, households by status, each stratum by ticket',
  );
  b.add(
    'drawn_households',
    `SELECT r.*, least(r.asked, r.households_in_stratum) AS households_drawn,
  CASE WHEN r.rank <= least(r.asked, r.households_in_stratum) THEN 'sample' ELSE 'spare' END AS role
FROM household_ranks r
WHERE r.rank <= least(r.asked, r.households_in_stratum) + ${p.spares}`,
    `the sample, then --spares ${p.spares} spares next in ticket order`,
  );
}

/** The statement of one result: its columns, probabilities and weights, in the CLI's order. */
function evaluationResult(b: Builder, select: EvaluationSelect): string {
  const { d } = b;
  const countyOrder = 'stratum';
  const byStratum = `${d.bytes('sort_1')}, `;
  const columns = EVALUATION_RESULT_COLUMNS[select];
  switch (select) {
    case 'frame':
      return finalSelect(
        b,
        columns,
        `SELECT (SELECT count(*) FROM eval_counties) AS counties, (SELECT count(*) FROM eval_villages) AS villages,
  count(*) FILTER (WHERE status = 'poor') AS poor_households, count(*) FILTER (WHERE status = 'exited') AS exited_households,
  count(*) FILTER (WHERE status = 'nonpoor') AS nonpoor_households, 1 AS sort_1, 1 AS sort_2, 1 AS sort_3, 1 AS sort_4
FROM households`,
        'sort_1',
      );
    case 'strata':
      return finalSelect(
        b,
        columns,
        `SELECT a.stratum AS county_stratum, a.counties, a.registered AS registered_households, a.allocated AS counties_drawn, c.certain AS certainty_counties,
  a.stratum AS sort_1, 0 AS sort_2, 0 AS sort_3, 0 AS sort_4
FROM allocation a JOIN certainty c ON c.stratum = a.stratum`,
        `${byStratum}sort_2`,
      );
    case 'counties':
      return finalSelect(
        b,
        columns,
        `SELECT stratum AS county_stratum, prefecture, county_key AS county_code, county, county_selection, ticket, rank, size AS county_size,
  counties_in_stratum, counties_drawn, ${probability(['p_num'], ['p_den'])} AS county_probability, ${probability(['p_den'], ['p_num'])} AS weight, frame_villages,
  ${countyOrder} AS sort_1, rank AS sort_2, 0 AS sort_3, 0 AS sort_4
FROM drawn_counties`,
        `${byStratum}sort_2`,
      );
    case 'villages':
      return finalSelect(
        b,
        columns,
        `SELECT stratum AS county_stratum, county_key AS county_code, county, township, village_key, NULLIF(village_code, '') AS village_code, village, ticket, rank,
  villages_in_county, villages_drawn, ${probability(['p_num'], ['p_den'])} AS county_probability,
  ${probability(['villages_drawn'], ['villages_in_county'])} AS village_probability,
  ${probability(['p_num', 'villages_drawn'], ['p_den', 'villages_in_county'])} AS probability,
  poor_households, exited_households, nonpoor_households,
  ${countyOrder} AS sort_1, county_rank AS sort_2, rank AS sort_3, 0 AS sort_4
FROM drawn_villages`,
        `${byStratum}sort_2, sort_3`,
      );
    case 'households':
      return finalSelect(
        b,
        columns,
        `SELECT stratum AS county_stratum, prefecture, county_key AS county_code, county, county_selection, county_size, counties_in_stratum, counties_drawn,
  ${probability(['p_num'], ['p_den'])} AS county_probability,
  township, village_key, village, villages_in_county, villages_drawn, ${probability(['villages_drawn'], ['villages_in_county'])} AS village_probability,
  status AS household_stratum, village_key || '/' || status AS household_stratum_key, household_id, role,
  CASE WHEN role = 'spare' THEN rank - households_drawn END AS spare_order, ticket, rank,
  households_in_stratum, households_drawn, ${probability(['households_drawn'], ['households_in_stratum'])} AS household_probability,
  ${probability(['p_num', 'villages_drawn', 'households_drawn'], ['p_den', 'villages_in_county', 'households_in_stratum'])} AS probability,
  ${probability(['p_den', 'villages_in_county', 'households_in_stratum'], ['p_num', 'villages_drawn', 'households_drawn'])} AS weight,
  ${countyOrder} AS sort_1, county_rank AS sort_2, village_rank * 10 + CASE status WHEN 'poor' THEN 1 WHEN 'exited' THEN 2 ELSE 3 END AS sort_3, rank AS sort_4
FROM drawn_households`,
        `${byStratum}sort_2, sort_3, sort_4`,
      );
  }
}
