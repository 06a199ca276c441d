/** What `spotcheck inspect` prints: the files read, the units and households per county, and the problems. */
import { type DataProblem, type HouseholdStatus, STATUS_LABELS } from '../../core/frame.js';
import type { inspectFrame } from '../../core/inspect.js';
import { compareCodePoints } from '../../core/text.js';
import { describeLocation } from '../../errors.js';
import { t } from '../../i18n.js';
import type { RegistryInput, loadRegistry } from '../../io/load.js';
import { count, displayWidth, padDisplay, type Style } from '../../render/style.js';

const STATUSES: readonly HouseholdStatus[] = ['poor', 'exited', 'nonpoor'];

/** The facts of a file read, as inspect shows them (and --json gives them). */
type FileFacts = Pick<RegistryInput, 'name' | 'bytes' | 'sha256' | 'encoding' | 'bom' | 'layout' | 'records'>;

type Summary = ReturnType<typeof inspectFrame>;
type Problems = Pick<Awaited<ReturnType<typeof loadRegistry>>, 'problems' | 'errorCount'>;

/** countyTable: the heading and a line per county (townships, villages, poor villages, households per status). */
function countyTable(summary: Summary, style: Style): string[] {
  // Column headings in the current language; the number columns are at least as wide as in English.
  const heading = {
    county: t('cmd.inspect.column.county'),
    townships: t('cmd.inspect.column.townships'),
    villages: t('cmd.inspect.column.villages'),
    poor: t('cmd.inspect.column.poor'),
    households: t('cmd.inspect.column.households'),
  };
  const width = {
    townships: Math.max(9, displayWidth(heading.townships)),
    villages: Math.max(8, displayWidth(heading.villages)),
    poor: Math.max(5, displayWidth(heading.poor)),
  };
  const padStart = (text: string, columns: number) => ' '.repeat(Math.max(0, columns - displayWidth(text))) + text;
  const countyWidth = Math.max(
    displayWidth(heading.county),
    ...summary.by_county.map((county) => displayWidth(`${county.prefecture} › ${county.county}`)),
  );
  return [
    style.bold(
      `${padDisplay(heading.county, countyWidth)} ${padStart(heading.townships, width.townships)} ${padStart(heading.villages, width.villages)} ${padStart(heading.poor, width.poor)}  ${heading.households}`,
    ),
    ...summary.by_county.map(
      (county) =>
        `${padDisplay(`${county.prefecture} › ${county.county}`, countyWidth)} ${String(county.townships).padStart(width.townships)} ${String(county.villages).padStart(width.villages)} ${String(county.poor_villages).padStart(width.poor)}  ${STATUSES.map((status) => county.households[status]).join('/')}`,
    ),
  ];
}

/** problemLines: the count of problems, then each, errors first, by file and line; a note when some were not kept. */
function problemLines(registry: Problems, style: Style): string[] {
  const byPlace = (a: DataProblem, b: DataProblem) => compareCodePoints(a.file, b.file) || a.line - b.line;
  const errors = registry.problems.filter((problem) => problem.severity === 'error').sort(byPlace);
  const warnings = registry.problems.filter((problem) => problem.severity === 'warning').sort(byPlace);
  const lines = [
    registry.problems.length === 0
      ? style.green(t('cmd.inspect.noProblems'))
      : t('cmd.inspect.problemCount', { errors: registry.errorCount, warnings: warnings.length }),
  ];
  const [errorLabel, warningLabel] = [t('cmd.inspect.error'), t('cmd.inspect.warning')];
  const labelWidth = Math.max(displayWidth(errorLabel), displayWidth(warningLabel));
  for (const problem of [...errors, ...warnings]) {
    const label =
      problem.severity === 'error'
        ? style.red(padDisplay(errorLabel, labelWidth))
        : style.yellow(padDisplay(warningLabel, labelWidth));
    lines.push(
      `  ${label} ${t('cmd.inspect.problem', { where: describeLocation(problem), message: problem.message })}`,
    );
  }
  if (registry.problems.length < registry.errorCount + warnings.length)
    lines.push(`  ${t('cmd.inspect.moreProblems', { listed: registry.problems.length })}`);
  return lines;
}

/** The terminal summary of an inspected registry. */
export function inspectSummary(
  files: readonly FileFacts[],
  summary: Summary,
  registry: Problems,
  style: Style,
): string {
  const statusLine = (counts: Record<HouseholdStatus, number>) =>
    STATUSES.map((status) => `${STATUS_LABELS[status]} ${count(counts[status])}`).join(' · ');
  const units = {
    prefectures: summary.prefectures,
    counties: summary.counties,
    townships: count(summary.townships),
    villages: count(summary.villages),
  };
  const lines = [
    ...files.map((file) => {
      const facts = {
        name: file.name,
        n: file.records,
        layout: t(file.layout === 'person' ? 'cmd.layout.person' : 'cmd.layout.household'),
        encoding: file.encoding,
        sha: file.sha256.slice(0, 16),
      };
      return style.dim(file.bom ? t('cmd.inspect.fileWithBom', facts) : t('cmd.inspect.file', facts));
    }),
    summary.marks_poor_villages
      ? t('cmd.inspect.units', { ...units, poorVillages: count(summary.poor_villages) })
      : t('cmd.inspect.unitsUnmarked', units),
    t('cmd.inspect.households', { counts: statusLine(summary.households) }),
    t('cmd.inspect.people', { counts: statusLine(summary.persons) }),
    '',
    ...countyTable(summary, style),
    '',
    ...problemLines(registry, style),
  ];
  return `${lines.join('\n')}\n`;
}
