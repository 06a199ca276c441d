/** `spotcheck evaluate`: the third-party evaluation's stratified three-stage survey frame. */
import { Command, Option } from 'commander';
import { t } from '../../i18n.js';
import { EVALUATION_HOUSEHOLD_COLUMNS } from '../../core/evaluationTables.js';
import { parseStrataRule } from '../../core/strata.js';
import { rowObjects } from '../../core/tables.js';
import {
  collect,
  parseAllocation,
  parseCount,
  parseCountySelection,
  parseHouseholdSizes,
  parsePositiveInteger,
  parseSeed,
  singleOption,
} from '../_shared/parse.js';
import { evaluationSummary } from './summary.js';
import { EVALUATION_DEFAULTS, runEvaluation, type EvaluationOptions, type EvaluationRun } from './run.js';
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
import { evaluationNotice } from './notice.js';

interface RawEvaluateOptions extends RawRegistryOptions, RawOutputOptions {
  seed?: string;
  counties?: string;
  strata?: string;
  countyAttributes?: string;
  allocation?: string;
  villagesPerCounty?: string;
  households?: string;
  countySelection?: string;
  spares?: string;
  nonpoor?: string[];
}

export function normaliseEvaluateOptions(
  registries: readonly string[],
  given: RawEvaluateOptions,
): Readonly<EvaluationOptions & DrawOutputOptions> {
  const raw = {
    counties: String(EVALUATION_DEFAULTS.counties),
    strata: 'prefecture',
    allocation: 'proportional',
    countySelection: 'srs',
    villagesPerCounty: String(EVALUATION_DEFAULTS.villagesPerCounty),
    spares: String(EVALUATION_DEFAULTS.spares),
    ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
  } as Required<
    Pick<RawEvaluateOptions, 'counties' | 'strata' | 'allocation' | 'countySelection' | 'villagesPerCounty' | 'spares'>
  > &
    RawEvaluateOptions;
  const allocation = parseAllocation(raw.allocation);
  const countySelection = parseCountySelection(raw.countySelection);
  return Object.freeze({
    registries: Object.freeze([...registries]),
    nonpoor: Object.freeze([...(raw.nonpoor ?? [])]),
    seed: parseSeed(raw.seed),
    counties: parsePositiveInteger('--counties', raw.counties),
    strata: parseStrataRule(raw.strata),
    countyAttributes: raw.countyAttributes ?? null,
    allocation,
    countySelection,
    villagesPerCounty: parsePositiveInteger('--villages-per-county', raw.villagesPerCounty),
    householdsPerStratum: Object.freeze(
      raw.households === undefined
        ? { ...EVALUATION_DEFAULTS.householdsPerStratum }
        : parseHouseholdSizes(raw.households, EVALUATION_DEFAULTS.householdsPerStratum),
    ),
    spares: parseCount('--spares', raw.spares),
    ...normaliseRegistryOptions(raw),
    ...normaliseDrawOutput(raw),
  });
}

/** The whole result for --json. */
function evaluationJson(run: EvaluationRun): Record<string, unknown> {
  const drawColumns = EVALUATION_HOUSEHOLD_COLUMNS.length;
  return {
    manifest: run.manifest,
    strata: rowObjects(run.tables.strata),
    counties: rowObjects(run.tables.counties),
    villages: rowObjects(run.tables.villages),
    households: rowObjects(run.tables.frame, drawColumns),
    spares: rowObjects(run.tables.spares, drawColumns),
  };
}

export function evaluateCommand(): Command {
  const command = new Command('evaluate')
    .summary(t('help.evaluate.summary'))
    .description(t('help.evaluate.description'))
    .argument('<registry...>', t('help.shared.registryFiles'))
    .addOption(singleOption('--seed <text>', t('help.shared.seed')))
    .addOption(singleOption('--counties <n>', t('help.evaluate.counties'), String(EVALUATION_DEFAULTS.counties)))
    .addOption(singleOption('--strata <rule>', t('help.evaluate.strata'), '"prefecture"'))
    .addOption(singleOption('--county-attributes <file>', t('help.evaluate.countyAttributes')))
    .addOption(singleOption('--allocation <method>', t('help.evaluate.allocation'), '"proportional"'))
    .addOption(singleOption('--county-selection <method>', t('help.evaluate.countySelection'), '"srs"'))
    .addOption(
      singleOption(
        '--villages-per-county <n>',
        t('help.evaluate.villagesPerCounty'),
        String(EVALUATION_DEFAULTS.villagesPerCounty),
      ),
    )
    .addOption(singleOption('--households <sizes>', t('help.evaluate.households'), 'poor=5,exited=5,nonpoor=5'))
    .addOption(singleOption('--spares <n>', t('help.evaluate.spares'), String(EVALUATION_DEFAULTS.spares)))
    .addOption(new Option('--nonpoor <file>', t('help.evaluate.nonpoor')).argParser(collect));
  addDrawOutputOptions(command, t('help.evaluate.out'));
  addRegistryOptions(command).addHelpText('after', t('help.evaluate.after'));
  return command.action(async (registries: string[], raw: RawEvaluateOptions) => {
    const plan = await loadPlan('evaluate', raw.plan, planSchema());
    const options = {
      ...normaliseEvaluateOptions(
        registries,
        withPlan(plan, raw, () => []),
      ),
      plan: plan.record,
    };
    await performDraw(
      options,
      [...options.registries, ...options.nonpoor],
      (baseDir, onProgress) => runEvaluation(options, baseDir, onProgress),
      {
        json: evaluationJson,
        summary: (run, style) => evaluationSummary(run, style, options.out),
        notice: evaluationNotice,
        workbook: (run) => ({
          summary: workbookSummary(run.manifest, 'evaluate · third-party evaluation'),
          households: run.tables.frame,
          spares: run.tables.spares,
        }),
      },
    );
  });
}
