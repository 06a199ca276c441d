/**
 * The checks of `verify`, each a function returning its entries: the inputs recorded (registry,
 * seed, exclusions, recorded tables) before the re-draw, the re-drawn manifest and files after it.
 * The order in which verify runs them is in index.ts (verifyManifest).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import type { Manifest } from '../../core/manifest.js';
import {
  compareManifests,
  informativeFields,
  valueDifferences,
  type CompareOptions,
  type Difference,
} from '../../core/manifestCompare.js';
import { maskPersonalText } from '../../core/personalText.js';
import { seedProblems, showSeed } from '../../core/seed.js';
import { DRAW_FILE_NAMES } from '../../io/output.js';
import { WORKBOOK_NAME } from '../../io/defaults.js';
import { recordedPath } from '../../io/recordedPath.js';
import { divisionsSha256 } from '../../io/load.js';
import { hashFile } from '../../io/registry.js';
import { readManifest } from '../../io/manifest.js';
import { loadOneSource, type ExclusionStage } from '../../io/exclude.js';
import { registriesFor, requireReproduces } from '../../io/drawVerifier.js';
import { excludedFileChecks, hasExcludedFile } from '../../io/exclusionRecord.js';
import { describeSeedProblems, parseExclusionStages } from '../_shared/parse.js';
import type { VerifyCheck } from './check.js';

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
export async function exclusionChecks(
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

/** The number of differing lines and the first of them, both sides masked and cut to 120 characters. */
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
export function seedCheck(manifest: Manifest): VerifyCheck {
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
export function manifestFieldChecks(recorded: Manifest, redrawn: Manifest, options: CompareOptions): VerifyCheck[] {
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
export async function outputChecks(
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

/** `--expect HASH`: the manifest is the one whose hash was published (all 64 hex digits, or a prefix of 16 or more). */
export function expectCheck(manifest: Manifest, expected: string): VerifyCheck {
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

/**
 * registryChecks: each registry file (recorded, or given with --registry) against its recorded
 * SHA-256. A recorded file that cannot be read stops verify (it was moved); a given one's error is its own.
 */
export async function registryChecks(
  manifest: Manifest,
  registries: readonly string[],
  registryGiven: boolean,
): Promise<VerifyCheck[]> {
  const checks: VerifyCheck[] = [];
  for (const [index, input] of manifest.inputs.entries()) {
    const path = registries[index]!;
    let facts: { sha256: string; bytes: number };
    try {
      facts = await hashFile(path);
    } catch (error) {
      if (!(error instanceof SpotcheckError) || registryGiven) throw error;
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
  return checks;
}

/** The failed check of a division table that is not the recorded one. */
const divisionsChanged = (manifest: Manifest, recorded: string): VerifyCheck => ({
  check: t('cmd.verify.check.divisions'),
  ok: false,
  detail: t('cmd.verify.detail.divisionsChanged', { source: manifest.divisions.source, recorded }),
});

/**
 * recordedFileChecks: the tables a re-draw reads beside the registry, each hashed before it is
 * parsed (another file is never read as one): the recorded division table (not one given with
 * --divisions), the county attributes, the funds table. It stops at the first that changed, whose
 * failed check is the last entry; only the funds table's check is listed when it passes.
 */
export async function recordedFileChecks(
  manifest: Manifest,
  base: string,
  recordedDivisions: string | null,
): Promise<VerifyCheck[]> {
  if (recordedDivisions !== null && (await divisionsSha256(recordedDivisions)) !== manifest.divisions.sha256)
    return [divisionsChanged(manifest, String(manifest.divisions.sha256).slice(0, 16))];
  if (manifest.county_attributes) {
    const facts = await hashFile(recordedPath(base, manifest.county_attributes.path, 'county_attributes')).catch(
      () => null,
    );
    if (facts?.sha256 !== manifest.county_attributes.sha256) {
      return [
        {
          check: manifest.county_attributes.path,
          ok: false,
          detail: t('safety.recordedFileChanged', { recorded: String(manifest.county_attributes.sha256).slice(0, 16) }),
        },
      ];
    }
  }
  if (manifest.command === 'funds' && manifest.funds_table) {
    const path = recordedPath(base, manifest.funds_table.path, 'funds_table');
    const facts = await hashFile(path).catch(() => null);
    const ok = facts?.sha256 === manifest.funds_table.sha256;
    const recorded = manifest.funds_table.sha256.slice(0, 16);
    return [
      {
        check: t('cmd.verify.check.fundsTable', { name: manifest.funds_table.name }),
        ok,
        detail: ok
          ? t('cmd.verify.detail.shaMatches', { sha: recorded })
          : facts
            ? t('cmd.verify.detail.fundsTableChanged', { recorded })
            : t('cmd.verify.detail.fundsTableMissing', { path: manifest.funds_table.path }),
      },
    ];
  }
  return [];
}

/** The re-draw's division table against the recorded one (a table given with --divisions may differ). */
export function redrawnDivisionsCheck(recorded: Manifest, redrawn: Manifest): VerifyCheck[] {
  return redrawn.divisions.sha256 === recorded.divisions.sha256
    ? []
    : [divisionsChanged(recorded, recorded.divisions.sha256.slice(0, 16))];
}

/** A file of another draw beside the manifest (left by a --force over a different draw) is named. */
export async function foreignFileChecks(recordedOutputs: Manifest['outputs'], base: string): Promise<VerifyCheck[]> {
  const beside = await readdir(base).catch(() => [] as string[]);
  return beside
    .filter(
      (entry) =>
        DRAW_FILE_NAMES.includes(entry) &&
        entry !== 'manifest.json' &&
        entry !== WORKBOOK_NAME &&
        !Object.hasOwn(recordedOutputs, entry),
    )
    .map((name) => ({ check: name, ok: false, detail: t('cmd.verify.detail.foreignFile', { name }) }));
}
