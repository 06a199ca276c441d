/**
 * `spotcheck findings` counts (issue 18, second part) end to end on the built binary: a province
 * draw from the demo registry, its households.csv filled in as a return with 问题类别; the counts
 * by village, category, level, prefecture and county checked exactly against the return's own rows;
 * a category off the --categories list found with its line; a second month (a county draw) with
 * --history giving the trend and the cumulative count; a history file of the same month refused.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, removeTempDirs, spawnCli, tempDir } from '../../helpers.js';

const RESULT_COLUMNS = ['核查结果', '问题描述', '核查人', '核查日期', '问题类别'];
const CATEGORIES = ['识别不精准', '帮扶措施不到位', '收入核算不实'];
let dir = '';

/** A CSV text of the rows (no value in these draws holds a comma, quote or newline). */
const csv = (rows: readonly (readonly string[])[]) => `${rows.map((row) => row.join(',')).join('\n')}\n`;

/** Draws a monthly sample into `name` and returns its households.csv header and rows. */
function draw(name: string, args: string[]): { header: string[]; rows: string[][] } {
  const result = spawnCli(['monthly', DEMO, ...args, '--out', join(dir, name)]);
  expect(result.status, result.stderr).toBe(0);
  const [header, ...rows] = parse(readFileSync(join(dir, name, 'households.csv'), 'utf8')) as string[][];
  return { header: header!, rows };
}

/** The tally of the names, keys in code-point order (as the JSON prints them). */
function tally(names: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const name of [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) counts[name] = (counts[name] ?? 0) + 1;
  return counts;
}

let november: { header: string[]; rows: string[][] };
/** November's results: every third household 有问题 (categories in turn), every seventh unreachable. */
const result = (index: number) => (index % 7 === 6 ? '未能入户' : index % 3 === 0 ? '有问题' : '无问题');
const category = (index: number) => (result(index) === '有问题' ? CATEGORIES[(index / 3) % 3]! : '');

beforeAll(() => {
  dir = tempDir('spotcheck-findings-counts-');
  november = draw('nov', ['--month', '2026-11', '--level', 'province', '--seed', 'counts-e2e']);
  writeFileSync(join(dir, 'categories.txt'), `# 委员会确定的问题类别\n${CATEGORIES.join('\n')}\n\n`);
  const filled = november.rows.map((row, index) => [...row, result(index), '', '张三', '2026-11-05', category(index)]);
  writeFileSync(join(dir, 'nov.csv'), csv([[...november.header, ...RESULT_COLUMNS], ...filled]));
});
afterAll(removeTempDirs);

