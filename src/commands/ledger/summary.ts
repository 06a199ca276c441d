/** What `spotcheck ledger verify` prints: the entries, the chain's problems, the published head, repeated draws. */
import type { Style } from '../../render/style.js';
import type { LedgerCheck } from '../../core/ledger.js';
import { showSeed } from '../../core/seed.js';
import { localTime, type TimeZone } from '../../core/localTime.js';
import { t, word } from '../../i18n.js';

/**
 * The terminal summary of a ledger check; `ok`: the chain is intact and holds the published head, if
 * one was named. Times of repeated draws are shown in `zone` (--time-zone) with its offset.
 */
export function ledgerSummary(file: string, check: LedgerCheck, ok: boolean, style: Style, zone: TimeZone): string {
  const named = check.publishedHead;
  const lines = [t('ledger.entries', { file, n: check.entries })];
  const broken = style.red(t('cmd.ledger.brokenLabel'));
  for (const problem of check.problems)
    lines.push(`${broken} ${t('cmd.ledger.problem', { line: problem.line, message: word(problem.message) })}`);
  if (named?.found)
    lines.push(t('seed.ledger.headAt', { head: named.hash, sequence: named.sequence!, line: named.line! }));
  else if (named !== null && named.sequence !== null)
    lines.push(`${broken} ${t('seed.ledger.headInBrokenChain', { head: named.hash, sequence: named.sequence })}`);
  else if (named !== null) lines.push(`${broken} ${t('seed.ledger.headNotEntry', { head: named.hash })}`);
  for (const repeat of check.repeats) {
    const what = [
      repeat.draw.command,
      repeat.draw.month,
      repeat.draw.level,
      repeat.draw.scope || t('cmd.ledger.wholeRegistry'),
    ]
      .filter((part) => part !== null)
      .join(' · ');
    const label = repeat.differentSeeds
      ? style.yellow(t('cmd.ledger.repeatFlaggedLabel'))
      : t('cmd.ledger.repeatLabel');
    lines.push(
      `${label} ${t(repeat.differentSeeds ? 'cmd.ledger.repeatDifferentSeeds' : 'cmd.ledger.repeatSameSeed', { what, times: repeat.entries.length })}`,
    );
    for (const entry of repeat.entries) {
      lines.push(
        `    ${t('cmd.ledger.repeatEntry', { line: entry.line, sequence: entry.sequence, time: localTime(entry.time, zone.offsetMinutes), seed: showSeed(entry.seed), manifest: entry.manifest_sha256.slice(0, 16) })}`,
      );
    }
  }
  lines.push(
    ok
      ? style.green(t('ledger.intact', { n: check.head.sequence, hash: check.head.hash }))
      : style.red.bold(t('ledger.broken')),
  );
  return `${lines.join('\n')}\n`;
}
