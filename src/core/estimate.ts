/**
 * Estimates from a returned evaluation frame: weighted proportions (the Horvitz–Thompson ratio
 * estimator Σ w·y / Σ w over responding households) with standard errors under the stratified
 * design, using the with-replacement ("ultimate cluster") approximation at the county stage and
 * Taylor linearisation (Wolter, Introduction to Variance Estimation, 2007, ch. 6; the method of R's
 * survey package, svymean on svydesign(ids=~county_code, strata=~county_stratum, weights=~weight)),
 * and 95% intervals p̂ ± t₀.₉₇₅(df)·SE with the design's degrees of freedom (Korn & Graubard,
 * Analysis of Health Surveys, 1999, §5.2), or the normal's z₀.₉₇₅ on request.
 *
 * Linearised values z_i = w_i·r_i·d_i·(y_i − p̂)/N̂ (r: responded, d: in the domain); PSU totals
 * z_hk; v(p̂) = Σ_h n_h/(n_h − 1)·Σ_k (z_hk − z̄_h)². A stratum with one PSU contributes z_h1²
 * (lonely PSU "adjust", centred at the grand mean, which is 0) or nothing ("certainty").
 *
 * The strata and clusters are the variance design's (src/core/varianceUnits.ts: a certainty county
 * is its own stratum with its villages as PSUs). Each estimate also carries its design effect and
 * the total Σ w·r·d·y (R's svytotal) with its SE, interval and design effect.
 *
 * A domain with no respondent, or whose respondents are all in one PSU, is flagged
 * (EstimateFlag) and given no standard error or interval, where the formula would give SE 0.
 */

import { calibrationResiduals, type RowCalibration } from './calibration.js';
import { betaQuantile, tQuantile } from './studentT.js';

export type LonelyPsu = 'adjust' | 'certainty';

/** One household of the returned frame, reduced to what the estimator needs. */
export interface EstimationRow {
  readonly stratum: string;
  readonly cluster: string;
  readonly weight: number;
  /** 1 or 0 for a response, null for a refusal or blank. */
  readonly value: 0 | 1 | null;
  readonly domain: string;
  /**
   * With calibration (src/core/calibration.ts: post-stratification or raking): what the variance
   * needs of the row; `weight` is then the calibrated weight, and the linearised values are replaced
   * by their residuals from the post-strata or margins (as R's postStratify, rake).
   */
  readonly calibration?: RowCalibration;
}

/**
 * Why an estimate has no standard error or interval: its domain has no respondent, or its
 * respondents are all in one county (one PSU): a design-based variance needs two or more, and the
 * linearised formula would give SE 0 and a zero-width interval (issue 17); or, for the interval
 * only, the design has no degrees of freedom ('no-df': every stratum has one county).
 */
export type EstimateFlag = 'no-respondents' | 'one-psu' | 'no-df';

export interface ProportionEstimate {
  readonly domain: string;
  /** Whether the domain is the rows whose --by cell is blank (named, never an unlabelled domain). */
  readonly blank: boolean;
  readonly estimate: number | null;
  readonly standardError: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Households with a response (in the domain). */
  readonly respondents: number;
  /** Households in the domain with no response (blank). */
  readonly nonResponse: number;
  /** Σ w over respondents: the estimated number of responding households. */
  readonly weightedRespondents: number;
  /** The PSUs (counties: stratum and cluster) with a respondent in the domain. */
  readonly psus: number;
  /**
   * The design effect of the proportion (R's svymean(…, deff = TRUE)): its variance over that of
   * simple random sampling without replacement of the respondents (srsVariance); null without an SE,
   * or where the SRS variance is 0 or undefined (p̂ = 0 or 1, Σw ≤ respondents).
   */
  readonly deff: number | null;
  /** The total: the estimated households answering yes (R's svytotal), with its SE, interval and deff. */
  readonly total: TotalEstimate;
  /** Null when the standard error and interval are given; else why not. */
  readonly flag: EstimateFlag | null;
}

