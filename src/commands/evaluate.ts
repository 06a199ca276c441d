/** `spotcheck evaluate`: the third-party evaluation's stratified three-stage survey frame. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../errors.js';
import type { AllocationMethod } from '../core/allocation.js';
import { EVALUATION_HOUSEHOLD_COLUMNS } from '../core/evaluationTables.js';
import { parseStrataRule } from '../core/strata.js';
import { rowObjects } from '../core/tables.js';
import { collect, parseCount, parseHouseholdSizes, parsePositiveInteger, parseSeed, singleOption } from '../options.js';
import { evaluationSummary } from '../render/evaluationSummary.js';
import { EVALUATION_DEFAULTS, runEvaluation, type EvaluationOptions, type EvaluationRun } from '../run/evaluate.js';
import { addDrawOutputOptions, addRegistryOptions, performDraw, workbookSummary, normaliseDrawOutput, normaliseRegistryOptions, type DrawOutputOptions, type RawOutputOptions, type RawRegistryOptions } from './shared.js';
import { loadPlan, withPlan } from '../io/plan.js';
import { evaluationNotice } from '../render/notices.js';

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

const HELP = `
What it does:
  Draws the third-party evaluation sample in three stages, by the same SHA-256 tickets as the
  monthly draw (context "evaluate"), with exact inclusion probabilities and design weights:
  1. counties, stratified (--strata: prefecture, poverty-county, or a column), the total allocated
     to strata (--allocation: proportional to counties, to registered households, or equal; at
     least 1 per stratum when the total allows, never more than a stratum has; largest remainder);
     within a stratum a simple random sample (srs) or PPS by registered households (pps: large
     counties with certainty, then systematic PPS in ticket order);
  2. villages: a simple random sample of all villages of each county;
  3. households: in each village, three strata by status (未脱贫 / 已脱贫 / 非贫困户), each a simple
     random sample, plus spares next in ticket order (use them in order, only for a household
     that cannot be reached). Non-poor households may come from separate files (--nonpoor).

Outputs (--out DIR):
  frame.csv    the sampled households: strata, clusters, each stage's N, n and probability, the
               overall probability and the design weight, then the registry's own columns
  spares.csv   the spares, with spare_order
  counties.csv, villages.csv, strata.csv, manifest.json (verify it with \`spotcheck verify\`)
  frame.csv loads straight into R (survey::svydesign) and Stata (svyset): see the README.

Cost: two streamed passes over the registry and the non-poor files.

Examples:
  $ spotcheck evaluate fixtures/demo-registry.csv --seed "2026 评估 公开摇号" --counties 6 --out eval-2026
  $ spotcheck evaluate registry.csv --nonpoor rural-households.csv --seed 731 --strata poverty-county --county-selection pps
  $ spotcheck evaluate registry.csv --seed 731 --strata poverty-county --county-attributes yunnan-poverty-counties.csv
`;

const ALLOCATIONS: readonly AllocationMethod[] = ['proportional', 'equal', 'households'];

export function normaliseEvaluateOptions(registries: readonly string[], given: RawEvaluateOptions): Readonly<EvaluationOptions & DrawOutputOptions> {
  const raw = {
    counties: String(EVALUATION_DEFAULTS.counties),
    strata: 'prefecture',
    allocation: 'proportional',
    countySelection: 'srs',
    villagesPerCounty: String(EVALUATION_DEFAULTS.villagesPerCounty),
    spares: String(EVALUATION_DEFAULTS.spares),
    ...Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
  } as Required<Pick<RawEvaluateOptions, 'counties' | 'strata' | 'allocation' | 'countySelection' | 'villagesPerCounty' | 'spares'>> & RawEvaluateOptions;
  if (!(ALLOCATIONS as readonly string[]).includes(raw.allocation)) {
    throw new SpotcheckError('USAGE', `--allocation must be proportional, equal or households, got "${raw.allocation}"`);
  }
  if (raw.countySelection !== 'srs' && raw.countySelection !== 'pps') {
    throw new SpotcheckError('USAGE', `--county-selection must be srs or pps, got "${raw.countySelection}"`);
  }
  return Object.freeze({
    registries: Object.freeze([...registries]),
    nonpoor: Object.freeze([...(raw.nonpoor ?? [])]),
    seed: parseSeed(raw.seed),
    counties: parsePositiveInteger('--counties', raw.counties),
    strata: parseStrataRule(raw.strata),
    countyAttributes: raw.countyAttributes ?? null,
    allocation: raw.allocation as AllocationMethod,
    countySelection: raw.countySelection,
    villagesPerCounty: parsePositiveInteger('--villages-per-county', raw.villagesPerCounty),
    householdsPerStratum: Object.freeze(raw.households === undefined ? { ...EVALUATION_DEFAULTS.householdsPerStratum } : parseHouseholdSizes(raw.households, EVALUATION_DEFAULTS.householdsPerStratum)),
    spares: parseCount('--spares', raw.spares),
    ...normaliseRegistryOptions(raw),
    ...normaliseDrawOutput(raw),
  });
}

/** The whole result for --json. */
export function evaluationJson(run: EvaluationRun): Record<string, unknown> {
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
    .summary('draw the third-party evaluation frame (stratified counties → villages → households by status)')
    .description('Draw a stratified three-stage evaluation sample with exact inclusion probabilities and design weights.')
    .argument('<registry...>', 'registry CSV file(s)')
    .addOption(singleOption('--seed <text>', 'the seed chosen in public (required)'))
    .addOption(singleOption('--counties <n>', 'counties to draw in all', String(EVALUATION_DEFAULTS.counties)))
    .addOption(singleOption('--strata <rule>', 'county strata: prefecture, poverty-county, or a column of the registry or of --county-attributes', '"prefecture"'))
    .addOption(singleOption('--county-attributes <file>', 'county table (county_code or county, plus columns); for poverty-county, the list of poverty counties'))
    .addOption(singleOption('--allocation <method>', 'counties per stratum: proportional (to counties), households (to registered households) or equal', '"proportional"'))
    .addOption(singleOption('--county-selection <method>', 'within a stratum: srs (simple random) or pps (by registered households)', '"srs"'))
    .addOption(singleOption('--villages-per-county <n>', 'villages per county (all villages, not only poor ones)', String(EVALUATION_DEFAULTS.villagesPerCounty)))
    .addOption(singleOption('--households <sizes>', 'households per village and status', 'poor=5,exited=5,nonpoor=5'))
    .addOption(singleOption('--spares <n>', 'spares per village and status, next in ticket order', String(EVALUATION_DEFAULTS.spares)))
    .addOption(new Option('--nonpoor <file>', 'a file of non-registered rural households (repeatable); same headers, status not needed').argParser(collect));
  addDrawOutputOptions(command, 'write frame.csv, spares.csv, counties.csv, villages.csv, strata.csv and manifest.json here');
  addRegistryOptions(command).addHelpText('after', HELP);
  return command.action(async (registries: string[], raw: RawEvaluateOptions) => {
    const plan = await loadPlan('evaluate', raw.plan);
    const options = { ...normaliseEvaluateOptions(registries, withPlan(plan, raw, 'evaluate')), plan: plan.record };
    await performDraw(options, [...options.registries, ...options.nonpoor], (baseDir, onProgress) => runEvaluation(options, baseDir, onProgress), {
      json: evaluationJson,
      summary: (run, style) => evaluationSummary(run, style, options.out),
      notice: evaluationNotice,
      workbook: (run) => ({
        summary: workbookSummary(run.manifest, 'evaluate · third-party evaluation'),
        households: run.tables.frame,
        spares: run.tables.spares,
      }),
    });
  });
}
