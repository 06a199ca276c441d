/**
 * The integrity checks of returns against their draw (src/core/findings.ts): each finding kind on
 * a small draw, nothing on a clean return, and the counts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDate, type DrawnHousehold, findFindings, type ReturnedRow } from '../../src/core/findings.js';

const DRAW = 'd/households.csv';
const SPARES = 'd/spares.csv';
const RETURN = 'r.csv';

/** Village A: samples a1, a2 and spares as1, as2; village B: sample b1 and spare bs1. */
const drawn: DrawnHousehold[] = [
  { id: 'a1', role: 'sample', group: 'A', spareOrder: null, source: { file: DRAW, line: 2 } },
  { id: 'a2', role: 'sample', group: 'A', spareOrder: null, source: { file: DRAW, line: 3 } },
  { id: 'b1', role: 'sample', group: 'B', spareOrder: null, source: { file: DRAW, line: 4 } },
  { id: 'as1', role: 'spare', group: 'A', spareOrder: 1, source: { file: SPARES, line: 2 } },
  { id: 'as2', role: 'spare', group: 'A', spareOrder: 2, source: { file: SPARES, line: 3 } },
  { id: 'bs1', role: 'spare', group: 'B', spareOrder: 1, source: { file: SPARES, line: 4 } },
];

let line = 1;
const row = (id: string, result = '无问题', extra: Partial<ReturnedRow> = {}): ReturnedRow => ({
  id,
  result,
  checker: '张三',
  date: '2026-11-05',
  replaces: null,
  source: { file: RETURN, line: ++line },
  ...extra,
});
const clean = () => {
  line = 1;
  return [row('a1'), row('a2', '有问题'), row('b1')];
};
const kinds = (rows: ReturnedRow[], month: string | null = '2026-11') =>
  findFindings(drawn, rows, month).findings.map((finding) => [finding.kind, finding.household, finding.source.line]);

