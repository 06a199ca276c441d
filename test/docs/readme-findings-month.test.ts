/**
 * README "本月从抽取到问题报告" (issue 18): the month from draw to findings report, in Chinese and in
 * English, run as written (test/readmeKit.ts: bash, each spotcheck run by the built CLI in this
 * process), step by step. What the README leaves to people is done here between the steps, with
 * exceljs as Excel would: after step 1 the check workbook is filled in (every household 无问题 but
 * two 有问题) and returned; after step 4 the counties fill in the report's follow-up columns (one
 * problem 已整改, one open past its 整改期限); after step 5 December's workbook is filled in. Then
 * each step's output is checked: the checks pass, the report and ledger hold the two problems, the
 * follow-up lists the overdue one only, and December's ledger and report carry it (not the closed one).
 */
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DEMO, tempDir } from '../helpers.js';
import { readmeBlock, runScript } from '../readmeKit.js';

const HEADING = '#### 本月从抽取到问题报告';
const CATEGORIES = ['识别不精准', '帮扶措施不到位', '收入核算不实'];

/** The block's steps: the text after each `# N.` comment, by N. */
function steps(block: string): Map<number, string> {
  const found = new Map<number, string>();
  let current = 0;
  for (const line of block.split('\n')) {
    const heading = /^# (\d+)\./.exec(line);
    if (heading) current = Number(heading[1]);
    else if (current > 0 && line.trim() !== '' && !line.startsWith('#'))
      found.set(current, `${found.get(current) ?? ''}${line}\n`);
  }
  return found;
}

/** A draw's check workbook filled in as the team returns it: every sampled household checked in `month`, two with problems. */
async function fillCheckWorkbook(from: string, to: string, month: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(from);
  let problems = 0;
  for (const sheet of workbook.worksheets.slice(1)) {
    const header = (sheet.getRow(2).values as unknown[]).map((value) => String(value ?? ''));
    const column = (name: string) => header.indexOf(name);
    expect(column('核查结果'), sheet.name).toBeGreaterThan(0);
    sheet.eachRow((row, number) => {
      if (number <= 2 || !String(row.getCell(column('抽取')).value ?? '').startsWith('样本')) return;
      const problem = problems < 2;
      problems += problem ? 1 : 0;
      row.getCell(column('核查结果')).value = problem ? '有问题' : '无问题';
      if (problem) row.getCell(column('问题类别')).value = CATEGORIES[problems - 1]!;
      row.getCell(column('核查人')).value = '张三';
      row.getCell(column('核查日期')).value = `${month}-05`;
    });
  }
  expect(problems).toBe(2);
  await workbook.xlsx.writeFile(to);
}

/** The report workbook's 问题清单 with 整改期限 2026-12-15 for both problems, the first 已整改. */
async function fillFollowUp(report: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(report);
  const sheet = workbook.getWorksheet('问题清单')!;
  const header = (sheet.getRow(1).values as unknown[]).map((value) => String(value ?? ''));
  expect(sheet.rowCount).toBe(3);
  for (const number of [2, 3]) {
    sheet.getRow(number).getCell(header.indexOf('整改期限')).value = '2026-12-15';
    sheet.getRow(number).getCell(header.indexOf('整改情况')).value = number === 2 ? '已整改' : '正在核实';
  }
  await workbook.xlsx.writeFile(report);
}

/** The names the Chinese and English blocks use. */
const NAMES = {
  zh: {
    registry: '登记册.csv',
    categories: '问题类别.txt',
    returned: (month: string) => `${month}-交回.xlsx`,
    report: '2026-11-问题报告.xlsx',
    nextReport: '2026-12-问题报告.xlsx',
    page: '2026-11-问题报告.html',
    ledger: '问题台账',
    block: () => readmeBlock(HEADING, 'sh'),
  },
  en: {
    registry: 'registry.csv',
    categories: 'categories.txt',
    returned: (month: string) => `${month}-returned.xlsx`,
    report: '2026-11-report.xlsx',
    nextReport: '2026-12-report.xlsx',
    page: '2026-11-report.html',
    ledger: 'ledger',
    block: () => readmeBlock('The same month in English', 'sh'),
  },
} as const;

