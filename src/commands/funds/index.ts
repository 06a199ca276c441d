/** `spotcheck funds`: the prefecture's fund-coverage check of the counties the province did not check. Its options are in ./spec.ts. */
import { Command } from 'commander';
import { t } from '../../i18n.js';
import { rowObjects } from '../../core/tables.js';
import { fundsSummary } from './summary.js';
import { runFunds, type FundsRun } from './run.js';
import { performDraw, workbookSummary } from '../_shared/draw.js';
import { exclusionCostNote } from '../_shared/exclusionOptions.js';
import { addOptions, normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { drawLanguage } from '../_shared/options.js';
import { plannedOptions } from '../planSchema.js';
import { fundsNotice } from './notice.js';
import { FUNDS_OPTIONS, fundsPlanInapplicable } from './spec.js';

/** The options as the command line (and a plan) gave them, checked and normalised, frozen (funds reveals no IDs). */
export function normaliseFundsOptions(registries: readonly string[], raw: RawOptions) {
  return Object.freeze({
    registries: Object.freeze([...registries]),
    ...normaliseOptions(FUNDS_OPTIONS, raw),
    revealIds: false,
    ...drawLanguage(),
  });
}

/** The whole result for --json. */
function fundsJson(run: FundsRun): Record<string, unknown> {
  return { manifest: run.manifest, counties: rowObjects(run.tables.counties), ranking: rowObjects(run.tables.ranking) };
}

export function fundsCommand(): Command {
  const command = new Command('funds')
    .summary(t('help.funds.summary'))
    .description(t('help.funds.description'))
    .argument('<registry...>', t('help.shared.registryFiles'));
  addOptions(command, FUNDS_OPTIONS)
    .addHelpText('after', exclusionCostNote())
    .addHelpText('after', t('help.funds.after'));
  return command.action(async (registries: string[], raw: RawOptions) => {
    const options = await plannedOptions('funds', raw, fundsPlanInapplicable, (merged) =>
      normaliseFundsOptions(registries, merged),
    );
    await performDraw(options, options.registries, (baseDir, onProgress) => runFunds(options, baseDir, onProgress), {
      json: fundsJson,
      summary: (run, style) => fundsSummary(run, style, options.out),
      notice: (run, settings) => fundsNotice(run, settings, options.noticeTitle),
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
  });
}
