/**
 * The problem list and its follow-up, end to end on the built binary: a November and a December
 * province draw of the demo registry, November's check workbook filled in with exceljs with four
 * problems (a 问题描述 holding a resident ID, one `=HYPERLINK(…)`), `findings --out ledger --xlsx`
 * writing the numbered 问题清单 and the ledger's `problems`; then December's run reading the report
 * back with `--follow-up` and `--history ledger` after the county's edits: sorted (no finding), a row
 * deleted, a 户编号 or 问题类别 changed, a row duplicated (each a finding, exit 1), and without the
 * record the one line saying deletions cannot be checked.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { residentId } from '../../personalData.js';
import { DEMO, removeTempDirs, spawnCli, tempDir } from '../../helpers.js';
import { fillCheckWorkbook } from './fillKit.js';

let dir = '';
const mask = (id: string) => `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
const HOSTILE = '=HYPERLINK("http://example.invalid/x","点此")';
const ID_IN_TEXT = residentId(7);
/** The planted problems by household index: 问题类别 and 问题描述. */
const PLANTED = new Map([
  [2, ['政策落实', `户主身份证${ID_IN_TEXT}，收入未核实`]],
  [5, ['帮扶措施', HOSTILE]],
  [9, ['收入核算', '台账缺失']],
  [14, ['政策落实', '']],
]);
/** The households of November's problems, in the order the report numbers them (sheet, then row). */
let problemIds: string[] = [];

/** A draw's check workbook filled in (fillCheckWorkbook): every household checked in `month`, the `planted` ones 有问题. */
const fillWorkbook = (draw: string, month: string, planted: Map<number, string[]>, out: string) =>
  fillCheckWorkbook(join(dir, draw, 'check-workbook.xlsx'), join(dir, out), month, planted);

beforeAll(async () => {
  dir = tempDir('spotcheck-findings-follow-up-');
  for (const month of ['2026-11', '2026-12']) {
    const args = ['monthly', DEMO, '--month', month, '--level', 'province', '--seed', `follow-up-${month}`, '--xlsx'];
    const draw = spawnCli([...args, '--out', join(dir, month)]);
    expect(draw.status, draw.stderr).toBe(0);
  }
  const ids = await fillWorkbook('2026-11', '2026-11', PLANTED, 'nov.xlsx');
  problemIds = [...PLANTED.keys()].map((index) => ids[index]!);
  await fillWorkbook('2026-12', '2026-12', new Map(), 'dec.xlsx');
  const november = spawnCli(
    ['findings', '2026-11', '--returns', 'nov.xlsx', '--out', 'ledger', '--xlsx', 'report.xlsx'],
    { cwd: dir },
  );
  expect(november.status, november.stdout + november.stderr).toBe(0);
});
afterAll(removeTempDirs);

const sheetValues = (sheet: ExcelJS.Worksheet) =>
  sheet.getSheetValues().flatMap((row) => (row === undefined ? [] : [Array.from(row as unknown[]).slice(1)]));

interface LedgerProblem {
  number: string;
  household: string;
  prefecture: string;
  county: string;
  village: string;
  category: string;
  description: string;
  file: string;
  line: number;
}

