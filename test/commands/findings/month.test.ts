/**
 * Issue 18's done-when, end to end on the built binary: a month drawn at three levels from the demo
 * registry (province, prefecture and county monthly draws of 2026-11), the province's check workbook
 * filled in with exceljs and the prefecture's and county's households.csv filled in as CSV returns.
 * The clean copies give no finding (exit 0); with planted faults across them (a swapped household and
 * a bad 问题类别 in the workbook, a spare out of order in the prefecture's CSV, a missing household in
 * the county's CSV), one findings run on all three draws finds each with its sheet or file and row.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, removeTempDirs, spawnCli, tempDir } from '../../helpers.js';

const RESULT_COLUMNS = ['核查结果', '问题描述', '核查人', '核查日期', '问题类别'];
const CATEGORIES = ['识别不精准', '帮扶措施不到位', '收入核算不实'];
const DRAWS = ['prov', 'pref', 'cnty'];
const mask = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
/** A CSV text of the rows (no value in these draws holds a comma, quote or newline). */
const csv = (rows: readonly (readonly string[])[]) => `${rows.map((row) => row.join(',')).join('\n')}\n`;
const filled = (row: readonly string[], result = '无问题', category = '') => [
  ...row,
  result,
  '',
  '张三',
  '2026-11-05',
  category,
];

let dir = '';
/** A draw's households.csv and spares.csv, header first. */
const tables = (name: string) =>
  ['households.csv', 'spares.csv'].map((file) => parse(readFileSync(join(dir, name, file), 'utf8')) as string[][]) as [
    string[][],
    string[][],
  ];

interface SheetRow {
  readonly sheet: ExcelJS.Worksheet;
  readonly row: number;
  readonly id: string;
}

/** The province's check workbook with every sampled household filled in 无问题 by 张三 in November. */
async function filledWorkbook() {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, 'prov', 'check-workbook.xlsx'));
  const villages = workbook.worksheets.slice(1);
  const header = (villages[0]!.getRow(2).values as string[]).slice(1);
  const column = (name: string) => header.indexOf(name) + 1;
  const samples: SheetRow[] = [];
  for (const sheet of villages)
    sheet.eachRow((row, number) => {
      const id = row.getCell(column('户编号')).value;
      if (number > 2 && typeof id === 'string' && String(row.getCell(column('抽取')).value).startsWith('样本'))
        samples.push({ sheet, row: number, id });
    });
  const set = ({ sheet, row }: SheetRow, name: string, value: ExcelJS.CellValue) => {
    sheet.getRow(row).getCell(column(name)).value = value;
  };
  for (const sample of samples) {
    set(sample, '核查结果', '无问题');
    set(sample, '核查人', '张三');
    set(sample, '核查日期', '2026-11-05');
  }
  set(samples[1]!, '核查结果', '有问题');
  set(samples[1]!, '问题类别', CATEGORIES[0]!);
  return { workbook, samples, set };
}

beforeAll(async () => {
  dir = tempDir('spotcheck-findings-month-');
  const levels = [['province'], ['prefecture', '--scope', '临沧市'], ['county', '--scope', '530923']];
  DRAWS.forEach((name, index) => {
    const args = ['monthly', DEMO, '--month', '2026-11', '--level', ...levels[index]!, '--seed', `month-${name}`];
    const draw = spawnCli([...args, '--spares', '2', '--xlsx', '--out', join(dir, name)]);
    expect(draw.status, draw.stderr).toBe(0);
  });
  writeFileSync(join(dir, 'categories.txt'), `${CATEGORIES.join('\n')}\n`);
  const { workbook } = await filledWorkbook();
  await workbook.xlsx.writeFile(join(dir, 'prov-clean.xlsx'));
  for (const name of ['pref', 'cnty']) {
    const [[header, ...rows]] = tables(name);
    const returned = rows.map((row, index) =>
      filled(row, index === 0 ? '有问题' : '无问题', index === 0 ? CATEGORIES[1]! : ''),
    );
    writeFileSync(join(dir, `${name}-clean.csv`), csv([[...header!, ...RESULT_COLUMNS], ...returned]));
  }
});
afterAll(removeTempDirs);

const run = (returns: string[], extra: string[] = []) =>
  spawnCli(['findings', ...DRAWS, '--returns', ...returns, '--categories', 'categories.txt', ...extra], { cwd: dir });

