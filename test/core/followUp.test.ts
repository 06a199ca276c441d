/**
 * The follow-up rule of src/core/followUp.ts: open (整改情况 not 已整改) and 整改期限 before the
 * reference date; the rows matched by 问题编号 and checked against the month's recorded problems;
 * the open ones carried into the next month's list, numbers kept, checked and sealed like its own.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  carriedProblems,
  type FollowUpRow,
  followUpChecks,
  followUpReport,
  monthEnd,
  previousMonth,
  problemsSeal,
  type RecordedProblem,
  recordSealCheck,
  reportMonth,
  reportMonthCheck,
  sameHousehold,
} from '../../src/core/followUp.js';

const row = (line: number, deadline: string, status: string) => ({
  number: `2026-11-${String(line).padStart(4, '0')}`,
  household: `h${line}`,
  category: '',
  deadline,
  status,
  line,
});

describe('followUpReport', () => {
  it('lists open problems past their deadline, by deadline, and apart those whose deadline is not a day', () => {
    const report = followUpReport(
      [
        row(2, '2026-12-20', ''),
        row(3, '2026-12-01', '已整改'),
        row(4, '2026年12月5日', '整改中'),
        row(5, '2026-12-31', ''),
        row(6, '', ''),
        row(7, '下月', ''),
        row(8, '2027-01-01', ' 已整改 '),
      ],
      '2026-12-31',
    );
    expect(report.overdue.map(({ line, deadlineDay }) => [line, deadlineDay])).toEqual([
      [4, '2026-12-05'],
      [2, '2026-12-20'],
    ]);
    expect(report.unreadableDeadline.map(({ line }) => line)).toEqual([7]);
    expect([report.problems, report.open]).toEqual([7, 5]);
  });

  it('ends a month on its last day, February of a leap year included', () => {
    expect([monthEnd('2026-11'), monthEnd('2028-02'), monthEnd('2100-02'), monthEnd('2026-12')]).toEqual([
      '2026-11-30',
      '2028-02-29',
      '2100-02-28',
      '2026-12-31',
    ]);
  });
});

describe('followUpReport by 问题编号', () => {
  it('orders overdue problems of one deadline by number, not by the row they are on', () => {
    const rows = [
      { ...row(2, '2026-12-01', ''), number: '2026-11-0003' },
      { ...row(3, '2026-12-01', ''), number: '2026-11-0001' },
      { ...row(4, '2026-12-01', ''), number: '2026-11-10000' },
      { ...row(5, '2026-12-01', ''), number: '2026-11-9999' },
    ];
    expect(followUpReport(rows, '2026-12-31').overdue.map(({ number }) => number)).toEqual([
      '2026-11-0001',
      '2026-11-0003',
      '2026-11-9999',
      '2026-11-10000',
    ]);
  });
});

/** The record of four problems and the sheet as written back untouched (row 2 onwards). */
const RECORD: RecordedProblem[] = [
  { number: '2026-11-0001', household: '5326********0007', category: '政策落实' },
  { number: '2026-11-0002', household: '5309********0112', category: '' },
  { number: '2026-11-0003', household: '5301********0345', category: '帮扶措施' },
  { number: '2026-11-0004', household: '5325********0901', category: '=HYPERLINK("x")' },
];
const sheet = (): FollowUpRow[] =>
  RECORD.map((problem, index) => ({ ...problem, deadline: '', status: '', line: index + 2 }));

