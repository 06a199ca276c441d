/**
 * Open problems carried until put right (整改销号), end to end on the built binary: November's report
 * with two problems, returned with one open and one 已整改; December's run with `--follow-up` and
 * `--history` writes a report and a month JSON that carry November's open problem (its number, last
 * 整改期限 and 整改情况, 来源 上月跟踪), not the closed one, sealed with December's own; January's
 * follow-up of December's report lists it overdue, finds nothing in the report as written, and finds
 * the carried row deleted or renumbered (exit 1); carried again, it keeps its number.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemsSeal, type RecordedProblem } from '../../../src/core/followUp.js';
import { DEMO, removeTempDirs, spawnCli, tempDir } from '../../helpers.js';
import { residentId } from '../../personalData.js';
import { fillCheckWorkbook } from './fillKit.js';

let dir = '';
const mask = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
/** The households of November's two problems and December's one. */
let november: string[] = [];
let december: string[] = [];

/** A draw's check workbook filled in (fillCheckWorkbook); the households of the `planted` problems. */
async function fillWorkbook(month: string, planted: Map<number, [string, string]>, out: string) {
  const ids = await fillCheckWorkbook(join(dir, month, 'check-workbook.xlsx'), join(dir, out), month, planted);
  return [...planted.keys()].map((index) => ids[index]!);
}

const sheetValues = (sheet: ExcelJS.Worksheet) =>
  sheet.getSheetValues().flatMap((row) => (row === undefined ? [] : [Array.from(row as unknown[]).slice(1)]));

/** A report workbook as the county sends it back: `edit` given the 问题清单 sheet and a column's number by heading. */
async function returned(
  from: string,
  to: string,
  edit: (sheet: ExcelJS.Worksheet, column: (heading: string) => number) => void,
) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, from));
  const sheet = workbook.getWorksheet('问题清单')!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  edit(sheet, (heading) => header.indexOf(heading) + 1);
  await workbook.xlsx.writeFile(join(dir, to));
}

interface MonthJson {
  findings: number;
  carried?: {
    number: string;
    household: string;
    category: string;
    description: string;
    deadline: string;
    status: string;
  }[];
  problems_sha256: string;
  follow_up: {
    overdue: { number: string; deadline: string; status: string }[];
    carried: number;
    findings: { kind: string; number: string; line: number | null }[];
  };
}

beforeAll(async () => {
  dir = tempDir('spotcheck-findings-carry-');
  for (const month of ['2026-11', '2026-12', '2027-01']) {
    const args = ['monthly', DEMO, '--month', month, '--level', 'province', '--seed', `carry-${month}`, '--xlsx'];
    const draw = spawnCli([...args, '--out', join(dir, month)]);
    expect(draw.status, draw.stderr).toBe(0);
  }
  november = await fillWorkbook(
    '2026-11',
    new Map([
      [2, ['政策落实', '收入未核实']],
      [5, ['帮扶措施', '措施未落实']],
    ]),
    'nov.xlsx',
  );
  december = await fillWorkbook('2026-12', new Map([[3, ['收入核算', '台账缺失']]]), 'dec.xlsx');
  await fillWorkbook('2027-01', new Map(), 'jan.xlsx');
  const run = spawnCli(
    ['findings', '2026-11', '--returns', 'nov.xlsx', '--out', 'ledger', '--xlsx', 'nov-report.xlsx'],
    {
      cwd: dir,
    },
  );
  expect(run.status, run.stdout + run.stderr).toBe(0);
  // The county: 2026-11-0001 still being put right past its deadline, 2026-11-0002 put right.
  await returned('nov-report.xlsx', 'nov-returned.xlsx', (sheet, column) => {
    sheet.getRow(2).getCell(column('整改期限')).value = '2026-12-10';
    sheet.getRow(2).getCell(column('整改情况')).value = '整改中';
    sheet.getRow(3).getCell(column('整改期限')).value = '2026-12-01';
    sheet.getRow(3).getCell(column('整改情况')).value = '已整改';
  });
});
afterAll(removeTempDirs);

