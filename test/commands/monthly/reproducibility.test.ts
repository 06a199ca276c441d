/** The tests "reproducibility across row order, file split and encoding" from test/e2e.test.ts (moved, issue 14). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { DRAW, demoLines } from '../../demoDrawKit.js';

/** A deterministic shuffle (no Math.random in this project, tests included). */
function shuffled<T>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, order: (index * 2654435761) % 4294967296 }))
    .sort((a, b) => a.order - b.order)
    .map((entry) => entry.item);
}

describe('reproducibility across row order, file split and encoding', () => {
  let expected: unknown;
  let dir: string;
  const tables = (stdout: string) => {
    const { counties, villages, households } = JSON.parse(stdout);
    return { counties, villages, households };
  };
  beforeAll(async () => {
    dir = tempDir();
    expected = tables((await cli(['monthly', DEMO, ...DRAW, '--json'])).stdout);
  });

  it('a shuffled registry gives the identical sample', async () => {
    const { header, rows } = demoLines();
    writeFileSync(join(dir, 'shuffled.csv'), `${[header, ...shuffled(rows)].join('\n')}\n`);
    expect(tables((await cli(['monthly', join(dir, 'shuffled.csv'), ...DRAW, '--json'])).stdout)).toEqual(expected);
  });

  it('a registry split into county files, given in any order, gives the identical sample', async () => {
    const { header, rows } = demoLines();
    const byCounty = new Map<string, string[]>();
    for (const row of rows) byCounty.set(row.split(',')[0]!, [...(byCounty.get(row.split(',')[0]!) ?? []), row]);
    const files = [...byCounty.entries()].map(([_county, countyRows], index) => {
      const path = join(dir, `part-${index}.csv`);
      writeFileSync(path, `${[header, ...countyRows].join('\r\n')}\r\n`);
      return path;
    });
    expect(files.length).toBe(12);
    expect(tables((await cli(['monthly', ...files.reverse(), ...DRAW, '--json'])).stdout)).toEqual(expected);
  });

  it('the same registry in GBK (as Excel on Chinese Windows saves it) gives the identical sample', async () => {
    const text = readFileSync(DEMO, 'utf8').replace(/^\ufeff/, '');
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(text, 'gbk'));
    const result = await cli(['monthly', join(dir, 'gbk.csv'), ...DRAW, '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).manifest.inputs[0].encoding).toBe('gb18030');
    expect(tables(result.stdout)).toEqual(expected);
    const forced = await cli(['monthly', join(dir, 'gbk.csv'), ...DRAW, '--json', '--encoding', 'utf-8']);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(/not valid UTF-8.*\n.*--encoding gbk/);
  });
});
