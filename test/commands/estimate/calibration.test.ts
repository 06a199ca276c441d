/**
 * `spotcheck estimate --population`: post-stratification to known household counts, checked against
 * R's survey package (postStratify → svymean, svyciprop, svyby: docs/calibrate-check.R), recorded and
 * live, on the golden SRS frame with answers (fixtures/eval-results.csv) and on the golden PPS frame
 * with synthetic answers; the known counts from the draw's manifest and from CSV files; the
 * calibrated weights written; the errors.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT, spawnCli, tempDir } from '../../helpers.js';
import { NONPOOR, REGISTRY } from '../evaluate/evaluateKit.js';

const RESULTS = join(ROOT, 'fixtures', 'eval-results.csv');
const POPULATION = join(ROOT, 'fixtures', 'eval-population.csv');
const POPULATION_PREFECTURE = join(ROOT, 'fixtures', 'eval-population-prefecture.csv');
const POPULATION_STRATUM = join(ROOT, 'fixtures', 'eval-population-stratum.csv');
const PPS_FRAME = join(ROOT, 'test', 'golden', 'evaluate-pps-poverty', 'frame.csv');
const SEED = ['--seed', '2026 第三方评估', '--nonpoor', NONPOOR];
const PPS_DRAW = [
  ...SEED,
  ...['--strata', 'poverty-county', '--county-selection', 'pps', '--allocation', 'households'],
  ...['--villages', '2', '--households', 'poor=3,exited=4,nonpoor=4', '--spares', '1'],
];

/**
 * measure, domain, estimate, SE, 95% t interval (df = degf(design)), Korn–Graubard interval, from
 * `Rscript docs/calibrate-check.R FRAME POPULATION POST_STRATA BY 识别准确 满意` (R 4.2.2, survey 4.1-1).
 */
const FROM_R = {
  /** fixtures/eval-results.csv post-stratified by household_stratum (fixtures/eval-population.csv), by status. */
  status: `
识别准确 all 0.753108929592 0.031196082241 0.666494719751 0.839723139432 0.654322809753 0.835629085168
识别准确 exited 0.801057158021 0.039581048906 0.691162548528 0.910951767515 0.665778355494 0.899546022299
识别准确 nonpoor 0.670226822996 0.044226243187 0.547435086576 0.793018559415 0.532787666470 0.789230189715
识别准确 poor 0.856226880395 0.029910188750 0.773182883244 0.939270877546 0.751687584174 0.928726219451
满意 all 0.795613066070 0.030951059400 0.709679148698 0.881546983442 0.694237400510 0.875455811572
满意 exited 0.793670900203 0.051526842801 0.650609449722 0.936732350685 0.610753998041 0.917158678957
满意 nonpoor 0.811973226739 0.021481390565 0.752331325052 0.871615128425 0.744195039360 0.868290718247
满意 poor 0.732520846697 0.040554231578 0.619924248937 0.845117444456 0.603056396414 0.838227116103`,
  /** The same, post-stratified by county_stratum × household_stratum (fixtures/eval-population-prefecture.csv). */
  prefectureStatus: `
识别准确 all 0.755748836308 0.025041861922 0.686221481349 0.825276191267 0.678179431569 0.822733655883
识别准确 exited 0.802572752410 0.030484908268 0.717933078067 0.887212426753 0.702538071069 0.880754564459
识别准确 nonpoor 0.677361885045 0.028930304128 0.597038483758 0.757685286332 0.590240520202 0.756275093546
识别准确 poor 0.844524237716 0.019090559981 0.791520345901 0.897528129531 0.783710872353 0.893792429190
满意 all 0.792349377396 0.019409007526 0.738461333453 0.846237421339 0.732450060454 0.844128734325
满意 exited 0.794991804708 0.033254231805 0.702663255586 0.887320353830 0.685278954288 0.880012348828
满意 nonpoor 0.802249653777 0.011208345471 0.771130297856 0.833369009698 0.769104250116 0.832554272221
满意 poor 0.732457600085 0.024276711932 0.665054642071 0.799860558099 0.658972795719 0.797582552913`,
  /** The golden PPS frame with ppsAnswers, post-stratified by household_stratum (its manifest's counts), by county_stratum. */
  /**
   * fixtures/eval-results.csv raked to status (the manifest's counts; R: fixtures/eval-population.csv) and
   * county stratum (fixtures/eval-population-stratum.csv): R's rake(…, control = list(maxit = 100, epsilon = 1e-9)).
   */
  raking: `
识别准确 all 0.752615306426 0.026986273661 0.677689399012 0.827541213840 0.668538162244 0.824626379317
识别准确 exited 0.799708500078 0.031890706383 0.711165704438 0.888251295717 0.694654498439 0.881301304761
识别准确 nonpoor 0.670737682574 0.030884814795 0.584987689712 0.756487675437 0.577533425333 0.755015534430
识别准确 poor 0.855769965106 0.034703738847 0.759416939252 0.952122990959 0.730593304266 0.937712792381
满意 all 0.793671045898 0.023401920722 0.728696897658 0.858645194139 0.719904290819 0.855435102105
满意 exited 0.798728911814 0.036398940890 0.697669250546 0.899788573082 0.676420040672 0.890538255433
满意 nonpoor 0.802940691605 0.015209329557 0.760712823004 0.845168560207 0.756906617228 0.843668885171
满意 poor 0.722979108685 0.052899457942 0.576106667613 0.869851549756 0.549792442336 0.858058702465`,
  pps: `
识别准确 all 0.969082711014 0.007604570819 0.953106100575 0.985059321454 0.948695554553 0.982984178071
识别准确 贫困县 0.974614257583 0.009347592018 0.954975695490 0.994252819676 0.946513713976 0.990338644021
识别准确 非贫困县 0.952336268140 0.008966732524 0.933497862152 0.971174674128 0.930025615634 0.969158454215
满意 all 0.727692471396 0.038238769355 0.647355798066 0.808029144725 0.638341141235 0.805335225078
满意 贫困县 0.765402909379 0.034206081701 0.693538598424 0.837267220334 0.684668068517 0.834096271142
满意 非贫困县 0.622749484858 0.089325506959 0.435083558533 0.810415411184 0.414913199347 0.802050257163`,
} as const;

