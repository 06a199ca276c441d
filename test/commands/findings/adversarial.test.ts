/**
 * `spotcheck findings` against the returns a county team might send to pass clean, or a careless
 * user might make, end to end on the built binary (issue 18, adversarial pass): a province monthly
 * draw with --xlsx from the demo registry, its check workbook filled in with exceljs and then
 * tampered with — two spares named for one unreachable household, a household number as a sheet's
 * name or typed into a cell, a 户编号 Excel turned into a number, a workbook too large to be held
 * whole.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, removeTempDirs, spawnCli, STACK, tempDir } from '../../helpers.js';
import { cell, frameParts, part, sheetHead, sheetTail, zip } from '../../xlsxBombs.js';

let dir = '';

interface SheetRow {
  readonly sheet: ExcelJS.Worksheet;
  readonly row: number;
  readonly id: string;
  /** 样本 n or 备用 n. */
  readonly drawn: string;
}

/** The draw's check workbook with every sampled household filled in 无问题 by 张三 in November. */
async function filledWorkbook() {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(join(dir, 'prov', 'check-workbook.xlsx'));
  const villages = workbook.worksheets.slice(1);
  const header = (villages[0]!.getRow(2).values as string[]).slice(1);
  const column = (name: string) => {
    if (!header.includes(name)) {
      header.push(name);
      for (const sheet of villages) sheet.getRow(2).getCell(header.length).value = name;
    }
    return header.indexOf(name) + 1;
  };
  const rows: SheetRow[] = [];
  for (const sheet of villages)
    sheet.eachRow((row, number) => {
      const id = row.getCell(column('户编号')).value;
      if (number > 2 && typeof id === 'string')
        rows.push({ sheet, row: number, id, drawn: String(row.getCell(column('抽取')).value) });
    });
  const set = ({ sheet, row }: SheetRow, name: string, value: ExcelJS.CellValue) => {
    sheet.getRow(row).getCell(column(name)).value = value;
  };
  const fill = (household: SheetRow, result: string) => {
    set(household, '核查结果', result);
    set(household, '核查人', '张三');
    set(household, '核查日期', '2026-11-05');
  };
  const samples = rows.filter(({ drawn }) => drawn.startsWith('样本'));
  for (const sample of samples) fill(sample, '无问题');
  return { workbook, samples, spares: rows.filter(({ drawn }) => drawn.startsWith('备用')), set, fill };
}

beforeAll(async () => {
  dir = tempDir('spotcheck-findings-adversarial-');
  const args = ['monthly', DEMO, '--month', '2026-11', '--level', 'province', '--seed', 'adversarial-e2e'];
  const draw = spawnCli([...args, '--spares', '2', '--xlsx', '--out', join(dir, 'prov')]);
  expect(draw.status, draw.stderr).toBe(0);
  const second = ['monthly', DEMO, '--month', '2026-11', '--level', 'prefecture', '--scope', '临沧市'];
  const pref = spawnCli([...second, '--seed', 'adversarial-pref', '--out', join(dir, 'pref')]);
  expect(pref.status, pref.stderr).toBe(0);
  const { workbook } = await filledWorkbook();
  await workbook.xlsx.writeFile(join(dir, 'clean.xlsx'));
});
afterAll(removeTempDirs);

const findings = (returns: string, extra: string[] = []) =>
  spawnCli(['findings', 'prov', '--returns', returns, ...extra], { cwd: dir });

