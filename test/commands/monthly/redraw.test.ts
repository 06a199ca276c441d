/**
 * Issue 15, the month's workflow: `--out DIR --force` replacing a draw made with another seed is a
 * re-draw: refused without --redraw-reason, and with it said on stderr and in the summary, naming
 * the earlier seed and time, and recorded in the manifest, the notice and the workbook.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { localTime } from '../../../src/core/localTime.js';
import { cli, DEMO, tempDir } from '../../helpers.js';

const COUNTY = ['monthly', DEMO, '--month', '2026-11', '--level', 'county', '--scope', '永胜县'];
const REASON = '摇号录像损坏，经州纪委同意重新摇号';

describe('--force over a draw of another seed is a re-draw (issue 15)', () => {
  it('is refused without --redraw-reason, naming the earlier seed and time, and leaves the earlier draw', async () => {
    const out = join(tempDir(), 'd1');
    expect((await cli([...COUNTY, '--seed', 'a', '--out', out])).status).toBe(0);
    const before = readFileSync(join(out, 'manifest.json'), 'utf8');
    const earlier = JSON.parse(before);
    const refused = await cli([...COUNTY, '--seed', 'b', '--out', out, '--force']);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toContain('this is a re-draw: it replaces the draw in');
    expect(refused.stderr).toContain(`(seed "a" SHA-256 `);
    expect(refused.stderr).toContain(`made ${localTime(earlier.created_at)})`);
    expect(refused.stderr).toContain('give --redraw-reason TEXT');
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(before);
    const zh = await cli([...COUNTY, '--seed', 'b', '--out', out, '--force', '--lang', 'zh-CN']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toContain(`中的抽取（种子 "a" SHA-256 `);
    expect(zh.stderr).toContain('重抽必须说明原因');
  });

  it('with --redraw-reason warns on stderr and in the summary, and records the reason in the manifest, notice and workbook', async () => {
    const dir = tempDir();
    const out = join(dir, 'd1');
    expect((await cli([...COUNTY, '--seed', 'a', '--out', out])).status).toBe(0);
    const earlier = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    const notice = join(dir, 'notice.html');
    const redrawn = await cli([
      ...COUNTY,
      '--seed',
      'b',
      '--out',
      out,
      '--force',
      '--xlsx',
      '--notice',
      notice,
      '--redraw-reason',
      REASON,
    ]);
    expect(redrawn.status, redrawn.stderr).toBe(0);
    const warning = `Warning: re-draw. This draw, seed "b" SHA-256 `;
    for (const text of [redrawn.stderr, redrawn.stdout]) {
      expect(text).toContain(warning);
      expect(text).toContain(`(seed "a" SHA-256 `);
      expect(text).toContain(`made ${localTime(earlier.created_at)}). Reason given: ${REASON}`);
    }
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.parameters.redraw_reason).toBe(REASON);
    expect(readFileSync(notice, 'utf8')).toContain(REASON);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(join(out, 'check-workbook.xlsx'));
    const cells: string[] = [];
    workbook.worksheets[0]!.eachRow((row) => cells.push(row.values!.toString()));
    expect(cells.join('\n')).toContain(REASON);
    const verified = await cli(['verify', out]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
  });

  it('the same seed again is the same draw, not a re-draw; a draw without --redraw-reason records no redraw_reason', async () => {
    const out = join(tempDir(), 'd1');
    expect((await cli([...COUNTY, '--seed', 'a', '--out', out])).status).toBe(0);
    const again = await cli([...COUNTY, '--seed', 'a', '--out', out, '--force']);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).not.toContain('re-draw');
    expect(again.stdout).not.toContain('re-draw');
    expect(JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).parameters).not.toHaveProperty('redraw_reason');
  });
});
