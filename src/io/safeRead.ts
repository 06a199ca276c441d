/**
 * Reading a small file spotcheck was pointed at (a manifest, a plan, a ledger, a commitment, an
 * exclusion list), bounded (issue 13, "resource bombs"): only a regular file is read (never a FIFO,
 * /dev/zero or another device: it is opened non-blocking and checked before any byte is read), and
 * only up to a size limit; JSON in it may nest at most MAX_JSON_DEPTH deep. Each refusal is a
 * SpotcheckError with the caller's code (exit 2). The limits are stated in the README.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { SpotcheckError, type ErrorCode } from '../errors.js';
import { msg } from '../i18n.js';
import { jsonTooDeep, MAX_JSON_DEPTH } from '../core/safeText.js';

const MiB = 1024 * 1024;
/** The size limits, in bytes. */
export const LIMITS = Object.freeze({
  manifest: 16 * MiB,
  plan: 1 * MiB,
  commitment: 1 * MiB,
  ledger: 64 * MiB,
  list: 64 * MiB,
});

const FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

function refuse(code: ErrorCode, path: string, isFile: boolean, size: number, limit: number): void {
  if (!isFile)
    throw new SpotcheckError(code, msg('safety.notRegularFile'), {
      file: path,
      hint: msg('safety.notRegularFileHint'),
    });
  if (size > limit) throw new SpotcheckError(code, msg('safety.tooLarge', { bytes: size, limit }), { file: path });
}

/**
 * The bytes of a regular file of at most `limit` bytes. Errors of the file system (ENOENT, EACCES,
 * EISDIR …) are thrown as they are, for the caller's own message; a file that is not regular or too
 * large is refused with `code`.
 */
export async function readRegularFile(path: string, limit: number, code: ErrorCode): Promise<Buffer> {
  const handle = await open(path, FLAGS);
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    refuse(code, path, info.isFile(), info.size, limit);
    // Read at most limit + 1 bytes: a file that grows while read is still bounded.
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let filled = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    refuse(code, path, true, filled, limit);
    return buffer.subarray(0, filled);
  } finally {
    await handle.close();
  }
}

/** readRegularFile, synchronously. */
export function readRegularFileSync(path: string, limit: number, code: ErrorCode): Buffer {
  const fd = openSync(path, FLAGS);
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw Object.assign(new Error('EISDIR'), { code: 'EISDIR' });
    refuse(code, path, info.isFile(), info.size, limit);
    const buffer = Buffer.alloc(Math.min(info.size, limit) + 1);
    let filled = 0;
    for (;;) {
      const bytesRead = readSync(fd, buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
      if (filled === buffer.length) break;
    }
    refuse(code, path, true, filled, limit);
    return buffer.subarray(0, filled);
  } finally {
    closeSync(fd);
  }
}

/** Keys that could reach an object's prototype, refused in a plan at any depth. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * JSON.parse, bounded: nesting deeper than MAX_JSON_DEPTH is refused before parsing; with
 * refuseProtoKeys, a key __proto__, constructor or prototype anywhere is refused, naming it.
 * Throws SpotcheckError(code) for those; a syntax error is thrown as JSON.parse throws it.
 */
export function parseJsonBounded(text: string, file: string, code: ErrorCode, refuseProtoKeys = false): unknown {
  if (jsonTooDeep(text)) throw new SpotcheckError(code, msg('safety.jsonTooDeep', { max: MAX_JSON_DEPTH }), { file });
  if (!refuseProtoKeys) return JSON.parse(text);
  return JSON.parse(text, function (key: string, value: unknown) {
    if (FORBIDDEN_KEYS.has(key) && !Array.isArray(this))
      throw new SpotcheckError(code, msg('safety.forbiddenKey', { key }), {
        file,
        hint: msg('safety.forbiddenKeyHint'),
      });
    return value;
  });
}
