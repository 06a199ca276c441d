/** The tests "--notice" from test/publish.test.ts (moved, issue 14). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumAvailable, launchChromium } from '../chromiumKit.js';
import { describe, expect, it } from 'vitest';
import { DEMO, ROOT, cli, tempDir } from '../helpers.js';
import { DRAW, csv } from '../outputDrawKit.js';

const haveChromium = chromiumAvailable('test/render/notice.test.ts: the notice');

/** Latin words a Chinese notice may show: tool, algorithm and hash names, file types, and the seed's own words. */
const LATIN_ALLOWED = /\b(spotcheck|SHA-256|check_draw\.py|CSV|Python)\b/g;

/** The notice printed to an A4 PDF: its page count (the PDF's page objects) and its visible text without <code>/<pre>. */
async function printed(notice: string): Promise<{ pages: number; text: string }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`file://${notice}`);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    await page.evaluate(() => {
      for (const element of document.querySelectorAll('code, pre')) element.remove();
    });
    // biome-ignore lint/performance/useDomNodeTextContent: the text as shown (innerText), not the hidden captions and style.
    const text = await page.innerText('body');
    return { pages: pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0, text };
  } finally {
    await browser.close();
  }
}

/**
 * The Latin words of a notice's visible text once the allowed ones, hashes and the draw's own names (the seed,
 * the algorithm, the registry files) are taken out.
 */
const latinWords = (text: string, names: readonly string[]): string[] =>
  (
    names
      .reduce((rest, name) => rest.replaceAll(name, ''), text)
      .replace(/[0-9a-f]{16,64}/g, '')
      .replace(LATIN_ALLOWED, '')
      .match(/[A-Za-z]{3,}/g) ?? []
  ).sort();

