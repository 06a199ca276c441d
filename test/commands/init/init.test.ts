/**
 * `spotcheck init` and the committee's settings (issue 15): init writes a plan the draws load; a
 * draw with it names the committee in the notice's 落款 and the workbook's page header, uses its
 * title, complaint line, time zone and 问题类别 list, and records the same parameters as a draw
 * without them. Cheap: init runs read nothing; two draws of the demo registry in all.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { localTime } from '../../../src/core/localTime.js';
import { cli, DEMO, tempDir } from '../../helpers.js';

const SETUP = ['init', '--committee', '永胜县纪委监委', '--level', 'county', '--scope', '永胜县'];
const DRAW = ['monthly', DEMO, '--month', '2026-11', '--seed', 'init-test'];

describe('spotcheck init', () => {
  it('writes the plan with the defaults written out, in a fixed order, and refuses to replace it without --force', async () => {
    const dir = tempDir();
    const result = await cli(SETUP, { cwd: dir, env: { LANG: 'zh_CN.UTF-8' } });
    expect(result.status, result.stderr).toBe(0);
    const file = join(dir, 'spotcheck.config.json');
    const text = readFileSync(file, 'utf8');
    expect(JSON.parse(text)).toEqual({
      committee: '永胜县纪委监委',
      time_zone: 'Asia/Shanghai',
      complaint_line: '监督举报电话：12317',
      problem_categories: ['识别不准', '退出不实', '帮扶措施不落实', '资金使用问题', '数据不实', '其他'],
      encoding: 'auto',
      excel: true,
      xlsx: true,
      monthly: {
        level: 'county',
        scope: '永胜县',
        notice_title: '{month} {level}巩固拓展脱贫攻坚成果监督检查 抽查结果公告',
      },
    });
    expect(Object.keys(JSON.parse(text))).toEqual([
      'committee',
      'time_zone',
      'complaint_line',
      'problem_categories',
      'encoding',
      'excel',
      'xlsx',
      'monthly',
    ]);
    // What it wrote and the next command, in Chinese under a zh locale.
    expect(result.stdout).toContain('已写出 spotcheck.config.json');
    expect(result.stdout).toContain(text);
    expect(result.stdout).toContain('下一步');
    expect(result.stdout).toContain('spotcheck monthly');

    const again = await cli(SETUP, { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain('already exists');
    expect(readFileSync(file, 'utf8')).toBe(text);
    const forced = await cli([...SETUP, '--no-xlsx', '--json', '--force'], { cwd: dir });
    expect(forced.status, forced.stderr).toBe(0);
    expect(JSON.parse(forced.stdout)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
    expect(JSON.parse(forced.stdout).xlsx).toBe(false);
  });

  it.each([
    ['a level that does not exist', ['--level', 'city'], /level/],
    ['a time zone with daylight saving', ['--time-zone', 'America/New_York'], /Asia\/Shanghai.*Asia\/Urumqi.*UTC/],
    ['a category Excel cannot list', ['--problem-categories', '识别不准,"退出"不实'], /comma or a double quote/],
    ['an empty category', ['--problem-categories', '识别不准,,其他'], /item 2 is empty/],
    ['a category twice', ['--problem-categories', '其他,其他'], /twice/],
    ['a title with an unknown placeholder', ['--notice-title', '{month} {county}公告'], /\{county\}/],
    ['no scope below province', ['--scope', undefined], /--scope/],
    ['a mobile number in the committee', ['--committee', '纪委 13812345678'], /ID or mobile/],
  ])('refuses %s and writes nothing', async (_what, change, message) => {
    const dir = tempDir();
    const args = [...SETUP];
    const at = args.indexOf(change[0]!);
    if (change[1] === undefined) args.splice(at, 2);
    else if (at >= 0) args[at + 1] = change[1];
    else args.push(change[0]!, change[1]);
    const result = await cli(args, { cwd: dir });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(existsSync(join(dir, 'spotcheck.config.json'))).toBe(false);
  });
});

describe('a draw with the plan init wrote', () => {
  it('names the committee and uses its title, complaint line, time zone and categories; its manifest parameters are unchanged', async () => {
    const dir = tempDir();
    const plan = join(dir, 'plan.json');
    const categories = ['识别不准', '退出不实', '其他问题'];
    const setup = await cli([
      ...SETUP,
      '--plan',
      plan,
      '--time-zone',
      'Asia/Urumqi',
      '--notice-title',
      '{committee} {month}{level}监督检查抽查公告',
      '--complaint-line',
      '监督举报电话：0888-12317',
      '--problem-categories',
      categories.join('、'),
    ]);
    expect(setup.status, setup.stderr).toBe(0);
    const out = join(dir, 'draw');
    const notice = join(dir, 'notice.html');
    // Level, scope, committee, excel and xlsx from the plan: nothing else on the command line.
    const drawn = await cli([...DRAW, '--plan', plan, '--out', out, '--notice', notice, '--quiet']);
    expect(drawn.status, drawn.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.parameters.level).toBe('county');
    expect(manifest.parameters.excel).toBe(true);
    expect(manifest.plan.applied.committee).toBe('永胜县纪委监委');

    const html = readFileSync(notice, 'utf8');
    expect(html).toContain('<h1>永胜县纪委监委 2026年11月县级监督检查抽查公告</h1>');
    expect(html).toMatch(
      /<div class="closing" id="closing">\s*<p class="issuer" id="issuer">永胜县纪委监委<\/p>\s*<p>2026年/,
    );
    expect(html).not.toContain('发布单位：____');
    expect(html).toContain('<p class="complaint">监督举报电话：0888-12317</p>');
    const shown = localTime(manifest.created_at, 360);
    expect(shown).toMatch(/ \+06:00$/);
    expect(html).toContain(shown);
    expect(html).not.toContain('+08:00');

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'check-workbook.xlsx'));
    const summary = workbook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(summary).toContain('永胜县纪委监委');
    expect(summary).toContain(shown);
    const village = workbook.worksheets[1]!;
    expect(village.headerFooter.oddHeader).toMatch(/^&L永胜县纪委监委 2026年11月 县级 /);
    const header = (village.getRow(2).values as unknown[]).map(String);
    const problemCell = village.getRow(3).getCell(header.indexOf('问题类别'));
    expect(problemCell.dataValidation.formulae).toEqual([`"${categories.join(',')}"`]);

    // The same draw without the committee's settings records the same parameters; only the plan record differs.
    const plain = join(dir, 'plain');
    const bare = await cli([...DRAW, '--level', 'county', '--scope', '永胜县', '--excel', '--out', plain, '--quiet']);
    expect(bare.status, bare.stderr).toBe(0);
    const plainManifest = JSON.parse(readFileSync(join(plain, 'manifest.json'), 'utf8'));
    expect(manifest.parameters).toEqual(plainManifest.parameters);
    expect(manifest.sample).toEqual(plainManifest.sample);
    expect(plainManifest.plan).toBeUndefined();
  });

  it('refuses a plan whose category holds a comma, and a draw without --out does not fail on the plan\'s "xlsx": true', async () => {
    const dir = tempDir();
    const plan = join(dir, 'plan.json');
    writeFileSync(plan, JSON.stringify({ xlsx: true, problem_categories: ['识别不准', '退出,不实'] }));
    const refused = await cli([...DRAW, '--plan', plan, '--out', join(dir, 'd')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('"退出,不实"');
    expect(existsSync(join(dir, 'd'))).toBe(false);
    // Without --out the plan's xlsx is dropped (a draw to the terminal): checked before any reading,
    // so a registry that does not exist shows the options passed.
    writeFileSync(plan, JSON.stringify({ xlsx: true }));
    const noOut = await cli(['monthly', join(dir, 'none.csv'), '--month', '2026-11', '--seed', 's', '--plan', plan]);
    expect(noOut.stderr).not.toContain('--xlsx');
    expect(noOut.stderr).toMatch(/none\.csv/);
  });
});

describe("the commitment notice with the committee's settings", () => {
  it('names the committee in its 落款 and shows the commitment time in its zone', async () => {
    const dir = tempDir();
    const notice = join(dir, 'commitment.html');
    const result = await cli([
      'commit',
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--seed-procedure',
      '县纪委 公开摇号',
      '--notice',
      notice,
      '--committee',
      '永胜县纪委监委',
      '--time-zone',
      'UTC',
      '--quiet',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const html = readFileSync(notice, 'utf8');
    expect(html).toMatch(/<p class="issuer" id="issuer">永胜县纪委监委<\/p>\s*<p>20\d\d年\d+月\d+日<\/p>/);
    expect(html).toMatch(/<th>承诺时间<\/th><td>20\d\d-\d\d-\d\d \d\d:\d\d:\d\d \+00:00<\/td>/);
    expect(html).toContain('<p class="complaint">监督举报电话：12317</p>');
  });
});