function parseLines(text: string): Map<string, number[]> {
  return new Map(
    text
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('weight ') && !line.startsWith('poststratum '))
      .map((line) => {
        const [measure, domain, ...numbers] = line.trim().split(/\s+/);
        return [`${measure} ${domain}`, numbers.map(Number)];
      }),
  );
}

/**
 * The golden PPS frame with two synthetic result columns, fixed by each household's ticket: 识别准确
 * blank for a first byte < 16, 是 below 196, else 否; 满意 from the second byte (blank < 24, 是 < 194).
 */
function ppsAnswers(frameText: string): string {
  const records = parse(frameText) as string[][];
  const ticketAt = records[0]!.indexOf('ticket');
  const answer = (hex: string, blankBelow: number, yesBelow: number) => {
    const byte = Number.parseInt(hex, 16);
    return byte < blankBelow ? '' : byte < yesBelow ? '是' : '否';
  };
  return stringify(
    records.map((row, index) =>
      index === 0
        ? [...row, '识别准确', '满意']
        : [...row, answer(row[ticketAt]!.slice(0, 2), 16, 196), answer(row[ticketAt]!.slice(2, 4), 24, 194)],
    ),
  );
}

interface Case {
  readonly frame: string;
  /** spotcheck's calibration options. */
  readonly calibration: readonly string[];
  /** docs/calibrate-check.R's second and third arguments: the same counts as CSV, and the post-strata (or --rake and the margins). */
  readonly r: readonly [string, string];
  readonly by: string;
}

const dir = tempDir();
const SRS_MANIFEST = join(dir, 'srs', 'manifest.json');
const PPS_RESULTS = join(dir, 'pps-results.csv');
const PPS_POPULATION = join(dir, 'pps-population.csv');
const CASES: Record<keyof typeof FROM_R, Case> = {
  status: {
    frame: RESULTS,
    calibration: ['--population', SRS_MANIFEST],
    r: [POPULATION, 'household_stratum'],
    by: 'household_stratum',
  },
  prefectureStatus: {
    frame: RESULTS,
    calibration: ['--population', POPULATION_PREFECTURE, '--post-strata', 'county_stratum,household_stratum'],
    r: [POPULATION_PREFECTURE, 'county_stratum,household_stratum'],
    by: 'household_stratum',
  },
  pps: {
    frame: PPS_RESULTS,
    calibration: ['--population', join(dir, 'pps', 'manifest.json'), '--post-strata', 'status'],
    r: [PPS_POPULATION, 'household_stratum'],
    by: 'county_stratum',
  },
  raking: {
    frame: RESULTS,
    calibration: ['--rake', `status=${SRS_MANIFEST}`, '--rake', `county_stratum=${POPULATION_STRATUM}`],
    r: ['--rake', `household_stratum=${POPULATION};county_stratum=${POPULATION_STRATUM}`],
    by: 'household_stratum',
  },
};

