/** The tests "single-file outputs" from test/safety-force.test.ts (moved, issue 14). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { hashes } from '../../forceKit.js';

describe('single-file outputs', () => {
  it('commit --out FILE --force does not overwrite the plan it was made from', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), '{"monthly":{"level":"county","scope":"永胜县"}}\n');
    const before = hashes(dir);
    const result = await cli(
      [
        'commit',
        DEMO,
        '--month',
        '2026-11',
        '--plan',
        'plan.json',
        '--seed-procedure',
        'dice',
        '--out',
        'plan.json',
        '--force',
      ],
      { cwd: dir },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /plan\.json: this file is read by the draw \(plan\.json\) and is never replaced by an output/,
    );
    expect(hashes(dir)).toEqual(before);
  });
});
