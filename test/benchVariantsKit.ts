/**
 * Small samples of the benchmark's registry variants (issue 16), made at test time by the same
 * bench/variants.mjs code that makes the big files, from a small base written by `spotcheck
 * generate`: the differential tests then follow the shapes the benchmark measures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformText, VARIANTS } from '../bench/variants.mjs';
import { cli, tempDir } from './helpers.js';

/** The variants of the measured files (person-utf8 is only DuckDB's twin of person-gbk, the same text). */
const BENCH_VARIANTS = VARIANTS.filter((variant) => variant !== 'person-utf8');

const bases = new Map<string, Promise<string>>();
/** A household-level base registry as `bench/run.sh` makes it, only small (5 counties). */
export function benchBase(households: number): Promise<string> {
  const key = String(households);
  let base = bases.get(key);
  if (!base) {
    base = (async () => {
      const file = join(tempDir(), 'base.csv');
      const args = ['generate', '--out', file, '--households', key, '--layout', 'household', '--seed', 'bench'];
      const result = await cli([...args, '--counties', '5', '--households-per-village', '8']);
      if (result.status !== 0) throw new Error(`spotcheck generate failed: ${result.stderr}`);
      return readFileSync(file, 'utf8');
    })();
    bases.set(key, base);
  }
  return base;
}

/** Each variant of the base: its files (several for split) and their bytes, in the variant's encoding. */
export async function benchVariants(households: number): Promise<Map<string, Record<string, Buffer>>> {
  const base = await benchBase(households);
  return new Map(BENCH_VARIANTS.map((variant) => [variant, transformText(variant, base, 'bench')]));
}
