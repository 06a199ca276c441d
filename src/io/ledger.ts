/** Reading and appending the draw ledger file (the chain itself is src/core/ledger.ts). */
import { access, constants, lstat, open, readlink, realpath, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { LIMITS, readRegularFile } from './safeRead.js';
import { msg, t } from '../i18n.js';
import { checkLedger, type EarlierDraw, earlierDraws, ledgerEntry, type LedgerCheck } from '../core/ledger.js';
import { failpointSet, keepOnInterrupt, removeOnInterrupt, why } from './output.js';
import type { Manifest } from '../core/manifest.js';
import { canonicalJson } from '../core/manifest.js';

/** The ledger's text ('' for a file that does not exist yet). */
export async function readLedger(path: string, mustExist: boolean): Promise<string> {
  try {
    return (await readRegularFile(path, LIMITS.ledger, 'LEDGER')).toString('utf8');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && !mustExist) return '';
    if (code === 'EISDIR')
      throw new SpotcheckError('LEDGER', msg('io.ledger.isDirectory'), {
        file: path,
        hint: msg('io.ledger.isDirectoryHint'),
      });
    throw new SpotcheckError(
      'LEDGER',
      msg('io.ledger.unreadable', {
        reason: code === 'ENOENT' ? t('io.reason.noSuchFile') : (code ?? t('io.reason.error')),
      }),
      { file: path },
    );
  }
}

/** Refuses, before a draw, a ledger that cannot take another entry: broken, or in a missing directory. */
/** The ledger's directory must exist (checked before the lock is taken, whose file goes there). */
async function checkLedgerDirectory(path: string): Promise<void> {
  const parent = dirname(resolve(path));
  if (
    !(await stat(parent).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  ) {
    throw new SpotcheckError('LEDGER', msg('io.ledger.noDirectory', { dir: parent }), {
      file: path,
      hint: msg('io.ledger.noDirectoryHint'),
    });
  }
}

async function checkLedgerWritable(path: string): Promise<LedgerCheck & { text: string }> {
  await checkLedgerDirectory(path);
  const text = await readLedger(path, false);
  const check = checkLedger(text);
  if (!check.intact) {
    const first = check.problems[0]!;
    throw new SpotcheckError('LEDGER', msg('io.ledger.broken', { problem: first.message }), {
      file: path,
      line: first.line,
      hint: msg('io.ledger.brokenHint'),
    });
  }
  return { ...check, text };
}

/** Refuses, before the draw, a ledger that cannot be opened for appending (or, not there yet, created). */
async function checkAppendable(path: string): Promise<boolean> {
  try {
    if (
      !(await stat(path).then(
        () => true,
        () => false,
      ))
    ) {
      await access(dirname(path), constants.W_OK);
      return false;
    }
    await (await open(path, 'a')).close();
    return true;
  } catch (error) {
    throw new SpotcheckError('LEDGER', msg('seed.ledger.notAppendable', { reason: why(error) }), { file: path });
  }
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** A ledger held for one draw: its chain checked, its head known, nobody else appending. */
export interface LedgerLock {
  /** The ledger's earlier entries of the same draw (command, month, level, scope) as `manifest`. */
  earlier(manifest: Manifest): EarlierDraw[];
  /** Appends the draw's entry; returns the new head. */
  append(manifest: Manifest, out: string | null): Promise<{ sequence: number; hash: string }>;
  release(): Promise<void>;
}

/**
 * The file a ledger path really names: symbolic links resolved (the file's real path if it exists,
 * else its directory's real path and its name, following a link that points nowhere yet), so that
 * draws through a link and through the real path share one lock and one chain.
 */
async function realLedgerPath(path: string): Promise<string> {
  let current = resolve(path);
  for (let hops = 0; hops < 40; hops++) {
    try {
      return await realpath(current);
    } catch {
      // Not there (yet): a dangling link is followed by hand, else the directory is resolved.
    }
    const link = await lstat(current).then(
      (info) => info.isSymbolicLink(),
      () => false,
    );
    if (!link) break;
    current = resolve(dirname(current), await readlink(current));
  }
  const parent = await realpath(dirname(current)).catch(() => dirname(current));
  return join(parent, basename(current));
}

/**
 * Takes `FILE.lock` (created exclusively; removed on release, on Ctrl-C and on SIGTERM) and checks
 * the chain, before the draw reads anything: so a draw that cannot be recorded is not made, and two
 * draws at once cannot both chain to the same head.
 */
export async function lockLedger(given: string): Promise<LedgerLock> {
  // The lock and the appends follow the real file, whatever link it was named through.
  const path = await realLedgerPath(given);
  const lock = `${path}.lock`;
  // Only the directory before the lock: the chain is read once the lock is held, since a draw
  // appending at this moment may have written half of its line.
  await checkLedgerDirectory(path);
  let lockHandle = null;
  for (let attempt = 0; lockHandle === null; attempt++) {
    try {
      lockHandle = await open(lock, 'wx');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST')
        throw new SpotcheckError(
          'LEDGER',
          msg('io.ledger.lockFailed', { reason: String((error as NodeJS.ErrnoException).code) }),
          { file: lock },
        );
      // (SPOTCHECK_TEST_LEDGER_WAIT shortens the wait in tests, in seconds.)
      if (attempt >= Number(process.env.SPOTCHECK_TEST_LEDGER_WAIT ?? 30) * 10) {
        throw new SpotcheckError('LEDGER', msg('io.ledger.locked'), {
          file: lock,
          hint: msg('io.ledger.lockedHint'),
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
  let text: string;
  let existed: boolean;
  try {
    ({ head, text } = await checkLedgerWritable(path)); // now that nobody else can append
    existed = await checkAppendable(path);
  } catch (error) {
    await release();
    throw error;
  }
  return {
    earlier: (manifest) => earlierDraws(text, manifest),
    async append(manifest, out) {
      const entry = ledgerEntry(manifest, head, new Date().toISOString(), out);
      const file = await open(path, 'a');
      const before = (await file.stat()).size;
      try {
        // (Test-only: SPOTCHECK_FAILPOINT=ledger-append fails here as a full disk would.)
        if (failpointSet('ledger-append'))
          throw Object.assign(new Error('ENOSPC: no space left on device (failpoint)'), { code: 'ENOSPC' });
        await file.write(`${canonicalJson(entry)}\n`);
        await file.datasync();
      } catch (error) {
        // A line half written would break the chain for every later draw: cut it off again.
        await file.truncate(before).catch(() => undefined);
        if (!existed && before === 0) await rm(path, { force: true });
        throw error;
      } finally {
        await file.close();
      }
      return { sequence: entry.sequence, hash: entry.entry_sha256 };
    },
    release,
  };
}