describe('the problem list: 问题编号 and 问题描述', () => {
  it('numbers each problem and carries its 问题描述 masked into the 问题清单 sheet, text never a formula', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'report.xlsx'));
    const sheet = workbook.getWorksheet('问题清单')!;
    const [header, ...rows] = sheetValues(sheet);
    expect(header!.slice(0, 8)).toEqual([
      '问题编号',
      '户编号',
      '州（市）',
      '县（市、区）',
      '村',
      '问题类别',
      '问题描述',
      '文件',
    ]);
    expect(rows.map((row) => row.slice(0, 2))).toEqual(
      problemIds.map((id, index) => [`2026-11-000${index + 1}`, mask(id)]),
    );
    const planted = [...PLANTED.values()];
    expect(rows.map((row) => row[5])).toEqual(planted.map(([category]) => category));
    expect(rows[0]![6]).toBe(`户主身份证${mask(ID_IN_TEXT)}，收入未核实`);
    expect(rows[2]![6]).toBe('台账缺失');
    const hostile = sheet.getRow(3).getCell(7);
    expect([hostile.type, hostile.value, hostile.numFmt]).toEqual([ExcelJS.ValueType.String, HOSTILE, '@']);
    const bytes = readFileSync(join(dir, 'report.xlsx'));
    expect(bytes.includes(Buffer.from('<f>'))).toBe(false);
    expect(JSON.stringify(workbook.worksheets.map(sheetValues))).not.toContain(ID_IN_TEXT);
  });

  it('records the problem list in the month JSON (--out), masked, the other keys as they were', () => {
    const ledger = JSON.parse(readFileSync(join(dir, 'ledger', 'findings-2026-11.json'), 'utf8')) as {
      problems: LedgerProblem[];
    } & Record<string, unknown>;
    expect(Object.keys(ledger)).toEqual([
      'findings',
      'month',
      'totals',
      'history',
      'draws',
      'problems',
      'problems_sha256',
    ]);
    expect(ledger.problems.map(({ number, household, category }) => [number, household, category])).toEqual(
      problemIds.map((id, index) => [`2026-11-000${index + 1}`, mask(id), [...PLANTED.values()][index]![0]]),
    );
    const first = ledger.problems[0]!;
    expect(first.description).toBe(`户主身份证${mask(ID_IN_TEXT)}，收入未核实`);
    expect(first.file).toMatch(/^nov\.xlsx\[.+\]$/);
    expect([typeof first.line, first.prefecture !== '', first.county !== '', first.village !== '']).toEqual([
      'number',
      true,
      true,
      true,
    ]);
    expect(ledger.problems[1]!.description).toBe(HOSTILE);
    expect(JSON.stringify(ledger)).not.toContain(ID_IN_TEXT);
  });

  it('shows the ID typed in a 问题描述 whole with --reveal-ids, in the workbook and the JSON', async () => {
    const result = spawnCli(
      ['findings', '2026-11', '--returns', 'nov.xlsx', '--xlsx', 'revealed.xlsx', '--reveal-ids', '--json'],
      { cwd: dir },
    );
    expect(result.status, result.stderr).toBe(0);
    const problems = (JSON.parse(result.stdout) as { problems: LedgerProblem[] }).problems;
    expect(problems[0]!.description).toBe(`户主身份证${ID_IN_TEXT}，收入未核实`);
    expect(problems[0]!.household).toBe(problemIds[0]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'revealed.xlsx'));
    expect(sheetValues(workbook.getWorksheet('问题清单')!)[1]!.slice(0, 7)).toEqual([
      '2026-11-0001',
      problemIds[0],
      expect.any(String),
      expect.any(String),
      expect.any(String),
      '政策落实',
      `户主身份证${ID_IN_TEXT}，收入未核实`,
    ]);
  });

  it('reads a CSV return’s problem_description column', () => {
    const [header, ...rows] = parse(readFileSync(join(dir, '2026-11', 'households.csv'), 'utf8')) as string[][];
    const lines = [
      [...header!, 'result', 'checker', 'check_date', 'problem_category', 'problem_description'],
      ...rows.map((row, index) =>
        index === 1
          ? [...row, '有问题', '张三', '2026-11-05', '政策落实', `电话 13812345678 ${ID_IN_TEXT}`]
          : [...row, '无问题', '张三', '2026-11-05', '', ''],
      ),
    ];
    writeFileSync(join(dir, 'nov.csv'), `${lines.map((line) => line.join(',')).join('\n')}\n`);
    const result = spawnCli(['findings', '2026-11', '--returns', 'nov.csv', '--json'], { cwd: dir });
    expect(result.status, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { problems: LedgerProblem[] }).problems).toEqual([
      expect.objectContaining({
        number: '2026-11-0001',
        category: '政策落实',
        description: `电话 138****5678 ${mask(ID_IN_TEXT)}`,
        file: 'nov.csv',
        line: 3,
      }),
    ]);
  });
});

/**
 * The report as the county sends it back: 2026-11-0001 overdue and open, 2026-11-0002 put right,
 * then `edit` (the sheet and a column's number by heading) applied; written to `name`.
 */
