/** The terminal summary of an evaluation draw: strata and allocation, counties, sample sizes, shortfalls. */
import type { ChalkInstance } from 'chalk';
import { STATUS_LABELS, HOUSEHOLD_STATUSES } from '../core/frame.js';
import { probabilityOf } from '../core/evaluate.js';
import type { EvaluationRun } from '../run/evaluate.js';
import { warningLines, writtenLine } from './monthlySummary.js';
import { count, plural, probability } from './style.js';

export function evaluationSummary(run: EvaluationRun, style: ChalkInstance, outDir: string | null): string {
  const { draw, options } = run;
  const lines: string[] = [];
  lines.push(style.bold(`spotcheck evaluate · ${options.countySelection.toUpperCase()} counties by ${run.manifest.parameters.strata} · ${options.allocation} allocation`) + style.dim(`  seed "${options.seed}"`));
  lines.push(
    `Frame: ${plural(draw.frame.counties, 'county', 'counties')} · ${plural(draw.frame.villages, 'village')} · households ` +
      HOUSEHOLD_STATUSES.map((status) => `${STATUS_LABELS[status]} ${count(draw.frame.households[status])}`).join(' · '),
  );
  const samples = run.tables.frame.rows.length;
  lines.push(`Drawn: ${plural(draw.counties.length, 'county', 'counties')} · ${plural(draw.villages.length, 'village')} · ${plural(samples, 'household')} (+ ${plural(run.tables.spares.rows.length, 'spare')})`);
  lines.push('');
  lines.push(style.bold('stratum                          counties  registered  drawn'));
  for (const stratum of draw.strata) {
    lines.push(`${stratum.stratum.padEnd(30)} ${String(stratum.counties).padStart(8)}  ${count(stratum.households).padStart(10)}  ${String(stratum.allocated).padStart(5)}${stratum.certainty > 0 ? style.dim(` (${stratum.certainty} certain)`) : ''}`);
  }
  lines.push('');
  for (const county of draw.counties) {
    const villages = draw.villages.filter((village) => village.county === county);
    lines.push(
      `${style.cyan(`${county.county.prefecture} › ${county.county.name}`)} ${style.dim(county.county.code)} ${county.method} π=${probability(probabilityOf(county.probability))}  ` +
        villages.map((village) => village.village.name).join('、'),
    );
  }
  if (draw.shortfalls.length > 0) {
    lines.push('', style.yellow(`Shortfalls (${draw.shortfalls.length}):`));
    for (const shortfall of draw.shortfalls.slice(0, 12)) {
      lines.push(`  ${shortfall.stage} in ${shortfall.stratumLabel}: asked ${shortfall.requested}, has ${shortfall.available} — ${shortfall.note}`);
    }
    if (draw.shortfalls.length > 12) lines.push(`  … ${draw.shortfalls.length - 12} more in the manifest`);
  }
  lines.push(...warningLines(run.registry.problems, style));
  lines.push('');
  lines.push(writtenLine(style, outDir, [...run.files.keys()], run.manifest.manifest_sha256));
  return `${lines.join('\n')}\n`;
}
