/**
 * Writing an output directory whole or not at all. A new or empty directory: every file is first
 * written under a temporary name in it, then all are renamed into place (the manifest last). A draw
 * directory replaced with --force: the new draw is written into a sibling directory and swapped
 * with the old one (src/io/drawDirectory.ts), so a reader sees the old draw or the new one, never a
 * mix. What --force may replace, and which temporaries are swept, is decided in drawDirectory.ts.
 * Temporaries are removed on failure and on SIGINT/SIGTERM; one left by a SIGKILL carries
 * spotcheck's own name and PID and is removed by the next write there once that process is gone.
 */
import { renameSync, rmSync } from 'node:fs';
import { access, chmod, constants, mkdir, readdir, rename, rm, rmdir, stat, unlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';
import { checkNotAnInput, inspectOutput, temporaryName, type OutputState } from './drawDirectory.js';
import { resetBeforeEachRun } from '../runState.js';

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
 * directory (whose parent exists and is writable), or with --force one that holds a draw and nothing
 * else (see inspectOutput). `inputs`: the run's input files, never replaced; `alsoWriting`: names
 * this run writes into `dir` besides the draw's files.
 */
export async function checkOutputDirectory(
  dir: string,
  force: boolean,
  inputs: readonly string[] = [],
  alsoWriting: readonly string[] = [],
): Promise<OutputState> {
  const state = await inspectOutput(dir, force, inputs, alsoWriting);
  if (state.kind === 'empty') return state;
  // A new directory is created in the parent; a draw replaced is swapped with a sibling made there.
  const parent = dirname(state.path);
  const parentInfo = await stat(parent).catch(() => null);
  if (!parentInfo?.isDirectory()) {
    throw new SpotcheckError('OUTPUT', msg('io.output.noParent', { parent }), {
      file: dir,
      hint: msg('io.output.noParentHint'),
    });
  }
  try {
    await access(parent, constants.W_OK);
  } catch (error) {
    if (state.kind === 'draw')
      throw new SpotcheckError('OUTPUT', msg('safety.out.parentNotWritable', { parent, reason: why(error) }), {
        file: dir,
        hint: msg('safety.out.parentNotWritableHint'),
      });
    throw new SpotcheckError('OUTPUT', msg('io.output.cannotCreateIn', { parent, reason: why(error) }), {
      file: dir,
      hint: msg('io.output.writableHint'),
    });
  }
  return state;
}

/** Checks that the single output file `file` (a notice) replaces no input of the run. */
export const checkOutputFile = (file: string, inputs: readonly string[]): Promise<void> =>
  checkNotAnInput(file, inputs);

/** Temporary files being written now (removed if the process is interrupted). */
const pending = new Set<string>();
let handlersInstalled = false;

/** Renames to undo if the process is interrupted (a swap half made): [from, to]. */
const undo: Array<readonly [string, string]> = [];

/**
 * Undoes the half-made renames and removes the pending files: on SIGINT/SIGTERM, and on any
 * process.exit() before the run let them go (stdout closed by `| head`, a failed write: src/main.ts),
 * which skips the run's own clean-up. Nothing is pending after a run that finished.
 */
function removePending(): void {
  for (const [from, to] of undo.splice(0)) {
    try {
      renameSync(from, to);
    } catch {
      // Left for the next run to complete (sweepSiblings).
    }
  }
  // A pending directory is one this run made for its staged files (never one of the user's).
  for (const path of pending) rmSync(path, { force: true, recursive: true });
  pending.clear();
}

function removePendingAndExit(signal: NodeJS.Signals): void {
  removePending();
  // The conventional exit status of a process ended by a signal: 128 + its number.
  process.exit(128 + (signal === 'SIGINT' ? 2 : 15));
}

// Each run() starts with no files and renames of an earlier run in this process.
resetBeforeEachRun(() => {
  pending.clear();
  undo.length = 0;
});

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
  process.once('exit', removePending);
}