async function returnedReport(
  name: string,
  edit: (sheet: ExcelJS.Worksheet, column: (heading: string) => number) => void,
) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, 'report.xlsx'));
  const sheet = workbook.getWorksheet('问题清单')!;
  const header = (sheet.getRow(1).values as string[]).slice(1);
  const column = (heading: string) => header.indexOf(heading) + 1;
  sheet.getRow(2).getCell(column('整改期限')).value = '2026-12-10';
  sheet.getRow(3).getCell(column('整改期限')).value = '2026-12-01';
  sheet.getRow(3).getCell(column('整改情况')).value = '已整改';
  edit(sheet, column);
  await workbook.xlsx.writeFile(join(dir, name));
}

interface FollowUpJson {
  follow_up: {
    month: string | null;
    record: string | null;
    overdue: { number: string; line: number }[];
    findings: {
      kind: string;
      number: string;
      household: string;
      line: number | null;
      got?: string;
      expected?: string;
    }[];
  };
}

/** December's run with the returned report, checked against the ledger unless `history` is false. */
function december(file: string, { history = true, json = true, lang = 'en' } = {}) {
  const args = ['findings', '2026-12', '--returns', 'dec.xlsx', '--follow-up', file, '--as-of', '2026-12-31'];
  const result = spawnCli(
    [...args, ...(history ? ['--history', 'ledger'] : []), ...(json ? ['--json'] : []), '--lang', lang],
    { cwd: dir },
  );
  return { ...result, report: json ? (JSON.parse(result.stdout) as FollowUpJson).follow_up : null };
}

