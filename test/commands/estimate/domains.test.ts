/**
 * Domains that cannot be estimated (issue 17): a domain whose respondents are all in one county is
 * flagged and given no standard error or interval (the formula gives SE 0, a zero-width interval),
 * one with no respondent is flagged too, and the blank --by value is a named domain — in the text
 * and in --json, on the built binary.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateProportion, type EstimationRow } from '../../../src/core/estimate.js';
import { cli, ROOT, tempDir, writeCsv } from '../../helpers.js';

const RESULTS = join(ROOT, 'fixtures', 'eval-results.csv');

interface JsonEstimate {
  domain: string;
  estimate: number | null;
  standard_error: number | null;
  ci_lower: number | null;
  ci_upper: number | null;
  psus: number;
  blank_domain: boolean;
  flag: string | null;
}

async function estimatesOf(args: readonly string[]): Promise<JsonEstimate[]> {
  const result = await cli(['estimate', ...args, '--json']);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout).measures[0].estimates as JsonEstimate[];
}

/** The strata of the published example, their counties, and those whose counties were drawn with certainty. */
function strataOfFrame() {
  const [header, ...lines] = readFileSync(RESULTS, 'utf8').trimEnd().split('\n');
  const columns = header!.split(',');
  const countiesOf = new Map<string, Set<string>>();
  const certain = new Set<string>();
  for (const line of lines) {
    const cells = line.split(',');
    const stratum = cells[columns.indexOf('county_stratum')]!;
    countiesOf.set(stratum, (countiesOf.get(stratum) ?? new Set()).add(cells[columns.indexOf('county_code')]!));
    if (cells[columns.indexOf('county_probability')] === '1') certain.add(stratum);
  }
  const single = [...countiesOf].filter(([, counties]) => counties.size === 1).map(([stratum]) => stratum);
  return { countiesOf, single, certain };
}

