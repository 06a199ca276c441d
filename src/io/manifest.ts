/** Reading a draw's manifest: format, algorithm version and its own SHA-256 checked. */
import { LIMITS, parseJsonBounded, readRegularFile } from './safeRead.js';
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';
import { MANIFEST_FORMATS, manifestDigest, type Manifest } from '../core/manifest.js';
import { ALGORITHM_VERSION, TICKET_ALGORITHM } from '../core/tickets.js';

/** The commands whose manifests spotcheck writes. */
export const MANIFEST_COMMANDS: readonly string[] = ['monthly', 'evaluate', 'funds'];

export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = (await readRegularFile(path, LIMITS.manifest, 'MANIFEST')).toString('utf8');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError('MANIFEST', msg('io.manifest.unreadable', { reason: (error as NodeJS.ErrnoException).code ?? t('io.reason.error') }), { file: path });
  }
  let manifest: Manifest;
  try {
    manifest = parseJsonBounded(text, path, 'MANIFEST') as Manifest;
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError('MANIFEST', msg('io.manifest.invalidJson', { detail: (error as Error).message }), { file: path });
  }
  if (manifest === null || typeof manifest !== 'object' || !(MANIFEST_FORMATS as readonly unknown[]).includes(manifest.format) || !MANIFEST_COMMANDS.includes(manifest.command)) {
    throw new SpotcheckError('MANIFEST', msg('io.manifest.notSpotcheck', { format: MANIFEST_FORMATS.join(t('io.list.or')), got: JSON.stringify((manifest as { format?: unknown } | null)?.format ?? null) }), { file: path });
  }
  if (manifest.algorithm?.name !== TICKET_ALGORITHM || manifest.algorithm.version !== ALGORITHM_VERSION) {
    throw new SpotcheckError(
      'MANIFEST',
      msg('io.manifest.unknownAlgorithm', { name: String(JSON.stringify(manifest.algorithm?.name)), version: String(JSON.stringify(manifest.algorithm?.version)), known: TICKET_ALGORITHM, knownVersion: ALGORITHM_VERSION }),
      { file: path, hint: msg('io.manifest.unknownAlgorithmHint') },
    );
  }
  if (manifest.manifest_sha256 !== manifestDigest(manifest)) {
    throw new SpotcheckError('MANIFEST', msg('io.manifest.edited'), { file: path, hint: msg('io.manifest.editedHint') });
  }
  return manifest;
}

