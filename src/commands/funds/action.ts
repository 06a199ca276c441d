/** What `spotcheck funds` does when it runs (loaded by ./index.ts's action only): the draw, its outputs and what it prints. */
import { rowObjects } from '../../core/tables.js';
import { fundsSummary } from './summary.js';
import { runFunds, type FundsRun } from './run.js';
import { performDraw, workbookSummary } from '../_shared/draw.js';
import type { RawOptions } from '../_shared/optionSpec.js';
import { normaliseDrawOptions } from '../_shared/options.js';
import { plannedOptions } from '../plannedOptions.js';
import { FUNDS_FIXED_OPTIONS, FUNDS_OPTIONS, fundsPlanInapplicable } from './spec.js';

/** The whole result for --json. */
function fundsJson(run: FundsRun): Record<string, unknown> {
  return { manifest: run.manifest, counties: rowObjects(run.tables.counties), ranking: rowObjects(run.tables.ranking) };
}

/** The funds draw of the registries with the options given (and a plan's). */
export async function fundsAction(registries: string[], raw: RawOptions): Promise<void> {
  const options = await plannedOptions('funds', raw, fundsPlanInapplicable, (merged) =>
    normaliseDrawOptions(FUNDS_OPTIONS, registries, merged, FUNDS_FIXED_OPTIONS),
  );
  await performDraw(options, options.registries, (baseDir, onProgress) => runFunds(options, baseDir, onProgress), {
    json: fundsJson,
    summary: (run, style) => fundsSummary(run, style, options.out),
    notice: async (run, settings) => (await import('./notice.js')).fundsNotice(run, settings, options.noticeTitle),
    workbook: (run, settings) => ({
      summary: workbookSummary(
        run.manifest,
        `资金量抽查 · ${run.scope.label} · ${run.options.method === 'pps' ? '按资金额成比例抽取' : '按覆盖率抽取'}`,
        settings,
      ),
      households: { columns: [], rows: [] },
      spares: null,
      tables: [
        { name: 'counties 抽中县', table: run.tables.counties },
        { name: 'ranking 排序', table: run.tables.ranking },
      ],
    }),
  });
}
