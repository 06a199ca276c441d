/**
 * Inference in `spotcheck estimate` (issue 17) against R's survey package, on every fixture frame:
 * proportions (svymean), their t and Korn–Graubard intervals (confint(…, df = degf(design)),
 * svyciprop(method = "beta")), design effects (deff = TRUE), totals (svytotal) with their t
 * intervals, by domain (svyby), under the certainty-strata design (a county drawn with probability 1
 * its own stratum, its villages the PSUs) and with --certainty-strata off; to 1e-9, recorded and live.
 *
 * fixtures/eval-results-pps.csv (PPS counties, 11 certainty counties) and eval-results-srs2.csv (SRS,
 * another seed) are made by fixtures/make-eval-results.mjs; the recorded lines are the output of
 * `Rscript docs/estimate-check.R FRAME [off]` (R 4.2, survey 4.1-1).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../../helpers.js';
import { rSurveyAvailable } from '../../rKit.js';

/** Per frame (and design): "design: strata PSUs df", then per measure and domain 12 numbers (docs/estimate-check.R). */
const FROM_R: Readonly<Record<string, string>> = {
  'eval-results.csv': `
design: 16 40 24
识别准确 all 0.751335871198 0.031652228383 0.686008882565 0.816662859830 0.679067259641 0.814556955865 4.319193365811 3107.433333333333 474.384296083218 2128.352266988256 4086.514399678411 56.717787532385
识别准确 exited 0.801057158021 0.040380473516 0.717715956814 0.884398359228 0.702932075363 0.878242019150 3.333298005664 1643.466666666667 279.573145533872 1066.456053729485 2220.477279603848 37.960108444714
识别准确 nonpoor 0.670226822996 0.044314503190 0.578766183602 0.761687462389 0.570348685168 0.759967294530 2.734598436495 1155.344444444444 166.583001593059 811.534027064851 1499.154861824038 13.004204982314
识别准确 poor 0.856226880395 0.029097276977 0.796173052295 0.916280708494 0.784641524103 0.911151232288 1.404566428758 308.622222222222 53.149493336958 198.927059372817 418.317385071627 36.071082283387
满意 all 0.795991505545 0.028055716378 0.738087352867 0.853895658223 0.730991850692 0.851341906824 3.797217633616 3186.044444444444 433.851842492997 2290.618250763480 4081.470638125408 56.678567205141
满意 exited 0.793670900203 0.050521155650 0.689400359726 0.897941440680 0.667552684425 0.888454444677 4.975995526482 1580.322222222222 222.360961412955 1121.391753799799 2039.252690644646 24.313088737719
满意 nonpoor 0.811973226739 0.018295518788 0.774213131827 0.849733321650 0.770996986199 0.848432151380 0.654538623303 1351.944444444444 204.326391338786 930.235499257678 1773.653389631211 29.448316944227
满意 poor 0.732520846697 0.036203356441 0.657800791412 0.807240901981 0.649866072892 0.804758542832 1.314111451549 253.777777777778 38.491621663313 174.334975192136 333.220580363419 12.376554015318`,
  'eval-results-pps.csv': `
design: 17 42 25
识别准确 all 0.718707229612 0.033432237695 0.649852247173 0.787562212050 0.643385026629 0.785959104737 4.502149585334 3104.428342213938 749.683545006134 1560.426178909043 4648.430505518833 121.334899110084
识别准确 exited 0.774917131238 0.032882389153 0.707194583071 0.842639679405 0.698881691115 0.839566202148 1.991351115355 1650.404320700905 339.915971498532 950.334272703087 2350.474368698722 46.913093794880
识别准确 nonpoor 0.624466658587 0.053929318126 0.513397148783 0.735536168391 0.503911048008 0.734683477244 3.954414046475 1131.780355051355 333.098120763336 445.751933489591 1817.808776613120 45.927293719371
识别准确 poor 0.854112453736 0.052650774714 0.745676153380 0.962548754091 0.708461690171 0.944763485204 4.588621297634 322.243666461678 92.424936593956 131.890946310646 512.596386612710 99.337296311787
满意 all 0.850174777007 0.014126929660 0.821079820741 0.879269733273 0.818490099170 0.878238423113 1.282185276377 3745.239373834886 828.124211680550 2039.685633410361 5450.793114259411 227.040563361319
满意 exited 0.813553394427 0.042492898910 0.726037630904 0.901069157950 0.708331787692 0.893385615871 3.856624845097 1776.921777306819 305.395780379338 1147.947393767392 2405.896160846245 41.757668457083
满意 nonpoor 0.908184606846 0.027914171578 0.850694294314 0.965674919379 0.832719689211 0.957207024499 2.986421732993 1665.041649764262 449.894457066275 738.466670766255 2591.616628762269 230.792135294463
满意 poor 0.782171914967 0.051598869077 0.675902054825 0.888441775109 0.654458502291 0.879722600475 3.212464166513 303.275946763805 90.077580358259 117.757697277238 488.794196250373 65.120818557204`,
  'eval-results-srs2.csv': `
design: 16 40 24
识别准确 all 0.753037516663 0.023090060515 0.705381973978 0.800693059349 0.701631048633 0.799624576312 2.405912841460 3075.488888888889 454.015681460834 2138.446576965305 4012.531200812473 55.766881208774
识别准确 exited 0.807693141655 0.034094486812 0.737325579365 0.878060703945 0.726289708047 0.873530872353 2.458588416763 1655.555555555556 220.648093657226 1200.160272430442 2110.950838680670 24.508862035589
识别准确 nonpoor 0.661499063774 0.034322027552 0.590661880477 0.732336247070 0.585760259575 0.731592061038 1.684318093209 1067.688888888889 194.951144243822 665.329502696328 1470.048275081450 20.859257302677
识别准确 poor 0.838012159662 0.048622144203 0.737660986178 0.938363333145 0.708911863735 0.925839336011 3.828538420316 352.244444444444 51.478342563513 245.998367272615 458.490521616274 24.289928874988
满意 all 0.789888996930 0.027007881787 0.734147468557 0.845630525302 0.727809906112 0.843419121525 3.653138460529 3213.233333333333 526.272703213978 2127.059858145910 4299.406808520756 83.821296755724
满意 exited 0.803087157690 0.042335274503 0.715711445538 0.890462869842 0.699267346022 0.883501412495 3.644007965003 1612.277777777778 248.532430504242 1099.332051942156 2125.223503613399 31.159201331420
满意 nonpoor 0.782411202645 0.030109032091 0.720269214619 0.844553190670 0.712952696692 0.841803287687 1.711966753792 1293.777777777778 249.030021493269 779.805074615623 1807.750480939933 42.830771273578
满意 poor 0.755148866430 0.037405277337 0.677948168336 0.832349564524 0.667700691567 0.829437482288 1.657060721742 307.177777777778 43.388210266424 217.628913017290 396.726642538265 13.474159943233`,
  'eval-results.csv off': `
design: 16 20 4
识别准确 all 0.751335871198 0.031787305440 0.663080162600 0.839591579795 0.650582490002 0.835392149324 4.356136661813 3107.433333333333 546.606226672398 1589.811150818118 4625.055515848549 75.302227488293
识别准确 exited 0.801057158021 0.039581048906 0.691162548528 0.910951767515 0.665778355494 0.899546022299 3.202623791917 1643.466666666667 311.007605004074 779.971124073816 2506.962209259518 46.976272867403
识别准确 nonpoor 0.670226822996 0.044226243187 0.547435086576 0.793018559415 0.532787666470 0.789230189715 2.723716431837 1155.344444444444 193.467628006392 618.192195651869 1692.496693237020 17.540382280511
识别准确 poor 0.856226880395 0.029910188750 0.773182883244 0.939270877546 0.751687584174 0.928726219451 1.484143502330 308.622222222222 62.218984042723 135.874628526424 481.369815918021 49.431836550576
满意 all 0.795991505545 0.030062962075 0.712523341644 0.879459669446 0.697902127315 0.873734107620 4.359998119249 3186.044444444444 519.610605390775 1743.374122498364 4628.714766390524 81.300269239716
满意 exited 0.793670900203 0.051526842801 0.650609449722 0.936732350685 0.610753998041 0.917158678957 5.176074210058 1580.322222222222 267.762825078141 836.893437180085 2323.751007264360 35.255234838040
满意 nonpoor 0.811973226739 0.021481390565 0.752331325052 0.871615128425 0.744195039360 0.868290718247 0.902340818368 1351.944444444444 229.710645953115 714.165445876094 1989.723443012795 37.219779422435
满意 poor 0.732520846697 0.040554231578 0.619924248937 0.845117444456 0.603056396414 0.838227116103 1.648947699516 253.777777777778 46.974513709794 123.355619119174 384.199936436381 18.432825447279`,
};

