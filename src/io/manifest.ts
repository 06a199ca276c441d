/** Reading a draw's manifest: format, algorithm version and its own SHA-256 checked. */
import { readFile } from 'node:fs/promises';
import { SpotcheckError } from '../errors.js';
import { MANIFEST_FORMAT, manifestDigest, type Manifest } from '../core/manifest.js';
import { ALGORITHM_VERSION, TICKET_ALGORITHM } from '../core/tickets.js';

/** The commands whose manifests spotcheck writes. */
export const MANIFEST_COMMANDS: readonly string[] = ['monthly', 'evaluate', 'funds'];

export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SpotcheckError('MANIFEST', `manifest cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { file: path });
  }
  let manifest: Manifest;
  try {
    manifest = JSON.parse(text) as Manifest;
  } catch (error) {
    throw new SpotcheckError('MANIFEST', `manifest is not valid JSON: ${(error as Error).message}`, { file: path });
  }
  if (manifest === null || typeof manifest !== 'object' || manifest.format !== MANIFEST_FORMAT || !MANIFEST_COMMANDS.includes(manifest.command)) {
    throw new SpotcheckError('MANIFEST', `not a spotcheck manifest (format must be "${MANIFEST_FORMAT}", got ${JSON.stringify((manifest as { format?: unknown } | null)?.format ?? null)})`, { file: path });
  }
  if (manifest.algorithm?.name !== TICKET_ALGORITHM || manifest.algorithm.version !== ALGORITHM_VERSION) {
    throw new SpotcheckError('MANIFEST', `unknown algorithm ${JSON.stringify(manifest.algorithm?.name)} version ${JSON.stringify(manifest.algorithm?.version)}; this spotcheck knows ${TICKET_ALGORITHM} version ${ALGORITHM_VERSION}`, { file: path, hint: 'verify it with the spotcheck version named in the manifest' });
  }
  if (manifest.manifest_sha256 !== manifestDigest(manifest)) {
    throw new SpotcheckError('MANIFEST', 'the manifest was edited after the draw: its manifest_sha256 does not match its content', { file: path, hint: 'use the manifest exactly as the draw wrote it' });
  }
  return manifest;
}