describe('followUpChecks', () => {
  it('finds nothing in the sheet as written, with or without the record', () => {
    expect(followUpChecks(sheet(), RECORD)).toEqual([]);
    expect(followUpChecks(sheet(), null)).toEqual([]);
  });

  it('finds a deleted row as its recorded problem missing, only with the record', () => {
    const rows = sheet().filter(({ number }) => number !== '2026-11-0003');
    expect(followUpChecks(rows, RECORD)).toEqual([
      { kind: 'missing', number: '2026-11-0003', household: '5301********0345', line: null, expected: '帮扶措施' },
    ]);
    expect(followUpChecks(rows, null)).toEqual([]);
  });

  it('finds an edited 户编号 or 问题类别 on its row, a blank, unknown or repeated number', () => {
    const rows = sheet();
    rows[0] = { ...rows[0]!, household: '5326********0008' };
    rows[1] = { ...rows[1]!, category: '其他' };
    rows[2] = { ...rows[2]!, number: '' };
    rows[3] = { ...rows[3]!, number: '2026-11-0099' };
    rows.push({ ...rows[0]!, household: '5326********0007', line: 9 });
    expect(followUpChecks(rows, RECORD)).toEqual([
      {
        kind: 'householdChanged',
        number: '2026-11-0001',
        household: '5326********0008',
        line: 2,
        got: '5326********0008',
        expected: '5326********0007',
      },
      {
        kind: 'categoryChanged',
        number: '2026-11-0002',
        household: '5309********0112',
        line: 3,
        got: '其他',
        expected: '',
      },
      { kind: 'unknownNumber', number: '', household: '5301********0345', line: 4, got: '' },
      { kind: 'unknownNumber', number: '2026-11-0099', household: '5325********0901', line: 5, got: '2026-11-0099' },
      { kind: 'duplicateNumber', number: '2026-11-0001', household: '5326********0007', line: 9, expected: '2' },
      { kind: 'missing', number: '2026-11-0003', household: '5301********0345', line: null, expected: '帮扶措施' },
      {
        kind: 'missing',
        number: '2026-11-0004',
        household: '5325********0901',
        line: null,
        expected: '=HYPERLINK("x")',
      },
    ]);
    // Without the record, only what the sheet alone shows: the blank and the repeated number.
    expect(followUpChecks(rows, null).map(({ kind, line }) => [kind, line])).toEqual([
      ['unknownNumber', 4],
      ['duplicateNumber', 9],
    ]);
  });

  it('finds nothing in any sorting of the sheet, and a deletion in any sorting', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray([2, 3, 4, 5], { minLength: 4, maxLength: 4 }), fc.nat(3), (lines, drop) => {
        const sorted = sheet().map((entry, index) => ({ ...entry, line: lines[index]! }));
        expect(followUpChecks(sorted, RECORD)).toEqual([]);
        const kept = sorted.filter((_, index) => index !== drop);
        const { number, household, category } = RECORD[drop]!;
        expect(followUpChecks(kept, RECORD)).toEqual([
          { kind: 'missing', number, household, line: null, expected: category },
        ]);
      }),
    );
  });

  it('finds every number not of the report month, with or without the record', () => {
    const rows = sheet();
    rows[1] = { ...rows[1]!, number: '2026-10-0002' };
    expect(followUpChecks(rows, RECORD, '2026-11').map(({ kind, number }) => [kind, number])).toEqual([
      ['unknownNumber', '2026-10-0002'],
      ['missing', '2026-11-0002'],
    ]);
    expect(followUpChecks(rows, null, '2026-11').map(({ kind, line }) => [kind, line])).toEqual([['unknownNumber', 3]]);
    // A 月份 changed on the 概要 sheet to a month without a record: every row is of another month.
    expect(followUpChecks(sheet(), null, '2026-10').map(({ kind, line }) => [kind, line])).toEqual([
      ['unknownNumber', 2],
      ['unknownNumber', 3],
      ['unknownNumber', 4],
      ['unknownNumber', 5],
    ]);
  });

  it('takes the report month from 概要, else from its first number by line', () => {
    const rows = sheet();
    expect(reportMonth('2026-12', rows)).toBe('2026-12');
    expect(reportMonth(null, rows)).toBe('2026-11');
    // A carried row (its 来源) first does not give the month, unless every numbered row is carried.
    const carriedFirst = [{ ...rows[0]!, number: '2026-10-0004', line: 1, carried: true }, ...rows];
    expect(reportMonth(null, carriedFirst)).toBe('2026-11');
    expect(reportMonth(null, carriedFirst.slice(0, 1))).toBe('2026-10');
    const shuffled = [
      { ...rows[0]!, number: '2026-09-0001', line: 7 },
      { ...rows[1]!, number: 'x', line: 1 },
      { ...rows[2]!, number: '2026-08-0001', line: 3 },
    ];
    expect(reportMonth(null, shuffled)).toBe('2026-08');
    expect(reportMonth(null, [{ ...rows[0]!, number: '0001' }])).toBeNull();
    expect(reportMonth(null, [{ ...rows[0]!, number: '2026-13-0001' }])).toBeNull();
  });

  it('compares a whole 户编号 with a masked one by its masked form, two whole ones exactly', () => {
    expect(sameHousehold('530722195906154156', '5307**********4156')).toBe(true);
    expect(sameHousehold('5307**********4156', '530722195906154156')).toBe(true);
    expect(sameHousehold('530722195906154156', '5307**********4157')).toBe(false);
    expect(sameHousehold('530722195906154156', '530722195906154157')).toBe(false);
    expect(sameHousehold('530722195906154156', '530799999999994156')).toBe(false);
  });
});

describe('what counts as 已整改', () => {
  it('closes 已整改 with white space around it (full-width and no-break included), nothing else', () => {
    const statuses = ['已整改', ' 已整改 ', '\u3000已整改\u3000', '已整改\u00a0', '已整改\n'];
    const open = ['已 整改', '已整改。', '已整改\u200b', '已经整改', '已整改（待验收）', '整改中', ''];
    const report = followUpReport(
      [...statuses, ...open].map((status, index) => row(index + 2, '2026-12-01', status)),
      '2026-12-31',
    );
    expect(report.open).toBe(open.length);
    expect(report.overdue.map(({ status }) => status)).toEqual(open);
  });
});

