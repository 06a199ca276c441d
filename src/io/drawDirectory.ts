/**
 * What --out may replace, and spotcheck's own temporary names (README, "What --force may replace").
 *
 * - A temporary file or directory of spotcheck is named ".spotcheck-PID-RANDOM.LABEL.tmp" and is
 *   swept only when process PID is gone; any other name (".thesis.2024.tmp") is the user's.
 * - --force replaces only a directory holding a spotcheck draw (a manifest.json that parses as a
 *   spotcheck manifest), and only when everything in it is a file that draw wrote (its manifest's
 *   outputs, manifest.json, its commitment copy, the check workbook) or a file this run writes by
 *   name; never when an input of the run (registry, tables, excluded draws, ledger, plan,
 *   commitment) is one of those files (by real path or device and inode) or lies inside it.
 * - "/", the home directory and the current directory are refused unless they hold a draw.
 * - A draw directory is replaced as a whole: the new draw is written into a sibling
 *   ".spotcheck-PID-RANDOM.new.NAME.tmp", the old one renamed to ".spotcheck-PID-RANDOM.old.NAME.tmp",
 *   the new one renamed into place and the old one removed. A run killed between the two renames
 *   leaves both siblings and no NAME: the next run into NAME completes the swap before anything else.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { lstat, readdir, readFile, realpath, rename, rmdir, stat, unlink } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';

/** ".spotcheck-PID-RANDOM.LABEL.tmp": a temporary file or directory of spotcheck process PID. */
const TEMPORARY = /^\.spotcheck-([1-9][0-9]{0,9})-[0-9a-f]{16}\.(.+)\.tmp$/;

/** A new temporary name of this process for `label` (a file name, or "new.NAME"/"old.NAME"). */
export function temporaryName(label: string): string {
  return `.spotcheck-${process.pid}-${randomBytes(8).toString('hex')}.${label}.tmp`;
}

/** The process that owns a temporary name of spotcheck, or null for any other name. */
export function temporaryOwner(name: string): number | null {
  const match = TEMPORARY.exec(name);
  return match ? Number(match[1]) : null;
}

/** Whether process `pid` still runs (a live draw's temporaries are never touched). */
function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // Where the system says what a process runs (Linux), a PID reused by another program is not a draw.
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('spotcheck');
  } catch {
    return true;
  }
}

/** A manifest larger than this is not read to decide what a directory holds. */
const MANIFEST_LIMIT = 64 * 1024 * 1024;
const WORKBOOK = 'check-workbook.xlsx';

const plainName = (name: unknown): name is string =>
  typeof name === 'string' && name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);

/**
 * The names of the files the draw in `dir` wrote, as its manifest lists them; null when `dir` has
 * no manifest.json, "invalid" when it has one that is not a spotcheck manifest.
 */
async function drawFileNames(dir: string): Promise<Set<string> | null | 'invalid'> {
  const path = join(dir, 'manifest.json');
  const info = await lstat(path).catch(() => null);
  if (info === null) return null;
  if (!info.isFile() || info.size > MANIFEST_LIMIT) return 'invalid';
  let manifest: Record<string, unknown>;
  try {
    manifest = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  } catch {
    return 'invalid';
  }
  if (manifest === null || typeof manifest !== 'object' || Array.isArray(manifest)) return 'invalid';
  const tool = manifest.tool as Record<string, unknown> | null | undefined;
  const outputs = manifest.outputs;
  if (
    typeof manifest.format !== 'string' ||
    !manifest.format.startsWith('spotcheck-manifest-') ||
    tool?.name !== 'spotcheck' ||
    outputs === null ||
    typeof outputs !== 'object' ||
    Array.isArray(outputs)
  ) {
    return 'invalid';
  }
  const names = new Set<string>(['manifest.json', WORKBOOK]);
  for (const name of Object.keys(outputs)) if (plainName(name)) names.add(name);
  const commitment = (manifest.commitment as Record<string, unknown> | undefined)?.path;
  if (plainName(commitment)) names.add(commitment);
  return names;
}

