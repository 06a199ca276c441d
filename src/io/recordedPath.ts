/**
 * Where verify looks for a file a manifest names (issue 13: "verify reads only what the draw
 * names, where the user put it"). The rule: a path recorded in a manifest (inputs[].path,
 * divisions.path, funds_table.path, county_attributes.path, exclusions sources) must be relative
 * and is resolved from the manifest's folder; it may go up (`../registry.csv` is the normal case),
 * but an absolute path, or one with a control character, is refused (exit 2). Files named this way
 * are hashed before they are parsed, so verify never parses, nor quotes in a message, a file whose
 * SHA-256 is not the recorded one; with --registry/--divisions the user names the files instead.
 */
import { isAbsolute, resolve, win32 } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { msg } from '../i18n.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: a manifest path with a control character is refused
const CONTROL = /[\x00-\x1f\x7f]/;

export function recordedPath(base: string, path: string, what: string): string {
  if (typeof path !== 'string' || path === '' || isAbsolute(path) || win32.isAbsolute(path) || CONTROL.test(path)) {
    throw new SpotcheckError('MANIFEST', msg('safety.manifestPath', { path: String(path), what }));
  }
  return resolve(base, path);
}