describe('the follow-up matched by 问题编号 against the recorded problems', () => {
  it('refuses a follow-up workbook that is missing, or a file that is no workbook, saying which (exit 2)', () => {
    writeFileSync(join(dir, 'ledger-as-report.xlsx'), readFileSync(join(dir, 'ledger', 'findings-2026-11.json')));
    for (const [file, said] of [
      ['no-such-report.xlsx', 'no-such-report.xlsx: this .xlsx workbook cannot be read: there is no such file'],
      ['ledger-as-report.xlsx', 'ledger-as-report.xlsx: this is not an .xlsx workbook'],
    ] as const) {
      const run = spawnCli(['findings', '2026-12', '--returns', 'dec.xlsx', '--follow-up', file], { cwd: dir });
      expect(run.status).toBe(2);
      expect(run.stderr).toContain(said);
      expect(run.stderr).not.toContain('registry');
    }
  });

  it('finds nothing in the report as written back, nor once the county has sorted it', async () => {
    await returnedReport('as-written.xlsx', () => undefined);
    const written = december('as-written.xlsx');
    expect(written.status, written.stderr).toBe(0);
    expect(written.report!.record).toBe(join('ledger', 'findings-2026-11.json'));
    expect(written.report!.month).toBe('2026-11');
    expect(written.report!.findings).toEqual([]);
    expect(written.report!.overdue).toEqual([expect.objectContaining({ number: '2026-11-0001', line: 2 })]);

    await returnedReport('sorted.xlsx', (sheet) => {
      const rows = [2, 3, 4, 5].map((row) => sheet.getRow(row).values as ExcelJS.CellValue[]);
      rows.reverse().forEach((values, index) => {
        sheet.getRow(index + 2).values = values;
      });
    });
    const sorted = december('sorted.xlsx');
    expect(sorted.status, sorted.stdout).toBe(0);
    expect(sorted.report!.findings).toEqual([]);
    expect(sorted.report!.overdue).toEqual([expect.objectContaining({ number: '2026-11-0001', line: 5 })]);
  });

  it('finds a deleted overdue row as its problem missing (exit 1); without the record says it cannot', async () => {
    await returnedReport('deleted.xlsx', (sheet) => sheet.spliceRows(2, 1));
    const deleted = december('deleted.xlsx');
    expect(deleted.status).toBe(1);
    expect(deleted.report!.overdue).toEqual([]);
    expect(deleted.report!.findings).toEqual([
      { kind: 'missing', number: '2026-11-0001', household: mask(problemIds[0]!), line: null, expected: '政策落实' },
    ]);
    // The run's total counts the follow-up's findings, as its exit code does, after the follow-up section.
    expect((JSON.parse(deleted.stdout) as { findings: number }).findings).toBe(1);
    const text = december('deleted.xlsx', { json: false });
    expect(text.status).toBe(1);
    expect(text.stdout).not.toContain('No findings.');
    expect(text.stdout).toMatch(
      /recorded problem missing from the sheet \(问题类别: 政策落实\)\nFindings in all: 1\.\n$/,
    );
    expect(text.stdout).toContain(
      `checked against the recorded problem list in ${join('ledger', 'findings-2026-11.json')}; follow-up findings: 1`,
    );
    expect(text.stdout).toContain(
      `deleted.xlsx[问题清单]  2026-11-0001  ${mask(problemIds[0]!)}  recorded problem missing from the sheet (问题类别: 政策落实)`,
    );
    const chinese = december('deleted.xlsx', { json: false, lang: 'zh-CN' });
    expect(chinese.stdout).toContain('记录中的问题在表中缺失（问题类别：政策落实）');

    const unchecked = december('deleted.xlsx', { history: false, json: false });
    expect(unchecked.status, unchecked.stdout).toBe(0);
    expect(unchecked.stdout).toContain(
      'not checked against the recorded problem list of 2026-11: rows deleted, renumbered or edited cannot be found',
    );

    // A month JSON written before problems were recorded (nor sealed) is still history, and says the
    // same of a report written then, without the 概要 sheet's seal row; a sealed report needs its problems.
    const {
      problems: _problems,
      problems_sha256: _seal,
      ...older
    } = JSON.parse(readFileSync(join(dir, 'ledger', 'findings-2026-11.json'), 'utf8')) as Record<string, unknown>;
    mkdirSync(join(dir, 'older'));
    writeFileSync(join(dir, 'older', 'findings-2026-11.json'), JSON.stringify(older));
    await returnedReport('deleted-unsealed.xlsx', (sheet) => {
      sheet.spliceRows(2, 1);
      const summary = sheet.workbook.getWorksheet('概要')!;
      summary.spliceRows(summary.rowCount, 1);
    });
    const args = ['findings', '2026-12', '--returns', 'dec.xlsx', '--as-of', '2026-12-31', '--history', 'older'];
    const withOlder = spawnCli([...args, '--follow-up', 'deleted-unsealed.xlsx'], { cwd: dir });
    expect(withOlder.status, withOlder.stderr).toBe(0);
    expect(withOlder.stdout).toContain('Cumulative over 2 months');
    expect(withOlder.stdout).toContain('not checked against the recorded problem list of 2026-11');
    const sealed = spawnCli([...args, '--follow-up', 'deleted.xlsx'], { cwd: dir });
    expect(sealed.status).toBe(1);
    expect(sealed.stdout).toContain('not checked against the recorded problem list of 2026-11');
    expect(sealed.stdout).toContain('is not the one the report was written from');
    // A problem list that is not one is refused with its file.
    writeFileSync(join(dir, 'older', 'findings-2026-11.json'), JSON.stringify({ ...older, problems: [{ number: 1 }] }));
    const bad = spawnCli([...args, '--follow-up', 'deleted.xlsx'], { cwd: dir });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(join('older', 'findings-2026-11.json'));
    expect(bad.stderr).toContain('must be a list of objects with a text number, household and category');
  });

  it('finds a changed 户编号 or 问题类别 and a duplicated row, each on its row (exit 1)', async () => {
    await returnedReport('edited.xlsx', (sheet, column) => {
      sheet.getRow(3).getCell(column('户编号')).value = '5399********9999';
      sheet.getRow(4).getCell(column('问题类别')).value = '其他';
      sheet.addRow(sheet.getRow(5).values as ExcelJS.CellValue[]);
    });
    const edited = december('edited.xlsx');
    expect(edited.status).toBe(1);
    expect(edited.report!.findings).toEqual([
      {
        kind: 'householdChanged',
        number: '2026-11-0002',
        household: '5399********9999',
        line: 3,
        got: '5399********9999',
        expected: mask(problemIds[1]!),
      },
      {
        kind: 'categoryChanged',
        number: '2026-11-0003',
        household: mask(problemIds[2]!),
        line: 4,
        got: '其他',
        expected: '收入核算',
      },
      { kind: 'duplicateNumber', number: '2026-11-0004', household: mask(problemIds[3]!), line: 6, expected: '5' },
    ]);
    const text = december('edited.xlsx', { json: false });
    expect(text.stdout).toContain(
      `edited.xlsx[问题清单]:6  2026-11-0004  ${mask(problemIds[3]!)}  问题编号 already on row 5`,
    );
    // The duplicate is found from the sheet alone, without the record.
    expect(december('edited.xlsx', { history: false }).report!.findings.map(({ kind }) => kind)).toEqual([
      'duplicateNumber',
    ]);
  });

  it('keeps the sheet to its record when the 概要 sheet’s 月份 is changed or blanked', async () => {
    const summaryMonth = async (name: string, month: string, deleteRow: boolean) => {
      await returnedReport(name, (sheet) => {
        if (deleteRow) sheet.spliceRows(3, 1);
      });
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.readFile(join(dir, name));
      const summary = workbook.getWorksheet('概要')!;
      summary.eachRow((row) => {
        if (row.getCell(1).value === '月份') row.getCell(2).value = month;
      });
      await workbook.xlsx.writeFile(join(dir, name));
    };
    await summaryMonth('other-month.xlsx', '2026-10', false);
    const other = december('other-month.xlsx');
    expect(other.status).toBe(1);
    expect(other.report!.record).toBeNull();
    expect(other.report!.findings.map(({ kind, number }) => [kind, number])).toEqual([
      ['otherMonth', ''],
      ...[1, 2, 3, 4].map((n) => ['unknownNumber', `2026-11-000${n}`]),
    ]);
    await summaryMonth('no-month.xlsx', '', true);
    const blank = december('no-month.xlsx');
    expect(blank.status).toBe(1);
    expect([blank.report!.month, blank.report!.record]).toEqual(['2026-11', join('ledger', 'findings-2026-11.json')]);
    expect(blank.report!.findings.map(({ kind, number }) => [kind, number])).toEqual([['missing', '2026-11-0002']]);
  });

  it('finds a row whose 问题编号 was blanked or is not in the record', async () => {
    await returnedReport('renumbered.xlsx', (sheet, column) => {
      sheet.getRow(2).getCell(column('问题编号')).value = '';
      sheet.getRow(4).getCell(column('问题编号')).value = '2026-11-0099';
    });
    const renumbered = december('renumbered.xlsx');
    expect(renumbered.status).toBe(1);
    expect(renumbered.report!.findings.map(({ kind, number, line }) => [kind, number, line])).toEqual([
      ['unknownNumber', '', 2],
      ['unknownNumber', '2026-11-0099', 4],
      ['missing', '2026-11-0001', null],
      ['missing', '2026-11-0003', null],
    ]);
  });
});

