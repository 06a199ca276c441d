/**
 * Writing an output directory whole or not at all: every file is first written to a temporary file
 * in the same directory, then all are renamed into place (the manifest last), so an interrupted run
 * (Ctrl-C, a kill, a full disk) leaves each file either as it was or as the new draw has it, and a
 * half-written file never carries a final name. An existing non-empty directory is refused unless
 * --force. Temporary files are removed on failure and on SIGINT/SIGTERM; one left by a SIGKILL is
 * hidden (".name.PID.tmp") and removed by the next write into the directory.
 */
import { rmSync } from 'node:fs';
import { access, constants, mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';

/** A temporary file of ours: ".NAME.PID.tmp". */
const TEMPORARY = /^\..+\.[0-9]+\.tmp$/;

export const why = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return t('io.reason.permissionDenied');
  if (code === 'EROFS') return t('io.reason.readOnly');
  if (code === 'ENOSPC') return t('io.reason.diskFull');
  if (code === 'EDQUOT') return t('io.reason.quotaUsedUp');
  return code ?? (error as Error).message;
};

/**
 * Checks, before a draw reads anything, that `dir` can take its outputs: an empty or missing
 * directory (whose parent exists and is writable), or a non-empty one with --force.
 */
export async function checkOutputDirectory(dir: string, force: boolean): Promise<void> {
  let info;
  try {
    info = await stat(dir);
  } catch {
    info = null;
  }
  if (info) {
    if (!info.isDirectory()) throw new SpotcheckError('OUTPUT', msg('io.output.notDirectory'), { file: dir, hint: msg('io.output.notDirectoryHint') });
    const entries = (await readdir(dir)).filter((name) => !TEMPORARY.test(name));
    if (entries.length > 0 && !force) {
      throw new SpotcheckError('OUTPUT', msg('io.output.notEmpty', { entries: entries.length }), {
        file: dir,
        hint: msg('io.output.notEmptyHint'),
      });
    }
    return;
  }
  const parent = dirname(resolve(dir));
  const parentInfo = await stat(parent).catch(() => null);
  if (!parentInfo?.isDirectory()) {
    throw new SpotcheckError('OUTPUT', msg('io.output.noParent', { parent }), { file: dir, hint: msg('io.output.noParentHint') });
  }
  try {
    await access(parent, constants.W_OK);
  } catch (error) {
    throw new SpotcheckError('OUTPUT', msg('io.output.cannotCreateIn', { parent, reason: why(error) }), { file: dir, hint: msg('io.output.writableHint') });
  }
}

/** Temporary files being written now (removed if the process is interrupted). */
const pending = new Set<string>();
let handlersInstalled = false;

function removePendingAndExit(signal: NodeJS.Signals): void {
  for (const path of pending) rmSync(path, { force: true });
  // The conventional exit status of a process ended by a signal: 128 + its number.
  process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
}

/** Files to remove if the process is interrupted (a lock held, a file being written). */
export function removeOnInterrupt(path: string): void {
  installSignalHandlers();
  pending.add(path);
}

export function keepOnInterrupt(path: string): void {
  pending.delete(path);
}

function installSignalHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.once('SIGINT', removePendingAndExit);
  process.once('SIGTERM', removePendingAndExit);
}

/**
 * Test-only fault injection (SPOTCHECK_FAILPOINT), so that tests can interrupt a write at a known
 * point: "pause-before-rename" waits a minute with every file staged (to be killed there);
 * "enospc-on-file-N" fails the N-th file's write as a full disk would. Unset in normal use.
 */
