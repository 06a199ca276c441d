/** `spotcheck monthly`: the monthly four-level spot check. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { levelName, parseLevel } from '../../core/scope.js';
import {
  parseCount,
  parseMonth,
  parsePositiveInteger,
  parseSeed,
  parseStatuses,
  parseVillageFrame,
  singleOption,
} from '../_shared/parse.js';
import { parseExclusionStages } from '../../io/exclude.js';
import { addExclusionFlags, exclusionFlags } from '../_shared/exclusionOptions.js';
import { monthlySummary } from './summary.js';
import { LEVEL_DEFAULTS, monthlyJson, runMonthly, type MonthlyOptions } from './run.js';
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
import { monthlyNotice } from './notice.js';

interface RawMonthlyOptions extends RawRegistryOptions, RawOutputOptions {
  month?: string;
  seed?: string;
  level?: string;
  scope?: string;
  counties?: string;
  villages?: string;
  households?: string;
  villageFrame?: string;
  statuses?: string;
  spares?: string;
  exclude?: string[];
  excludeStages?: string;
  history?: string;
  cooldown?: string;
  cooldownStages?: string;
  excludeOtherRegistry?: boolean;
  excludeOtherMonth?: boolean;
}

/** --exclude, --exclude-stages, --history, --cooldown, --cooldown-stages. */
function normaliseExclusions(
  raw: RawMonthlyOptions,
): Pick<MonthlyOptions, 'exclude' | 'history' | 'excludeOtherRegistry' | 'excludeOtherMonth'> {
  const excludeStages = parseExclusionStages('--exclude-stages', raw.excludeStages ?? 'county,village,household');
  if (raw.excludeStages !== undefined && raw.exclude === undefined)
    throw new SpotcheckError('USAGE', msg('cmd.monthly.excludeStagesWithoutExclude'));
  if ((raw.cooldown !== undefined || raw.cooldownStages !== undefined) && raw.history === undefined) {
    throw new SpotcheckError('USAGE', msg('cmd.monthly.cooldownWithoutHistory'));
  }
  if (raw.history !== undefined && raw.cooldown === undefined)
    throw new SpotcheckError('USAGE', msg('cmd.monthly.historyNeedsCooldown'));
  return {
    ...exclusionFlags(raw),
    exclude: Object.freeze(
      (raw.exclude ?? []).map((path) => Object.freeze({ path, stages: excludeStages, reason: 'exclude' as const })),
    ),
    history:
      raw.history === undefined
        ? null
        : Object.freeze({
            dir: raw.history,
            cooldown: parsePositiveInteger('--cooldown', raw.cooldown!, 120),
            stages: parseExclusionStages('--cooldown-stages', raw.cooldownStages ?? 'village,household'),
          }),
  };
}

export function normaliseMonthlyOptions(
  registries: readonly string[],
  raw: RawMonthlyOptions,
): Readonly<MonthlyOptions & DrawOutputOptions> {
  const level = parseLevel(raw.level ?? 'province');
  const defaults = LEVEL_DEFAULTS[level];
  if (defaults.counties === null && raw.counties !== undefined) {
    throw new SpotcheckError(
      'USAGE',
      msg('cmd.monthly.countiesAtLevel', { level: levelName(level), counties: raw.counties }),
    );
  }
  return Object.freeze({
    registries: Object.freeze([...registries]),
    month: parseMonth(raw.month),
    seed: parseSeed(raw.seed),
    level,
    scope: raw.scope === undefined ? null : raw.scope,
    counties:
      defaults.counties === null
        ? null
        : raw.counties === undefined
          ? defaults.counties
          : parsePositiveInteger('--counties', raw.counties),
    villagesPerCounty:
      raw.villages === undefined ? defaults.villages : parsePositiveInteger('--villages', raw.villages),
    householdsPerVillage:
      raw.households === undefined ? defaults.households : parsePositiveInteger('--households', raw.households),
    villageFrame: parseVillageFrame(raw.villageFrame ?? 'auto'),
    statuses: Object.freeze(parseStatuses(raw.statuses ?? 'poor,exited')),
    spares: raw.spares === undefined ? 0 : parseCount('--spares', raw.spares),
    ...normaliseExclusions(raw),
    ...normaliseRegistryOptions(raw),
    ...normaliseDrawOutput(raw),
  });
}

export function monthlyCommand(): Command {
  const command = new Command('monthly')
    .summary(t('help.monthly.summary'))
    .description(t('help.monthly.description'))
    .argument('<registry...>', t('help.monthly.registry'))
    .addOption(singleOption('--month <YYYY-MM>', t('help.shared.month')))
    .addOption(singleOption('--seed <text>', t('help.shared.seed')))
    .addOption(singleOption('--level <level>', t('help.monthly.level'), '"province"'))
    .addOption(singleOption('--scope <code|name>', t('help.monthly.scope')))
    .addOption(singleOption('--counties <n>', t('help.monthly.counties')))
    .addOption(singleOption('--villages <n>', t('help.monthly.villages')))
    .addOption(singleOption('--households <n>', t('help.monthly.households'), '5'))
    .addOption(singleOption('--village-frame <rule>', t('help.monthly.villageFrame'), '"auto"'))
    .addOption(singleOption('--statuses <list>', t('help.monthly.statuses'), '"poor,exited"'))
    .addOption(singleOption('--spares <n>', t('help.monthly.spares'), '0'))
    .addOption(new Option('--exclude <paths...>', t('help.monthly.exclude')))
    .addOption(singleOption('--exclude-stages <list>', t('help.monthly.excludeStages'), '"county,village,household"'))
    .addOption(singleOption('--history <dir>', t('help.monthly.history')))
    .addOption(singleOption('--cooldown <months>', t('help.monthly.cooldown')))
    .addOption(singleOption('--cooldown-stages <list>', t('help.monthly.cooldownStages'), '"village,household"'));
  addExclusionFlags(command);
  addDrawOutputOptions(command, t('help.monthly.out'));
  addRegistryOptions(command).addHelpText('after', t('help.monthly.after'));
  return command.action(async (registries: string[], raw: RawMonthlyOptions) => {
    const plan = await loadPlan('monthly', raw.plan);
    const options = { ...normaliseMonthlyOptions(registries, withPlan(plan, raw, 'monthly')), plan: plan.record };
    await performDraw(options, options.registries, (baseDir, onProgress) => runMonthly(options, baseDir, onProgress), {
      json: monthlyJson,
      summary: (run, style) => monthlySummary(run, style, options.out),
      notice: monthlyNotice,
      workbook: (run) => ({
        summary: workbookSummary(run.manifest, `monthly · ${run.options.level} · ${run.scope.label}`),
        households: run.tables.households,
        spares: run.tables.spares,
      }),
    });
  });
}
