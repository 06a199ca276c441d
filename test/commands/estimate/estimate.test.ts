/** The tests "estimate" from test/estimate.test.ts (moved, issue 14). */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../../helpers.js';
import { rSurveyAvailable } from '../../rKit.js';

const RESULTS = join(ROOT, 'fixtures', 'eval-results.csv');

/**
 * measure, domain, estimate, standard error, 95% t interval (df = degf(design)), Korn–Graubard
 * interval (svyciprop, method = "beta") — from R (survey.lonely.psu = "adjust"), with counties the
 * PSUs of their strata (spotcheck's --certainty-strata off; the default design is checked in
 * inference.test.ts): the first six numbers of Rscript docs/estimate-check.R fixtures/eval-results.csv off.
 */
const FROM_R = `
识别准确 all 0.751335871198 0.031787305440 0.663080162600 0.839591579795 0.650582490002 0.835392149324
识别准确 exited 0.801057158021 0.039581048906 0.691162548528 0.910951767515 0.665778355494 0.899546022299
识别准确 nonpoor 0.670226822996 0.044226243187 0.547435086576 0.793018559415 0.532787666470 0.789230189715
识别准确 poor 0.856226880395 0.029910188750 0.773182883244 0.939270877546 0.751687584174 0.928726219451
满意 all 0.795991505545 0.030062962075 0.712523341644 0.879459669446 0.697902127315 0.873734107620
满意 exited 0.793670900203 0.051526842801 0.650609449722 0.936732350685 0.610753998041 0.917158678957
满意 nonpoor 0.811973226739 0.021481390565 0.752331325052 0.871615128425 0.744195039360 0.868290718247
满意 poor 0.732520846697 0.040554231578 0.619924248937 0.845117444456 0.603056396414 0.838227116103`;

function parseLines(text: string): Map<string, number[]> {
  return new Map(
    text
      .trim()
      .split('\n')
      .filter((line) => !line.startsWith('design:'))
      .map((line) => {
        const [measure, domain, ...numbers] = line.trim().split(/\s+/);
        return [`${measure} ${domain}`, numbers.slice(0, 6).map(Number)];
      }),
  );
}

/** spotcheck's estimate, SE, t interval and Korn–Graubard interval per "measure domain" (two runs). */
async function spotcheckEstimates(): Promise<Map<string, number[]>> {
  const run = async (interval: string) => {
    const args = ['estimate', RESULTS, '--measure', '识别准确=是', '--measure', '满意=是', '--by', 'status'];
    args.push('--certainty-strata', 'off');
    const result = await cli([...args, '--interval', interval, '--json']);
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as {
      measures: Array<{
        column: string;
        estimates: Array<{
          domain: string;
          estimate: number;
          standard_error: number;
          ci_lower: number;
          ci_upper: number;
        }>;
      }>;
    };
  };
  const [byT, byKornGraubard] = [await run('t'), await run('korn-graubard')];
  const estimates = new Map<string, number[]>();
  for (const [index, measure] of byT.measures.entries()) {
    for (const [at, estimate] of measure.estimates.entries()) {
      const kornGraubard = byKornGraubard.measures[index]!.estimates[at]!;
      estimates.set(`${measure.column} ${estimate.domain}`, [
        estimate.estimate,
        estimate.standard_error,
        estimate.ci_lower,
        estimate.ci_upper,
        kornGraubard.ci_lower,
        kornGraubard.ci_upper,
      ]);
    }
  }
  return estimates;
}

const hasR = rSurveyAvailable('test/commands/estimate/estimate.test.ts', 'the live comparison with R is SKIPPED');

describe('estimate', () => {
  it('gives the estimates, standard errors, t and Korn–Graubard intervals of R’s survey package (recorded)', async () => {
    const ours = await spotcheckEstimates();
    const theirs = parseLines(FROM_R);
    expect([...ours.keys()].sort()).toEqual([...theirs.keys()].sort());
    for (const [key, numbers] of theirs) {
      // Estimate, SE, the t interval's bounds and Korn–Graubard's, to 1e-10.
      expect(numbers).toHaveLength(6);
      for (const [index, number] of numbers.entries())
        expect(ours.get(key)![index], `${key} #${index}`).toBeCloseTo(number, 10);
    }
  });

  it.skipIf(!hasR)('gives the estimates of R’s survey package (run live)', async () => {
    const live = spawnSync('Rscript', [join(ROOT, 'docs', 'estimate-check.R'), RESULTS, 'off'], { encoding: 'utf8' });
    expect(live.status).toBe(0);
    const theirs = parseLines(live.stdout);
    const ours = await spotcheckEstimates();
    for (const [key, numbers] of theirs) {
      // Estimate, SE, the t interval's bounds and Korn–Graubard's, to 1e-10.
      expect(numbers).toHaveLength(6);
      for (const [index, number] of numbers.entries())
        expect(ours.get(key)![index], `${key} #${index}`).toBeCloseTo(number, 10);
    }
  });

  it('prints a readable table with intervals, respondents and non-response', async () => {
    const result = await cli(['estimate', RESULTS, '--measure', '识别准确=是']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/703 households in 20 counties and 16 strata/);
    // 10 certainty counties become strata of 3 villages each: 40 PSUs less 16 strata, 24 degrees of
    // freedom, t₀.₉₇₅ = 2.064 (R: qt(0.975, 24)); the design effect 4.32 (R: deff = TRUE).
    expect(result.stdout).toContain('95% CI: t with 24 df (2.064)');
    expect(result.stdout).toContain('variance design: 10 certainty counties (probability 1) as their own strata');
    expect(result.stdout).toContain('16 strata, 40 PSUs, 24 df');
    expect(result.stdout).toMatch(/all\s+0\.7513\s+0\.0317\s+\[0\.686, 0\.817\]\s+4\.32\s+675\s+28/);
    // Counties as the PSUs (--certainty-strata off): 20 counties less 16 strata, 4 df, t₀.₉₇₅ = 2.776.
    const off = await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--certainty-strata', 'off']);
    expect(off.stdout).toContain('95% CI: t with 4 df (2.776)');
    expect(off.stdout).toMatch(/all\s+0\.7513\s+0\.0318\s+\[0\.663, 0\.840\]\s+4\.36\s+675\s+28/);
    // The normal interval on request: the one printed before t became the default.
    const normal = await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--interval', 'normal']);
    expect(normal.stdout).toContain('95% CI: normal (1.960)');
    expect(normal.stdout).toMatch(/all\s+0\.7513\s+0\.0317\s+\[0\.689, 0\.813\]\s+4\.32\s+675\s+28/);
  });

  it('refuses a frame without the columns asked for, and bad options', async () => {
    const missing = await cli(['estimate', RESULTS, '--measure', '入户=是']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/the frame lacks the column "入户"/);
    expect((await cli(['estimate', RESULTS])).stderr).toMatch(/--measure is required/);
    expect((await cli(['estimate', RESULTS, '--measure', '识别准确'])).stderr).toMatch(
      /--measure must be COLUMN=VALUE/,
    );
    expect((await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--lonely-psu', 'fail'])).stderr).toMatch(
      /--lonely-psu must be adjust or certainty/,
    );
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.csv'), 'county_stratum,county_code,weight,识别准确\nA,1,-2,是\n');
    expect((await cli(['estimate', join(dir, 'bad.csv'), '--measure', '识别准确=是'])).stderr).toMatch(
      /bad\.csv:2 \(column weight\): weight must be a positive number, got "-2"/,
    );
  });
});
