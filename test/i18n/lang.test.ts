/** The tests "--lang" from test/i18n.test.ts (moved, issue 14). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../helpers.js';

const DRAW = ['monthly', DEMO, '--month', '2026-11', '--seed', 'lang', '--level', 'county', '--scope', '永胜县'];

describe('--lang', () => {
  it('prints the summary in Chinese with --lang zh-CN or a Chinese locale, in English otherwise; JSON keys stay English', async () => {
    const chinese = await cli([...DRAW, '--lang', 'zh-CN']);
    expect(chinese.status).toBe(0);
    expect(chinese.stdout).toMatch(/抽样框: 1 个县 · 7 个村 \(贫困村\) · 167 户/);
    expect(chinese.stdout).toMatch(/抽中: 1 个县 · 4 个村 · 20 户/);
    expect((await cli(DRAW, { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toBe(chinese.stdout);
    expect((await cli([...DRAW, '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } })).stdout).toMatch(
      /Frame: 1 county · 7 villages \(poor villages\) · 167 households/,
    );
    const json = JSON.parse((await cli([...DRAW, '--lang', 'zh-CN', '--json'])).stdout);
    expect(Object.keys(json)).toEqual(['manifest', 'counties', 'villages', 'households']);
    expect((await cli([...DRAW, '--lang', 'fr'])).stderr).toMatch(/--lang must be zh-CN or en, got "fr"/);
  });

  it('verify and ledger verify give their verdicts in Chinese; a plan file may set the language', async () => {
    const dir = tempDir();
    expect((await cli([...DRAW, '--out', join(dir, 'draw'), '--ledger', join(dir, 'l.ledger')])).status).toBe(0);
    expect((await cli(['verify', join(dir, 'draw'), '--lang', 'zh-CN'])).stdout).toMatch(/核验通过：抽取结果完全复现/);
    expect((await cli(['ledger', '--lang', 'zh-CN', 'verify', join(dir, 'l.ledger')])).stdout).toMatch(
      /台账完整：链头 #1/,
    );
    writeFileSync(join(dir, 'spotcheck.config.json'), '{ "lang": "zh-CN" }');
    expect((await cli(DRAW, { cwd: dir })).stdout).toMatch(/抽样框:/);
    expect((await cli([...DRAW, '--lang', 'en'], { cwd: dir })).stdout).toMatch(/Frame:/);
  });
});
