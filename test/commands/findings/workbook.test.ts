/**
 * `spotcheck findings` on returned check workbooks, end to end on the built binary: a monthly draw
 * from the demo registry written with --xlsx, its workbook filled in programmatically (exceljs) the
 * way Excel leaves one (dates as real dates, as text and as a serial number, a formula with its saved
 * result, an ID with the formula guard's apostrophe, an ID stored as a number, a note row), once clean
 * (exit 0) and once with planted faults, each found with its sheet and row (exit 1); a workbook whose
 * hash was edited (refused, exit 2), one whose draw does not verify, and an xlsx with a CSV return.
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, ROOT, removeTempDirs, spawnCli, STACK, tempDir } from '../../helpers.js';
import { cell, frameParts, sheetPart, zip } from '../../xlsxBombs.js';

let dir = '';
const mask = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;

/** A drawn household's row of a village sheet. */
interface SheetRow {
  readonly sheet: ExcelJS.Worksheet;
  readonly row: number;
  readonly id: string;
  /** 样本 n or 备用 n. */
  readonly drawn: string;
}

/** The workbook at `path`, its village sheets' household rows and the columns by name. */
async function openWorkbook(path: string) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  const [summary, ...villages] = workbook.worksheets;
  const header = (villages[0]!.getRow(2).values as string[]).slice(1);
  const column = (name: string) => header.indexOf(name) + 1;
  const rows: SheetRow[] = [];
  for (const sheet of villages)
    sheet.eachRow((row, number) => {
      const id = row.getCell(column('户编号')).value;
      if (number > 2 && typeof id === 'string' && id !== '')
        rows.push({ sheet, row: number, id, drawn: String(row.getCell(column('抽取')).value) });
    });
  return { workbook, summary: summary!, rows, column };
}

/** Every sampled household filled in: 无问题 by 张三 on a day of November 2026, typed in the ways Excel keeps it. */
async function cleanWorkbook(path: string) {
  const opened = await openWorkbook(path);
  const { rows, column } = opened;
  rows
    .filter(({ drawn }) => drawn.startsWith('样本'))
    .forEach(({ sheet, row, id }, index) => {
      const cells = sheet.getRow(row);
      cells.getCell(column('核查结果')).value = index === 0 ? { formula: '"无问题"', result: '无问题' } : '无问题';
      cells.getCell(column('核查人')).value = '张三';
      // A real Excel date, a date serial number without a date format (46331: 2026-11-05), and text.
      cells.getCell(column('核查日期')).value =
        index % 3 === 0 ? new Date(Date.UTC(2026, 10, 5)) : index % 3 === 1 ? 46331 : '2026年11月6日';
      if (index === 1) cells.getCell(column('户编号')).value = Number(id); // an ID stored as a number
      if (index === 2) cells.getCell(column('户编号')).value = `'${id}`; // the formula guard's apostrophe (§20)
    });
  // A note typed under a table (no household) is not a return.
  rows[0]!.sheet.addRow(['备注：已全部入户']);
  return opened;
}

beforeAll(async () => {
  dir = tempDir('spotcheck-findings-xlsx-');
  for (const [name, seed] of [
    ['d1', 'findings-xlsx-e2e'],
    ['d3', 'findings-xlsx-other'],
  ] as const) {
    const draw = spawnCli(
      ['monthly', DEMO, '--month', '2026-11', '--level', 'province', '--seed', seed, '--spares', '2', '--xlsx'].concat([
        '--out',
        join(dir, name),
      ]),
    );
    expect(draw.status, draw.stderr).toBe(0);
  }
  const { workbook } = await cleanWorkbook(join(dir, 'd1', 'check-workbook.xlsx'));
  await workbook.xlsx.writeFile(join(dir, 'clean.xlsx'));
});
afterAll(removeTempDirs);