describe('spotcheck findings counts', () => {
  it('counts villages and problems by category, level, prefecture and county exactly (--json), writes --out', () => {
    const run = spawnCli(
      ['findings', 'nov', '--returns', 'nov.csv', '--categories', 'categories.txt', '--out', 'ledger', '--json'],
      { cwd: dir },
    );
    expect(run.status, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout);
    const column = (name: string) => november.header.indexOf(name);
    const problems = november.rows.filter((_, index) => result(index) === '有问题');
    const reached = november.rows.filter((_, index) => result(index) !== '未能入户');
    const villages = (rows: string[][]) => new Set(rows.map((row) => row[column('village_key')])).size;
    expect(problems.length).toBeGreaterThan(5);
    expect(output.month).toBe('2026-11');
    expect(output.totals).toEqual({
      checked: november.rows.length,
      reached: reached.length,
      with_problems: problems.length,
      villages_checked: villages(november.rows),
      villages_reached: villages(reached),
      villages_with_problems: villages(problems),
      by_category: tally(november.rows.map((_, index) => category(index)).filter((name) => name !== '')),
      by_level: { province: problems.length },
      by_prefecture: tally(problems.map((row) => row[column('prefecture')]!)),
      by_county: tally(problems.map((row) => row[column('county')]!)),
      findings: 0,
    });
    expect(output.draws[0]).toMatchObject({ level: 'province', probability_sample: true, rate: { flag: null } });
    expect(JSON.parse(readFileSync(join(dir, 'ledger', 'findings-2026-11.json'), 'utf8'))).toEqual(output);
  });

  it('finds a category off the list with its file and line, in English and Chinese', () => {
    const filled = november.rows.map((row, index) => [
      ...row,
      result(index),
      '',
      '张三',
      '2026-11-05',
      category(index),
    ]);
    filled[3] = [...november.rows[3]!, '有问题', '', '张三', '2026-11-05', '其他'];
    writeFileSync(join(dir, 'nov-bad.csv'), csv([[...november.header, ...RESULT_COLUMNS], ...filled]));
    const run = spawnCli(['findings', 'nov', '--returns', 'nov-bad.csv', '--categories', 'categories.txt'], {
      cwd: dir,
    });
    expect(run.status, run.stderr).toBe(1);
    expect(run.stdout).toContain(`nov-bad.csv:5  `);
    expect(run.stdout).toContain(`问题类别 must be one of the committee's list (--categories), got "其他"`);
    expect(run.stdout).toContain('rate: a probability sample with recorded weights');
    const chinese = spawnCli(
      ['findings', 'nov', '--returns', 'nov-bad.csv', '--categories', 'categories.txt', '--lang', 'zh-CN'],
      { cwd: dir },
    );
    expect(chinese.stdout).toContain('问题类别应为委员会清单（--categories）中的一项，实际为“其他”');
    expect(chinese.stdout).toContain('按抽取层级：省 12');
  });

  it('gives the trend and the cumulative count over two months with --history, and refuses a same-month file', () => {
    const december = draw('dec', [
      '--month',
      '2026-12',
      '--level',
      'county',
      '--scope',
      '530923',
      '--seed',
      'counts-dec',
    ]);
    const filled = december.rows.map((row, index) => [
      ...row,
      index < 2 ? '有问题' : '无问题',
      '',
      '李四',
      '2026-12-03',
      index < 2 ? CATEGORIES[0]! : '',
    ]);
    writeFileSync(join(dir, 'dec.csv'), csv([[...december.header, ...RESULT_COLUMNS], ...filled]));
    const novemberProblems = november.rows.filter((_, index) => result(index) === '有问题').length;
    const run = spawnCli(['findings', 'dec', '--returns', 'dec.csv', '--history', 'ledger', '--json'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    const output = JSON.parse(run.stdout);
    expect(output.history).toEqual({
      months: [
        { month: '2026-11', checked: november.rows.length, with_problems: novemberProblems, findings: 0 },
        { month: '2026-12', checked: december.rows.length, with_problems: 2, findings: 0 },
      ],
      cumulative_problems: novemberProblems + 2,
      cumulative_checked: november.rows.length + december.rows.length,
    });
    expect(output.draws[0]).toMatchObject({ level: 'county', probability_sample: false, rate: null });
    const chinese = spawnCli(['findings', 'dec', '--returns', 'dec.csv', '--history', 'ledger', '--lang', 'zh-CN'], {
      cwd: dir,
    });
    expect(chinese.stdout).toContain(`累计发现问题 ${novemberProblems + 2} 个`);
    expect(chinese.stdout).toContain('不是记录了权数的总体概率样本');
    // November again, with November's own file in the history: refused (exit 2).
    const again = spawnCli(['findings', 'nov', '--returns', 'nov.csv', '--history', 'ledger'], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('a history file must be of a month before 2026-11, got 2026-11');
  });

  it('refuses a history file that is not a findings JSON, and --out for draws of two months without --month (uses the December draw above)', () => {
    const history = join(dir, 'bad-ledger');
    spawnCli(['findings', 'nov', '--returns', 'nov.csv', '--out', history], { cwd: dir });
    writeFileSync(join(history, 'other.json'), '{"month": "2026-10", "totals": {"checked": 3}}');
    const bad = spawnCli(['findings', 'dec', '--returns', 'dec.csv', '--history', history], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('other.json: not a findings JSON file');
    const twoMonths = spawnCli(['findings', 'nov', 'dec', '--returns', 'nov.csv', 'dec.csv', '--out', 'x'], {
      cwd: dir,
    });
    expect(twoMonths.status).toBe(2);
    expect(twoMonths.stderr).toContain('the draws are of 2026-11, 2026-12; give --month YYYY-MM');
  });
});
