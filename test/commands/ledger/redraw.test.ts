/**
 * Issue 15, the month's workflow: a second draw of the same command, month, level and scope into a
 * ledger with another seed is found when it is made, not only by `ledger verify` later: refused
 * without --redraw-reason, and with it warned of and recorded in the ledger entry.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { localTime } from '../../../src/core/localTime.js';
import { cli, DEMO, tempDir } from '../../helpers.js';

const COUNTY = ['monthly', DEMO, '--month', '2026-11', '--level', 'county', '--scope', '永胜县'];
const REASON = '第一次摇号未公开直播';

const entries = (ledger: string) =>
  readFileSync(ledger, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('a second ledger entry of the same draw with another seed is a re-draw (issue 15)', () => {
  it('is refused without --redraw-reason, naming the earlier entry, seed and time; nothing is appended', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    expect((await cli([...COUNTY, '--seed', 'a', '--ledger', ledger])).status).toBe(0);
    const first = entries(ledger)[0];
    const refused = await cli([...COUNTY, '--seed', 'b', '--ledger', ledger, '--out', join(dir, 'd2')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(`ledger entry 1, a draw of the same month, level and scope (seed "a" SHA-256 `);
    // The earlier draw's time as people read it: Beijing time with its offset (the ledger keeps UTC).
    expect(refused.stderr).toContain(`made ${localTime(first.time)})`);
    expect(localTime(first.time)).toMatch(/ \+08:00$/);
    expect(entries(ledger)).toHaveLength(1);
    expect((await cli(['ledger', 'verify', ledger])).status).toBe(0);
  });

  it('with --redraw-reason warns on stderr and in the summary and records the reason in the entry', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    expect((await cli([...COUNTY, '--seed', 'a', '--ledger', ledger])).status).toBe(0);
    const first = entries(ledger)[0];
    const second = await cli([...COUNTY, '--seed', 'b', '--ledger', ledger, '--redraw-reason', REASON]);
    expect(second.status, second.stderr).toBe(0);
    for (const text of [second.stderr, second.stdout]) {
      expect(text).toContain('Warning: re-draw.');
      expect(text).toContain(`ledger entry 1, a draw of the same month, level and scope (seed "a" SHA-256 `);
      expect(text).toContain(`made ${localTime(first.time)}). Reason given: ${REASON}`);
    }
    const [, entry] = entries(ledger);
    expect(entry.parameters.redraw_reason).toBe(REASON);
    expect(entry.seed).toBe('b');
  });

  it('the same seed again, or another scope, is no re-draw', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    expect((await cli([...COUNTY, '--seed', 'a', '--ledger', ledger])).status).toBe(0);
    const same = await cli([...COUNTY, '--seed', 'a', '--ledger', ledger]);
    expect(same.status, same.stderr).toBe(0);
    expect(same.stderr + same.stdout).not.toContain('re-draw');
    const other = await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'b', '--ledger', ledger]);
    expect(other.status, other.stderr).toBe(0);
    expect(other.stderr + other.stdout).not.toContain('re-draw');
    expect(entries(ledger).map((entry) => entry.parameters.redraw_reason)).toEqual([undefined, undefined, undefined]);
  });
});