describe('spotcheck findings: a month at three levels', () => {
  it('finds nothing on the clean returns of the three draws (exit 0)', () => {
    const result = run(['prov-clean.xlsx', 'pref-clean.csv', 'cnty-clean.csv']);
    expect(result.status, result.stdout).toBe(0);
    expect(result.stdout.match(/verified: the draw reproduces/g)).toHaveLength(3);
    expect(result.stdout).toContain('returns: prov-clean.xlsx');
    expect(result.stdout).toContain('returns: pref-clean.csv');
    expect(result.stdout).toContain('returns: cnty-clean.csv');
    expect(result.stdout).not.toContain('findings:');
  });

  it('finds every planted fault across the three draws with its sheet or file and row (exit 1)', async () => {
    // Province workbook: a swapped household, and a 问题类别 off the committee's list.
    const { workbook, samples, set } = await filledWorkbook();
    const swapped = samples[4]!;
    const swappedId = '5399999999999999';
    set(swapped, '户编号', swappedId);
    const badCategory = samples[7]!;
    set(badCategory, '核查结果', '有问题');
    set(badCategory, '问题类别', '其他');
    await workbook.xlsx.writeFile(join(dir, 'prov-faulty.xlsx'));
    const where = ({ sheet, row }: SheetRow) => `prov-faulty.xlsx[${sheet.name}]:${row}`;

    // Prefecture CSV: a village's second spare used, its first not (the spare's row last, line n + 2).
    const [[prefHeader, ...prefRows], [sparesHeader, ...spares]] = tables('pref');
    const village = prefHeader!.indexOf('village_key');
    const order = sparesHeader!.indexOf('spare_order');
    const spare2 = spares.find((row) => row[order] === '2')!;
    const replaced = prefRows.findIndex((row) => row[village] === spare2[sparesHeader!.indexOf('village_key')]);
    const prefReturned = prefRows.map((row, index) => filled(row, index === replaced ? '未能入户' : '无问题'));
    prefReturned.push(filled(prefHeader!.map((column) => spare2[sparesHeader!.indexOf(column)] ?? '')));
    writeFileSync(join(dir, 'pref-faulty.csv'), csv([[...prefHeader!, ...RESULT_COLUMNS], ...prefReturned]));

    // County CSV: its third household left out (at its line in the draw's households.csv, 4).
    const [[cntyHeader, ...cntyRows]] = tables('cnty');
    const missing = cntyRows[2]!;
    const cntyReturned = cntyRows.filter((_, index) => index !== 2).map((row) => filled(row));
    writeFileSync(join(dir, 'cnty-faulty.csv'), csv([[...cntyHeader!, ...RESULT_COLUMNS], ...cntyReturned]));

    const result = run(['prov-faulty.xlsx', 'pref-faulty.csv', 'cnty-faulty.csv']);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stdout).toContain(`${where(swapped)}  ${mask(swappedId)}  returned but not drawn`);
    expect(result.stdout).toContain(`${mask(swapped.id)}  drawn but no result returned`);
    expect(result.stdout).toContain(
      `${where(badCategory)}  ${mask(badCategory.id)}  问题类别 must be one of the committee's list (--categories), got "其他"`,
    );
    expect(result.stdout).toContain(
      `pref-faulty.csv:${prefRows.length + 2}  ${mask(spare2[0]!)}  spare used out of order: spare_order 1 was next`,
    );
    expect(result.stdout).toContain(`cnty/households.csv:4  ${mask(missing[0]!)}  drawn but no result returned`);
    expect(result.stdout).toContain('Findings in all: 5.');

    const json = spawnCli(
      ['findings', ...DRAWS, '--returns', 'prov-faulty.xlsx', 'pref-faulty.csv', 'cnty-faulty.csv'].concat([
        '--categories',
        'categories.txt',
        '--json',
      ]),
      { cwd: dir },
    );
    const report = JSON.parse(json.stdout) as {
      findings: number;
      draws: { dir: string; findings: { kind: string; file: string; line: number }[] }[];
    };
    expect(report.findings).toBe(5);
    expect(report.draws.map((draw) => [draw.dir, draw.findings.map(({ kind }) => kind).sort()])).toEqual([
      ['prov', ['categoryInvalid', 'missing', 'notDrawn']],
      ['pref', ['spareOutOfOrder']],
      ['cnty', ['missing']],
    ]);
    expect(report.draws[0]!.findings).toContainEqual(
      expect.objectContaining({
        kind: 'categoryInvalid',
        file: `prov-faulty.xlsx[${badCategory.sheet.name}]`,
        line: badCategory.row,
      }),
    );
  });
  it("finds a workbook sheet dated in another month at the sheet's first household row, beside each row's date", async () => {
    // The team returned October's sheet for one village: its dates typed as real Excel dates.
    const { workbook, samples, set } = await filledWorkbook();
    const sheet = samples[0]!.sheet;
    const onSheet = samples.filter((sample) => sample.sheet === sheet);
    for (const sample of onSheet) set(sample, '核查日期', new Date(Date.UTC(2026, 9, 20)));
    await workbook.xlsx.writeFile(join(dir, 'prov-october.xlsx'));
    const result = spawnCli(
      ['findings', 'prov', '--returns', 'prov-october.xlsx', '--categories', 'categories.txt', '--json'],
      { cwd: dir },
    );
    expect(result.status, result.stderr).toBe(1);
    const findings = (JSON.parse(result.stdout) as { draws: { findings: Record<string, unknown>[] }[] }).draws[0]!
      .findings;
    const file = `prov-october.xlsx[${sheet.name}]`;
    const first = Math.min(...onSheet.map((sample) => sample.row));
    expect(findings.filter((finding) => finding.kind === 'returnFromOtherMonth')).toEqual([
      {
        kind: 'returnFromOtherMonth',
        household: mask(onSheet.find((s) => s.row === first)!.id),
        file,
        line: first,
        got: '2026-10',
        expected: '2026-11',
      },
    ]);
    const dates = findings.filter((finding) => finding.kind === 'dateOutsideMonth');
    expect(dates.map((finding) => [finding.file, finding.line, finding.got])).toEqual(
      onSheet.map((sample) => [file, sample.row, '2026-10-20']),
    );
    expect(findings).toHaveLength(onSheet.length + 1);
  });
});
