/** The tests "--excel" from test/publish.test.ts (moved, issue 14). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../../helpers.js';
import { DRAW } from '../../outputDrawKit.js';

describe('--excel', () => {
  it('writes CSV with a UTF-8 byte-order mark and CRLF, which verifies', async () => {
    const out = join(tempDir(), 'draw');
    expect((await cli([...DRAW, '--out', out, '--excel'])).status).toBe(0);
    for (const name of ['counties.csv', 'villages.csv', 'households.csv']) {
      const bytes = readFileSync(join(out, name));
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = bytes.toString('utf8');
      expect(text.split('\r\n').length).toBeGreaterThan(2);
      expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    }
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).parameters.excel).toBe(true);
    expect((await cli(['verify', out])).status).toBe(0);
  });
});
