/** The follow-up rule of src/core/followUp.ts: open (整改情况 not 已整改) and 整改期限 before the reference date. */
import { describe, expect, it } from 'vitest';
import { followUpReport, monthEnd } from '../../src/core/followUp.js';

const row = (line: number, deadline: string, status: string) => ({
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
