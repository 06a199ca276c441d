/**
 * The result of one check of `verify`. Apart from index.ts so that its parts (checks.ts,
 * commitment.ts) do not import index.ts back (no import cycle).
 */

/** One check of a verification: what was checked and what was found, in the chosen language. */
export interface VerifyCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  /** A check that passed without checking everything: shown as a note, never as a plain ok. */
  readonly caveat?: string;
}