describe('spotcheck findings: returns made to pass clean', () => {
  it('the clean workbook gives no finding (exit 0)', () => {
    const result = findings('clean.xlsx');
    expect(result.status, result.stdout + result.stderr).toBe(0);
  });

  it('two spares named for one unreachable household: the second is a finding', async () => {
    const { workbook, samples, spares, set, fill } = await filledWorkbook();
    const first = samples[0]!;
    const [spare1, spare2] = spares.filter(({ sheet }) => sheet === first.sheet);
    fill(first, '未能入户');
    for (const spare of [spare1!, spare2!]) {
      fill(spare, '无问题');
      set(spare, '替代户编号', first.id);
    }
    await workbook.xlsx.writeFile(join(dir, 'two-spares.xlsx'));
    const result = findings('two-spares.xlsx', ['--json']);
    expect(result.status, result.stderr).toBe(1);
    const found = JSON.parse(result.stdout).draws[0].findings;
    expect(found.map((finding: { kind: string; line: number }) => [finding.kind, finding.line])).toEqual([
      ['spareWithoutUnreachable', spare2!.row],
    ]);
  });
});

describe('spotcheck findings: household numbers never shown in the clear', () => {
  it('a household number as a sheet name, or typed into 核查结果, is masked in the summary, --json, --html and --xlsx', async () => {
    const { workbook, samples, set } = await filledWorkbook();
    const [named, quoted] = [samples[0]!, samples[1]!];
    const leaked = [samples[5]!.id, samples[6]!.id];
    named.sheet.name = leaked[0]!;
    set(quoted, '核查结果', `替代${leaked[1]}`);
    set(named, '核查人', '');
    await workbook.xlsx.writeFile(join(dir, 'ids-in-cells.xlsx'));
    const outputs = ['--html', 'ids.html', '--xlsx', 'ids-report.xlsx'];
    const summary = findings('ids-in-cells.xlsx', outputs);
    expect(summary.status, summary.stderr).toBe(1);
    const json = findings('ids-in-cells.xlsx', ['--json']);
    const report = new ExcelJS.Workbook();
    await report.xlsx.readFile(join(dir, 'ids-report.xlsx'));
    const cells = report.worksheets.flatMap((sheet) => {
      const values: string[] = [];
      sheet.eachRow((row) => {
        row.eachCell((cell) => {
          values.push(String(cell.value));
        });
      });
      return values;
    });
    const texts = {
      summary: summary.stdout + summary.stderr,
      json: json.stdout,
      html: readFileSync(join(dir, 'ids.html'), 'utf8'),
      xlsx: cells.join('\n'),
    };
    for (const [where, text] of Object.entries(texts)) {
      for (const id of leaked) expect(text.includes(id), `${where} holds ${id}`).toBe(false);
      expect(text, where).toContain(`${leaked[0]!.slice(0, 4)}********${leaked[0]!.slice(-4)}`);
    }
    expect(texts.summary).toContain(`替代${leaked[1]!.slice(0, 4)}********${leaked[1]!.slice(-4)}`);
    // With --reveal-ids the value typed is quoted as it is.
    expect(findings('ids-in-cells.xlsx', ['--reveal-ids']).stdout).toContain(`替代${leaked[1]}`);
  });
});

describe('spotcheck findings: a 户编号 Excel stored as a number', () => {
  it('is a finding of its own that says the digits were lost, not "not drawn"; the household is missing', async () => {
    const { workbook, samples, set } = await filledWorkbook();
    const typed = samples[3]!;
    // What Excel keeps of a 16-digit number typed into a General cell: its first 15 digits.
    const kept = Number(`${typed.id.slice(0, 15)}0`);
    set(typed, '户编号', kept);
    await workbook.xlsx.writeFile(join(dir, 'id-as-number.xlsx'));
    const result = findings('id-as-number.xlsx', ['--json']);
    expect(result.status, result.stderr).toBe(1);
    const found = JSON.parse(result.stdout).draws[0].findings;
    expect(found.map((finding: { kind: string }) => finding.kind).sort()).toEqual(['idStoredAsNumber', 'missing']);
    const summary = findings('id-as-number.xlsx');
    expect(summary.stdout).toContain(
      `id-as-number.xlsx[${typed.sheet.name}]:${typed.row}  ${typed.id.slice(0, 4)}********${String(kept).slice(-4)}  户编号 stored as a number`,
    );
    expect(summary.stdout).not.toContain('returned but not drawn');
    const chinese = findings('id-as-number.xlsx', ['--lang', 'zh-CN']);
    expect(chinese.stdout).toContain('户编号被存为数字');
  });
});

