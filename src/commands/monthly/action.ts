/** What `spotcheck monthly` does when it runs (loaded by ./index.ts's action only): the draw, its outputs and what it prints. */
import { levelLabel } from '../../render/drawNames.js';
import { performDraw, workbookSummary } from '../_shared/draw.js';
import type { RawOptions } from '../_shared/optionSpec.js';
import { normaliseDrawOptions } from '../_shared/options.js';
import { plannedOptions } from '../plannedOptions.js';
import { monthlyJson, runMonthly } from './run.js';
import { MONTHLY_OPTIONS, monthlyPlanInapplicable } from './spec.js';
import { monthlySummary } from './summary.js';

/** The monthly draw of the registries with the options given (and a plan's). */
export async function monthlyAction(registries: string[], raw: RawOptions): Promise<void> {
  const options = await plannedOptions('monthly', raw, monthlyPlanInapplicable, (merged) =>
    normaliseDrawOptions(MONTHLY_OPTIONS, registries, merged),
  );
  await performDraw(options, options.registries, (baseDir, onProgress) => runMonthly(options, baseDir, onProgress), {
    json: monthlyJson,
    summary: (run, style) => monthlySummary(run, style, options.out),
    notice: async (run, settings) => (await import('./notice.js')).monthlyNotice(run, settings, options.noticeTitle),
    workbook: (run, settings) => ({
      summary: workbookSummary(
        run.manifest,
        `${levelLabel(run.options.level)}月度抽查 · ${run.scope.level === 'province' ? '全省' : run.scope.label}`,
        settings,
      ),
      households: run.tables.households,
      spares: run.tables.spares,
    }),
  });
}
