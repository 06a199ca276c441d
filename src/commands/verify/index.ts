/** `spotcheck verify`: re-draw from a manifest and compare with what was recorded. */
import { Command } from 'commander';
import { readdir, readFile, stat } from 'node:fs/promises';
import { DRAW_FILE_NAMES } from '../../io/output.js';
import { WORKBOOK_NAME } from '../../io/workbook.js';
import { dirname, join, resolve } from 'node:path';
import { SpotcheckError } from '../../errors.js';
import { recordedPath } from '../../io/recordedPath.js';
import { divisionsSha256 } from '../../io/load.js';
import type { Manifest } from '../../core/manifest.js';
import { hashFile } from '../../io/registry.js';
import { readManifest } from '../../io/manifest.js';
import { loadOneSource, parseExclusionStages, type ExclusionSpec, type ExclusionStage } from '../../io/exclude.js';
import { registriesFor, requireReproduces, setDrawVerifier } from '../../io/drawVerifier.js';
import {
  excludedFileChecks,
  exclusionRecordCheck,
  hasExcludedFile,
  recordedExclusionSpecs,
} from '../../io/exclusionRecord.js';
import { styleFor } from '../../render/style.js';
import { msg, t } from '../../i18n.js';
import { runEvaluation } from '../evaluate/run.js';
import { EVALUATE_OPTIONS, type EvaluationOptions } from '../evaluate/spec.js';
import { runMonthly } from '../monthly/run.js';
import { MONTHLY_OPTIONS, type MonthlyOptions } from '../monthly/spec.js';
import { readRecorded, recorded } from '../_shared/optionSpec.js';
import type { DrawReadOptions } from '../_shared/drawRun.js';
import { runFunds } from '../funds/run.js';
import { FUNDS_OPTIONS, type FundsOptions } from '../funds/spec.js';
import {
  compareManifests,
  informativeFields,
  valueDifferences,
  type CompareOptions,
  type Difference,
} from '../../core/manifestCompare.js';
import { json, writeStdout } from '../_shared/draw.js';
import { commitmentChecks, recordedCommitment } from './commitment.js';
import { addOptions, normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { VERIFY_OPTIONS } from './spec.js';
import { seedProblems, showSeed } from '../../core/seed.js';
import { describeSeedProblems } from '../_shared/parse.js';
import { maskPersonalText } from '../../core/personalText.js';
import { FORMULA_GUARD } from '../../core/spreadsheetText.js';
import type { VerifyCheck } from './check.js';

/**
 * A manifest's recorded parameters, with `bad(key)` for a missing or malformed one (a MANIFEST
 * error), and the facts a draw records beside its options read back.
 */
function parameterReader(manifest: Manifest, file: string) {
  const p = manifest.parameters as Record<string, unknown>;
  const bad = (key: string): never => {
    throw new SpotcheckError('MANIFEST', msg('cmd.verify.badParameter', { key }), { file });
  };
  /**
   * What a draw records beside its options (drawnParameters, src/commands/_shared/drawRun.ts), read
   * back with the fallbacks of older manifests; the options themselves are read by readRecorded.
   */
  const drawnOptions = (
    registries: readonly string[],
    divisions: string | null,
  ): Pick<DrawReadOptions, 'registries' | 'divisions' | 'columnsLang' | 'commitment' | 'masking' | 'formulaGuard'> => ({
    registries,
    divisions,
    // Manifests of draws with English headings (and all before 0.3.0) have no columns_lang.
    columnsLang: p.columns_lang === undefined ? 'en' : p.columns_lang === 'zh-CN' ? 'zh-CN' : bad('columns_lang'),
    commitment: recordedCommitment(manifest, file),
    // Draws before 0.4.0 have no masking: they were masked by header only (rule 1 of §17).
    masking: p.masking === undefined ? 1 : p.masking === 2 ? 2 : bad('masking'),
    // Draws before 0.5.0 wrote CSV for Excel without the formula guard (§20); excel itself is read by its spec.
    formulaGuard:
      p.formula_guard === undefined
        ? 0
        : p.formula_guard === FORMULA_GUARD && p.excel === true
          ? FORMULA_GUARD
          : bad('formula_guard'),
  });
  return { p, bad, drawnOptions };
}

/** Rebuilds a monthly draw's options from its manifest: the recorded options by their spec (./spec.ts of monthly). */
function monthlyOptionsFromManifest(
  manifest: Manifest,
  registries: readonly string[],
  divisions: string | null,
  file: string,
): MonthlyOptions {
  const { bad, drawnOptions } = parameterReader(manifest, file);
  return {
    ...readRecorded(MONTHLY_OPTIONS, manifest.parameters as Record<string, unknown>, bad),
    ...drawnOptions(registries, divisions),
    exclude: recordedExclusions(manifest, dirname(resolve(file)), bad),
    history: null, // the draws --history found are among the recorded sources
    excludeOtherRegistry: false,
    excludeOtherMonth: false,
    writeExcludedFile: hasExcludedFile(manifest),
  };
}

/** The exclusion sources a manifest records (paths relative to it), as specs to load again. */
function recordedExclusions(manifest: Manifest, base: string, bad: (key: string) => never): ExclusionSpec[] {
  const record = manifest.exclusions as { sources?: unknown } | undefined;
  if (record === undefined) return [];
  if (!Array.isArray(record.sources)) bad('exclusions');
  if (hasExcludedFile(manifest)) return recordedExclusionSpecs(manifest, base); // the draw's own excluded.csv
  return (record.sources as Array<Record<string, unknown>>).map((source) => {
    if (
      typeof source.path !== 'string' ||
      !Array.isArray(source.stages) ||
      (source.reason !== 'exclude' && source.reason !== 'history')
    )
      bad('exclusions');
    return {
      path: recordedPath(base, source.path as string, 'exclusions'),
      stages: parseExclusionStages('exclusions.stages', (source.stages as string[]).join(',')),
      reason: source.reason as 'exclude' | 'history',
    };
  });
}

/** This draw's registry files (paths and SHA-256s): an excluded draw of the same registry is re-drawn from them. */
interface OurRegistry {
  readonly paths: readonly string[];
  readonly sha256s: readonly string[];
}

/** Loads an excluded source found beside the draw; a draw must also reproduce from the registry (one re-draw each). */
const loadReproduced =
  (ours: OurRegistry, visited: ReadonlySet<string>) => async (path: string, stages: readonly ExclusionStage[]) => {
    const loaded = await loadOneSource(path, stages);
    if (loaded.kind === 'draw') {
      const dir = (await stat(path)).isDirectory() ? path : dirname(path);
      await requireReproduces(
        dir,
        loaded.sha256,
        registriesFor(await readManifest(join(dir, 'manifest.json')), ours),
        visited,
      );
    }
    return loaded;
  };

/** Checks that each earlier draw or list a manifest excluded is still there, unchanged, and (a draw) reproduces. */
async function exclusionChecks(
  manifest: Manifest,
  base: string,
  exclusionsFrom: readonly string[],
  ours: OurRegistry,
  visited: ReadonlySet<string>,
): Promise<VerifyCheck[]> {
  const load = loadReproduced(ours, visited);
  if (hasExcludedFile(manifest)) return excludedFileChecks(manifest, base, exclusionsFrom, load);
  const record = manifest.exclusions as
    | { sources?: Array<{ path: string; sha256: string; stages?: string[] }> }
    | undefined;
  const checks: VerifyCheck[] = [];
  for (const source of record?.sources ?? []) {
    const path = recordedPath(base, source.path, 'exclusions');
    try {
      // A list is hashed before it is read: a file that is not the recorded one is never parsed
      // (its content never quoted in a message).
      if (
        !source.path.toLowerCase().endsWith('.json') &&
        (await stat(path).then(
          (info) => info.isFile(),
          () => false,
        ))
      ) {
        const now = (await hashFile(path)).sha256;
        if (now !== source.sha256) {
          checks.push({
            check: t('cmd.verify.check.excluded', { path: source.path }),
            ok: false,
            detail: t('cmd.verify.detail.excludedChanged', {
              recorded: source.sha256.slice(0, 16),
              now: now.slice(0, 16),
            }),
          });
          continue;
        }
      }
      const stages = parseExclusionStages(
        'exclusions.stages',
        (source.stages ?? ['county', 'village', 'household']).join(','),
      );
      const sources = [await load(path, stages)];
      const ok = sources[0]!.sha256 === source.sha256;
      checks.push({
        check: t('cmd.verify.check.excluded', { path: source.path }),
        ok,
        detail: ok
          ? t('cmd.verify.detail.shaMatches', { sha: source.sha256.slice(0, 16) })
          : t('cmd.verify.detail.excludedChanged', {
              recorded: source.sha256.slice(0, 16),
              now: sources[0]!.sha256.slice(0, 16),
            }),
      });
    } catch (error) {
      if (!(error instanceof SpotcheckError)) throw error;
      checks.push({
        check: t('cmd.verify.check.excluded', { path: source.path }),
        ok: false,
        detail: t('cmd.verify.detail.excludedUnusable', { problem: error.describe().replace(/\n\s*/g, '; ') }),
      });
    }
  }
  return checks;
}

/** Rebuilds an evaluation's options from its manifest: the recorded options by their spec (./spec.ts of evaluate). */
function evaluationOptionsFromManifest(
  manifest: Manifest,
  registries: readonly string[],
  nonpoor: readonly string[],
  divisions: string | null,
  countyAttributes: string | null,
  file: string,
): EvaluationOptions {
  const { bad, drawnOptions } = parameterReader(manifest, file);
  return {
    ...readRecorded(EVALUATE_OPTIONS, manifest.parameters as Record<string, unknown>, bad),
    ...drawnOptions(registries, divisions),
    nonpoor,
    countyAttributes,
  };
}

/** Rebuilds a funds draw's options from its manifest: the recorded options by their spec (./spec.ts of funds). */
function fundsOptionsFromManifest(
  manifest: Manifest,
  registries: readonly string[],
  divisions: string | null,
  file: string,
): FundsOptions {
  const { p, bad, drawnOptions } = parameterReader(manifest, file);
  const base = dirname(resolve(file));
  const table = manifest.funds_table;
  const fundsSource = recorded.oneOf(['registry', 'table'] as const)(p.funds_source, () => bad('funds_source'));
  if (fundsSource === 'table' && (!table || typeof table.path !== 'string')) bad('funds_table');
  return {
    ...readRecorded(FUNDS_OPTIONS, p, bad),
    ...drawnOptions(registries, divisions),
    fundsFile: fundsSource === 'table' ? recordedPath(base, table!.path, 'funds_table') : null,
    exclude: recordedExclusions(manifest, base, bad),
    excludeOtherRegistry: false,
    excludeOtherMonth: false,
    writeExcludedFile: hasExcludedFile(manifest),
  };
}

function firstDifference(recorded: string, redrawn: string): string {
  const a = recorded.split('\n');
  const b = redrawn.split('\n');
  const differing = Array.from({ length: Math.max(a.length, b.length) }, (_, i) => i).filter((i) => a[i] !== b[i]);
  const first = differing[0]!;
  // The lines quoted are masked (§17, messages) before they are cut, so no part of an ID is shown.
  const cut = (raw: string | undefined) => {
    if (raw === undefined) return t('cmd.verify.detail.noLine');
    const line = maskPersonalText(raw);
    return line.length > 120 ? `${line.slice(0, 117)}…` : line;
  };
  return t('cmd.verify.detail.difference', {
    lines: differing.length,
    line: first + 1,
    file: cut(a[first]),
    redrawn: cut(b[first]),
  });
}

/** The recorded seed under the seed rule (docs/algorithm.md §2.2), shown with its fingerprint. */
function seedCheck(manifest: Manifest): VerifyCheck {
  const seed = (manifest.parameters as Record<string, unknown>).seed;
  const problems = typeof seed === 'string' ? seedProblems(seed) : [];
  const ok = typeof seed === 'string' && seed !== '' && problems.length === 0;
  return {
    check: t('seed.verify.check'),
    ok,
    detail: ok
      ? t('seed.verify.ok', { seed: showSeed(seed) })
      : t('seed.verify.bad', {
          problems: problems.length > 0 ? describeSeedProblems(problems) : JSON.stringify(seed ?? null),
        }),
  };
}

/**
 * Verifies a draw: `expect` is the manifest hash published (--expect, parsed by parseExpectedHash);
 * `report` receives the manifest's hash, for --json.
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
  const manifestPath = (await stat(manifestOrDirectory).then(
    (info) => info.isDirectory(),
    () => false,
  ))
    ? join(manifestOrDirectory, 'manifest.json')
    : manifestOrDirectory;
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
  let registries: string[];
  if (registryOverride.length > 0) {
    // Given files are matched to the recorded inputs by SHA-256, whatever their order.
    const given = await Promise.all(registryOverride.map(async (path) => ({ path, ...(await hashFile(path)) })));
    const unused = new Set(given);
    registries = manifest.inputs.map((input, index) => {
      const match =
        given.find((file) => unused.has(file) && file.sha256 === input.sha256) ??
        given.find((file, position) => unused.has(file) && position === index) ??
        [...unused][0]!;
      unused.delete(match);
      return match.path;
    });
  } else {
    registries = manifest.inputs.map((input) => recordedPath(base, input.path, 'inputs'));
  }
  for (const [index, input] of manifest.inputs.entries()) {
    const path = registries[index]!;
    let facts: { sha256: string; bytes: number };
    try {
      facts = await hashFile(path);
    } catch (error) {
      if (!(error instanceof SpotcheckError) || registryOverride.length > 0) throw error;
      throw new SpotcheckError(
        'INPUT',
        msg('cmd.verify.registryUnreadable', { name: input.name, path: input.path, reason: error.message }),
        {
          file: path,
          hint: msg('cmd.verify.registryMoved'),
        },
      );
    }
    const ok = facts.sha256 === input.sha256;
    checks.push({
      check: t('cmd.verify.check.registry', { name: input.name }),
      ok,
      detail: ok
        ? t('cmd.verify.detail.shaMatches', { sha: input.sha256.slice(0, 16) })
        : t('cmd.verify.detail.registryChanged', {
            recorded: input.sha256.slice(0, 16),
            recordedBytes: input.bytes,
            path,
            now: facts.sha256.slice(0, 16),
            bytes: facts.bytes,
          }),
    });
  }
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
  if (divisionsOverride === null && divisions !== null) {
    // The recorded division table is hashed before it is parsed: another file is never read as one.
    if ((await divisionsSha256(divisions)) !== manifest.divisions.sha256) {
      checks.push({
        check: t('cmd.verify.check.divisions'),
        ok: false,
        detail: t('cmd.verify.detail.divisionsChanged', {
          source: manifest.divisions.source,
          recorded: String(manifest.divisions.sha256).slice(0, 16),
        }),
      });
      return checks;
    }
  }
  const roleOf = (index: number) => manifest.inputs[index]!.role ?? 'registry';
  if (manifest.county_attributes) {
    // Hashed before it is parsed, as the division table: another file is never read as one.
    const facts = await hashFile(recordedPath(base, manifest.county_attributes.path, 'county_attributes')).catch(
      () => null,
    );
    if (facts?.sha256 !== manifest.county_attributes.sha256) {
      checks.push({
        check: manifest.county_attributes.path,
        ok: false,
        detail: t('safety.recordedFileChanged', { recorded: String(manifest.county_attributes.sha256).slice(0, 16) }),
      });
      return checks;
    }
  }
  if (manifest.command === 'funds' && manifest.funds_table) {
    const path = recordedPath(base, manifest.funds_table.path, 'funds_table');
    const facts = await hashFile(path).catch(() => null);
    const ok = facts?.sha256 === manifest.funds_table.sha256;
    const recorded = manifest.funds_table.sha256.slice(0, 16);
    checks.push({
      check: t('cmd.verify.check.fundsTable', { name: manifest.funds_table.name }),
      ok,
      detail: ok
        ? t('cmd.verify.detail.shaMatches', { sha: recorded })
        : facts
          ? t('cmd.verify.detail.fundsTableChanged', { recorded })
          : t('cmd.verify.detail.fundsTableMissing', { path: manifest.funds_table.path }),
    });
    if (!ok) return checks;
  }
  const run =
    manifest.command === 'funds'
      ? await runFunds(fundsOptionsFromManifest(manifest, registries, divisions, manifestPath), base)
      : manifest.command === 'evaluate'
        ? await runEvaluation(
            evaluationOptionsFromManifest(
              manifest,
              registries.filter((_, index) => roleOf(index) === 'registry'),
              registries.filter((_, index) => roleOf(index) === 'nonpoor'),
              divisions,
              manifest.county_attributes
                ? recordedPath(base, manifest.county_attributes.path, 'county_attributes')
                : null,
              manifestPath,
            ),
            base,
          )
        : await runMonthly(monthlyOptionsFromManifest(manifest, registries, divisions, manifestPath), base);
  if (run.manifest.divisions.sha256 !== manifest.divisions.sha256) {
    checks.push({
      check: t('cmd.verify.check.divisions'),
      ok: false,
      detail: t('cmd.verify.detail.divisionsChanged', {
        source: manifest.divisions.source,
        recorded: manifest.divisions.sha256.slice(0, 16),
      }),
    });
  }
  checks.push(
    ...manifestFieldChecks(manifest, run.manifest, {
      registryGiven: registryOverride.length > 0,
      divisionsGiven: divisionsOverride !== null,
    }),
  );
  checks.push(...exclusionRecordCheck(manifest, run.manifest));
  // A file of another draw beside the manifest (left by a --force over a different draw) is named.
  const beside = await readdir(base).catch(() => [] as string[]);
  const recordedOutputs: Manifest['outputs'] =
    manifest.outputs !== null && typeof manifest.outputs === 'object' ? manifest.outputs : {};
  for (const name of beside.filter(
    (entry) =>
      DRAW_FILE_NAMES.includes(entry) &&
      entry !== 'manifest.json' &&
      entry !== WORKBOOK_NAME &&
      !Object.hasOwn(recordedOutputs, entry),
  )) {
    checks.push({ check: name, ok: false, detail: t('cmd.verify.detail.foreignFile', { name }) });
  }
  checks.push(...(await outputChecks(recordedOutputs, run.manifest, run.files, base)));
  return checks;
}

/** A JSON value for a check's detail: at most 80 characters. */
const shown = (json: string | undefined) =>
  json === undefined ? t('cmd.verify.detail.fieldAbsent') : json.length > 80 ? `${json.slice(0, 77)}…` : json;

/** The first differing paths of a value, for a check's detail ("sample.spares: recorded 12, re-drawn 0"). */
function describeDifferences(differences: readonly Difference[]): string {
  const listed = differences.slice(0, 3).map((difference) =>
    t('cmd.verify.detail.fieldPath', {
      path: difference.path,
      recorded: shown(difference.recorded),
      redrawn: shown(difference.redrawn),
    }),
  );
  return [
    ...listed,
    ...(differences.length > 3 ? [t('cmd.verify.detail.fieldMore', { count: differences.length - 3 })] : []),
  ].join('; ');
}

/**
 * The whole re-drawn manifest against the recorded one, field by field (src/core/manifestCompare.ts):
 * a failed check per differing top-level field, or one check naming what is not recomputed.
 */
function manifestFieldChecks(recorded: Manifest, redrawn: Manifest, options: CompareOptions): VerifyCheck[] {
  const differences = compareManifests(recorded, redrawn, options);
  if (differences.length === 0) {
    return [
      {
        check: t('cmd.verify.check.fields'),
        ok: true,
        detail: t('cmd.verify.detail.fieldsMatch', { fields: informativeFields(recorded).join(', ') }),
      },
    ];
  }
  return differences.map(({ field, differences: paths }) => ({
    check: t('cmd.verify.check.field', { field }),
    ok: false,
    detail: describeDifferences(paths),
  }));
}

/**
 * Every output file: each name the manifest records must be produced by the re-draw, each file the
 * re-draw produces must be recorded, its record (SHA-256, rows) must be the re-drawn one, and the
 * file beside the manifest must be the re-drawn bytes.
 */
async function outputChecks(
  recorded: Manifest['outputs'],
  redrawn: Manifest,
  files: ReadonlyMap<string, string>,
  base: string,
): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  for (const name of [...new Set([...Object.keys(redrawn.outputs), ...Object.keys(recorded)])]) {
    const record = Object.hasOwn(recorded, name) ? recorded[name] : undefined;
    const redrawnRecord = Object.hasOwn(redrawn.outputs, name) ? redrawn.outputs[name] : undefined;
    if (!redrawnRecord) {
      checks.push({ check: name, ok: false, detail: t('cmd.verify.detail.notProduced', { name }) });
      continue;
    }
    if (!record) {
      checks.push({ check: name, ok: false, detail: t('cmd.verify.detail.unrecordedOutput') });
      continue;
    }
    if (record.sha256 !== redrawnRecord.sha256) {
      checks.push({
        check: t('cmd.verify.check.redraw', { name }),
        ok: false,
        detail: t('cmd.verify.detail.redrawDiffers', {
          recorded: String(record.sha256).slice(0, 16),
          now: redrawnRecord.sha256.slice(0, 16),
        }),
      });
      continue;
    }
    const recordDifferences = valueDifferences(record, redrawnRecord, `outputs.${name}`);
    if (recordDifferences.length > 0) {
      checks.push({
        check: name,
        ok: false,
        detail: t('cmd.verify.detail.outputRecordDiffers', {
          name,
          differences: describeDifferences(recordDifferences),
        }),
      });
      continue;
    }
    const redrawnBytes = Buffer.from(files.get(name)!, 'utf8');
    const onDisk = await readFile(resolve(base, name)).catch(() => null);
    if (onDisk === null) {
      checks.push({ check: name, ok: false, detail: t('cmd.verify.detail.missing', { name }) });
    } else if (!onDisk.equals(redrawnBytes)) {
      checks.push({
        check: name,
        ok: false,
        detail: t('cmd.verify.detail.changedAfterDraw', {
          name,
          difference: firstDifference(onDisk.toString('utf8'), files.get(name)!),
        }),
      });
    } else {
      checks.push({ check: name, ok: true, detail: t('cmd.verify.detail.matches', { rows: record.rows }) });
    }
  }
  return checks;
}

