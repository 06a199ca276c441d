/**
 * Helpers shared by commands/commit/force.test.ts and io/drawDirectory.test.ts (moved from
 * test/safety-force.test.ts, issue 14).
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** SHA-256 of every file under `dir` (hidden ones included), by relative path. */
export function hashes(dir: string, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(out, hashes(path, `${prefix}${entry.name}/`));
    else out[`${prefix}${entry.name}`] = createHash('sha256').update(readFileSync(path)).digest('hex');
  }
  return out;
}
