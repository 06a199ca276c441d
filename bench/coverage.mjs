#!/usr/bin/env node
// Design-based coverage of `spotcheck estimate`'s 95% intervals (issue 17): a fixed synthetic
// registry with a fixed binary outcome, the evaluation drawn again and again with the default design
// (one seed per draw), the outcome's proportion estimated from each draw's frame, and how often the
// interval covers the frame's true proportion. A measurement, not a test (test/bench/coverage.test.ts
// runs it on a few seeds).
//
//   node bench/coverage.mjs [--seeds 1000] [--selection srs,pps] [--intervals t,normal,korn-graubard]
//                           [--lonely-psu adjust] [--scale 1] [--counties 20] [--out FILE.md]
//
// It runs on the built dist/ (npm run build first). The same options give the same table, byte for
// byte: every random number comes from seedrandom, and the draws from spotcheck's own tickets.
//
// The registry (written to a temporary file, scanned once by spotcheck's reader):
// - real geography: Yunnan's 16 prefectures and 129 counties (the bundled division table) with each
//   county's real number of townships and village-level units (bench/data/yunnan-village-counts.csv,
//   14,771 villages, counted from the NBS 2021 division codes);
// - synthetic households: per village round(scale · m · C · L) registered households, m = 15 in the
//   88 poverty counties and 4 in the others, C a county factor and L a village factor, lognormal with
//   mean 1 (σ = 0.5 and 0.6 on the log scale); each 未脱贫 with probability 0.15, else 已脱贫 (no
//   非贫困户: the default evaluation has no --nonpoor).
// The outcome (a column `answer`, 1 or 0, fixed once): logit P(y = 1) = β₀ + β_poor·[未脱贫] + u_c
// + v_v, with a county effect u_c ~ N(0, σ_c²) and a village effect v_v ~ N(0, σ_v²) (OUTCOME_MODEL).
// On the latent (logistic) scale the intra-class correlations are σ_c²/(σ_c² + σ_v² + π²/3) within
// a county and (σ_c² + σ_v²)/(σ_c² + σ_v² + π²/3) within a village.
//
// Each draw: `spotcheck evaluate`'s default options (20 counties, strata by prefecture, proportional
// allocation, 3 villages, 5 households per status, 2 spares) with --county-selection srs or pps and
// the seed `coverage-<i>`; its frame.csv table made by the command's own functions (planEvaluation,
// completeEvaluation, evaluationTables, registryRow), passed as text cells to `spotcheck estimate`'s
// own frameReader and estimateCells (src/commands/estimate/run.ts) with `--measure answer=1 --by
// status`: the rows the estimator sees are built by the command's code, whatever estimator is built in.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import seedrandom from 'seedrandom';
import { estimateCells, frameReader } from '../dist/commands/estimate/run.js';
import { ESTIMATE_OPTIONS } from '../dist/commands/estimate/spec.js';
import { registryRow } from '../dist/commands/_shared/drawRun.js';
import { normaliseOptions } from '../dist/commands/_shared/optionSpec.js';
import { EVALUATE_OPTIONS } from '../dist/commands/evaluate/spec.js';
import { completeEvaluation, planEvaluation } from '../dist/core/evaluate.js';
import { evaluationTables } from '../dist/core/evaluationTables.js';
import { countyStrata, strataRuleName } from '../dist/core/strata.js';
import { loadDivisions } from '../dist/io/load.js';
import { readVillageHouseholds, registryCells, scanRegistry } from '../dist/io/scan.js';

const HERE = dirname(fileURLToPath(import.meta.url));

/** The outcome's model on the logit scale (see the header). */
export const OUTCOME_MODEL = Object.freeze({ intercept: 1.3, poor: -0.6, countySd: 0.6, villageSd: 0.5 });
/** Mean registered households per village before --scale: poverty counties, the others. */
const HOUSEHOLDS_PER_VILLAGE = Object.freeze({ povertyCounty: 15, other: 4 });
/** σ of the county's lognormal factor on its households per village (poverty incidence differs between counties). */
const COUNTY_SIZE_SD = 0.5;
const POOR_SHARE = 0.15;
const REGISTRY_SEED = 'coverage-registry';

