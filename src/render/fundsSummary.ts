/** The terminal summary of a funds draw: eligible counties and funds, the counties taken, coverage. */
import type { ChalkInstance } from 'chalk';
import { yuan } from '../core/funds.js';
import type { FundsRun } from '../run/funds.js';
import { warningLines, writtenLine } from './monthlySummary.js';
import { count, padDisplay, probability } from './style.js';

export function fundsSummary(run: FundsRun, style: ChalkInstance, outDir: string | null): string {
  const { draw, options, scope } = run;
  const percent = (share: number) => `${(share * 100).toFixed(1)}%`;
  const lines = [
    style.bold(`spotcheck funds · ${options.month} · ${scope.label}  seed "${options.seed}"  method ${options.method}${options.method === 'coverage' ? ` ${options.coverage.text}` : ` ${options.counties} counties`}`),
    `Counties: ${count(draw.ranking.length + draw.excluded.length + draw.withoutFunds.length)} in the prefecture · ${count(draw.excluded.length)} excluded (checked by the excluded draws) · ${count(draw.withoutFunds.length)} without funds · ${count(draw.ranking.length)} eligible`,
    `Funds (${run.fundsSource}): eligible ${yuan(draw.eligibleFen)} yuan${options.method === 'coverage' ? ` · target ${yuan(draw.targetFen)} (${options.coverage.text})` : ''}`,
    '',
  ];
  for (const entry of draw.ranking) {
    const mark = entry.selected ? style.green('✓') : style.dim('·');
    const p = entry.probability === null ? '' : `  p=${probability(entry.probability)}`;
    lines.push(`${mark} #${entry.rank} ${padDisplay(entry.county.name, 24)} ${yuan(entry.fundsFen).padStart(16)}  cumulative ${yuan(entry.cumulativeFen).padStart(16)}${p}${entry.certainty ? ' (certainty)' : ''}`);
  }
  lines.push('', style.bold(`Drawn: ${count(draw.selected.length)} count${draw.selected.length === 1 ? 'y' : 'ies'} holding ${yuan(draw.selectedFen)} yuan = ${percent(draw.coverageReached)} of the eligible funds`));
  lines.push(...warningLines(run.registry.problems, style));
  lines.push('');
  lines.push(writtenLine(style, outDir, [...run.files.keys()], run.manifest.manifest_sha256));
  return `${lines.join('\n')}\n`;
}