/**
 * Test-only fault injection (SPOTCHECK_FAILPOINT), so that tests can interrupt a write at a known
 * point: "pause-before-rename" waits a minute with every file staged (to be killed there);
 * "pause-between-renames" after the old draw was moved aside and before the new one is put in its
 * place, "pause-before-cleanup" after the swap and before the old draw is removed;
 * "enospc-on-file-N" fails the N-th file's write as a full disk would. Unset in normal use.
 */
async function failpoint(
  stage: 'write' | 'rename' | 'between-renames' | 'before-cleanup',
  filesStaged: number,
): Promise<void> {
  const point = process.env.SPOTCHECK_FAILPOINT;
  if (!point) return;
  const pause = {
    rename: 'pause-before-rename',
    'between-renames': 'pause-between-renames',
    'before-cleanup': 'pause-before-cleanup',
  } as const;
  if (stage !== 'write' && point === pause[stage]) {
    // Test-only text (the tests wait for it), not shown to users.
    process.stderr.write(
      `spotcheck: failpoint: ${stage === 'rename' ? 'paused before renaming' : `paused at ${point}`}\n`,
    );
    await new Promise((resolve) => setTimeout(resolve, 60_000));
  }
  if (stage === 'write' && point === `enospc-on-file-${filesStaged}`) {
    throw Object.assign(new Error('ENOSPC: no space left on device (failpoint)'), { code: 'ENOSPC' });
  }
}

/** Whether the test-only failpoint `name` is set (SPOTCHECK_FAILPOINT, see failpoint()). */
export const failpointSet = (name: string): boolean => process.env.SPOTCHECK_FAILPOINT === name;

/** The names of the files spotcheck writes into a draw's directory (any command). */
export const DRAW_FILE_NAMES: readonly string[] = [
  'counties.csv',
  'villages.csv',
  'households.csv',
  'spares.csv',
  'frame.csv',
  'strata.csv',
  'ranking.csv',
  'excluded.csv',
  'manifest.json',
  'check-workbook.xlsx',
];

/**
 * Writes each entry to a temporary file in `dir`, then renames them all into place in order. On a
 * failure the temporary files are removed and the error is thrown as it came: nothing was replaced.
 */
