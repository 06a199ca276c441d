/**
 * `spotcheck findings --xlsx FILE`, end to end on the built binary: a monthly draw's check workbook
 * filled in with exceljs with planted problems (three households 有问题, one of them with a hostile
 * 问题类别 =HYPERLINK(…), and a swapped household), the report workbook read back: its four sheets,
 * one 问题清单 row per problem with its 问题编号, the household masked, its category, file and row and empty
 * 整改期限 / 整改情况; the hostile value a string cell, never a formula; an input never overwritten.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, removeTempDirs, spawnCli, STACK, tempDir } from '../../helpers.js';

let dir = '';
const mask = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
const HOSTILE = '=HYPERLINK("http://example.invalid/x","点此")';

/** The planted problems: [sheet, row, id, category] of each household marked 有问题. */
let planted: { sheet: string; row: number; id: string; category: string }[] = [];

beforeAll(async () => {
  dir = tempDir('spotcheck-findings-report-');
  const draw = spawnCli(
    ['monthly', DEMO, '--month', '2026-11', '--level', 'province', '--seed', 'findings-report-e2e', '--xlsx'].concat([
      '--out',
      join(dir, 'd1'),
    ]),
  );
  expect(draw.status, draw.stderr).toBe(0);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, 'd1', 'check-workbook.xlsx'));
  const villages = workbook.worksheets.slice(1);
  const header = (villages[0]!.getRow(2).values as string[]).slice(1);
  const column = (name: string) => header.indexOf(name) + 1;
  const rows: { sheet: ExcelJS.Worksheet; row: number; id: string }[] = [];
  for (const sheet of villages)
    sheet.eachRow((row, number) => {
      const id = row.getCell(column('户编号')).value;
      if (number > 2 && typeof id === 'string' && id !== '') rows.push({ sheet, row: number, id });
    });
  const categories = ['政策落实', HOSTILE, '帮扶措施'];
  planted = [];
  rows.forEach(({ sheet, row, id }, index) => {
    const cells = sheet.getRow(row);
    const problem = index === 3 || index === 10 || index === 20;
    cells.getCell(column('核查结果')).value = problem ? '有问题' : '无问题';
    if (problem) {
      const category = categories[planted.length]!;
      cells.getCell(column('问题类别')).value = category;
      planted.push({ sheet: sheet.name, row, id, category });
    }
    cells.getCell(column('核查人')).value = '张三';
    cells.getCell(column('核查日期')).value = '2026-11-05';
  });
  await workbook.xlsx.writeFile(join(dir, 'returned.xlsx'));
});
afterAll(removeTempDirs);

/** The report workbook's sheets, each as rows of cell values (index 0 is column A). */
async function readReport(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return workbook;
}
const values = (sheet: ExcelJS.Worksheet) =>
  sheet.getSheetValues().flatMap((row) => (row === undefined ? [] : [Array.from(row as unknown[]).slice(1)]));

