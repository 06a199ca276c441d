/** The tests "plan files" from test/safety-hostile.test.ts (moved, issue 14). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
import { DRAW } from '../hostileKit.js';

describe('plan files', () => {
  it('__proto__, constructor and prototype keys are refused at any depth, naming the key', async () => {
    const dir = tempDir();
    const cases: Array<[string, string]> = [
      ['{"__proto__": {"excel": true}}', '__proto__'],
      ['{"monthly": {"constructor": {"prototype": {"x": 1}}}}', 'prototype'],
      ['{"constructor": 1}', 'constructor'],
      ['{"columns": {"__proto__": "户号"}}', '__proto__'],
    ];
    for (const [content, key] of cases) {
      writeFileSync(join(dir, 'plan.json'), content);
      const result = await cli([...DRAW, '--plan', join(dir, 'plan.json')]);
      expect(result.status, content).toBe(2);
      expect(result.stderr, content).toMatch(/^spotcheck: error: .*plan\.json: /);
      expect(result.stderr, content).toContain(`"${key}"`);
      expect(result.stdout).toBe('');
    }
  });

  it('a plan that sets reveal_ids is announced on stderr, in the summary and in --json', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ reveal_ids: true }));
    const result = await cli([...DRAW, '--plan', join(dir, 'plan.json'), '--out', join(dir, 'draw')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: the plan file .*plan\.json sets reveal_ids/);
    expect(result.stdout).toMatch(/ID numbers not masked: reveal_ids set by the plan file .*plan\.json/);
    const json = await cli([...DRAW, '--plan', join(dir, 'plan.json'), '--json']);
    expect(json.status, json.stderr).toBe(0);
    expect(json.stderr).toMatch(/sets reveal_ids/);
    expect(JSON.parse(json.stdout).ids_revealed_by_plan).toMatch(/plan\.json$/);
    // Chosen on the command line, it is the user's own choice: no warning.
    const flag = await cli([...DRAW, '--plan', join(dir, 'plan.json'), '--reveal-ids']);
    expect(flag.stderr).toBe('');
  });
});
