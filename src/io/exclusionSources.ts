/**
 * The shapes shared by src/io/exclude.ts (reading the sources of --exclude/--history) and
 * src/io/exclusionRecord.ts (the record a draw keeps of them): the stages, a source as asked for and
 * as loaded, and the manifest's record. Apart from both so that the two do not import each other
 * (no import cycle); both re-export what their importers used to take from them.
 */

export const EXCLUSION_STAGES = ['county', 'village', 'household'] as const;
export type ExclusionStage = (typeof EXCLUSION_STAGES)[number];

/** Where excluded units come from, and at which stages they are excluded. */
export interface ExclusionSpec {
  readonly path: string;
  readonly stages: readonly ExclusionStage[];
  /** "exclude": named with --exclude; "history": found by --history within the cooldown. */
  readonly reason: 'exclude' | 'history' | 'recorded';
  /** reason "recorded" (verify): the manifest's exclusions record; `path` is its excluded.csv. */
  readonly record?: ExclusionRecord;
  /** reason "recorded": how to read its cells back (the draw's formula guard, §20). */
  readonly readCell?: (text: string) => string;
}

export interface LoadedExclusionSource extends ExclusionSpec {
  /** "draw": a spotcheck manifest (or its directory); "list": a CSV of unit keys. */
  readonly kind: 'draw' | 'list';
  /** The manifest's manifest_sha256 for a draw, the file's SHA-256 for a list. */
  readonly sha256: string;
  /** For a draw: what it was. */
  readonly draw: {
    readonly command: string;
    readonly month: string | null;
    readonly level: string | null;
    readonly scope: string | null;
    readonly scope_label?: string | null;
    readonly seed: string;
  } | null;
  /** Units the source names, per stage (before the stages are applied). */
  readonly units: Readonly<Record<ExclusionStage, number>>;
  /** Set (true) when a flag allowed an excluded draw of another registry or month. */
  readonly other_registry?: true;
  readonly other_month?: true;
}

/** The manifest's exclusions record (written by exclusionsRecordOf), as read back. */
export interface ExclusionRecord {
  readonly sources: ReadonlyArray<LoadedExclusionSource & { readonly path: string }>;
  readonly history: unknown;
  readonly excluded: unknown;
}
