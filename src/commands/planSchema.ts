/**
 * The keys a plan file may hold (src/io/plan.ts), from the option specs: at the top, the options
 * every drawing command shares and the program's --lang; in "monthly", "evaluate" and "funds",
 * each command's own.
 */
import { loadPlan, type PlanSchema, withPlan } from '../io/plan.js';
import type { RawOptions } from './_shared/optionSpec.js';
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

/**
 * A drawing command's options with its plan file under the command line: the plan loaded (--plan,
 * else spotcheck.config.json), the keys that do not apply dropped, the result normalised, and the
 * plan's record kept for the manifest.
 */
export async function plannedOptions<T extends object>(
  command: 'monthly' | 'evaluate' | 'funds',
  raw: RawOptions,
  inapplicable: (merged: Readonly<Record<string, unknown>>) => readonly string[],
  normalise: (merged: RawOptions) => T,
): Promise<T & { readonly plan: Awaited<ReturnType<typeof loadPlan>>['record'] }> {
  const plan = await loadPlan(command, raw.plan as string | undefined, planSchema());
  // A plan's "xlsx": true (spotcheck init writes it) asks for the workbook of draws that have a
  // directory: a draw without --out writes none, rather than failing.
  const dropped = (merged: Readonly<Record<string, unknown>>) => [
    ...inapplicable(merged),
    ...(merged.out === undefined ? ['xlsx'] : []),
  ];
  return { ...normalise(withPlan(plan, raw, dropped)), plan: plan.record };
}
