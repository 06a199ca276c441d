/**
 * Private temporary directories for what pass 1 spills to disk (KeyHashes past its memory budget,
 * src/io/householdChecks.ts): made under os.tmpdir() with mode 0700 (files in them 0600), and removed
 * when their owner lets them go, at the end of every run (src/main.ts, on success and on error) and
 * on SIGINT/SIGTERM or an early process.exit (with the other temporaries, src/io/output.ts). One left by a SIGKILL holds only
 * salted hashes that cannot be matched to a 人编号 without the salt, which never left memory.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { msg } from '../i18n.js';
import { cleanUpAfterEachRun } from '../runState.js';
import { why, keepOnInterrupt, removeOnInterrupt } from './output.js';

/** The directories made by this run and not yet removed. */
const live = new Set<string>();

/** A new private directory for spilled data (removed on interrupt and at the end of the run). */
export function makeSpillDirectory(): string {
  const parent = tmpdir();
  let dir: string;
  try {
    // mkdtemp makes the directory 0700: only this user can list or read what is spilled there.
    dir = mkdtempSync(join(parent, 'spotcheck-spill-'));
  } catch (error) {
    throw spillError(parent, error);
  }
  live.add(dir);
  removeOnInterrupt(dir);
  return dir;
}

/** Removes a spill directory and everything in it (nothing if it is gone already). */
export function removeSpillDirectory(dir: string): void {
  rmSync(dir, { force: true, recursive: true });
  live.delete(dir);
  keepOnInterrupt(dir);
}

/** The error of a spill directory that could not be made, written or read. */
export function spillError(dir: string, error: unknown): SpotcheckError {
  return new SpotcheckError('OUTPUT', msg('io.spill.failed', { dir, reason: why(error) }), {
    file: dir,
    hint: msg('io.spill.failedHint'),
  });
}

cleanUpAfterEachRun(() => {
  for (const dir of [...live]) {
    try {
      removeSpillDirectory(dir);
    } catch {
      // The run's outcome stands: a directory that cannot be removed holds only salted hashes.
    }
  }
});