/** A copy of the ledger folder as `name`, November's file changed by `edit` (null: removed). */
function forgedLedger(name: string, edit: ((ledger: Record<string, unknown>) => Record<string, unknown>) | null) {
  const november = JSON.parse(readFileSync(join(dir, 'ledger', 'findings-2026-11.json'), 'utf8'));
  mkdirSync(join(dir, name));
  if (edit !== null) writeFileSync(join(dir, name, 'findings-2026-11.json'), JSON.stringify(edit(november)));
}

/** December's run with `--history` another folder than the ledger. */
function decemberWith(file: string, history: string) {
  const args = ['findings', '2026-12', '--returns', 'dec.xlsx', '--follow-up', file, '--as-of', '2026-12-31'];
  const result = spawnCli([...args, '--history', history, '--json'], { cwd: dir });
  return {
    ...result,
    total: (JSON.parse(result.stdout) as { findings: number }).findings,
    report: (JSON.parse(result.stdout) as FollowUpJson).follow_up,
  };
}

describe('the follow-up against a county that hides its problems (adversarial)', () => {
  it('finds every problem missing when the 问题清单 is emptied and the 概要 sheet deleted', async () => {
    await returnedReport('emptied.xlsx', (sheet) => {
      for (const _ of [2, 3, 4, 5]) sheet.spliceRows(2, 1);
      sheet.workbook.removeWorksheet(sheet.workbook.getWorksheet('概要')!.id);
    });
    const emptied = december('emptied.xlsx');
    expect(emptied.status).toBe(1);
    expect([emptied.report!.month, emptied.report!.record]).toEqual([
      '2026-11',
      join('ledger', 'findings-2026-11.json'),
    ]);
    expect(emptied.report!.findings.map(({ kind, number }) => [kind, number])).toEqual(
      [1, 2, 3, 4].map((n) => ['missing', `2026-11-000${n}`]),
    );
  });

  it('finds a ledger that is not the report’s: its problems emptied, removed or of another month', async () => {
    await returnedReport('emptied-sealed.xlsx', (sheet) => {
      for (const _ of [2, 3, 4, 5]) sheet.spliceRows(2, 1);
    });
    // The report carries the seal of its problem list on its 概要 sheet, as the ledger does.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'report.xlsx'));
    const seal = sheetValues(workbook.getWorksheet('概要')!).find(([label]) => label === '问题清单 SHA-256')?.[1];
    const ledger = JSON.parse(readFileSync(join(dir, 'ledger', 'findings-2026-11.json'), 'utf8'));
    expect(seal).toMatch(/^[0-9a-f]{64}$/);
    expect(ledger.problems_sha256).toBe(seal);

    forgedLedger('forged-empty', (november) => ({ ...november, problems: [] }));
    const empty = decemberWith('emptied-sealed.xlsx', 'forged-empty');
    expect([empty.status, empty.total]).toEqual([1, 1]);
    expect(empty.report!.findings).toEqual([
      expect.objectContaining({ kind: 'recordMismatch', line: null, expected: seal }),
    ]);
    // The seal edited to match the emptied list: the report's seal still disagrees.
    forgedLedger('forged-both', ({ problems_sha256: _, ...november }) => ({ ...november, problems: [] }));
    expect(decemberWith('emptied-sealed.xlsx', 'forged-both').report!.findings.map(({ kind }) => kind)).toEqual([
      'recordMismatch',
    ]);
    // The problems removed, as from a file written before they were recorded: a sealed report needs them.
    forgedLedger('forged-removed', ({ problems: _, problems_sha256: __, ...november }) => november);
    const removed = decemberWith('emptied-sealed.xlsx', 'forged-removed');
    expect([removed.status, removed.total, removed.report!.record]).toEqual([1, 1, null]);
    expect(removed.report!.findings).toEqual([expect.objectContaining({ kind: 'recordMismatch', got: '' })]);
    const text = spawnCli(
      [
        'findings',
        '2026-12',
        '--returns',
        'dec.xlsx',
        '--follow-up',
        'emptied-sealed.xlsx',
        '--as-of',
        '2026-12-31',
        '--history',
        'forged-removed',
      ],
      { cwd: dir },
    );
    expect(text.stdout).toContain(`the recorded problem list (sealed —…) is not the one the report was written from`);
    expect(text.stdout).toMatch(/Findings in all: 1\.\n$/);
    // Problems numbered for another month than the file's: refused with the file.
    forgedLedger('forged-month', (november) => ({
      ...november,
      problems: (november.problems as LedgerProblem[]).map((problem) => ({
        ...problem,
        number: problem.number.replace('2026-11', '2026-10'),
      })),
    }));
    const month = decemberWith('emptied-sealed.xlsx', 'forged-month');
    expect(month.status).toBe(2);
    expect(month.stderr).toContain(join('forged-month', 'findings-2026-11.json'));
    expect(month.stderr).toContain('must be numbered 2026-11-NNNN');
  });

  it('finds October’s report given for November’s, its record matched or not', async () => {
    // Its month as October's report would say it: the 概要 month, the numbers and the ledger's.
    await returnedReport('october.xlsx', (sheet, column) => {
      for (let line = 2; line <= 5; line++) {
        const cell = sheet.getRow(line).getCell(column('问题编号'));
        cell.value = String(cell.value).replace('2026-11', '2026-10');
      }
      sheet.workbook.getWorksheet('概要')!.eachRow((row) => {
        if (row.getCell(1).value === '月份') row.getCell(2).value = '2026-10';
      });
    });
    const october = december('october.xlsx');
    expect([october.status, october.report!.month]).toEqual([1, '2026-10']);
    expect(october.report!.findings[0]).toEqual({
      kind: 'otherMonth',
      number: '',
      household: '',
      line: null,
      got: '2026-10',
      expected: '2026-11',
    });
    const text = december('october.xlsx', { json: false });
    expect(text.stdout).toContain(
      'the report is of 2026-10: a follow-up this month is of last month’s report (2026-11)',
    );
    expect(december('october.xlsx', { json: false, lang: 'zh-CN' }).stdout).toContain(
      '本月应跟踪上月（2026-11）的报告',
    );
  });

  it('finds November’s report relabelled and renumbered as December’s, which no ledger can hold', async () => {
    await returnedReport('as-december.xlsx', (sheet, column) => {
      for (let line = 2; line <= 5; line++) {
        const cell = sheet.getRow(line).getCell(column('问题编号'));
        cell.value = String(cell.value).replace('2026-11', '2026-12');
      }
      sheet.spliceRows(2, 1);
      sheet.workbook.getWorksheet('概要')!.eachRow((row) => {
        if (row.getCell(1).value === '月份') row.getCell(2).value = '2026-12';
      });
    });
    const relabelled = december('as-december.xlsx');
    expect([relabelled.status, relabelled.report!.month, relabelled.report!.record]).toEqual([1, '2026-12', null]);
    expect(relabelled.report!.findings).toEqual([
      { kind: 'otherMonth', number: '', household: '', line: null, got: '2026-12', expected: '2026-11' },
    ]);
    // Without a ledger a report may be followed up within its own month (nothing is checked against a record).
    expect(december('as-december.xlsx', { history: false }).status).toBe(0);
  });

  it('numbers the problems alike whatever order the draws are given in, so the report and ledger of two runs agree', async () => {
    const draw = spawnCli([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--level',
      'province',
      '--seed',
      'follow-up-second',
      '--xlsx',
      '--out',
      join(dir, '2026-11b'),
    ]);
    expect(draw.status, draw.stderr).toBe(0);
    await fillWorkbook('2026-11b', '2026-11', new Map([[3, ['收入核算', '']]]), 'nov-b.xlsx');
    const run = (dirs: string[]) => {
      const result = spawnCli(['findings', ...dirs, '--returns', 'nov.xlsx', 'nov-b.xlsx', '--json'], { cwd: dir });
      expect(result.status, result.stderr).toBe(0);
      return JSON.parse(result.stdout) as { problems: LedgerProblem[]; problems_sha256: string };
    };
    const forward = run(['2026-11', '2026-11b']);
    const backward = run(['2026-11b', '2026-11']);
    expect(forward.problems).toHaveLength(5);
    expect(backward.problems).toEqual(forward.problems);
    expect(backward.problems_sha256).toBe(forward.problems_sha256);
  });

  it('masks an ID typed beside a masked 户编号 or into 问题类别, on every line and in the JSON', async () => {
    const id = residentId(11);
    await returnedReport('typed-ids.xlsx', (sheet, column) => {
      sheet.getRow(2).getCell(column('问题类别')).value = `政策落实 ${id}`;
      sheet.getRow(4).getCell(column('户编号')).value = `5328****0003 ${id}`;
      sheet.getRow(5).getCell(column('户编号')).value = `${id}*`;
      sheet.getRow(5).getCell(column('整改期限')).value = '2026-12-01';
    });
    for (const json of [true, false]) {
      const result = december('typed-ids.xlsx', { json });
      expect(result.status).toBe(1);
      expect(result.stdout).toContain(mask(id));
      expect(result.stdout).not.toContain(id);
    }
  });

  it('lists a 整改期限 formula with no value as not a day, not as blank', async () => {
    await returnedReport('formula-deadline.xlsx', (sheet, column) => {
      sheet.getRow(2).getCell(column('整改期限')).value = { formula: 'TODAY()+30' } as ExcelJS.CellValue;
    });
    const result = december('formula-deadline.xlsx');
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout) as {
      follow_up: { unreadable_deadline: { number: string; deadline: string }[] };
    };
    expect(report.follow_up.unreadable_deadline).toEqual([
      expect.objectContaining({ number: '2026-11-0001', deadline: '=TODAY()+30' }),
    ]);
  });
});

