/**
 * The R lines of README.md's `spotcheck estimate` section (its first ```r block: the certainty
 * strata design, svymean with deff, svytotal, svyby) run verbatim on the example frame and on a PPS
 * frame, and print what `spotcheck estimate --json --by status` gives: estimate, SE, deff, the t
 * interval, the total with its SE, deff and interval, and each status's estimate, SE and deff, to
 * 1e-9 (the design effects to the 6 digits R prints). The only line put before the block is `options(digits = 15)`, so that R prints enough digits
 * to compare; nothing of the recipe is changed. Live when Rscript with the survey package is
 * installed (.ci/run installs Debian's r-base-core and r-cran-survey); skipped with a message otherwise.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers.js';
import { rSurveyAvailable } from '../rKit.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first ```r block of the README's `spotcheck estimate` section. */
function estimateRecipe(): string {
  const start = README.indexOf('### `spotcheck estimate`');
  const end = README.indexOf('\n### `spotcheck ', start + 1);
  const block = /^```r\n([\s\S]*?)^```/m.exec(README.slice(start, end));
  if (block === null) throw new Error('no R block in the README’s spotcheck estimate section');
  return block[1]!;
}

const hasR = rSurveyAvailable('test/docs/r-estimate-recipe.test.ts', "the README's estimate recipe is NOT RUN");

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

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;

/** The numbers of the printed lines whose first word is `label` (R's row names), in order. */
function rowsLabelled(printed: string, label: string): number[][] {
  return printed
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((words) => words[0] === label)
    .map((words) =>
      words
        .slice(1)
        .filter((word) => new RegExp(`^${NUMBER}$`).test(word))
        .map(Number),
    );
}

const FRAMES = [
  { name: 'the example frame', file: join(ROOT, 'fixtures', 'eval-results.csv') },
  { name: 'a PPS frame with certainty counties', file: join(ROOT, 'fixtures', 'eval-results-pps.csv') },
];

describe.skipIf(!hasR).each(FRAMES)('the README’s estimate recipe on $name', ({ file }) => {
  it('prints spotcheck estimate’s estimate, SE, deff, t interval, total and status domains (1e-9)', async () => {
    const cwd = tempDir();
    copyFileSync(file, join(cwd, 'results.csv'));
    const script = join(cwd, 'recipe.R');
    writeFileSync(script, `options(digits = 15)\n${estimateRecipe()}`);
    const run = spawnSync('Rscript', [script], {
      cwd,
      encoding: 'utf8',
      env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
    });
    expect(run.status, run.stderr).toBe(0);

    const result = await cli(['estimate', file, '--measure', '识别准确=是', '--by', 'status', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const estimates = (JSON.parse(result.stdout) as { measures: { estimates: JsonEstimate[] }[] }).measures[0]!
      .estimates;
    const overall = estimates.find((entry) => entry.domain === 'all')!;

    // y: svymean (mean, SE, deff), its interval, svytotal (total, SE, deff), its interval.
    const [mean, meanInterval, total, totalInterval] = rowsLabelled(run.stdout, 'y');
    const close = (printed: number | undefined, ours: number, what: string, tolerance = 1e-9) =>
      expect(Math.abs(printed! - ours), `${what}: R ${printed} vs spotcheck ${ours}`).toBeLessThan(
        tolerance * Math.max(1, Math.abs(ours)),
      );
    // R's print of svymean/svytotal rounds the design effect to 6 significant digits whatever
    // options(digits) says: those are compared to that precision (docs/estimate-check.R checks them to 1e-9).
    const DEFF_PRINTED = 1e-5;
    close(mean![0], overall.estimate, 'estimate');
    close(mean![1], overall.standard_error, 'SE');
    close(mean![2], overall.deff, 'deff', DEFF_PRINTED);
    close(meanInterval![0], overall.ci_lower, 'lower');
    close(meanInterval![1], overall.ci_upper, 'upper');
    close(total![0], overall.total, 'total');
    close(total![1], overall.total_standard_error, 'total SE');
    close(total![2], overall.total_deff, 'total deff', DEFF_PRINTED);
    close(totalInterval![0], overall.total_ci_lower, 'total lower');
    close(totalInterval![1], overall.total_ci_upper, 'total upper');

    // svyby: each status's row (household_stratum, y, se, DEff.y).
    const domains = estimates.filter((entry) => entry.domain !== 'all');
    expect(domains.length).toBe(3);
    for (const domain of domains) {
      const [row] = rowsLabelled(run.stdout, domain.domain);
      expect(row, `svyby row for ${domain.domain}`).toBeDefined();
      close(row![0], domain.estimate, `${domain.domain} estimate`);
      close(row![1], domain.standard_error, `${domain.domain} SE`);
      close(row![2], domain.deff, `${domain.domain} deff`, DEFF_PRINTED);
    }
  });
});
