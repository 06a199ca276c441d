/**
 * Holding a draw to its commitment (--commitment): the registry files as soon as pass 1 has hashed
 * them, everything else when the manifest is assembled — in both cases before any output is
 * written — and the manifest's record of the commitment, with its copy for the draw's folder.
 */
import {
  COMMITMENT_FILE,
  commitmentDifferences,
  commitmentRecord,
  committedDraw,
  committedInput,
  refuseDifferences,
  type CommitmentRecord,
} from '../../core/commitment.js';
import type { Manifest } from '../../core/manifest.js';
import type { LoadedCommitment } from '../../io/commitment.js';

interface WithCommitment {
  /** The commitment the draw must keep to (--commitment), read and checked; absent or null: none. */
  readonly commitment?: LoadedCommitment | null;
}

/** Refuses (exit 2) a draw whose command, registry files or division table are not the committed ones. */
export function holdInputsToCommitment(
  options: WithCommitment,
  drawn: Pick<Manifest, 'command' | 'inputs' | 'divisions'>,
): void {
  if (!options.commitment) return;
  const partial = {
    command: drawn.command,
    inputs: drawn.inputs.map(committedInput),
    divisions: { source: drawn.divisions.source, sha256: drawn.divisions.sha256 },
  };
  refuseDifferences(commitmentDifferences(options.commitment.commitment, partial), options.commitment.path);
}

/**
 * The manifest (not yet sealed) with the record of the commitment it keeps to; refuses (exit 2),
 * naming every difference, a draw that does not keep to it. Without a commitment, unchanged.
 */
export function holdToCommitment<M extends Omit<Manifest, 'manifest_sha256'>>(options: WithCommitment, manifest: M): M {
  if (!options.commitment) return manifest;
  refuseDifferences(
    commitmentDifferences(options.commitment.commitment, committedDraw(manifest)),
    options.commitment.path,
  );
  const record: CommitmentRecord = commitmentRecord(options.commitment.commitment);
  return { ...manifest, commitment: record };
}

/** The draw's files with the commitment's exact text as commitment.json, so that the folder is self-contained. */
export function withCommitmentFile(
  files: ReadonlyMap<string, string>,
  options: WithCommitment,
): ReadonlyMap<string, string> {
  if (!options.commitment) return files;
  return new Map([...files, [COMMITMENT_FILE, options.commitment.text]]);
}
