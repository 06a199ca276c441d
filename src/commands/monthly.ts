/** `spotcheck monthly`: the monthly four-level spot check. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../errors.js';
import { parseLevel } from '../core/scope.js';
import { parseCount, parseMonth, parsePositiveInteger, parseSeed, parseStatuses, parseVillageFrame, singleOption } from '../options.js';
import { parseExclusionStages } from '../io/exclude.js';
import { monthlySummary } from '../render/monthlySummary.js';
import { LEVEL_DEFAULTS, monthlyJson, runMonthly, type MonthlyOptions } from '../run/monthly.js';
import { addDrawOutputOptions, addRegistryOptions, performDraw, workbookSummary, normaliseDrawOutput, normaliseRegistryOptions, type DrawOutputOptions, type RawOutputOptions, type RawRegistryOptions } from './shared.js';
import { loadPlan, withPlan } from '../io/plan.js';
import { monthlyNotice } from '../render/notices.js';

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
}

const HELP = `
What it does:
  Reads the registry (one or more CSV exports, person- or household-level, UTF-8 or GBK), builds
  the frame (poor villages where the registry marks them; households 未脱贫 and 已脱贫), and draws
  by consistent sampling: every unit gets a SHA-256 ticket from the seed, month, level, scope, stage
  and its key; in each stratum the smallest tickets win. Same registry + same options = same sample.

Stages and defaults (counties × villages per county × households per village):
  province (省)       counties → villages → households      4 × 2 × 5
  prefecture (州市)   counties in it → villages → households 2 × 2 × 5
  county (县)         villages in the county → households       4 × 5
  township (乡镇)     villages in the township → households     2 × 5

Outputs:
  --out DIR writes counties.csv, villages.csv, households.csv (ticket, rank, stage and overall
  inclusion probabilities, design weight, the registry's own columns) and manifest.json, which
  \`spotcheck verify\` re-checks. Without --out a summary is printed; --json prints everything.

Cost:
  Two streamed passes over the registry (frame, then the chosen households' rows); memory grows with
  the number of households (a few fields each), not with the file size.

Examples:
  $ spotcheck monthly fixtures/demo-registry.csv --month 2026-11 --seed "2026-11 public draw" --level province
  $ spotcheck monthly a.csv b.csv --month 2026-11 --seed 8812 --level 州市 --scope 红河哈尼族彝族自治州 --out honghe-2026-11
  $ spotcheck monthly registry.csv --month 2026-11 --seed 8812 --level township --scope "元阳县›新街镇" --json
`;

/** --exclude, --exclude-stages, --history, --cooldown, --cooldown-stages. */
function normaliseExclusions(raw: RawMonthlyOptions): Pick<MonthlyOptions, 'exclude' | 'history'> {
  const excludeStages = parseExclusionStages('--exclude-stages', raw.excludeStages ?? 'county,village,household');
  if (raw.excludeStages !== undefined && raw.exclude === undefined) throw new SpotcheckError('USAGE', '--exclude-stages applies to --exclude PATH…, which was not given');
  if ((raw.cooldown !== undefined || raw.cooldownStages !== undefined) && raw.history === undefined) {
    throw new SpotcheckError('USAGE', '--cooldown and --cooldown-stages apply to --history DIR, which was not given');
  }
  if (raw.history !== undefined && raw.cooldown === undefined) throw new SpotcheckError('USAGE', '--history needs --cooldown MONTHS: how many months back a draw keeps its units out');
  return {
    exclude: Object.freeze((raw.exclude ?? []).map((path) => Object.freeze({ path, stages: excludeStages, reason: 'exclude' as const }))),
    history:
      raw.history === undefined
        ? null
        : Object.freeze({ dir: raw.history, cooldown: parsePositiveInteger('--cooldown', raw.cooldown!, 120), stages: parseExclusionStages('--cooldown-stages', raw.cooldownStages ?? 'village,household') }),
  };
}

export function normaliseMonthlyOptions(registries: readonly string[], raw: RawMonthlyOptions): Readonly<MonthlyOptions & DrawOutputOptions> {
  const level = parseLevel(raw.level ?? 'province');
  const defaults = LEVEL_DEFAULTS[level];
  if (defaults.counties === null && raw.counties !== undefined) {
    throw new SpotcheckError('USAGE', `--counties does not apply at ${level} level, where the scope fixes the county; got --counties ${raw.counties}`);
  }
  return Object.freeze({
    registries: Object.freeze([...registries]),
    month: parseMonth(raw.month),
    seed: parseSeed(raw.seed),
    level,
    scope: raw.scope === undefined ? null : raw.scope,
    counties: defaults.counties === null ? null : raw.counties === undefined ? defaults.counties : parsePositiveInteger('--counties', raw.counties),
    villagesPerCounty: raw.villages === undefined ? defaults.villages : parsePositiveInteger('--villages', raw.villages),
    householdsPerVillage: raw.households === undefined ? defaults.households : parsePositiveInteger('--households', raw.households),
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
    .summary('draw the monthly spot check for one inspection level')
    .description('Draw the monthly spot-check sample (counties → villages → households) for one discipline-inspection level, reproducibly from a public seed.')
    .argument('<registry...>', 'registry CSV file(s); a province may be several county exports')
    .addOption(singleOption('--month <YYYY-MM>', 'month of the draw (required)'))
    .addOption(singleOption('--seed <text>', 'the seed chosen in public (required)'))
    .addOption(singleOption('--level <level>', 'province, prefecture, county or township (省, 州市, 县, 乡镇)', '"province"'))
    .addOption(singleOption('--scope <code|name>', 'the prefecture, county or township drawn in (required below province); a township may be given as 县›乡镇'))
    .addOption(singleOption('--counties <n>', 'counties to draw (province 4, prefecture 2)'))
    .addOption(singleOption('--villages <n>', 'villages per county (province/prefecture 2, county 4, township 2)'))
    .addOption(singleOption('--households <n>', 'households per village', '5'))
    .addOption(singleOption('--village-frame <rule>', 'which villages are in the frame: auto (poor villages if the registry marks them, else all), poor, all', '"auto"'))
    .addOption(singleOption('--statuses <list>', 'household statuses in the frame: poor, exited, nonpoor (未脱贫, 已脱贫, 非贫困户)', '"poor,exited"'))
    .addOption(singleOption('--spares <n>', 'also write spares.csv: the next n households of each drawn village in ticket order, used in order only when a sampled one cannot be checked', '0'))
    .addOption(new Option('--exclude <paths...>', "leave out the units of earlier draws (their directory or manifest.json) or of a CSV list (county_code, village_key or household_id columns)"))
    .addOption(singleOption('--exclude-stages <list>', 'the stages --exclude removes units at: county, village, household', '"county,village,household"'))
    .addOption(singleOption('--history <dir>', 'a directory of earlier draws (searched recursively for manifest.json); with --cooldown'))
    .addOption(singleOption('--cooldown <months>', "leave out the units drawn in --history's monthly draws of the last <months> months before --month"))
    .addOption(singleOption('--cooldown-stages <list>', 'the stages --cooldown removes units at', '"village,household"'));
  addDrawOutputOptions(command, 'write counties.csv, villages.csv, households.csv and manifest.json here');
  addRegistryOptions(command).addHelpText('after', HELP);
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
