/** --lang and the message catalogue: both languages complete, Chinese where asked, English otherwise. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, langFromEnvironment, parseLang } from '../src/i18n.js';
import { CATALOGUE_SECTIONS } from '../src/messages/index.js';
import { cli, DEMO, tempDir } from './helpers.js';

const DRAW = ['monthly', DEMO, '--month', '2026-11', '--seed', 'lang', '--level', 'county', '--scope', '永胜县'];
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1]).filter((name) => name !== 's' && name !== 'ies').sort();

describe('message catalogue', () => {
  it('has every key in both languages, non-empty, with the same placeholders', () => {
    for (const [key, messages] of Object.entries(CATALOGUE)) {
      expect(Object.keys(messages).sort(), key).toEqual(['en', 'zh-CN']);
      expect(messages.en.trim(), key).not.toBe('');
      expect(messages['zh-CN'].trim(), key).not.toBe('');
      expect(placeholders(messages['zh-CN']), key).toEqual(placeholders(messages.en));
    }
  });

  it('defines each key in one section only', () => {
    const keys = CATALOGUE_SECTIONS.flatMap((section) => Object.keys(section));
    expect(keys.filter((key, index) => keys.indexOf(key) !== index)).toEqual([]);
    expect(Object.keys(CATALOGUE).length).toBe(keys.length);
  });

  it('reads the language from --lang and the environment', () => {
    expect(parseLang('zh_CN')).toBe('zh-CN');
    expect(parseLang('zh-Hans')).toBe('zh-CN');
    expect(parseLang('en-US')).toBe('en');
    expect(() => parseLang('fr')).toThrow(/--lang must be zh-CN or en, got "fr"/);
    expect(langFromEnvironment({ LANG: 'zh_CN.UTF-8' })).toBe('zh-CN');
    expect(langFromEnvironment({ LC_ALL: 'en_US.UTF-8', LANG: 'zh_CN.UTF-8' })).toBe('en');
    expect(langFromEnvironment({ LC_ALL: '', LANG: 'zh_CN.GBK' })).toBe('zh-CN');
    expect(langFromEnvironment({})).toBe('en');
  });
});

describe('--lang', () => {
  it('prints the summary in Chinese with --lang zh-CN or a Chinese locale, in English otherwise; JSON keys stay English', () => {
    const chinese = cli([...DRAW, '--lang', 'zh-CN']);
    expect(chinese.status).toBe(0);
    expect(chinese.stdout).toMatch(/抽样框: 1 个县 · 7 个村 \(贫困村\) · 167 户/);
    expect(chinese.stdout).toMatch(/抽中: 1 个县 · 4 个村 · 20 户/);
    expect(cli(DRAW, { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toBe(chinese.stdout);
    expect(cli([...DRAW, '--lang', 'en'], { env: { LANG: 'zh_CN.UTF-8' } }).stdout).toMatch(/Frame: 1 county · 7 villages \(poor villages\) · 167 households/);
    const json = JSON.parse(cli([...DRAW, '--lang', 'zh-CN', '--json']).stdout);
    expect(Object.keys(json)).toEqual(['manifest', 'counties', 'villages', 'households']);
    expect(cli([...DRAW, '--lang', 'fr']).stderr).toMatch(/--lang must be zh-CN or en, got "fr"/);
  });

  it('verify and ledger verify give their verdicts in Chinese; a plan file may set the language', () => {
    const dir = tempDir();
    expect(cli([...DRAW, '--out', join(dir, 'draw'), '--ledger', join(dir, 'l.ledger')]).status).toBe(0);
    expect(cli(['verify', join(dir, 'draw'), '--lang', 'zh-CN']).stdout).toMatch(/核验通过：抽取结果完全复现/);
    expect(cli(['ledger', '--lang', 'zh-CN', 'verify', join(dir, 'l.ledger')]).stdout).toMatch(/台账完整：链头 #1/);
    writeFileSync(join(dir, 'spotcheck.config.json'), '{ "lang": "zh-CN" }');
    expect(cli(DRAW, { cwd: dir }).stdout).toMatch(/抽样框:/);
    expect(cli([...DRAW, '--lang', 'en'], { cwd: dir }).stdout).toMatch(/Frame:/);
  });
});
