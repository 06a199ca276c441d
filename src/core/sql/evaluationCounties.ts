/**
 * Stage 1 of the evaluation draw: the allocation of counties to strata (src/core/allocation.ts
 * step by step: bounded proportional quotas, largest remainder), then their selection in each
 * stratum, by simple random sampling or by systematic PPS with certainty units (src/core/pps.ts).
 */
import { double } from './dialect.js';
import type { Builder, Ticket } from './builder.js';
import type { SqlEvaluationParameters } from './parameters.js';

/** `allocation`: the counties allocated to each stratum. */
export function allocationCtes(b: Builder, p: SqlEvaluationParameters): void {
  allocationBoundCtes(b, p);
  allocationQuotaCtes(b);
  allocationRoundingCtes(b);
}

/** The bounds 1 ≤ n_h ≤ N_h and measure m_h of each stratum, which strata fill the quota, the target. */
function allocationBoundCtes(b: Builder, p: SqlEvaluationParameters): void {
  const total = p.counties;
  const units = p.countySelection === 'pps' ? 'positive' : 'counties';
  const measure =
    p.allocation === 'equal' ? '1' : p.allocation === 'households' ? 'greatest(registered, 0)' : 'counties';
  b.add(
    'alloc_bounds',
    `SELECT s.stratum, ${units} AS upper, CASE WHEN least(${total}, e.capacity) >= e.eligible THEN 1 ELSE 0 END AS lower, CAST(${measure} AS BIGINT) AS m
FROM strata s
CROSS JOIN (SELECT count(*) AS eligible, coalesce(sum(${units}), 0) AS capacity FROM strata WHERE ${units} > 0) e
WHERE s.${units} > 0`,
    `allocation (--allocation ${p.allocation}, --counties ${total}): bounds 1 ≤ n_h ≤ ${p.countySelection === 'pps' ? 'counties of size > 0' : 'counties'}, measure m_h`,
  );
  b.add(
    'alloc_mode',
    `SELECT x.target, (x.weighted = 0 OR x.weighted_upper + x.unweighted_lower < x.target) AS fill_unweighted
FROM (
  SELECT least(${total}, coalesce(sum(upper), 0)) AS target, count(*) FILTER (WHERE m > 0) AS weighted,
    coalesce(sum(upper) FILTER (WHERE m > 0), 0) AS weighted_upper, coalesce(sum(lower) FILTER (WHERE m <= 0), 0) AS unweighted_lower
  FROM alloc_bounds
) x`,
  );
  b.add(
    'alloc_fill',
    `SELECT a.stratum, a.lower, a.upper, a.m,
  CASE WHEN o.fill_unweighted THEN a.m <= 0 ELSE a.m > 0 END AS active,
  CASE WHEN o.fill_unweighted THEN 1 ELSE a.m END AS m_fill,
  CASE WHEN o.fill_unweighted THEN a.upper ELSE a.lower END AS fixed
FROM alloc_bounds a CROSS JOIN alloc_mode o`,
    'the strata whose quota is filled (measure > 0, or, when they cannot take the total, the others with measure 1)',
  );
  b.add(
    'alloc_target',
    `SELECT o.target - coalesce((SELECT sum(fixed) FROM alloc_fill WHERE NOT active), 0) AS t,
  ${double('coalesce((SELECT sum(lower) FROM alloc_fill WHERE active), 0)')} AS s0
FROM alloc_mode o`,
  );
}

/** The quotas: λ with Σ clamp(λ·m_h, lower_h, upper_h) = target, and their floors. */
function allocationQuotaCtes(b: Builder): void {
  const { d } = b;
  const clampAt = (lambda: string) =>
    `least(${double('f.upper')}, greatest(${double('f.lower')}, ${lambda} * ${double('f.m_fill')}))`;
  b.add(
    'alloc_breaks',
    `SELECT DISTINCT x.b FROM (
  SELECT ${double('lower')} / ${double('m_fill')} AS b FROM alloc_fill WHERE active
  UNION ALL
  SELECT ${double('upper')} / ${double('m_fill')} AS b FROM alloc_fill WHERE active
) x`,
  );
  b.add(
    'alloc_sums',
    `SELECT k.b, sum(${clampAt('k.b')} ORDER BY ${d.bytes('f.stratum')}) AS s
FROM alloc_breaks k CROSS JOIN alloc_fill f
WHERE f.active
GROUP BY k.b`,
    'Σ clamp(b·m_h, lower_h, upper_h) at each breakpoint, summed in stratum order as the CLI does',
  );
  b.add(
    'alloc_steps',
    `SELECT s.b, s.s, coalesce(lag(s.b) OVER (ORDER BY s.b), 0) AS prev_b, coalesce(lag(s.s) OVER (ORDER BY s.b), t.s0) AS prev_s, t.t, t.s0
FROM alloc_sums s CROSS JOIN alloc_target t`,
  );
  b.add(
    'alloc_lambda',
    `SELECT CASE
  WHEN ${double('t.t')} <= t.s0 THEN ${double('0')}
  ELSE coalesce(
    (SELECT CASE WHEN st.s = st.prev_s THEN st.b ELSE st.prev_b + ((${double('st.t')} - st.prev_s) * (st.b - st.prev_b)) / (st.s - st.prev_s) END
     FROM alloc_steps st WHERE st.s >= ${double('st.t')} ORDER BY st.b LIMIT 1),
    (SELECT max(b) FROM alloc_steps),
    ${double('0')})
END AS lambda
FROM alloc_target t`,
    'λ with Σ clamp(λ·m_h) = target, interpolated between breakpoints',
  );
  b.add(
    'alloc_floor',
    `SELECT q.*, floor(q.q + ${double('1e-9')}) AS fl
FROM (
  SELECT f.stratum, f.upper, f.m, CASE WHEN f.active THEN ${clampAt('l.lambda')} ELSE ${double('f.fixed')} END AS q
  FROM alloc_fill f CROSS JOIN alloc_lambda l
) q`,
  );
}

