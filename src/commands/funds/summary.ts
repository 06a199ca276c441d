/** The terminal summary of a funds draw: eligible counties and funds, the counties taken, coverage. */
import { yuan } from '../../core/funds.js';
import type { FundsRun } from './run.js';
import { warningLines, writtenLine } from '../monthly/summary.js';
import { count, padDisplay, probability, type Style } from '../../render/style.js';
import { t } from '../../i18n.js';
import { exclusionLines } from '../../render/exclusions.js';
import { showSeed } from '../../core/seed.js';

export function fundsSummary(run: FundsRun, style: Style, outDir: string | null): string {
  const { draw, options, scope } = run;
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const method =
    options.method === 'coverage'
      ? t('funds.method.coverage', { share: options.coverage.text })
      : t('funds.method.pps', { n: options.counties ?? 0 });
  const target =
    options.method === 'coverage'
      ? t('funds.target', { target: yuan(draw.targetFen), share: options.coverage.text })
      : '';
  const lines = [
    style.bold(t('funds.header', { month: options.month, scope: scope.label, seed: showSeed(options.seed), method })),
    t('funds.counties', {
      total: count(draw.ranking.length + draw.excluded.length + draw.withoutFunds.length),
      excluded: count(draw.excluded.length),
      without: count(draw.withoutFunds.length),
      eligible: count(draw.ranking.length),
    }),
    `${t('funds.funds', { source: t(`funds.source.${run.fundsOrigin.kind}`, { name: run.fundsOrigin.name }), eligible: yuan(draw.eligibleFen) })}${target}`,
    ...exclusionLines(run.manifest).map((line) => style.dim(line)),
    '',
  ];
  for (const entry of draw.ranking) {
    const mark = entry.selected ? style.green('✓') : style.dim('·');
    const p = entry.probability === null ? '' : `  p=${probability(entry.probability)}`;
    lines.push(
      `${mark} #${entry.rank} ${padDisplay(entry.county.name, 24)} ${yuan(entry.fundsFen).padStart(16)}  ${t('funds.cumulative')} ${yuan(entry.cumulativeFen).padStart(16)}${p}${entry.certainty ? t('funds.certainty') : ''}`,
    );
  }
  lines.push(
    '',
    style.bold(
      t('funds.drawn', {
        n: draw.selected.length,
        funds: yuan(draw.selectedFen),
        share: percent(draw.coverageReached),
      }),
    ),
  );
  lines.push(...warningLines(run.registry.problems, style));
  lines.push('');
  lines.push(writtenLine(style, outDir, [...run.files.keys()], run.manifest.manifest_sha256));
  return `${lines.join('\n')}\n`;
}