describe('README: 本月从抽取到问题报告 (a month from draw to findings report)', () => {
  for (const language of ['zh', 'en'] as const) {
    it(`runs as written (${language}), each step giving what it says`, async () => {
      const names = NAMES[language];
      const block = steps(names.block());
      expect([...block.keys()]).toEqual([1, 3, 4, 5, 6]);
      const dir = tempDir();
      copyFileSync(DEMO, join(dir, names.registry));
      writeFileSync(join(dir, names.categories), `${CATEGORIES.join('\n')}\n`);
      const step = async (n: number) => {
        const result = await runScript(block.get(n)!, dir);
        expect(result.status, `step ${n}\n${result.stdout}\n${result.stderr}`).toBe(0);
        expect(result.stderr).toBe('');
        return result.stdout;
      };

      await step(1);
      await fillCheckWorkbook(
        join(dir, '2026-11', 'check-workbook.xlsx'),
        join(dir, names.returned('2026-11')),
        '2026-11',
      );
      const checked = await step(3);
      expect(checked).toMatch(/^未发现问题。$/m);
      expect(checked).toContain('验证通过：抽取可复现');

      await step(4);
      const ledger = JSON.parse(readFileSync(join(dir, names.ledger, 'findings-2026-11.json'), 'utf8'));
      expect(ledger).toMatchObject({ month: '2026-11', findings: 0, totals: { with_problems: 2 } });
      expect(ledger.draws[0].rate.estimate).toBeGreaterThan(0);
      expect(readFileSync(join(dir, names.page), 'utf8')).toContain('2026年11月 监督检查发现问题报告');
      await fillFollowUp(join(dir, names.report));

      await step(5);
      expect(existsSync(join(dir, '2026-12', 'check-workbook.xlsx'))).toBe(true);
      await fillCheckWorkbook(
        join(dir, '2026-12', 'check-workbook.xlsx'),
        join(dir, names.returned('2026-12')),
        '2026-12',
      );

      const december = await step(6);
      // The trend over the ledger, and last month's open problem past its deadline (the closed one not listed).
      expect(december).toMatch(/^ {2}2026-11 {2}已核查 40 户，发现问题 2 个，核查问题 0 项$/m);
      expect(december).toMatch(/^2 个月累计：累计发现问题 4 个，累计核查 80 户$/m);
      expect(december).toMatch(
        /问题 2 个，未整改 1 个，逾期未整改 1 个|problems 2, open 1, open past their deadline 1/,
      );
      expect(december).toMatch(
        /问题清单\]:3 .*帮扶措施不到位 {2}整改期限 2026-12-15 已过，仍未整改（整改情况：正在核实）$/m,
      );
      expect(december).not.toMatch(/问题清单\]:2 /);
      // The open problem carried into December's ledger and report, its number and follow-up kept; not the closed one.
      const next = JSON.parse(readFileSync(join(dir, names.ledger, 'findings-2026-12.json'), 'utf8'));
      expect(next.carried).toEqual([
        expect.objectContaining({
          number: '2026-11-0002',
          category: '帮扶措施不到位',
          deadline: '2026-12-15',
          status: '正在核实',
        }),
      ]);
      const report = new ExcelJS.Workbook();
      await report.xlsx.readFile(join(dir, names.nextReport));
      const rows = report.getWorksheet('问题清单')!.getSheetValues();
      const last = (rows[rows.length - 1] as unknown[]).slice(1);
      expect([last[0], last.at(-3), last.at(-2), String(last.at(-1))]).toEqual([
        '2026-11-0002',
        '2026-12-15',
        '正在核实',
        `上月跟踪（${names.report}）`,
      ]);
    }, 120_000);
  }
});
