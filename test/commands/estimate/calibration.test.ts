/**
 * `spotcheck estimate --population`: post-stratification to known household counts, checked against
 * R's survey package (postStratify or rake → svymean, svyciprop, svytotal, svyby: docs/calibrate-check.R,
 * on estimate's default variance design: certainty counties' villages as PSUs), recorded and
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
import { rSurveyAvailable } from '../../rKit.js';

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
 * measure, domain, estimate, SE, 95% t interval (df = degf(design)), Korn–Graubard interval, total and
 * its SE (svytotal), from `Rscript docs/calibrate-check.R FRAME POPULATION POST_STRATA BY 识别准确 满意`
 * (R 4.2.2, survey 4.1-1), on spotcheck's default design (certainty counties their own strata, their
 * villages the PSUs) unless said otherwise.
 */
const FROM_R = {
  /** fixtures/eval-results.csv post-stratified by household_stratum (fixtures/eval-population.csv), by status. */
  status: `
识别准确 all 0.753108929592 0.031062972505 0.688998105319 0.817219753865 0.682243144489 0.815161311873 2895.288626366641 130.017969395660
识别准确 exited 0.801057158021 0.040380473516 0.717715956814 0.884398359228 0.702932075363 0.878242019150 1558.597645581541 81.860762712310
识别准确 nonpoor 0.670226822996 0.044314503190 0.578766183602 0.761687462389 0.570348685168 0.759967294530 1041.695276727820 68.150471254983
识别准确 poor 0.856226880395 0.029097276977 0.796173052295 0.916280708494 0.784641524103 0.911151232288 294.995704057279 10.295369827742
满意 all 0.795613066070 0.029004056715 0.735751635135 0.855474497005 0.728188716298 0.852739580254 2960.242874240713 124.447064657126
满意 exited 0.793670900203 0.050521155650 0.689400359726 0.897941440680 0.667552684425 0.888454444677 1498.713995709726 96.784836255190
满意 nonpoor 0.811973226739 0.018295518788 0.774213131827 0.849733321650 0.770996986199 0.848432151380 1218.956086168219 37.852250440240
满意 poor 0.732520846697 0.036203356441 0.657800791412 0.807240901981 0.649866072892 0.804758542832 242.572792362768 14.246365327139`,
  /** The same, post-stratified by county_stratum × household_stratum (fixtures/eval-population-prefecture.csv). */
  prefectureStatus: `
识别准确 all 0.755748836308 0.026197755711 0.701679325978 0.809818346638 0.696787373334 0.808365833326 2909.808941519701 107.759439542731
识别准确 exited 0.802572752410 0.032080236363 0.736362398723 0.868783106097 0.726914194718 0.864993573360 1563.611689024605 65.957149429368
识别准确 nonpoor 0.677361885045 0.031267414888 0.612829112433 0.741894657657 0.608411937783 0.741051320793 1053.851072778774 48.701262174667
识别准确 poor 0.844524237716 0.021704311503 0.799728740423 0.889319735009 0.793941365447 0.886838258853 292.346179716322 7.721480320769
满意 all 0.792349377396 0.019765517886 0.751555353461 0.833143401331 0.748112468621 0.831977318976 2944.495256542486 75.389942794460
满意 exited 0.794991804708 0.034071086645 0.724672537989 0.865311071428 0.714526453056 0.861290051106 1496.921755666267 57.356818767131
满意 nonpoor 0.802249653777 0.013964329962 0.773428693255 0.831070614299 0.771699702456 0.830367854783 1204.881040065570 30.586928768897
满意 poor 0.732457600085 0.027342329930 0.676025804671 0.788889395499 0.671490721942 0.787542328110 242.692460810648 11.564416227270`,
  /**
   * fixtures/eval-results.csv raked to status (the manifest's counts; R: fixtures/eval-population.csv) and
   * county stratum (fixtures/eval-population-stratum.csv): R's rake(…, control = list(maxit = 100, epsilon = 1e-9)).
   */
  raking: `
识别准确 all 0.752615306426 0.028100025658 0.694619703888 0.810610908964 0.689094168615 0.808973662244 2900.441932820283 116.308410854703
识别准确 exited 0.799708500078 0.033453607024 0.730663648660 0.868753351495 0.720579698217 0.864715426418 1559.455553823056 69.201372645889
识别准确 nonpoor 0.670737682574 0.033199548181 0.602217182838 0.739258182311 0.597410657247 0.738406660172 1044.782314753066 51.761844709040
识别准确 poor 0.855769965106 0.034799540006 0.783947244541 0.927592685670 0.767475674892 0.920124534263 296.204064244160 12.455453081798
满意 all 0.793671045898 0.023592341637 0.744978845929 0.842363245868 0.740029688531 0.840644483465 2948.560352476984 91.867546942894
满意 exited 0.798728911814 0.037085445721 0.722188313734 0.875269509894 0.709886137385 0.870267269082 1507.517428252670 66.109337085872
满意 nonpoor 0.802940691605 0.017589461024 0.766637828298 0.839243554913 0.763843789722 0.838135034284 1201.546956756495 35.410179288383
满意 poor 0.722979108685 0.050504741050 0.618742446276 0.827215771094 0.604356465718 0.822381270441 239.495967467818 17.709450965794`,
  /** The status case with `--certainty-strata off`: counties the PSUs of their county strata (R: `--certainty-strata off`). */
  statusCertaintyOff: `
识别准确 all 0.753108929592 0.031196082241 0.666494719751 0.839723139432 0.654322809753 0.835629085168 2895.288626366641 129.205127091108
识别准确 exited 0.801057158021 0.039581048906 0.691162548528 0.910951767515 0.665778355494 0.899546022299 1558.597645581541 80.044207587958
识别准确 nonpoor 0.670226822996 0.044226243187 0.547435086576 0.793018559415 0.532787666470 0.789230189715 1041.695276727820 68.178806426088
识别准确 poor 0.856226880395 0.029910188750 0.773182883244 0.939270877546 0.751687584174 0.928726219451 294.995704057279 9.308803705463
满意 all 0.795613066070 0.030951059400 0.709679148698 0.881546983442 0.694237400510 0.875455811572 2960.242874240713 133.389737367079
满意 exited 0.793670900203 0.051526842801 0.650609449722 0.936732350685 0.610753998041 0.917158678957 1498.713995709726 98.946238859052
满意 nonpoor 0.811973226739 0.021481390565 0.752331325052 0.871615128425 0.744195039360 0.868290718247 1218.956086168219 42.107569731717
满意 poor 0.732520846697 0.040554231578 0.619924248937 0.845117444456 0.603056396414 0.838227116103 242.572792362768 15.184256209636`,
  /** The golden PPS frame with ppsAnswers, post-stratified by household_stratum (its manifest's counts), by county_stratum. */
  pps: `
识别准确 all 0.969082711014 0.006748643021 0.954904338150 0.983261083878 0.951465285233 0.981632366933 2917.662814574902 178.390588672788
识别准确 贫困县 0.974614257583 0.008363515311 0.957043163931 0.992185351234 0.949886524674 0.989227875609 2205.736316195739 137.418078177152
识别准确 非贫困县 0.952336268140 0.009056485140 0.933309298902 0.971363237378 0.914903102015 0.976572310355 711.926498379164 101.494103603152
满意 all 0.727692471396 0.032950762923 0.658465487328 0.796919455463 0.651734079178 0.795002382031 2668.914124858398 130.038550898620
满意 贫困县 0.765402909379 0.024556648536 0.713811305235 0.816994513523 0.708355276394 0.816135709711 2065.133086373952 128.224818501811
满意 非贫困县 0.622749484858 0.089333400169 0.435066975513 0.810431994204 0.303964303195 0.877820420762 603.781038484446 61.741729460751`,
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
  /** docs/calibrate-check.R's options for the variance design (--certainty-strata off), after the measures. */
  readonly rDesign?: readonly string[];
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
  statusCertaintyOff: {
    frame: RESULTS,
    calibration: ['--population', SRS_MANIFEST, '--certainty-strata', 'off'],
    r: [POPULATION, 'household_stratum'],
    rDesign: ['--certainty-strata', 'off'],
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
      psus: number;
      total: number | null;
      total_standard_error: number | null;
    }>;
  }>;
}

