/**
 * `spotcheck findings --html` end to end on the built binary (issue 18, third part): a province
 * draw from the demo registry, its households.csv returned with problems in three categories and
 * planted faults (a swapped household, an invalid result); a history month. The page is rendered in
 * headless Chromium (Debian's /usr/bin/chromium, as test/render/notice.test.ts; skipped with a
 * message without it): its charts have one bar per category and per prefecture and one point per
 * month, no request leaves the file, no unmasked 16-digit household number is shown, and it prints
 * to an A4 PDF and a PNG. An --html that is a return is refused and the return left as it was.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { chromiumAvailable, launchChromium } from '../../chromiumKit.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, removeTempDirs, spawnCli, tempDir } from '../../helpers.js';

const haveChromium = chromiumAvailable('test/commands/findings/html.test.ts: the findings report');

const RESULT_COLUMNS = ['核查结果', '问题描述', '核查人', '核查日期', '问题类别'];
const CATEGORIES = ['识别不精准', '帮扶措施不到位', '收入核算不实'];
/** A household of the registry that a province draw of this seed does not hold (checked below). */
const SWAPPED_IN = '5304261012010001';
let dir = '';
let header: string[] = [];
let rows: string[][] = [];

const csv = (table: readonly (readonly string[])[]) => `${table.map((row) => row.join(',')).join('\n')}\n`;
const result = (index: number) =>
  index === 4 ? '有' : index % 7 === 6 ? '未能入户' : index % 3 === 0 ? '有问题' : '无问题';
const category = (index: number) => (result(index) === '有问题' ? CATEGORIES[(index / 3) % 3]! : '');

beforeAll(() => {
  dir = tempDir('spotcheck-findings-html-');
  const drawn = spawnCli([
    'monthly',
    DEMO,
    '--month',
    '2026-11',
    '--level',
    'province',
    '--seed',
    'html-e2e',
    '--out',
    join(dir, 'nov'),
  ]);
  expect(drawn.status, drawn.stderr).toBe(0);
  [header, ...rows] = parse(readFileSync(join(dir, 'nov', 'households.csv'), 'utf8')) as string[][];
  const id = header.indexOf('household_id');
  expect(rows.map((row) => row[id])).not.toContain(SWAPPED_IN);
  const filled = rows.map((row, index) => [...row, result(index), '', '张三', '2026-11-05', category(index)]);
  filled[1]![id] = SWAPPED_IN; // the team visited another household
  writeFileSync(join(dir, 'nov.csv'), csv([[...header, ...RESULT_COLUMNS], ...filled]));
  mkdirSync(join(dir, 'history'));
  writeFileSync(
    join(dir, 'history', 'findings-2026-10.json'),
    JSON.stringify({ month: '2026-10', totals: { checked: 30, with_problems: 2, findings: 0 } }),
  );
});
afterAll(removeTempDirs);

/** Runs findings with --html and --json in the test folder; the JSON printed. */
function findings(extra: string[]) {
  const run = spawnCli(['findings', 'nov', '--returns', 'nov.csv', '--history', 'history', '--json', ...extra], {
    cwd: dir,
  });
  expect(run.status, run.stderr).toBe(1); // the planted faults are findings
  return JSON.parse(run.stdout);
}

describe('spotcheck findings --html', () => {
  it('writes a self-contained page whose charts show the counts; IDs masked, shown with --reveal-ids', () => {
    const output = findings(['--html', 'report.html']);
    const html = readFileSync(join(dir, 'report.html'), 'utf8');
    expect(html).not.toMatch(/https?:|url\(|<script|<link|<img|\ssrc=/i);
    expect(Object.keys(output.totals.by_category).sort()).toEqual([...CATEGORIES].sort());
    expect(html.match(/<rect class="bar"/g)).toHaveLength(
      Object.keys(output.totals.by_category).length + Object.keys(output.totals.by_prefecture).length,
    );
    for (const [name, n] of Object.entries(output.totals.by_category)) expect(html).toContain(`${name}：${n}</title>`);
    expect(html.match(/<circle class="point"/g)).toHaveLength(2);
    expect(html).not.toMatch(/\d{16}/);
    expect(html).toContain('交回的农户不在抽中名单中');
    expect(html).toContain('核查结果不在规定选项内');
    // A province draw is a probability sample: the page gives the rate the JSON gives, rounded as printed.
    const rate = output.draws[0].rate;
    expect(rate.estimate).toBeGreaterThan(0);
    const percent = (value: number) => `${(100 * value).toFixed(2)}%`;
    expect(html).toContain(
      `<td class="n rate">${percent(rate.estimate)}</td><td>${percent(rate.standard_error)}</td><td>${percent(rate.ci_lower)} – ${percent(rate.ci_upper)}（t 分布）</td><td class="n">${rate.df}</td>`,
    );
    findings(['--html', 'revealed.html', '--reveal-ids']);
    expect(readFileSync(join(dir, 'revealed.html'), 'utf8')).toContain(SWAPPED_IN);
  });

  it('refuses an --html that is one of the returns and leaves it as it was', () => {
    const before = readFileSync(join(dir, 'nov.csv'), 'utf8');
    const run = spawnCli(['findings', 'nov', '--returns', 'nov.csv', '--html', 'nov.csv'], { cwd: dir });
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBe(1);
    expect(run.stderr).toContain('nov.csv');
    expect(readFileSync(join(dir, 'nov.csv'), 'utf8')).toBe(before);
  });

  it.skipIf(!haveChromium)(
    'renders in Chromium: charts present, no request, no unmasked ID; A4 PDF and PNG',
    async () => {
      const output = findings(['--html', 'page.html']);
      const file = join(dir, 'page.html');
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 800, height: 1100 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`file://${file}`);
        expect(requests).toEqual([`file://${file}`]);
        expect(await page.title()).toBe('2026年11月 监督检查发现问题报告');
        const svgs = page.locator('svg');
        expect(await svgs.count()).toBe(3);
        expect(await svgs.nth(0).locator('rect.bar').count()).toBe(Object.keys(output.totals.by_category).length);
        expect(await svgs.nth(1).locator('rect.bar').count()).toBe(Object.keys(output.totals.by_prefecture).length);
        expect(await svgs.nth(2).locator('circle.point').count()).toBe(2);
        // The longest bar is drawn for the largest count, and has a width on screen.
        const widths = await svgs
          .nth(0)
          .locator('rect.bar')
          .evaluateAll((bars) => bars.map((bar) => bar.getBoundingClientRect().width));
        expect(widths[0]).toBeGreaterThan(100);
        expect(widths[0]).toBe(Math.max(...widths));
        // biome-ignore lint/performance/useDomNodeTextContent: the text as shown.
        const text = await page.innerText('body');
        expect(text).not.toMatch(/\d{16}/);
        expect(text).toContain('按问题类别');
        expect(text).toContain('问题发生率');
        expect(await page.locator('table.rates td.rate').count()).toBe(1);
        const png = await page.screenshot({ fullPage: true });
        expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        if (process.env.SPOTCHECK_FINDINGS_SCREENSHOT) writeFileSync(process.env.SPOTCHECK_FINDINGS_SCREENSHOT, png);
        await page.emulateMedia({ media: 'print' });
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(800);
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
        expect(requests).toHaveLength(1);
      } finally {
        await browser.close();
      }
    },
  );
});