describe('estimate: domains that cannot be estimated', () => {
  it('--by county_stratum, --certainty-strata off: each stratum of one county is flagged, with no SE and no interval (never SE 0)', async () => {
    const { countiesOf, single } = strataOfFrame();
    expect(single.length).toBeGreaterThan(5);

    const off = ['--certainty-strata', 'off'];
    const estimates = await estimatesOf([RESULTS, '--measure', '识别准确=是', '--by', 'county_stratum', ...off]);
    const [overall, ...domains] = estimates;
    expect(overall).toMatchObject({ domain: 'all', flag: null, blank_domain: false });
    expect(overall!.standard_error).toBeGreaterThan(0);
    expect(domains.map((domain) => domain.domain).sort()).toEqual([...countiesOf.keys()].sort());
    for (const domain of domains) {
      if (single.includes(domain.domain)) {
        expect(domain, domain.domain).toMatchObject({ flag: 'one-psu', psus: 1, standard_error: null, ci_lower: null });
        expect(domain.estimate).not.toBeNull();
      } else {
        expect(domain.flag, domain.domain).toBeNull();
        expect(domain.standard_error!, domain.domain).toBeGreaterThan(0);
        expect(domain.psus).toBeGreaterThanOrEqual(2);
      }
    }

    const text = await cli([
      'estimate',
      RESULTS,
      '--measure',
      '识别准确=是',
      '--by',
      'county_stratum',
      ...off,
      '--lang',
      'en',
    ]);
    expect(text.status).toBe(0);
    const flagged = text.stdout.split('\n').filter((line) => line.includes('one county: no SE'));
    expect(flagged).toHaveLength(single.length);
    for (const line of flagged) expect(line).toMatch(/\d\.\d{4}\s+—\s+—\s+—\s+\d+\s+\d+\s+one county: no SE$/);
    expect(text.stdout).toContain('a design-based standard error needs two or more, so none is given (not 0)');
    expect(text.stdout).not.toMatch(/\s0\.0000\s/);
    const zh = await cli([
      'estimate',
      RESULTS,
      '--measure',
      '识别准确=是',
      '--by',
      'county_stratum',
      ...off,
      '--lang',
      'zh-CN',
    ]);
    expect(zh.stdout.split('\n').filter((line) => line.includes('仅一个县：无标准误'))).toHaveLength(single.length);
  });

  it('--by county_stratum (default design): a stratum of one certainty county has its villages as PSUs and an SE; the others of one county are flagged', async () => {
    const { single, certain } = strataOfFrame();
    const flaggedStrata = single.filter((stratum) => !certain.has(stratum));
    expect(flaggedStrata.length).toBeGreaterThan(0);
    expect(single.length - flaggedStrata.length).toBeGreaterThan(5);
    const [, ...domains] = await estimatesOf([RESULTS, '--measure', '识别准确=是', '--by', 'county_stratum']);
    for (const domain of domains) {
      if (flaggedStrata.includes(domain.domain))
        expect(domain, domain.domain).toMatchObject({ flag: 'one-psu', psus: 1, standard_error: null });
      else {
        expect(domain.flag, domain.domain).toBeNull();
        expect(domain.standard_error!, domain.domain).toBeGreaterThan(0);
      }
      // A certainty county's PSUs are its three villages.
      if (single.includes(domain.domain) && certain.has(domain.domain)) expect(domain.psus, domain.domain).toBe(3);
    }
    const text = await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--by', 'county_stratum', '--lang', 'en']);
    expect(text.stdout.split('\n').filter((line) => line.includes('one county: no SE'))).toHaveLength(
      flaggedStrata.length,
    );
  });

  it('names the blank --by value and flags a domain with no respondent', async () => {
    const dir = tempDir();
    // Strata A and B of two counties each; group "g" answers in every county, the blank group in
    // three, group "silent" never answers.
    const rows: string[][] = [];
    for (let index = 0; index < 24; index++) {
      const county = String(530701 + (index % 4));
      const group = index % 3 === 0 ? 'g' : index % 3 === 1 ? '' : 'silent';
      const answer = group === 'silent' ? '' : index % 5 === 0 ? '否' : '是';
      rows.push([index % 4 < 2 ? 'A' : 'B', county, String(5 + index), answer, group]);
    }
    const frame = writeCsv(dir, 'results.csv', [['county_stratum', 'county_code', 'weight', '满意', 'group'], ...rows]);
    const estimates = await estimatesOf([frame, '--measure', '满意=是', '--by', 'group']);
    const byDomain = new Map(estimates.slice(1).map((estimate) => [estimate.domain, estimate]));
    expect([...byDomain.keys()].sort()).toEqual(['', 'g', 'silent']);
    expect(byDomain.get('')).toMatchObject({ blank_domain: true, flag: null });
    expect(byDomain.get('g')).toMatchObject({ blank_domain: false, flag: null });
    expect(byDomain.get('silent')).toMatchObject({ flag: 'no-respondents', estimate: null, standard_error: null });

    const text = await cli(['estimate', frame, '--measure', '满意=是', '--by', 'group', '--lang', 'en']);
    expect(text.stdout).toMatch(/^ {2}\(blank\)\s+\d\.\d{4}/m);
    expect(text.stdout).toMatch(/^ {2}silent\s+—\s+—\s+—\s+—\s+0\s+\d+\s+no respondents$/m);
    const zh = await cli(['estimate', frame, '--measure', '满意=是', '--by', 'group', '--lang', 'zh-CN']);
    expect(zh.stdout).toMatch(/^ {2}（空白）/m);
  });
});

describe('estimateProportion: the one-PSU rule', () => {
  const row = (stratum: string, cluster: string, value: 0 | 1 | null, domain: string): EstimationRow => ({
    stratum,
    cluster,
    weight: 2,
    value,
    domain,
  });
  const rows = [
    row('A', '1', 1, 'x'),
    row('A', '1', 0, 'x'),
    row('A', '2', 1, 'y'),
    row('B', '3', 0, 'y'),
    row('B', '4', null, 'x'),
  ];

  it('a domain answered in one county: its estimate, no SE, flagged; in two counties: an SE', () => {
    // x's respondents are all in county 1 (county 4's household did not answer).
    expect(estimateProportion(rows, 'x')).toMatchObject({
      estimate: 0.5,
      standardError: null,
      lower: null,
      flag: 'one-psu',
      psus: 1,
      respondents: 2,
      nonResponse: 1,
    });
    const y = estimateProportion(rows, 'y');
    expect(y).toMatchObject({ estimate: 0.5, flag: null, psus: 2 });
    expect(y.standardError).toBeGreaterThan(0);
    expect(estimateProportion(rows, 'z')).toMatchObject({ estimate: null, flag: 'no-respondents', psus: 0 });
  });
});

