/**
 * verify's part for a draw made with --commitment: the commitment copied into the draw's folder must
 * be intact (format, self-hash), be the one the manifest records, and agree with the manifest's
 * command, parameters and input hashes; its SHA-256 and seed procedure are printed, for a person to
 * compare with what was published before the seed. The re-draw is given the same copy, so that it
 * records the commitment as the draw did.
 */
import { dirname, resolve } from 'node:path';
import { SpotcheckError } from '../../errors.js';
import { t, word } from '../../i18n.js';
import { COMMITMENT_FILE, commitmentDifferences, committedDraw } from '../../core/commitment.js';
import type { Manifest } from '../../core/manifest.js';
import { readCommitment, type LoadedCommitment } from '../../io/commitment.js';
import type { VerifyCheck } from './check.js';

/** Where a manifest's commitment copy is: its recorded path, relative to the manifest (commitment.json). */
const copyPath = (manifest: Manifest, manifestFile: string): string =>
  resolve(
    dirname(resolve(manifestFile)),
    typeof manifest.commitment?.path === 'string' ? manifest.commitment.path : COMMITMENT_FILE,
  );

/** The checks of a draw's commitment; none for a draw made without one. */
export function commitmentChecks(manifest: Manifest, manifestFile: string): VerifyCheck[] {
  const recorded = manifest.commitment;
  if (recorded === undefined) return [];
  const check = t('cmd.verify.check.commitment', {
    file: typeof recorded.path === 'string' ? recorded.path : COMMITMENT_FILE,
  });
  let loaded: LoadedCommitment;
  try {
    loaded = readCommitment(copyPath(manifest, manifestFile));
  } catch (error) {
    if (!(error instanceof SpotcheckError)) throw error;
    return [
      {
        check,
        ok: false,
        detail: t('cmd.verify.detail.commitmentUnusable', { problem: error.describe().replace(/\n\s*/g, '; ') }),
      },
    ];
  }
  const { commitment } = loaded;
  if (commitment.commitment_sha256 !== recorded.sha256) {
    return [
      {
        check,
        ok: false,
        detail: t('cmd.verify.detail.commitmentNotRecorded', {
          sha: commitment.commitment_sha256,
          recorded: String(recorded.sha256),
        }),
      },
    ];
  }
  if (
    commitment.created_at !== recorded.created_at ||
    commitment.seed_procedure !== recorded.seed_procedure ||
    recorded.path !== COMMITMENT_FILE
  ) {
    return [{ check, ok: false, detail: t('cmd.verify.detail.commitmentRecordDiffers') }];
  }
  const differences = commitmentDifferences(commitment, committedDraw(manifest));
  if (differences.length > 0)
    return [
      {
        check,
        ok: false,
        detail: t('cmd.verify.detail.commitmentDiffers', { differences: differences.map(word).join('; ') }),
      },
    ];
  return [
    {
      check,
      ok: true,
      detail: t('cmd.verify.detail.commitmentHolds', {
        sha: commitment.commitment_sha256,
        created: commitment.created_at,
        procedure: commitment.seed_procedure,
      }),
    },
  ];
}

/** The commitment the re-draw keeps to: the copy in the draw's folder (null for a draw made without one). */
export function recordedCommitment(manifest: Manifest, manifestFile: string): LoadedCommitment | null {
  return manifest.commitment === undefined ? null : readCommitment(copyPath(manifest, manifestFile));
}