export const DEFAULTS = Object.freeze({
  seeds: 1000,
  selections: ['srs', 'pps'],
  intervals: ['t', 'normal', 'korn-graubard'],
  lonelyPsu: 'adjust',
  scale: 1,
  /** evaluate --counties (null: its default, 20). */
  counties: null,
});

/** The latent-scale intra-class correlations of the outcome model: within a county, within a village. */
export function latentIcc(model = OUTCOME_MODEL) {
  const county = model.countySd ** 2;
  const village = model.villageSd ** 2;
  const total = county + village + Math.PI ** 2 / 3;
  return { county: county / total, village: (county + village) / total };
}

/** A standard normal deviate from a uniform stream (Box–Muller, the cosine half). */
function normal(random) {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

function parseCsvLines(text) {
  return text
    .trim()
    .split('\n')
    .map((line) => line.split(','));
}

/**
 * Writes the synthetic household-level registry (see the header) to `path`: the bundled division
 * table's counties in its order, each with its real township and village counts.
 */
export function writeRegistry(path, scale = DEFAULTS.scale) {
  const random = seedrandom(REGISTRY_SEED);
  const [, ...divisionRows] = parseCsvLines(readFileSync(join(HERE, '..', 'fixtures', 'divisions', 'yunnan-counties.csv'), 'utf8'));
  const [, ...countRows] = parseCsvLines(readFileSync(join(HERE, 'data', 'yunnan-village-counts.csv'), 'utf8'));
  const counts = new Map(countRows.map(([code, townships, villages]) => [code, { townships: Number(townships), villages: Number(villages) }]));
  const lines = ['household_id,prefecture,county_code,county,township_code,township,village_code,village,household_size,status,answer'];
  const model = OUTCOME_MODEL;
  for (const [, prefecture, countyCode, county, povertyCounty] of divisionRows) {
    const { townships, villages } = counts.get(countyCode);
    const countyEffect = model.countySd * normal(random);
    const countySize = Math.exp(COUNTY_SIZE_SD * normal(random) - COUNTY_SIZE_SD ** 2 / 2);
    const base = povertyCounty === '是' ? HOUSEHOLDS_PER_VILLAGE.povertyCounty : HOUSEHOLDS_PER_VILLAGE.other;
    const mean = scale * base * countySize;
    for (let v = 0; v < villages; v++) {
      const t = v % townships;
      const townshipCode = `${countyCode}${String(101 + t)}`;
      const villageCode = `${townshipCode}${String(201 + Math.floor(v / townships)).padStart(3, '0')}`;
      const villageEffect = model.villageSd * normal(random);
      const households = Math.round(mean * Math.exp(0.6 * normal(random) - 0.18));
      for (let h = 1; h <= households; h++) {
        const poor = random() < POOR_SHARE;
        const logit = model.intercept + (poor ? model.poor : 0) + countyEffect + villageEffect;
        const outcome = random() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        const size = 1 + Math.floor(random() * 6);
        lines.push(
          [
            `${villageCode}${String(h).padStart(4, '0')}`,
            prefecture,
            countyCode,
            county,
            townshipCode,
            `乡镇${t + 1}`,
            villageCode,
            `村${v + 1}`,
            size,
            poor ? '未脱贫' : '已脱贫',
            outcome,
          ].join(','),
        );
      }
    }
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

/**
 * The scanned registry: spotcheck's frame, every household (pass 2 over every village) grouped by
 * village, and the true proportions over the evaluation's frame (households of the frame villages),
 * overall and per status.
 */
export async function loadRegistry(path) {
  const divisions = await loadDivisions(null);
  const registry = await scanRegistry([path], { encoding: 'auto', columns: {}, divisions: divisions.table });
  if (registry.errorCount > 0) throw new Error(`coverage: the synthetic registry has ${registry.errorCount} errors`);
  const villageKeys = new Set(registry.frame.villages.map((village) => village.key));
  const chosen = await readVillageHouseholds(registry, villageKeys);
  const outcomeAt = registry.inputs[0].header.indexOf('answer');
  const outcomeOf = (household) => Number(registryCells(chosen, household.source.file, household.source.record)[outcomeAt]);
  const tally = new Map();
  const count = (domain, y) => {
    const entry = tally.get(domain) ?? { households: 0, yes: 0 };
    entry.households++;
    entry.yes += y;
    tally.set(domain, entry);
  };
  const byVillage = new Map();
  for (const household of chosen.households) {
    const y = outcomeOf(household);
    count('all', y);
    count(household.status, y);
    const list = byVillage.get(household.villageKey) ?? [];
    list.push(household);
    byVillage.set(household.villageKey, list);
  }
  const truth = new Map([...tally].map(([domain, { households, yes }]) => [domain, { households, yes, proportion: yes / households }]));
  const frame = registry.frame;
  return { registry, chosen, byVillage, truth, counties: frame.counties.length, villages: frame.villages.length };
}

/** The evaluation's parameters from `spotcheck evaluate`'s default options with this seed and county selection (as src/commands/evaluate/run.ts makes them). */
function evaluationParameters(frame, seed, selection, counties) {
  const options = normaliseOptions(EVALUATE_OPTIONS, {
    seed,
    countySelection: selection,
    ...(counties === null ? {} : { counties: String(counties) }),
  });
  return {
    seed: options.seed,
    counties: options.counties,
    countyStrata: countyStrata(frame, options.strata, null),
    strataRule: strataRuleName(options.strata),
    allocation: options.allocation,
    countySelection: options.countySelection,
    villagesPerCounty: options.villagesPerCounty,
    householdsPerStratum: options.householdsPerStratum,
    spares: options.spares,
  };
}

/**
 * One draw's frame.csv as the text cells `spotcheck evaluate` writes (numbers in their shortest
 * round-trip form, null as empty; household ids unmasked, which estimate does not read).
 */
export function drawFrame(loaded, seed, selection, counties = DEFAULTS.counties) {
  const { registry, chosen, byVillage } = loaded;
  const parameters = evaluationParameters(registry.frame, seed, selection, counties);
  const plan = planEvaluation(registry.frame, parameters);
  const households = [...plan.villageKeys].flatMap((key) => byVillage.get(key) ?? []);
  const draw = completeEvaluation(plan, parameters, households);
  const table = evaluationTables(draw, (entry) => registryRow(registry, chosen, entry.household.source, false)).frame;
  return {
    header: [...table.columns],
    records: table.rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell)))),
  };
}

