/**
 * Test helpers: run the built CLI (in this process, or spawned where a real process is needed), make
 * temporary directories (removed after the test file) and small registries.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { format } from 'node:util';
import { pathToFileURL } from 'node:url';

export const ROOT = resolve(import.meta.dirname, '..');
/** A line of a JavaScript stack trace: never shown for a user's mistake. */
export const STACK = /^\s+at /m;
export const DEMO = join(ROOT, 'fixtures', 'demo-registry.csv');
const BIN = join(ROOT, 'bin', 'spotcheck');
const MAIN = pathToFileURL(join(ROOT, 'dist', 'main.js')).href;

export interface CliResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

interface CliOptions {
  cwd?: string;
  env?: Record<string, string>;
}

// English unless a test asks otherwise, whatever the machine's locale; colour off.
const DEFAULT_ENV: Readonly<Record<string, string>> = {
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  LANG: 'C.UTF-8',
  LC_ALL: '',
  LC_MESSAGES: '',
};

/**
 * Runs `node bin/spotcheck ...args` (the built binary) as a real process with colour off: for what
 * needs one (signals, EPIPE, stdin, the binary's exit code, timing, NODE_OPTIONS, racing processes).
 */
export function spawnCli(args: readonly string[], options: CliOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    env: { ...process.env, ...DEFAULT_ENV, ...options.env },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

type Run = (argv: readonly string[]) => Promise<number>;
let loaded: Promise<Run> | null = null;
let running = false;

/** Swaps `key` of `target` for `value` (an own property), and returns how to put it back. */
function swap(target: object, key: PropertyKey, value: unknown): () => void {
  const own = Object.getOwnPropertyDescriptor(target, key);
  Object.defineProperty(target, key, {
    value,
    writable: true,
    configurable: true,
    enumerable: own?.enumerable ?? true,
  });
  return () => {
    if (own === undefined) Reflect.deleteProperty(target, key);
    else Object.defineProperty(target, key, own);
  };
}

/** A stream `write` that keeps the bytes (a string in its encoding, else bytes) instead of writing them. */
function capture(chunks: Buffer[]) {
  return (
    chunk: string | Uint8Array,
    encoding?: BufferEncoding | ((error?: Error | null) => void),
    callback?: (error?: Error | null) => void,
  ): boolean => {
    chunks.push(
      typeof chunk === 'string'
        ? Buffer.from(chunk, typeof encoding === 'string' ? encoding : 'utf8')
        : Buffer.from(chunk),
    );
    const done = typeof encoding === 'function' ? encoding : callback;
    if (done) process.nextTick(done);
    return true;
  };
}

/**
 * Runs the built CLI (dist/main.js `run`) in this process, as `node bin/spotcheck ...args` would with
 * colour off: stdout and stderr captured (stream writes and console.*), options.env over the
 * environment and options.cwd as working directory for the run, both restored after, exit code
 * from run(). The streams are not terminals (as the spawned binary's pipes are not).
 */
export async function cli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  if (running) throw new Error('cli(): runs in-process one at a time (use spawnCli for concurrent runs)');
  loaded ??= import(MAIN).then((module: { run: Run }) => module.run);
  const run = await loaded;
  running = true;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const restore: Array<() => void> = [];
  const cwd = process.cwd();
  const env = { ...DEFAULT_ENV, ...options.env };
  const previousEnv = Object.fromEntries(Object.keys(env).map((key) => [key, process.env[key]]));
  let status: number;
  try {
    for (const [key, value] of Object.entries(env)) process.env[key] = value;
    process.chdir(options.cwd ?? ROOT);
    process.exitCode = undefined;
    restore.push(swap(process.stdout, 'write', capture(stdout)), swap(process.stderr, 'write', capture(stderr)));
    for (const stream of [process.stdout, process.stderr])
      restore.push(swap(stream, 'isTTY', false), swap(stream, 'columns', undefined));
    const print =
      (chunks: Buffer[]) =>
      (...data: unknown[]) =>
        void chunks.push(Buffer.from(`${format(...data)}\n`));
    for (const name of ['log', 'info', 'debug'] as const) restore.push(swap(console, name, print(stdout)));
    for (const name of ['error', 'warn', 'trace'] as const) restore.push(swap(console, name, print(stderr)));
    status = await run(args);
  } finally {
    for (const undo of restore.reverse()) undo();
    process.exitCode = undefined;
    process.chdir(cwd);
    for (const [key, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    running = false;
  }
  return { status, stdout: Buffer.concat(stdout).toString('utf8'), stderr: Buffer.concat(stderr).toString('utf8') };
}

/** The Chinese characters (汉字) of a text, in order. */
export function hanCharacters(text: string): string[] {
  return text.match(/\p{Script=Han}/gu) ?? [];
}

/** Temporary directories made by this test file, removed after it (test/setup.ts). */
const temporary: string[] = [];

/** A new temporary directory, removed with everything in it after the test file. */
export function tempDir(prefix = 'spotcheck-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temporary.push(dir);
  return dir;
}

/** Removes the temporary directories made so far (called after each test file). */
export function removeTempDirs(): void {
  for (const dir of temporary.splice(0)) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}

/** Writes rows as CSV (no quoting needed for the simple test values) and returns the path. */
export function writeCsv(
  dir: string,
  name: string,
  rows: readonly (readonly string[])[],
  options: { bom?: boolean; crlf?: boolean } = {},
): string {
  const newline = options.crlf ? '\r\n' : '\n';
  const path = join(dir, name);
  writeFileSync(path, (options.bom ? '\ufeff' : '') + rows.map((row) => row.join(',')).join(newline) + newline);
  return path;
}

/** The header of the national system's person-level export, written out here rather than taken from the generator. */
export const NATIONAL_HEADER = [
  '行政县',
  '乡镇',
  '行政村',
  '自然村',
  '户编号',
  '人编号',
  '姓名',
  '证件号码',
  '人数',
  '与户主关系',
  '脱贫属性',
  '脱贫年度',
  '贫困户属性',
  '是否贫困村',
];