describe('spotcheck findings: a returned workbook is held whole, so its limits are tighter', () => {
  it("refuses a return of 1.2 million sheet elements (under a registry's limits, over a return's) before exceljs reads it (exit 2)", () => {
    // 30,000 rows of 13 inline-string cells (40 elements a row, 17 MB of XML): exceljs would hold some 600 MB.
    const header = `<row r="1">${cell('A1', '户编号')}${cell('B1', '核查结果')}${cell('C1', '核查人')}${cell('D1', '核查日期')}</row>`;
    const row = `<row>${Array.from({ length: 13 }, (_, index) => cell(`${String.fromCharCode(65 + index)}2`, '5304261012020002')).join('')}</row>`;
    const sheet = part('xl/worksheets/sheet1.xml', sheetHead + header, row, 30_000, sheetTail);
    writeFileSync(join(dir, 'held-bomb.xlsx'), zip([...frameParts(1), sheet]));
    const result = findings('held-bomb.xlsx');
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).not.toMatch(STACK);
    expect(result.stderr).toContain('the XML elements of the worksheets is 1000001, the limit is 1000000');
    expect(result.stderr).toContain('a returned workbook is read whole');
  });
});

describe('spotcheck findings: a result column named twice', () => {
  it('is refused (exit 2) in a CSV return and on a workbook sheet: which of the two counts would be a guess', async () => {
    const [header, ...rows] = readFileSync(join(dir, 'prov', 'households.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    // The first 核查结果 left empty, the second filled: read as it was, every household would be "missing".
    const csv = [`${header},核查结果,核查结果,核查人,核查日期`, ...rows.map((row) => `${row},,无问题,张三,2026-11-05`)];
    writeFileSync(join(dir, 'twice.csv'), `${csv.join('\n')}\n`);
    const fromCsv = findings('twice.csv');
    expect(fromCsv.status, fromCsv.stdout).toBe(2);
    expect(fromCsv.stderr).toContain('twice.csv:1: the column 核查结果 / result is there twice (columns ');
    expect(fromCsv.stderr).not.toMatch(STACK);

    const { workbook, samples } = await filledWorkbook();
    const sheet = samples[0]!.sheet;
    sheet.getRow(2).getCell(20).value = '核查结果';
    await workbook.xlsx.writeFile(join(dir, 'twice.xlsx'));
    const fromSheet = findings('twice.xlsx', ['--lang', 'zh-CN']);
    expect(fromSheet.status, fromSheet.stdout).toBe(2);
    expect(fromSheet.stderr).toContain(`twice.xlsx[${sheet.name}]:2`);
    expect(fromSheet.stderr).toContain('核查结果 / result 列出现了两次');
  });
});

describe('spotcheck findings: a forged --history month', () => {
  it('refuses a month claiming more households with problems than checked, as it refuses negative or fractional counts (exit 2)', () => {
    const history = join(dir, 'forged-history');
    mkdirSync(history);
    const month = (checked: number, problems: number) =>
      JSON.stringify({ month: '2026-10', totals: { checked, with_problems: problems, findings: 0 } });
    for (const [checked, problems] of [
      [10, 50],
      [10, -1],
      [10, 1.5],
    ] as const) {
      writeFileSync(join(history, 'findings-2026-10.json'), month(checked, problems));
      const result = findings('clean.xlsx', ['--history', history]);
      expect(result.status, `${checked}/${problems}: ${result.stdout}`).toBe(2);
      expect(result.stderr).toContain('findings-2026-10.json: not a findings JSON file');
    }
    writeFileSync(join(history, 'findings-2026-10.json'), month(10, 10));
    expect(findings('clean.xlsx', ['--history', history]).status).toBe(0);
  });
});

describe('spotcheck findings: a CSV return holding as many households of two draws', () => {
  it('is refused (exit 2), naming both draws, rather than matched to the first and its other half called swapped', () => {
    const lines = (draw: string) =>
      readFileSync(join(dir, draw, 'households.csv'), 'utf8')
        .trimEnd()
        .split('\n');
    const [header, ...prov] = lines('prov');
    const [, ...pref] = lines('pref');
    const n = Math.min(prov.length, pref.length, 5);
    const rows = [...prov.slice(0, n), ...pref.slice(0, n)].map((row) => `${row},无问题,张三,2026-11-05`);
    writeFileSync(join(dir, 'two-draws.csv'), `${[`${header},核查结果,核查人,核查日期`, ...rows].join('\n')}\n`);
    const result = spawnCli(['findings', 'prov', 'pref', '--returns', 'two-draws.csv'], { cwd: dir });
    expect(result.status, result.stdout).toBe(2);
    expect(result.stderr).toContain(`two-draws.csv: this return holds ${n} households of prov and ${n} of pref`);
    expect(result.stderr).not.toMatch(STACK);
  });
});

describe('spotcheck findings: a draw that does not verify', () => {
  it('is not checked, and the failure quoting its changed households.csv line masks the household numbers', () => {
    cpSync(join(dir, 'prov'), join(dir, 'tampered'), { recursive: true });
    const file = join(dir, 'tampered', 'households.csv');
    const lines = readFileSync(file, 'utf8').split('\n');
    const drawnId = lines[2]!.split(',')[0]!;
    const easyId = `${drawnId.slice(0, 12)}9999`;
    lines[2] = lines[2]!.replace(drawnId, easyId);
    writeFileSync(file, lines.join('\n'));
    const summary = spawnCli(['findings', 'tampered', '--returns', 'clean.xlsx'], { cwd: dir });
    const json = spawnCli(['findings', 'tampered', '--returns', 'clean.xlsx', '--json'], { cwd: dir });
    // The workbook's hash is the draw's: its sheets are listed under it, and not checked.
    expect(summary.status, summary.stderr).toBe(1);
    expect(summary.stdout).toContain('NOT verified: its returns are not checked against it');
    expect(JSON.parse(json.stdout).totals.checked).toBe(0);
    for (const text of [summary.stdout, json.stdout]) {
      expect(text).toContain('changed after the draw');
      expect(text).not.toContain(drawnId);
      expect(text).not.toContain(easyId);
    }
    const revealed = spawnCli(['findings', 'tampered', '--returns', 'clean.xlsx', '--reveal-ids'], { cwd: dir });
    expect(revealed.stdout).toContain(easyId);
  });
});

describe('spotcheck findings: --xlsx and --html never replace an input', () => {
  it('refuses a report written over any file of a draw folder or of --history (exit 2), before anything is written, and leaves it as it was', () => {
    const history = join(dir, 'kept-history');
    mkdirSync(history);
    const october = JSON.stringify({ month: '2026-10', totals: { checked: 4, with_problems: 1, findings: 0 } });
    writeFileSync(join(history, 'findings-2026-10.json'), october);
    for (const [option, target] of [
      ['--xlsx', join('prov', 'households.csv')],
      ['--xlsx', join('prov', 'check-workbook.xlsx')],
      ['--html', join('prov', 'villages.csv')],
      ['--xlsx', join('kept-history', 'findings-2026-10.json')],
    ] as const) {
      const before = readFileSync(join(dir, target));
      const result = findings('clean.xlsx', ['--history', history, '--out', 'ledger', option, target]);
      expect(result.status, `${option} ${target}: ${result.stdout}`).toBe(2);
      expect(result.stderr).toContain('is never replaced by an output');
      expect(readFileSync(join(dir, target)).equals(before), target).toBe(true);
      expect(existsSync(join(dir, 'ledger')), 'nothing written').toBe(false);
    }
    expect(findings('clean.xlsx').status).toBe(0); // the draw still verifies
  });
});

describe('spotcheck findings: --month other than the draw month', () => {
  it("says so under the draw, in English and Chinese, so that a November draw is not read as October's", () => {
    const result = findings('clean.xlsx', ['--month', '2026-10']);
    expect(result.status).toBe(1); // every date is in November
    expect(result.stdout).toContain("dates checked against --month 2026-10, not the draw's month 2026-11");
    const chinese = findings('clean.xlsx', ['--month', '2026-10', '--lang', 'zh-CN']);
    expect(chinese.stdout).toContain('核查日期按 --month 2026-10 核对，而非抽取月份 2026-11');
    expect(findings('clean.xlsx', ['--month', '2026-11']).stdout).not.toContain('dates checked against');
  });
});

describe('spotcheck findings: a large CSV return', () => {
  it('holds only the columns it reads: 150,000 rows (70 MB) pass in a 128 MB heap (whole rows ran out of memory)', () => {
    const [header, ...rows] = readFileSync(join(dir, 'prov', 'households.csv'), 'utf8')
      .trimEnd()
      .split('\n');
    const tail = rows[0]!.slice(rows[0]!.indexOf(','));
    const body = Array.from(
      { length: 150_000 },
      (_, index) => `${5399000000000000 + index}${tail},无问题,张三,2026-11-05`,
    );
    writeFileSync(join(dir, 'large.csv'), `${header},核查结果,核查人,核查日期\n${body.join('\n')}\n`);
    const result = spawnCli(['findings', 'prov', '--returns', 'large.csv'], {
      cwd: dir,
      env: { NODE_OPTIONS: '--max-old-space-size=128' },
    });
    expect(result.stderr).not.toContain('heap out of memory');
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toContain('none of the 150000 households of this return belongs to a draw given');
  });
});

describe('spotcheck findings: a household number typed over the manifest hash', () => {
  it('is refused (exit 2) without quoting it in the clear', async () => {
    const { workbook, samples } = await filledWorkbook();
    const summary = workbook.worksheets[0]!;
    summary.eachRow((row) => {
      if (row.getCell(1).value === '清单 SHA-256') row.getCell(2).value = samples[2]!.id;
    });
    await workbook.xlsx.writeFile(join(dir, 'id-as-hash.xlsx'));
    const result = findings('id-as-hash.xlsx');
    expect(result.status, result.stdout).toBe(2);
    expect(result.stderr).toContain('which is the hash of no draw given');
    expect(result.stderr).not.toContain(samples[2]!.id);
    expect(result.stderr).toContain(`${samples[2]!.id.slice(0, 4)}********${samples[2]!.id.slice(-4)}`);
  });
});

describe('spotcheck findings: two different manifest hashes printed', () => {
  it('are refused (exit 2) whichever comes first, even when both draws are given', async () => {
    const { workbook } = await filledWorkbook();
    const other = JSON.parse(readFileSync(join(dir, 'pref', 'manifest.json'), 'utf8')).manifest_sha256 as string;
    workbook.worksheets[0]!.spliceRows(1, 0, ['清单 SHA-256', other.toUpperCase()]);
    await workbook.xlsx.writeFile(join(dir, 'two-hashes.xlsx'));
    const result = spawnCli(['findings', 'prov', 'pref', '--returns', 'two-hashes.xlsx'], { cwd: dir });
    expect(result.status, result.stdout).toBe(2);
    expect(result.stderr).toContain(`two different manifest hashes (${other.slice(0, 16)}…`);
    expect(result.stderr).not.toMatch(STACK);
  });
});

describe('spotcheck findings: an invisible character typed into 核查结果', () => {
  it('is quoted visibly (<U+200B>), so that "got 有问题" does not look like an allowed result', async () => {
    const { workbook, samples, set } = await filledWorkbook();
    set(samples[0]!, '核查结果', '有问题\u200b');
    await workbook.xlsx.writeFile(join(dir, 'invisible.xlsx'));
    const result = findings('invisible.xlsx');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('核查结果 must be 无问题, 有问题 or 未能入户, got "有问题<U+200B>"');
  });
});
