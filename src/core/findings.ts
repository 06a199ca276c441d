/**
 * The integrity checks of a month's returns against its draw (issue 18, first part): what came back
 * is compared with what was drawn, household by household. Plain data in, plain findings out; the
 * files are read by src/commands/findings/. The spare rule checked is the one the draw prints
 * (README, "--spares N"): spares are used in spare_order, only for a household marked unreachable.
 */

import {
  type EstimationRow,
  estimateProportion,
  type IntervalKind,
  intervalRule,
  type ProportionEstimate,
} from './estimate.js';
import { varianceUnits } from './varianceUnits.js';

/** The results a returned row may hold (the check workbook's drop-down list for 核查结果). */
const CHECK_RESULTS = ['无问题', '有问题', '未能入户'] as const;
const UNREACHABLE = '未能入户';
const PROBLEM = '有问题';
const NO_PROBLEM = '无问题';

/** Where a row is: the file (or sheet) and its line. */
export interface RowSource {
  readonly file: string;
  readonly line: number;
}

/** A household as the draw recorded it: a sampled one (households.csv / frame.csv) or a spare (spares.csv). */
export interface DrawnHousehold {
  readonly id: string;
  readonly role: 'sample' | 'spare';
  /** The units spares are ordered within: the village (monthly), the village and status (evaluate). */
  readonly group: string;
  /** The spare's spare_order (1, 2 …); null for a sampled household. */
  readonly spareOrder: number | null;
  readonly source: RowSource;
  /** Where it lives (households.csv's prefecture, county and village_key); absent when not recorded. */
  readonly area?: HouseholdArea;
}

/** A household's prefecture, county and village, as the draw recorded them. */
export interface HouseholdArea {
  readonly prefecture: string;
  readonly county: string;
  readonly village: string;
}

/** A returned row: the household and what the inspector wrote. */
export interface ReturnedRow {
  readonly id: string;
  /** 核查结果 as written ('' when empty: the household was not checked). */
  readonly result: string;
  readonly checker: string;
  readonly date: string;
  /** The household a spare replaces (a `replaces` / 替代户编号 column), null when the return has none. */
  readonly replaces: string | null;
  /** 问题类别 as written; null or absent when the return has no such column. */
  readonly category?: string | null;
  /** 问题描述 as written; null or absent when the return has no such column. */
  readonly description?: string | null;
  /** True when 户编号 was a number of 16 digits or more in a workbook (Excel keeps 15: digits lost). */
  readonly idAsNumber?: boolean;
  readonly source: RowSource;
}

export type FindingKind =
  | 'notDrawn'
  | 'idStoredAsNumber'
  | 'idNotAsDrawn'
  | 'duplicate'
  | 'missing'
  | 'spareWithoutUnreachable'
  | 'spareOutOfOrder'
  | 'resultInvalid'
  | 'dateOutsideMonth'
  | 'checkerMissing'
  | 'categoryInvalid'
  | 'returnFromOtherMonth';

/** One finding: its kind, the household, the row it is about and what was got. */
export interface Finding {
  readonly kind: FindingKind;
  readonly household: string;
  readonly source: RowSource;
  /** What was written (a result, a date), or the spare order expected; absent when nothing is quoted. */
  readonly got?: string;
  /** What was expected instead (the draw's month, for a return from another month); absent otherwise. */
  readonly expected?: string;
}

export interface FindingsCounts {
  /** Drawn households with a result in the return. */
  readonly checked: number;
  /** Of those, reached (无问题 or 有问题). */
  readonly reached: number;
  /** Of those, with a problem (有问题). */
  readonly withProblems: number;
}

export interface FindingsReport {
  readonly findings: readonly Finding[];
  readonly counts: FindingsCounts;
}

/**
 * A check date as typed (2026-11-05, 2026/11/5, 2026.11.5, 2026年11月5日) as YYYY-MM-DD when it is
 * a day of the Gregorian calendar; null otherwise.
 */
