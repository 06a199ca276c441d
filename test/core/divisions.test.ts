import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { buildDivisionTable } from '../../src/core/divisions.js';
import { YUNNAN_COUNTIES_CSV } from '../../src/data/yunnanCounties.js';
import { loadDivisions } from '../../src/io/load.js';
import { TOOL_VERSION } from '../../src/version.js';
import { cli, ROOT, tempDir, writeCsv } from '../helpers.js';

const normalise = (text: string) => text.replace(/\r\n/g, '\n').trimEnd();

describe('division tables', () => {
  it('the bundled table is the copy in fixtures/divisions and in the shared reference data', async () => {
    expect(normalise(YUNNAN_COUNTIES_CSV)).toBe(
      normalise(readFileSync(join(ROOT, 'fixtures', 'divisions', 'yunnan-counties.csv'), 'utf8')),
    );
    const shared = join(ROOT, '..', 'shared', 'data', 'yunnan-counties.csv');
    if (existsSync(shared)) expect(normalise(YUNNAN_COUNTIES_CSV)).toBe(normalise(readFileSync(shared, 'utf8')));
    const { table } = await loadDivisions(null);
    expect(new Set(table.counties.map((county) => county.prefectureCode)).size).toBe(16);
    expect(table.counties).toHaveLength(129);
    expect(table.counties.filter((county) => county.povertyCounty)).toHaveLength(88);
  });

  it('the bundled table, read without csv-parse (start-up), is the table csv-parse reads from it', async () => {
    // What lets a plain split read it: no quote, carriage return, BOM or empty line in the text.
    expect(YUNNAN_COUNTIES_CSV).not.toMatch(/["\r\ufeff]|\n\n/);
    const records = parse(YUNNAN_COUNTIES_CSV, { bom: true, skip_empty_lines: true, relax_column_count: false });
    const loaded = await loadDivisions(null);
    expect(loaded.table).toEqual(buildDivisionTable(records, 'bundled:yunnan-counties'));
    expect(loaded.sha256).toBe(createHash('sha256').update(YUNNAN_COUNTIES_CSV, 'utf8').digest('hex'));
  });

  it('--divisions reads another province’s table', async () => {
    const dir = tempDir();
    const table = writeCsv(dir, 'guizhou.csv', [
      ['prefecture_code', 'prefecture', 'county_code', 'county'],
      ['520600', '铜仁市', '520603', '万山区'],
    ]);
    const registry = writeCsv(dir, 'r.csv', [
      ['户编号', '行政县', '乡镇', '行政村', '脱贫属性'],
      ['H1', '万山区', '谢桥街道', '龙田村', '已脱贫'],
    ]);
    const result = await cli([
      'monthly',
      registry,
      '--month',
      '2026-11',
      '--seed',
      's',
      '--divisions',
      table,
      '--json',
    ]);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.counties[0]).toMatchObject({ prefecture: '铜仁市', county_code: '520603' });
    expect(parsed.manifest.parameters.divisions).toBe('guizhou.csv');
    expect((await cli(['monthly', registry, '--month', '2026-11', '--seed', 's'])).stderr).toMatch(
      /county "万山区" is not in the division table/,
    );
  });

  it('the tool version equals package.json', () => {
    expect(TOOL_VERSION).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
  });
});