/** Largest remainder rounding of the quotas: `allocation`. */
function allocationRoundingCtes(b: Builder): void {
  const { d } = b;
  const remainderOrder = `a.q - a.fl DESC, a.m DESC, ${d.bytes('a.stratum')}`;
  b.add(
    'alloc_ranked',
    `SELECT a.*,
  CASE WHEN a.fl < a.upper THEN row_number() OVER (PARTITION BY a.fl < a.upper ORDER BY ${remainderOrder}) END AS round_1,
  CASE WHEN a.fl + 1 < a.upper THEN row_number() OVER (PARTITION BY a.fl + 1 < a.upper ORDER BY ${remainderOrder}) END AS round_2
FROM alloc_floor a`,
    'largest remainder: ties by the larger measure, then stratum in code point order; at most two rounds',
  );
  b.add(
    'allocation',
    `SELECT s.stratum, s.counties, s.positive, s.registered,
  coalesce(CAST(r.fl AS BIGINT) + CASE WHEN r.round_1 <= x.left_1 THEN 1 ELSE 0 END + CASE WHEN r.round_2 <= x.left_1 - x.room_1 THEN 1 ELSE 0 END, 0) AS allocated
FROM strata s
LEFT JOIN alloc_ranked r ON r.stratum = s.stratum
CROSS JOIN (
  SELECT (SELECT target FROM alloc_mode) - CAST(coalesce(sum(fl), 0) AS BIGINT) AS left_1, count(*) FILTER (WHERE fl < upper) AS room_1 FROM alloc_floor
) x`,
    'counties allocated to each stratum',
  );
}

/** Stage 1 (srs): the allocated number of smallest tickets in each stratum. */
export function srsCountyCtes(b: Builder): void {
  b.add(
    'drawn_counties',
    `SELECT r.*, a.allocated AS counties_drawn, 'srs' AS county_selection, CAST(a.allocated AS BIGINT) AS p_num, CAST(r.counties_in_stratum AS BIGINT) AS p_den
FROM county_ranks r JOIN allocation a ON a.stratum = r.stratum
WHERE r.rank <= a.allocated`,
    'stage 1 (srs): the allocated number of smallest tickets in each stratum; π₁ = n_h / N_h',
  );
  b.add('certainty', 'SELECT stratum, 0 AS certain FROM allocation');
}

/** Stage 1 (pps): certainty counties, then systematic PPS among the others. */
export function ppsCountyCtes(b: Builder, ticket: Ticket): void {
  ppsCertaintyCtes(b, ticket);
  ppsSystematicCtes(b);
}

