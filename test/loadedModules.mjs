/**
 * Preloaded with `node --import` by test/repo/startup.test.ts: writes to the file named by
 * SPOTCHECK_LOADED_LOG every module the process loads, one a line: "esm URL" for each module the ES
 * module loader loads (from a loader hook, on the hooks thread), then at exit "cjs PATH" for each in
 * the CommonJS cache (what require() loaded, src/io/packages.ts's packages among them).
 */
import { appendFileSync } from 'node:fs';
import { createRequire, register } from 'node:module';
import { isMainThread } from 'node:worker_threads';

const log = process.env.SPOTCHECK_LOADED_LOG;

/** The loader hook (run on the hooks thread): notes each module the ES module loader loads. */
export async function load(url, context, nextLoad) {
  if (log !== undefined) appendFileSync(log, `esm ${url}\n`);
  return nextLoad(url, context);
}

if (isMainThread && log !== undefined) {
  register(import.meta.url);
  const cache = createRequire(import.meta.url).cache;
  process.on('exit', () => appendFileSync(log, Object.keys(cache).map((path) => `cjs ${path}\n`).join('')));
}
