/** The terminal summary of an evaluation draw: strata and allocation, counties, sample sizes, shortfalls. */
import type { ChalkInstance } from 'chalk';
import { STATUS_LABELS, HOUSEHOLD_STATUSES } from '../../core/frame.js';
import { probabilityOf } from '../../core/evaluate.js';
import type { EvaluationRun } from './run.js';
import { warningLines, writtenLine } from '../monthly/summary.js';
import { count, padDisplay, probability } from '../../render/style.js';
import { t } from '../../i18n.js';
import { showSeed } from '../../core/seed.js';

export function evaluationSummary(run: EvaluationRun, style: ChalkInstance, outDir: string | null): string {
  const { draw, options } = run;
  const lines: string[] = [];
  lines.push(
    style.bold(
      t('evaluate.header', {
        selection: options.countySelection.toUpperCase(),
        strata: String(run.manifest.parameters.strata),
        allocation: options.allocation,
      }),
    ) + style.dim(`  ${t('summary.seed', { seed: showSeed(options.seed) })}`),
  );
  const households = HOUSEHOLD_STATUSES.map(
    (status) => `${STATUS_LABELS[status]} ${count(draw.frame.households[status])}`,
  ).join(' · ');
  lines.push(
    t('evaluate.frame', {
      counties: t('summary.counties', { n: draw.frame.counties }),
      villages: t('summary.villages', { n: draw.frame.villages }),
      households,
    }),
  );
  lines.push(
    t('evaluate.drawn', {
      counties: t('summary.counties', { n: draw.counties.length }),
      villages: t('summary.villages', { n: draw.villages.length }),
      households: t('summary.households', { n: run.tables.frame.rows.length }),
      spares: t('evaluate.spares', { n: run.tables.spares.rows.length }),
    }),
  );
  lines.push('');
  lines.push(style.bold(t('evaluate.strataHeading')));
  for (const stratum of draw.strata) {
    lines.push(
      `${padDisplay(stratum.stratum, 30)} ${String(stratum.counties).padStart(8)}  ${count(stratum.households).padStart(10)}  ${String(stratum.allocated).padStart(5)}${stratum.certainty > 0 ? style.dim(` ${t('evaluate.certain', { n: stratum.certainty })}`) : ''}`,
    );
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
    lines.push('', style.yellow(t('evaluate.shortfalls', { n: draw.shortfalls.length })));
    for (const shortfall of draw.shortfalls.slice(0, 12)) {
      const stage = t(`summary.stage.${shortfall.stage}`);
      lines.push(
        `  ${t('evaluate.shortfall', { stage, stratum: shortfall.stratumLabel, requested: shortfall.requested, available: shortfall.available, note: shortfall.note })}`,
      );
    }
    if (draw.shortfalls.length > 12)
      lines.push(`  ${t('evaluate.moreShortfalls', { n: draw.shortfalls.length - 12 })}`);
  }
  lines.push(...warningLines(run.registry.problems, style));
  lines.push('');
  lines.push(writtenLine(style, outDir, [...run.files.keys()], run.manifest.manifest_sha256));
  return `${lines.join('\n')}\n`;
}
