/** Reading a draw's manifest: format, algorithm version and its own SHA-256 checked. */
import { LIMITS, parseJsonBounded, readRegularFile } from './safeRead.js';
import { SpotcheckError } from '../errors.js';
import { msg, t } from '../i18n.js';
import { MANIFEST_FORMATS, manifestDigest, type Manifest } from '../core/manifest.js';
import { ALGORITHM_VERSION, TICKET_ALGORITHM } from '../core/tickets.js';

/** The commands whose manifests spotcheck writes. */
const MANIFEST_COMMANDS: readonly string[] = ['monthly', 'evaluate', 'funds'];

export async function readManifest(path: string): Promise<Manifest> {
  let text: string;
  try {
    text = (await readRegularFile(path, LIMITS.manifest, 'MANIFEST')).toString('utf8');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError(
      'MANIFEST',
      msg('io.manifest.unreadable', { reason: (error as NodeJS.ErrnoException).code ?? t('io.reason.error') }),
      { file: path },
    );
  }
  let manifest: Manifest;
  try {
    manifest = parseJsonBounded(text, path, 'MANIFEST') as Manifest;
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError('MANIFEST', msg('io.manifest.invalidJson', { detail: (error as Error).message }), {
      file: path,
    });
  }
  if (
    manifest === null ||
    typeof manifest !== 'object' ||
    !(MANIFEST_FORMATS as readonly unknown[]).includes(manifest.format) ||
    !MANIFEST_COMMANDS.includes(manifest.command)
  ) {
    throw new SpotcheckError(
      'MANIFEST',
      msg('io.manifest.notSpotcheck', {
        format: MANIFEST_FORMATS.join(t('io.list.or')),
        got: JSON.stringify((manifest as { format?: unknown } | null)?.format ?? null),
      }),
      { file: path },
    );
  }
  if (manifest.algorithm?.name !== TICKET_ALGORITHM || manifest.algorithm.version !== ALGORITHM_VERSION) {
    throw new SpotcheckError(
      'MANIFEST',
      msg('io.manifest.unknownAlgorithm', {
        name: String(JSON.stringify(manifest.algorithm?.name)),
        version: String(JSON.stringify(manifest.algorithm?.version)),
        known: TICKET_ALGORITHM,
        knownVersion: ALGORITHM_VERSION,
      }),
      { file: path, hint: msg('io.manifest.unknownAlgorithmHint') },
    );
  }
  if (manifest.manifest_sha256 !== manifestDigest(manifest)) {
    throw new SpotcheckError('MANIFEST', msg('io.manifest.edited'), {
      file: path,
      hint: msg('io.manifest.editedHint'),
    });
  }
  const malformed = malformedField(manifest);
  if (malformed !== null) {
    throw new SpotcheckError(
      'MANIFEST',
      msg('io.manifest.malformed', { field: malformed.field, rule: t(malformed.rule) }),
      { file: path, hint: msg('io.manifest.malformedHint') },
    );
  }
  return manifest;
}

type Rule =
  | 'io.manifest.rule.object'
  | 'io.manifest.rule.inputs'
  | 'io.manifest.rule.text'
  | 'io.manifest.rule.textOrNull'
  | 'io.manifest.rule.sha256'
  | 'io.manifest.rule.count'
  | 'io.manifest.rule.time'
  | 'io.manifest.rule.sources';

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const SHA256 = /^[0-9a-f]{64}$/;
/** An ISO-8601 UTC time as Date.prototype.toISOString writes it. */
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/**
 * The first field of a sealed manifest whose shape is not what spotcheck writes (so that a manifest
 * edited and resealed by hand is refused with a message, never read as if it were whole); null when
 * every field that verify and the exclusion loader read has its shape. Values are compared later.
 */
function malformedField(manifest: Manifest): { field: string; rule: Rule } | null {
  const m = manifest as unknown as Record<string, unknown>;
  if (!isObject(m.parameters)) return { field: 'parameters', rule: 'io.manifest.rule.object' };
  if (!Array.isArray(m.inputs) || m.inputs.length === 0) return { field: 'inputs', rule: 'io.manifest.rule.inputs' };
  for (const [index, input] of (m.inputs as unknown[]).entries()) {
    if (!isObject(input)) return { field: `inputs[${index}]`, rule: 'io.manifest.rule.object' };
    if (typeof input.name !== 'string') return { field: `inputs[${index}].name`, rule: 'io.manifest.rule.text' };
    if (typeof input.path !== 'string' || input.path === '')
      return { field: `inputs[${index}].path`, rule: 'io.manifest.rule.text' };
    if (typeof input.sha256 !== 'string' || !SHA256.test(input.sha256))
      return { field: `inputs[${index}].sha256`, rule: 'io.manifest.rule.sha256' };
    if (!Number.isSafeInteger(input.bytes) || (input.bytes as number) < 0)
      return { field: `inputs[${index}].bytes`, rule: 'io.manifest.rule.count' };
  }
  if (!isObject(m.divisions)) return { field: 'divisions', rule: 'io.manifest.rule.object' };
  if (typeof m.divisions.source !== 'string') return { field: 'divisions.source', rule: 'io.manifest.rule.text' };
  if (typeof m.divisions.sha256 !== 'string' || !SHA256.test(m.divisions.sha256))
    return { field: 'divisions.sha256', rule: 'io.manifest.rule.sha256' };
  if (m.divisions.path !== null && typeof m.divisions.path !== 'string')
    return { field: 'divisions.path', rule: 'io.manifest.rule.textOrNull' };
  for (const table of ['county_attributes', 'funds_table'] as const) {
    const value = m[table];
    if (value === undefined || value === null) continue;
    if (!isObject(value)) return { field: table, rule: 'io.manifest.rule.object' };
    if (typeof value.path !== 'string' || value.path === '')
      return { field: `${table}.path`, rule: 'io.manifest.rule.text' };
    if (typeof value.sha256 !== 'string' || !SHA256.test(value.sha256))
      return { field: `${table}.sha256`, rule: 'io.manifest.rule.sha256' };
  }
  if (m.exclusions !== undefined) {
    if (!isObject(m.exclusions) || !Array.isArray(m.exclusions.sources) || !m.exclusions.sources.every(isObject))
      return { field: 'exclusions.sources', rule: 'io.manifest.rule.sources' };
  }
  if (m.commitment !== undefined && !isObject(m.commitment))
    return { field: 'commitment', rule: 'io.manifest.rule.object' };
  if (typeof m.created_at !== 'string' || !ISO_TIME.test(m.created_at))
    return { field: 'created_at', rule: 'io.manifest.rule.time' };
  return null;
}
