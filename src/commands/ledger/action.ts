/** What `spotcheck ledger verify` does when it runs (loaded by ./index.ts's action only): checks the ledger and prints what it found. */
import { checkLedger } from '../../core/ledger.js';
import { readLedger } from '../../io/ledger.js';
import { styleFor } from '../../render/style.js';
import { word } from '../../i18n.js';
import { json, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { LEDGER_VERIFY_OPTIONS } from './spec.js';
import { ledgerSummary } from './summary.js';

/** Checks the ledger file's chain with the options given. */
export async function ledgerVerifyAction(file: string, raw: RawOptions): Promise<void> {
  const options = normaliseOptions(LEDGER_VERIFY_OPTIONS, raw);
  const text = await readLedger(file, true);
  const check = checkLedger(text, options.head);
  const named = check.publishedHead;
  const headFound = named === null ? null : named.found;
  const ok = check.intact && headFound !== false;
  if (options.json) {
    await writeStdout(
      json({
        intact: check.intact,
        ...(named === null ? {} : { head_found: named.found, head_sequence: named.found ? named.sequence : null }),
        entries: check.entries,
        head: check.head,
        problems: check.problems.map((problem) => ({ ...problem, message: word(problem.message) })),
        repeats: check.repeats,
      }),
    );
  } else {
    await writeStdout(ledgerSummary(file, check, ok, await styleFor(process.stdout), options.timeZone));
  }
  if (!ok) process.exitCode = 1;
}
