/** What `spotcheck verify` does when it runs (loaded by ./index.ts's action only): re-draws from the manifest, compares and prints the checks. */
import { open, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import type { Manifest } from '../../core/manifest.js';
import { recordedPath } from '../../io/recordedPath.js';
import { hashFile } from '../../io/registry.js';
import { readManifest } from '../../io/manifest.js';
import { setDrawVerifier } from '../../io/drawVerifier.js';
import { exclusionRecordCheck } from '../../io/exclusionRecord.js';
import { styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import type { VerifyCheck } from './check.js';
import {
  exclusionChecks,
  expectCheck,
  foreignFileChecks,
  manifestFieldChecks,
  outputChecks,
  recordedFileChecks,
  redrawnDivisionsCheck,
  registryChecks,
  seedCheck,
} from './checks.js';
import { commitmentChecks } from './commitment.js';
import { evaluationOptionsFromManifest, fundsOptionsFromManifest, monthlyOptionsFromManifest } from './readBack.js';
import { VERIFY_OPTIONS } from './spec.js';

/** The manifest named: the file itself, or manifest.json in the directory named. */
async function manifestFile(manifestOrDirectory: string): Promise<string> {
  return (await stat(manifestOrDirectory).then(
    (info) => info.isDirectory(),
    () => false,
  ))
    ? join(manifestOrDirectory, 'manifest.json')
    : manifestOrDirectory;
}

/**
 * refuseNotAManifest: what verify was given, when it is plainly not a draw (a registry CSV, a
 * workbook, a folder without manifest.json), is refused as such with the usage, before the
 * manifest reader would quote a JSON parser's complaint about its first bytes.
 */
async function refuseNotAManifest(manifestOrDirectory: string): Promise<void> {
  const path = await manifestFile(manifestOrDirectory);
  const usage = { hint: msg('cmd.verify.usage') };
  const info = await stat(path).catch((error: NodeJS.ErrnoException) => error.code ?? 'error');
  if (info === 'ENOENT' && path !== manifestOrDirectory)
    throw new SpotcheckError('USAGE', msg('cmd.verify.notDrawFolder'), { file: manifestOrDirectory, ...usage });
  // Anything but a regular file (missing, a device, a FIFO): the manifest reader says why it cannot be read.
  if (typeof info === 'string' || !info.isFile()) return;
  const head = Buffer.alloc(64);
  let length: number;
  try {
    const file = await open(path, 'r');
    try {
      length = (await file.read(head, 0, head.length, 0)).bytesRead;
    } finally {
      await file.close();
    }
  } catch {
    return;
  }
  const start = head
    .subarray(0, length)
    .toString('utf8')
    .replace(/^\ufeff/, '')
    .trimStart();
  if (start !== '' && !start.startsWith('{'))
    throw new SpotcheckError('USAGE', msg('cmd.verify.notManifest'), { file: manifestOrDirectory, ...usage });
}

/**
 * The registry files of the re-draw, in the order of the recorded inputs: the recorded paths, or
 * the files given with --registry matched to the recorded inputs by SHA-256, whatever their order.
 */
async function registryPaths(manifest: Manifest, registryOverride: readonly string[], base: string): Promise<string[]> {
  if (registryOverride.length === 0) return manifest.inputs.map((input) => recordedPath(base, input.path, 'inputs'));
  const given = await Promise.all(registryOverride.map(async (path) => ({ path, ...(await hashFile(path)) })));
  const unused = new Set(given);
  return manifest.inputs.map((input, index) => {
    const match =
      given.find((file) => unused.has(file) && file.sha256 === input.sha256) ??
      given.find((file, position) => unused.has(file) && position === index) ??
      [...unused][0]!;
    unused.delete(match);
    return match.path;
  });
}

/** The draw made again from its manifest's read-back options, by the command that made it (whose run code is loaded then). */
async function redraw(
  manifest: Manifest,
  registries: readonly string[],
  divisions: string | null,
  base: string,
  manifestPath: string,
) {
  if (manifest.command === 'funds') {
    const { runFunds } = await import('../funds/run.js');
    return runFunds(fundsOptionsFromManifest(manifest, registries, divisions, manifestPath), base);
  }
  if (manifest.command === 'evaluate') {
    const { runEvaluation } = await import('../evaluate/run.js');
    const roleOf = (index: number) => manifest.inputs[index]!.role ?? 'registry';
    return runEvaluation(
      evaluationOptionsFromManifest(
        manifest,
        registries.filter((_, index) => roleOf(index) === 'registry'),
        registries.filter((_, index) => roleOf(index) === 'nonpoor'),
        divisions,
        manifest.county_attributes ? recordedPath(base, manifest.county_attributes.path, 'county_attributes') : null,
        manifestPath,
      ),
      base,
    );
  }
  const { runMonthly } = await import('../monthly/run.js');
  return runMonthly(monthlyOptionsFromManifest(manifest, registries, divisions, manifestPath), base);
}

/**
 * The re-draw, or a failed check when the draw's own command refuses the recorded parameters (a
 * usage error: e.g. a `min_per_stratum` without the `merge_strata` it needs). The inputs were
 * checked first, so a genuine manifest always re-draws: a refusal means the recorded parameters
 * are not those of the draw (changed and sealed again, or written by hand), which verify reports
 * as a difference, not as a usage error of the command.
 */
async function redrawOrRefusal(
  ...args: Parameters<typeof redraw>
): Promise<Awaited<ReturnType<typeof redraw>> | { readonly refused: VerifyCheck }> {
  try {
    return await redraw(...args);
  } catch (error) {
    if (!(error instanceof SpotcheckError) || error.code !== 'USAGE') throw error;
    return {
      refused: {
        check: t('cmd.verify.check.field', { field: 'parameters' }),
        ok: false,
        detail: t('cmd.verify.detail.redrawRefused', { problem: error.describe().replace(/\n\s*/g, '; ') }),
      },
    };
  }
}

/**
 * Verifies a draw: `expect` is the manifest hash published (--expect, parsed by parseExpectedHash);
 * `report` receives the manifest's hash, for --json. The checks of the inputs come first; if one
 * fails, or a recorded table changed, there is no re-draw. Then the re-drawn manifest and files.
 */
async function verifyManifest(
  manifestOrDirectory: string,
  registryOverride: readonly string[],
  divisionsOverride: string | null,
  expect: string | null = null,
  report: { manifestSha256?: string } = {},
  exclusionsFrom: readonly string[] = [],
  visited: ReadonlySet<string> = new Set(),
): Promise<VerifyCheck[]> {
  const manifestPath = await manifestFile(manifestOrDirectory);
  const manifest = await readManifest(manifestPath);
  report.manifestSha256 = manifest.manifest_sha256;
  const base = dirname(resolve(manifestPath));
  if (registryOverride.length > 0 && registryOverride.length !== manifest.inputs.length) {
    throw new SpotcheckError(
      'USAGE',
      msg('cmd.verify.registryCount', { recorded: manifest.inputs.length, got: registryOverride.length }),
    );
  }
  const checks: VerifyCheck[] = expect === null ? [] : [expectCheck(manifest, expect)];
  const registries = await registryPaths(manifest, registryOverride, base);
  checks.push(...(await registryChecks(manifest, registries, registryOverride.length > 0)));
  checks.push(seedCheck(manifest));
  const ours = { paths: registries, sha256s: manifest.inputs.map((input) => input.sha256) };
  checks.push(
    ...(await exclusionChecks(
      manifest,
      base,
      exclusionsFrom,
      ours,
      new Set([...visited, manifest.manifest_sha256 ?? '']),
    )),
  );
  checks.push(...commitmentChecks(manifest, manifestPath));
  if (checks.some((check) => !check.ok)) return checks;

  const divisions =
    divisionsOverride ??
    (manifest.divisions.path === null ? null : recordedPath(base, manifest.divisions.path, 'divisions'));
  checks.push(...(await recordedFileChecks(manifest, base, divisionsOverride === null ? divisions : null)));
  if (checks.some((check) => !check.ok)) return checks;

  const run = await redrawOrRefusal(manifest, registries, divisions, base, manifestPath);
  if ('refused' in run) return [...checks, run.refused];
  checks.push(...redrawnDivisionsCheck(manifest, run.manifest));
  checks.push(
    ...manifestFieldChecks(manifest, run.manifest, {
      registryGiven: registryOverride.length > 0,
      divisionsGiven: divisionsOverride !== null,
    }),
  );
  checks.push(...exclusionRecordCheck(manifest, run.manifest));
  const recordedOutputs: Manifest['outputs'] =
    manifest.outputs !== null && typeof manifest.outputs === 'object' ? manifest.outputs : {};
  checks.push(...(await foreignFileChecks(recordedOutputs, base)));
  checks.push(...(await outputChecks(recordedOutputs, run.manifest, run.files, base)));
  return checks;
}

/**
 * The failing checks of the draw at `dir` re-drawn with `registries` (empty: its recorded paths), as
 * "check: detail" texts; none when it verifies. Used for excluded draws and by `spotcheck findings`.
 */
export async function drawFailures(
  dir: string,
  registries: readonly string[] = [],
  visited: ReadonlySet<string> = new Set(),
): Promise<string[]> {
  return (await verifyManifest(dir, registries, null, null, {}, [], visited))
    .filter((check) => !check.ok)
    .map((check) => `${check.check}: ${check.detail}`);
}

// The draws a new draw excludes, and those an excluded draw excludes, are re-verified with this verifier.
setDrawVerifier(drawFailures);

/** Verifies the draw of the manifest (or of the folder holding it) with the options given. */
export async function verifyAction(manifestPath: string, raw: RawOptions): Promise<void> {
  const options = normaliseOptions(VERIFY_OPTIONS, raw);
  await refuseNotAManifest(manifestPath);
  const expect = options.expect;
  const report: { manifestSha256?: string } = {};
  const checks = await verifyManifest(
    manifestPath,
    options.registry,
    options.divisions,
    expect,
    report,
    options.exclusionsFrom,
  );
  const verified = checks.every((check) => check.ok);
  const caveats = [...new Set(checks.flatMap((check) => (check.caveat === undefined ? [] : [check.caveat])))];
  if (options.json) {
    const expected =
      expect === null
        ? {}
        : {
            expected: {
              hash: expect,
              manifest_sha256: report.manifestSha256 ?? null,
              matches: (report.manifestSha256 ?? '').startsWith(expect),
            },
          };
    await writeStdout(
      json({
        verified,
        manifest: manifestPath,
        ...expected,
        ...(caveats.length > 0 ? { caveats } : {}),
        checks: checks,
      }),
    );
  } else {
    const style = await styleFor(process.stdout);
    const verdict = (check: VerifyCheck) =>
      !check.ok
        ? style.red(t('verify.diff'))
        : check.caveat !== undefined
          ? style.yellow(t('verify.caveat'))
          : style.green(t('verify.ok'));
    const lines = checks.map((check) =>
      t('cmd.verify.line', { verdict: verdict(check), check: check.check, detail: check.detail }),
    );
    lines.push(...caveats.map((caveat) => style.yellow(caveat)));
    lines.push(verified ? style.green.bold(t('verify.verified')) : style.red.bold(t('verify.notVerified')));
    await writeStdout(`${lines.join('\n')}\n`);
  }
  if (!verified) process.exitCode = 1;
}
