/**
 * What a run keeps in module state (draws found to reproduce, files to remove on interrupt, a
 * plan's reveal_ids) is cleared before each run, so that run() can be called again in one process
 * (the tests call it in-process) and behave as in a fresh one. A module with such state registers
 * its reset here when it loads: src/main.ts clears them all without importing them, and a module a
 * run never loaded has nothing to clear (start-up, issue 16: the help loads none of them).
 */
const resets: (() => void)[] = [];

/** Registers a module's reset, to run before each run(). */
export function resetBeforeEachRun(reset: () => void): void {
  resets.push(reset);
}

/** Runs every registered reset (src/main.ts, at the start of each run()). */
export function resetModuleState(): void {
  for (const reset of resets) reset();
}

const cleanUps: (() => void)[] = [];

/** Registers what a module removes at the end of each run(), whether it succeeded or failed (temporary files). */
export function cleanUpAfterEachRun(cleanUp: () => void): void {
  cleanUps.push(cleanUp);
}

/** Runs every registered clean-up (src/main.ts, at the end of each run()). */
export function cleanUpModuleState(): void {
  for (const cleanUp of cleanUps) cleanUp();
}
