/** `spotcheck funds`: the prefecture's fund-coverage check of the counties the province did not check. */
import { Command, Option } from 'commander';
import { SpotcheckError } from '../errors.js';
import { parseShare, type FundsMethod } from '../core/funds.js';
import { rowObjects } from '../core/tables.js';
import { parseMonth, parsePositiveInteger, parseSeed, singleOption } from '../options.js';
import { fundsSummary } from '../render/fundsSummary.js';
import { runFunds, type FundsOptions, type FundsRun } from '../run/funds.js';
import { addDrawOutputOptions, addRegistryOptions, performDraw, workbookSummary, normaliseDrawOutput, normaliseRegistryOptions, type DrawOutputOptions, type RawOutputOptions, type RawRegistryOptions } from './shared.js';
import { loadPlan, withPlan } from '../io/plan.js';
import { fundsNotice } from '../render/notices.js';

interface RawFundsOptions extends RawRegistryOptions, RawOutputOptions {
  month?: string;
  seed?: string;
  scope?: string;
  coverage?: string;
  method?: string;
  counties?: string;
  funds?: string;
  exclude?: string[];
}

const HELP = `
What it does:
  各州市按照资金量不少于总量的50%对省级检查以外的县开展检查: a prefecture checks, among its counties
  the province's draw did not take (--exclude that draw), enough counties to cover a share of the
  funds. Funds come from a registry column (帮扶资金, or --column funds=HEADER), summed per county
  over households, or from a county table (--funds FILE with county or county_code and an amount
  in yuan). Counties without funds are not eligible (listed in ranking.csv).

Methods:
  coverage (default)  the eligible counties in ticket order, taken until the funds of those taken
                      reach --coverage of the eligible total. The number of counties is random; each
                      county's exact inclusion probability is given (up to 20 eligible counties).
                      Fits the rule as written: coverage is guaranteed.
  pps                 --counties n counties by systematic PPS on funds: exact probabilities
                      n·funds/total (large counties with certainty), fixed n; the coverage reached
                      is reported, not guaranteed. Fits estimation of fund-weighted totals.

Outputs:
  --out DIR writes counties.csv (the counties to check: funds, ticket, rank, cumulative funds,
  probability, weight), ranking.csv (every county of the prefecture: selected, not selected,
  excluded or no funds) and manifest.json, which \`spotcheck verify\` re-checks.

Cost: one streamed pass over the registry (none of the households' rows is kept).

Examples:
  $ spotcheck funds registry.csv --month 2026-11 --seed "2026-11 州市摇号" --scope 文山壮族苗族自治州 --exclude province-2026-11
  $ spotcheck funds registry.csv --month 2026-11 --seed 8812 --scope 红河哈尼族彝族自治州 --funds county-funds.csv --coverage 0.6 --out honghe-funds
  $ spotcheck funds registry.csv --month 2026-11 --seed 8812 --scope 红河哈尼族彝族自治州 --method pps --counties 3 --json
`;

export function normaliseFundsOptions(registries: readonly string[], raw: RawFundsOptions): Readonly<FundsOptions & DrawOutputOptions> {
  if (raw.scope === undefined) throw new SpotcheckError('USAGE', '--scope is required: the prefecture (州市) whose counties are checked, e.g. --scope 文山壮族苗族自治州');
  const method = (raw.method ?? 'coverage').trim().toLowerCase();
  if (method !== 'coverage' && method !== 'pps') throw new SpotcheckError('USAGE', `--method must be coverage or pps, got "${raw.method}"`);
  const coverage = parseShare(raw.coverage ?? '0.5');
  if (!coverage) throw new SpotcheckError('USAGE', `--coverage must be a share in (0, 1] such as 0.5 or 50%, got "${raw.coverage}"`);
  if (method === 'pps' && raw.counties === undefined) throw new SpotcheckError('USAGE', '--method pps needs --counties N: how many counties to draw');
  if (method === 'coverage' && raw.counties !== undefined) throw new SpotcheckError('USAGE', '--counties applies to --method pps; the coverage method takes counties until --coverage is reached');
  if (method === 'pps' && raw.coverage !== undefined) throw new SpotcheckError('USAGE', '--coverage applies to --method coverage; pps draws --counties N and reports the coverage reached');
  return Object.freeze({
    registries: Object.freeze([...registries]),
    month: parseMonth(raw.month),
    seed: parseSeed(raw.seed),
    scope: raw.scope,
    method: method as FundsMethod,
    coverage,
    counties: raw.counties === undefined ? null : parsePositiveInteger('--counties', raw.counties),
    fundsFile: raw.funds ?? null,
    exclude: Object.freeze((raw.exclude ?? []).map((path) => Object.freeze({ path, stages: ['county' as const], reason: 'exclude' as const }))),
    ...normaliseRegistryOptions(raw),
    ...normaliseDrawOutput(raw),
  });
}

/** The whole result for --json. */
export function fundsJson(run: FundsRun): Record<string, unknown> {
  return { manifest: run.manifest, counties: rowObjects(run.tables.counties), ranking: rowObjects(run.tables.ranking) };
}

export function fundsCommand(): Command {
  const command = new Command('funds')
    .summary('draw the counties a prefecture checks to cover a share of the funds (default 50%)')
    .description("Draw the counties a prefecture checks beyond the province's draw, until a share of the funds is covered (or by PPS on funds).")
    .argument('<registry...>', 'registry CSV file(s)')
    .addOption(singleOption('--month <YYYY-MM>', 'month of the draw (required)'))
    .addOption(singleOption('--seed <text>', 'the seed chosen in public (required)'))
    .addOption(singleOption('--scope <prefecture>', 'the prefecture (州市), by name or code (required)'))
    .addOption(singleOption('--coverage <share>', 'share of the eligible funds to cover (coverage method)', '0.5'))
    .addOption(singleOption('--method <method>', 'coverage or pps', '"coverage"'))
    .addOption(singleOption('--counties <n>', 'counties to draw (pps method)'))
    .addOption(singleOption('--funds <file>', 'county table with the funds (county or county_code, and funds/资金/金额 in yuan) instead of the registry column'))
    .addOption(new Option('--exclude <paths...>', "leave out the counties of earlier draws (the province's: its directory or manifest.json) or of a CSV with county_code"));
  addDrawOutputOptions(command, 'write counties.csv, ranking.csv and manifest.json here', false);
  addRegistryOptions(command).addHelpText('after', HELP);
  return command.action(async (registries: string[], raw: RawFundsOptions) => {
    const plan = await loadPlan('funds', raw.plan);
    const options = { ...normaliseFundsOptions(registries, withPlan(plan, raw, 'funds')), plan: plan.record };
    await performDraw(options, options.registries, (baseDir, onProgress) => runFunds(options, baseDir, onProgress), {
      json: fundsJson,
      summary: (run, style) => fundsSummary(run, style, options.out),
      notice: fundsNotice,
      workbook: (run) => ({
        summary: workbookSummary(run.manifest, `funds · ${run.scope.label} · ${run.options.method}`),
        households: { columns: [], rows: [] },
        spares: null,
        tables: [{ name: 'counties 抽中县', table: run.tables.counties }, { name: 'ranking 排序', table: run.tables.ranking }],
      }),
    });
  });
}
