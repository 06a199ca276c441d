/**
 * `spotcheck plan-sample` end to end: the built binary's output in English and Chinese, its JSON,
 * and its usage errors (exit code 2, the rule and what was got, no stack trace).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, spawnCli, STACK } from '../../helpers.js';

const DEFAULT_PLAN = ['plan-sample', '--margin', '0.03', '--icc', '0.05', '--response-rate', '0.9'];

describe('plan-sample', () => {
  it('prints the plan, the t iteration and the margin of evaluate’s 20 counties (the built binary, a process of its own)', () => {
    const result = spawnCli(DEFAULT_PLAN);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toBe('');
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Sample size for a margin of ±0.03 at 95% confidence, p = 0.5');
    expect(result.stdout).toContain(
      'Design effect 2.975 = clustering 1 + (40.5 − 1) × 0.05 = 2.975 (Kish; ρ within counties, 40.5 respondents per county) × weighting 1.000',
    );
    expect(result.stdout).toContain(
      'Simple random sample (Cochran): n₀ = 1.960² × 0.5 × 0.5 / 0.03² = 1067.1 respondents\n' +
        '  × design effect 2.975 ÷ response rate 0.9 = 3,528 households → 236 villages → 79 counties (normal z = 1.960)\n' +
        't with df = counties − strata replaces z, recomputed until the counties are stable:\n' +
        '  79 counties: df 63, t = 1.998 → 82 counties\n' +
        '  82 counties: df 66, t = 1.997 → 82 counties: stable\n',
    );
    expect(result.stdout).toContain(
      'Plan: 82 counties, 246 villages, 3,690 households\n' +
        '  margin achieved ±0.0299 (t = 1.997, 66 df); 3,321 respondents expected, effective sample size 1,116\n',
    );
    expect(result.stdout).toContain(
      "Evaluate's design, 20 counties (--counties): 60 villages, 900 households: margin ±0.0841 (t = 2.776, 4 df)\n" +
        '  fewer than 2 counties per stratum (20 counties, 32 needed for 16 strata)',
    );
  });

  it("the README's example output is the command's output, line for line", async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const prompt = `$ spotcheck ${DEFAULT_PLAN.join(' ')}\n`;
    const start = readme.indexOf(prompt);
    expect(start, 'the README shows the example').toBeGreaterThan(0);
    const shown = readme.slice(start + prompt.length, readme.indexOf('```', start));
    expect((await cli(DEFAULT_PLAN)).stdout).toBe(shown);
  });

  it('says so when the minimum of 2 counties per stratum, not the margin, sets the counties; and when the design has no df', async () => {
    const result = await cli(['plan-sample', '--margin', '0.2', '--deff', '2', '--counties', '12']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Design effect 2.000 (given by --deff)');
    expect(result.stdout).toContain('Plan: 32 counties, 96 villages, 1,440 households');
    expect(result.stdout).toMatch(/set by the minimum of 2 counties per stratum \(32\): the target alone needs \d+\n/);
    expect(result.stdout).toContain('no t interval (0 df: no stratum has 2 counties)');
  });

  it('prints the same plan in Chinese', async () => {
    const result = await cli([...DEFAULT_PLAN, '--lang', 'zh-CN']);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('规划：82 个县、246 个村、3,690 户');
    expect(result.stdout).toContain('82 个县：自由度 66，t = 1.997 → 82 个县：稳定');
    expect(result.stdout).toContain(
      'evaluate 的设计，20 个县（--counties）：60 个村、900 户：误差界 ±0.0841（t = 2.776，自由度 4）',
    );
  });

  it('--json gives the assumptions, the design effect, the iteration, the plan and the comparison', async () => {
    const result = await cli([
      'plan-sample',
      '--margin',
      '3%',
      '--confidence',
      '95%',
      '--icc',
      '0.05',
      '--weighting-deff',
      '1.2',
      '--response-rate',
      '90%',
      '--villages',
      '4',
      '--households',
      'poor=6,exited=6,nonpoor=6',
      '--strata-count',
      '10',
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const plan = JSON.parse(result.stdout);
    expect(plan.assumptions).toEqual({
      margin: 0.03,
      confidence: 0.95,
      proportion: 0.5,
      deff: null,
      icc: 0.05,
      weighting_deff: 1.2,
      response_rate: 0.9,
      strata: 10,
      villages_per_county: 4,
      households: { poor: 6, exited: 6, nonpoor: 6 },
      households_per_village: 18,
    });
    // b̄ = 4 × 18 × 0.9 = 64.8; clustering 1 + 63.8 × 0.05 = 4.19; × 1.2 = 5.028.
    expect(plan.design_effect.respondents_per_county).toBeCloseTo(64.8, 12);
    expect(plan.design_effect.clustering).toBeCloseTo(4.19, 12);
    expect(plan.design_effect.total).toBeCloseTo(5.028, 12);
    expect(plan.normal.z).toBeCloseTo(1.959963984540054, 14);
    expect(plan.iterations.at(-1).counties_needed).toBeLessThanOrEqual(plan.iterations.at(-1).counties);
    expect(plan.plan.margin).toBeLessThanOrEqual(0.03);
    expect(plan.plan.df).toBe(plan.plan.counties - 10);
    expect(plan.plan.households).toBe(plan.plan.counties * 4 * 18);
    expect(plan.plan.limited_by).toBe('margin');
    expect(plan.comparison).toMatchObject({ counties: 20, df: 10, households: 20 * 4 * 18 });
    expect(plan.comparison.margin).toBeGreaterThan(0.03);
  });

  it.each([
    [
      ['--margin', '3', '--deff', '2'],
      '--margin must be a number between 0 and 0.5 (a proportion: 0.03 or 3% is ±3 points), got "3"',
    ],
    [['--deff', '2'], '--margin is required: the margin of error wanted, e.g. --margin 0.03 (±3 points)'],
    [['--margin', '0.03'], 'plan-sample needs a design effect: give --deff D or --icc RHO'],
    [['--margin', '0.03', '--deff', '2', '--icc', '0.1'], 'give --deff or --icc, not both'],
    [['--margin', '0.03', '--deff', '2', '--weighting-deff', '1.3'], '--weighting-deff goes with --icc'],
    [['--margin', '0.03', '--icc', '1.5'], '--icc must be a number from 0 to 1, got "1.5"'],
    [
      ['--margin', '0.03', '--icc', '0.1', '--weighting-deff', '0.8'],
      '--weighting-deff must be a number from 1 to 100',
    ],
    [
      ['--margin', '0.03', '--deff', '2', '--confidence', '95'],
      '--confidence must be a number from 0.5 up to but not including 1 (0.95 or 95%), got "95"',
    ],
    [['--margin', '0.03', '--deff', '2', '--proportion', '1'], '--proportion must be a number between 0 and 1'],
    [
      ['--margin', '0.03', '--deff', '2', '--response-rate', '0'],
      '--response-rate must be a number above 0 and at most 1',
    ],
    [['--margin', '0.03', '--deff', 'two'], '--deff must be a number above 0 and at most 100, got "two"'],
    [
      ['--margin', '0.0003', '--deff', '100'],
      'the plan would need 1,067,071,895 households, more than 10,000,000: widen --margin, or check --deff, --icc and --response-rate',
    ],
    [['--margin', '0.03', '--deff', '2', '--strata-count', '0'], '--strata-count must be a positive integer'],
    [['--margin', '0.03', '--deff', '2', '--villages', '2.5'], '--villages must be a positive integer'],
  ])('refuses %j with exit code 2: %s', async (args, message) => {
    const result = await cli(['plan-sample', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^spotcheck: error: /);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK);
  });

  it('a bad option from the built binary: exit code 2, the message in Chinese with --lang zh-CN, no stack trace', () => {
    const result = spawnCli(['plan-sample', '--margin', '0.7', '--deff', '2', '--lang', 'zh-CN']);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('--margin 必须是 0 到 0.5 之间的数');
    expect(result.stderr).toContain('实际为 "0.7"');
    expect(result.stderr).not.toMatch(STACK);
    const unknown = spawnCli(['plan-sample', '--margin', '0.03', '--deff', '2', '--strata', 'prefecture']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--strata'/);
  });
});
