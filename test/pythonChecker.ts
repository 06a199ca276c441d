/**
 * docs/check_draw.py as `python3 docs/check_draw.py ...args` runs it, but many runs in one python3
 * process per test file (test/pythonChecker.py executes the script afresh for each): a python3 start
 * costs more CPU than most checks. Stopped after each test file (test/setup.ts).
 */
import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { CliResult } from './helpers.js';

const ROOT = join(import.meta.dirname, '..');

/** Whether python3 is on PATH (tests of the checker are skipped without it). */
export const pythonOnPath = (): boolean => spawnSync('python3', ['--version']).status === 0;

interface Pending {
  resolve(result: CliResult): void;
  reject(error: Error): void;
}

let server: { child: ChildProcessWithoutNullStreams; pending: Pending[]; stderr: string[] } | null = null;

function start(): NonNullable<typeof server> {
  const child = spawn('python3', [join(ROOT, 'test', 'pythonChecker.py')], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  const started = { child, pending: [] as Pending[], stderr: [] as string[] };
  child.stderr.setEncoding('utf8').on('data', (text: string) => started.stderr.push(text));
  createInterface({ input: child.stdout }).on('line', (line) => {
    const answer = JSON.parse(line) as { status: number; stdout: string; stderr: string };
    started.pending.shift()?.resolve({
      status: answer.status,
      stdout: Buffer.from(answer.stdout, 'base64').toString('utf8'),
      stderr: Buffer.from(answer.stderr, 'base64').toString('utf8'),
    });
  });
  child.on('close', (code, signal) => {
    const error = new Error(`test/pythonChecker.py ended (${code ?? signal}): ${started.stderr.join('')}`);
    for (const waiting of started.pending.splice(0)) waiting.reject(error);
    if (server === started) server = null;
  });
  return started;
}

/** The status, stdout and stderr of `python3 docs/check_draw.py ...args` run in `cwd` (the repository by default). */
export function checkDraw(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  server ??= start();
  const { child, pending } = server;
  return new Promise((resolve, reject) => {
    pending.push({ resolve, reject });
    child.stdin.write(`${JSON.stringify({ args, cwd })}\n`);
  });
}

/**
 * Ends the python3 process of this test file, if one was started, and waits for it: so that it is
 * reaped by this process (and its CPU time counted with the test run's).
 */
export async function stopPythonChecker(): Promise<void> {
  if (server === null) return;
  const { child } = server;
  server = null;
  if (child.exitCode !== null || child.signalCode !== null) return;
  await new Promise((resolve) => {
    child.once('close', resolve);
    child.stdin.end();
  });
}
