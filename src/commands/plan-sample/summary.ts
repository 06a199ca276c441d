/** What `spotcheck plan-sample` prints: the assumptions, the normal start, the t iteration, the plan and the comparison (text or JSON). */
import { HOUSEHOLD_STATUSES } from '../../core/vocabulary.js';
import { t } from '../../i18n.js';
import { count, type Style } from '../../render/style.js';
import type { PlanSampleResult } from './run.js';
import type { PlanSampleOptions } from './spec.js';

/**
 * A number as typed back: 12 significant digits, no trailing zeros (0.03, 0.5, 2.975; 64.8 for
 * 4 × 18 × 0.9). Not rounded to a fixed number of decimals, which would print a confidence of
 * 0.9999999999 as 100% or a margin of 0.0000001 as 0.
 */
const plainNumber = (value: number): string => String(Number(value.toPrecision(12)));

/** A share as a percentage: 95%, 90%, 99.5%. */
const percent = (value: number): string => `${plainNumber(value * 100)}%`;

/** A quantile or design effect, to 3 decimals; one that would show as 0.000 (--deff 0.0001) as typed. */
const three = (value: number): string => (value > 0 && value < 0.0005 ? plainNumber(value) : value.toFixed(3));

/** The plan as --json prints it. */
export function planSampleJson(options: PlanSampleOptions, result: PlanSampleResult): Record<string, unknown> {
  const { assumptions, plan, comparison } = result;
  const assumed = assumptions.designEffect;
  const design = (entry: PlanSampleResult['comparison']) => ({
    counties: entry.counties,
    villages: entry.villages,
    households: entry.households,
    respondents: entry.respondents,
    effective_sample_size: entry.effectiveSize,
    df: entry.df,
    t: entry.multiplier,
    margin: entry.margin,
    below_two_per_stratum: entry.belowTwoPerStratum,
  });
  const sizes = (entry: PlanSampleResult['plan']['normal']) => ({
    effective_sample_size: entry.effectiveSize,
    households: entry.households,
    villages: entry.villages,
    counties: entry.counties,
  });
  return {
    assumptions: {
      margin: assumptions.margin,
      confidence: assumptions.confidence,
      proportion: assumptions.proportion,
      deff: assumed.kind === 'given' ? assumed.deff : null,
      icc: assumed.kind === 'icc' ? assumed.icc : null,
      weighting_deff: assumed.kind === 'icc' ? assumed.weighting : null,
      response_rate: assumptions.responseRate,
      strata: assumptions.strata,
      villages_per_county: assumptions.villagesPerCounty,
      households: { ...options.householdsPerStratum },
      households_per_village: assumptions.householdsPerVillage,
    },
    design_effect: {
      total: plan.designEffect.total,
      clustering: plan.designEffect.clustering,
      weighting: plan.designEffect.weighting,
      respondents_per_county: plan.designEffect.respondentsPerCounty,
    },
    normal: { z: plan.normal.multiplier, ...sizes(plan.normal) },
    iterations: plan.steps.map((step) => ({
      counties: step.counties,
      df: step.df,
      t: step.multiplier,
      counties_needed: step.countiesNeeded,
    })),
    needed: { t: plan.needed.multiplier, ...sizes(plan.needed) },
    plan: {
      ...design(plan.plan),
      minimum_counties: plan.minimumCounties,
      limited_by: plan.limitedBy,
    },
    comparison: design(comparison),
  };
}

/** The terminal summary. */
export function planSampleSummary(options: PlanSampleOptions, result: PlanSampleResult, style: Style): string {
  const { assumptions, plan, comparison } = result;
  const { designEffect, normal } = plan;
  const assumed = assumptions.designEffect;
  const deff = three(designEffect.total);
  const rate = plainNumber(assumptions.responseRate);
  const lines = [
    style.bold(
      t('cmd.planSample.title', {
        margin: plainNumber(assumptions.margin),
        confidence: percent(assumptions.confidence),
        p: plainNumber(assumptions.proportion),
      }),
    ),
    t('cmd.planSample.design', {
      villages: assumptions.villagesPerCounty,
      households: assumptions.householdsPerVillage,
      sizes: HOUSEHOLD_STATUSES.map(
        (status) => `${t(`evaluate.status.${status}`)} ${options.householdsPerStratum[status]}`,
      ).join(' · '),
      strata: assumptions.strata,
      rate,
    }),
    assumed.kind === 'given'
      ? t('cmd.planSample.deffGiven', { deff })
      : t('cmd.planSample.deffIcc', {
          deff,
          b: plainNumber(designEffect.respondentsPerCounty),
          icc: plainNumber(assumed.icc),
          clustering: three(designEffect.clustering!),
          weighting: three(designEffect.weighting!),
        }),
    '',
    t('cmd.planSample.cochran', {
      z: three(normal.multiplier),
      p: plainNumber(assumptions.proportion),
      q: plainNumber(1 - assumptions.proportion),
      margin: plainNumber(assumptions.margin),
      n0: normal.effectiveSize.toFixed(1),
    }),
    t('cmd.planSample.normalSizes', {
      deff,
      rate,
      households: count(normal.households),
      villages: count(normal.villages),
      counties: count(normal.counties),
      z: three(normal.multiplier),
    }),
    t('cmd.planSample.iteration'),
  ];
  for (const [index, step] of plan.steps.entries()) {
    const line = t('cmd.planSample.step', {
      counties: count(step.counties),
      df: count(step.df),
      t: three(step.multiplier),
      needed: count(step.countiesNeeded),
    });
    lines.push(index === plan.steps.length - 1 ? `${line}${t('cmd.planSample.stable')}` : line);
  }
  const last = plan.steps[plan.steps.length - 1]!;
  if (plan.plan.counties < last.counties)
    lines.push(t('cmd.planSample.lowered', { counties: count(plan.plan.counties) }));
  lines.push(
    '',
    style.bold(
      t('cmd.planSample.plan', {
        counties: count(plan.plan.counties),
        villages: count(plan.plan.villages),
        households: count(plan.plan.households),
      }),
    ),
    t('cmd.planSample.planMargin', {
      margin: plan.plan.margin!.toFixed(4),
      t: three(plan.plan.multiplier!),
      df: count(plan.plan.df),
      respondents: count(Math.round(plan.plan.respondents)),
      effective: count(Math.round(plan.plan.effectiveSize)),
    }),
  );
  if (plan.limitedBy === 'two-per-stratum')
    lines.push(
      t('cmd.planSample.limitedByMinimum', {
        minimum: count(plan.minimumCounties),
        needed: count(plan.needed.counties),
      }),
    );
  const compared = {
    n: comparison.counties,
    villages: count(comparison.villages),
    households: count(comparison.households),
  };
  lines.push(
    '',
    comparison.margin === null
      ? style.yellow(t('cmd.planSample.comparisonNoDf', compared))
      : t('cmd.planSample.comparison', {
          ...compared,
          margin: comparison.margin.toFixed(4),
          t: three(comparison.multiplier!),
          df: count(comparison.df),
        }),
  );
  if (comparison.belowTwoPerStratum)
    lines.push(
      style.yellow(
        t('cmd.planSample.comparisonBelowTwo', {
          strata: assumptions.strata,
          n: comparison.counties,
          minimum: count(plan.minimumCounties),
        }),
      ),
    );
  lines.push('', style.dim(t('cmd.planSample.assumes')));
  return `${lines.join('\n')}\n`;
}
