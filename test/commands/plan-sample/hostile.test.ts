/**
 * `spotcheck plan-sample` against a careless user (issue 17, adversarial pass), on the built CLI:
 * NaN, infinities, zeros, negatives, percentages out of range, blanks and boundary values of every
 * number option are refused with exit code 2, the rule and what was got (in --json too), never a
 * stack trace; the boundary values that are allowed (ρ = 1, a design effect below 1, 3% for 0.03)
 * give a plan whose numbers follow from them.
 */
import { describe, expect, it } from 'vitest';
import { cli, STACK } from '../../helpers.js';

const DEFF = ['--deff', '2'];

describe('plan-sample: hostile values', () => {
  it.each([
    [['--margin', 'NaN', ...DEFF], '--margin must be a number between 0 and 0.5', 'NaN'],
    [['--margin', 'Infinity', ...DEFF], '--margin must be a number between 0 and 0.5', 'Infinity'],
    [['--margin', '1e400', ...DEFF], '--margin must be a number between 0 and 0.5', '1e400'],
    [['--margin', '0', ...DEFF], '--margin must be a number between 0 and 0.5', '0'],
    [['--margin', '0%', ...DEFF], '--margin must be a number between 0 and 0.5', '0%'],
    [['--margin', '-0.03', ...DEFF], '--margin must be a number between 0 and 0.5', '-0.03'],
    [['--margin', '300%', ...DEFF], '--margin must be a number between 0 and 0.5', '300%'],
    [['--margin', '0.5', ...DEFF], '--margin must be a number between 0 and 0.5', '0.5'],
    [['--margin', '', ...DEFF], '--margin must be a number between 0 and 0.5', ''],
    [['--margin', '3%%', ...DEFF], '--margin must be a number between 0 and 0.5', '3%%'],
    [['--margin', '0x10', ...DEFF], '--margin must be a number between 0 and 0.5', '0x10'],
    [['--margin', '0.03', ...DEFF, '--confidence', '1'], '--confidence must be a number from 0.5', '1'],
    [['--margin', '0.03', ...DEFF, '--confidence', '100%'], '--confidence must be a number from 0.5', '100%'],
    [['--margin', '0.03', ...DEFF, '--confidence', '0.4'], '--confidence must be a number from 0.5', '0.4'],
    [['--margin', '0.03', ...DEFF, '--confidence', 'NaN'], '--confidence must be a number from 0.5', 'NaN'],
    [['--margin', '0.03', ...DEFF, '--proportion', '0'], '--proportion must be a number between 0 and 1', '0'],
    [['--margin', '0.03', ...DEFF, '--proportion', '1'], '--proportion must be a number between 0 and 1', '1'],
    [['--margin', '0.03', ...DEFF, '--proportion', '100%'], '--proportion must be a number between 0 and 1', '100%'],
    [['--margin', '0.03', '--icc', '-0.1'], '--icc must be a number from 0 to 1', '-0.1'],
    [['--margin', '0.03', '--icc', '1.01'], '--icc must be a number from 0 to 1', '1.01'],
    [['--margin', '0.03', '--icc', 'NaN'], '--icc must be a number from 0 to 1', 'NaN'],
    [['--margin', '0.03', '--icc', ''], '--icc must be a number from 0 to 1', ''],
    [['--margin', '0.03', '--deff', '0'], '--deff must be a number above 0 and at most 100', '0'],
    [['--margin', '0.03', '--deff', '-1'], '--deff must be a number above 0 and at most 100', '-1'],
    [['--margin', '0.03', '--deff', 'Infinity'], '--deff must be a number above 0 and at most 100', 'Infinity'],
    [['--margin', '0.03', '--deff', '101'], '--deff must be a number above 0 and at most 100', '101'],
    [
      ['--margin', '0.03', '--icc', '0.05', '--weighting-deff', '0.99'],
      '--weighting-deff must be a number from 1 to 100',
      '0.99',
    ],
    [
      ['--margin', '0.03', '--icc', '0.05', '--weighting-deff', 'Infinity'],
      '--weighting-deff must be a number from 1 to 100',
      'Infinity',
    ],
    [
      ['--margin', '0.03', ...DEFF, '--response-rate', '0'],
      '--response-rate must be a number above 0 and at most 1',
      '0',
    ],
    [
      ['--margin', '0.03', ...DEFF, '--response-rate', '0%'],
      '--response-rate must be a number above 0 and at most 1',
      '0%',
    ],
    [
      ['--margin', '0.03', ...DEFF, '--response-rate', '101%'],
      '--response-rate must be a number above 0 and at most 1',
      '101%',
    ],
    [
      ['--margin', '0.03', ...DEFF, '--response-rate', '-0.5'],
      '--response-rate must be a number above 0 and at most 1',
      '-0.5',
    ],
  ])('refuses %j with exit code 2 (%s, got %j), in --json too', async (args, rule, got) => {
    const result = await cli(['plan-sample', ...args]);
    expect(result.status).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain(rule);
    expect(result.stderr).toContain(`got "${got}"`);
    expect(result.stderr).not.toMatch(STACK);
    const json = await cli(['plan-sample', ...args, '--json']);
    expect(json.status).toBe(2);
    expect(JSON.parse(json.stdout).error).toMatchObject({ code: 'USAGE' });
    expect(JSON.parse(json.stdout).error.message).toContain(rule);
    expect(json.stdout).not.toMatch(STACK);
  });

  it.each([
    [['--counties', '0'], '--counties must be a positive integer, got "0"'],
    [['--counties', '-1'], '--counties must be a positive integer, got "-1"'],
    [['--counties', '99999999999999999999'], '--counties must be at most 1000000'],
    [['--villages', '0'], '--villages must be a positive integer, got "0"'],
    [['--villages', '1e9'], '--villages must be a positive integer, got "1e9"'],
    [['--strata-count', '10001'], '--strata-count must be at most 10000, got 10001'],
    [['--households', 'poor=0,exited=0,nonpoor=0'], '--households must ask for at least one household'],
  ])('refuses the design %j with exit code 2: %s', async (args, message) => {
    const result = await cli(['plan-sample', '--margin', '0.03', ...DEFF, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(STACK);
  });

  it('a percentage is the proportion it names: 3%, " 3 %" and 0.03 give the same plan', async () => {
    const plans = [];
    for (const margin of ['0.03', '3%', ' 3 %', '3e-2']) {
      const result = await cli(['plan-sample', '--margin', margin, '--icc', '0.05', '--json']);
      expect(result.status, result.stderr).toBe(0);
      plans.push(JSON.parse(result.stdout));
    }
    for (const plan of plans.slice(1)) expect(plan).toEqual(plans[0]);
    expect(plans[0].assumptions.margin).toBe(0.03);
  });

  it('allowed boundaries: ρ = 1 makes the design effect the respondents per county; a design effect below 1 is used as given', async () => {
    const icc = JSON.parse((await cli(['plan-sample', '--margin', '0.03', '--icc', '1', '--json'])).stdout);
    // b̄ = 3 villages × 15 households × response rate 1 = 45; 1 + (45 − 1) × 1 = 45.
    expect(icc.design_effect.respondents_per_county).toBe(45);
    expect(icc.design_effect.total).toBe(45);
    const below = await cli(['plan-sample', '--margin', '0.03', '--deff', '0.5', '--strata-count', '1']);
    expect(below.status, below.stderr).toBe(0);
    expect(below.stdout).toContain('Design effect 0.500 (given by --deff)');
    // n₀ = 1067.1 × 0.5 = 534 households: the plan halves the simple random sample's.
    expect(below.stdout).toContain('× design effect 0.500 ÷ response rate 1 = 534 households');
  });

  it('prints the values given, not rounded into other ones: a confidence of 0.9999999999 is not 100%, a --deff of 0.0001 not 0.000', async () => {
    const confident = await cli(['plan-sample', '--margin', '0.03', ...DEFF, '--confidence', '0.9999999999']);
    expect(confident.status, confident.stderr).toBe(0);
    expect(confident.stdout.split('\n')[0]).toBe(
      'Sample size for a margin of ±0.03 at 99.99999999% confidence, p = 0.5',
    );
    const tiny = await cli(['plan-sample', '--margin', '0.4999', '--deff', '0.0001']);
    expect(tiny.status, tiny.stderr).toBe(0);
    expect(tiny.stdout).toContain('Design effect 0.0001 (given by --deff)');
    expect(tiny.stdout).not.toContain('0.000 ');
  });

  it('a comparison design with no df gives no interval: null t and margin in --json, never NaN', async () => {
    const result = await cli([
      ...['plan-sample', '--margin', '0.03', ...DEFF],
      ...['--counties', '1', '--strata-count', '1', '--json'],
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).not.toMatch(/NaN|Infinity/);
    const plan = JSON.parse(result.stdout);
    expect(plan.comparison).toMatchObject({ counties: 1, df: 0, t: null, margin: null, below_two_per_stratum: true });
    expect(plan.plan.df).toBe(plan.plan.counties - 1);
  });

  it('an operand or an unknown option is a usage error (exit code 2)', async () => {
    const operand = await cli(['plan-sample', '--margin', '0.03', ...DEFF, 'registry.csv']);
    expect(operand.status).toBe(2);
    expect(operand.stderr).toMatch(/too many arguments for 'plan-sample'/);
    const unknown = await cli(['plan-sample', '--margin', '0.03', ...DEFF, '--min-per-stratum', '2']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option '--min-per-stratum'/);
  });
});
