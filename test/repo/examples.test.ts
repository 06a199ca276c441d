/** examples/month.sh: a whole month at the four levels on the bundled registry, every draw verified. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

describe('examples/month.sh', () => {
  it('draws province, prefecture (and its funds check), county and township, each excluding the draws above, and verifies all', () => {
    const out = join(tempDir(), '2026-11');
    const result = spawnSync('bash', [join(ROOT, 'examples', 'month.sh'), '2026-11', out], {
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.match(/^verified: the draw is reproduced exactly$/gm)).toHaveLength(5);
    expect(result.stdout).toMatch(/draws\.ledger: 5 entries\nintact: head #5/);
    const column = (draw: string, file: string, name: string) =>
      (parse(readFileSync(join(out, draw, file), 'utf8'), { columns: true }) as Array<Record<string, string>>).map(
        (row) => row[name]!,
      );
    const villagesAbove = new Set<string>();
    for (const draw of ['province', 'prefecture', 'county', 'township']) {
      const villages = column(draw, 'villages.csv', 'village_key');
      for (const key of villages) expect(villagesAbove.has(key), `${draw} ${key}`).toBe(false);
      for (const key of villages) villagesAbove.add(key);
    }
    const provinceCounties = column('province', 'counties.csv', 'county_code');
    for (const code of [
      ...column('prefecture', 'counties.csv', 'county_code'),
      ...column('prefecture-funds', 'counties.csv', 'county_code'),
    ])
      expect(provinceCounties).not.toContain(code);
  });
});