async function estimateJson(args: readonly string[]): Promise<EstimateJson> {
  const result = await cli(['estimate', ...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  return JSON.parse(result.stdout) as EstimateJson;
}

/** spotcheck's estimate, SE, t interval, Korn–Graubard interval, total and its SE per "measure domain" for a case. */
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
        estimate.total!,
        estimate.total_standard_error!,
      ]);
    }
  }
  return estimates;
}

function expectEqualToR(ours: Map<string, number[]>, theirs: Map<string, number[]>) {
  expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
  for (const [key, numbers] of theirs) {
    expect(numbers).toHaveLength(8);
    // Estimate, SE, the t interval's bounds and Korn–Graubard's, the total (svytotal) and its SE, to 1e-9.
    for (const [index, number] of numbers.entries())
      expect(ours.get(key)![index], `${key} #${index}`).toBeCloseTo(number, 9);
  }
}

const hasR = rSurveyAvailable(
  'test/commands/estimate/calibration.test.ts',
  "the live comparison with R's postStratify is SKIPPED",
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
        [
          join(ROOT, 'docs', 'calibrate-check.R'),
          ...[entry.frame, ...entry.r, entry.by, '识别准确', '满意', ...(entry.rDesign ?? [])],
        ],
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

  it.skipIf(!hasR)(
    'by county stratum: a domain of one PSU stays flagged after calibration (R prints an SE there); the others, a certainty county with its villages as PSUs included, equal R, Korn–Graubard with the domain’s df',
    async () => {
      const live = spawnSync(
        'Rscript',
        [
          join(ROOT, 'docs', 'calibrate-check.R'),
          ...[RESULTS, POPULATION, 'household_stratum', 'county_stratum', '识别准确', '满意'],
        ],
        { encoding: 'utf8' },
      );
      expect(live.status, live.stderr).toBe(0);
      const fromR = parseLines(live.stdout);
      const args = [RESULTS, '--measure', '识别准确=是', '--measure', '满意=是', '--by', 'county_stratum'];
      const byT = await estimateJson([...args, '--population', POPULATION]);
      const byKornGraubard = await estimateJson([...args, '--population', POPULATION, '--interval', 'korn-graubard']);
      const uncalibrated = await estimateJson(args);
      let flagged = 0;
      let compared = 0;
      for (const [index, measure] of byT.measures.entries()) {
        for (const [at, estimate] of measure.estimates.entries()) {
          const theirs = fromR.get(`${measure.column} ${estimate.domain}`)!;
          expect(theirs, estimate.domain).toBeDefined();
          const kornGraubard = byKornGraubard.measures[index]!.estimates[at]!;
          // Flagged as without calibration.
          expect(estimate.flag, estimate.domain).toBe(uncalibrated.measures[index]!.estimates[at]!.flag);
          if (estimate.flag !== null) {
            flagged++;
            expect(estimate).toMatchObject({ flag: 'one-psu', psus: 1, standard_error: null, ci_lower: null });
            expect(kornGraubard).toMatchObject({ flag: 'one-psu', ci_lower: null });
            expect(estimate.total_standard_error).toBeNull();
            // R prints an SE, and its Korn–Graubard interval is NaN (the domain's df is 0).
            expect(theirs[1]).toBeGreaterThan(0);
            expect(theirs[4]).toBeNaN();
            continue;
          }
          compared++;
          const ours = [
            ...[estimate.estimate, estimate.standard_error, estimate.ci_lower, estimate.ci_upper],
            ...[kornGraubard.ci_lower, kornGraubard.ci_upper, estimate.total, estimate.total_standard_error],
          ];
          for (const [k, number] of theirs.entries())
            expect(ours[k], `${measure.column} ${estimate.domain} #${k}`).toBeCloseTo(number, 9);
        }
      }
      // 昆明市, 玉溪市, 红河哈尼族彝族自治州: one county each, not drawn with certainty; per measure.
      expect(flagged).toBe(6);
      expect(compared).toBe(2 * 14);
    },
  );

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
      // svymean's TRUE row (mean, SE), then confint's (2.5 %, 97.5 %), then svytotal's (total, SE), as R prints them.
      const rows = live.stdout.split('\n').filter((line) => line.includes('TRUE'));
      expect(rows).toHaveLength(3);
      const [mean, se] = rows[0]!.trim().split(/\s+/).slice(-2).map(Number);
      const [lower, upper] = rows[1]!.trim().split(/\s+/).slice(-2).map(Number);
      const [total, totalSe] = rows[2]!.trim().split(/\s+/).slice(-2).map(Number);
      const ours = (await spotcheckEstimates(CASES.status, ['--population', POPULATION])).get('识别准确 all')!;
      expect(mean).toBeCloseTo(ours[0]!, 5);
      expect(se).toBeCloseTo(ours[1]!, 4);
      expect(lower).toBeCloseTo(ours[2]!, 6);
      expect(upper).toBeCloseTo(ours[3]!, 6);
      expect(total).toBeCloseTo(ours[6]!, 2);
      expect(totalSe).toBeCloseTo(ours[7]!, 2);
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
    expect(json.measures[0]!.estimates[0]!.standard_error).toBeCloseTo(0.031062972505, 9);
  });
});
