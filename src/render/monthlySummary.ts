/** The terminal summary of a monthly draw: frame sizes, the drawn tree, shortfalls, where files went. */
import type { ChalkInstance } from 'chalk';
import { STATUS_LABELS, type DataProblem } from '../core/frame.js';
import type { MonthlyRun } from '../run/monthly.js';
import { SPARE_RULE } from '../core/monthly.js';
import { count, plural, probability } from './style.js';

export function monthlySummary(run: MonthlyRun, style: ChalkInstance, outDir: string | null): string {
  const { draw, options, scope } = run;
  const lines: string[] = [];
  const sizes = draw.frame.sizes;
  lines.push(
    style.bold(`spotcheck monthly · ${options.month} · ${options.level}${scope.key ? ` · ${scope.label}` : ''}`) +
      style.dim(`  seed "${options.seed}"`),
  );
  lines.push(
    `Frame: ${plural(sizes.counties, 'county', 'counties')} · ${plural(sizes.villages, 'village')} (${draw.frame.definition.villageFrame === 'poor' ? 'poor villages' : 'all villages'}) · ` +
      `${plural(sizes.households, 'household')} (${draw.frame.definition.statuses.map((status) => STATUS_LABELS[status]).join('、')}) · ${count(sizes.persons)} people`,
  );
  lines.push(`Drawn: ${plural(draw.counties.length, 'county', 'counties')} · ${plural(draw.villages.length, 'village')} · ${plural(draw.households.length, 'household')}`);
  lines.push('');
  for (const county of draw.counties) {
    const rank = county.rank === null ? '' : style.dim(` #${county.rank}`);
    lines.push(`${style.cyan(`${county.county.prefecture} › ${county.county.name}`)} ${style.dim(county.county.code)}${rank}  p=${probability(county.stageProbability)}`);
    for (const village of draw.villages.filter((entry) => entry.county.key === county.county.key)) {
      const households = draw.households.filter((entry) => entry.village.key === village.village.key);
      lines.push(
        `  ${village.township.name} › ${style.bold(village.village.name)}${style.dim(` #${village.rank}`)}  ` +
          `${households.length}/${village.frameHouseholds} households  p=${probability(village.probability)} overall`,
      );
      lines.push(`    ${households.map((entry) => `${entry.household.key} ${STATUS_LABELS[entry.household.status]}`).join('  ')}`);
    }
  }
  if (draw.shortfalls.length > 0) {
    lines.push('');
    lines.push(style.yellow(`Shortfalls (${draw.shortfalls.length}): fewer units than asked; all of them were taken`));
    for (const shortfall of draw.shortfalls) {
      lines.push(`  ${shortfall.stage} in ${shortfall.stratumLabel}: asked ${shortfall.requested}, has ${shortfall.available}`);
    }
  }
  if (draw.spares.length > 0) {
    lines.push('', `Spares: ${count(draw.spares.length)} (up to ${run.options.spares} per village, in spares.csv). ${SPARE_RULE}`);
  }
  lines.push(...warningLines(run.registry.problems, style));
  lines.push('');
  lines.push(
    outDir === null
      ? style.dim('Nothing written: add --out DIR for counties.csv, villages.csv, households.csv and manifest.json, or --json.')
      : `Written to ${outDir}: counties.csv, villages.csv, households.csv, ${draw.spares.length > 0 ? 'spares.csv, ' : ''}manifest.json (manifest sha256 ${run.manifest.manifest_sha256?.slice(0, 16)}…)`,
  );
  return lines.join('\n') + '\n';
}

/** "N data warnings; `spotcheck inspect` lists them", when a draw met problems that do not stop it. */
export function warningLines(problems: readonly DataProblem[], style: ChalkInstance): string[] {
  const warnings = problems.filter((problem) => problem.severity === 'warning').length;
  return warnings > 0 ? [style.yellow(`${warnings} data warning${warnings > 1 ? 's' : ''} (they do not change the draw); \`spotcheck inspect\` lists them`)] : [];
}
