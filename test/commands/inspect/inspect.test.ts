/** The tests "inspect" from test/e2e.test.ts (moved, issue 14). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';

describe('inspect', () => {
  it('summarises the registry and lists problems with file and line (exit 1 when there are errors)', async () => {
    const clean = await cli(['inspect', DEMO]);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/10 prefectures · 12 counties · 16 townships · 112 villages \(68 poor villages\)/);
    expect(clean.stdout).toMatch(/households: 未脱贫 279 · 已脱贫 1,521 · 非贫困户 0/);
    expect(clean.stdout).toMatch(/No data problems/);
    const dir = tempDir();
    const path = join(dir, 'bad.csv');
    writeFileSync(
      path,
      '户编号,人编号,与户主关系,行政县,乡镇,行政村,脱贫属性\nH1,P1,户主,元阳县,新街镇,甲村,已脱贫\nH1,P2,之子,元阳县,新街镇,乙村,已脱贫\nH2,P3,之子,元阳县,新街镇,甲村,未脱贫\n',
    );
    const bad = await cli(['inspect', path]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(
      /error\s+.*bad\.csv:3: household H1 is in village .*甲村 at bad\.csv:2 but in .*乙村 here/,
    );
    expect(bad.stdout).toMatch(
      /error\s+.*bad\.csv:4: household H2 has no 户主 row \(与户主关系 = 户主\); every household needs exactly one/,
    );
    const json = JSON.parse((await cli(['inspect', path, '--json'])).stdout);
    expect(json.errors).toBe(2);
  });
});
