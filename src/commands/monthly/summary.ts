/** The terminal summary of a monthly draw: frame sizes, the drawn tree, shortfalls, where files went. */
import { STATUS_LABELS, type DataProblem } from '../../core/frame.js';
import type { MonthlyRun } from './run.js';
import { probability, type Style } from '../../render/style.js';
import { t } from '../../i18n.js';
import { exclusionLines } from '../../render/exclusions.js';
import { showSeed } from '../../core/seed.js';

export function monthlySummary(run: MonthlyRun, style: Style, outDir: string | null): string {
  const { draw, options, scope } = run;
  const lines: string[] = [];
  const sizes = draw.frame.sizes;
  lines.push(
    style.bold(
      `spotcheck monthly · ${options.month} · ${t(`summary.level.${options.level}`)}${scope.key ? ` · ${scope.label}` : ''}`,
    ) + style.dim(`  ${t('summary.seed', { seed: showSeed(options.seed) })}`),
  );
  lines.push(
    `${t('summary.frame')}: ${t('summary.counties', { n: sizes.counties })} · ${t('summary.villages', { n: sizes.villages })} (${t(draw.frame.definition.villageFrame === 'poor' ? 'summary.poorVillages' : 'summary.allVillages')}) · ` +
      `${t('summary.households', { n: sizes.households })} (${draw.frame.definition.statuses.map((status) => STATUS_LABELS[status]).join('、')}) · ${t('summary.people', { n: sizes.persons })}`,
  );
  lines.push(...exclusionLines(run.manifest).map((line) => style.dim(line)));
  lines.push(
    `${t('summary.drawn')}: ${t('summary.counties', { n: draw.counties.length })} · ${t('summary.villages', { n: draw.villages.length })} · ${t('summary.households', { n: draw.households.length })}`,
  );
  lines.push('');
  for (const county of draw.counties) {
    const rank = county.rank === null ? '' : style.dim(` #${county.rank}`);
    lines.push(
      `${style.cyan(`${county.county.prefecture} › ${county.county.name}`)} ${style.dim(county.county.code)}${rank}  p=${probability(county.stageProbability)}`,
    );
    for (const village of draw.villages.filter((entry) => entry.county.key === county.county.key)) {
      const households = draw.households.filter((entry) => entry.village.key === village.village.key);
      lines.push(
        `  ${village.township.name} › ${style.bold(village.village.name)}${style.dim(` #${village.rank}`)}  ` +
          t('summary.villageLine', {
            drawn: households.length,
            frame: village.frameHouseholds,
            p: probability(village.probability),
          }),
      );
      lines.push(
        `    ${households.map((entry) => `${entry.household.key} ${STATUS_LABELS[entry.household.status]}`).join('  ')}`,
      );
    }
  }
  if (draw.shortfalls.length > 0) {
    lines.push('');
    lines.push(style.yellow(t('summary.shortfalls', { n: draw.shortfalls.length })));
    for (const shortfall of draw.shortfalls) {
      lines.push(
        `  ${t('summary.shortfall', { stage: t(`summary.stage.${shortfall.stage}`), stratum: shortfall.stratumLabel, requested: shortfall.requested, available: shortfall.available })}`,
      );
    }
  }
  if (draw.spares.length > 0) {
    lines.push(
      '',
      `${t('summary.spares', { n: draw.spares.length, perVillage: run.options.spares })} ${t('summary.spareRule')}`,
    );
  }
  lines.push(...warningLines(run.registry.problems, style));
  lines.push('');
  lines.push(writtenLine(style, outDir, [...run.files.keys()], run.manifest.manifest_sha256));
  return `${lines.join('\n')}\n`;
}

/** "N data warnings; `spotcheck inspect` lists them", when a draw met problems that do not stop it. */
export function warningLines(problems: readonly DataProblem[], style: Style): string[] {
  const warnings = problems.filter((problem) => problem.severity === 'warning').length;
  return warnings > 0 ? [style.yellow(t('summary.warnings', { n: warnings }))] : [];
}

/** Where a draw's files went, or how to write them: the last line of every draw's summary. */
export function writtenLine(
  style: Style,
  outDir: string | null,
  files: readonly string[],
  manifestSha256: string | undefined,
): string {
  if (outDir === null) return style.dim(t('summary.nothingWritten', { files: files.join(', ') }));
  return t('summary.written', {
    dir: outDir,
    files: [...files, 'manifest.json'].join(', '),
    sha: (manifestSha256 ?? '').slice(0, 16),
  });
}
