/** The tests "--spares" from test/coordination.test.ts (moved, issue 14). */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { csv, column } from '../wenshanKit.js';

describe('--spares', () => {
  it('writes the next households of each village in ticket order to spares.csv, and verify re-checks it', async () => {
    const out = join(tempDir(), 'draw');
    const result = await cli([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--seed',
      'spares',
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--spares',
      '2',
      '--out',
      out,
    ]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(
      /Spares: 8 \(up to 2 per village, in spares\.csv\)\. Use them in spare_order, only when a sampled household of the same village cannot be checked/,
    );
    const spares = csv(join(out, 'spares.csv'));
    const households = csv(join(out, 'households.csv'));
    expect(spares.length).toBe(8); // 4 villages × 2
    for (const spare of spares) expect(households.map((row) => row.household_id)).not.toContain(spare.household_id);
    for (const village of new Set(spares.map((row) => row.village_key))) {
      const ofVillage = spares.filter((row) => row.village_key === village);
      expect(ofVillage.map((row) => row.spare_order)).toEqual(['1', '2']);
      const lastSampled = Math.max(
        ...households.filter((row) => row.village_key === village).map((row) => Number(row.rank)),
      );
      expect(ofVillage.map((row) => Number(row.rank))).toEqual([lastSampled + 1, lastSampled + 2]);
      expect(ofVillage[0]!.证件号码).toMatch(/\*{10}/);
    }
    expect((await cli(['verify', out])).status).toBe(0);
    // More households per village with the same seed: the spares are exactly what is added.
    const more = join(tempDir(), 'more');
    expect(
      (
        await cli([
          'monthly',
          DEMO,
          '--month',
          '2026-11',
          '--seed',
          'spares',
          '--level',
          'county',
          '--scope',
          '永胜县',
          '--households',
          '7',
          '--out',
          more,
        ])
      ).status,
    ).toBe(0);
    const extended = column(join(more, 'households.csv'), 'household_id');
    expect(new Set(extended)).toEqual(
      new Set([...households.map((row) => row.household_id!), ...spares.map((row) => row.household_id!)]),
    );
  });
});
