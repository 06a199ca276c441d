/** Reading and appending the draw ledger file (the chain itself is src/core/ledger.ts). */
import { open, readFile, rm, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { checkLedger, ledgerEntry, type LedgerCheck } from '../core/ledger.js';
import { keepOnInterrupt, removeOnInterrupt } from './output.js';
import type { Manifest } from '../core/manifest.js';
import { canonicalJson } from '../core/manifest.js';

/** The ledger's text ('' for a file that does not exist yet). */
export async function readLedger(path: string, mustExist: boolean): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !mustExist) return '';
    if (code === 'EISDIR') throw new SpotcheckError('LEDGER', 'the ledger is a directory, not a file', { file: path, hint: 'give a file such as draws.ledger' });
    throw new SpotcheckError('LEDGER', `cannot read the ledger: ${code === 'ENOENT' ? 'there is no such file' : code ?? 'error'}`, { file: path });
  }
}

/** Refuses, before a draw, a ledger that cannot take another entry: broken, or in a missing directory. */
export async function checkLedgerWritable(path: string): Promise<LedgerCheck> {
  const parent = dirname(resolve(path));
  if (!(await stat(parent).then((info) => info.isDirectory(), () => false))) {
    throw new SpotcheckError('LEDGER', `the ledger's directory ${parent} does not exist`, { file: path, hint: 'create it first, or give another --ledger file' });
  }
  const check = checkLedger(await readLedger(path, false));
  if (!check.intact) {
    const first = check.problems[0]!;
    throw new SpotcheckError('LEDGER', `the ledger's chain is broken (${first.message}); no draw is added to a broken ledger`, {
      file: path,
      line: first.line,
      hint: 'run `spotcheck ledger verify` on it, and start a new ledger file (keep the broken one as evidence)',
    });
  }
  return check;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A ledger held for one draw: its chain checked, its head known, nobody else appending. */
export interface LedgerLock {
  /** Appends the draw's entry; returns the new head. */
  append(manifest: Manifest, out: string | null): Promise<{ sequence: number; hash: string }>;
  release(): Promise<void>;
}

/**
 * Takes `FILE.lock` (created exclusively; removed on release, on Ctrl-C and on SIGTERM) and checks
 * the chain, before the draw reads anything: so a draw that cannot be recorded is not made, and two
 * draws at once cannot both chain to the same head.
 */
export async function lockLedger(path: string): Promise<LedgerLock> {
  const lock = `${path}.lock`;
  await checkLedgerWritable(path);
  let lockHandle = null;
  for (let attempt = 0; lockHandle === null; attempt++) {
    try {
      lockHandle = await open(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw new SpotcheckError('LEDGER', `cannot lock the ledger (${(error as NodeJS.ErrnoException).code})`, { file: lock });
      // (SPOTCHECK_TEST_LEDGER_WAIT shortens the wait in tests, in seconds.)
      if (attempt >= Number(process.env.SPOTCHECK_TEST_LEDGER_WAIT ?? 30) * 10) {
        throw new SpotcheckError('LEDGER', 'the ledger is locked by another draw (its lock file has stayed for 30 seconds); nothing was drawn', {
          file: lock,
          hint: 'if no other spotcheck is running, a crashed one left the lock: delete the .lock file and draw again',
        });
      }
      await sleep(100);
    }
  }
  removeOnInterrupt(lock);
  const handle = lockHandle;
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await handle.close();
    await rm(lock, { force: true });
    keepOnInterrupt(lock);
  };
  let head: LedgerCheck['head'];
  try {
    head = (await checkLedgerWritable(path)).head; // again, now that nobody else can append
  } catch (error) {
    await release();
    throw error;
  }
  return {
    async append(manifest, out) {
      const entry = ledgerEntry(manifest, head, new Date().toISOString(), out);
      const file = await open(path, 'a');
      try {
        await file.write(`${canonicalJson(entry)}\n`);
        await file.datasync();
      } finally {
        await file.close();
      }
      return { sequence: entry.sequence, hash: entry.entry_sha256 };
    },
    release,
  };
}