describe('findFindings', () => {
  it('finds nothing on a clean return, and counts checked, reached and with problems', () => {
    const report = findFindings(drawn, clean(), '2026-11');
    expect(report.findings).toEqual([]);
    expect(report.counts).toEqual({ checked: 3, reached: 3, withProblems: 1 });
  });

  it('finds nothing when a spare in order stands for an unreachable household (with and without replaces)', () => {
    const rows = clean();
    rows[0] = { ...rows[0]!, result: '未能入户' };
    expect(kinds([...rows, row('as1')])).toEqual([]);
    expect(kinds([...rows, row('as1', '无问题', { replaces: 'a1' })])).toEqual([]);
    // An unreachable spare may itself be replaced by the next one.
    expect(kinds([...rows, row('as1', '未能入户'), row('as2')])).toEqual([]);
    expect(findFindings(drawn, [...rows, row('as1')], '2026-11').counts).toEqual({
      checked: 4,
      reached: 3,
      withProblems: 1,
    });
  });

  it('a returned household that was not drawn (swapped) and one returned twice', () => {
    expect(kinds([...clean(), row('zz'), row('b1')])).toEqual([
      ['notDrawn', 'zz', 5],
      ['duplicate', 'b1', 6],
    ]);
  });

  it('a drawn household written in other characters (full-width, invisible, x for X, ="…", an apostrophe) is said so, not called swapped; it stays missing', () => {
    const wide = (text: string) => [...text].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
    const rows = clean();
    for (const written of [wide('a2'), 'a\u200b2', '\ufeffa2', 'A2', '="a2"', "'a2"]) {
      rows[1] = { ...rows[1]!, id: written };
      expect(kinds(rows)).toEqual([
        ['missing', 'a2', 3],
        ['idNotAsDrawn', written, 3],
      ]);
    }
    // A number stored by Excel (digits lost) says so; a household of no draw stays not drawn.
    expect(kinds([...clean(), row('5304000000000000', '无问题', { idAsNumber: true }), row('zz')])).toEqual([
      ['idStoredAsNumber', '5304000000000000', 5],
      ['notDrawn', 'zz', 6],
    ]);
  });

  it('a drawn household missing from the return is found at its line in the draw; one returned without a result at its line in the return', () => {
    const rows = clean();
    expect(kinds([rows[0]!, rows[2]!])).toEqual([['missing', 'a2', 3]]);
    expect(kinds([rows[0]!, { ...rows[1]!, result: ' ' }, rows[2]!])).toEqual([['missing', 'a2', 3]]);
    expect(findFindings(drawn, [rows[0]!, rows[2]!], null).findings[0]!.source.file).toBe(DRAW);
    expect(findFindings(drawn, [rows[0]!, { ...rows[1]!, result: '' }, rows[2]!], null).findings[0]!.source.file).toBe(
      RETURN,
    );
  });

  it('a spare used without an unreachable household of its village', () => {
    expect(kinds([...clean(), row('as1')])).toEqual([['spareWithoutUnreachable', 'as1', 5]]);
    // Unreachable in village B does not allow a spare of village A.
    const rows = clean();
    rows[2] = { ...rows[2]!, result: '未能入户' };
    expect(kinds([...rows, row('as1')])).toEqual([['spareWithoutUnreachable', 'as1', 5]]);
    // replaces naming a household that was reached.
    rows[0] = { ...rows[0]!, result: '未能入户' };
    expect(kinds([...rows, row('as1', '无问题', { replaces: 'a2' })])).toEqual([['spareWithoutUnreachable', 'as1', 6]]);
  });

  it('one unreachable household is replaced by one spare only; a spare never replaces itself (adversarial pass)', () => {
    const who = (returned: ReturnedRow[]) => kinds(returned).map(([kind, household]) => [kind, household]);
    const rows = clean();
    rows[0] = { ...rows[0]!, result: '未能入户' };
    // Two spares both naming a1: the second has no unreachable household left to stand for.
    expect(who([...rows, row('as1', '无问题', { replaces: 'a1' }), row('as2', '无问题', { replaces: 'a1' })])).toEqual([
      ['spareWithoutUnreachable', 'as2'],
    ]);
    // One without replaces (standing for a1), the next naming a1 too.
    expect(who([...rows, row('as1'), row('as2', '无问题', { replaces: 'a1' })])).toEqual([
      ['spareWithoutUnreachable', 'as2'],
    ]);
    // A spare marked 未能入户 that names itself: not an unreachable household of the draw's sample.
    expect(who([...clean(), row('as1', '未能入户', { replaces: 'as1' })])).toEqual([
      ['spareWithoutUnreachable', 'as1'],
    ]);
    // Two unreachable households, two spares naming them in turn: nothing.
    rows[1] = { ...rows[1]!, result: '未能入户' };
    expect(who([...rows, row('as1', '无问题', { replaces: 'a2' }), row('as2', '无问题', { replaces: 'a1' })])).toEqual(
      [],
    );
    expect(who([...rows, row('as1', '无问题', { replaces: 'a2' }), row('as2')])).toEqual([]);
  });

  it('a spare used out of spare order', () => {
    const rows = clean();
    rows[0] = { ...rows[0]!, result: '未能入户' };
    const found = findFindings(drawn, [...rows, row('as2')], '2026-11').findings;
    expect(found.map((finding) => [finding.kind, finding.household, finding.got])).toEqual([
      ['spareOutOfOrder', 'as2', '1'],
    ]);
  });

  it('a result outside the agreed list, a date outside the month, a missing 核查人', () => {
    line = 1;
    expect(
      kinds([row('a1', '没问题'), row('a2', '无问题', { date: '2026-10-31' }), row('b1', '有问题', { checker: '  ' })]),
    ).toEqual([
      ['resultInvalid', 'a1', 2],
      ['dateOutsideMonth', 'a2', 3],
      ['checkerMissing', 'b1', 4],
    ]);
    line = 1;
    expect(kinds([row('a1', '无问题', { date: '' }), row('a2', '无问题', { date: '2026-11-31' }), row('b1')])).toEqual([
      ['dateOutsideMonth', 'a1', 2],
      ['dateOutsideMonth', 'a2', 3],
    ]);
    // No month: dates are not checked.
    line = 1;
    expect(kinds([row('a1', '无问题', { date: '' }), row('a2'), row('b1')], null)).toEqual([]);
  });

  it('a return whose dates are mostly in another month is a finding of its own, at its first row, quoting both months', () => {
    const october = { date: '2026-10-20' };
    const rows = (dates: Partial<ReturnedRow>[]) => {
      line = 1;
      return [row('a1', '无问题', dates[0]), row('a2', '有问题', dates[1]), row('b1', '无问题', dates[2])];
    };
    const all = findFindings(drawn, rows([october, october, { date: '2026/10/3' }]), '2026-11').findings;
    expect(all.filter((finding) => finding.kind === 'returnFromOtherMonth')).toEqual([
      {
        kind: 'returnFromOtherMonth',
        household: 'a1',
        source: { file: RETURN, line: 2 },
        got: '2026-10',
        expected: '2026-11',
      },
    ]);
    expect(all.filter((finding) => finding.kind === 'dateOutsideMonth')).toHaveLength(3);
    // Mostly (2 of 3 dated rows) is enough; an undated row does not count either way.
    expect(kinds(rows([october, october, {}]))).toContainEqual(['returnFromOtherMonth', 'a1', 2]);
    expect(kinds(rows([october, october, { date: '' }]))).toContainEqual(['returnFromOtherMonth', 'a1', 2]);
    // One row of three in another month, or a tie, is not: only the rows' dates are findings.
    expect(kinds(rows([october, {}, {}]))).toEqual([['dateOutsideMonth', 'a1', 2]]);
    expect(kinds(rows([october, {}, { date: '' }])).map(([kind]) => kind)).not.toContain('returnFromOtherMonth');
    // Judged per return: a second file in the right month is not flagged.
    line = 1;
    const inOctober = [row('a1', '无问题', october), row('a2', '有问题', october)];
    const other = { ...row('b1', '无问题'), source: { file: 's.csv', line: 2 } };
    const split = findFindings(drawn, [...inOctober, other], '2026-11');
    expect(split.findings.filter((finding) => finding.kind === 'returnFromOtherMonth').map((f) => f.source)).toEqual([
      { file: RETURN, line: 2 },
    ]);
    // No month: not checked.
    expect(kinds(rows([october, october, october]), null)).toEqual([]);
  });

  it('findings do not depend on the order of the returned rows (file and line order)', () => {
    line = 1;
    const rows = [row('zz'), row('a1', '没问题'), row('as2'), row('b1', '无问题', { checker: '' })];
    const expected = findFindings(drawn, rows, '2026-11');
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }), (shuffled) => {
        expect(findFindings(drawn, shuffled, '2026-11')).toEqual(expected);
      }),
    );
  });
});

describe('checkDate', () => {
  it('reads the forms inspectors write, and refuses days that do not exist', () => {
    expect(checkDate('2026-11-05')).toBe('2026-11-05');
    expect(checkDate('2026/11/5')).toBe('2026-11-05');
    expect(checkDate('2026.11.5')).toBe('2026-11-05');
    expect(checkDate('2026年11月5日')).toBe('2026-11-05');
    expect(checkDate('2024-02-29')).toBe('2024-02-29');
    expect(checkDate('2026-02-29')).toBeNull();
    expect(checkDate('2026-13-01')).toBeNull();
    expect(checkDate('11/5')).toBeNull();
    expect(checkDate('')).toBeNull();
  });
});
