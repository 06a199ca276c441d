/**
 * Times shown to people are in Beijing time with the offset (issue 15); what is recorded stays UTC.
 * A draw made before 08:00 Beijing time is shown on its Beijing date, not the previous UTC day.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { fixedOffsetZone, localTime } from '../../src/core/localTime.js';
import { cli, DEMO, tempDir } from '../helpers.js';

describe('localTime: a recorded UTC instant shown in Beijing time', () => {
  it('shifts by +08:00 across the day, month and year, keeps the offset, and leaves other texts alone', () => {
    expect(localTime('2026-11-30T23:30:05.123Z')).toBe('2026-12-01 07:30:05 +08:00');
    expect(localTime('2026-12-31T16:00:00Z')).toBe('2027-01-01 00:00:00 +08:00');
    expect(localTime('2026-12-02T01:02:03.000Z')).toBe('2026-12-02 09:02:03 +08:00');
    expect(localTime('2026-12-02T01:02:03.000Z', -300)).toBe('2026-12-01 20:02:03 -05:00');
    expect(localTime('yesterday')).toBe('yesterday');
    expect(localTime('2026-12-02 01:02:03')).toBe('2026-12-02 01:02:03');
  });

  it('is what the notice and the check workbook show, while the manifest keeps UTC', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    const notice = join(dir, 'notice.html');
    const args = ['monthly', DEMO, '--month', '2026-11', '--seed', 't', '--level', 'county', '--scope', '永胜县'];
    const result = await cli([...args, '--out', out, '--xlsx', '--notice', notice]);
    expect(result.status, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { created_at: string };
    expect(manifest.created_at).toMatch(/Z$/);
    const shown = localTime(manifest.created_at);
    const html = readFileSync(notice, 'utf8');
    expect(html).toContain(shown);
    expect(html).not.toMatch(/\d\d:\d\d:\d\d UTC/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'check-workbook.xlsx'));
    const cells = workbook.worksheets[0]!.getSheetValues().flat().map(String);
    expect(cells).toContain(shown);
    expect(cells).not.toContain(manifest.created_at);
  });
});

describe('fixedOffsetZone: the time zones a committee may set (no daylight saving, no database)', () => {
  it('reads China and its aliases, Xinjiang time, UTC and explicit offsets, and nothing else', () => {
    for (const name of ['Asia/Shanghai', 'asia/chongqing', 'Asia/Harbin', 'PRC', '+08:00', 'UTC+8', 'utc+08:00'])
      expect(fixedOffsetZone(name)?.offsetMinutes, name).toBe(480);
    expect(fixedOffsetZone('Asia/Urumqi')?.offsetMinutes).toBe(360);
    expect(fixedOffsetZone('UTC')?.offsetMinutes).toBe(0);
    expect(fixedOffsetZone('-05:30')?.offsetMinutes).toBe(-330);
    expect(fixedOffsetZone(' PRC ')?.name).toBe('PRC');
    for (const name of ['America/New_York', 'Europe/London', 'Asia/Tokyo', '+8:75', '+15:00', 'UTC+', '8', ''])
      expect(fixedOffsetZone(name), name).toBeNull();
  });
});