describe('open problems carried into the next month’s list', () => {
  it('carries November’s open problem into December’s report and JSON, its number and follow-up kept; not the closed one', async () => {
    const args = [
      'findings',
      '2026-12',
      '--returns',
      'dec.xlsx',
      '--follow-up',
      'nov-returned.xlsx',
      '--as-of',
      '2026-12-31',
    ];
    const run = spawnCli([...args, '--history', 'ledger', '--out', 'ledger', '--xlsx', 'dec-report.xlsx', '--json'], {
      cwd: dir,
    });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    const output = JSON.parse(run.stdout) as MonthJson;
    const carried = {
      number: '2026-11-0001',
      household: mask(november[0]!),
      category: '政策落实',
      description: '收入未核实',
      deadline: '2026-12-10',
      status: '整改中',
    };
    expect(output.carried).toEqual([expect.objectContaining(carried)]);
    expect(output.follow_up.carried).toBe(1);
    const ledger = JSON.parse(readFileSync(join(dir, 'ledger', 'findings-2026-12.json'), 'utf8')) as MonthJson;
    expect(ledger.carried).toEqual(output.carried);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'dec-report.xlsx'));
    const [header, ...rows] = sheetValues(workbook.getWorksheet('问题清单')!);
    expect(header!.slice(-3)).toEqual(['整改期限', '整改情况', '来源']);
    const at = (name: string) => header!.indexOf(name);
    const pick = (row: unknown[]) =>
      ['问题编号', '户编号', '问题类别', '问题描述', '整改期限', '整改情况', '来源'].map((name) => row[at(name)]);
    expect(rows.map(pick)).toEqual([
      ['2026-12-0001', mask(december[0]!), '收入核算', '台账缺失', '', '', '本月'],
      [
        '2026-11-0001',
        mask(november[0]!),
        '政策落实',
        '收入未核实',
        '2026-12-10',
        '整改中',
        '上月跟踪（nov-returned.xlsx）',
      ],
    ]);
    // The seal on 概要 is the record's, over December's problem and the carried one.
    const summary = sheetValues(workbook.getWorksheet('概要')!);
    expect(summary.find((row) => row[0] === '问题清单 SHA-256')?.[1]).toBe(ledger.problems_sha256);

    const text = spawnCli([...args, '--lang', 'en'], { cwd: dir });
    expect(text.stdout).toContain('carried into this month’s problem list (until 已整改): 1,');
    expect(spawnCli([...args, '--lang', 'zh-CN'], { cwd: dir }).stdout).toContain(
      '转入本月问题清单（直至已整改）：1 个',
    );
  });

  it('follows the carried problem up in January: overdue, no finding as written; deleted or renumbered a finding (exit 1)', async () => {
    await returned('dec-report.xlsx', 'dec-returned.xlsx', (sheet, column) => {
      sheet.getRow(2).getCell(column('整改期限')).value = '2027-01-20';
      sheet.getRow(2).getCell(column('整改情况')).value = '整改中';
    });
    const january = (file: string, history = true) => {
      const args = [
        'findings',
        '2027-01',
        '--returns',
        'jan.xlsx',
        '--follow-up',
        file,
        '--as-of',
        '2027-01-31',
        '--json',
      ];
      const run = spawnCli([...args, ...(history ? ['--history', 'ledger'] : [])], { cwd: dir });
      return { status: run.status, output: JSON.parse(run.stdout) as MonthJson };
    };
    const written = january('dec-returned.xlsx');
    expect(written.status).toBe(0);
    expect(written.output.follow_up.findings).toEqual([]);
    expect(written.output.follow_up.overdue.map(({ number, deadline }) => [number, deadline])).toEqual([
      ['2026-11-0001', '2026-12-10'],
      ['2026-12-0001', '2027-01-20'],
    ]);
    // Carried again, November's problem keeps its number.
    expect(written.output.carried!.map(({ number, status }) => [number, status])).toEqual([
      ['2026-11-0001', '整改中'],
      ['2026-12-0001', '整改中'],
    ]);
    // Without the ledger, the carried row is known by its 来源.
    expect(january('dec-returned.xlsx', false).output.follow_up.findings).toEqual([]);

    await returned('dec-returned.xlsx', 'dec-deleted.xlsx', (sheet) => sheet.spliceRows(3, 1));
    const deleted = january('dec-deleted.xlsx');
    expect(deleted.status).toBe(1);
    expect(deleted.output.follow_up.findings).toEqual([
      expect.objectContaining({ kind: 'missing', number: '2026-11-0001', line: null }),
    ]);
    // Its row deleted is no problem put right: it is carried on, open.
    expect(deleted.output.carried!.map(({ number, status }) => [number, status])).toEqual([
      ['2026-11-0001', ''],
      ['2026-12-0001', '整改中'],
    ]);

    // The closed problem's number put on the carried row is not in December's record.
    await returned('dec-returned.xlsx', 'dec-renumbered.xlsx', (sheet, column) => {
      sheet.getRow(3).getCell(column('问题编号')).value = '2026-11-0002';
    });
    const renumbered = january('dec-renumbered.xlsx');
    expect(renumbered.status).toBe(1);
    expect(renumbered.output.follow_up.findings.map(({ kind, number, line }) => [kind, number, line])).toEqual([
      ['unknownNumber', '2026-11-0002', 3],
      ['missing', '2026-11-0001', null],
    ]);
  });

  it('masks an ID typed into a carried 问题类别, and seals the record as written (without --history)', async () => {
    await returned('nov-returned.xlsx', 'nov-id.xlsx', (sheet, column) => {
      sheet.getRow(2).getCell(column('问题类别')).value = `政策落实 ${residentId(3)}`;
    });
    const args = [
      'findings',
      '2026-12',
      '--returns',
      'dec.xlsx',
      '--follow-up',
      'nov-id.xlsx',
      '--as-of',
      '2026-12-31',
    ];
    const run = spawnCli([...args, '--out', 'ledger-id', '--json'], { cwd: dir });
    expect(run.stdout).not.toContain(residentId(3));
    const ledger = JSON.parse(readFileSync(join(dir, 'ledger-id', 'findings-2026-12.json'), 'utf8')) as MonthJson & {
      problems: RecordedProblem[];
    };
    expect(ledger.carried!.map(({ number, category }) => [number, category])).toEqual([
      ['2026-11-0001', `政策落实 ${mask(residentId(3))}`],
    ]);
    expect(ledger.problems_sha256).toBe(problemsSeal([...ledger.problems, ...ledger.carried!]));
  });

  it('refuses a ledger whose carried problems are not a list of problems or not of an earlier month (exit 2)', () => {
    const ledger = JSON.parse(readFileSync(join(dir, 'ledger', 'findings-2026-12.json'), 'utf8')) as MonthJson;
    const args = ['findings', '2027-01', '--returns', 'jan.xlsx', '--follow-up', 'dec-returned.xlsx'];
    for (const [carried, said] of [
      [[{ number: 1 }], 'the "carried" of a findings JSON file must be a list of objects'],
      [
        [{ ...ledger.carried![0]!, number: '2026-12-0009' }],
        'the "carried" problems of a findings JSON file for 2026-12 must be numbered with an earlier month',
      ],
    ] as const) {
      mkdirSync(join(dir, 'bad'), { recursive: true });
      writeFileSync(join(dir, 'bad', 'findings-2026-12.json'), JSON.stringify({ ...ledger, carried }));
      const run = spawnCli([...args, '--history', 'bad'], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(join('bad', 'findings-2026-12.json'));
      expect(run.stderr).toContain(said);
    }
  });
});
