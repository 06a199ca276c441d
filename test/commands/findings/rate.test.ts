/**
 * `spotcheck findings` problem rate (issue 18, third part) end to end on the built binary: a
 * province draw (counties as first-stage units in one stratum) and a prefecture draw (both its
 * counties drawn with certainty: each its own stratum with its villages as PSUs) from the demo
 * registry, filled in as returns (every third household 有问题, every seventh 未能入户); the rate,
 * SE, 95% t interval and design df equal R's survey package (svydesign(ids = ~psu, strata =
 * ~stratum, weights = ~weight), svymean on the reached households, confint(df = degf(design)),
 * survey.lonely.psu = "adjust") to 1e-9: recorded values, and live through
 * docs/findings-rate-check.R when Rscript with survey is installed; likewise an evaluate draw (county
 * strata, certainty counties by village). A county draw is not a
 * probability sample of the frame: it prints the statement and no rate. With --interval
 * korn-graubard the interval is R's svyciprop(method = "beta", df = degf(design)), within [0, 1].
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, ROOT, removeTempDirs, spawnCli, tempDir } from '../../helpers.js';
import { rSurveyAvailable } from '../../rKit.js';

const RESULT_COLUMNS = ['核查结果', '问题描述', '核查人', '核查日期'];
const result = (index: number) => (index % 7 === 6 ? '未能入户' : index % 3 === 0 ? '有问题' : '无问题');
const DRAWS = {
  province: ['--level', 'province'],
  prefecture: ['--level', 'prefecture', '--scope', '文山壮族苗族自治州'],
  county: ['--level', 'county', '--scope', '530923'],
} as const;
type DrawName = keyof typeof DRAWS | 'evaluate';
/** The draws that are probability samples of the frame, given a rate. */
type Rated = 'province' | 'prefecture' | 'evaluate';
const RATED = ['province', 'prefecture', 'evaluate'] as const;

/** R's estimate, SE, 95% interval and df on the same returns (Rscript docs/findings-rate-check.R, survey 4.x). */
const RECORDED: Record<Rated, readonly number[]> = {
  evaluate: [0.33134786518247494, 0.0098857622899550992, 0.31094465461164006, 0.35175107575330983, 24],
  province: [0.30728314238952542, 0.044243177087365256, 0.16648160693382708, 0.44808467784522377, 3],
  prefecture: [0.32363636363636367, 0.054327044616757872, 0.089885956816849605, 0.5573867704558777, 2],
};

let dir = '';
const filled: Partial<Record<DrawName, Record<string, string>[]>> = {};
/** R's Korn–Graubard interval (svyciprop(method = "beta", df = degf(design))) on the same returns. */
const RECORDED_KG: Record<Rated, readonly [number, number]> = {
  evaluate: [0.3109890104275968, 0.35218975980862366],
  province: [0.17710443287185929, 0.46457475906984735],
  prefecture: [0.12479989716852509, 0.5841613781937722],
};

type Output = {
  draws: {
    level: string | null;
    command: string;
    rate: Record<string, number | string | null> | null;
    rate_statement: string;
    probability_sample: boolean;
  }[];
};
let output: Output;
let outputKg: Output;

/** A CSV text of the rows (no value in these draws holds a comma, quote or newline). */
const csv = (rows: readonly (readonly string[])[]) => `${rows.map((row) => row.join(',')).join('\n')}\n`;

beforeAll(() => {
  dir = tempDir('spotcheck-findings-rate-');
  const fixture = (name: string) => join(ROOT, 'fixtures', name);
  const commands: [DrawName, string[], string][] = [
    ...(Object.entries(DRAWS) as [DrawName, readonly string[]][]).map(([name, args]): [DrawName, string[], string] => [
      name,
      ['monthly', DEMO, '--month', '2026-11', ...args, '--seed', 'rate-e2e'],
      'households.csv',
    ]),
    [
      'evaluate',
      ['evaluate', fixture('eval-registry.csv'), '--seed', 's1', '--nonpoor', fixture('eval-nonpoor.csv')],
      'frame.csv',
    ],
  ];
  for (const [name, args, file] of commands) {
    const drawn = spawnCli([...args, '--out', join(dir, name)]);
    expect(drawn.status, drawn.stderr).toBe(0);
    const [header, ...rows] = parse(readFileSync(join(dir, name, file), 'utf8')) as string[][];
    const returned = rows.map((row, index) => [...row, result(index), '', '张三', '2026-11-05']);
    writeFileSync(join(dir, `${name}.csv`), csv([[...header!, ...RESULT_COLUMNS], ...returned]));
    filled[name] = returned.map((row) =>
      Object.fromEntries([...header!, ...RESULT_COLUMNS].map((h, i) => [h, row[i]!])),
    );
  }
  const findingsArgs = [
    'findings',
    ...['province', 'prefecture', 'county', 'evaluate'],
    '--returns',
    ...['province.csv', 'prefecture.csv', 'county.csv', 'evaluate.csv'],
    '--month',
    '2026-11',
    '--json',
  ];
  const run = spawnCli(findingsArgs, { cwd: dir });
  expect(run.status, run.stderr).toBe(0);
  output = JSON.parse(run.stdout);
  const kg = spawnCli([...findingsArgs, '--interval', 'korn-graubard'], { cwd: dir });
  expect(kg.status, kg.stderr).toBe(0);
  outputKg = JSON.parse(kg.stdout);
});
afterAll(removeTempDirs);

