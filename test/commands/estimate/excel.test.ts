/**
 * The tests "estimate reads a frame returned from Excel exactly" from test/safety-formulas.test.ts (moved, issue
 * 14).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardCell } from '../../../src/core/spreadsheetText.js';
import { cli, ROOT, tempDir } from '../../helpers.js';
import { readCsv } from '../formulasKit.js';

describe('estimate reads a frame returned from Excel exactly', () => {
  it('the same frame with formula-like labels, raw and through the guard (BOM, CRLF, IDs as text), gives the same estimates', async () => {
    const dir = tempDir('spotcheck-formulas-estimate-');
    const [header, ...rows] = readCsv(join(ROOT, 'fixtures', 'eval-results.csv'));
    const stratum = header!.indexOf('county_stratum');
    const status = header!.indexOf('household_stratum');
    // Labels an insider could plant in the registry: every stratum and status begins a formula.
    const hostile = rows.map((row) =>
      row.map((cell, index) => (index === stratum ? `=${cell}` : index === status ? `@${cell}` : cell)),
    );
    const csv = (table: string[][], eol: string) =>
      table
        .map((row) => row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(','))
        .join(eol) + eol;
    const raw = join(dir, 'raw.csv');
    const guarded = join(dir, 'guarded.csv');
    writeFileSync(raw, csv([header!, ...hostile], '\n'));
    writeFileSync(
      guarded,
      `\ufeff${csv(
        [header!, ...hostile].map((row) => row.map((cell) => guardCell(cell))),
        '\r\n',
      )}`,
    );
    expect(readFileSync(guarded, 'utf8')).toContain("'=");
    // guard version 2 (issue 15): household IDs and village codes behind the apostrophe too
    expect(readFileSync(guarded, 'utf8')).toMatch(/,'[0-9]{16},/);
    expect(readFileSync(guarded, 'utf8')).toMatch(/,'[0-9]{12},/);
    const estimate = async (path: string) =>
      await cli(['estimate', path, '--measure', '识别准确=是', '--by', 'status', '--json']);
    const [fromRaw, fromGuarded] = [await estimate(raw), await estimate(guarded)];
    expect(fromRaw.status, fromRaw.stderr).toBe(0);
    expect(fromGuarded.status, fromGuarded.stderr).toBe(0);
    const { frame: _guardedPath, ...guardedEstimates } = JSON.parse(fromGuarded.stdout);
    const { frame: _rawPath, ...rawEstimates } = JSON.parse(fromRaw.stdout);
    expect(guardedEstimates).toEqual(rawEstimates);
    expect(fromGuarded.stdout).toContain('"@poor"');
  });
});
