/**
 * An excluded draw must itself reproduce: before a draw leaves out an earlier draw's units, and when
 * `verify` finds the excluded draws, each is re-drawn from the registry and compared (one re-draw
 * per excluded draw). The verifier is `verify`'s own (src/commands/verify.ts), handed in by the
 * command layer at start-up so that src/io and src/run do not import the commands (no import cycle).
 * An excluded draw that excludes others is verified recursively, each draw once (by its
 * manifest_sha256) and at most MAX_DEPTH deep.
 */
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';
import type { Manifest } from '../core/manifest.js';
import { resetBeforeEachRun } from '../runState.js';

/** Verifies the draw at `dir` with `registries` (empty: its recorded paths); the failing checks' texts. */
type DrawVerifier = (dir: string, registries: readonly string[], visited: ReadonlySet<string>) => Promise<string[]>;

let verifier: DrawVerifier | null = null;

export function setDrawVerifier(verify: DrawVerifier): void {
  verifier = verify;
}

const MAX_DEPTH = 8;

/** Draws found to reproduce in this process (a draw excluded twice, directly and through another, is re-drawn once). */
const reproduced = new Set<string>();

// Each run() forgets the draws found to reproduce: it re-draws its excluded draws afresh.
resetBeforeEachRun(() => reproduced.clear());

/**
 * The registry paths to re-draw an excluded draw with: this draw's files where the excluded draw
 * was made from the same bytes (matched by SHA-256 in verify), else (an excluded draw of another
 * registry, allowed by --exclude-other-registry) none: its own recorded paths.
 */
export function registriesFor(
  excluded: Manifest,
  ours: { readonly paths: readonly string[]; readonly sha256s: readonly string[] },
): string[] {
  const theirs = [...new Set(excluded.inputs.map((input) => input.sha256))].sort().join(' ');
  const mine = [...new Set(ours.sha256s)].sort().join(' ');
  return theirs === mine && excluded.inputs.length === ours.paths.length ? [...ours.paths] : [];
}

/**
 * Re-draws the excluded draw at `dir` (manifest `sha`) and throws (exit 2, naming it and what
 * differs) when it does not reproduce; a draw already being verified higher up is not re-drawn
 * again, and one deeper than MAX_DEPTH is refused.
 */
export async function requireReproduces(
  dir: string,
  sha: string,
  registries: readonly string[],
  visited: ReadonlySet<string>,
): Promise<void> {
  const key = `${sha} ${registries.join('\u001f')}`;
  if (verifier === null || visited.has(sha) || reproduced.has(key)) return;
  if (visited.size >= MAX_DEPTH)
    throw new SpotcheckError('USAGE', msg('io.reproduce.tooDeep', { draw: dir, depth: MAX_DEPTH }));
  let failures: string[];
  try {
    failures = await verifier(dir, registries, new Set([...visited, sha]));
  } catch (error) {
    if (!(error instanceof SpotcheckError)) throw error;
    failures = [error.describe().replace(/\n\s*/g, '; ')];
  }
  if (failures.length > 0) {
    throw new SpotcheckError(
      'USAGE',
      msg('io.reproduce.failed', {
        draw: dir,
        sha: sha.slice(0, 16),
        differs:
          failures.slice(0, 3).join('; ') +
          (failures.length > 3 ? t('io.reproduce.more', { more: failures.length - 3 }) : ''),
      }),
      {
        file: dir,
        hint: msg('io.reproduce.failedHint'),
      },
    );
  }
  reproduced.add(key);
}
