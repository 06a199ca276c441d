/** What `spotcheck findings` prints: per draw its verification, returns, counts and findings (file:line, masked household), or the JSON of the same. */
import {
  combineDraws,
  type Finding,
  type HistoryTrend,
  type MonthCounts,
  type ProblemRate,
  type Tally,
} from '../../core/findings.js';
import { numberProblems } from '../../core/findingsProblems.js';
import { type CarriedProblem, problemsSeal } from '../../core/followUp.js';
import { maskIdentifier, maskWrittenText } from '../../core/personalText.js';
import { LEVELS, type Level, levelName } from '../../core/scope.js';
import { t, word } from '../../i18n.js';
import type { Style } from '../../render/style.js';
import type { DrawFindings } from './run.js';

/** The household as shown: masked (maskIdentifier) unless --reveal-ids. */
const shownId = (id: string, reveal: boolean) => (reveal ? id : maskIdentifier(id));

/**
 * A value the inspector wrote, as quoted: ID, phone and household numbers in it masked unless
 * --reveal-ids (maskWrittenText: as typed, in groups too), invisible format characters (zero-width
 * space, byte-order mark) shown as <U+200B>, at most 40 characters.
 */
function shownValue(value: string, reveal: boolean): string {
  const visible = value.replace(
    /\p{Cf}/gu,
    (character) => `<U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}>`,
  );
  const characters = [...(reveal ? visible : maskWrittenText(visible))];
  return characters.length > 40 ? `${characters.slice(0, 40).join('')}…` : characters.join('');
}

/**
 * A failing check of the draw's verification, as shown: it may quote a changed line of households.csv,
 * so its ID, phone and household numbers are masked unless --reveal-ids (never cut short).
 */
const shownFailure = (failure: string, reveal: boolean) => (reveal ? failure : maskWrittenText(failure));

/**
 * The month's problem list numbered (numberProblems): the draws by their manifest SHA-256 (code
 * units), so that the order the draws are given in changes no 问题编号, then file and row within a draw.
 */
export function monthProblems(draws: readonly DrawFindings[], month: string | null) {
  const byManifest = [...draws].sort((a, b) =>
    a.manifestSha256 < b.manifestSha256 ? -1 : a.manifestSha256 > b.manifestSha256 ? 1 : 0,
  );
  return numberProblems(
    byManifest.flatMap((draw) => draw.problemRows),
    month,
  );
}

/** The number of findings of all the draws, a draw that does not verify counting as one. */
export function findingsTotal(draws: readonly DrawFindings[]): number {
  return draws.reduce((sum, draw) => sum + (draw.report === null ? 1 : draw.report.findings.length), 0);
}

/** One finding in words, in the current language. */
export function findingText(finding: Finding, reveal: boolean): string {
  const got = shownValue(finding.got ?? '', reveal);
  switch (finding.kind) {
    case 'notDrawn':
      return t('cmd.findings.kind.notDrawn');
    case 'idStoredAsNumber':
      return t('cmd.findings.kind.idStoredAsNumber');
    case 'idNotAsDrawn':
      return t('cmd.findings.kind.idNotAsDrawn');
    case 'duplicate':
      return t('cmd.findings.kind.duplicate');
    case 'missing':
      return t('cmd.findings.kind.missing');
    case 'spareWithoutUnreachable':
      return t('cmd.findings.kind.spareWithoutUnreachable');
    case 'spareOutOfOrder':
      return t('cmd.findings.kind.spareOutOfOrder', { expected: got });
    case 'resultInvalid':
      return t('cmd.findings.kind.resultInvalid', { got });
    case 'dateOutsideMonth':
      return t('cmd.findings.kind.dateOutsideMonth', { got });
    case 'checkerMissing':
      return t('cmd.findings.kind.checkerMissing');
    case 'categoryInvalid':
      return t('cmd.findings.kind.categoryInvalid', { got });
    case 'returnFromOtherMonth':
      return t('cmd.findings.kind.returnFromOtherMonth', { got, expected: finding.expected ?? '' });
  }
}