// The draws a new draw excludes, and those an excluded draw excludes, are re-verified with this verifier.
setDrawVerifier(async (dir, registries, visited) =>
  (await verifyManifest(dir, registries, null, null, {}, [], visited))
    .filter((check) => !check.ok)
    .map((check) => `${check.check}: ${check.detail}`),
);

/** `--expect HASH`: the manifest is the one whose hash was published (all 64 hex digits, or a prefix of 16 or more). */
function expectCheck(manifest: Manifest, expected: string): VerifyCheck {
  const actual = manifest.manifest_sha256 ?? '';
  const ok = actual.startsWith(expected);
  return {
    check: t('cmd.verify.check.expect'),
    ok,
    detail: ok
      ? t('cmd.verify.detail.expectMatches', { sha: actual.slice(0, 16), expected })
      : t('cmd.verify.detail.expectDiffers', { sha: actual.slice(0, 16), expected }),
  };
}

export function verifyCommand(): Command {
  return addOptions(
    new Command('verify')
      .summary(t('help.verify.summary'))
      .description(t('help.verify.description'))
      .argument('<manifest>', t('help.verify.manifest')),
    VERIFY_OPTIONS,
  )
    .addHelpText('after', t('help.verify.after'))
    .addHelpText('after', t('help.exclusions.reproduceCost'))
    .action(async (manifestPath: string, raw: RawOptions) => {
      const options = normaliseOptions(VERIFY_OPTIONS, raw);
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
        const style = styleFor(process.stdout);
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
    });
}