interface EstimateJson {
  calibration: {
    post_strata: Array<{ values: Record<string, string>; count: number; rows: number; calibrated_weight_sum: number }>;
    design_weight_sum: number;
    calibrated_weight_sum: number;
    source: string;
  } | null;
  measures: Array<{
    column: string;
    estimates: Array<{
      domain: string;
      estimate: number;
      standard_error: number | null;
      ci_lower: number | null;
      ci_upper: number | null;
      flag: string | null;
    }>;
  }>;
}

async function estimateJson(args: readonly string[]): Promise<EstimateJson> {
  const result = await cli(['estimate', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as EstimateJson;
}

/** spotcheck's estimate, SE, t interval and Korn–Graubard interval per "measure domain" for a case. */
async function spotcheckEstimates(entry: Case, calibration = entry.calibration): Promise<Map<string, number[]>> {
  const args = [entry.frame, '--measure', '识别准确=是', '--measure', '满意=是', '--by', entry.by];
  const byT = await estimateJson([...args, ...calibration]);
  const byKornGraubard = await estimateJson([...args, ...calibration, '--interval', 'korn-graubard']);
  const estimates = new Map<string, number[]>();
  for (const [index, measure] of byT.measures.entries()) {
    for (const [at, estimate] of measure.estimates.entries()) {
      const kornGraubard = byKornGraubard.measures[index]!.estimates[at]!;
      expect(estimate.flag).toBeNull();
      estimates.set(`${measure.column} ${estimate.domain}`, [
        estimate.estimate,
        estimate.standard_error!,
        estimate.ci_lower!,
        estimate.ci_upper!,
        kornGraubard.ci_lower!,
        kornGraubard.ci_upper!,
      ]);
    }
  }
  return estimates;
}

function expectEqualToR(ours: Map<string, number[]>, theirs: Map<string, number[]>) {
  expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
  for (const [key, numbers] of theirs) {
    expect(numbers).toHaveLength(6);
    // Estimate, SE, the t interval's bounds and Korn–Graubard's, to 1e-9.
    for (const [index, number] of numbers.entries())
      expect(ours.get(key)![index], `${key} #${index}`).toBeCloseTo(number, 9);
  }
}

const hasR = spawnSync('Rscript', ['-e', 'library(survey)'], { encoding: 'utf8' }).status === 0;
if (!hasR)
  process.stderr.write(
    "test/commands/estimate/calibration.test.ts: R with the survey package is missing: the live comparison with R's postStratify is SKIPPED (install Debian's r-base-core and r-cran-survey)\n",
  );

beforeAll(async () => {
  // The draws' manifests (frame.households: the known counts by status), and the PPS frame with answers.
  for (const [name, args] of [
    ['srs', SEED],
    ['pps', PPS_DRAW],
  ] as const) {
    const result = await cli(['evaluate', REGISTRY, ...args, '--out', join(dir, name)]);
    expect(result.status, result.stderr).toBe(0);
  }
  expect(readFileSync(join(dir, 'pps', 'frame.csv'), 'utf8')).toBe(readFileSync(PPS_FRAME, 'utf8'));
  writeFileSync(PPS_RESULTS, ppsAnswers(readFileSync(PPS_FRAME, 'utf8')));
  const manifest = JSON.parse(readFileSync(join(dir, 'pps', 'manifest.json'), 'utf8')) as {
    frame: { households: Record<string, number> };
  };
  writeFileSync(
    PPS_POPULATION,
    `household_stratum,households\n${Object.entries(manifest.frame.households)
      .map(([status, count]) => `${status},${count}`)
      .join('\n')}\n`,
  );
}, 60_000);

describe('estimate --population, --rake: post-stratification and raking', () => {
  for (const [name, entry] of Object.entries(CASES) as Array<[keyof typeof FROM_R, Case]>) {
    it(`${name}: equals R's postStratify or rake → svymean, confint, svyciprop, svyby (recorded)`, async () => {
      expectEqualToR(await spotcheckEstimates(entry), parseLines(FROM_R[name]));
    });

    it.skipIf(!hasR)(`${name}: equals R's postStratify or rake, weights and estimates (run live)`, async () => {
      const live = spawnSync(
        'Rscript',
        [join(ROOT, 'docs', 'calibrate-check.R'), entry.frame, ...entry.r, entry.by, '识别准确', '满意'],
        { encoding: 'utf8' },
      );
      expect(live.status, live.stderr).toBe(0);
      expectEqualToR(await spotcheckEstimates(entry), parseLines(live.stdout));
      // Every household's calibrated weight (--weights-out) is R's weights(postStratify(…)) or weights(rake(…)).
      const out = join(tempDir(), 'weights.csv');
      const result = await cli([
        'estimate',
        entry.frame,
        '--measure',
        '识别准确=是',
        ...entry.calibration,
        '--weights-out',
        out,
      ]);
      expect(result.status, result.stderr).toBe(0);
      const written = (parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>).map(
        (row) => [row.household_id!, Number(row.calibrated_weight)] as const,
      );
      const fromR = live.stdout
        .split('\n')
        .filter((line) => line.startsWith('weight '))
        .map((line) => line.split(' '))
        .map(([, id, weight]) => [id!, Number(weight)] as const);
      expect(written.map(([id]) => id)).toEqual(fromR.map(([id]) => id));
      for (const [index, [id, weight]] of fromR.entries()) expect(written[index]![1], id).toBeCloseTo(weight, 9);
    });
  }

  it('gives the same estimates from the manifest and from a CSV of the same counts', async () => {
    const fromManifest = await spotcheckEstimates(CASES.status);
    const fromCsv = await spotcheckEstimates(CASES.status, ['--population', POPULATION]);
    expect(fromCsv).toEqual(fromManifest);
    // Post-stratified by status, the overall estimate moves (0.7513 → 0.7531) and its SE shrinks.
    expect(fromCsv.get('识别准确 all')![0]).toBeCloseTo(0.753108929592, 9);
  });

  it('says in JSON and text what it calibrated to, and the weights before and after', async () => {
    const args = [RESULTS, '--measure', '识别准确=是', '--population', POPULATION_PREFECTURE];
    const json = await estimateJson([...args, '--post-strata', 'stratum,status']);
    const calibration = json.calibration!;
    expect(calibration.source).toBe('csv');
    expect(calibration.post_strata).toHaveLength(48);
    for (const postStratum of calibration.post_strata)
      expect(postStratum.calibrated_weight_sum).toBeCloseTo(postStratum.count, 9);
    expect(calibration.calibrated_weight_sum).toBeCloseTo(4000, 9);
    expect(calibration.design_weight_sum).toBeCloseTo(4303.9, 1);
    expect((await estimateJson([RESULTS, '--measure', '识别准确=是'])).calibration).toBeNull();
    const text = await cli(['estimate', ...args, '--post-strata', 'county_stratum,household_stratum']);
    expect(text.stdout).toContain(
      'by county_stratum × household_stratum: 48 post-strata, weights summing to 4303.9 before and 4000.0 after',
    );
    expect(text.stdout).toMatch(
      / {2}大理白族自治州 × poor: 69 households known, 26 in the frame, weights [\d.]+ → 69\.0/,
    );
    const zh = await cli([
      'estimate',
      RESULTS,
      '--measure',
      '识别准确=是',
      '--population',
      POPULATION,
      '--lang',
      'zh-CN',
    ]);
    expect(zh.stdout).toContain('已按 household_stratum 事后分层校准到');
  });

  it('writes the calibrated weights: household_id, post-stratum, design and calibrated weight, and no other column', async () => {
    const out = join(tempDir(), 'weights.csv');
    const result = await cli([
      'estimate',
      ...[RESULTS, '--measure', '识别准确=是', '--population', POPULATION, '--weights-out', out],
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain(`Calibrated weights written to ${out}`);
    const rows = parse(readFileSync(out, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(Object.keys(rows[0]!)).toEqual(['household_id', 'household_stratum', 'design_weight', 'calibrated_weight']);
    const frame = parse(readFileSync(RESULTS, 'utf8'), { columns: true }) as Array<Record<string, string>>;
    expect(rows.map((row) => row.household_id)).toEqual(frame.map((row) => row.household_id));
    expect(rows.map((row) => Number(row.design_weight))).toEqual(frame.map((row) => Number(row.weight)));
    const sums = new Map<string, number>();
    for (const row of rows)
      sums.set(row.household_stratum!, (sums.get(row.household_stratum!) ?? 0) + Number(row.calibrated_weight));
    expect(sums.get('poor')).toBeCloseTo(356, 9);
    expect(sums.get('exited')).toBeCloseTo(2014, 9);
    expect(sums.get('nonpoor')).toBeCloseTo(1630, 9);
  });

  it('refuses to write the weights over an input, and writes nothing when the estimate fails', async () => {
    const before = readFileSync(RESULTS, 'utf8');
    const over = await cli([
      'estimate',
      ...[RESULTS, '--measure', '识别准确=是', '--population', POPULATION, '--weights-out', RESULTS],
    ]);
    expect(over.status).not.toBe(0);
    expect(over.stderr).toMatch(/eval-results\.csv/);
    expect(readFileSync(RESULTS, 'utf8')).toBe(before);
    const overPopulation = await cli([
      'estimate',
      ...[RESULTS, '--measure', '识别准确=是', '--population', POPULATION, '--weights-out', POPULATION],
    ]);
    expect(overPopulation.status).not.toBe(0);
    const out = join(tempDir(), 'weights.csv');
    const failed = await cli([
      'estimate',
      ...[RESULTS, '--measure', '识别准确=对', '--no', '错', '--population', POPULATION, '--weights-out', out],
    ]);
    expect(failed.status).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('refuses counts that do not match the frame, naming the file and line, in English and Chinese', async () => {
    const work = tempDir();
    const write = (name: string, text: string) => {
      writeFileSync(join(work, name), text);
      return join(work, name);
    };
    const run = (population: string, ...more: string[]) =>
      cli(['estimate', RESULTS, '--measure', '识别准确=是', '--population', population, ...more]);
    // A post-stratum of the frame without a count.
    const noPoor = write('no-poor.csv', 'household_stratum,households\nexited,2014\nnonpoor,1630\n');
    const missing = await run(noPoor);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(
      /eval-results\.csv:2: 1 post-stratum\(s\) of the frame have no known count \(or a count of 0\): "poor"/,
    );
    const missingZh = await run(noPoor, '--lang', 'zh-CN');
    expect(missingZh.stderr).toContain('样本中有 1 个事后分层没有已知户数（或户数为 0）："poor"');
    // A count of 0 for a post-stratum of the frame.
    expect((await run(write('zero.csv', 'household_stratum,n\npoor,0\nexited,2014\nnonpoor,1630\n'))).stderr).toMatch(
      /no known count \(or a count of 0\): "poor"/,
    );
    // A post-stratum with a count and no household in the frame (R: "Some strata absent from sample").
    const extra = await run(write('extra.csv', 'household_stratum,n\npoor,356\nexited,2014\nnonpoor,1630\nmoved,12\n'));
    expect(extra.stderr).toMatch(
      /extra\.csv:5: 1 post-stratum\(s\) with a known count have no household in the frame: "moved"/,
    );
    // Counts that are not whole numbers ≥ 0, duplicates, blank cells, a header without one count column.
    expect((await run(write('bad.csv', 'household_stratum,n\npoor,356.5\n'))).stderr).toMatch(
      /bad\.csv:2 \(column n\): a household count must be a whole number ≥ 0, got "356\.5"/,
    );
    expect((await run(write('neg.csv', 'household_stratum,n\npoor,-3\n'))).stderr).toMatch(/neg\.csv:2 .*got "-3"/);
    expect((await run(write('dup.csv', 'household_stratum,n\npoor,356\npoor,356\n'))).stderr).toMatch(
      /dup\.csv:3: the post-stratum poor is given twice \(first on line 2\)/,
    );
    expect((await run(write('blank.csv', 'household_stratum,n\n,356\n'))).stderr).toMatch(
      /blank\.csv:2: a post-stratum cell \(household_stratum\) is blank/,
    );
    expect((await run(write('two.csv', 'household_stratum,n,m\npoor,356,1\n'))).stderr).toMatch(
      /two\.csv:1: the population file must have the post-stratum column\(s\) "household_stratum" and exactly one other column/,
    );
    // A manifest records counts by status only.
    const byPrefecture = await run(SRS_MANIFEST, '--post-strata', 'county_stratum,household_stratum');
    expect(byPrefecture.status).toBe(2);
    expect(byPrefecture.stderr).toMatch(/records the frame's households by status only/);
    // --post-strata and --weights-out need --population.
    const usage = await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--post-strata', 'status']);
    expect(usage.stderr).toMatch(/--post-strata needs --population/);
    expect(
      (await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--weights-out', join(work, 'w.csv')])).stderr,
    ).toMatch(/--weights-out needs --population/);
  });

  it.skipIf(!hasR)(
    'the README’s R lines for calibration run as written and give spotcheck’s estimate and interval',
    async () => {
      const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
      const section = readme.slice(readme.indexOf("**Calibration to the registry's counts.**"));
      const block = /```r\n([\s\S]*?)```/.exec(section)![1]!;
      const script = join(tempDir(), 'readme-calibration.R');
      writeFileSync(script, block);
      const live = spawnSync('Rscript', [script], { cwd: ROOT, encoding: 'utf8' });
      expect(live.status, live.stderr).toBe(0);
      // svymean's TRUE row (mean, SE), then confint's (2.5 %, 97.5 %), as R prints them.
      const rows = live.stdout.split('\n').filter((line) => line.includes('TRUE'));
      expect(rows).toHaveLength(2);
      const [mean, se] = rows[0]!.trim().split(/\s+/).slice(-2).map(Number);
      const [lower, upper] = rows[1]!.trim().split(/\s+/).slice(-2).map(Number);
      const ours = (await spotcheckEstimates(CASES.status, ['--population', POPULATION])).get('识别准确 all')!;
      expect(mean).toBeCloseTo(ours[0]!, 5);
      expect(se).toBeCloseTo(ours[1]!, 4);
      expect(lower).toBeCloseTo(ours[2]!, 6);
      expect(upper).toBeCloseTo(ours[3]!, 6);
    },
  );

  it('rakes: says to which margins, in how many passes, and meets every margin', async () => {
    const args = [RESULTS, '--measure', '识别准确=是', ...CASES.raking.calibration];
    const result = await cli(['estimate', ...args, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const calibration = (
      JSON.parse(result.stdout) as {
        calibration: {
          method: string;
          converged: boolean;
          passes: number;
          margins: Array<{
            columns: string[];
            source: string;
            cells: Array<{ count: number; calibrated_weight_sum: number }>;
          }>;
        };
      }
    ).calibration;
    expect(calibration.method).toBe('raking');
    expect(calibration.converged).toBe(true);
    expect(calibration.margins.map((margin) => [margin.columns, margin.source])).toEqual([
      [['household_stratum'], 'manifest'],
      [['county_stratum'], 'csv'],
    ]);
    for (const margin of calibration.margins)
      for (const cell of margin.cells) expect(Math.abs(cell.calibrated_weight_sum - cell.count)).toBeLessThan(1e-6);
    const text = await cli(['estimate', ...args]);
    expect(text.stdout).toMatch(
      /Raked to 2 margins \(household_stratum, county_stratum\) in \d+ passes: weights summing to 4303\.9 before and 4000\.0 after/,
    );
    expect(text.stdout).toMatch(/ {4}大理白族自治州: 842 households known, 113 in the frame, weights 1119\.4 → 842\.0/);
  });

  it('refuses margins of different totals, --rake with --population, and a --rake without =FILE', async () => {
    const work = tempDir();
    const small = join(work, 'small.csv');
    writeFileSync(
      small,
      'county_stratum,n\n' +
        readFileSync(POPULATION_STRATUM, 'utf8')
          .split('\n')
          .slice(1)
          .join('\n')
          .replace(/,(\d+)$/m, ',1'),
    );
    const differ = await cli([
      'estimate',
      RESULTS,
      '--measure',
      '识别准确=是',
      '--rake',
      `status=${POPULATION}`,
      '--rake',
      `stratum=${small}`,
    ]);
    expect(differ.status).toBe(2);
    expect(differ.stderr).toMatch(
      /the margins count different totals: .*eval-population\.csv 4000 households, .*small\.csv \d+/,
    );
    const both = await cli([
      'estimate',
      RESULTS,
      '--measure',
      '识别准确=是',
      '--population',
      POPULATION,
      '--rake',
      `status=${POPULATION}`,
    ]);
    expect(both.stderr).toMatch(/--rake and --population cannot be given together/);
    expect((await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--rake', 'status'])).stderr).toMatch(
      /--rake must be COLUMN\[,COLUMN…\]=FILE/,
    );
  });

  it('runs in the built binary (e2e)', () => {
    const result = spawnCli(['estimate', RESULTS, '--measure', '识别准确=是', '--population', POPULATION, '--json']);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout) as EstimateJson;
    expect(json.calibration!.source).toBe('csv');
    expect(json.measures[0]!.estimates[0]!.estimate).toBeCloseTo(0.753108929592, 9);
    expect(json.measures[0]!.estimates[0]!.standard_error).toBeCloseTo(0.031196082241, 9);
  });
});