/**
 * The estimated number of households of the domain answering yes, Σ w·r·d·y (Horvitz–Thompson;
 * non-respondents count 0, so it is the yes households among respondents, not adjusted for
 * non-response), with its linearised SE (z_i = w_i·r_i·d_i·y_i), its 95% interval total ± q·SE (the
 * proportions' t or normal multiplier: Korn–Graubard is for proportions only, and totals get the t
 * interval with the design's df under it), and its design effect (R's svytotal(…, deff = TRUE)).
 * Null where the proportion's estimate, SE or interval is null (the same flags).
 */
export interface TotalEstimate {
  readonly estimate: number | null;
  readonly standardError: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly deff: number | null;
}

/**
 * The default "no" answer of a yes answer, and the other way round (`estimate --no` replaces it):
 * 是/否, yes/no, y/n, true/false, 1/0, as written (Yes/No, YES/NO …).
 */
export const DEFAULT_NO: ReadonlyMap<string, string> = new Map(
  [
    ['是', '否'],
    ['yes', 'no'],
    ['Yes', 'No'],
    ['YES', 'NO'],
    ['y', 'n'],
    ['Y', 'N'],
    ['true', 'false'],
    ['True', 'False'],
    ['TRUE', 'FALSE'],
    ['1', '0'],
  ].flatMap(([yes, no]) => [
    [yes!, no!],
    [no!, yes!],
  ]),
);

/** The 97.5% quantile of the standard normal distribution (95% two-sided intervals). */
const Z_975 = 1.959963984540054;

/**
 * The weighted proportion of `value = 1` among responding rows of `domain` (all rows when domain is
 * null), with its linearised standard error and 95% interval (p̂ ± quantile·SE).
 */
export function estimateProportion(
  rows: readonly EstimationRow[],
  domain: string | null,
  lonelyPsu: LonelyPsu = 'adjust',
  /** How the 95% interval is made (intervalRule). */
  interval: IntervalRule = intervalRule('normal', Number.POSITIVE_INFINITY),
): ProportionEstimate {
  const inDomain = (row: EstimationRow) => domain === null || row.domain === domain;
  let weightSum = 0;
  let weightedYes = 0;
  let respondents = 0;
  let nonResponse = 0;
  const respondingPsus = new Set<string>();
  for (const row of rows) {
    if (!inDomain(row)) continue;
    if (row.value === null) {
      nonResponse++;
      continue;
    }
    respondents++;
    weightSum += row.weight;
    weightedYes += row.weight * row.value;
    respondingPsus.add(psuKey(row));
  }
  const base = {
    domain: domain ?? 'all',
    blank: domain === '',
    respondents,
    nonResponse,
    weightedRespondents: weightSum,
    psus: respondingPsus.size,
  };
  const none = { standardError: null, lower: null, upper: null, deff: null };
  const noTotal: TotalEstimate = { estimate: null, ...none };
  if (respondents === 0 || weightSum === 0)
    return { ...base, estimate: null, ...none, total: noTotal, flag: 'no-respondents' };
  const estimate = weightedYes / weightSum;
  // One county's households: the estimate stands, its variance cannot be estimated from the design.
  if (respondingPsus.size < 2)
    return { ...base, estimate, ...none, total: { ...noTotal, estimate: weightedYes }, flag: 'one-psu' };

  const answered = (row: EstimationRow): row is EstimationRow & { value: 0 | 1 } => inDomain(row) && row.value !== null;
  const variance = linearisedVariance(
    rows,
    (row) => (answered(row) ? (row.weight * (row.value - estimate)) / weightSum : 0),
    lonelyPsu,
  );
  const totalVariance = linearisedVariance(rows, (row) => (answered(row) ? row.weight * row.value : 0), lonelyPsu);
  const standardError = Math.sqrt(variance);
  const totalStandardError = Math.sqrt(totalVariance);
  const srs = srsVariance(estimate, respondents, weightSum);
  const deff = srs === null ? null : variance / srs;
  const totalDeff = srs === null ? null : totalVariance / (weightSum ** 2 * srs);
  const { kind, df, quantile } = interval;
  const total: TotalEstimate = {
    estimate: weightedYes,
    standardError: totalStandardError,
    lower: quantile === null ? null : weightedYes - quantile * totalStandardError,
    upper: quantile === null ? null : weightedYes + quantile * totalStandardError,
    deff: totalDeff,
  };
  const estimated = { ...base, estimate, standardError, deff, total };
  if (quantile === null) return { ...estimated, lower: null, upper: null, flag: 'no-df' };
  if (kind === 'korn-graubard') {
    // R's svyciprop takes degf() of the design it is given: in a domain (svyby), the domain's.
    const kornGraubardDf = domain === null ? df : designSize(rows.filter(inDomain)).df;
    if (kornGraubardDf < 1) return { ...estimated, lower: null, upper: null, flag: 'no-df' };
    const [lower, upper] = kornGraubard(
      estimate,
      standardError,
      respondents,
      respondents + nonResponse,
      kornGraubardDf,
    );
    return { ...estimated, lower, upper, flag: null };
  }
  return {
    ...estimated,
    lower: estimate - quantile * standardError,
    upper: estimate + quantile * standardError,
    flag: null,
  };
}

