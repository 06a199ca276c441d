/** The tests "errors in both languages" from test/i18n.test.ts (moved, issue 14). */
import { describe, expect, it } from 'vitest';
import { cli, DEMO } from '../helpers.js';
import { hanCount } from './i18nKit.js';

describe('errors in both languages', () => {
  it('says a usage error in Chinese with the same exit code, and names the message by key in --json', async () => {
    const args = ['monthly', DEMO, '--month', '2026-11', '--seed', 'x', '--villages', '-3'];
    const english = await cli(args);
    const chinese = await cli([...args, '--lang', 'zh-CN']);
    expect(english.stderr).toBe('spotcheck: error: --villages must be a positive integer, got "-3"\n');
    expect(chinese.status).toBe(english.status);
    expect(chinese.stderr).toMatch(/^spotcheck: 错误：--villages .*"-3"/);
    expect(hanCount(chinese.stderr)).toBeGreaterThan(4);
    const en = JSON.parse((await cli([...args, '--json'])).stdout).error;
    const zh = JSON.parse((await cli([...args, '--json', '--lang', 'zh-CN'])).stdout).error;
    expect(en.id).toMatch(/^[\w.]+$/);
    expect(zh.id).toBe(en.id);
    expect(zh.code).toBe('USAGE');
    expect(zh.message).toBe(chinese.stderr.replace(/^spotcheck: 错误：/, '').trim());
  });

  it("translates commander's own errors", async () => {
    expect((await cli(['monthly', '--bogus', '--lang', 'zh-CN'])).stderr).toMatch(
      /^spotcheck: 错误：未知选项 '--bogus'\n（加 --help 查看用法）/,
    );
    expect((await cli(['monthyl', '--lang', 'zh-CN'])).stderr).toMatch(
      /^spotcheck: 错误：未知命令 'monthyl'\n（是否想用 monthly？）/,
    );
    expect((await cli(['verify', '--lang', 'zh-CN'])).stderr).toMatch(/^spotcheck: 错误：缺少必需的参数 'manifest'/);
    expect((await cli(['monthly', '--bogus'])).stderr).toMatch(
      /^spotcheck: error: unknown option '--bogus'\n\(add --help for usage\)/,
    );
    // A nested command (ledger verify) too, with exit code 2 like every usage error.
    const nested = await cli(['ledger', 'verify', '--lang', 'zh-CN']);
    expect(nested.status).toBe(2);
    expect(nested.stderr).toMatch(/^spotcheck: 错误：缺少必需的参数 'file'/);
    expect((await cli(['ledger', 'verify'])).status).toBe(2);
    // --json names commander's errors by key too, in the chosen language.
    expect(JSON.parse((await cli(['monthly', '--bogus', '--json', '--lang', 'zh-CN'])).stdout)).toEqual({
      error: { code: 'USAGE', id: 'commander.unknownOption', message: "未知选项 '--bogus'" },
    });
    expect(JSON.parse((await cli(['monthly', '--bogus', '--json'])).stdout)).toEqual({
      error: { code: 'USAGE', id: 'commander.unknownOption', message: "unknown option '--bogus'" },
    });
  });
});