describe('ID and mobile numbers as people type them', () => {
  it('masks them in groups, after +86 or in full-width digits: 问题描述 in the report and JSON, 整改情况 in the follow-up', async () => {
    const written = '电话 138 1234 5678，+86 139-8765-4321，身份证 532522 19450606 0078';
    const [header, ...rows] = parse(readFileSync(join(dir, '2026-11', 'households.csv'), 'utf8')) as string[][];
    const lines = [
      [...header!, 'result', 'checker', 'check_date', 'problem_category', 'problem_description'],
      ...rows.map((row, index) =>
        index === 1
          ? [...row, '有问题', '张三', '2026-11-05', '政策落实', written]
          : [...row, '无问题', '张三', '2026-11-05', '', ''],
      ),
    ];
    writeFileSync(join(dir, 'typed.csv'), `${lines.map((line) => line.join(',')).join('\n')}\n`);
    const result = spawnCli(['findings', '2026-11', '--returns', 'typed.csv', '--json', '--xlsx', 'typed.xlsx'], {
      cwd: dir,
    });
    expect(result.status, result.stderr).toBe(0);
    const masked = '电话 138 **** 5678，+86 139-****-4321，身份证 5325** ******** 0078';
    expect((JSON.parse(result.stdout) as { problems: LedgerProblem[] }).problems[0]!.description).toBe(masked);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(dir, 'typed.xlsx'));
    expect(sheetValues(workbook.getWorksheet('问题清单')!)[1]![6]).toBe(masked);

    await returnedReport('typed-status.xlsx', (sheet, column) => {
      sheet.getRow(2).getCell(column('整改情况')).value = '已联系户主 １３８１２３４５６７８';
    });
    for (const json of [true, false]) {
      const followed = december('typed-status.xlsx', { json });
      expect(followed.stdout).toContain('１３８****５６７８');
      expect(followed.stdout).not.toContain('１３８１２３４５６７８');
    }
  });
});

