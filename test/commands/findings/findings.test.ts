/**
 * `spotcheck findings` end to end on the built binary: a monthly draw from the demo registry, its
 * households.csv filled in as a return, once clean (no findings, exit 0, in UTF-8 and GBK) and once
 * with planted faults (a swapped household, a spare out of order, a missing household, a bad
 * result), each found with its file and line (exit 1); a tampered draw, a return of no draw given.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, removeTempDirs, spawnCli, STACK, tempDir } from '../../helpers.js';

const RESULT_COLUMNS = ['核查结果', '问题描述', '核查人', '核查日期'];
let dir = '';
let header: string[] = [];
let households: string[][] = [];
let sparesHeader: string[] = [];
let spares: string[][] = [];

/** A CSV text of the rows (no value in this draw holds a comma, quote or newline). */
const csv = (rows: readonly (readonly string[])[]) => `${rows.map((row) => row.join(',')).join('\n')}\n`;
const filled = (row: readonly string[], result = '无问题', date = '2026-11-05') => [...row, result, '', '张三', date];

beforeAll(() => {
  dir = tempDir('spotcheck-findings-');
  const draw = spawnCli([
    'monthly',
    DEMO,
    '--month',
    '2026-11',
    '--level',
    'province',
    '--seed',
    'findings-e2e',
    '--spares',
    '2',
    '--out',
    join(dir, 'd1'),
  ]);
  expect(draw.status, draw.stderr).toBe(0);
  [header, ...households] = parse(readFileSync(join(dir, 'd1', 'households.csv'), 'utf8')) as string[][];
  [sparesHeader, ...spares] = parse(readFileSync(join(dir, 'd1', 'spares.csv'), 'utf8')) as string[][];
  writeFileSync(join(dir, 'clean.csv'), csv([[...header, ...RESULT_COLUMNS], ...households.map((row) => filled(row))]));
});
afterAll(removeTempDirs);

