/** The terminal summary of an evaluation draw: strata and allocation, counties, sample sizes, shortfalls. */
import { STATUS_LABELS, HOUSEHOLD_STATUSES } from '../../core/frame.js';
import { designDegreesOfFreedom, FEW_DESIGN_DF, probabilityOf, SHORTFALL_NOTES } from '../../core/evaluate.js';
import type { EvaluationRun } from './run.js';
import { warningLines, writtenLine } from '../monthly/summary.js';
import { count, padDisplay, probability, type Style } from '../../render/style.js';
import { t } from '../../i18n.js';
import { showSeed } from '../../core/seed.js';

/** A shortfall's note as the core records it (English, in the manifest), worded for the terminal. */
const shortfallNote = (note: string): string =>
  note === SHORTFALL_NOTES.noSuchHousehold
    ? t('evaluate.note.noSuchHousehold')
    : note === SHORTFALL_NOTES.allTaken
      ? t('evaluate.note.allTaken')
      : note;

/** A household stratum's label as recorded ("… › 村 / poor") with its status worded for the terminal. */
function shortfallStratum(shortfall: { readonly stratum: string; readonly stratumLabel: string }): string {
  const status = HOUSEHOLD_STATUSES.find((candidate) => shortfall.stratum.endsWith(`/${candidate}`));
  const suffix = ` / ${status}`;
  return status === undefined || !shortfall.stratumLabel.endsWith(suffix)
    ? shortfall.stratumLabel
    : t('evaluate.stratumOfStatus', {
        village: shortfall.stratumLabel.slice(0, -suffix.length),
        status: t(`evaluate.status.${status}`),
      });
}

/** The design's df line, and a hint when they are few (how to get more: a minimum per stratum, merged strata, more counties). */
function designLines(run: EvaluationRun, style: Style): string[] {
  const design = designDegreesOfFreedom(run.draw);
  const line = t('evaluate.design', {
    df: design.df,
    counties: design.counties,
    strata: design.strata,
    single: design.singleCountyStrata,
  });
  if (design.df >= FEW_DESIGN_DF) return [line];
  const { minPerStratum, mergeStrata } = run.options;
  const hint =
    minPerStratum >= 2 && mergeStrata
      ? t('evaluate.designHintCounties', { least: FEW_DESIGN_DF })
      : t('evaluate.designHint', { least: FEW_DESIGN_DF });
  return [line, style.yellow(hint)];
}

export function evaluationSummary(run: EvaluationRun, style: Style, outDir: string | null): string {
  const { draw, options } = run;
  const lines: string[] = [];
  lines.push(
    style.bold(
      t('evaluate.header', {
        selection: t(`evaluate.selection.${options.countySelection}`),
        strata:
          typeof options.strata === 'string'
            ? t(`evaluate.strata.${options.strata}`)
            : t('evaluate.strata.column', { column: options.strata.column }),
        allocation: t(`evaluate.allocation.${options.allocation}`),
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
  lines.push(...designLines(run, style));
  lines.push('');
  for (const county of draw.counties) {
    const villages = draw.villages.filter((village) => village.county === county);
    lines.push(
      `${style.cyan(`${county.county.prefecture} › ${county.county.name}`)} ${style.dim(county.county.code)} ${t(`evaluate.countyMethod.${county.method}`)} π=${probability(probabilityOf(county.probability))}  ` +
        villages.map((village) => village.village.name).join('、'),
    );
  }
  if (draw.shortfalls.length > 0) {
    lines.push('', style.yellow(t('evaluate.shortfalls', { n: draw.shortfalls.length })));
    for (const shortfall of draw.shortfalls.slice(0, 12)) {
      const stage = t(`summary.stage.${shortfall.stage}`);
      lines.push(
        `  ${t('evaluate.shortfall', { stage, stratum: shortfallStratum(shortfall), requested: shortfall.requested, available: shortfall.available, note: shortfallNote(shortfall.note) })}`,
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