/** The month's counts over the draws that verify (combineDraws), each draw under its level (its command for evaluate). */
export function monthCounts(draws: readonly DrawFindings[]): MonthCounts {
  return combineDraws(
    draws.flatMap((draw) =>
      draw.report === null || draw.problems === null
        ? []
        : [{ level: draw.level ?? draw.command, counts: draw.report.counts, problems: draw.problems }],
    ),
  );
}

/** A tally as a line: "name n, name n" ("—" when empty); `nameOf` the name as shown. */
const tallyLine = (counts: Tally, nameOf: (name: string) => string = (name) => name) =>
  Object.keys(counts).length === 0
    ? '—'
    : Object.entries(counts)
        .map(([name, n]) => `${nameOf(name)} ${n}`)
        .join(', ');

/** A draw level in the current language (省级, 州市级 …); an evaluate draw's command as it is. */
const shownLevel = (name: string) =>
  (LEVELS as readonly string[]).includes(name) ? word(levelName(name as Level)) : name;

/** The lines of the month's counts by village, category, level and area. */
function problemLines(counts: MonthCounts, withLevel: boolean): string[] {
  return [
    t('cmd.findings.villages', {
      checked: counts.villagesChecked,
      reached: counts.villagesReached,
      problems: counts.villagesWithProblems,
    }),
    t('cmd.findings.byCategory', { list: tallyLine(counts.byCategory) }),
    ...(withLevel ? [t('cmd.findings.byLevel', { list: tallyLine(counts.byLevel, shownLevel) })] : []),
    t('cmd.findings.byPrefecture', { list: tallyLine(counts.byPrefecture) }),
    t('cmd.findings.byCounty', { list: tallyLine(counts.byCounty) }),
  ];
}

/** The statement on the rate: how it is estimated for a probability sample, else why none is given. */
const rateStatement = (draw: DrawFindings) =>
  t(draw.probabilitySample ? 'cmd.findings.rateProbability' : 'cmd.findings.rateNotProbability');

/** A proportion as a percentage with two decimals; a standard error in percentage points likewise. */
const percent = (value: number | null) => (value === null ? '—' : `${(100 * value).toFixed(2)}%`);

/** The interval methods' names (--interval). */
const RATE_METHODS = {
  t: 'cmd.findings.rateMethodT',
  normal: 'cmd.findings.rateMethodNormal',
  'korn-graubard': 'cmd.findings.rateMethodKornGraubard',
} as const;

/**
 * A note when a t or normal interval says less than it seems, naming Korn–Graubard's: it passes 0% or
 * 100% (few counties), or it has no width because no reached household (or every one) had a problem.
 */
function outsideHint(rate: ProblemRate): string {
  if (rate.interval === 'korn-graubard') return '';
  const { lower, upper, standardError } = rate.estimate;
  if (standardError === 0) return `\n    ${t('cmd.findings.rateZeroWidth')}`;
  const bound = lower !== null && lower < 0 ? '0%' : upper !== null && upper > 1 ? '100%' : null;
  return bound === null ? '' : `\n    ${t('cmd.findings.rateOutside', { bound })}`;
}

/** The problem rate's line (problemRate): the estimate, SE, 95% t interval and df, or why some are not given. */
function rateLine(rate: ProblemRate): string {
  const { estimate: e, df } = rate;
  const values = {
    method: t(RATE_METHODS[rate.interval]),
    estimate: percent(e.estimate),
    se: percent(e.standardError),
    lower: percent(e.lower),
    upper: percent(e.upper),
    df,
    respondents: e.respondents,
    nonResponse: e.nonResponse,
  };
  switch (e.flag) {
    case null:
      return t('cmd.findings.rate', values) + outsideHint(rate);
    case 'one-psu':
      return t('cmd.findings.rateOnePsu', values);
    case 'no-df':
      return t('cmd.findings.rateNoDf', values);
    case 'no-respondents':
      return t('cmd.findings.rateNoRespondents', values);
  }
}