describe('spotcheck findings', () => {
  it('finds nothing on a clean return (exit 0), in English and Chinese, and in GBK', () => {
    const result = spawnCli(['findings', 'd1', '--returns', 'clean.csv'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('verified: the draw reproduces');
    expect(result.stdout).toContain('households drawn 40; checked 40, reached 40, with problems 0');
    expect(result.stdout).toContain('No findings.');
    writeFileSync(join(dir, 'clean-gbk.csv'), iconv.encode(readFileSync(join(dir, 'clean.csv'), 'utf8'), 'gbk'));
    const chinese = spawnCli(['findings', 'd1', '--returns', 'clean-gbk.csv', '--lang', 'zh-CN'], { cwd: dir });
    expect(chinese.status, chinese.stderr).toBe(0);
    expect(chinese.stdout).toContain('抽中 40 户；已核查 40 户，已入户 40 户，有问题 0 户');
    expect(chinese.stdout).toContain('未发现问题。');
  });

  it("finds a return from another month (its dates in October, the draw's month November) at its first row", () => {
    const rows = households.map((row) => filled(row, '无问题', '2026-10-15'));
    writeFileSync(join(dir, 'october.csv'), csv([[...header, ...RESULT_COLUMNS], ...rows]));
    const result = spawnCli(['findings', 'd1', '--returns', 'october.csv'], { cwd: dir });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toMatch(
      /october\.csv:2 {2}\S+ {2}return from another month: dates in 2026-10, draw month 2026-11/,
    );
    const chinese = spawnCli(['findings', 'd1', '--returns', 'october.csv', '--lang', 'zh-CN'], { cwd: dir });
    expect(chinese.stdout).toContain('交回的是其他月份的核查：核查日期在 2026-10，本次抽取月份为 2026-11');
    // With --month 2026-10 the same return is of the month checked.
    const asOctober = spawnCli(['findings', 'd1', '--returns', 'october.csv', '--month', '2026-10'], { cwd: dir });
    expect(asOctober.status, asOctober.stdout).toBe(0);
  });

  it('finds each planted fault with its file and line (exit 1); IDs masked unless --reveal-ids', () => {
    const village = header.indexOf('village_key');
    const rows = households.map((row) => filled(row));
    const first = households[0]!;
    rows[0] = filled(first, '未能入户');
    // The village's second spare used, its first skipped: out of spare order (the last line, 41).
    const order = sparesHeader.indexOf('spare_order');
    const spare2 = spares.find((row) => row[village] === first[village] && row[order] === '2')!;
    const spareRow = header.map((column) => spare2[sparesHeader.indexOf(column)] ?? '');
    // A swapped household (line 7): an id the draw does not hold.
    const swappedId = '5399999999999999';
    rows[5] = [swappedId, ...rows[5]!.slice(1)];
    // A bad result (line 14, line 13 once row 10 is left out).
    rows[12] = filled(households[12]!, '没问题');
    // A missing household: row 10 left out (the households after it move up a line).
    const missing = households[9]![0]!;
    const returned = [...rows.slice(0, 9), ...rows.slice(10), filled(spareRow, '有问题', '2026-11-06')];
    writeFileSync(join(dir, 'faulty.csv'), csv([[...header, ...RESULT_COLUMNS], ...returned]));

    const result = spawnCli(['findings', 'd1', '--returns', 'faulty.csv'], { cwd: dir });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toBe('');
    const mask = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
    expect(result.stdout).toContain(`faulty.csv:7  ${mask(swappedId)}  returned but not drawn`);
    expect(result.stdout).toContain(
      `faulty.csv:13  ${mask(households[12]![0]!)}  核查结果 must be 无问题, 有问题 or 未能入户, got "没问题"`,
    );
    expect(result.stdout).toContain(
      `faulty.csv:41  ${mask(spare2[0]!)}  spare used out of order: spare_order 1 was next`,
    );
    expect(result.stdout).toContain(`d1/households.csv:11  ${mask(missing)}  drawn but no result returned`);
    // The swapped household's place in the draw is missing too.
    expect(result.stdout).toContain(`d1/households.csv:7  ${mask(households[5]![0]!)}  drawn but no result returned`);
    expect(result.stdout).toContain('Findings in all: 5.');
    expect(result.stdout).not.toContain(swappedId);

    const json = spawnCli(['findings', 'd1', '--returns', 'faulty.csv', '--json', '--reveal-ids'], { cwd: dir });
    expect(json.status, json.stderr).toBe(1);
    const report = JSON.parse(json.stdout) as {
      findings: number;
      draws: { verified: boolean; findings: { kind: string; household: string; file: string; line: number }[] }[];
    };
    expect(report.findings).toBe(5);
    expect(report.draws[0]!.verified).toBe(true);
    expect(report.draws[0]!.findings).toContainEqual({
      kind: 'notDrawn',
      household: swappedId,
      file: 'faulty.csv',
      line: 7,
    });
    expect(report.draws[0]!.findings.map((finding) => finding.kind).sort()).toEqual([
      'missing',
      'missing',
      'notDrawn',
      'resultInvalid',
      'spareOutOfOrder',
    ]);
  });

  it('masks an ID number written in a result cell: always in the summary, in the JSON unless --reveal-ids', () => {
    // GB 11643's example resident ID, typed as the date by mistake (line 3).
    const id = '11010519491231002X';
    const rows = households.map((row, index) => filled(row, '无问题', index === 1 ? id : '2026-11-05'));
    writeFileSync(join(dir, 'id-in-date.csv'), csv([[...header, ...RESULT_COLUMNS], ...rows]));
    const result = spawnCli(['findings', 'd1', '--returns', 'id-in-date.csv'], { cwd: dir });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('id-in-date.csv:3');
    expect(result.stdout).toContain('核查日期 must be a day of the month, got "1101**********002X"');
    expect(result.stdout).not.toContain(id);
    const json = spawnCli(['findings', 'd1', '--returns', 'id-in-date.csv', '--json'], { cwd: dir });
    expect(json.stdout).toContain('"got": "1101**********002X"');
    expect(json.stdout).not.toContain(id);
    // The summary's messages mask personal text always (src/messages/render.ts); the JSON reveals it when asked.
    const revealed = spawnCli(['findings', 'd1', '--returns', 'id-in-date.csv', '--json', '--reveal-ids'], {
      cwd: dir,
    });
    expect(revealed.stdout).toContain(`"got": "${id}"`);
  });

  it('a draw that does not verify is a finding and its returns are not checked (exit 1)', () => {
    cpSync(join(dir, 'd1'), join(dir, 'd2'), { recursive: true });
    const path = join(dir, 'd2', 'households.csv');
    writeFileSync(path, readFileSync(path, 'utf8').replace(households[3]![0]!, '5399999999999998'));
    const result = spawnCli(['findings', 'd2', '--returns', 'clean.csv'], { cwd: dir });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('NOT verified: its returns are not checked against it');
    expect(result.stdout).toContain('households.csv');
    expect(result.stdout).toContain('Findings in all: 1.');
  });

  it('refuses a return whose households belong to no draw given, and a return without 核查结果 (exit 2)', () => {
    writeFileSync(
      join(dir, 'foreign.csv'),
      csv([
        ['household_id', ...RESULT_COLUMNS],
        ['1234567', '无问题', '', '张三', '2026-11-05'],
      ]),
    );
    const foreign = spawnCli(['findings', 'd1', '--returns', 'foreign.csv'], { cwd: dir });
    expect(foreign.status).toBe(2);
    expect(foreign.stderr).toContain('none of the 1 households of this return belongs to a draw given');
    expect(foreign.stderr).toContain('foreign.csv');
    expect(foreign.stderr).not.toMatch(STACK);
    const noResult = spawnCli(['findings', 'd1', '--returns', join('d1', 'households.csv')], { cwd: dir });
    expect(noResult.status).toBe(2);
    expect(noResult.stderr).toContain('the file has no 核查结果 / result column');
    const noReturns = spawnCli(['findings', 'd1'], { cwd: dir });
    expect(noReturns.status).toBe(2);
    expect(noReturns.stderr).toContain('--returns is required');
  });
});
