/** The tests "personal data" from test/hardening.test.ts (moved, issue 14). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { maskIdentifier, maskRow } from '../../../src/core/privacy.js';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';
import { DRAW, SEED, ID_NUMBER } from '../../countyDrawKit.js';

describe('personal data', () => {
  it('masks ID numbers and phone numbers by their length', () => {
    expect(maskIdentifier('530722195906154156')).toBe('5307**********4156');
    expect(maskIdentifier('53072219590615415X')).toBe('5307**********415X');
    expect(maskIdentifier('13812345678')).toBe('138****5678');
    expect(maskIdentifier('8812345')).toBe('88***45');
    expect(maskIdentifier('123456')).toBe('******');
    expect(maskIdentifier('  ')).toBe('');
    const layout = {
      header: ['姓名', '证件号码', '联系电话', '村', '身份证号', '手机号'],
      columns: { name: 0, id_number: 1, phone: 2 },
    } as unknown as Parameters<typeof maskRow>[1];
    // The recognised columns, and every other column whose header names an ID or a phone number.
    expect(
      maskRow(['张三', '530722195906154156', '13812345678', 'x', '530722195906154156', '13900001111'], layout),
    ).toEqual(['张三', '5307**********4156', '138****5678', 'x', '5307**********4156', '139****1111']);
  });

  it('households.csv and --json hold masked IDs by default, unmasked with --reveal-ids; the manifest holds none', async () => {
    const dir = tempDir();
    const masked = await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', join(dir, 'masked'), '--json']);
    expect(masked.status).toBe(0);
    const rows = parse(readFileSync(join(dir, 'masked', 'households.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows.length).toBe(20);
    for (const row of rows) expect(row.证件号码).toMatch(/^[0-9]{4}\*{10}[0-9X]{4}$/);
    expect(masked.stdout).not.toMatch(ID_NUMBER);
    expect(JSON.parse(masked.stdout).households[0].registry.证件号码).toMatch(/^[0-9]{4}\*{10}/);
    const manifest = readFileSync(join(dir, 'masked', 'manifest.json'), 'utf8');
    expect(manifest).not.toMatch(ID_NUMBER);
    for (const row of rows) expect(manifest).not.toContain(row.姓名);
    expect(JSON.parse(manifest).parameters.reveal_ids).toBe(false);

    const revealed = await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', join(dir, 'revealed'), '--reveal-ids']);
    expect(revealed.status).toBe(0);
    const full = parse(readFileSync(join(dir, 'revealed', 'households.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(full.map((row) => row.户编号)).toEqual(rows.map((row) => row.户编号));
    for (const row of full) expect(row.证件号码).toMatch(/^[0-9]{17}[0-9X]$/);
    expect(revealed.stdout).not.toMatch(ID_NUMBER);
    // Both verify: the manifest records whether IDs were revealed.
    expect((await cli(['verify', join(dir, 'masked')])).status).toBe(0);
    expect((await cli(['verify', join(dir, 'revealed')])).status).toBe(0);
  });

  it('draws written by spotcheck 0.1.0 (before masking) still verify', async () => {
    for (const name of readdirSync(join(ROOT, 'test', 'legacy'))) {
      const result = await cli(['verify', join(ROOT, 'test', 'legacy', name)]);
      expect(result.stdout, name).toMatch(/verified: the draw is reproduced exactly/);
      expect(result.status, name).toBe(0);
    }
  });
});
