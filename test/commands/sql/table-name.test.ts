/** The tests "sql --table" from test/safety-hostile.test.ts (moved, issue 14). */
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers.js';
import { ESC, noRawEscape } from '../../hostileKit.js';

describe('sql --table', () => {
  it('a table name with a newline or another control character is refused', async () => {
    for (const name of ['registry\nDROP TABLE x; --', 'reg\rx', `reg${ESC}[2J`]) {
      const result = await cli(['sql', '--dialect', 'duckdb', '--table', name]);
      expect(result.status, name).toBe(2);
      expect(result.stderr).toMatch(/--table must not contain control characters/);
      noRawEscape(result);
    }
    const nonpoor = await cli(['sql', '--dialect', 'duckdb', '--mode', 'evaluate', '--nonpoor-table', 'np\nx']);
    expect(nonpoor.status).toBe(2);
  });
});
