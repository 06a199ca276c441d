/** The tests "§20 guard and unguard (property)" from test/safety-formulas.test.ts (moved, issue 14). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fragileNumber, guardCell, startsFormula, unguardCell, unguardColumn } from '../../src/core/spreadsheetText.js';

const FORMULA_CHARACTERS = ['=', '+', '-', '@', '\t', '\r', "'"];

describe('§20 guard and unguard (property)', () => {
  const hostileText = fc.oneof(
    fc.string(),
    fc.tuple(fc.constantFrom(...FORMULA_CHARACTERS), fc.string()).map(([first, rest]) => first + rest),
    fc
      .tuple(fc.constantFrom("'", "''"), fc.constantFrom(...FORMULA_CHARACTERS), fc.string())
      .map(([quotes, first, rest]) => quotes + first + rest),
    fc.double({ noNaN: true }).map(String),
    // IDs (version 2): digit strings of 1 to 20 digits, some led by 0, some behind apostrophes or with a tail
    fc
      .tuple(
        fc.constantFrom('', "'", "''", '0', '00'),
        fc.stringMatching(/^[0-9]{1,20}$/),
        fc.constantFrom('', '\n', 'x', '.5'),
      )
      .map(([head, digits, tail]) => head + digits + tail),
  );

  it('unguard(guard(x)) = x for both versions, guard(x) never starts a formula, and version 2 leaves no fragile number', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        for (const version of [1, 2] as const) {
          expect(unguardCell(guardCell(text, version))).toBe(text);
          expect(startsFormula(guardCell(text, version))).toBe(false);
        }
        expect(fragileNumber(guardCell(text))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('a guarded column reads back exactly; a column that starts a formula is read as written', () => {
    fc.assert(
      fc.property(fc.array(hostileText, { minLength: 1, maxLength: 12 }), (column) => {
        expect(unguardColumn(column.map((text) => guardCell(text)))).toEqual(column);
        if (column.some(startsFormula)) expect(unguardColumn(column)).toEqual(column);
      }),
      { numRuns: 500 },
    );
  });

  it('negative numbers stay numbers; the six formula starts and the apostrophe are guarded', () => {
    expect(['-3', '-0.25', '-5e-7', '-.5'].map((text) => guardCell(text))).toEqual(['-3', '-0.25', '-5e-7', '-.5']);
    expect(['=1', '+1', '-1+1', '@A1', '\tx', '\rx', "'x", '-'].map((text) => guardCell(text))).toEqual([
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

  it('version 2 guards 12 or more ASCII digits and 2 or more led by 0; version 1 and other numbers are left alone', () => {
    const ids = ['530426101201', '5304261012010001', '530426101201000101', '0012', '00', '012345678901234567'];
    expect(ids.map((text) => guardCell(text))).toEqual(ids.map((id) => `'${id}`));
    expect(ids.map((text) => guardCell(text, 1))).toEqual(ids);
    const numbers = ['53042610120', '0', '2014', '0.5', '1e15', '５３０４２６１０１２０１'];
    expect(numbers.map((text) => guardCell(text))).toEqual(numbers);
    // a version-1 file holds no cell ' + digits, so reading it with the one unguard is exact
    expect(["''5304261012010001", "'=5304261012010001"].map(unguardCell)).toEqual([
      "'5304261012010001",
      '=5304261012010001',
    ]);
  });
});