/** Real path of `path`, or of its parent joined with its name when it does not exist (yet). */
async function realOrResolved(path: string): Promise<string> {
  const full = resolve(path);
  return (
    (await realpath(full).catch(() => null)) ??
    join((await realpath(dirname(full)).catch(() => null)) ?? dirname(full), basename(full))
  );
}

const inside = (path: string, dir: string): boolean =>
  path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);

const identity = async (path: string): Promise<string | null> => {
  const info = await stat(path).catch(() => null);
  return info?.isFile() ? `${info.dev}:${info.ino}` : null;
};

/** Refuses when an input of the run is `dir` or lies in it, or is (a link to) one of the files `names` in it. */
async function checkNoInputInside(
  dir: string,
  names: Iterable<string>,
  inputs: readonly string[],
  given: string,
): Promise<void> {
  const identities = new Set<string>();
  for (const name of names) {
    const id = await identity(join(dir, name));
    if (id !== null) identities.add(id);
  }
  for (const input of inputs) {
    const real = await realOrResolved(input);
    const id = await identity(input);
    if (inside(real, dir) || (id !== null && identities.has(id))) {
      throw new SpotcheckError('OUTPUT', msg('safety.out.inputInside', { input }), {
        file: given,
        hint: msg('safety.out.inputInsideHint'),
      });
    }
  }
}

/** Refuses a single output file (--notice) that is an input of the run. */
export async function checkNotAnInput(file: string, inputs: readonly string[]): Promise<void> {
  const real = await realOrResolved(file);
  const id = await identity(file);
  for (const input of inputs) {
    if ((await realOrResolved(input)) === real || (id !== null && (await identity(input)) === id)) {
      throw new SpotcheckError('OUTPUT', msg('safety.file.isInput', { input }), {
        file,
        hint: msg('safety.file.isInputHint'),
      });
    }
  }
}

/** Removes a temporary directory of spotcheck: its files (one level), then itself; left as it is if anything else is in it. */
async function removeTemporaryDirectory(path: string): Promise<void> {
  for (const entry of await readdir(path, { withFileTypes: true }).catch(() => []))
    if (entry.isFile()) await unlink(join(path, entry.name)).catch(() => undefined);
  await rmdir(path).catch(() => undefined);
}

/**
 * Sweeps what killed runs left beside `target` (its ".new"/".old" siblings whose process is gone),
 * first completing a swap that was cut between its two renames, so that `target` holds a whole draw.
 */
async function sweepSiblings(target: string): Promise<void> {
  const parent = dirname(target);
  const name = basename(target);
  const runs = new Map<string, { old?: string; new?: string }>();
  for (const entry of await readdir(parent).catch(() => [] as string[])) {
    const match = TEMPORARY.exec(entry);
    if (!match) continue;
    const role = match[2]!.startsWith(`old.`) ? 'old' : match[2]!.startsWith(`new.`) ? 'new' : null;
    if (role === null || match[2]!.slice(4) !== name) continue;
    // Another live draw is replacing the same directory: its files are never touched.
    if (processAlive(Number(match[1])))
      throw new SpotcheckError('OUTPUT', msg('safety.out.busy', { pid: Number(match[1]) }), {
        file: target,
        hint: msg('safety.out.busyHint'),
      });
    // One run's pair: the same process (a process replaces one directory at a time).
    const key = match[1]!;
    runs.set(key, { ...runs.get(key), [role]: join(parent, entry) });
  }
  for (const run of runs.values()) {
    const present = await lstat(target).then(
      () => true,
      () => false,
    );
    if (!present && run.old !== undefined) {
      // Cut between the renames: the new draw is whole (it was staged before the old one moved).
      if (run.new !== undefined && (await drawFileNames(run.new)) instanceof Set) {
        await rename(run.new, target);
        run.new = undefined;
      } else {
        await rename(run.old, target);
        run.old = undefined;
      }
    }
    if (run.old !== undefined) await removeTemporaryDirectory(run.old);
    if (run.new !== undefined) await removeTemporaryDirectory(run.new);
  }
}

