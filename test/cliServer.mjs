/**
 * One node process that runs the built CLI (dist/main.js run()) once per message from its parent, as
 * `node bin/spotcheck ...args` would run: stdout and stderr captured, the working directory given, and
 * answers { status, stdout, stderr, seconds }. test/cliProcess.ts starts it (for the xlsx bombs, with the
 * binary's small heap, so that a memory blow-up still crashes); why one process for many
 * runs: a node start that loads dist/ costs more CPU than most runs (the xlsx bombs were 25 starts).
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { format } from 'node:util';

const { run } = await import(pathToFileURL(join(import.meta.dirname, '..', 'dist', 'main.js')).href);

/** Swaps `key` of `target` for `value`, and returns how to put it back. */
function swap(target, key, value) {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, { value, writable: true, configurable: true, enumerable: true });
  return () => (own === undefined ? Reflect.deleteProperty(target, key) : Object.defineProperty(target, key, own));
}

/** A stream `write` that keeps the bytes instead of writing them. */
const capture = (chunks) => (chunk, encoding, callback) => {
  chunks.push(
    typeof chunk === 'string'
      ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8')
      : Buffer.from(chunk),
  );
  const done = typeof encoding === 'function' ? encoding : callback;
  if (done) process.nextTick(done);
  return true;
};

process.on('message', async ({ args, cwd }) => {
  const stdout = [];
  const stderr = [];
  const restore = [swap(process.stdout, 'write', capture(stdout)), swap(process.stderr, 'write', capture(stderr))];
  const print =
    (chunks) =>
    (...data) =>
      void chunks.push(Buffer.from(`${format(...data)}\n`));
  for (const name of ['log', 'info', 'debug']) restore.push(swap(console, name, print(stdout)));
  for (const name of ['error', 'warn', 'trace']) restore.push(swap(console, name, print(stderr)));
  process.chdir(cwd);
  process.exitCode = undefined;
  const started = process.hrtime.bigint();
  let status;
  try {
    status = await run(args);
  } finally {
    for (const undo of restore.reverse()) undo();
    process.exitCode = undefined;
  }
  process.send({
    status,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  });
});
process.on('disconnect', () => process.exit(0));
