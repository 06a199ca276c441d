/** The tests "--notice" from test/publish.test.ts (moved, issue 14). */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { cli, tempDir } from '../helpers.js';
import { DRAW, csv } from '../outputDrawKit.js';

const CHROMIUM = process.env.SPOTCHECK_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) {
  const message = `test/render/notice.test.ts: the notice is not rendered in a browser: ${CHROMIUM} is missing (apt-get install chromium, as .ci/run does)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`${message} — SKIPPED`);
}

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

      const browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: [
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      });
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