/** The rate's numbers as R prints them: estimate, SE, lower, upper, df. */
const rateOf = (name: DrawName) => output.draws.find((draw) => (draw.level ?? draw.command) === name)!.rate;
const rateNumbers = (name: Rated) => {
  const rate = rateOf(name)!;
  return [rate.estimate, rate.standard_error, rate.ci_lower, rate.ci_upper, rate.df] as number[];
};

/** The Korn–Graubard bounds of the --interval korn-graubard run. */
const kgBounds = (name: Rated) => {
  const rate = outputKg.draws.find((draw) => (draw.level ?? draw.command) === name)!.rate!;
  return [rate.ci_lower, rate.ci_upper] as [number, number];
};

/**
 * The design as R is given it, built here from households.csv's own columns (independently of
 * src/core/varianceUnits.ts): a certainty county (county_probability 1) its own stratum with its
 * villages as PSUs, else its county stratum (a monthly draw's one stratum, its scope; an evaluate
 * draw's county_stratum) with counties as PSUs; y 1/0/NA.
 */
function designCsv(name: Rated): string {
  const rows = filled[name]!.map((row) => {
    const certain = row.county_probability === '1';
    const stratum = row.county_stratum ?? 'scope';
    const y = row.核查结果 === '有问题' ? '1' : row.核查结果 === '无问题' ? '0' : 'NA';
    return [
      certain ? `${stratum}|${row.county_code}` : stratum,
      certain ? row.village_key! : row.county_code!,
      row.weight!,
      y,
    ];
  });
  return csv([['stratum', 'psu', 'weight', 'y'], ...rows]);
}

const hasR = rSurveyAvailable('test/commands/findings/rate.test.ts', 'the live comparison with R is SKIPPED');