/** The counties a frame took with certainty (PPS: county_probability 1, county_selection "certainty"). */
function certaintyCounties(frame) {
  const method = frame.header.indexOf('county_selection');
  const code = frame.header.indexOf('county_code');
  return new Set(frame.records.filter((record) => record[method] === 'certainty').map((record) => record[code])).size;
}

/** `spotcheck estimate FRAME --measure answer=1 --by status --interval KIND --lonely-psu RULE` on a frame's cells. */
export function estimateDraw(frame, interval, lonelyPsu = DEFAULTS.lonelyPsu) {
  const options = normaliseOptions(ESTIMATE_OPTIONS, { measure: ['answer=1'], by: 'status', interval, lonelyPsu });
  const reader = frameReader(options, 'frame.csv');
  reader.onHeader(frame.header);
  frame.records.forEach((record, index) => reader.onRecord(record, index, index + 2));
  return estimateCells(reader.cells(), options, 'frame.csv');
}

/** Running sums of one (selection, interval, domain) cell of the table. */
function emptyCell() {
  return { draws: 0, covered: 0, noInterval: 0, estimated: 0, sum: 0, sumSquares: 0, sumSe: 0, sumVariance: 0, sumWidth: 0, withInterval: 0, minEstimate: Infinity, maxEstimate: -Infinity, dfMin: Infinity, dfMax: -Infinity };
}

/**
 * Runs the simulation: for each county selection and seed 1…seeds, one draw, estimated with every
 * interval kind. A draw whose estimate has no interval (flagged) counts as not covering.
 */
