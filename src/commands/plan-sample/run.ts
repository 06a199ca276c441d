/** `spotcheck plan-sample`'s work: the plan for the target margin, and what evaluate's design gives under the same assumptions. */
import {
  type CountyDesign,
  designWith,
  type PlanningAssumptions,
  planSample,
  type SamplePlan,
} from '../../core/planning.js';
import { HOUSEHOLD_STATUSES } from '../../core/vocabulary.js';
import type { PlanSampleOptions } from './spec.js';

export interface PlanSampleResult {
  readonly assumptions: PlanningAssumptions;
  readonly plan: SamplePlan;
  /** What `--counties` counties (evaluate's design, 20 by default) give under the same assumptions. */
  readonly comparison: CountyDesign;
}

/** The assumptions the options state: households per village are the households per status added up. */
function planningAssumptions(options: PlanSampleOptions): PlanningAssumptions {
  return {
    margin: options.margin,
    confidence: options.confidence,
    proportion: options.proportion,
    designEffect: options.designEffect,
    villagesPerCounty: options.villagesPerCounty,
    householdsPerVillage: HOUSEHOLD_STATUSES.reduce((sum, status) => sum + options.householdsPerStratum[status], 0),
    strata: options.strata,
    responseRate: options.responseRate,
  };
}

/** The plan and the comparison with evaluate's design. */
export function runPlanSample(options: PlanSampleOptions): PlanSampleResult {
  const assumptions = planningAssumptions(options);
  const plan = planSample(assumptions);
  return { assumptions, plan, comparison: designWith(assumptions, plan.designEffect.total, options.counties) };
}