/** The problem rate as JSON: the full-precision values, null where not given, and the flag. */
const rateJson = (rate: ProblemRate | null) =>
  rate === null
    ? null
    : {
        estimate: rate.estimate.estimate,
        standard_error: rate.estimate.standardError,
        ci_lower: rate.estimate.lower,
        ci_upper: rate.estimate.upper,
        df: rate.df,
        respondents: rate.estimate.respondents,
        non_response: rate.estimate.nonResponse,
        flag: rate.estimate.flag,
        interval: rate.interval,
      };

/** The terminal summary; `trend` the --history trend (null without --history). */
export function findingsSummary(
  draws: readonly DrawFindings[],
  reveal: boolean,
  style: Style,
  trend: HistoryTrend | null = null,
  followUp: { readonly lines: readonly string[]; readonly findings: number } | null = null,
): string {
  const lines: string[] = [];
  for (const draw of draws) {
    lines.push(
      t('cmd.findings.draw', {
        dir: draw.dir,
        command: draw.command,
        month: draw.month ?? '—',
        sha: draw.manifestSha256.slice(0, 16),
      }),
    );
    lines.push(`  ${t('cmd.findings.returns', { files: draw.returns.length === 0 ? '—' : draw.returns.join(', ') })}`);
    if (draw.drawMonth !== null && draw.month !== draw.drawMonth)
      lines.push(
        `  ${style.yellow(t('cmd.findings.monthNotDraws', { month: draw.month ?? '—', draw: draw.drawMonth }))}`,
      );
    if (draw.report === null) {
      lines.push(`  ${style.red(t('cmd.findings.notVerified'))}`);
      lines.push(...draw.failures.map((failure) => `    ${shownFailure(failure, reveal)}`));
      continue;
    }
    const { counts, findings } = draw.report;
    lines.push(`  ${style.green(t('cmd.findings.verified'))}`);
    lines.push(
      `  ${t('cmd.findings.counts', { drawn: draw.drawn, checked: counts.checked, reached: counts.reached, problems: counts.withProblems })}`,
    );
    lines.push(...problemLines(monthCounts([draw]), false).map((line) => `  ${line}`));
    lines.push(`  ${rateStatement(draw)}`);
    if (draw.rate !== null) lines.push(`  ${rateLine(draw.rate)}`);
    lines.push(
      `  ${findings.length === 0 ? style.green(t('cmd.findings.none')) : style.yellow(t('cmd.findings.some', { n: findings.length }))}`,
    );
    for (const finding of findings)
      lines.push(
        `    ${finding.source.file}:${finding.source.line}  ${shownId(finding.household, reveal)}  ${findingText(finding, reveal)}`,
      );
  }
  const month = monthCounts(draws);
  lines.push(t('cmd.findings.monthTotals', { checked: month.checked, problems: month.withProblems }));
  lines.push(...problemLines(month, true).map((line) => `  ${line}`));
  if (trend?.ok === true) {
    lines.push(t('cmd.findings.trend'));
    for (const entry of trend.months)
      lines.push(
        `  ${t('cmd.findings.trendMonth', { month: entry.month, checked: entry.checked, problems: entry.withProblems, findings: entry.findings })}`,
      );
    lines.push(
      style.bold(
        t('cmd.findings.cumulative', {
          months: trend.months.length,
          problems: trend.cumulativeProblems,
          checked: trend.cumulativeChecked,
        }),
      ),
    );
  }
  // The follow-up of last month's report comes before the total, which counts its findings too.
  if (followUp !== null) lines.push(...followUp.lines);
  const total = findingsTotal(draws) + (followUp?.findings ?? 0);
  lines.push(
    total === 0 ? style.green.bold(t('cmd.findings.totalNone')) : style.bold(t('cmd.findings.total', { n: total })),
  );
  return `${lines.join('\n')}\n`;
}

