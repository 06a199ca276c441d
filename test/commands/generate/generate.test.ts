import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';

describe('generate', () => {
  it('reproduces the bundled demo registry byte for byte (the demo comes from the generator)', async () => {
    const out = join(tempDir(), 'demo.csv');
    const result = await cli([
      'generate',
      '--out',
      out,
      '--households',
      '1800',
      '--counties',
      '12',
      '--households-per-village',
      '15',
      '--poor-village-share',
      '0.5',
      '--seed',
      'spotcheck-demo',
      '--bom',
      '--crlf',
    ]);
    expect(result.status).toBe(0);
    expect(readFileSync(out).equals(readFileSync(DEMO))).toBe(true);
  });

  it('writes household-level, GBK and non-poor variants that spotcheck reads back', async () => {
    const dir = tempDir();
    const household = join(dir, 'household.csv');
    expect(
      (await cli(['generate', '--out', household, '--households', '400', '--layout', 'household', '--seed', 's']))
        .status,
    ).toBe(0);
    expect(readFileSync(household, 'utf8').split('\n')[0]).toMatch(/^household_id,prefecture,county_code/);
    const inspected = JSON.parse((await cli(['inspect', household, '--json'])).stdout);
    expect(inspected.files[0].layout).toBe('household');
    expect(inspected.summary.households.poor + inspected.summary.households.exited).toBe(400);

    const gbk = join(dir, 'gbk.csv');
    expect(
      (
        await cli([
          'generate',
          '--out',
          gbk,
          '--households',
          '200',
          '--encoding',
          'gbk',
          '--nonpoor-share',
          '0.3',
          '--with-codes',
          '--seed',
          's',
        ])
      ).status,
    ).toBe(0);
    const gbkSummary = JSON.parse((await cli(['inspect', gbk, '--json'])).stdout);
    expect(gbkSummary.files[0].encoding).toBe('gb18030');
    expect(gbkSummary.errors).toBe(0);
    expect(gbkSummary.summary.households.nonpoor).toBeGreaterThan(20);
    expect(
      gbkSummary.summary.households.poor + gbkSummary.summary.households.exited + gbkSummary.summary.households.nonpoor,
    ).toBe(200);
  });

  it('refuses to overwrite a file without --force', async () => {
    const out = join(tempDir(), 'x.csv');
    expect((await cli(['generate', '--out', out, '--households', '10'])).status).toBe(0);
    const again = await cli(['generate', '--out', out, '--households', '10']);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/the file exists; add --force/);
  });

  it('takes the last value of an option given twice, as it always has (inspect refuses a second one)', async () => {
    const out = join(tempDir(), 'twice.csv');
    const result = await cli(['generate', '--out', out, '--households', '10', '--households', '12', '--seed', 's']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/Wrote 12 synthetic households/);
    const inspect = await cli(['inspect', out, '--encoding', 'auto', '--encoding', 'utf-8']);
    expect(inspect.status).toBe(2);
    expect(inspect.stderr).toMatch(/--encoding/);
  });
});