describe('spotcheck findings with workbook returns', () => {
  it('finds nothing in a clean workbook filled as Excel leaves it (exit 0)', () => {
    const result = spawnCli(['findings', 'd1', '--returns', 'clean.xlsx'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('verified: the draw reproduces');
    expect(result.stdout).toContain('households drawn 40; checked 40, reached 40, with problems 0');
    expect(result.stdout).toContain('No findings.');
  });

  it('finds each planted fault with its sheet and row (exit 1)', async () => {
    const { workbook, rows, column } = await cleanWorkbook(join(dir, 'd1', 'check-workbook.xlsx'));
    const samples = rows.filter(({ drawn }) => drawn.startsWith('样本'));
    const set = ({ sheet, row }: SheetRow, name: string, value: ExcelJS.CellValue) => {
      sheet.getRow(row).getCell(column(name)).value = value;
    };
    // The first village's first household unreachable, and its second spare used before its first.
    const first = samples[0]!;
    set(first, '核查结果', '未能入户');
    const spare2 = rows.find(({ sheet, drawn }) => sheet === first.sheet && drawn === '备用 2')!;
    set(spare2, '核查结果', '有问题');
    set(spare2, '核查人', '李四');
    set(spare2, '核查日期', '2026-11-07');
    // A swapped household: another household's number written over a drawn one.
    const swapped = samples[5]!;
    const swappedId = '5399999999999999';
    set(swapped, '户编号', swappedId);
    // A missing household: its result left empty; a bad result value.
    const missing = samples[9]!;
    set(missing, '核查结果', null);
    const bad = samples[12]!;
    set(bad, '核查结果', '没问题');
    await workbook.xlsx.writeFile(join(dir, 'faulty.xlsx'));

    const where = ({ sheet, row }: SheetRow) => `faulty.xlsx[${sheet.name}]:${row}`;
    const result = spawnCli(['findings', 'd1', '--returns', 'faulty.xlsx'], { cwd: dir });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain(`${where(swapped)}  ${mask(swappedId)}  returned but not drawn`);
    expect(result.stdout).toContain(`${mask(swapped.id)}  drawn but no result returned`);
    expect(result.stdout).toContain(`${where(missing)}  ${mask(missing.id)}  drawn but no result returned`);
    expect(result.stdout).toContain(
      `${where(bad)}  ${mask(bad.id)}  核查结果 must be 无问题, 有问题 or 未能入户, got "没问题"`,
    );
    expect(result.stdout).toContain(
      `${where(spare2)}  ${mask(spare2.id)}  spare used out of order: spare_order 1 was next`,
    );
    expect(result.stdout).toContain('Findings in all: 5.');

    const json = spawnCli(['findings', 'd1', '--returns', 'faulty.xlsx', '--json', '--reveal-ids'], { cwd: dir });
    const report = JSON.parse(json.stdout) as { draws: { findings: { kind: string; file: string; line: number }[] }[] };
    expect(report.draws[0]!.findings).toContainEqual({
      kind: 'notDrawn',
      household: swappedId,
      file: `faulty.xlsx[${swapped.sheet.name}]`,
      line: swapped.row,
    });
    expect(report.draws[0]!.findings.map(({ kind }) => kind).sort()).toEqual([
      'missing',
      'missing',
      'notDrawn',
      'resultInvalid',
      'spareOutOfOrder',
    ]);
  });

  it('refuses a workbook whose manifest hash was edited (exit 2), naming the sheet', async () => {
    const { workbook, summary } = await openWorkbook(join(dir, 'clean.xlsx'));
    summary.eachRow((row) => {
      if (row.getCell(1).value === '清单 SHA-256')
        row.getCell(2).value = `0000${String(row.getCell(2).value).slice(4)}`;
    });
    await workbook.xlsx.writeFile(join(dir, 'edited.xlsx'));
    const result = spawnCli(['findings', 'd1', '--returns', 'edited.xlsx'], { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /sheet ".+" carries manifest hash 0000[0-9a-f]{12}…, which is the hash of no draw given/,
    );
    expect(result.stderr).toContain('edited.xlsx');
    expect(result.stderr).not.toMatch(STACK);
    const chinese = spawnCli(['findings', 'd1', '--returns', 'edited.xlsx', '--lang', 'zh-CN'], { cwd: dir });
    expect(chinese.status).toBe(2);
    expect(chinese.stderr).toMatch(/所载清单 SHA-256 0000[0-9a-f]{12}… 不是所给任何抽取的清单哈希/);
  });

  it("a village sheet's own 清单 SHA-256 line is its hash: one of another draw refuses that sheet by name", async () => {
    const { workbook, rows } = await openWorkbook(join(dir, 'clean.xlsx'));
    const other = JSON.parse(readFileSync(join(dir, 'd3', 'manifest.json'), 'utf8')) as { manifest_sha256: string };
    const sheet = rows.at(-1)!.sheet;
    sheet.addRow(['清单 SHA-256', other.manifest_sha256]);
    await workbook.xlsx.writeFile(join(dir, 'sheet-hash.xlsx'));
    const refused = spawnCli(['findings', 'd1', '--returns', 'sheet-hash.xlsx'], { cwd: dir });
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain(
      `sheet "${sheet.name}" carries manifest hash ${other.manifest_sha256.slice(0, 16)}…`,
    );
    // Given its draw too, that sheet's households go to it (not drawn there), the others stay with d1.
    const both = spawnCli(['findings', 'd1', 'd3', '--returns', 'sheet-hash.xlsx'], { cwd: dir });
    expect(both.status, both.stderr).toBe(1);
    expect(both.stdout).toContain(`sheet-hash.xlsx[${sheet.name}]`);
    expect(both.stdout).toContain('returned but not drawn');
  });

  it('reports a workbook whose draw does not verify (exit 1)', () => {
    cpSync(join(dir, 'd1'), join(dir, 'd2'), { recursive: true });
    const path = join(dir, 'd2', 'households.csv');
    const [, firstRow] = parse(readFileSync(path, 'utf8')) as string[][];
    writeFileSync(path, readFileSync(path, 'utf8').replace(firstRow![0]!, '5399999999999998'));
    const result = spawnCli(['findings', 'd2', '--returns', 'clean.xlsx'], { cwd: dir });
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain('returns: clean.xlsx');
    expect(result.stdout).toContain('NOT verified: its returns are not checked against it');
  });

  it('reads a workbook and a CSV return together, each matched to its own draw (exit 0)', () => {
    const [header, ...households] = parse(readFileSync(join(dir, 'd3', 'households.csv'), 'utf8')) as string[][];
    const lines = [
      [...header!, '核查结果', '问题描述', '核查人', '核查日期'],
      ...households.map((row) => [...row, '无问题', '', '王五', '2026-11-05']),
    ];
    writeFileSync(join(dir, 'd3-returned.csv'), `${lines.map((row) => row.join(',')).join('\n')}\n`);
    const result = spawnCli(['findings', 'd1', 'd3', '--returns', 'clean.xlsx', 'd3-returned.csv'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('returns: clean.xlsx');
    expect(result.stdout).toContain('returns: d3-returned.csv');
    expect(result.stdout.match(/checked 40, reached 40/g)).toHaveLength(2);
  });

  it('refuses a returned workbook past the xlsx safety limits before exceljs reads it (exit 2)', () => {
    // A sheet that declares 2 GiB once inflated (test/xlsxBombs.ts): refused from the zip's directory.
    const sheet = sheetPart(`<row r="1">${cell('A1', '户编号')}${cell('B1', '核查结果')}</row>`);
    writeFileSync(
      join(dir, 'bomb.xlsx'),
      zip([...frameParts(1), sheet], (p) => (p.name.endsWith('sheet1.xml') ? 2 * 1024 ** 3 : p.size)),
    );
    const result = spawnCli(['findings', 'd1', '--returns', 'bomb.xlsx'], { cwd: dir });
    expect(result.status).toBe(2);
    // A return is held whole: its limit is 64 MiB (HELD_WORKBOOK_LIMITS), not a registry's 1 GiB.
    expect(result.stderr).toMatch(/the uncompressed size the zip declares is \d+, the limit is 67108864/);
    expect(result.stderr).not.toMatch(STACK);
  });

  it("reads evaluate's check workbook too: every drawn household found on its sheet, clean (exit 0)", async () => {
    const fixture = (name: string) => join(ROOT, 'fixtures', name);
    const draw = spawnCli(
      [
        'evaluate',
        fixture('eval-registry.csv'),
        '--seed',
        's1',
        '--nonpoor',
        fixture('eval-nonpoor.csv'),
        '--xlsx',
      ].concat(['--out', join(dir, 'e1')]),
    );
    expect(draw.status, draw.stderr).toBe(0);
    const { workbook } = await cleanWorkbook(join(dir, 'e1', 'check-workbook.xlsx'));
    await workbook.xlsx.writeFile(join(dir, 'e1-clean.xlsx'));
    const drawn = (parse(readFileSync(join(dir, 'e1', 'frame.csv'), 'utf8')) as string[][]).length - 1;
    const result = spawnCli(['findings', 'e1', '--returns', 'e1-clean.xlsx', '--month', '2026-11'], { cwd: dir });
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout).toContain(`households drawn ${drawn}; checked ${drawn}, reached ${drawn}`);
  });
});
