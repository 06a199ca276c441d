/**
 * The tests "estimate: answers outside the declared yes and no" from test/safety-silent.test.ts (moved, issue 14).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir, writeCsv } from '../../helpers.js';

describe('estimate: answers outside the declared yes and no', () => {
  const dir = tempDir();
  const frame = (name: string, answers: readonly string[]) =>
    writeCsv(dir, name, [
      ['county_stratum', 'county_code', 'weight', '识别准确'],
      ...answers.map((answer, index) => [
        index % 2 === 0 ? 'A' : 'B',
        String(530722 + (index % 4)),
        String(10 + index),
        answer,
      ]),
    ]);

  it('refuses √, 不清楚 and a typo (they used to count as no), listing each with its count and the first row', async () => {
    const results = frame('results.csv', ['是', '否', '√', '不清楚', '√', '', '是否', '是', '否', '√']);
    const result = await cli(['estimate', results, '--measure', '识别准确=是']);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      /^spotcheck: error: [^\n]*results\.csv:4: column 识别准确 has 5 answers neither yes \(是\) nor no \(否\): "√" \(3\), "不清楚" \(1\), "是否" \(1\)/,
    );
    expect(result.stderr).toMatch(/--no 识别准确=/);
    const json = JSON.parse((await cli(['estimate', results, '--measure', '识别准确=是', '--json'])).stdout);
    expect(json.error).toMatchObject({ code: 'DATA', line: 4 });
  });

  it('counts declared answers: --no for every measure or for one column, yes values with |', async () => {
    const results = frame('declared.csv', ['是', '否', '√', '不清楚', '√', '', '是', '否']);
    const declared = await cli(['estimate', results, '--measure', '识别准确=是|√', '--no', '否|不清楚', '--json']);
    expect(declared.status, declared.stderr).toBe(0);
    const measure = JSON.parse(declared.stdout).measures[0];
    expect(measure).toMatchObject({ values: ['是', '√'], no_values: ['否', '不清楚'] });
    expect(measure.estimates[0]).toMatchObject({ respondents: 7, non_response: 1 });
    const byColumn = await cli([
      'estimate',
      results,
      '--measure',
      '识别准确=是|√',
      '--no',
      '识别准确=否|不清楚',
      '--json',
    ]);
    expect(JSON.parse(byColumn.stdout).measures).toEqual(JSON.parse(declared.stdout).measures);
  });

  it('keeps blanks as non-response, and the default no of 是 is 否 (and of yes no, of 1 0)', async () => {
    const results = frame('clean.csv', ['是', '否', '', '是', '', '否', '是', '是']);
    const result = await cli(['estimate', results, '--measure', '识别准确=是', '--json']);
    expect(result.status, result.stderr).toBe(0);
    const measure = JSON.parse(result.stdout).measures[0];
    expect(measure.no_values).toEqual(['否']);
    expect(measure.estimates[0]).toMatchObject({ respondents: 6, non_response: 2 });
    const numbers = frame('numbers.csv', ['1', '0', '1', '']);
    expect(
      JSON.parse((await cli(['estimate', numbers, '--measure', '识别准确=1', '--json'])).stdout).measures[0].no_values,
    ).toEqual(['0']);
  });

  it('refuses a yes value that no answer gives, a yes value with no known opposite, and a value declared both ways', async () => {
    const results = frame('typo.csv', ['是', '否', '否', '是']);
    const never = await cli(['estimate', results, '--measure', '识别准确=是|对', '--no', '否']);
    expect(never.status).toBe(2);
    expect(never.stderr).toMatch(
      /--measure 识别准确=是\|对: no answer in column 识别准确 is 对 \(answers found: "否" \(2\), "是" \(2\)\)/,
    );
    // A misspelt yes value: the real answers are then undeclared, and listed.
    const misspelt = await cli(['estimate', results, '--measure', '识别准确=yes']);
    expect(misspelt.status).toBe(2);
    expect(misspelt.stderr).toMatch(/neither yes \(yes\) nor no \(no\): "否" \(2\), "是" \(2\)/);
    const unknown = await cli(['estimate', results, '--measure', '识别准确=准确']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/no "no" answer for 准确[^\n]*--no 识别准确=/);
    const both = await cli(['estimate', results, '--measure', '识别准确=是', '--no', '是|否']);
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/是 is declared both yes and no/);
    const stray = await cli(['estimate', results, '--measure', '识别准确=是', '--no', '满意=否']);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(/--no 满意=否 names the column 满意, which no --measure names/);
  });

  it('quotes at most a short prefix of a long unexpected answer', async () => {
    const results = frame('long.csv', ['是', '否', 'x'.repeat(500)]);
    const result = await cli(['estimate', results, '--measure', '识别准确=是']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/"x{24}…" \(1\)/);
    expect(result.stderr).not.toMatch(/x{30}/);
  });

  it('still gives the estimates of the published example (fixtures/eval-results.csv, answers 是/否/blank)', async () => {
    const result = await cli([
      'estimate',
      join(ROOT, 'fixtures', 'eval-results.csv'),
      '--measure',
      '识别准确=是',
      '--measure',
      '满意=是',
      '--no',
      '否',
      '--json',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).measures.map((measure: { no_values: string[] }) => measure.no_values)).toEqual([
      ['否'],
      ['否'],
    ]);
  });
});
