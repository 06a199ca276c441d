/** `spotcheck funds`: the prefecture's fund-coverage check of the counties the province did not check. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { parseShare, type FundsMethod } from '../../core/funds.js';
import { rowObjects } from '../../core/tables.js';
import { parseMonth, parsePositiveInteger, parseSeed, singleOption } from '../_shared/parse.js';
import { fundsSummary } from './summary.js';
import { runFunds, type FundsOptions, type FundsRun } from './run.js';
import {
  addDrawOutputOptions,
  addRegistryOptions,
  performDraw,
  workbookSummary,
  normaliseDrawOutput,
  normaliseRegistryOptions,
  type DrawOutputOptions,
  type RawOutputOptions,
  type RawRegistryOptions,
} from '../_shared/draw.js';
import { loadPlan, withPlan } from '../../io/plan.js';
import { planSchema } from '../planSchema.js';
import { fundsNotice } from './notice.js';
import { addExclusionFlags, exclusionFlags } from '../_shared/exclusionOptions.js';

interface RawFundsOptions extends RawRegistryOptions, RawOutputOptions {
  month?: string;
  seed?: string;
  scope?: string;
  coverage?: string;
  method?: string;
  counties?: string;
  funds?: string;
  exclude?: string[];
  excludeOtherRegistry?: boolean;
  excludeOtherMonth?: boolean;
}

export function normaliseFundsOptions(
  registries: readonly string[],
  raw: RawFundsOptions,
): Readonly<FundsOptions & DrawOutputOptions> {
  if (raw.scope === undefined) throw new SpotcheckError('USAGE', msg('cmd.funds.scopeRequired'));
  const method = (raw.method ?? 'coverage').trim().toLowerCase();
  if (method !== 'coverage' && method !== 'pps')
    throw new SpotcheckError('USAGE', msg('cmd.funds.methodInvalid', { got: String(raw.method) }));
  const coverage = parseShare(raw.coverage ?? '0.5');
  if (!coverage) throw new SpotcheckError('USAGE', msg('cmd.funds.coverageInvalid', { got: String(raw.coverage) }));
  if (method === 'pps' && raw.counties === undefined)
    throw new SpotcheckError('USAGE', msg('cmd.funds.ppsNeedsCounties'));
  if (method === 'coverage' && raw.counties !== undefined)
    throw new SpotcheckError('USAGE', msg('cmd.funds.countiesNeedPps'));
  if (method === 'pps' && raw.coverage !== undefined)
    throw new SpotcheckError('USAGE', msg('cmd.funds.coverageNeedsCoverageMethod'));
  return Object.freeze({
    registries: Object.freeze([...registries]),
    month: parseMonth(raw.month),
    seed: parseSeed(raw.seed),
    scope: raw.scope,
    method: method as FundsMethod,
    coverage,
    counties: raw.counties === undefined ? null : parsePositiveInteger('--counties', raw.counties),
    fundsFile: raw.funds ?? null,
    exclude: Object.freeze(
      (raw.exclude ?? []).map((path) =>
        Object.freeze({ path, stages: ['county' as const], reason: 'exclude' as const }),
      ),
    ),
    ...exclusionFlags(raw),
    ...normaliseRegistryOptions(raw),
    ...normaliseDrawOutput(raw),
  });
}

/** The whole result for --json. */
function fundsJson(run: FundsRun): Record<string, unknown> {
  return { manifest: run.manifest, counties: rowObjects(run.tables.counties), ranking: rowObjects(run.tables.ranking) };
}

/** Plan keys that do not apply to the method the command line asks for: dropped, not refused. */
export function fundsPlanInapplicable(merged: Readonly<Record<string, unknown>>): string[] {
  const method = typeof merged.method === 'string' ? merged.method.trim().toLowerCase() : null;
  return method === 'pps' ? ['coverage'] : ['counties'];
}

export function fundsCommand(): Command {
  const command = new Command('funds')
    .summary(t('help.funds.summary'))
    .description(t('help.funds.description'))
    .argument('<registry...>', t('help.shared.registryFiles'))
    .addOption(singleOption('--month <YYYY-MM>', t('help.shared.month')))
    .addOption(singleOption('--seed <text>', t('help.shared.seed')))
    .addOption(singleOption('--scope <prefecture>', t('help.funds.scope')))
    .addOption(singleOption('--coverage <share>', t('help.funds.coverage'), '0.5'))
    .addOption(singleOption('--method <method>', t('help.funds.method'), '"coverage"'))
    .addOption(singleOption('--counties <n>', t('help.funds.counties')))
    .addOption(singleOption('--funds <file>', t('help.funds.funds')))
    .addOption(new Option('--exclude <paths...>', t('help.funds.exclude')));
  addExclusionFlags(command);
  addDrawOutputOptions(command, t('help.funds.out'), false);
  addRegistryOptions(command).addHelpText('after', t('help.funds.after'));
  return command.action(async (registries: string[], raw: RawFundsOptions) => {
    const plan = await loadPlan('funds', raw.plan, planSchema());
    const options = {
      ...normaliseFundsOptions(registries, withPlan(plan, raw, fundsPlanInapplicable)),
      plan: plan.record,
    };
    await performDraw(options, options.registries, (baseDir, onProgress) => runFunds(options, baseDir, onProgress), {
      json: fundsJson,
      summary: (run, style) => fundsSummary(run, style, options.out),
      notice: fundsNotice,
      workbook: (run) => ({
        summary: workbookSummary(run.manifest, `funds · ${run.scope.label} · ${run.options.method}`),
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