describe('estimate: t intervals with the design degrees of freedom', () => {
  it('--json records the interval, the df (PSUs less strata of the design used) and the multiplier; --interval normal gives z', async () => {
    const result = await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--json']);
    const json = JSON.parse(result.stdout);
    // 10 certainty counties, each a stratum of 3 villages: 40 PSUs in 16 strata.
    expect(json.design).toMatchObject({
      interval: 't',
      df: 24,
      confidence: 0.95,
      certainty_strata: 'on',
      certainty_counties: 10,
      variance_strata: 16,
      variance_psus: 40,
    });
    expect(json.design.quantile).toBeCloseTo(2.0638985616280205, 12);
    const overall = json.measures[0].estimates[0] as JsonEstimate;
    expect(overall.ci_upper! - overall.estimate!).toBeCloseTo(json.design.quantile * overall.standard_error!, 12);
    const normal = JSON.parse(
      (await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--json', '--interval', 'normal'])).stdout,
    );
    expect(normal.design).toMatchObject({ interval: 'normal', df: 24 });
    const off = JSON.parse(
      (await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--json', '--certainty-strata', 'off'])).stdout,
    );
    expect(off.design).toMatchObject({ df: 4, certainty_strata: 'off', certainty_counties: 0, variance_psus: 20 });
    expect(off.design.quantile).toBeCloseTo(2.7764451051977934, 12);
    expect(normal.design.quantile).toBeCloseTo(1.959963984540054, 14);
  });

  it('a design with every stratum of one county has no df: SEs, no t interval, flagged; --interval normal still gives one', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 12 }, (_, index) => [
      `S${index % 4}`,
      String(530701 + (index % 4)),
      String(3 + index),
      index % 3 === 0 ? '否' : '是',
    ]);
    const frame = writeCsv(dir, 'results.csv', [['county_stratum', 'county_code', 'weight', '满意'], ...rows]);
    const [overall] = await estimatesOf([frame, '--measure', '满意=是']);
    expect(overall).toMatchObject({ flag: 'no-df', ci_lower: null, ci_upper: null });
    expect(overall!.standard_error).toBeGreaterThan(0);
    const text = await cli(['estimate', frame, '--measure', '满意=是', '--lang', 'en']);
    expect(text.stdout).toContain('95% CI: t with 0 df (—)');
    expect(text.stdout).toMatch(/no df: no interval$/m);
    const [normal] = await estimatesOf([frame, '--measure', '满意=是', '--interval', 'normal']);
    expect(normal).toMatchObject({ flag: null });
    expect(normal!.ci_lower).not.toBeNull();
  });

  it('refuses an --interval that is not t, normal or korn-graubard (exit 2, no stack)', async () => {
    const result = await cli(['estimate', RESULTS, '--measure', '识别准确=是', '--interval', 'wald']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('--interval must be t, normal or korn-graubard, got "wald"');
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });
});

describe('estimate --interval korn-graubard', () => {
  it('stays inside [0, 1] and is not of zero width where every answer is yes or every one no (the t interval is [1, 1])', async () => {
    const dir = tempDir();
    const rows = Array.from({ length: 16 }, (_, index) => [
      index % 8 < 4 ? 'A' : 'B',
      String(530701 + (index % 8)),
      String(4 + (index % 3)),
      index < 8 ? '是' : '否',
      index < 8 ? 'all-yes' : 'all-no',
    ]);
    const frame = writeCsv(dir, 'results.csv', [['county_stratum', 'county_code', 'weight', '满意', 'group'], ...rows]);
    const byT = await estimatesOf([frame, '--measure', '满意=是', '--by', 'group']);
    const allYes = byT.find((estimate) => estimate.domain === 'all-yes')!;
    expect([allYes.estimate, allYes.ci_lower, allYes.ci_upper]).toEqual([1, 1, 1]);
    const byKornGraubard = await estimatesOf([
      frame,
      '--measure',
      '满意=是',
      '--by',
      'group',
      '--interval',
      'korn-graubard',
    ]);
    const yes = byKornGraubard.find((estimate) => estimate.domain === 'all-yes')!;
    const no = byKornGraubard.find((estimate) => estimate.domain === 'all-no')!;
    expect(yes.ci_upper).toBe(1);
    expect(yes.ci_lower!).toBeLessThan(0.9);
    expect(yes.ci_lower!).toBeGreaterThan(0.5);
    expect(no.ci_lower).toBe(0);
    expect(no.ci_upper!).toBeGreaterThan(0.1);
    // Clopper–Pearson at n = 8 respondents (Korn & Graubard's rule where SE = 0): 1 − 0.025^(1/8).
    expect(no.ci_upper!).toBeCloseTo(1 - 0.025 ** (1 / 8), 10);
    const text = await cli(['estimate', frame, '--measure', '满意=是', '--interval', 'korn-graubard', '--lang', 'en']);
    expect(text.stdout).toContain('95% CI: Korn–Graubard, 6 df');
  });
});