/** Counties of equal size, the certainty sizes, the random start of each stratum, n′ and X′. */
function ppsCertaintyCtes(b: Builder, ticket: Ticket): void {
  const { d } = b;
  b.add(
    'pps_groups',
    `SELECT g.*,
  coalesce(sum(g.members) OVER (PARTITION BY g.stratum ORDER BY g.size DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS members_before,
  coalesce(sum(g.members * g.size) OVER (PARTITION BY g.stratum ORDER BY g.size DESC ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS size_before,
  sum(g.members * g.size) OVER (PARTITION BY g.stratum) AS total_size
FROM (
  SELECT r.stratum, r.size, count(*) AS members, a.allocated
  FROM county_ranks r JOIN allocation a ON a.stratum = r.stratum
  WHERE r.size > 0
  GROUP BY r.stratum, r.size, a.allocated
) g`,
    'stage 1 (pps): counties of equal size, largest first',
  );
  b.add(
    'pps_certain_sizes',
    `SELECT c.stratum, c.size
FROM (
  SELECT g.stratum, g.size,
    min(CASE WHEN (g.allocated - g.members_before) * g.size >= g.total_size - g.size_before THEN 1 ELSE 0 END)
      OVER (PARTITION BY g.stratum ORDER BY g.size DESC ROWS UNBOUNDED PRECEDING) AS all_so_far
  FROM pps_groups g
) c
WHERE c.all_so_far = 1`,
    'certainty units (src/core/pps.ts): while n′·x ≥ X′, taken with π = 1 and removed from n′ and X′',
  );
  b.add(
    'pps_start',
    `SELECT a.stratum, ${ticket('county-start', 'a.stratum')} AS start_ticket FROM allocation a`,
    'the ticket that gives each stratum its random start',
  );
  b.add(
    'pps_remaining',
    `SELECT a.stratum, a.allocated - coalesce(c.certain, 0) AS n_open, coalesce(t.total_size, 0) - coalesce(c.certain_size, 0) AS x_open, coalesce(c.certain, 0) AS certain,
  ${d.big(`(${hexPrefixValue('p.start_ticket')})`)} AS start
FROM allocation a
JOIN pps_start p ON p.stratum = a.stratum
LEFT JOIN (SELECT r.stratum, count(*) AS certain, sum(r.size) AS certain_size FROM county_ranks r JOIN pps_certain_sizes s ON s.stratum = r.stratum AND s.size = r.size GROUP BY r.stratum) c ON c.stratum = a.stratum
LEFT JOIN (SELECT stratum, sum(size) AS total_size FROM county_ranks WHERE size > 0 GROUP BY stratum) t ON t.stratum = a.stratum`,
    'n′ and X′ after the certainty units; the random start U = first 13 hex digits of the county-start ticket',
  );
}

/** Systematic PPS in exact integers among the other counties; `drawn_counties` and `certainty`. */
function ppsSystematicCtes(b: Builder): void {
  const { d } = b;
  const scale = '4503599627370496';
  b.add(
    'pps_open',
    `SELECT o.*, ${d.big('o.cumulative - o.size')} * ${d.big('m.n_open')} * ${scale} AS lower_scaled, ${d.big('o.cumulative')} * ${d.big('m.n_open')} * ${scale} AS upper_scaled,
  m.start * ${d.big('m.x_open')} AS base, ${d.big('m.x_open')} * ${scale} AS spacing, m.n_open, m.x_open
FROM (
  SELECT r.*, sum(r.size) OVER (PARTITION BY r.stratum ORDER BY r.rank ROWS UNBOUNDED PRECEDING) AS cumulative
  FROM county_ranks r
  WHERE r.size > 0 AND NOT EXISTS (SELECT 1 FROM pps_certain_sizes s WHERE s.stratum = r.stratum AND s.size = r.size)
) o
JOIN pps_remaining m ON m.stratum = o.stratum
WHERE m.n_open > 0 AND m.x_open > 0`,
    'the other counties in ticket order, cumulative sizes S_i; points (U + k·2⁵²)·X′ against S·n′·2⁵² in exact integers',
  );
  const firstPoint = `CASE WHEN o.lower_scaled <= o.base THEN ${d.big('0')} ELSE ${d.divide('o.lower_scaled - o.base + o.spacing - 1', 'o.spacing')} END`;
  b.add(
    'pps_chosen',
    `SELECT o.stratum, o.county_key
FROM (SELECT o.*, ${firstPoint} AS k FROM pps_open o) o
WHERE o.k < o.n_open AND o.base + o.k * o.spacing < o.upper_scaled`,
    'a county is taken when the first point at or after S_{i−1} falls before S_i',
  );
  b.add(
    'drawn_counties',
    `SELECT r.*, a.allocated AS counties_drawn,
  CASE WHEN s.size IS NOT NULL THEN 'certainty' ELSE 'pps' END AS county_selection,
  CAST(CASE WHEN s.size IS NOT NULL THEN 1 ELSE m.n_open * r.size END AS BIGINT) AS p_num,
  CAST(CASE WHEN s.size IS NOT NULL THEN 1 ELSE m.x_open END AS BIGINT) AS p_den
FROM county_ranks r
JOIN allocation a ON a.stratum = r.stratum
JOIN pps_remaining m ON m.stratum = r.stratum
LEFT JOIN pps_certain_sizes s ON s.stratum = r.stratum AND s.size = r.size AND r.size > 0
WHERE s.size IS NOT NULL OR EXISTS (SELECT 1 FROM pps_chosen c WHERE c.stratum = r.stratum AND c.county_key = r.county_key)`,
    'stage 1 (pps): certainty counties (π₁ = 1) and systematic PPS (π₁ = n′·x / X′)',
  );
  b.add('certainty', 'SELECT stratum, certain FROM pps_remaining');
}

/** The first 13 hex digits of a ticket as an integer (0 ≤ U < 2⁵²), digit by digit. */
function hexPrefixValue(ticketExpression: string): string {
  const terms: string[] = [];
  for (let index = 0; index < 13; index++) {
    const power = 16n ** BigInt(12 - index);
    terms.push(
      `CAST(strpos('0123456789abcdef', substr(${ticketExpression}, ${index + 1}, 1)) - 1 AS BIGINT) * ${power}`,
    );
  }
  return terms.join('\n  + ');
}
