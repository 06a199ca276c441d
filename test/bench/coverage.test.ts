/**
 * The design-based coverage simulation (bench/coverage.mjs, issue 17) on 30 seeds of a small
 * registry (--scale 0.2: 35,000 households over Yunnan's 129 counties): it measures what it says,
 * with the command's own draw and estimator. The 1,000-seed figures are in docs/evaluation.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type CoverageResult,
  coverageMarkdown,
  drawFrame,
  estimateDraw,
  loadRegistry,
  runCoverage,
  writeRegistry,
} from '../../bench/coverage.mjs';
import { cli, tempDir } from '../helpers.js';

const SETTINGS = { seeds: 30, scale: 0.2 } as const;
const DOMAINS = ['all', 'exited', 'poor'];

describe('bench/coverage.mjs', () => {
  let result: CoverageResult;
  let registryPath: string;
  beforeAll(async () => {
    result = await runCoverage(SETTINGS);
    registryPath = join(tempDir('spotcheck-coverage-test-'), 'registry.csv');
    writeRegistry(registryPath, SETTINGS.scale);
  });

  it('takes the true proportions over every household of the registry (counted here from the CSV itself)', () => {
    const records = parse(readFileSync(registryPath, 'utf8'), { columns: true }) as Record<string, string>[];
    const count = (rows: Record<string, string>[]) => ({
      households: rows.length,
      yes: rows.filter((row) => row.answer === '1').length,
    });
    expect(records.every((row) => row.answer === '0' || row.answer === '1')).toBe(true);
    const expected = {
      all: count(records),
      exited: count(records.filter((row) => row.status === '已脱贫')),
      poor: count(records.filter((row) => row.status === '未脱贫')),
    };
    for (const domain of DOMAINS) {
      const truth = result.registry.truth[domain]!;
      const want = expected[domain as keyof typeof expected];
      expect({ households: truth.households, yes: truth.yes }).toEqual(want);
      expect(truth.proportion).toBe(want.yes / want.households);
    }
    expect(result.registry.counties).toBe(129);
    // Between-county variation: the outcome model's county effects make some counties differ widely.
    const byCounty = new Map<string, { n: number; yes: number }>();
    for (const row of records) {
      const entry = byCounty.get(row.county_code!) ?? { n: 0, yes: 0 };
      entry.n++;
      entry.yes += Number(row.answer);
      byCounty.set(row.county_code!, entry);
    }
    const shares = [...byCounty.values()].filter((entry) => entry.n >= 200).map((entry) => entry.yes / entry.n);
    expect(Math.max(...shares) - Math.min(...shares)).toBeGreaterThan(0.3);
  });

  it('draws and estimates as `spotcheck evaluate` and `spotcheck estimate` do', async () => {
    const out = tempDir('spotcheck-coverage-draw-');
    const drawn = await cli([
      'evaluate',
      registryPath,
      '--seed',
      'coverage-7',
      '--county-selection',
      'pps',
      '--out',
      out,
      '--lang',
      'en',
    ]);
    expect(drawn.status).toBe(0);
    const frame = join(out, 'frame.csv');
    const estimated = await cli(['estimate', frame, '--measure', 'answer=1', '--by', 'status', '--json']);
    expect(estimated.status).toBe(0);
    const json = JSON.parse(estimated.stdout) as {
      design: { df: number };
      measures: Array<{
        estimates: Array<{
          domain: string;
          estimate: number;
          standard_error: number;
          ci_lower: number;
          ci_upper: number;
        }>;
      }>;
    };
    const simulated = drawFrame(await loadRegistry(registryPath), 'coverage-7', 'pps');
    // The same households with the same weights as the command's frame.csv.
    const written = parse(readFileSync(frame, 'utf8')) as string[][];
    const keyAt = (header: readonly string[]) => [
      header.indexOf('household_stratum_key'),
      header.indexOf('ticket'),
      header.indexOf('weight'),
      header.indexOf('answer'),
    ];
    const pick = (header: readonly string[], rows: readonly string[][]) => {
      const at = keyAt(header);
      return rows.map((row) => at.map((index) => row[index]));
    };
    expect(pick(simulated.header, simulated.records)).toEqual(pick(written[0]!, written.slice(1)));
    const harness = estimateDraw(simulated, 't');
    expect(harness.interval.df).toBe(json.design.df);
    expect(
      harness.results[0]!.estimates.map((entry) => [
        entry.domain,
        entry.estimate,
        entry.standardError,
        entry.lower,
        entry.upper,
      ]),
    ).toEqual(
      json.measures[0]!.estimates.map((entry) => [
        entry.domain,
        entry.estimate,
        entry.standard_error,
        entry.ci_lower,
        entry.ci_upper,
      ]),
    );
  });

  it('gives a row per county selection, interval and domain, with estimates in [0, 1]', () => {
    expect(result.rows.map((row) => `${row.selection} ${row.interval} ${row.domain}`)).toEqual(
      ['srs', 'pps'].flatMap((selection) =>
        ['t', 'normal', 'korn-graubard'].flatMap((interval) =>
          DOMAINS.map((domain) => `${selection} ${interval} ${domain}`),
        ),
      ),
    );
    for (const row of result.rows) {
      expect(row.draws).toBe(SETTINGS.seeds);
      expect(row.minEstimate).toBeGreaterThanOrEqual(0);
      expect(row.maxEstimate).toBeLessThanOrEqual(1);
      expect(row.minEstimate).toBeLessThan(row.maxEstimate);
      expect(row.coverage).toBe(row.covered / row.draws);
      expect(row.monteCarloSe).toBeCloseTo(Math.sqrt((row.coverage * (1 - row.coverage)) / row.draws), 15);
      expect(row.meanSe).toBeGreaterThan(0);
      // 20 counties in 16 prefecture strata: 4 degrees of freedom (PPS with certainty counties too, today).
      expect(row.dfMin).toBeGreaterThanOrEqual(1);
    }
    const table = coverageMarkdown(result).split('\n');
    const tableRows = table.filter((line) => line.startsWith('| '));
    expect(tableRows).toHaveLength(1 + result.rows.length);
    expect(tableRows.every((line) => line.split(' | ').length === 13)).toBe(true);
  });

  it('gives the same table again for the same seeds', async () => {
    expect(coverageMarkdown(await runCoverage(SETTINGS))).toBe(coverageMarkdown(result));
  });

  it('covers the true proportion with the t interval in at least 24 of 30 draws', () => {
    // The seeds are fixed, so this is not a chance failure: were the true coverage 94%, 30 draws
    // would cover fewer than 24 times with probability 0.17% (binomial); an interval half as wide
    // as it should be (coverage about 76% with t at 4 df) fails this with probability 60%.
    for (const row of result.rows.filter((entry) => entry.interval === 't' && entry.domain === 'all')) {
      expect(row.covered, `${row.selection}`).toBeGreaterThanOrEqual(24);
    }
  });
});