describe('--notice', () => {
  it.skipIf(!haveChromium)(
    'renders in headless Chromium with the draw in its tables, no names or ID numbers, and prints on A4',
    async () => {
      const dir = tempDir();
      const out = join(dir, 'draw');
      const notice = join(dir, 'notice.html');
      const result = await cli([
        ...DRAW,
        '--out',
        out,
        '--notice',
        notice,
        '--seed-source',
        '2026年11月3日 州纪委 公开摇号',
      ]);
      expect(result.status, result.stderr).toBe(0);
      const html = readFileSync(notice, 'utf8');
      expect(html).not.toMatch(/<script|<link|src=|url\(/i); // self-contained
      const households = csv(join(out, 'households.csv'));
      for (const row of households) {
        expect(html).not.toContain(row.姓名);
        expect(html).not.toContain(`${row.证件号码!.slice(-4)}<`);
        expect(html).not.toContain(row.household_id);
      }
      const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
      expect(manifest.parameters.seed_source).toBe('2026年11月3日 州纪委 公开摇号');

      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ viewport: { width: 900, height: 1200 } });
        const requests: string[] = [];
        page.on('request', (request) => requests.push(request.url()));
        await page.goto(`file://${notice}`);
        expect(requests).toEqual([`file://${notice}`]);
        expect(await page.title()).toContain('抽查结果公告');
        expect(await page.locator('#manifest-sha256').textContent()).toBe(manifest.manifest_sha256);
        const villageRows = await page.locator('table').nth(2).locator('tbody tr').allTextContents();
        const villages = csv(join(out, 'villages.csv'));
        expect(villageRows).toHaveLength(villages.length);
        villages.forEach((village, index) => {
          const drawn = households.filter((row) => row.village_key === village.village_key).length;
          expect(villageRows[index]).toContain(village.village);
          expect(villageRows[index]).toContain(`${drawn}${village.frame_households}`);
        });
        const counties = await page.locator('table').nth(1).locator('tbody tr').allTextContents();
        expect(counties.map((row) => row.replace(/^\d+/, ''))).toEqual(
          csv(join(out, 'counties.csv')).map((row) => `${row.prefecture}${row.county}${row.county_code}`),
        );
        const png = await page.screenshot({ fullPage: true });
        expect([...png.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
        writeFileSync(join(dir, 'notice.png'), png);
        await page.emulateMedia({ media: 'print' });
        // Printed on A4 (182 mm of text width at 96 dpi ≈ 688 px), nothing runs off the page.
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(900);
        const pdf = await page.pdf({ format: 'A4', printBackground: true });
        expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
        expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
      } finally {
        await browser.close();
      }
    },
  );

  it.skipIf(!haveChromium)(
    'is a Chinese document: one A4 page for a county draw of 5 villages signed by its committee, at most two for a province draw, no Latin words but codes, hashes, the seed and tool names, and a 落款 with the date in Beijing time',
    async () => {
      const dir = tempDir();
      const seed = '2026-12 永胜县纪委 公开摇号 5 8 1';
      const draw = (level: string[], name: string) =>
        cli([
          'monthly',
          DEMO,
          '--month',
          '2026-12',
          '--seed',
          seed,
          ...level,
          '--out',
          join(dir, name),
          '--notice',
          join(dir, `${name}.html`),
        ]);
      // The most a county notice holds: 5 villages, the committee's name, a seed source.
      const county = await draw(
        [
          ...['--level', 'county', '--scope', '永胜县', '--villages', '5', '--committee', '永胜县纪委监委'],
          ...['--seed-source', '2026年12月1日 永胜县纪委 公开摇号（现场直播）'],
        ],
        'county',
      );
      expect(county.status, county.stderr).toBe(0);
      expect(csv(join(dir, 'county', 'villages.csv'))).toHaveLength(5);
      const province = await draw(['--level', 'province'], 'province');
      expect(province.status, province.stderr).toBe(0);

      const html = readFileSync(join(dir, 'county.html'), 'utf8');
      expect(html).toContain('<title>2026年12月 县级巩固拓展脱贫攻坚成果监督检查 抽查结果公告</title>');
      expect(html).not.toMatch(/脱贫攻坚监督/);
      const manifest = JSON.parse(readFileSync(join(dir, 'county', 'manifest.json'), 'utf8'));
      const beijing = new Date(Date.parse(manifest.created_at) + 8 * 3600_000);
      const day = `${beijing.getUTCFullYear()}年${beijing.getUTCMonth() + 1}月${beijing.getUTCDate()}日`;
      expect(html).toMatch(
        new RegExp(
          `<div class="closing" id="closing">\\n<p class="issuer" id="issuer">永胜县纪委监委</p>\\n<p>${day}</p>`,
        ),
      );
      // Without --committee, a blank to fill in and stamp.
      expect(readFileSync(join(dir, 'province.html'), 'utf8')).toMatch(
        /<div class="closing" id="closing">\n<p>发布单位：_+（盖章）<\/p>/,
      );
      expect(html).toContain('监督举报电话：12317');

      const countyPage = await printed(join(dir, 'county.html'));
      expect(countyPage.pages).toBe(1);
      expect(countyPage.text).toContain(manifest.manifest_sha256);
      expect(countyPage.text).toMatch(/\+08:00/);
      const names = (draw: { algorithm: { name: string }; inputs: Array<{ name: string }> }) => [
        seed,
        draw.algorithm.name,
        ...draw.inputs.map((input) => input.name),
      ];
      expect(latinWords(countyPage.text, names(manifest))).toEqual([]);
      const provincePage = await printed(join(dir, 'province.html'));
      expect(provincePage.pages).toBeGreaterThanOrEqual(1);
      expect(provincePage.pages).toBeLessThanOrEqual(2);
      const provinceManifest = JSON.parse(readFileSync(join(dir, 'province', 'manifest.json'), 'utf8'));
      expect(latinWords(provincePage.text, names(provinceManifest))).toEqual([]);
    },
  );

  it('names what a draw excluded in Chinese, whatever the language of the terminal', async () => {
    const dir = tempDir();
    const month = ['monthly', DEMO, '--month', '2026-12', '--lang', 'en'];
    const province = await cli([...month, '--seed', 'p', '--level', 'province', '--out', join(dir, 'p')]);
    expect(province.status, province.stderr).toBe(0);
    // A list of villages checked already (one, the province's first).
    const list = join(dir, '检查过的村.csv');
    writeFileSync(list, `village_key\n${csv(join(dir, 'p', 'villages.csv'))[0]!.village_key}\n`);
    const notice = join(dir, 'f.html');
    const result = await cli([
      ...month,
      ...['--seed', 'f', '--level', 'prefecture', '--scope', '普洱市', '--exclude', join(dir, 'p'), list],
      ...['--out', join(dir, 'f'), '--notice', notice],
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/Excluded \(--exclude\): monthly draw province \(whole registry\) 2026-12/);
    expect(result.stdout).toMatch(
      /Excluded \(--exclude\): list 检查过的村.csv, sha256 [0-9a-f]{16}…: 0 counties, 1 village, 0 households/,
    );
    const html = readFileSync(notice, 'utf8');
    expect(html).toMatch(
      /<th>排除<\/th><td>排除（指定排除）：2026-12 省级 （全部登记数据） 监督检查 抽取，清单 [0-9a-f]{16}…：\d+ 个县、\d+ 个村、\d+ 户；排除（指定排除）：名单 检查过的村.csv（SHA-256 [0-9a-f]{16}…）：0 个县、1 个村、0 户；移出抽样框：/,
    );
    // The exclusions row is Chinese too: no option names, codes or English words but the files' names.
    const row = /<th>排除<\/th><td>([^<]*)<\/td>/.exec(html)![1]!;
    expect(latinWords(row, ['检查过的村.csv', 'excluded.csv'])).toEqual([]);
  });

  it('labels the evaluate and funds notices in Chinese only', async () => {
    const dir = tempDir();
    const evaluate = await cli(
      ['evaluate', DEMO, '--seed', 'e', '--counties', '2', '--out', join(dir, 'e')].concat([
        '--notice',
        join(dir, 'e.html'),
      ]),
    );
    expect(evaluate.status, evaluate.stderr).toBe(0);
    const funds = await cli([
      ...['funds', join(ROOT, 'fixtures', 'funds-registry.csv'), '--month', '2026-11', '--seed', 'f'],
      ...['--scope', '文山壮族苗族自治州', '--funds', join(ROOT, 'fixtures', 'county-funds-wenshan.csv')],
      ...['--out', join(dir, 'f'), '--notice', join(dir, 'f.html')],
    ]);
    expect(funds.status, funds.stderr).toBe(0);
    for (const name of ['e.html', 'f.html']) {
      const html = readFileSync(join(dir, name), 'utf8');
      const labels = [...html.matchAll(/<(th|h2|caption hidden)>([^<]*)</g)].map((match) => match[2]!);
      expect(labels.length).toBeGreaterThan(10);
      expect(labels.filter((label) => /[A-Za-z]{3,}/.test(label.replace('SHA-256', '')))).toEqual([]);
      expect(html).toContain('监督举报电话：12317');
    }
    expect(readFileSync(join(dir, 'e.html'), 'utf8')).toContain('<th>分层</th><td>2 个县按 州（市） 分层</td>');
  });

  it('refuses a notice path that is not .html, or that exists without --force', async () => {
    const dir = tempDir();
    expect((await cli([...DRAW, '--notice', join(dir, 'notice.pdf')])).stderr).toMatch(
      /--notice writes HTML: give a file ending in \.html/,
    );
    writeFileSync(join(dir, 'old.html'), 'old');
    const refused = await cli([...DRAW, '--notice', join(dir, 'old.html')]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/old\.html: the notice file exists already/);
    expect(readFileSync(join(dir, 'old.html'), 'utf8')).toBe('old');
  });
});
