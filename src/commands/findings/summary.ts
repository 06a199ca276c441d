/** What `spotcheck findings` prints: per draw its verification, returns, counts and findings (file:line, masked household), or the JSON of the same. */
import type { Finding } from '../../core/findings.js';
import { maskIdentifier, maskPersonalText } from '../../core/personalText.js';
import { t } from '../../i18n.js';
import type { Style } from '../../render/style.js';
import type { DrawFindings } from './run.js';

/** The household as shown: masked (maskIdentifier) unless --reveal-ids. */
const shownId = (id: string, reveal: boolean) => (reveal ? id : maskIdentifier(id));

/**
 * A value the inspector wrote, as quoted: ID and phone numbers in it masked unless --reveal-ids
 * (maskPersonalText), at most 40 characters.
 */
function shownValue(value: string, reveal: boolean): string {
  const characters = [...(reveal ? value : maskPersonalText(value))];
  return characters.length > 40 ? `${characters.slice(0, 40).join('')}…` : characters.join('');
}

/** The number of findings of all the draws, a draw that does not verify counting as one. */
export function findingsTotal(draws: readonly DrawFindings[]): number {
  return draws.reduce((sum, draw) => sum + (draw.report === null ? 1 : draw.report.findings.length), 0);
}

/** One finding in words, in the current language. */
function findingText(finding: Finding, reveal: boolean): string {
  const got = shownValue(finding.got ?? '', reveal);
  switch (finding.kind) {
    case 'notDrawn':
      return t('cmd.findings.kind.notDrawn');
    case 'duplicate':
      return t('cmd.findings.kind.duplicate');
    case 'missing':
      return t('cmd.findings.kind.missing');
    case 'spareWithoutUnreachable':
      return t('cmd.findings.kind.spareWithoutUnreachable');
    case 'spareOutOfOrder':
      return t('cmd.findings.kind.spareOutOfOrder', { expected: got });
    case 'resultInvalid':
      return t('cmd.findings.kind.resultInvalid', { got });
    case 'dateOutsideMonth':
      return t('cmd.findings.kind.dateOutsideMonth', { got });
    case 'checkerMissing':
      return t('cmd.findings.kind.checkerMissing');
  }
}

/** The terminal summary. */
export function findingsSummary(draws: readonly DrawFindings[], reveal: boolean, style: Style): string {
  const lines: string[] = [];
  for (const draw of draws) {
    lines.push(
      t('cmd.findings.draw', {
        dir: draw.dir,
        command: draw.command,
        month: draw.month ?? '—',
        sha: draw.manifestSha256.slice(0, 16),
      }),
    );
    lines.push(`  ${t('cmd.findings.returns', { files: draw.returns.length === 0 ? '—' : draw.returns.join(', ') })}`);
    if (draw.report === null) {
      lines.push(`  ${style.red(t('cmd.findings.notVerified'))}`);
      lines.push(...draw.failures.map((failure) => `    ${failure}`));
      continue;
    }
    const { counts, findings } = draw.report;
    lines.push(`  ${style.green(t('cmd.findings.verified'))}`);
    lines.push(
      `  ${t('cmd.findings.counts', { drawn: draw.drawn, checked: counts.checked, reached: counts.reached, problems: counts.withProblems })}`,
    );
    lines.push(
      `  ${findings.length === 0 ? style.green(t('cmd.findings.none')) : style.yellow(t('cmd.findings.some', { n: findings.length }))}`,
    );
    for (const finding of findings)
      lines.push(
        `    ${finding.source.file}:${finding.source.line}  ${shownId(finding.household, reveal)}  ${findingText(finding, reveal)}`,
      );
  }
  const total = findingsTotal(draws);
  lines.push(
    total === 0 ? style.green.bold(t('cmd.findings.totalNone')) : style.bold(t('cmd.findings.total', { n: total })),
  );
  return `${lines.join('\n')}\n`;
}

/** The JSON of the same (IDs masked unless --reveal-ids). */
export function findingsJson(draws: readonly DrawFindings[], reveal: boolean) {
  return {
    findings: findingsTotal(draws),
    draws: draws.map((draw) => ({
      dir: draw.dir,
      command: draw.command,
      manifest_sha256: draw.manifestSha256,
      month: draw.month,
      verified: draw.failures.length === 0,
      failures: draw.failures,
      returns: draw.returns,
      drawn: draw.drawn,
      counts:
        draw.report === null
          ? null
          : {
              checked: draw.report.counts.checked,
              reached: draw.report.counts.reached,
              with_problems: draw.report.counts.withProblems,
            },
      findings: (draw.report?.findings ?? []).map((finding) => ({
        kind: finding.kind,
        household: shownId(finding.household, reveal),
        file: finding.source.file,
        line: finding.source.line,
        ...(finding.got === undefined ? {} : { got: shownValue(finding.got, reveal) }),
      })),
    })),
  };
}
