/**
 * Sample-size planning for the evaluation survey (`spotcheck plan-sample`): how many counties,
 * villages and households give a target margin of error for a proportion, under stated assumptions.
 * Pure arithmetic: plain numbers in, plain numbers out.
 *
 * - Simple random sampling: n₀ = z²·p(1−p)/e² respondents (Cochran, Sampling Techniques, 3rd ed.,
 *   1977, §4.4), z the normal quantile of the two-sided confidence level.
 * - Design effect: either given whole, or the clustering effect of the counties, the primary
 *   sampling units whose variation the estimator measures (Kish, Survey Sampling, 1965, ch. 5:
 *   deff = 1 + roh·(b̄ − 1)): deff_c = 1 + (b̄ − 1)·ρ with ρ the intra-class correlation of households within a county and b̄ the respondents per county
 *   (villages per county × households per village × response rate), times Kish's weighting effect
 *   1 + CV²(w) for unequal weights (Kish, "Weighting for unequal Pᵢ", J. Official Statistics 8, 1992):
 *   deff = deff_c · deff_w (Gabler, Häder and Lahiri, Survey Methodology 25, 1999, give the product
 *   a model basis).
 * - Households to draw: n₀·deff / response rate; villages: that over the households per village,
 *   counties: that over the villages per county, each rounded up; at least 2 counties per stratum
 *   (a stratum's variance needs two).
 * - The interval is Student's t with the design's degrees of freedom, counties − strata (as
 *   `estimate` makes it), so z is replaced by t₀.₉₇₅(df) and the counties recomputed until they are
 *   stable; the result is the fewest counties whose t margin meets the target.
 */
import { SpotcheckError } from '../errors.js';
import { msg } from '../messages/render.js';
import { normalQuantile } from './normal.js';
import { tQuantile } from './studentT.js';
import { count } from './textLayout.js';

/**
 * The most households a plan may need: more than a province's rural households is no sample but a
 * slip in the assumptions (and t's quantile on so many df is the normal's to print precision).
 */
const MAX_PLANNED_HOUSEHOLDS = 10_000_000;

/** The design effect assumed: given whole (--deff), or Kish's from an intra-class correlation (--icc). */
export type DesignEffectAssumption =
  | { readonly kind: 'given'; readonly deff: number }
  | { readonly kind: 'icc'; readonly icc: number; readonly weighting: number };

/** What a plan assumes. */
export interface PlanningAssumptions {
  /** e: the half-width of the interval wanted, as a proportion (0.03 = ±3 points). */
  readonly margin: number;
  /** The two-sided confidence level (0.95). */
  readonly confidence: number;
  /** p: the proportion expected (0.5 is the most conservative). */
  readonly proportion: number;
  readonly designEffect: DesignEffectAssumption;
  /** m: villages drawn in each county. */
  readonly villagesPerCounty: number;
  /** b: households drawn in each village (all statuses together). */
  readonly householdsPerVillage: number;
  /** H: county strata (each needs at least 2 counties). */
  readonly strata: number;
  /** The share of drawn households expected to answer (0 < r ≤ 1). */
  readonly responseRate: number;
}

/** The design effect a plan uses, and its parts when it is made from an intra-class correlation. */
export interface DesignEffect {
  readonly total: number;
  /** Kish's clustering effect 1 + (b̄ − 1)·ρ; null when the total is given. */
  readonly clustering: number | null;
  /** Kish's weighting effect 1 + CV²(w); null when the total is given. */
  readonly weighting: number | null;
  /** b̄: the respondents expected per county, m·b·r. */
  readonly respondentsPerCounty: number;
}

/** What a design of a given number of counties gives under the assumptions. */
export interface CountyDesign {
  readonly counties: number;
  readonly villages: number;
  readonly households: number;
  /** Households expected to answer: households × response rate (not rounded). */
  readonly respondents: number;
  /** Respondents over the design effect: the simple random sample with the same variance. */
  readonly effectiveSize: number;
  /** Counties − strata with a county (0 when no stratum has two). */
  readonly df: number;
  /** t quantile of (1 + confidence)/2 on df; null when df is 0. */
  readonly multiplier: number | null;
  /** The half-width of the interval at p; null when df is 0 (no t interval). */
  readonly margin: number | null;
  /** Fewer than 2 counties in some stratum (fewer than 2·strata counties). */
  readonly belowTwoPerStratum: boolean;
}

/** The households, villages and counties a multiplier needs (each rounded up). */
export interface SizesNeeded {
  readonly multiplier: number;
  /** n₀ = q²·p(1−p)/e², not rounded. */
  readonly effectiveSize: number;
  readonly households: number;
  readonly villages: number;
  readonly counties: number;
}

/** One round of the t iteration: the counties tried, their df and t, and the counties t then needs. */
export interface IterationStep {
  readonly counties: number;
  readonly df: number;
  readonly multiplier: number;
  readonly countiesNeeded: number;
}

export interface SamplePlan {
  readonly designEffect: DesignEffect;
  /** What the normal quantile z asks (Cochran's n₀): where the iteration starts. */
  readonly normal: SizesNeeded;
  /** The t iteration, from the normal start until the counties are stable. */
  readonly steps: readonly IterationStep[];
  /** 2 · strata. */
  readonly minimumCounties: number;
  /** What t on the plan's df asks. */
  readonly needed: SizesNeeded;
  /** The plan: the fewest counties whose t margin meets the target. */
  readonly plan: CountyDesign;
  /** Whether the margin or the minimum of 2 counties per stratum sets the counties. */
  readonly limitedBy: 'margin' | 'two-per-stratum';
}