describe('spotcheck findings --xlsx', () => {
  it('writes the summary, categories, integrity and problem sheets, one masked row per problem', async () => {
    const result = spawnCli(['findings', 'd1', '--returns', 'returned.xlsx', '--xlsx', 'report.xlsx'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    const workbook = await readReport(join(dir, 'report.xlsx'));
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['概要', '问题类别', '完整性问题', '问题清单']);
    const summary = values(workbook.getWorksheet('概要')!);
    expect(summary).toContainEqual(['月份', '2026-11']);
    expect(summary).toContainEqual(['有问题户数', 3]);
    expect(summary).toContainEqual(['完整性问题', 0]);
    const byCategory = values(workbook.getWorksheet('问题类别')!);
    expect(byCategory.slice(1).sort()).toEqual(
      [
        ['政策落实', 1],
        [HOSTILE, 1],
        ['帮扶措施', 1],
      ].sort(),
    );
    const [header, ...problems] = values(workbook.getWorksheet('问题清单')!);
    expect(header).toEqual([
      '问题编号',
      '户编号',
      '州（市）',
      '县（市、区）',
      '村',
      '问题类别',
      '问题描述',
      '文件',
      '行',
      '整改期限',
      '整改情况',
    ]);
    expect(problems).toHaveLength(3);
    const sorted = [...planted].sort((a, b) =>
      a.sheet === b.sheet ? a.row - b.row : `returned.xlsx[${a.sheet}]` < `returned.xlsx[${b.sheet}]` ? -1 : 1,
    );
    sorted.forEach((problem, index) => {
      const row = problems[index]!;
      expect(row[0]).toBe(`2026-11-000${index + 1}`);
      expect(row[1]).toBe(mask(problem.id));
      expect(row[5]).toBe(problem.category);
      expect(row[7]).toBe(`returned.xlsx[${problem.sheet}]`);
      expect(row[8]).toBe(problem.row);
      expect(row.slice(9).every((cell) => cell === undefined || cell === null || cell === '')).toBe(true);
    });
    // No unmasked ID anywhere in the file.
    const text = JSON.stringify(workbook.worksheets.map(values));
    for (const { id } of planted) expect(text).not.toContain(id);
  });

  it('keeps a hostile cell value a string cell in the Text format, never a formula', async () => {
    spawnCli(['findings', 'd1', '--returns', 'returned.xlsx', '--xlsx', 'report.xlsx'], { cwd: dir });
    const workbook = await readReport(join(dir, 'report.xlsx'));
    const cells: ExcelJS.Cell[] = [];
    for (const sheet of workbook.worksheets)
      sheet.eachRow((row) => row.eachCell((cell) => void (cell.text === HOSTILE && cells.push(cell))));
    expect(cells.length).toBe(2); // 问题类别 and 问题清单
    for (const cell of cells) {
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.value).toBe(HOSTILE);
      expect(cell.numFmt).toBe('@');
    }
    // The sheet XML holds no <f> (formula) element at all.
    expect(readFileSync(join(dir, 'report.xlsx')).includes(Buffer.from('<f>'))).toBe(false);
  });

  it('lists integrity findings with file and row, and shows IDs whole with --reveal-ids', async () => {
    const workbook = await readReport(join(dir, 'returned.xlsx'));
    const { sheet, row } = planted[0]!;
    const header = (workbook.getWorksheet(sheet)!.getRow(2).values as string[]).slice(1);
    workbook
      .getWorksheet(sheet)!
      .getRow(row)
      .getCell(header.indexOf('户编号') + 1).value = '5399999999999999';
    await workbook.xlsx.writeFile(join(dir, 'swapped.xlsx'));
    const result = spawnCli(
      ['findings', 'd1', '--returns', 'swapped.xlsx', '--xlsx', 'swapped-report.xlsx', '--reveal-ids'],
      { cwd: dir },
    );
    expect(result.status, result.stderr).toBe(1);
    const report = await readReport(join(dir, 'swapped-report.xlsx'));
    const integrity = values(report.getWorksheet('完整性问题')!);
    expect(integrity).toContainEqual([
      'd1',
      '5399999999999999',
      expect.stringContaining('returned but not drawn'),
      `swapped.xlsx[${sheet}]`,
      row,
    ]);
    expect(integrity).toContainEqual([
      'd1',
      planted[0]!.id,
      expect.stringContaining('drawn but no result returned'),
      'd1/households.csv',
      expect.any(Number),
    ]);
    expect(values(report.getWorksheet('问题清单')!)).toHaveLength(3); // the swapped problem is not a drawn household's
  });

  it('refuses to overwrite an input (exit 2), the input unchanged', () => {
    const before = readFileSync(join(dir, 'returned.xlsx'));
    const result = spawnCli(['findings', 'd1', '--returns', 'returned.xlsx', '--xlsx', 'returned.xlsx'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('returned.xlsx');
    expect(result.stderr).not.toMatch(STACK);
    expect(readFileSync(join(dir, 'returned.xlsx')).equals(before)).toBe(true);
  });
});

describe('spotcheck findings --follow-up', () => {
  it('reports the open problems past their deadline as of --as-of, not the closed or not yet due', async () => {
    spawnCli(['findings', 'd1', '--returns', 'returned.xlsx', '--xlsx', 'report.xlsx'], { cwd: dir });
    const workbook = await readReport(join(dir, 'report.xlsx'));
    const sheet = workbook.getWorksheet('问题清单')!;
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const set = (row: number, name: string, value: ExcelJS.CellValue) => {
      sheet.getRow(row).getCell(header.indexOf(name) + 1).value = value;
    };
    // Row 2: overdue and open (blank 整改情况, the deadline a real Excel date).
    set(2, '整改期限', new Date(Date.UTC(2026, 11, 10)));
    // Row 3: overdue but put right (已整改): not reported.
    set(3, '整改期限', '2026-12-05');
    set(3, '整改情况', '已整改');
    // Row 4: open, written 整改中, deadline after the reference date: not yet due.
    set(4, '整改期限', '2027-01-15');
    set(4, '整改情况', '整改中');
    await workbook.xlsx.writeFile(join(dir, 'followed.xlsx'));
    const ids = values(sheet)
      .slice(1)
      .map((row) => row[1]);

    const result = spawnCli(
      ['findings', 'd1', '--returns', 'returned.xlsx', '--follow-up', 'followed.xlsx', '--as-of', '2026-12-31'],
      { cwd: dir },
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('Follow-up of followed.xlsx as of 2026-12-31:');
    expect(result.stdout).toContain('problems 3, open 2, open past their deadline 1');
    expect(result.stdout).toContain(`followed.xlsx[问题清单]:2  2026-11-0001  ${ids[0]}`);
    expect(result.stdout).toContain('open past its deadline 2026-12-10 (整改情况: —)');
    expect(result.stdout).not.toContain('followed.xlsx[问题清单]:3');
    expect(result.stdout).not.toContain('followed.xlsx[问题清单]:4');

    // Later, the third is overdue too; in the JSON with the rows.
    const later = spawnCli(
      [
        'findings',
        'd1',
        '--returns',
        'returned.xlsx',
        '--follow-up',
        'followed.xlsx',
        '--as-of',
        '2027-02-01',
        '--json',
      ],
      { cwd: dir },
    );
    const report = JSON.parse(later.stdout) as { follow_up: { overdue: { line: number; deadline: string }[] } };
    expect(report.follow_up.overdue.map(({ line, deadline }) => [line, deadline])).toEqual([
      [2, '2026-12-10'],
      [4, '2027-01-15'],
    ]);
    // Without --as-of, the end of the draw's month (2026-11-30): nothing is past its deadline yet.
    const monthEnd = spawnCli(['findings', 'd1', '--returns', 'returned.xlsx', '--follow-up', 'followed.xlsx'], {
      cwd: dir,
    });
    expect(monthEnd.stdout).toContain('as of 2026-11-30');
    expect(monthEnd.stdout).toContain('open past their deadline 0');
    const bad = spawnCli(
      ['findings', 'd1', '--returns', 'returned.xlsx', '--follow-up', 'followed.xlsx', '--as-of', '2026-02-30'],
      {
        cwd: dir,
      },
    );
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--as-of must be a day written YYYY-MM-DD, got "2026-02-30"');
    // Last month's report is an input: this month's --xlsx may not overwrite it.
    const before = readFileSync(join(dir, 'followed.xlsx'));
    const overwrite = spawnCli(
      ['findings', 'd1', '--returns', 'returned.xlsx', '--follow-up', 'followed.xlsx', '--xlsx', 'followed.xlsx'],
      { cwd: dir },
    );
    expect(overwrite.status).toBe(2);
    expect(readFileSync(join(dir, 'followed.xlsx')).equals(before)).toBe(true);
    const chinese = spawnCli(
      [
        'findings',
        'd1',
        '--returns',
        'returned.xlsx',
        '--follow-up',
        'followed.xlsx',
        '--as-of',
        '2026-12-31',
        '--lang',
        'zh-CN',
      ],
      { cwd: dir },
    );
    expect(chinese.stdout).toContain('followed.xlsx 的整改跟踪（截至 2026-12-31）：');
    expect(chinese.stdout).toContain('问题 3 个，未整改 2 个，逾期未整改 1 个');
  });
});