const FRAMES = ['eval-results.csv', 'eval-results-pps.csv', 'eval-results-srs2.csv'] as const;
/** Every frame with the default design, and the first with --certainty-strata off. */
const CASES = [...FRAMES.map((frame) => [frame, 'on'] as const), ['eval-results.csv', 'off'] as const];

interface Parsed {
  design: number[];
  lines: Map<string, number[]>;
}

function parseR(text: string): Parsed {
  const [designLine, ...rest] = text.trim().split('\n');
  expect(designLine).toMatch(/^design: \d+ \d+ \d+$/);
  const lines = new Map(
    rest.map((line) => {
      const [measure, domain, ...numbers] = line.trim().split(/\s+/);
      return [`${measure} ${domain}`, numbers.map(Number)] as const;
    }),
  );
  return { design: designLine!.split(' ').slice(1).map(Number), lines };
}

interface JsonEstimate {
  domain: string;
  estimate: number;
  standard_error: number;
  ci_lower: number;
  ci_upper: number;
  deff: number;
  total: number;
  total_standard_error: number;
  total_ci_lower: number;
  total_ci_upper: number;
  total_deff: number;
}

/** spotcheck's numbers in the order of the R script's lines, and its design (strata, PSUs, df). */
async function spotcheck(frame: string, certaintyStrata: string): Promise<Parsed & { certainty: number }> {
  const run = async (interval: string) => {
    const result = await cli([
      'estimate',
      join(ROOT, 'fixtures', frame),
      '--measure',
      '识别准确=是',
      '--measure',
      '满意=是',
      '--by',
      'status',
      '--interval',
      interval,
      '--certainty-strata',
      certaintyStrata,
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as {
      design: { variance_strata: number; variance_psus: number; df: number; certainty_counties: number };
      measures: Array<{ column: string; estimates: JsonEstimate[] }>;
    };
  };
  const [byT, byKornGraubard] = [await run('t'), await run('korn-graubard')];
  const lines = new Map<string, number[]>();
  for (const [index, measure] of byT.measures.entries()) {
    for (const [at, e] of measure.estimates.entries()) {
      const kornGraubard = byKornGraubard.measures[index]!.estimates[at]!;
      lines.set(`${measure.column} ${e.domain}`, [
        e.estimate,
        e.standard_error,
        e.ci_lower,
        e.ci_upper,
        kornGraubard.ci_lower,
        kornGraubard.ci_upper,
        e.deff,
        e.total,
        e.total_standard_error,
        e.total_ci_lower,
        e.total_ci_upper,
        e.total_deff,
      ]);
    }
  }
  const { design } = byT;
  return {
    design: [design.variance_strata, design.variance_psus, design.df],
    lines,
    certainty: design.certainty_counties,
  };
}

const NAMES = [
  'estimate',
  'SE',
  't lower',
  't upper',
  'KG lower',
  'KG upper',
  'deff',
  'total',
  'total SE',
  'total lower',
  'total upper',
  'total deff',
];

/** Every number of R's within 1e-9 of spotcheck's (absolute; totals are in the thousands, so also relative 1e-12). */
function expectEqual(ours: Parsed, theirs: Parsed) {
  expect(ours.design).toEqual(theirs.design);
  expect([...ours.lines.keys()].sort()).toEqual([...theirs.lines.keys()].sort());
  for (const [key, numbers] of theirs.lines) {
    expect(numbers).toHaveLength(12);
    for (const [index, number] of numbers.entries()) {
      const got = ours.lines.get(key)![index]!;
      expect(Math.abs(got - number), `${key} ${NAMES[index]}: ${got} vs R ${number}`).toBeLessThan(1e-9);
    }
  }
}

const hasR = rSurveyAvailable('test/commands/estimate/inference.test.ts', 'the live comparisons with R are SKIPPED');

describe('estimate: totals, design effects and certainty strata equal R’s survey package', () => {
  it.each(CASES)('%s, certainty strata %s: the recorded R output, to 1e-9', async (frame, mode) => {
    const ours = await spotcheck(frame, mode);
    expectEqual(ours, parseR(FROM_R[mode === 'off' ? `${frame} off` : frame]!));
    // The default design makes certainty counties strata; every fixture has some (PPS: 11).
    if (mode === 'on') expect(ours.certainty).toBe(frame === 'eval-results-pps.csv' ? 11 : 10);
    else expect(ours.certainty).toBe(0);
  });

  it.skipIf(!hasR).each(CASES)('%s, certainty strata %s: R run live, to 1e-9', async (frame, mode) => {
    const live = spawnSync(
      'Rscript',
      [join(ROOT, 'docs', 'estimate-check.R'), join(ROOT, 'fixtures', frame), ...(mode === 'off' ? ['off'] : [])],
      { encoding: 'utf8' },
    );
    expect(live.status, live.stderr).toBe(0);
    expectEqual(await spotcheck(frame, mode), parseR(live.stdout));
  });
});

describe('estimate: the certainty-strata columns and options', () => {
  const RESULTS = join(ROOT, 'fixtures', 'eval-results.csv');
  const designOf = async (args: readonly string[]) => {
    const result = await cli(['estimate', ...args, '--measure', '识别准确=是', '--json']);
    expect(result.status, result.stderr).toBe(0);
    return JSON.parse(result.stdout) as {
      design: Record<string, unknown>;
      measures: Array<{ estimates: Array<{ standard_error: number }> }>;
    };
  };
  /** The fixture with its header cells replaced (name → new name). */
  const renamed = (renames: Record<string, string>) => {
    const [header, ...rest] = readFileSync(RESULTS, 'utf8').split('\n');
    const path = join(tempDir(), 'renamed.csv');
    const cells = header!.split(',').map((cell) => renames[cell] ?? cell);
    writeFileSync(path, [cells.join(','), ...rest].join('\n'));
    return path;
  };

  it('finds the columns under their Chinese headings (县入样概率, 村键) as a frame drawn in Chinese has them', async () => {
    const english = await designOf([RESULTS]);
    const chinese = await designOf([
      renamed({
        county_stratum: '县所在层',
        county_code: '县代码',
        weight: '设计权重',
        county_probability: '县入样概率',
        village_key: '村键',
      }),
    ]);
    expect(chinese.design).toMatchObject({ certainty_strata: 'on', certainty_counties: 10, df: 24 });
    expect(chinese.measures).toEqual(english.measures);
  });

  it('without the columns: counties as PSUs, said in the design; --probability-column and --village-column name others', async () => {
    const bare = renamed({ county_probability: 'p1', village_key: 'village_id' });
    expect((await designOf([bare])).design).toMatchObject({ certainty_strata: 'unavailable', df: 4 });
    const text = await cli(['estimate', bare, '--measure', '识别准确=是', '--lang', 'en']);
    expect(text.stdout).toContain('the frame has no county_probability / village_key column');
    const named = await designOf([bare, '--probability-column', 'p1', '--village-column', 'village_id']);
    expect(named.design).toMatchObject({ certainty_strata: 'on', county_probability: 'p1', village: 'village_id' });
    expect(named.measures).toEqual((await designOf([RESULTS])).measures);
  });

  it('refuses a named column that is missing, a bad --certainty-strata and a probability that is not in (0, 1]', async () => {
    const missing = await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--probability-column', 'p9']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/the frame lacks the column "p9"/);
    const bad = await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--certainty-strata', 'yes']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--certainty-strata must be on or off, got "yes"');
    const dir = tempDir();
    writeFileSync(
      join(dir, 'bad.csv'),
      'county_stratum,county_code,weight,county_probability,village_key,识别准确\nA,1,2,1,v1,是\nA,1,2,1.5,v2,否\n',
    );
    const probability = await cli(['estimate', join(dir, 'bad.csv'), '--measure', '识别准确=是']);
    expect(probability.status).toBe(2);
    expect(probability.stderr).toMatch(
      /bad\.csv:3: a county inclusion probability must be a number greater than 0 and at most 1, got "1\.5"/,
    );
    // Off, the probability is not read.
    expect(
      (await cli(['estimate', join(dir, 'bad.csv'), '--measure', '识别准确=是', '--certainty-strata', 'off'])).status,
    ).toBe(0);
  });
});

describe('the fixture frames', () => {
  it('are what fixtures/make-eval-results.mjs makes (the draw and the SHA-256 answers are reproducible)', () => {
    const dir = tempDir();
    const made = spawnSync(process.execPath, [join(ROOT, 'fixtures', 'make-eval-results.mjs'), dir], {
      encoding: 'utf8',
    });
    expect(made.status, made.stderr).toBe(0);
    for (const frame of ['eval-results-pps.csv', 'eval-results-srs2.csv'])
      expect(readFileSync(join(dir, frame), 'utf8'), frame).toBe(readFileSync(join(ROOT, 'fixtures', frame), 'utf8'));
  });
});