async function failpoint(stage: 'write' | 'rename', filesStaged: number): Promise<void> {
  const point = process.env.SPOTCHECK_FAILPOINT;
  if (!point) return;
  if (stage === 'rename' && point === 'pause-before-rename') {
    process.stderr.write('spotcheck: failpoint: paused before renaming\n');
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  if (stage === 'write' && point === `enospc-on-file-${filesStaged}`) {
    throw Object.assign(new Error('ENOSPC: no space left on device (failpoint)'), { code: 'ENOSPC' });
  }
}

/** Whether the test-only failpoint `name` is set (SPOTCHECK_FAILPOINT, see failpoint()). */
export const failpointSet = (name: string): boolean => process.env.SPOTCHECK_FAILPOINT === name;

/** Makes `dir` ready for a draw's files; true when this run created it. */
async function prepareDirectory(dir: string, force: boolean): Promise<boolean> {
  await checkOutputDirectory(dir, force);
  try {
    await mkdir(dir, { recursive: false });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new SpotcheckError('OUTPUT', msg('io.output.cannotCreate', { reason: why(error) }), { file: dir, hint: msg('io.output.writableHint') });
  }
}

/** The names of the files spotcheck writes into a draw's directory (any command). */
export const DRAW_FILE_NAMES: readonly string[] = ['counties.csv', 'villages.csv', 'households.csv', 'spares.csv', 'frame.csv', 'strata.csv', 'ranking.csv', 'excluded.csv', 'manifest.json', 'check-workbook.xlsx'];

/**
 * Writes each entry to a temporary file in `dir`, then renames them all into place in order. On a
 * failure the temporary files are removed and the error is thrown as it came: nothing was replaced.
 * `failpoints` lets the tests interrupt it (the draw directory's write only).
 */
async function stageAndRename(dir: string, entries: Iterable<readonly [string, Buffer | string]>, failpoints: boolean): Promise<void> {
  installSignalHandlers();
  const staged: Array<{ temporary: string; final: string }> = [];
  try {
    for (const [name, content] of entries) {
      const temporary = join(dir, `.${name}.${process.pid}.tmp`);
      pending.add(temporary);
      staged.push({ temporary, final: join(dir, name) });
      if (failpoints) await failpoint('write', staged.length);
      await writeFile(temporary, content, { flag: 'wx' });
    }
    if (failpoints) await failpoint('rename', staged.length);
    for (const { temporary, final } of staged) {
      await rename(temporary, final);
      pending.delete(temporary);
    }
  } catch (error) {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    for (const { temporary } of staged) pending.delete(temporary);
    throw error;
  }
}

/**
 * Writes `files` (name → content) into `dir`; the entries are renamed into place in the given order.
 * With --force, files an earlier draw wrote there and this one does not (a spares.csv, a workbook)
 * are removed afterwards, except those in `alsoWriting`, so no stale file stands beside the draw.
 */
export async function writeOutputDirectory(dir: string, files: ReadonlyMap<string, string>, force: boolean, alsoWriting: readonly string[] = []): Promise<void> {
  await prepareDirectory(dir, force);
  // Temporary files a killed run left behind.
  for (const name of await readdir(dir)) if (TEMPORARY.test(name)) await rm(join(dir, name), { force: true });
  try {
    await stageAndRename(dir, files, true);
    if (force) {
      for (const name of DRAW_FILE_NAMES) if (!files.has(name) && !alsoWriting.includes(name)) await rm(join(dir, name), { force: true });
    }
  } catch (error) {
    throw new SpotcheckError('OUTPUT', msg('io.output.cannotWriteFiles', { reason: why(error) }), { file: dir, hint: msg('io.output.cannotWriteFilesHint') });
  }
}

/**
 * A draw's outputs written under temporary names and not yet in place (see stageDrawOutputs): so
 * that the ledger entry can be appended before any output carries its final name, and a draw whose
 * entry cannot be written leaves nothing behind.
 */
export interface StagedOutputs {
  /** Renames every file into place (the draw directory's, manifest last, then the others); on a failure removes what it placed. */
  place(): Promise<void>;
  /** Removes the temporary files, and the draw directory if this run created it. */
  discard(): Promise<void>;
}

/**
 * Stages a draw's outputs: `files` into the draw directory `dir` (null: none), then each of `others`
 * (a workbook, a notice) into its own directory. Nothing is in place until place(); with --force,
 * place() also removes files of an earlier draw in `dir` that this one does not write.
 */
export async function stageDrawOutputs(
  dir: string | null,
  files: ReadonlyMap<string, string>,
  force: boolean,
  others: ReadonlyArray<{ readonly dir: string; readonly name: string; readonly content: Buffer | string }>,
): Promise<StagedOutputs> {
  installSignalHandlers();
  const staged: Array<{ temporary: string; final: string }> = [];
  const placed: string[] = [];
  let created = false;
  const discard = async () => {
    await Promise.all(staged.map(({ temporary }) => rm(temporary, { force: true })));
    for (const { temporary } of staged) pending.delete(temporary);
    if (created && dir !== null) await rm(dir, { recursive: true, force: true });
  };
  const stage = async (into: string, name: string, content: Buffer | string, failpoints: boolean) => {
    const temporary = join(into, `.${name}.${process.pid}.tmp`);
    pending.add(temporary);
    staged.push({ temporary, final: join(into, name) });
    if (failpoints) await failpoint('write', staged.length);
    await writeFile(temporary, content, { flag: 'wx' });
  };
  if (dir !== null) {
    created = await prepareDirectory(dir, force);
    try {
      for (const name of await readdir(dir)) if (TEMPORARY.test(name)) await rm(join(dir, name), { force: true });
      for (const [name, content] of files) await stage(dir, name, content, true);
    } catch (error) {
      await discard();
      throw new SpotcheckError('OUTPUT', msg('io.output.cannotWriteFiles', { reason: why(error) }), { file: dir, hint: msg('io.output.cannotWriteFilesHint') });
    }
  }
  for (const other of others) {
    try {
      await stage(other.dir, other.name, other.content, false);
    } catch (error) {
      await discard();
      throw new SpotcheckError('OUTPUT', msg('io.output.cannotWriteFile', { name: other.name, reason: why(error) }), { file: join(other.dir, other.name) });
    }
  }
  return {
    async place() {
      await failpoint('rename', staged.length);
      try {
        for (const { temporary, final } of staged) {
          await rename(temporary, final);
          pending.delete(temporary);
          placed.push(final);
        }
        if (force && dir !== null) {
          const written = new Set(staged.map(({ final }) => final));
          for (const name of DRAW_FILE_NAMES) if (!written.has(join(dir, name))) await rm(join(dir, name), { force: true });
        }
      } catch (error) {
        await Promise.all(placed.map((path) => rm(path, { force: true })));
        await discard();
        throw Object.assign(new Error(why(error)), { code: (error as NodeJS.ErrnoException).code });
      }
    },
    discard,
  };
}

/** Writes one more file into an output directory already written: temporary file, then rename. */
export async function writeOutputFile(dir: string, name: string, content: Buffer | string): Promise<void> {
  try {
    await stageAndRename(dir, [[name, content]], false);
  } catch (error) {
    throw new SpotcheckError('OUTPUT', msg('io.output.cannotWriteFile', { name, reason: why(error) }), { file: join(dir, name) });
  }
}