describe('spotcheck findings problem rate', () => {
  it.each(RATED)('gives the %s draw the rate, SE, t interval and df of R’s survey package (recorded)', (level) => {
    const numbers = rateNumbers(level);
    for (const [index, value] of RECORDED[level].entries())
      expect(Math.abs(numbers[index]! - value)).toBeLessThan(1e-9);
    const rate = rateOf(level)!;
    const rows = filled[level]!;
    expect(rate.respondents).toBe(rows.filter((row) => row.核查结果 !== '未能入户').length);
    expect(rate.non_response).toBe(rows.filter((row) => row.核查结果 === '未能入户').length);
    expect(rate.flag).toBeNull();
  });

  it.skipIf(!hasR).each(RATED)('gives the %s draw the rate of R’s survey package (run live)', (level) => {
    writeFileSync(join(dir, `${level}-r.csv`), designCsv(level));
    const live = spawnSync('Rscript', [join(ROOT, 'docs', 'findings-rate-check.R'), join(dir, `${level}-r.csv`)], {
      encoding: 'utf8',
    });
    expect(live.status, live.stderr).toBe(0);
    const fromR = live.stdout.trim().split(/\s+/).map(Number);
    expect(fromR).toHaveLength(7);
    const numbers = [...rateNumbers(level), ...kgBounds(level)];
    for (const [index, value] of fromR.entries()) expect(Math.abs(numbers[index]! - value)).toBeLessThan(1e-9);
  });

  it.each(RATED)(
    'gives the %s draw with --interval korn-graubard R’s svyciprop(method = "beta") interval (recorded)',
    (level) => {
      const [lower, upper] = kgBounds(level);
      for (const [index, value] of RECORDED_KG[level].entries())
        expect(Math.abs([lower, upper][index]! - value)).toBeLessThan(1e-9);
      expect(lower).toBeGreaterThanOrEqual(0);
      expect(upper).toBeLessThanOrEqual(1);
      const kgRate = outputKg.draws.find((draw) => (draw.level ?? draw.command) === level)!.rate!;
      expect(kgRate.interval).toBe('korn-graubard');
      expect(kgRate.estimate).toBe(rateOf(level)!.estimate);
      expect(kgRate.standard_error).toBe(rateOf(level)!.standard_error);
      expect(rateOf(level)!.interval).toBe('t');
    },
  );

  it('prints the rate, SE, interval and df in the summary, in English and Chinese', () => {
    const english = spawnCli(['findings', 'province', '--returns', 'province.csv'], { cwd: dir });
    expect(english.status, english.stderr).toBe(0);
    const [estimate, se, lower, upper, df] = RECORDED.province.map((value, index) =>
      index === 4 ? String(value) : `${(100 * value).toFixed(2)}%`,
    );
    expect(english.stdout).toContain(
      `problem rate in the frame: ${estimate} (SE ${se}), 95% interval ${lower} – ${upper} (t, design df ${df}); 35 households reached, 5 non-response`,
    );
    const chinese = spawnCli(['findings', 'province', '--returns', 'province.csv', '--lang', 'zh-CN'], { cwd: dir });
    expect(chinese.status, chinese.stderr).toBe(0);
    expect(chinese.stdout).toContain(
      `总体问题发生率：${estimate}（标准误 ${se}），95% 置信区间 ${lower} – ${upper}（t 分布，设计自由度 ${df}）`,
    );
  });

  it('says when the t interval passes 0%, and names Korn–Graubard’s, which stays within 0–100%', () => {
    // Two problems among the province's 40 households, both in one county: a wide t interval below 0.
    const rows = filled.province!;
    const header = Object.keys(rows[0]!);
    const few = rows.map((row, index) => ({ ...row, 核查结果: index < 2 ? '有问题' : '无问题' }));
    writeFileSync(join(dir, 'province-few.csv'), csv([header, ...few.map((row) => header.map((h) => row[h]!))]));
    const t = spawnCli(['findings', 'province', '--returns', 'province-few.csv'], { cwd: dir });
    expect(t.status, t.stderr).toBe(0);
    expect(t.stdout).toMatch(/95% interval -\d+\.\d\d% – /);
    expect(t.stdout).toContain('the interval passes 0%, which a share cannot');
    const kg = spawnCli(['findings', 'province', '--returns', 'province-few.csv', '--interval', 'korn-graubard'], {
      cwd: dir,
    });
    expect(kg.status, kg.stderr).toBe(0);
    expect(kg.stdout).toMatch(/95% interval 0\.\d\d% – \d+\.\d\d% \(Korn–Graubard, design df 3\)/);
    expect(kg.stdout).not.toContain('the interval passes');
    // No problem at all: a t interval of no width, said so; Korn–Graubard's gives an upper bound above 0.
    const none = rows.map((row) => ({ ...row, 核查结果: '无问题' }));
    writeFileSync(join(dir, 'province-none.csv'), csv([header, ...none.map((row) => header.map((h) => row[h]!))]));
    const zero = spawnCli(['findings', 'province', '--returns', 'province-none.csv'], { cwd: dir });
    expect(zero.stdout).toContain('95% interval 0.00% – 0.00% (t, design df 3)');
    expect(zero.stdout).toContain('the interval has no width: no reached household had a problem');
    const zeroKg = spawnCli(['findings', 'province', '--returns', 'province-none.csv', '--interval', 'korn-graubard'], {
      cwd: dir,
    });
    expect(zeroKg.stdout).toMatch(/95% interval 0\.00% – [1-9]\d*\.\d\d% \(Korn–Graubard, design df 3\)/);
    expect(zeroKg.stdout).not.toContain('the interval has no width');
    const bad = spawnCli(['findings', 'province', '--returns', 'province-few.csv', '--interval', 'wilson'], {
      cwd: dir,
    });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('wilson');
  });

  it('gives a county draw, not a probability sample of the frame, the statement and no rate', () => {
    const county = output.draws.find((draw) => draw.level === 'county')!;
    expect(county.rate).toBeNull();
    expect(county.probability_sample).toBe(false);
    expect(county.rate_statement).toContain('not a probability sample');
    const run = spawnCli(['findings', 'county', '--returns', 'county.csv'], { cwd: dir });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('not a probability sample of the frame with recorded weights, so no problem rate');
    expect(run.stdout).not.toContain('problem rate in the frame');
  });
});