describe('the report month against the run month', () => {
  it('steps back a month across a year', () => {
    expect(['2027-01', '2026-12', '2026-10'].map(previousMonth)).toEqual(['2026-12', '2026-11', '2026-09']);
  });

  it('follows up last month’s report (the run month’s without a ledger), and finds an older or a later one', () => {
    expect(reportMonthCheck('2026-11', '2026-12')).toBeNull();
    expect(reportMonthCheck('2026-12', '2026-12')).toBeNull();
    expect(reportMonthCheck(null, '2026-12')).toBeNull();
    expect(reportMonthCheck('2026-10', null)).toBeNull();
    expect(reportMonthCheck('2026-10', '2026-12')).toEqual({
      kind: 'otherMonth',
      number: '',
      household: '',
      line: null,
      got: '2026-10',
      expected: '2026-11',
    });
    expect(reportMonthCheck('2027-01', '2026-12')?.kind).toBe('otherMonth');
    expect(reportMonthCheck('2025-12', '2026-01')).toBeNull();
    // With a ledger, this month's report can have no record in it: a finding too.
    expect(reportMonthCheck('2026-11', '2026-12', true)).toBeNull();
    expect(reportMonthCheck('2026-12', '2026-12', true)?.kind).toBe('otherMonth');
  });
});

describe('the seal of a problem list', () => {
  const list: RecordedProblem[] = [
    { number: '2026-11-0001', household: '5325**********0078', category: '政策落实' },
    { number: '2026-11-0002', household: '5328********0001', category: '帮扶措施' },
  ];

  it('is the same in any order and with the households whole or masked', () => {
    const seal = problemsSeal(list);
    expect(seal).toMatch(/^[0-9a-f]{64}$/);
    expect(problemsSeal([...list].reverse())).toBe(seal);
    expect(problemsSeal([{ ...list[0]!, household: '532522194506060078' }, list[1]!])).toBe(seal);
    expect(problemsSeal([{ ...list[0]!, category: ' 政策落实 ' }, list[1]!])).toBe(seal);
  });

  it('changes when a problem is dropped, renumbered or its category or household changed', () => {
    const seal = problemsSeal(list);
    const edits: RecordedProblem[][] = [
      [list[1]!],
      [],
      [{ ...list[0]!, number: '2026-11-0003' }, list[1]!],
      [{ ...list[0]!, category: '其他' }, list[1]!],
      [{ ...list[0]!, household: '5399**********0078' }, list[1]!],
    ];
    for (const edited of edits) expect(problemsSeal(edited)).not.toBe(seal);
  });

  it('finds a record whose problems do not give the report’s seal or its own, and nothing unsealed', () => {
    const seal = problemsSeal(list);
    expect(recordSealCheck(list, seal, seal)).toBeNull();
    expect(recordSealCheck(list, null, seal.toUpperCase())).toBeNull();
    expect(recordSealCheck(list, null, null)).toBeNull();
    expect(recordSealCheck(null, null, null)).toBeNull();
    expect(recordSealCheck([], null, seal)).toMatchObject({
      kind: 'recordMismatch',
      got: problemsSeal([]),
      expected: seal,
    });
    expect(recordSealCheck(null, null, seal)).toMatchObject({ kind: 'recordMismatch', got: '', expected: seal });
    expect(recordSealCheck(list.slice(1), seal, null)).toMatchObject({ kind: 'recordMismatch', expected: seal });
    expect(recordSealCheck(list, null, '')).toMatchObject({ kind: 'recordMismatch', expected: '' });
  });
});