/** Rounds up, forgiving a relative excess of 1e-12 (400.00000000000006 needs 400, not 401). */
const roundUp = (value: number): number => Math.ceil(value * (1 - 1e-12));

/** The design effect: given, or Kish's clustering effect times the weighting effect. */
export function designEffectOf(assumptions: PlanningAssumptions): DesignEffect {
  const respondentsPerCounty =
    assumptions.villagesPerCounty * assumptions.householdsPerVillage * assumptions.responseRate;
  const assumed = assumptions.designEffect;
  if (assumed.kind === 'given') return { total: assumed.deff, clustering: null, weighting: null, respondentsPerCounty };
  const clustering = 1 + (respondentsPerCounty - 1) * assumed.icc;
  return { total: clustering * assumed.weighting, clustering, weighting: assumed.weighting, respondentsPerCounty };
}

/** The two-sided quantile level of the confidence: (1 + confidence)/2 (0.975 for 0.95). */
const upperLevel = (confidence: number): number => (1 + confidence) / 2;

/** n₀ = q²·p(1−p)/e² (Cochran 1977, §4.4) with the multiplier q. */
export function effectiveSampleSize(multiplier: number, proportion: number, margin: number): number {
  return (multiplier * multiplier * proportion * (1 - proportion)) / (margin * margin);
}

/** The households to draw for an effective sample size: n₀·deff / r, rounded up. */
export function householdsNeeded(effectiveSize: number, deff: number, responseRate: number): number {
  return roundUp((effectiveSize * deff) / responseRate);
}

/** The households, villages and counties the multiplier q needs, each rounded up. */
function sizesNeeded(assumptions: PlanningAssumptions, deff: number, multiplier: number): SizesNeeded {
  const effectiveSize = effectiveSampleSize(multiplier, assumptions.proportion, assumptions.margin);
  const households = householdsNeeded(effectiveSize, deff, assumptions.responseRate);
  const villages = Math.ceil(households / assumptions.householdsPerVillage);
  const counties = Math.ceil(villages / assumptions.villagesPerCounty);
  return { multiplier, effectiveSize, households, villages, counties };
}

/**
 * What `counties` counties (m villages each, b households each village) give under the
 * assumptions: df = counties − strata with a county, and the margin t(df)·√(p(1−p)·deff / n_resp).
 */
export function designWith(assumptions: PlanningAssumptions, deff: number, counties: number): CountyDesign {
  const villages = counties * assumptions.villagesPerCounty;
  const households = villages * assumptions.householdsPerVillage;
  const respondents = households * assumptions.responseRate;
  const effectiveSize = respondents / deff;
  const df = Math.max(0, counties - Math.min(counties, assumptions.strata));
  const multiplier = df > 0 ? tQuantile(upperLevel(assumptions.confidence), df) : null;
  const p = assumptions.proportion;
  return {
    counties,
    villages,
    households,
    respondents,
    effectiveSize,
    df,
    multiplier,
    margin: multiplier === null ? null : multiplier * Math.sqrt((p * (1 - p)) / effectiveSize),
    belowTwoPerStratum: counties < 2 * assumptions.strata,
  };
}

/**
 * The plan: Cochran's n₀ with z gives the first counties (at least 2 per stratum; more than
 * MAX_PLANNED_HOUSEHOLDS households is refused); then z is
 * replaced by t on df = counties − strata and the counties recomputed until they no longer grow.
 * Since t falls as counties grow, the counties so found may in rare cases exceed the fewest that
 * meet the target by one or two; they are then lowered while the fewer still meet it.
 */
export function planSample(assumptions: PlanningAssumptions): SamplePlan {
  const designEffect = designEffectOf(assumptions);
  const deff = designEffect.total;
  const level = upperLevel(assumptions.confidence);
  const minimumCounties = 2 * assumptions.strata;
  const normal = sizesNeeded(assumptions, deff, normalQuantile(level));
  if (!(normal.households <= MAX_PLANNED_HOUSEHOLDS))
    throw new SpotcheckError(
      'USAGE',
      msg('core.planning.tooLarge', {
        households: Number.isFinite(normal.households) ? count(normal.households) : '∞',
        max: count(MAX_PLANNED_HOUSEHOLDS),
      }),
    );
  const tNeeds = (counties: number) => sizesNeeded(assumptions, deff, tQuantile(level, counties - assumptions.strata));
  const steps: IterationStep[] = [];
  let counties = Math.max(minimumCounties, normal.counties);
  for (let round = 0; round < 1000; round++) {
    const needs = tNeeds(counties);
    steps.push({
      counties,
      df: counties - assumptions.strata,
      multiplier: needs.multiplier,
      countiesNeeded: Math.max(minimumCounties, needs.counties),
    });
    if (needs.counties <= counties) break;
    counties = needs.counties;
  }
  while (counties - 1 >= minimumCounties && tNeeds(counties - 1).counties <= counties - 1) counties--;
  const needed = tNeeds(counties);
  return {
    designEffect,
    normal,
    steps,
    minimumCounties,
    needed,
    plan: designWith(assumptions, deff, counties),
    limitedBy: needed.counties < counties ? 'two-per-stratum' : 'margin',
  };
}
