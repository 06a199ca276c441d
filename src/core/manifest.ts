/**
 * The manifest: everything needed to re-run and check a draw, and nothing personal. Pure helpers
 * to build it, to serialise it canonically and to seal it with a SHA-256 of its own content.
 */
import { createHash } from 'node:crypto';
import { ALGORITHM_VERSION, TICKET_ALGORITHM } from './tickets.js';

export const MANIFEST_FORMAT = 'spotcheck-manifest-1';
/**
 * Format 2 is format 1 with parameters.columns_lang: written only by draws whose CSV headings are
 * not English (--lang zh-CN), so that a spotcheck that knows only format 1 (0.2.0 and before)
 * refuses the manifest rather than reporting the Chinese headings as a difference.
 */
export const MANIFEST_FORMAT_WITH_HEADINGS = 'spotcheck-manifest-2';
export const MANIFEST_FORMATS = [MANIFEST_FORMAT, MANIFEST_FORMAT_WITH_HEADINGS] as const;

export interface ManifestInput {
  readonly name: string;
  /** Path relative to the output directory (POSIX separators), for verify to find the file. */
  readonly path: string;
  /** Present as "nonpoor" for a file of non-registered households (evaluate --nonpoor). */
  readonly role?: 'nonpoor';
  readonly bytes: number;
  readonly sha256: string;
  readonly encoding: string;
  readonly bom: boolean;
  readonly layout: 'person' | 'household';
  readonly records: number;
  /** "xlsx" for an Excel workbook; absent for CSV. */
  readonly format?: 'xlsx';
}

export interface ManifestOutput {
  readonly sha256: string;
  readonly rows: number;
}

export interface Manifest {
  readonly format: (typeof MANIFEST_FORMATS)[number];
  readonly tool: { readonly name: 'spotcheck'; readonly version: string };
  readonly algorithm: {
    readonly name: string;
    readonly version: number;
    readonly hash: 'sha256';
    readonly selection: string;
    readonly spec: string;
  };
  readonly command: 'monthly' | 'evaluate' | 'funds';
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly ticket_context: readonly string[];
  readonly inputs: readonly ManifestInput[];
  readonly divisions: { readonly source: string; readonly sha256: string; readonly path: string | null };
  /** evaluate: the --county-attributes file, if any. */
  readonly county_attributes?: { readonly name: string; readonly sha256: string; readonly path: string } | null;
  /** evaluate: strata and their allocation. */
  readonly strata?: readonly unknown[];
  readonly frame: unknown;
  /** monthly: the earlier draws and lists whose units were left out of the frame (--exclude, --history). */
  readonly exclusions?: unknown;
  /** funds: the --funds county table, if any, and what the draw reached. */
  readonly funds_table?: { readonly name: string; readonly sha256: string; readonly path: string } | null;
  readonly result?: unknown;
  /** The plan file the draw's options came from in part: its path, SHA-256 and the keys it set. */
  readonly plan?: {
    readonly path: string;
    readonly sha256: string;
    readonly applied: Readonly<Record<string, unknown>>;
  };
  readonly sample: Readonly<Record<string, number>>;
  readonly shortfalls: readonly unknown[];
  readonly outputs: Readonly<Record<string, ManifestOutput>>;
  readonly created_at: string;
  /** The commitment the draw kept to (--commitment; docs/algorithm.md, "Commitments"), copied beside the manifest as `path`. */
  readonly commitment?: {
    readonly sha256: string;
    readonly created_at: string;
    readonly seed_procedure: string;
    readonly path: string;
  };
  /** SHA-256 of the canonical JSON of every other field; detects hand edits. */
  readonly manifest_sha256?: string;
}

export const ALGORITHM_DESCRIPTION = Object.freeze({
  name: TICKET_ALGORITHM,
  version: ALGORITHM_VERSION,
  hash: 'sha256' as const,
  selection: 'in each stratum, the units with the smallest tickets (consistent sampling)',
  spec: 'docs/algorithm.md',
});

/** JSON with object keys sorted by code unit order at every depth, no spaces: for hashing. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, entry]) => entry !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
}

export function manifestDigest(manifest: Manifest): string {
  const { manifest_sha256: _ignored, ...rest } = manifest;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

export function sealManifest(manifest: Manifest): Manifest {
  return { ...manifest, manifest_sha256: manifestDigest(manifest) };
}