describe('open problems carried into the next month (carriedProblems)', () => {
  /** December's report as returned in January: two of its own, November's 0003 carried into it. */
  const december: FollowUpRow[] = [
    {
      number: '2026-12-0001',
      household: 'h1',
      category: '政策落实',
      deadline: '2027-01-10',
      status: '整改中',
      line: 2,
    },
    {
      number: '2026-12-0002',
      household: 'h2',
      category: '帮扶措施',
      deadline: '2027-01-05',
      status: '已整改',
      line: 3,
    },
    {
      number: '2026-11-0003',
      household: 'h3',
      category: '收入核算',
      deadline: '2026-12-10',
      status: '整改中',
      line: 4,
      description: '台账缺失',
      county: '禄劝县',
      carried: true,
    },
  ];
  const record: RecordedProblem[] = december.map(({ number, household, category }) => ({
    number,
    household,
    category,
  }));

  it('carries every open problem with its number, 整改期限 and 整改情况, and not one put right', () => {
    const carried = carriedProblems(december, record, '2026-12');
    expect(carried.map(({ number, deadline, status, line }) => [number, deadline, status, line])).toEqual([
      ['2026-11-0003', '2026-12-10', '整改中', 4],
      ['2026-12-0001', '2027-01-10', '整改中', 2],
    ]);
    expect(carried[0]).toMatchObject({
      household: 'h3',
      category: '收入核算',
      description: '台账缺失',
      county: '禄劝县',
    });
    // A report of the run's own month (followed up without --history) carries none of that month's
    // numbers into it, which its own list holds: only the ones carried into it.
    expect(carriedProblems(december, null, '2026-12', '2026-12').map(({ number }) => number)).toEqual(['2026-11-0003']);
    expect(carriedProblems(december, record, '2026-12', '2027-01')).toEqual(carried);
    // Without the record, the same rows (the carried one by its 来源).
    expect(carriedProblems(december, null, '2026-12').map(({ number }) => number)).toEqual([
      '2026-11-0003',
      '2026-12-0001',
    ]);
    // Carried again (January's report as returned in February), a problem keeps its number.
    const january = carriedProblems(
      carried.map((problem, index) => ({ ...problem, line: index + 2, carried: true })),
      null,
      '2027-01',
    );
    expect(january.map(({ number, deadline }) => [number, deadline])).toEqual([
      ['2026-11-0003', '2026-12-10'],
      ['2026-12-0001', '2027-01-10'],
    ]);
  });

  it('carries a recorded problem whose row was deleted, open, and no row the record or month does not hold', () => {
    const rows = [
      december[1]!,
      { ...december[2]! },
      { ...december[0]!, number: '2026-12-0009', line: 5 },
      { ...december[0]!, number: '', line: 6 },
      { ...december[2]!, number: '2026-10-0001', line: 7, carried: false },
      { ...december[2]!, line: 8, status: '' },
    ];
    expect(carriedProblems(rows, record, '2026-12').map(({ number, status, line }) => [number, status, line])).toEqual([
      ['2026-11-0003', '整改中', 4],
      ['2026-12-0001', '', null],
    ]);
    expect(carriedProblems(rows, null, '2026-12').map(({ number }) => number)).toEqual([
      '2026-11-0003',
      '2026-12-0009',
    ]);
  });

  it('accepts a carried number in the next follow-up when the record or the row says it was carried', () => {
    expect(followUpChecks(december, record, '2026-12')).toEqual([]);
    expect(followUpChecks(december, null, '2026-12')).toEqual([]);
    const unmarked = december.map((problem) => ({ ...problem, carried: false }));
    expect(followUpChecks(unmarked, null, '2026-12').map(({ kind, number }) => [kind, number])).toEqual([
      ['unknownNumber', '2026-11-0003'],
    ]);
    // Not in the record (its carried list): a finding, as is a carried row deleted or edited.
    expect(followUpChecks(december, record.slice(0, 2), '2026-12').map(({ kind, number }) => [kind, number])).toEqual([
      ['unknownNumber', '2026-11-0003'],
    ]);
    expect(followUpChecks(december.slice(0, 2), record, '2026-12').map(({ kind, number }) => [kind, number])).toEqual([
      ['missing', '2026-11-0003'],
    ]);
    const edited = [...december.slice(0, 2), { ...december[2]!, household: 'h9', category: '其他' }];
    expect(followUpChecks(edited, record, '2026-12').map(({ kind }) => kind)).toEqual([
      'householdChanged',
      'categoryChanged',
    ]);
    // A later month's number is never carried.
    const later = [...december, { ...december[2]!, number: '2027-01-0001', line: 9 }];
    expect(followUpChecks(later, null, '2026-12').map(({ kind, line }) => [kind, line])).toEqual([
      ['unknownNumber', 9],
    ]);
  });

  it('carries the same problems, in the same order, however the county sorted the sheet', () => {
    const expected = carriedProblems(december, record, '2026-12').map(({ line, ...problem }) => problem);
    fc.assert(
      fc.property(fc.shuffledSubarray([2, 3, 4], { minLength: 3, maxLength: 3 }), (lines) => {
        const sorted = december.map((problem, index) => ({ ...problem, line: lines[index]! }));
        for (const recorded of [record, null])
          expect(carriedProblems(sorted, recorded, '2026-12').map(({ line, ...problem }) => problem)).toEqual(
            recorded === null ? carriedProblems(december, null, '2026-12').map(({ line, ...rest }) => rest) : expected,
          );
      }),
    );
  });

  it('seals the carried problems with the month’s own', () => {
    const own = record.slice(0, 2);
    expect(problemsSeal(record)).not.toBe(problemsSeal(own));
    expect(problemsSeal(own)).toBe(problemsSeal([...own].reverse()));
    expect(recordSealCheck(own, null, problemsSeal(record))).toMatchObject({ kind: 'recordMismatch' });
    expect(recordSealCheck(record, problemsSeal(record), problemsSeal(record))).toBeNull();
  });
});
