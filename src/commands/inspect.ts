/** `spotcheck inspect`: what a registry holds, and what is wrong with it. */
import { Command, Option } from 'commander';
import { describeLocation } from '../errors.js';
import { STATUS_LABELS, type DataProblem, type HouseholdStatus } from '../core/frame.js';
import { inspectFrame } from '../core/inspect.js';
import { loadDivisions, loadRegistry } from '../io/load.js';
import { count, displayWidth, padDisplay, styleFor } from '../render/style.js';
import { compareCodePoints } from '../core/text.js';
import { addRegistryOptions, json, normaliseRegistryOptions, writeStdout, type RawRegistryOptions } from './shared.js';

const HELP = `
What it does:
  Reads the registry as \`monthly\` would and prints prefectures, counties, townships, villages,
  poor villages, households and people by status (未脱贫 / 已脱贫 / 非贫困户), per county, then every
  data problem (errors stop a draw; warnings do not) with its file and line.

Exit codes: 0 no errors · 1 the registry has errors a draw would refuse · 2 unreadable input.

Cost: one streamed pass over the registry.

Examples:
  $ spotcheck inspect fixtures/demo-registry.csv
  $ spotcheck inspect county-a.csv county-b.csv --encoding gbk --json
`;

const STATUSES: readonly HouseholdStatus[] = ['poor', 'exited', 'nonpoor'];

export function inspectCommand(): Command {
  const command = new Command('inspect')
    .summary('summarise a registry and list its data problems')
    .description('Summarise the frame a registry gives and list data problems with file and line.')
    .argument('<registry...>', 'registry CSV file(s)')
    .addOption(new Option('--json', 'print the summary and problems as JSON'));
  addRegistryOptions(command).addHelpText('after', HELP);
  return command.action(async (registries: string[], raw: RawRegistryOptions & { json?: boolean }) => {
    const options = Object.freeze(normaliseRegistryOptions(raw));
    const divisions = await loadDivisions(options.divisions);
    const registry = await loadRegistry(registries, { ...options, divisions: divisions.table });
    const summary = inspectFrame(registry.frame);
    const files = registry.inputs.map(({ name, bytes, sha256, encoding, bom, layout, records }) => ({ name, bytes, sha256, encoding, bom, layout, records }));
    if (raw.json) {
      await writeStdout(json({ files, summary, errors: registry.errorCount, problems: registry.problems }));
    } else {
      const style = styleFor(process.stdout);
      const countyWidth = Math.max(6, ...summary.by_county.map((county) => displayWidth(`${county.prefecture} › ${county.county}`)));
      const statusLine = (counts: Record<HouseholdStatus, number>) => STATUSES.map((status) => `${STATUS_LABELS[status]} ${count(counts[status])}`).join(' · ');
      const lines = [
        ...files.map((file) => style.dim(`${file.name}: ${count(file.records)} rows, ${file.layout}-level, ${file.encoding}${file.bom ? ' with BOM' : ''}, sha256 ${file.sha256.slice(0, 16)}…`)),
        `${summary.prefectures} prefectures · ${summary.counties} counties · ${count(summary.townships)} townships · ${count(summary.villages)} villages` +
          (summary.marks_poor_villages ? ` (${count(summary.poor_villages)} poor villages)` : ' (poor villages not marked)'),
        `households: ${statusLine(summary.households)}`,
        `people:     ${statusLine(summary.persons)}`,
        '',
        style.bold(`${padDisplay('county', countyWidth)} townships villages  poor  households (未脱贫/已脱贫/非贫困户)`),
        ...summary.by_county.map((county) =>
          `${padDisplay(`${county.prefecture} › ${county.county}`, countyWidth)} ${String(county.townships).padStart(9)} ${String(county.villages).padStart(8)} ${String(county.poor_villages).padStart(5)}  ${STATUSES.map((status) => county.households[status]).join('/')}`,
        ),
      ];
      const byPlace = (a: DataProblem, b: DataProblem) => compareCodePoints(a.file, b.file) || a.line - b.line;
      const errors = registry.problems.filter((problem) => problem.severity === 'error').sort(byPlace);
      const warnings = registry.problems.filter((problem) => problem.severity === 'warning').sort(byPlace);
      lines.push('', registry.problems.length === 0 ? style.green('No data problems.') : `${registry.errorCount} error(s), ${warnings.length} warning(s):`);
      for (const problem of [...errors, ...warnings]) {
        const label = problem.severity === 'error' ? style.red('error  ') : style.yellow('warning');
        lines.push(`  ${label} ${describeLocation(problem)}: ${problem.message}`);
      }
      if (registry.problems.length < registry.errorCount + warnings.length) lines.push(`  … (only the first ${registry.problems.length} problems are listed)`);
      await writeStdout(`${lines.join('\n')}\n`);
    }
    if (registry.errorCount > 0) process.exitCode = 1;
  });
}
