/**
 * problemRate (src/core/findings.ts, issue 18 third part): y from 核查结果 (有问题 1, 无问题 0, anything
 * else non-response), the certainty-county design, and the flags where estimate gives no interval.
 * The values against R are in test/commands/findings/rate.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { problemRate } from '../../src/core/findings.js';

const household = (county: string, village: string, result: string, weight = 2, countyProbability = 0.5) => ({
  stratum: 'scope',
  county,
  countyProbability,
  village,
  weight,
  result,
});

describe('problemRate', () => {
  it('counts 有问题 as 1 and 无问题 as 0; 未能入户, blanks and other text are non-response', () => {
    const rate = problemRate([
      household('a', 'a1', '有问题', 1),
      household('a', 'a1', ' 无问题 ', 3),
      household('b', 'b1', '有问题', 4),
      household('b', 'b1', '未能入户', 100),
      household('b', 'b2', '', 100),
      household('c', 'c1', '无问题', 2),
    ]);
    expect(rate.estimate.estimate).toBeCloseTo(5 / 10, 15);
    expect(rate.estimate.respondents).toBe(4);
    expect(rate.estimate.nonResponse).toBe(2);
    expect(rate.df).toBe(2);
    expect(rate.estimate.flag).toBeNull();
    expect(rate.estimate.lower).not.toBeNull();
  });

  it('makes a certainty county its own stratum with its villages as PSUs (df = villages − 1)', () => {
    const rate = problemRate([
      household('a', 'a1', '有问题', 1, 1),
      household('a', 'a2', '无问题', 1, 1),
      household('a', 'a3', '无问题', 1, 1),
    ]);
    expect(rate.df).toBe(2);
    expect(rate.estimate.flag).toBeNull();
  });

  it('gives no SE or interval when the reached households are all in one PSU, and no rate when none is reached', () => {
    const onePsu = problemRate([household('a', 'a1', '有问题'), household('b', 'b1', '未能入户')]);
    expect(onePsu.estimate).toMatchObject({ estimate: 1, standardError: null, lower: null, flag: 'one-psu' });
    const none = problemRate([household('a', 'a1', '未能入户'), household('b', 'b1', '')]);
    expect(none.estimate).toMatchObject({ estimate: null, flag: 'no-respondents', nonResponse: 2 });
  });
});
