/**
 * R for the tests that compare spotcheck with the evaluators' reference, R's survey package
 * (estimate, fieldwork, calibration, the findings rate, the README's R recipes): whether Rscript can
 * load survey, probed once per test file. Without it those comparisons are skipped with a message
 * saying what is not compared (.ci/run installs Debian's r-base-core and r-cran-survey).
 */
import { spawnSync } from 'node:child_process';

/**
 * Whether `Rscript -e 'library(survey)'` works; when it does not, a line on stderr names the test
 * file and what it does not compare (`skipped`, e.g. "the live comparison with R is SKIPPED").
 */
export function rSurveyAvailable(file: string, skipped: string): boolean {
  if (spawnSync('Rscript', ['-e', 'library(survey)'], { encoding: 'utf8' }).status === 0) return true;
  process.stderr.write(
    `${file}: R with the survey package is missing: ${skipped} (install Debian's r-base-core and r-cran-survey; .ci/run does)\n`,
  );
  return false;
}