async function stageAndRename(dir: string, entries: Iterable<readonly [string, Buffer | string]>): Promise<void> {
  installSignalHandlers();
  const staged: Array<{ temporary: string; final: string }> = [];
  try {
    for (const [name, content] of entries) {
      const temporary = join(dir, temporaryName(name));
      pending.add(temporary);
      staged.push({ temporary, final: join(dir, name) });
      await writeFile(temporary, content, { flag: 'wx' });
    }
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
 * A draw's outputs written under temporary names and not yet in place (see stageDrawOutputs): so
 * that the ledger entry can be appended before any output carries its final name, and a draw whose
 * entry cannot be written leaves nothing behind.
 */
interface StagedOutputs {
  /** Puts everything in place (the draw directory's files, manifest last, or the whole directory swapped; then the others); on a failure undoes what it placed. */
  place(): Promise<void>;
  /** Removes the temporary files, and the draw directory if this run created it. */
  discard(): Promise<void>;
}

type OtherOutput = { readonly dir: string; readonly name: string; readonly content: Buffer | string };

/**
 * Stages a draw's outputs: `files` into the draw directory `dir` (null: none), then each of `others`
 * (a workbook, a notice) into its own directory — into the draw's own when that is `dir`. Nothing is
 * in place until place(). With --force a directory holding a draw is replaced as a whole: the new
 * draw is staged in a sibling directory and swapped with the old one. `inputs`: the run's inputs,
 * never replaced (checked again here, just before writing).
 */
export async function stageDrawOutputs(
  dir: string | null,
  files: ReadonlyMap<string, string>,
  force: boolean,
  others: readonly OtherOutput[],
  inputs: readonly string[] = [],
): Promise<StagedOutputs> {
  installSignalHandlers();
  const target = dir === null ? null : resolve(dir);
  const intoDraw = others.filter((other) => target !== null && resolve(other.dir) === target);
  const staging = new Staging(dir);
  if (dir !== null) await staging.stageDrawDirectory(dir, drawFilesInOrder(files, intoDraw), force, inputs, intoDraw);
  for (const other of others.filter((other) => !intoDraw.includes(other))) await staging.stageApart(other, inputs);
  return { place: () => staging.place(), discard: () => staging.discard() };
}

/** The draw directory's files with the outputs written into it, the manifest last (a directory with a manifest holds its whole draw). */
function drawFilesInOrder(
  files: ReadonlyMap<string, string>,
  intoDraw: readonly OtherOutput[],
): Map<string, Buffer | string> {
  const drawFiles = new Map<string, Buffer | string>(files);
  for (const other of intoDraw) {
    drawFiles.delete(other.name);
    drawFiles.set(other.name, other.content);
  }
  if (drawFiles.has('manifest.json')) {
    const manifest = drawFiles.get('manifest.json')!;
    drawFiles.delete('manifest.json');
    drawFiles.set('manifest.json', manifest);
  }
  return drawFiles;
}

/** The state of one staging: what is written under temporary names, and the swap of a replaced draw directory. */
class Staging {
  private readonly staged: Array<{ temporary: string; final: string }> = [];
  /** Where the new draw directory is staged when it replaces an old one; the old one's name while swapped. */
  private swap: { staging: string; backup: string; path: string; mode: number } | null = null;
  private created = false;

  constructor(private readonly dir: string | null) {}

  async discard(): Promise<void> {
    await Promise.all(this.staged.map(({ temporary }) => rm(temporary, { force: true })));
    for (const { temporary } of this.staged) pending.delete(temporary);
    if (this.swap !== null) {
      await rmdir(this.swap.staging).catch(() => undefined);
      pending.delete(this.swap.staging);
    }
    if (this.created && this.dir !== null) await rmdir(this.dir).catch(() => undefined);
  }

  private async stage(
    into: string,
    name: string,
    content: Buffer | string,
    failpoints: boolean,
    final = join(into, name),
  ) {
    const temporary = join(into, this.swap !== null && into === this.swap.staging ? name : temporaryName(name));
    pending.add(temporary);
    this.staged.push({ temporary, final });
    if (failpoints) await failpoint('write', this.staged.length);
    await writeFile(temporary, content, { flag: 'wx' });
  }

  /** The draw's own files: into a new or empty directory, or into a sibling that will be swapped with a draw it replaces. */
  async stageDrawDirectory(
    dir: string,
    drawFiles: ReadonlyMap<string, Buffer | string>,
    force: boolean,
    inputs: readonly string[],
    intoDraw: readonly OtherOutput[],
  ): Promise<void> {
    const state = await checkOutputDirectory(
      dir,
      force,
      inputs,
      intoDraw.map((other) => other.name),
    );
    try {
      for (const leftover of state.leftovers) await unlink(leftover).catch(() => undefined);
      if (state.kind === 'draw') {
        const parent = dirname(state.path);
        const name = basename(state.path);
        this.swap = {
          staging: join(parent, temporaryName(`new.${name}`)),
          backup: join(parent, temporaryName(`old.${name}`)),
          path: state.path,
          mode: (await stat(state.path)).mode & 0o7777,
        };
        await mkdir(this.swap.staging);
        pending.add(this.swap.staging);
        await chmod(this.swap.staging, this.swap.mode).catch(() => undefined);
        for (const [name, content] of drawFiles)
          await this.stage(this.swap.staging, name, content, true, join(state.path, name));
      } else {
        if (state.kind === 'missing') {
          await mkdir(state.path);
          this.created = true;
        }
        for (const [name, content] of drawFiles) await this.stage(state.path, name, content, true);
      }
    } catch (error) {
      await this.discard();
      if (error instanceof SpotcheckError) throw error;
      throw new SpotcheckError('OUTPUT', msg('io.output.cannotWriteFiles', { reason: why(error) }), {
        file: dir,
        hint: msg('io.output.cannotWriteFilesHint'),
      });
    }
  }

  /** An output written outside the draw directory (a notice elsewhere). */
  async stageApart(other: OtherOutput, inputs: readonly string[]): Promise<void> {
    try {
      await checkOutputFile(join(other.dir, other.name), inputs);
      await this.stage(other.dir, other.name, other.content, false);
    } catch (error) {
      await this.discard();
      if (error instanceof SpotcheckError) throw error;
      throw new SpotcheckError('OUTPUT', msg('io.output.cannotWriteFile', { name: other.name, reason: why(error) }), {
        file: join(other.dir, other.name),
      });
    }
  }

  /** Puts everything in place: the swap of a replaced draw directory, then each staged file; undone on failure. */
  async place(): Promise<void> {
    const current = this.swap;
    const placed: string[] = [];
    await failpoint('rename', this.staged.length);
    let swapped = false;
    try {
      if (current !== null) {
        // The two renames back to back: the directory is the old draw, then the new one.
        renameSync(current.path, current.backup);
        undo.push([current.backup, current.path]);
        await failpoint('between-renames', this.staged.length);
        renameSync(current.staging, current.path);
        undo.length = 0;
        swapped = true;
        pending.delete(current.staging);
        for (const entry of this.staged) if (dirname(entry.final) === current.path) pending.delete(entry.temporary);
      }
      for (const { temporary, final } of this.staged) {
        if (current !== null && dirname(final) === current.path) continue;
        await rename(temporary, final);
        pending.delete(temporary);
        placed.push(final);
      }
    } catch (error) {
      await this.undoPlacing(placed, swapped);
      throw Object.assign(new Error(why(error)), { code: (error as NodeJS.ErrnoException).code });
    }
    if (current !== null) await removeBackup(current.backup, this.staged.length);
  }

  /** After a failure in place(): the files placed removed, the old draw directory back, the temporaries removed. */
  private async undoPlacing(placed: readonly string[], swapped: boolean): Promise<void> {
    const current = this.swap;
    await Promise.all(placed.map((path) => rm(path, { force: true })));
    if (current !== null && undo.length > 0) {
      // The old draw moved aside and the new one not in place: put the old one back.
      undo.length = 0;
      await rename(current.backup, current.path).catch(() => undefined);
    } else if (current !== null && swapped) {
      // The new draw is in place but another output could not be: put the old draw back.
      await rename(current.path, current.staging).catch(() => undefined);
      await rename(current.backup, current.path).catch(() => undefined);
      pending.add(current.staging);
      await rm(current.staging, { recursive: true, force: true });
      pending.delete(current.staging);
    }
    await this.discard();
  }
}

/** The replaced draw's files, then its directory (anything else in it is left where it is). */
async function removeBackup(backup: string, stagedCount: number): Promise<void> {
  await failpoint('before-cleanup', stagedCount);
  for (const entry of await readdir(backup, { withFileTypes: true }).catch(() => []))
    if (entry.isFile() || entry.isSymbolicLink()) await unlink(join(backup, entry.name)).catch(() => undefined);
  await rmdir(backup).catch(() => undefined);
}

/** Writes one more file into an output directory already written: temporary file, then rename. */
export async function writeOutputFile(dir: string, name: string, content: Buffer | string): Promise<void> {
  try {
    await stageAndRename(dir, [[name, content]]);
  } catch (error) {
    throw new SpotcheckError('OUTPUT', msg('io.output.cannotWriteFile', { name, reason: why(error) }), {
      file: join(dir, name),
    });
  }
}
