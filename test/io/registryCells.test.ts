/**
 * Pass 2 keeps each drawn village's households' registry rows as the JSON of their cells
 * (src/io/scanPass2.ts, VillageHouseholds.rows); `registryCells` must give back what `keptRow` kept, every cell exactly,
 * whatever it holds: nothing of a row is lost on its way to the output.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keptRow, registryCells, type VillageHouseholds } from '../../src/io/scanPass2.js';

describe('registryCells', () => {
  it('gives back any cells exactly: quotes, backslashes, commas, line breaks, NUL, U+2028, lone surrogates, Chinese', () => {
    const hostile = fc.constantFrom(
      '"',
      '\\',
      ',',
      '\n',
      '\r\n',
      '\u0000',
      '\u2028',
      '\ud800',
      '\udfff',
      '户主',
      '0',
      '',
      ' ',
    );
    const cell = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.array(hostile, { maxLength: 6 }).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 25 }), fc.nat(), fc.nat(), (cells, file, record) => {
        const chosen = {
          rows: new Map([[`${file}:${record}`, keptRow(cells)]]),
        } as unknown as VillageHouseholds;
        expect(registryCells(chosen, file, record)).toEqual(cells);
      }),
      { numRuns: 500 },
    );
  });
});
