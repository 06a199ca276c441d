/** The tests "§20 guard and unguard (property)" from test/safety-formulas.test.ts (moved, issue 14). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { guardCell, startsFormula, unguardCell, unguardColumn } from '../../src/core/spreadsheetText.js';

const FORMULA_CHARACTERS = ['=', '+', '-', '@', '\t', '\r', "'"];

describe('§20 guard and unguard (property)', () => {
  const hostileText = fc.oneof(
    fc.string(),
    fc.tuple(fc.constantFrom(...FORMULA_CHARACTERS), fc.string()).map(([first, rest]) => first + rest),
    fc
      .tuple(fc.constantFrom("'", "''"), fc.constantFrom(...FORMULA_CHARACTERS), fc.string())
      .map(([quotes, first, rest]) => quotes + first + rest),
    fc.double({ noNaN: true }).map(String),
  );

  it('unguard(guard(x)) = x, and guard(x) never starts a formula', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        expect(unguardCell(guardCell(text))).toBe(text);
        expect(startsFormula(guardCell(text))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a guarded column reads back exactly; a column that starts a formula is read as written', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 12 }), (column) => {
        expect(unguardColumn(column.map(guardCell))).toEqual(column);
        if (column.some(startsFormula)) expect(unguardColumn(column)).toEqual(column);
      }),
      { numRuns: 500 },
    );
  });

  it('negative numbers stay numbers; the six formula starts and the apostrophe are guarded', () => {
    expect(['-3', '-0.25', '-5e-7', '-.5'].map(guardCell)).toEqual(['-3', '-0.25', '-5e-7', '-.5']);
    expect(['=1', '+1', '-1+1', '@A1', '\tx', '\rx', "'x", '-'].map(guardCell)).toEqual([
      "'=1",
      "'+1",
      "'-1+1",
      "'@A1",
      "'\tx",
      "'\rx",
      "''x",
      "'-",
    ]);
  });
});
