/** `spotcheck inspect`: what a registry holds, and what is wrong with it. Its options are in ./spec.ts. */
import { Command } from 'commander';
import { describeLocation } from '../../errors.js';
import { STATUS_LABELS, type DataProblem, type HouseholdStatus } from '../../core/frame.js';
import { inspectFrame } from '../../core/inspect.js';
import { loadDivisions, loadRegistry } from '../../io/load.js';
import { count, displayWidth, padDisplay, styleFor } from '../../render/style.js';
import { compareCodePoints } from '../../core/text.js';
import { t } from '../../i18n.js';
import { json, writeStdout } from '../_shared/draw.js';
import { addOptions, normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { INSPECT_OPTIONS } from './spec.js';

const STATUSES: readonly HouseholdStatus[] = ['poor', 'exited', 'nonpoor'];

export function inspectCommand(): Command {
  const command = new Command('inspect')
    .summary(t('help.inspect.summary'))
    .description(t('help.inspect.description'))
    .argument('<registry...>', t('help.shared.registryFiles'));
  addOptions(command, INSPECT_OPTIONS).addHelpText('after', t('help.inspect.after'));
  return command.action(async (registries: string[], raw: RawOptions) => {
    const options = normaliseOptions(INSPECT_OPTIONS, raw);
    const divisions = await loadDivisions(options.divisions);
    const registry = await loadRegistry(registries, { ...options, divisions: divisions.table });
    const summary = inspectFrame(registry.frame);
    const files = registry.inputs.map(({ name, bytes, sha256, encoding, bom, layout, records }) => ({
      name,
      bytes,
      sha256,
      encoding,
      bom,
      layout,
      records,
    }));
    if (options.json) {
      await writeStdout(json({ files, summary, errors: registry.errorCount, problems: registry.problems }));
    } else {
      const style = styleFor(process.stdout);
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
        style.bold(
          `${padDisplay(heading.county, countyWidth)} ${padStart(heading.townships, width.townships)} ${padStart(heading.villages, width.villages)} ${padStart(heading.poor, width.poor)}  ${heading.households}`,
        ),
        ...summary.by_county.map(
          (county) =>
            `${padDisplay(`${county.prefecture} › ${county.county}`, countyWidth)} ${String(county.townships).padStart(width.townships)} ${String(county.villages).padStart(width.villages)} ${String(county.poor_villages).padStart(width.poor)}  ${STATUSES.map((status) => county.households[status]).join('/')}`,
        ),
      ];
      const byPlace = (a: DataProblem, b: DataProblem) => compareCodePoints(a.file, b.file) || a.line - b.line;
      const errors = registry.problems.filter((problem) => problem.severity === 'error').sort(byPlace);
      const warnings = registry.problems.filter((problem) => problem.severity === 'warning').sort(byPlace);
      lines.push(
        '',
        registry.problems.length === 0
          ? style.green(t('cmd.inspect.noProblems'))
          : t('cmd.inspect.problemCount', { errors: registry.errorCount, warnings: warnings.length }),
      );
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
      await writeStdout(`${lines.join('\n')}\n`);
    }
    if (registry.errorCount > 0) process.exitCode = 1;
  });
}
