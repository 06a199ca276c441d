/**
 * A drawing command's options with its plan file under the command line. The plan file's keys
 * (src/commands/planSchema.ts, from every drawing command's spec) are loaded only when there is a
 * plan file to check, so that a draw without one loads no other command's spec (issue 16).
 */
import { loadPlan, withPlan } from '../io/plan.js';
import type { RawOptions } from './_shared/optionSpec.js';

/**
 * The options with the plan loaded (--plan, else spotcheck.config.json), the keys that do not
 * apply dropped, the result normalised, and the plan's record kept for the manifest.
 */
export async function plannedOptions<T extends object>(
  command: 'monthly' | 'evaluate' | 'funds',
  raw: RawOptions,
  inapplicable: (merged: Readonly<Record<string, unknown>>) => readonly string[],
  normalise: (merged: RawOptions) => T,
): Promise<T & { readonly plan: Awaited<ReturnType<typeof loadPlan>>['record'] }> {
  const plan = await loadPlan(command, raw.plan as string | undefined, async () =>
    (await import('./planSchema.js')).planSchema(),
  );
  // A plan's "xlsx": true (spotcheck init writes it) asks for the workbook of draws that have a
  // directory: a draw without --out writes none, rather than failing.
  const dropped = (merged: Readonly<Record<string, unknown>>) => [
    ...inapplicable(merged),
    ...(merged.out === undefined ? ['xlsx'] : []),
  ];
  return { ...normalise(withPlan(plan, raw, dropped)), plan: plan.record };
}
