/**
 * Issue 18, second part (src/core/findings.ts): 问题类别 against the committee's list, the counts by
 * village, category and area (problemCounts), by level (combineDraws), and the --history trend
 * (month order, a same-month, later or repeated month refused).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  combineDraws,
  type DrawnHousehold,
  findFindings,
  historyTrend,
  problemCounts,
  type ReturnedRow,
} from '../../src/core/findings.js';

const area = (prefecture: string, county: string, village: string) => ({ prefecture, county, village });
const household = (id: string, village: string, county: string, prefecture: string, line: number): DrawnHousehold => ({
  id,
  role: 'sample',
  group: village,
  spareOrder: null,
  source: { file: 'd/households.csv', line },
  area: area(prefecture, county, village),
});
/** Villages V1, V2 (county C1 of prefecture P1) and V3 (county C2 of prefecture P2). */
const drawn = [
  household('h1', 'V1', 'C1', 'P1', 2),
  household('h2', 'V1', 'C1', 'P1', 3),
  household('h3', 'V2', 'C1', 'P1', 4),
  household('h4', 'V3', 'C2', 'P2', 5),
  household('h5', 'V3', 'C2', 'P2', 6),
];
const row = (id: string, result: string, category: string | null, line: number): ReturnedRow => ({
  id,
  result,
  checker: '张三',
  date: '2026-11-05',
  replaces: null,
  category,
  source: { file: 'r.csv', line },
});
const LIST = ['识别不精准', '帮扶不到位'];
const returned = [
  row('h1', '有问题', '识别不精准', 2),
  row('h2', '有问题', '帮扶不到位', 3),
  row('h3', '未能入户', '', 4),
  row('h4', '有问题', '识别不精准', 5),
  row('h5', '无问题', '', 6),
];

describe('问题类别 against the list', () => {
  it('finds a category outside the list, or none, on a 有问题 row, with its line; nothing on a clean return', () => {
    expect(findFindings(drawn, returned, '2026-11', LIST).findings).toEqual([]);
    const bad = [...returned];
    bad[1] = row('h2', '有问题', '乱填', 3);
    bad[3] = row('h4', '有问题', ' ', 5);
    bad[4] = row('h5', '无问题', '乱填', 6); // not a problem row: its category is not checked
    expect(
      findFindings(drawn, bad, '2026-11', LIST).findings.map((finding) => [
        finding.kind,
        finding.source.line,
        finding.got,
      ]),
    ).toEqual([
      ['categoryInvalid', 3, '乱填'],
      ['categoryInvalid', 5, ''],
    ]);
    // Without a list, or a return without a 问题类别 column (null), nothing is checked.
    expect(findFindings(drawn, bad, '2026-11', null).findings).toEqual([]);
    const noColumn = bad.map((entry) => ({ ...entry, category: null }));
    expect(findFindings(drawn, noColumn, '2026-11', LIST).findings).toEqual([]);
  });
});

describe('problemCounts', () => {
  it('counts villages checked, reached and with problems, and problems by category, prefecture and county', () => {
    expect(problemCounts(drawn, returned)).toEqual({
      villagesChecked: 3,
      villagesReached: 2,
      villagesWithProblems: 2,
      byCategory: { 帮扶不到位: 1, 识别不精准: 2 },
      byPrefecture: { P1: 2, P2: 1 },
      byCounty: { C1: 2, C2: 1 },
    });
  });

  it('counts a problem without a category under —, and ignores households not drawn and second rows', () => {
    const counts = problemCounts(drawn, [
      row('h1', '有问题', null, 2),
      row('h1', '有问题', '识别不精准', 3),
      row('x9', '有问题', '识别不精准', 4),
    ]);
    expect(counts.byCategory).toEqual({ '—': 1 });
    expect(counts.villagesChecked).toBe(1);
  });

  it('does not depend on the order of the returned rows (property)', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(returned, { minLength: returned.length }), (shuffled) => {
        expect(problemCounts(drawn, shuffled)).toEqual(problemCounts(drawn, returned));
      }),
    );
  });
});

describe('combineDraws', () => {
  it('sums the draws and counts problems by the level of their draw', () => {
    const part = (level: string, withProblems: number) => ({
      level,
      counts: { checked: 10, reached: 9, withProblems },
      problems: {
        villagesChecked: 2,
        villagesReached: 2,
        villagesWithProblems: 1,
        byCategory: { 识别不精准: withProblems },
        byPrefecture: { P1: withProblems },
        byCounty: { [level]: withProblems },
      },
    });
    const month = combineDraws([part('province', 3), part('county', 2), part('county', 0)]);
    expect(month.byLevel).toEqual({ county: 2, province: 3 });
    expect([month.checked, month.reached, month.withProblems, month.villagesChecked]).toEqual([30, 27, 5, 6]);
    expect(month.byCategory).toEqual({ 识别不精准: 5 });
    expect(month.byCounty).toEqual({ county: 2, province: 3 });
  });
});

describe('historyTrend', () => {
  const month = (name: string, withProblems: number, file = `h/${name}.json`) => ({
    month: name,
    checked: 10,
    withProblems,
    findings: 1,
    file,
  });
  const current = { month: '2026-12', checked: 20, withProblems: 4, findings: 0 };

  it('puts the earlier months in month order, then this month, and sums the problems', () => {
    const trend = historyTrend(current, [month('2026-11', 3), month('2026-09', 1), month('2026-10', 2)]);
    expect(trend).toMatchObject({ ok: true, cumulativeProblems: 10, cumulativeChecked: 50 });
    expect(trend.ok && trend.months.map((entry) => entry.month)).toEqual(['2026-09', '2026-10', '2026-11', '2026-12']);
  });

  it('refuses a history file of the same or a later month, and a month given twice', () => {
    expect(historyTrend(current, [month('2026-11', 1), month('2026-12', 1)])).toEqual({
      ok: false,
      reason: 'notEarlier',
      file: 'h/2026-12.json',
      month: '2026-12',
    });
    expect(historyTrend(current, [month('2027-01', 1)])).toMatchObject({ ok: false, reason: 'notEarlier' });
    expect(historyTrend(current, [month('2026-10', 1, 'a.json'), month('2026-10', 2, 'b.json')])).toEqual({
      ok: false,
      reason: 'repeated',
      file: 'b.json',
      month: '2026-10',
    });
  });
});