export function checkDate(text: string): string | null {
  const match = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (match === null) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (days === undefined || day < 1 || day > days) return null;
  return `${match[1]}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/**
 * The returns (files, or workbook sheets) dated in another month: those whose valid 核查日期 are
 * mostly (more than half of them) in one month other than `month`. One finding each, at the return's
 * first row, quoting that month and the expected one; the rows' own dates are findings too
 * (dateOutsideMonth).
 */
function returnsFromOtherMonth(returned: readonly ReturnedRow[], month: string): Finding[] {
  const byFile = new Map<string, ReturnedRow[]>();
  for (const row of returned) byFile.set(row.source.file, [...(byFile.get(row.source.file) ?? []), row]);
  const findings: Finding[] = [];
  for (const rows of byFile.values()) {
    const months = rows.flatMap((row) => {
      const date = checkDate(row.date);
      return date === null ? [] : [date.slice(0, 7)];
    });
    const tally = new Map<string, number>();
    for (const dated of months) tally.set(dated, (tally.get(dated) ?? 0) + 1);
    const [mostly, count] = [...tally.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? ['', 0];
    if (mostly === month || count * 2 <= months.length) continue;
    const first = rows.reduce((a, b) => (b.source.line < a.source.line ? b : a));
    findings.push({
      kind: 'returnFromOtherMonth',
      household: first.id,
      source: first.source,
      got: mostly,
      expected: month,
    });
  }
  return findings;
}

/**
 * A household number as a person would read it: Unicode compatibility forms folded (NFKC: full-width
 * digits and letters), invisible format characters (zero-width space, byte-order mark) and spaces
 * dropped, Excel's text formula ="…" or a leading apostrophe unwrapped, letters upper-cased. Only to say why a returned number is not the draw's; never to match.
 */
const looseId = (id: string) =>
  id
    .normalize('NFKC')
    .replace(/[\p{Cf}\s]/gu, '')
    .replace(/^="(.*)"$|^'(.*)$/s, '$1$2')
    .toUpperCase();

const bySource = (a: Finding, b: Finding) =>
  a.source.file < b.source.file
    ? -1
    : a.source.file > b.source.file
      ? 1
      : a.source.line - b.source.line || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0);

/**
 * The findings of the returned rows against the drawn households, and the counts. `month`
 * (YYYY-MM) is the month the checks must be dated in; null skips the date check. Findings come in
 * file and line order, whatever the order of the rows given. `categories` is the committee's list
 * of 问题类别: a row marked 有问题 in a return with a 问题类别 column must name one of them (null: not
 * checked).
 */
export function findFindings(
  drawn: readonly DrawnHousehold[],
  returned: readonly ReturnedRow[],
  month: string | null,
  categories: readonly string[] | null = null,
): FindingsReport {
  const findings: Finding[] = [];
  const drawnById = new Map(drawn.map((household) => [household.id, household]));
  const drawnByLooseId = new Set(drawn.map((household) => looseId(household.id)));
  const rowById = new Map<string, ReturnedRow>();
  for (const row of returned) {
    if (!drawnById.has(row.id))
      // A number that lost its digits, or a drawn household's number in other characters, is not a
      // swapped household: the cause is said as it is (the household itself stays unreturned).
      findings.push({
        kind:
          row.idAsNumber === true
            ? 'idStoredAsNumber'
            : drawnByLooseId.has(looseId(row.id))
              ? 'idNotAsDrawn'
              : 'notDrawn',
        household: row.id,
        source: row.source,
      });
    else if (rowById.has(row.id)) findings.push({ kind: 'duplicate', household: row.id, source: row.source });
    else rowById.set(row.id, row);
  }
  const resultOf = (id: string) => rowById.get(id)?.result.trim() ?? '';

  for (const row of rowById.values()) {
    const result = row.result.trim();
    if (result === '') continue;
    if (!(CHECK_RESULTS as readonly string[]).includes(result))
      findings.push({ kind: 'resultInvalid', household: row.id, source: row.source, got: result });
    const date = checkDate(row.date);
    if (month !== null && (date === null || date.slice(0, 7) !== month))
      findings.push({ kind: 'dateOutsideMonth', household: row.id, source: row.source, got: row.date.trim() });
    if (row.checker.trim() === '') findings.push({ kind: 'checkerMissing', household: row.id, source: row.source });
    const category = row.category?.trim();
    if (categories !== null && result === PROBLEM && category !== undefined && !categories.includes(category))
      findings.push({ kind: 'categoryInvalid', household: row.id, source: row.source, got: category });
  }

  if (month !== null) findings.push(...returnsFromOtherMonth(returned, month));

  const groups = new Map<string, DrawnHousehold[]>();
  for (const household of drawn) {
    if (household.role === 'sample' && resultOf(household.id) === '') {
      const row = rowById.get(household.id);
      findings.push({ kind: 'missing', household: household.id, source: row?.source ?? household.source });
    }
    groups.set(household.group, [...(groups.get(household.group) ?? []), household]);
  }

  for (const members of groups.values()) {
    const spares = members
      .filter((household) => household.role === 'spare')
      .sort((a, b) => (a.spareOrder ?? 0) - (b.spareOrder ?? 0));
    const used = spares.filter((spare) => resultOf(spare.id) !== '');
    const named = (spare: DrawnHousehold) => rowById.get(spare.id)!.replaces?.trim() || null;
    const namedByAny = new Set(used.flatMap((spare) => named(spare) ?? []));
    // The unreachable households of the group a spare may stand for, each once: the sampled ones, then
    // each used spare marked 未能入户 once it has been taken in turn.
    const untaken = members
      .filter((household) => household.role === 'sample' && resultOf(household.id) === UNREACHABLE)
      .map((household) => household.id);
    const take = (id: string) => untaken.splice(untaken.indexOf(id), 1).length > 0;
    used.forEach((spare, index) => {
      const row = rowById.get(spare.id)!;
      const expected = spares[index]!;
      if (expected.id !== spare.id)
        findings.push({
          kind: 'spareOutOfOrder',
          household: spare.id,
          source: row.source,
          got: String(expected.spareOrder ?? index + 1),
        });
      // A named household must be one still untaken (never the spare itself); without a name the spare
      // takes one that no spare names, else any untaken one.
      const replaced = named(spare);
      const standsFor =
        replaced === null
          ? untaken.length > 0 && take(untaken.find((id) => !namedByAny.has(id)) ?? untaken[0]!)
          : untaken.includes(replaced) && take(replaced);
      if (!standsFor) findings.push({ kind: 'spareWithoutUnreachable', household: spare.id, source: row.source });
      if (resultOf(spare.id) === UNREACHABLE) untaken.push(spare.id);
    });
  }

  const checked = [...rowById.values()].filter((row) => row.result.trim() !== '');
  return {
    findings: findings.sort(bySource),
    counts: {
      checked: checked.length,
      reached: checked.filter((row) => row.result.trim() === '无问题' || row.result.trim() === PROBLEM).length,
      withProblems: checked.filter((row) => row.result.trim() === PROBLEM).length,
    },
  };
}

/** What a category-less problem is counted under (a return without a 问题类别 column, or the cell left empty). */
const NO_CATEGORY = '—';

/** A count per name, the names in code-point order (never localeCompare: the same on every machine). */
export type Tally = Readonly<Record<string, number>>;

/** The month's counts beyond the households: villages, and the problems by category and area. */
export interface ProblemCounts {
  /** Villages with a drawn household checked, with one reached, with one with a problem. */
  readonly villagesChecked: number;
  readonly villagesReached: number;
  readonly villagesWithProblems: number;
  /** Households with a problem (有问题), by 问题类别, by prefecture and by county. */
  readonly byCategory: Tally;
  readonly byPrefecture: Tally;
  readonly byCounty: Tally;
}

/** The tally of the names given, keys in code-point order. */
function tally(names: readonly string[]): Tally {
  const counts = new Map<string, number>();
  for (const name of names) counts.set(name, (counts.get(name) ?? 0) + 1);
  return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The sum of tallies (a name counted 0 kept), keys in code-point order. */
function addTallies(tallies: readonly Tally[]): Tally {
  const sums = new Map<string, number>();
  for (const counts of tallies)
    for (const [name, n] of Object.entries(counts)) sums.set(name, (sums.get(name) ?? 0) + n);
  return Object.fromEntries([...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * The counts of the drawn households returned (the first row of each, as findFindings matches
 * them; rows of households not drawn are not counted): villages checked, reached and with
 * problems, and the problems (households marked 有问题) by category, prefecture and county.
 */
export function problemCounts(drawn: readonly DrawnHousehold[], returned: readonly ReturnedRow[]): ProblemCounts {
  const drawnById = new Map(drawn.map((household) => [household.id, household]));
  const firstRows = new Map<string, ReturnedRow>();
  for (const row of returned) if (drawnById.has(row.id) && !firstRows.has(row.id)) firstRows.set(row.id, row);
  const checked = [...firstRows.values()]
    .map((row) => ({ row, result: row.result.trim(), household: drawnById.get(row.id)! }))
    .filter(({ result }) => result !== '');
  const reached = checked.filter(({ result }) => result === '无问题' || result === PROBLEM);
  const problems = checked.filter(({ result }) => result === PROBLEM);
  const villages = (rows: typeof checked) =>
    new Set(rows.map(({ household }) => household.area?.village ?? household.group)).size;
  const areaOf = (household: DrawnHousehold, key: 'prefecture' | 'county') => household.area?.[key] || NO_CATEGORY;
  return {
    villagesChecked: villages(checked),
    villagesReached: villages(reached),
    villagesWithProblems: villages(problems),
    byCategory: tally(problems.map(({ row }) => row.category?.trim() || NO_CATEGORY)),
    byPrefecture: tally(problems.map(({ household }) => areaOf(household, 'prefecture'))),
    byCounty: tally(problems.map(({ household }) => areaOf(household, 'county'))),
  };
}

/** A month's totals, as a findings --json output records them (`month`, `totals`). */
export interface MonthTotals {
  readonly month: string;
  readonly checked: number;
  readonly withProblems: number;
  readonly findings: number;
}

/** An earlier month read from --history, with the file it came from. */
export interface HistoryMonth extends MonthTotals {
  readonly file: string;
}

export type HistoryTrend =
  | {
      readonly ok: true;
      readonly months: readonly MonthTotals[];
      readonly cumulativeProblems: number;
      readonly cumulativeChecked: number;
    }
  | { readonly ok: false; readonly reason: 'notEarlier' | 'repeated'; readonly file: string; readonly month: string };

/**
 * The month-by-month trend (earlier months in month order, then this month) and the cumulative
 * counts (累计发现问题: problems of every month summed). A history month that is not earlier than
 * this month, or that two history files both hold, is refused (the same month counted twice).
 */
export function historyTrend(current: MonthTotals, earlier: readonly HistoryMonth[]): HistoryTrend {
  const sorted = [...earlier].sort((a, b) =>
    a.month < b.month ? -1 : a.month > b.month ? 1 : a.file < b.file ? -1 : a.file > b.file ? 1 : 0,
  );
  for (const [index, month] of sorted.entries()) {
    if (month.month >= current.month) return { ok: false, reason: 'notEarlier', file: month.file, month: month.month };
    if (index > 0 && sorted[index - 1]!.month === month.month)
      return { ok: false, reason: 'repeated', file: month.file, month: month.month };
  }
  const months: MonthTotals[] = [
    ...sorted.map(({ month, checked, withProblems, findings }) => ({ month, checked, withProblems, findings })),
    current,
  ];
  return {
    ok: true,
    months,
    cumulativeProblems: months.reduce((sum, month) => sum + month.withProblems, 0),
    cumulativeChecked: months.reduce((sum, month) => sum + month.checked, 0),
  };
}

/** One draw's part of the month: its level (or command) and its counts. */
interface DrawTally {
  readonly level: string;
  readonly counts: FindingsCounts;
  readonly problems: ProblemCounts;
}

/** The month's counts over all its draws: the draws' counts summed, and the problems by level too. */
export interface MonthCounts extends FindingsCounts, ProblemCounts {
  readonly byLevel: Tally;
}

/**
 * The draws' counts summed (villages too: the draws of a month are of different villages, a village
 * drawn twice is counted twice) and the problems by the level of the draw they came from.
 */
export function combineDraws(draws: readonly DrawTally[]): MonthCounts {
  const sum = (count: (draw: DrawTally) => number) => draws.reduce((total, draw) => total + count(draw), 0);
  return {
    checked: sum((draw) => draw.counts.checked),
    reached: sum((draw) => draw.counts.reached),
    withProblems: sum((draw) => draw.counts.withProblems),
    villagesChecked: sum((draw) => draw.problems.villagesChecked),
    villagesReached: sum((draw) => draw.problems.villagesReached),
    villagesWithProblems: sum((draw) => draw.problems.villagesWithProblems),
    byCategory: addTallies(draws.map((draw) => draw.problems.byCategory)),
    byLevel: addTallies(draws.map((draw) => ({ [draw.level]: draw.counts.withProblems }))),
    byPrefecture: addTallies(draws.map((draw) => draw.problems.byPrefecture)),
    byCounty: addTallies(draws.map((draw) => draw.problems.byCounty)),
  };
}

/** A sampled household as the problem rate needs it: its design units, weight and result. */
interface RateHousehold {
  /** The first-stage stratum: a monthly draw's one stratum (its scope), an evaluate draw's county_stratum. */
  readonly stratum: string;
  /** The first-stage unit: the county (county_code). */
  readonly county: string;
  /** The county's inclusion probability (county_probability); 1 for a certainty county. */
  readonly countyProbability: number | null;
  /** The village (village_key): the PSU within a certainty county. */
  readonly village: string | null;
  /** The design weight the draw recorded (weight). */
  readonly weight: number;
  /** 核查结果 of its first returned row ('' when not returned). */
  readonly result: string;
}

/** The problem rate with its design: the estimate (estimateProportion) and the variance design's df. */
export interface ProblemRate {
  readonly estimate: ProportionEstimate;
  readonly df: number;
  /** How the 95% interval was made (--interval). */
  readonly interval: IntervalKind;
}

/**
 * The estimated share of the frame's households with a problem (issue 18, third part): y = 1 for
 * 有问题, 0 for 无问题; 未能入户, a blank or a household not returned is non-response. The
 * Horvitz–Thompson ratio Σ w·y / Σ w over reached households with the draw's recorded weights,
 * its linearised SE under the draw's design (strata and counties as first-stage units, a
 * certainty county its own stratum with its villages as PSUs: varianceUnits), and the 95%
 * interval with the design's df, PSUs − strata, over all sampled households (estimateProportion,
 * intervalRule, designSize): `interval` 't' is R's svymean and confint(…, df = degf(design)),
 * 'korn-graubard' R's svyciprop(method = "beta") (Korn & Graubard 1998, within [0, 1]), on
 * svydesign(ids = ~psu, strata = ~stratum, weights = ~weight), survey.lonely.psu = "adjust".
 */
export function problemRate(households: readonly RateHousehold[], interval: IntervalKind = 't'): ProblemRate {
  const design = varianceUnits(
    households.map((household) => ({
      stratum: household.stratum,
      cluster: household.county,
      countyProbability: household.countyProbability,
      village: household.village,
    })),
  );
  const rows = households.map((household, index): EstimationRow => {
    const result = household.result.trim();
    return {
      ...design.units[index]!,
      weight: household.weight,
      value: result === PROBLEM ? 1 : result === NO_PROBLEM ? 0 : null,
      domain: 'all',
    };
  });
  return {
    estimate: estimateProportion(rows, null, 'adjust', intervalRule(interval, design.df)),
    df: design.df,
    interval,
  };
}