export interface OutputState {
  /** "missing": to be created; "empty": exists and holds nothing of anyone's; "draw": holds a draw that --force replaces. */
  readonly kind: 'missing' | 'empty' | 'draw';
  /** The directory's real path (resolved when missing). */
  readonly path: string;
  /** Spotcheck temporaries of processes that are gone, in the directory: to be removed. */
  readonly leftovers: readonly string[];
}

/** At most this many names are quoted in a message. */
const QUOTED = 5;
const quoteNames = (names: readonly string[]): string =>
  names
    .slice(0, QUOTED)
    .map((name) => JSON.stringify(name.length > 60 ? `${name.slice(0, 60)}…` : name))
    .join(', ') + (names.length > QUOTED ? ', …' : '');

/**
 * Decides what writing a draw into `dir` may do, and refuses anything else (exit 2): `alsoWriting`
 * are the names this run writes into it besides the draw's files (a notice), `inputs` the run's inputs.
 */
export async function inspectOutput(
  dir: string,
  force: boolean,
  inputs: readonly string[],
  alsoWriting: readonly string[],
): Promise<OutputState> {
  const path = await realOrResolved(dir);
  await sweepSiblings(path);
  const info = await lstat(path).catch(() => null);
  if (info === null) return { kind: 'missing', path, leftovers: [] };
  if (!info.isDirectory())
    throw new SpotcheckError('OUTPUT', msg('io.output.notDirectory'), {
      file: dir,
      hint: msg('io.output.notDirectoryHint'),
    });
  const entries = await readdir(path);
  const leftovers: string[] = [];
  const others: string[] = [];
  for (const entry of entries) {
    const owner = temporaryOwner(entry);
    if (owner === null) others.push(entry);
    else if (processAlive(owner))
      throw new SpotcheckError('OUTPUT', msg('safety.out.busy', { pid: owner }), {
        file: dir,
        hint: msg('safety.out.busyHint'),
      });
    else leftovers.push(join(path, entry));
  }
  const draw = others.length === 0 ? null : await drawFileNames(path);
  const special =
    path === sep || path === (await realOrResolved(process.env.HOME || homedir()))
      ? path === sep
        ? 'root'
        : 'home'
      : path === (await realOrResolved(process.cwd()))
        ? 'cwd'
        : null;
  if (special !== null && !(draw instanceof Set)) {
    const what =
      special === 'root' ? t('safety.what.root') : special === 'home' ? t('safety.what.home') : t('safety.what.cwd');
    throw new SpotcheckError('OUTPUT', msg('safety.out.special', { what }), {
      file: dir,
      hint: msg('safety.out.specialHint'),
    });
  }
  if (others.length === 0) return { kind: 'empty', path, leftovers };
  if (!force)
    throw new SpotcheckError('OUTPUT', msg('io.output.notEmpty', { entries: others.length }), {
      file: dir,
      hint: msg('io.output.notEmptyHint'),
    });
  if (!(draw instanceof Set)) {
    const reason = draw === null ? t('safety.reason.noManifest') : t('safety.reason.notManifest');
    throw new SpotcheckError(
      'OUTPUT',
      msg('safety.out.noDraw', { entries: others.length, reason, names: quoteNames([...others].sort()) }),
      { file: dir, hint: msg('safety.out.noDrawHint') },
    );
  }
  const foreign = others.filter((entry) => !draw.has(entry) && !alsoWriting.includes(entry)).sort();
  if (foreign.length > 0)
    throw new SpotcheckError(
      'OUTPUT',
      msg('safety.out.foreign', { entries: foreign.length, names: quoteNames(foreign) }),
      { file: dir, hint: msg('safety.out.foreignHint') },
    );
  await checkNoInputInside(path, others, inputs, dir);
  return { kind: 'draw', path, leftovers };
}