/**
 * The with-replacement variance of a linearised statistic: PSU totals z_hk of `linearised` per
 * stratum, v = Σ_h n_h/(n_h − 1)·Σ_k (z_hk − z̄_h)²; a stratum of one PSU adds z_h1² ('adjust') or
 * nothing ('certainty'). Every PSU of the design counts, even one with no row in the domain (its
 * total is 0), as R's survey package does for subsets (svyrecvar).
 */
function linearisedVariance(
  rows: readonly EstimationRow[],
  linearised: (row: EstimationRow) => number,
  lonelyPsu: LonelyPsu,
): number {
  // With calibration the linearised values are replaced by their residuals (calibratedResiduals).
  const values = calibratedResiduals(rows.map(linearised), rows);
  const strata = new Map<string, Map<string, number>>();
  for (const [index, row] of rows.entries()) {
    const clusters = strata.get(row.stratum) ?? new Map<string, number>();
    strata.set(row.stratum, clusters);
    clusters.set(row.cluster, (clusters.get(row.cluster) ?? 0) + values[index]!);
  }
  let variance = 0;
  for (const clusters of strata.values()) {
    const totals = [...clusters.values()];
    const count = totals.length;
    if (count === 1) {
      if (lonelyPsu === 'adjust') variance += totals[0]! ** 2;
      continue;
    }
    const mean = totals.reduce((sum, total) => sum + total, 0) / count;
    variance += (count / (count - 1)) * totals.reduce((sum, total) => sum + (total - mean) ** 2, 0);
  }
  return variance;
}

/**
 * The variance of p̂ under simple random sampling without replacement of n = `respondents` from a
 * population of N̂ = Σw = `weightSum`, the denominator of R's design effect (svymean(…, deff = TRUE),
 * survey 4.1: svyvar(y)·(N̂ − n)/(N̂·n), svyvar(y) = n/(n − 1)·p̂(1 − p̂)); the total's is N̂² times it
 * (svytotal). Null where it is 0 or undefined: n < 2, p̂ = 0 or 1, or N̂ ≤ n (R warns, or divides by 0).
 */
function srsVariance(estimate: number, respondents: number, weightSum: number): number | null {
  if (respondents < 2 || weightSum <= respondents) return null;
  const variance =
    ((respondents / (respondents - 1)) * estimate * (1 - estimate) * (weightSum - respondents)) /
    (weightSum * respondents);
  return variance > 0 ? variance : null;
}