/** A month's counts as JSON (snake_case keys). */
function countsJson(counts: MonthCounts, withLevel: boolean) {
  return {
    checked: counts.checked,
    reached: counts.reached,
    with_problems: counts.withProblems,
    villages_checked: counts.villagesChecked,
    villages_reached: counts.villagesReached,
    villages_with_problems: counts.villagesWithProblems,
    by_category: counts.byCategory,
    ...(withLevel ? { by_level: counts.byLevel } : {}),
    by_prefecture: counts.byPrefecture,
    by_county: counts.byCounty,
  };
}

/**
 * The JSON of the same (IDs masked unless --reveal-ids): `month` the run's month (null when the
 * draws are of several months and --month is not given), `totals` the month's counts and findings
 * (what --history reads back), `history` the trend (null without --history), `problems` the month's
 * problem list with its 问题编号 (what --follow-up checks the returned 问题清单 against; the 问题描述
 * masked like the findings' values, in full), with --follow-up `carried` the open problems of last
 * month's report carried into this month's list (carriedProblems: 问题编号 kept, 整改期限 and 整改情况
 * as last written), `problems_sha256` the seal of both (problemsSeal, also on the report workbook's
 * 概要 sheet).
 */
export function findingsJson(
  draws: readonly DrawFindings[],
  reveal: boolean,
  month: string | null = null,
  trend: HistoryTrend | null = null,
  carried: readonly CarriedProblem[] | null = null,
) {
  const shownText = (text: string) => (reveal ? text : maskWrittenText(text));
  return {
    findings: findingsTotal(draws),
    month,
    totals: { ...countsJson(monthCounts(draws), true), findings: findingsTotal(draws) },
    history:
      trend?.ok === true
        ? {
            months: trend.months.map((entry) => ({
              month: entry.month,
              checked: entry.checked,
              with_problems: entry.withProblems,
              findings: entry.findings,
            })),
            cumulative_problems: trend.cumulativeProblems,
            cumulative_checked: trend.cumulativeChecked,
          }
        : null,
    draws: draws.map((draw) => ({
      dir: draw.dir,
      command: draw.command,
      manifest_sha256: draw.manifestSha256,
      month: draw.month,
      verified: draw.failures.length === 0,
      failures: draw.failures.map((failure) => shownFailure(failure, reveal)),
      returns: draw.returns,
      drawn: draw.drawn,
      level: draw.level,
      counts: draw.report === null ? null : countsJson(monthCounts([draw]), false),
      probability_sample: draw.probabilitySample,
      rate: rateJson(draw.rate),
      rate_statement: rateStatement(draw),
      findings: (draw.report?.findings ?? []).map((finding) => ({
        kind: finding.kind,
        household: shownId(finding.household, reveal),
        file: finding.source.file,
        line: finding.source.line,
        ...(finding.got === undefined ? {} : { got: shownValue(finding.got, reveal) }),
        ...(finding.expected === undefined ? {} : { expected: finding.expected }),
      })),
    })),
    problems: monthProblems(draws, month).map((problem) => ({
      number: problem.number,
      household: shownId(problem.household, reveal),
      prefecture: problem.prefecture,
      county: problem.county,
      village: problem.village,
      category: problem.category,
      description: reveal ? problem.description : maskWrittenText(problem.description),
      file: problem.source.file,
      line: problem.source.line,
    })),
    ...(carried === null
      ? {}
      : {
          carried: carried.map((problem) => ({
            number: problem.number,
            household: shownId(problem.household, reveal),
            prefecture: problem.prefecture,
            county: problem.county,
            village: problem.village,
            category: problem.category,
            description: shownText(problem.description),
            deadline: shownText(problem.deadline),
            status: shownText(problem.status),
          })),
        }),
    problems_sha256: problemsSeal([...monthProblems(draws, month), ...(carried ?? [])]),
  };
}
