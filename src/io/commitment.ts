/** Reading a commitment file (spotcheck commit's output) for a draw or for verify. */
import { LIMITS, parseJsonBounded, readRegularFileSync } from './safeRead.js';
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';
import { COMMITMENT_FORMAT, commitmentProblem, type Commitment } from '../core/commitment.js';

/** A commitment as read: where from, its exact text (copied into the draw's folder) and its content. */
export interface LoadedCommitment {
  readonly path: string;
  readonly text: string;
  readonly commitment: Commitment;
}

/**
 * Reads and checks a commitment file: readable, JSON, format spotcheck-commitment-1, the fields a
 * commitment has, and its commitment_sha256 equal to the SHA-256 of its canonical JSON. Read
 * synchronously, while the options are normalised, so that a bad file is refused before the
 * registry is read.
 */
export function readCommitment(path: string): LoadedCommitment {
  let text: string;
  try {
    text = readRegularFileSync(path, LIMITS.commitment, 'USAGE').toString('utf8');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpotcheckError(
      'USAGE',
      msg('commit.file.unreadable', {
        reason: code === 'ENOENT' ? t('io.reason.noSuchFile') : String(code ?? (error as Error).message),
      }),
      { file: path },
    );
  }
  let value: unknown;
  try {
    value = parseJsonBounded(text.replace(/^\uFEFF/, ''), path, 'USAGE');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError('USAGE', msg('commit.file.notJson', { detail: (error as Error).message }), {
      file: path,
      hint: msg('commit.file.hint'),
    });
  }
  const problem = commitmentProblem(value);
  if (problem === 'format') {
    const format = value !== null && typeof value === 'object' ? (value as Record<string, unknown>).format : undefined;
    throw new SpotcheckError(
      'USAGE',
      msg('commit.file.format', {
        expected: COMMITMENT_FORMAT,
        got: JSON.stringify(format) ?? t('commit.diff.absent'),
      }),
      { file: path, hint: msg('commit.file.hint') },
    );
  }
  if (problem === 'shape')
    throw new SpotcheckError('USAGE', msg('commit.file.shape'), { file: path, hint: msg('commit.file.hint') });
  if (problem === 'edited')
    throw new SpotcheckError('USAGE', msg('commit.file.edited'), { file: path, hint: msg('commit.file.editedHint') });
  return { path, text, commitment: value as Commitment };
}