/**
 * The Korn–Graubard 95% interval of a proportion (Korn & Graubard, "Confidence intervals for
 * proportions with small expected number of positive counts estimated from survey data", Survey
 * Methodology 24, 1998): the Clopper–Pearson interval at the effective sample size
 * n* = p̂(1 − p̂)/SE², times (t₀.₀₂₅(rows − 1)/t₀.₀₂₅(df))², as R's svyciprop(method = "beta") with
 * `rows` its nrow(design) (the domain's rows, respondents or not) and `df` its degf(design) (in a
 * domain, as svyby gives it: the PSUs with a row of the domain less their strata). It stays inside [0, 1] and is
 * not of zero width at p̂ = 0 or 1, where SE = 0: there n* is the respondents (Korn & Graubard's
 * rule; R gives NaN).
 */
function kornGraubard(
  estimate: number,
  standardError: number,
  respondents: number,
  rows: number,
  df: number,
): [number, number] {
  const variance = standardError ** 2;
  let effective = variance > 0 ? (estimate * (1 - estimate)) / variance : respondents;
  if (variance > 0 && rows > 1) effective *= (tQuantile(0.025, rows - 1) / tQuantile(0.025, df)) ** 2;
  const lower = estimate <= 0 ? 0 : betaQuantile(0.025, effective * estimate, effective * (1 - estimate) + 1);
  const upper = estimate >= 1 ? 1 : betaQuantile(0.975, effective * estimate + 1, effective * (1 - estimate));
  return [lower, upper];
}

/**
 * The linearised values as the variance takes them: unchanged, or, when the rows are calibrated
 * (every row carries `calibration`), their residuals from the post-strata or raking margins.
 */
function calibratedResiduals(values: readonly number[], rows: readonly EstimationRow[]): readonly number[] {
  if (rows.length === 0 || rows.some((row) => row.calibration === undefined)) return values;
  return calibrationResiduals(
    values,
    rows.map((row) => ({ calibration: row.calibration!, weight: row.weight })),
  );
}

/** A PSU's key: its stratum and its cluster (a county code may repeat across strata). */
const psuKey = (row: Pick<EstimationRow, 'stratum' | 'cluster'>) => `${row.stratum}\u001f${row.cluster}`;

/**
 * The design's size: its strata, its PSUs (counties), and its degrees of freedom, PSUs less strata
 * over the whole frame (R's degf(design)); the domains' intervals use those too, as R's
 * confint(svyby(…), df = degf(design)).
 */
export function designSize(rows: readonly Pick<EstimationRow, 'stratum' | 'cluster'>[]): {
  strata: number;
  psus: number;
  df: number;
} {
  const strata = new Set(rows.map((row) => row.stratum)).size;
  const psus = new Set(rows.map(psuKey)).size;
  return { strata, psus, df: psus - strata };
}

/** How a 95% interval is made: Student's t with the design's degrees of freedom (default), the normal, or Korn–Graubard's. */
export type IntervalKind = 't' | 'normal' | 'korn-graubard';

/**
 * How a two-sided 95% interval is made: its kind, the design's degrees of freedom, and the multiplier
 * of the SE, t₀.₉₇₅(df) or z₀.₉₇₅ (null when df < 1: every stratum has one county, and no t or
 * Korn–Graubard interval can be made).
 */
export interface IntervalRule {
  readonly kind: IntervalKind;
  readonly df: number;
  readonly quantile: number | null;
}

/** The interval rule of a kind on a design of `df` degrees of freedom. */
export function intervalRule(kind: IntervalKind, df: number): IntervalRule {
  if (kind === 'normal') return { kind, df, quantile: Z_975 };
  // Korn–Graubard's interval uses t₀.₀₂₅(df) in its effective sample size: it too needs df ≥ 1.
  return { kind, df, quantile: df >= 1 ? tQuantile(0.975, df) : null };
}
