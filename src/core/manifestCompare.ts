/**
 * `verify` compares the WHOLE re-drawn manifest with the recorded one, field by field: a value the
 * manifest records is certified only if re-drawing from the registry gives it again. The fields
 * that may legitimately differ between the draw and its re-run are listed here, once, by path
 * (`[]` stands for any array index); every other field, including any field a later version adds,
 * is compared. Pure: no fs, no console.
 */
import { canonicalJson, type Manifest } from './manifest.js';

/**
 * Never compared, whatever the verifier gives: what the re-run cannot reproduce and what does not
 * decide the draw. Each is informative; a change to it is caught only by `verify --expect HASH`
 * (the manifest hash covers every field).
 */
const NOT_RECOMPUTED: readonly string[] = [
  // The time of the draw: the re-run has its own.
  'created_at',
  // The self-hash: recomputed by readManifest, and pinned by --expect.
  'manifest_sha256',
  // A newer spotcheck verifies an older draw; the algorithm (name, version, selection) is compared.
  'tool.version',
  // The plan file the options came from and the keys it set: the options themselves are in
  // `parameters`, which are re-drawn; which of them a committee wrote in a file is not.
  'plan',
  // How --history found its draws (folder, cooldown, stages): the draws it found are in
  // exclusions.sources and are checked one by one.
  'exclusions.history',
  // Compared file by file instead (every recorded name, every re-drawn name, each entry whole,
  // and the bytes on disk): see verify's output checks.
  'outputs',
];

/** Locators of files the verifier gave elsewhere: compared unless the file was given (the SHA-256 beside each is compared). */
const OVERRIDDEN_WHEN = {
  /** `verify --registry FILE…`: the files are matched by SHA-256, their names and paths are the verifier's. */
  registry: ['inputs[].path', 'inputs[].name'],
  /** `verify --divisions FILE`: the table is matched by SHA-256 (divisions.sha256 is compared). */
  divisions: ['divisions.path', 'divisions.source', 'parameters.divisions'],
} as const;

/**
 * Fields spotcheck 0.1.0 did not write (manifests with tool.version 0.1.0): such a field may be
 * absent from the recorded manifest only if the re-draw, which read it as this default, wrote
 * exactly this default. Nothing else may be absent.
 */
const ABSENT_BEFORE_0_2_0: Readonly<Record<string, unknown>> = {
  'parameters.excel': false,
  'parameters.sheet': null,
  'parameters.seed_source': null,
  'parameters.reveal_ids': true,
  'parameters.spares': 0,
};

/** One top-level field that differs, with its deepest differing paths (canonical JSON, undefined when absent). */
interface ManifestDifference {
  readonly field: string;
  readonly differences: readonly Difference[];
}

export interface CompareOptions {
  /** The verifier gave the registry files (--registry). */
  readonly registryGiven: boolean;
  /** The verifier gave the division table (--divisions). */
  readonly divisionsGiven: boolean;
}

/** True for a manifest written by a spotcheck older than 0.2.0 (tool.version "0.1.x"). */
function writtenBefore020(manifest: Manifest): boolean {
  const match = /^0\.(\d+)\.\d+$/.exec(String(manifest.tool?.version ?? ''));
  return match !== null && Number(match[1]) < 2;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const sameJson = (a: unknown, b: unknown) =>
  a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);

/** The fields a comparison leaves out, given what the verifier supplied. */
function excludedPaths(options: CompareOptions): string[] {
  return [
    ...NOT_RECOMPUTED,
    ...(options.registryGiven ? OVERRIDDEN_WHEN.registry : []),
    ...(options.divisionsGiven ? OVERRIDDEN_WHEN.divisions : []),
  ];
}

export type Difference = {
  readonly path: string;
  readonly recorded: string | undefined;
  readonly redrawn: string | undefined;
};

/**
 * The deepest paths at which two JSON values differ ("sample.spares", "strata[2].allocated"), below
 * `path`, leaving out `excluded` patterns and (for `legacy` manifests) the fields of ABSENT_BEFORE_0_2_0.
 */
export function valueDifferences(
  recorded: unknown,
  redrawn: unknown,
  path: string,
  excluded: ReadonlySet<string> = new Set(),
  legacy = false,
): Difference[] {
  const out: Difference[] = [];
  const walk = (a: unknown, b: unknown, at: string, pattern: string) => {
    if (excluded.has(pattern)) return;
    if (a === undefined && b === undefined) return;
    if (sameJson(a, b)) return;
    if (a === undefined && legacy && pattern in ABSENT_BEFORE_0_2_0 && sameJson(b, ABSENT_BEFORE_0_2_0[pattern]))
      return;
    if (isObject(a) && isObject(b)) {
      for (const key of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
        walk(a[key], b[key], `${at}.${key}`, `${pattern}.${key}`);
      return;
    }
    if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
      for (const [index, entry] of a.entries()) walk(entry, b[index], `${at}[${index}]`, `${pattern}[]`);
      return;
    }
    out.push({
      path: at,
      recorded: a === undefined ? undefined : canonicalJson(a),
      redrawn: b === undefined ? undefined : canonicalJson(b),
    });
  };
  walk(recorded, redrawn, path, path.replace(/\[\d+\]/g, '[]'));
  return out;
}

/**
 * Each top-level field of either manifest whose canonical JSON differs, outside the excluded paths,
 * with its deepest differing paths.
 */
export function compareManifests(recorded: Manifest, redrawn: Manifest, options: CompareOptions): ManifestDifference[] {
  const excluded = new Set(excludedPaths(options));
  const legacy = writtenBefore020(recorded);
  const a = recorded as unknown as Record<string, unknown>;
  const b = redrawn as unknown as Record<string, unknown>;
  return [...new Set([...Object.keys(a), ...Object.keys(b)])]
    .sort()
    .map((field) => ({ field, differences: valueDifferences(a[field], b[field], field, excluded, legacy) }))
    .filter((entry) => entry.differences.length > 0);
}

/** The fields of NOT_RECOMPUTED a manifest holds, other than its hash and outputs (for the verdict: what only --expect pins). */
export function informativeFields(manifest: Manifest): string[] {
  const at = (path: string) =>
    path.split('.').reduce<unknown>((value, key) => (isObject(value) ? value[key] : undefined), manifest);
  return [...NOT_RECOMPUTED, ...ECHOED].filter(
    (path) => path !== 'manifest_sha256' && path !== 'outputs' && at(path) !== undefined && at(path) !== null,
  );
}

/**
 * Compared, but only with themselves: the re-draw takes them from the manifest, since no registry
 * decides them. `parameters.seed_source` is a person's words on where the seed came from; the
 * published notice, not the re-draw, is what shows it is true; `parameters.redraw_reason` likewise.
 */
const ECHOED: readonly string[] = ['parameters.seed_source', 'parameters.redraw_reason'];

/** A hash the public pins a draw with: 64 hex digits, or a prefix of at least 16; null when malformed. */
export function parseExpectedHash(text: string): string | null {
  const hash = text.trim().toLowerCase();
  return /^[0-9a-f]{16,64}$/.test(hash) ? hash : null;
}