describe('the report page of a run with a follow-up', () => {
  it('counts as 抽样完整性问题 the returns’ findings it lists, not the follow-up’s (the total and exit code do)', async () => {
    await returnedReport('page.xlsx', (sheet) => sheet.spliceRows(2, 1));
    const result = december('page.xlsx', { json: true });
    expect([result.status, (JSON.parse(result.stdout) as { findings: number }).findings]).toEqual([1, 1]);
    const page = spawnCli(
      [
        'findings',
        '2026-12',
        '--returns',
        'dec.xlsx',
        '--follow-up',
        'page.xlsx',
        '--as-of',
        '2026-12-31',
        '--history',
        'ledger',
        '--html',
        'page.html',
      ],
      { cwd: dir },
    );
    expect(page.status).toBe(1);
    const html = readFileSync(join(dir, 'page.html'), 'utf8');
    expect(html).toContain('<th>抽样完整性问题</th><td class="n">0</td>');
    expect(html).toContain('未发现抽样完整性问题。');
    // The follow-up has its own section: the deleted problem found against the ledger, IDs masked.
    const json = JSON.parse(result.stdout) as { follow_up: { findings: { number: string; household: string }[] } };
    const [missing] = json.follow_up.findings;
    expect(html).toContain('<h2>上月问题整改跟踪（截至 2026-12-31）</h2>');
    expect(html).toContain(`<td>${missing!.number}</td><td>${missing!.household}</td><td>记录中的问题在表中缺失</td>`);
    expect(html).toContain(`已核对（${join('ledger', 'findings-2026-11.json')}）`);
    expect(html).not.toMatch(/\d{16}/);
  });
});
