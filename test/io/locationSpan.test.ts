/**
 * Pass 1 tells a record of the previous record's location by one comparison of the bytes its
 * location fields span, when they stand side by side unquoted (TallySink.sameSpan in
 * src/io/scanPass1.ts). Differential: any mix of quoted and unquoted location cells, names with
 * commas (quoted), names and codes that run into each other across the comma, any row order — the
 * frame must be the one pass 1 builds from the same rows with every cell quoted (which never takes
 * that path), and the one csv-parse's records give.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDivisions } from '../../src/io/load.js';
import { scanRegistry } from '../../src/io/scanPass1.js';
import { ROOT, tempDir } from '../helpers.js';

const quote = (cell: string) => `"${cell.replaceAll('"', '""')}"`;

/** The demo registry's header and rows (cells split: it has no quotes). */
function demo(): { header: string; rows: string[][] } {
  const [header, ...lines] = readFileSync(join(ROOT, 'fixtures', 'demo-registry.csv'), 'utf8')
    .replace(/^\ufeff/, '')
    .trimEnd()
    .split(/\r?\n/);
  return { header: header!, rows: lines.map((line) => line.split(',')) };
}

/** What a test compares of a scan: the frame and the problems (not the inputs: their hashes differ). */
async function scanned(text: string) {
  const path = join(tempDir(), 'registry.csv');
  writeFileSync(path, text);
  const { table } = await loadDivisions(null);
  const registry = await scanRegistry([path], { encoding: 'auto', columns: {}, divisions: table });
  return { frame: registry.frame, problems: registry.problems, errorCount: registry.errorCount };
}

describe('a location told by its bytes (the span of its side-by-side fields)', () => {
  it('builds the frame that the same rows, every cell quoted, build', async () => {
    const { header, rows } = demo();
    // The location columns (行政县, 乡镇, 行政村) are 0–2: side by side.
    const villages = [...new Set(rows.map((row) => row.slice(0, 3).join('\u0000')))].map((key) => key.split('\u0000'));
    // Edits of one location's cells that keep the span's bytes apart only by where a comma falls,
    // or put a comma inside a (quoted) cell.
    const edit = fc.constantFrom(
      'none',
      'none',
      'none',
      'move-char-left',
      'move-char-right',
      'comma-inside',
      'empty-township',
    );
    // A cell is quoted one time in four: most rows' location fields stand side by side unquoted.
    const row = fc.record({
      template: fc.nat({ max: rows.length - 1 }),
      quoted: fc.array(
        fc.nat({ max: 3 }).map((pick) => pick === 0),
        { minLength: 3, maxLength: 3 },
      ),
      edit,
    });
    // Runs of rows of one village (a sorted file: the span path's case), then perhaps shuffled.
    const run = fc.record({
      village: fc.nat({ max: villages.length - 1 }),
      rows: fc.array(row, { minLength: 1, maxLength: 30 }),
    });
    let compared = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(run, { minLength: 1, maxLength: 20 }),
        fc.boolean(),
        fc.nat(),
        async (runs, shuffle, salt) => {
          const plans = runs.flatMap(({ village, rows: planned }) => planned.map((plan) => ({ village, ...plan })));
          const ordered = shuffle
            ? [...plans].sort((a, b) => ((a.template * 7919 + salt) % 101) - ((b.template * 7919 + salt) % 101))
            : plans;
          const lines: string[][] = [];
          const quotedFlags: boolean[][] = [];
          ordered.forEach(({ village, template, quoted, edit }, index) => {
            const location = [...villages[village]!];
            if (edit === 'move-char-left' && location[1]!.length > 1) {
              location[0] = location[0]! + location[1]![0]!;
              location[1] = location[1]!.slice(1);
            } else if (edit === 'move-char-right' && location[0]!.length > 1) {
              location[1] = location[0]!.at(-1)! + location[1]!;
              location[0] = location[0]!.slice(0, -1);
            } else if (edit === 'comma-inside') location[2] = `${location[2]},${location[1]}`;
            else if (edit === 'empty-township') location[1] = '';
            const row = [...location, ...rows[template]!.slice(3)];
            // A household of its own: the row's 户编号 and 人编号 made unique.
            row[4] = `53${String(index).padStart(14, '0')}`;
            row[5] = `${row[4]}01`;
            lines.push(row);
            quotedFlags.push(location.map((cell, column) => quoted[column]! || cell.includes(',')));
          });
          const mixed = lines
            .map((row, index) =>
              row.map((cell, column) => (column < 3 && quotedFlags[index]![column] ? quote(cell) : cell)).join(','),
            )
            .join('\n');
          const allQuoted = lines.map((row) => row.map(quote).join(',')).join('\n');
          const fast = await scanned(`${header}\n${mixed}\n`);
          const reference = await scanned(`${header}\n${allQuoted}\n`);
          expect(fast).toEqual(reference);
          compared += lines.length;
        },
      ),
      { numRuns: 60 },
    );
    expect(compared).toBeGreaterThan(60 * 20);
  });
});