export async function runCoverage(settings = {}) {
  const { seeds, selections, intervals, lonelyPsu, scale, counties } = { ...DEFAULTS, ...settings };
  const work = mkdtempSync(join(tmpdir(), 'spotcheck-coverage-'));
  let loaded;
  try {
    const path = join(work, 'registry.csv');
    writeRegistry(path, scale);
    loaded = await loadRegistry(path);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const cells = new Map();
  const cellOf = (key) => {
    if (!cells.has(key)) cells.set(key, emptyCell());
    return cells.get(key);
  };
  const certainty = {};
  for (const selection of selections) {
    certainty[selection] = { counties: 0, draws: 0 };
    for (let index = 1; index <= seeds; index++) {
      const frame = drawFrame(loaded, `coverage-${index}`, selection, counties);
      const drawnCertain = certaintyCounties(frame);
      certainty[selection].counties += drawnCertain;
      if (drawnCertain > 0) certainty[selection].draws++;
      for (const interval of intervals) {
        const result = estimateDraw(frame, interval, lonelyPsu);
        for (const estimate of result.results[0].estimates) {
          const truth = loaded.truth.get(estimate.domain);
          if (truth === undefined) continue;
          const cell = cellOf(`${selection}\u001f${interval}\u001f${estimate.domain}`);
          cell.draws++;
          if (estimate.estimate === null) continue;
          cell.minEstimate = Math.min(cell.minEstimate, estimate.estimate);
          cell.maxEstimate = Math.max(cell.maxEstimate, estimate.estimate);
          cell.estimated++;
          cell.sum += estimate.estimate;
          cell.sumSquares += estimate.estimate ** 2;
          if (estimate.lower === null || estimate.upper === null) {
            cell.noInterval++;
            continue;
          }
          cell.withInterval++;
          cell.sumSe += estimate.standardError;
          cell.sumVariance += estimate.standardError ** 2;
          cell.sumWidth += estimate.upper - estimate.lower;
          if (estimate.lower <= truth.proportion && truth.proportion <= estimate.upper) cell.covered++;
          cell.dfMin = Math.min(cell.dfMin, result.interval.df);
          cell.dfMax = Math.max(cell.dfMax, result.interval.df);
        }
      }
    }
  }
  const rows = [...cells].map(([key, cell]) => {
    const [selection, interval, domain] = key.split('\u001f');
    const truth = loaded.truth.get(domain).proportion;
    const coverage = cell.covered / cell.draws;
    const mean = cell.sum / cell.estimated;
    const sd = Math.sqrt(Math.max(0, (cell.sumSquares - cell.estimated * mean ** 2) / (cell.estimated - 1)));
    const meanSe = cell.sumSe / cell.withInterval;
    return {
      selection,
      interval,
      domain,
      truth,
      draws: cell.draws,
      covered: cell.covered,
      coverage,
      monteCarloSe: Math.sqrt((coverage * (1 - coverage)) / cell.draws),
      bias: mean - truth,
      sd,
      meanSe,
      seOverSd: meanSe / sd,
      rootMeanVarianceOverSd: Math.sqrt(cell.sumVariance / cell.withInterval) / sd,
      meanWidth: cell.sumWidth / cell.withInterval,
      minEstimate: cell.minEstimate,
      maxEstimate: cell.maxEstimate,
      dfMin: cell.dfMin,
      dfMax: cell.dfMax,
      noInterval: cell.noInterval,
    };
  });
  return {
    settings: { seeds, selections, intervals, lonelyPsu, scale, counties },
    registry: {
      counties: loaded.counties,
      villages: loaded.villages,
      households: loaded.truth.get('all').households,
      truth: Object.fromEntries([...loaded.truth].map(([domain, value]) => [domain, value])),
    },
    certainty,
    rows,
  };
}

const fixed = (value, digits) => (Number.isFinite(value) ? value.toFixed(digits) : '–');
const percent = (value) => `${(100 * value).toFixed(1)}%`;

/** The simulation's result as Markdown: what was run, then one table row per selection, interval and domain. */
export function coverageMarkdown(result) {
  const { settings, registry } = result;
  const icc = latentIcc();
  const truths = Object.entries(registry.truth)
    .map(([domain, value]) => `${domain} ${value.proportion.toFixed(4)} (${value.yes.toLocaleString('en-US')} of ${value.households.toLocaleString('en-US')})`)
    .join(', ');
  const lines = [
    `- Command: \`node bench/coverage.mjs --seeds ${settings.seeds} --selection ${settings.selections.join(',')} --intervals ${settings.intervals.join(',')} --lonely-psu ${settings.lonelyPsu} --scale ${settings.scale}${settings.counties === null ? '' : ` --counties ${settings.counties}`}\``,
    `- Draws: seeds coverage-1 … coverage-${settings.seeds} for each county selection; evaluate's defaults otherwise (${settings.counties ?? 20} counties, strata by prefecture, proportional allocation, 3 villages, 5 households per status); estimate --measure answer=1 --by status --lonely-psu ${settings.lonelyPsu}`,
    `- Registry: ${registry.counties} counties, ${registry.villages.toLocaleString('en-US')} villages with a household, ${registry.households.toLocaleString('en-US')} registered households (synthetic, real Yunnan geography)`,
    `- Outcome: logit P(y=1) = ${OUTCOME_MODEL.intercept} ${OUTCOME_MODEL.poor}·[未脱贫] + u_county + v_village, σ_county = ${OUTCOME_MODEL.countySd}, σ_village = ${OUTCOME_MODEL.villageSd}; latent ICC ${icc.county.toFixed(3)} within a county, ${icc.village.toFixed(3)} within a village`,
    `- True proportions over the frame: ${truths}`,
    `- Certainty counties (PPS, county_probability 1): ${settings.selections
      .map((selection) => `${selection} ${result.certainty[selection].draws} of ${settings.seeds} draws had one, ${(result.certainty[selection].counties / settings.seeds).toFixed(2)} a draw`)
      .join('; ')}`,
    '- Coverage: draws whose 95% interval holds the true proportion, of all draws (a draw with no interval counts as a miss); MC s.e. = √(c(1 − c)/S)',
    '',
    '| selection | interval | domain | coverage | MC s.e. | mean est. − truth | SD of estimates | mean SE | mean SE ÷ SD | √(mean SE²) ÷ SD | mean width | df | no interval |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of result.rows) {
    const df = row.dfMin === row.dfMax ? String(row.dfMin) : `${row.dfMin}–${row.dfMax}`;
    lines.push(
      `| ${row.selection} | ${row.interval} | ${row.domain} | ${percent(row.coverage)} | ${percent(row.monteCarloSe)} | ${fixed(row.bias, 4)} | ${fixed(row.sd, 4)} | ${fixed(row.meanSe, 4)} | ${fixed(row.seOverSd, 3)} | ${fixed(row.rootMeanVarianceOverSd, 3)} | ${fixed(row.meanWidth, 4)} | ${df} | ${row.noInterval} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

function parseArguments(args) {
  const settings = { ...DEFAULTS };
  let out = null;
  const list = (text) => text.split(',').filter((item) => item !== '');
  for (let index = 0; index < args.length; index++) {
    const flag = args[index];
    const value = args[++index];
    if (flag === '--seeds') settings.seeds = Number(value);
    else if (flag === '--selection') settings.selections = list(value ?? '');
    else if (flag === '--intervals') settings.intervals = list(value ?? '');
    else if (flag === '--lonely-psu') settings.lonelyPsu = value;
    else if (flag === '--scale') settings.scale = Number(value);
    else if (flag === '--counties') settings.counties = Number(value);
    else if (flag === '--out') out = value;
    else {
      process.stdout.write(
        'usage: node bench/coverage.mjs [--seeds 1000] [--selection srs,pps] [--intervals t,normal,korn-graubard] [--lonely-psu adjust] [--scale 1] [--counties 20] [--out FILE.md]\n',
      );
      process.exit(flag === '-h' || flag === '--help' ? 0 : 2);
    }
  }
  const bad = (text) => {
    process.stderr.write(`coverage: ${text}\n`);
    process.exit(2);
  };
  if (!Number.isInteger(settings.seeds) || settings.seeds < 2) bad(`--seeds must be an integer of at least 2, got ${settings.seeds}`);
  if (settings.counties !== null && !(Number.isInteger(settings.counties) && settings.counties > 0))
    bad(`--counties must be a positive integer, got ${settings.counties}`);
  if (!(settings.scale > 0)) bad(`--scale must be a positive number, got ${settings.scale}`);
  if (settings.selections.some((item) => item !== 'srs' && item !== 'pps')) bad(`--selection takes srs and pps, got ${settings.selections}`);
  return { settings, out };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { settings, out } = parseArguments(process.argv.slice(2));
  const started = performance.now();
  const table = coverageMarkdown(await runCoverage(settings));
  if (out === null) process.stdout.write(table);
  else writeFileSync(out, table);
  process.stderr.write(`coverage: ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
}
