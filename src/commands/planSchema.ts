/**
 * The keys a plan file may hold (src/io/plan.ts), from the option specs: at the top, the options
 * every drawing command shares and the program's --lang; in "monthly", "evaluate" and "funds",
 * each command's own. Loaded only when a plan file is read (src/commands/plannedOptions.ts),
 * since it takes every drawing command's spec.
 */
import type { PlanSchema } from '../io/plan.js';
import { planTable } from './_shared/optionSpec.js';
import { REGISTRY_OPTIONS, drawOutputOptions } from './_shared/options.js';
import { EVALUATE_PLAN_OPTIONS } from './evaluate/spec.js';
import { FUNDS_PLAN_OPTIONS } from './funds/spec.js';
import { MONTHLY_PLAN_OPTIONS } from './monthly/spec.js';

export const planSchema = (): PlanSchema => ({
  common: {
    ...planTable(REGISTRY_OPTIONS),
    ...planTable(drawOutputOptions('help.monthly.out')),
    lang: ['lang', 'string'],
  },
  sections: {
    monthly: planTable(MONTHLY_PLAN_OPTIONS),
    evaluate: planTable(EVALUATE_PLAN_OPTIONS),
    funds: planTable(FUNDS_PLAN_OPTIONS),
  },
});
