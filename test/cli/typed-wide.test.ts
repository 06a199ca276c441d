/**
 * Options typed with a Chinese input method (issue 15): "——month", "－－month", "—month" and
 * full-width letters are refused at the edge, before commander would take them for file names,
 * with the option as it should be typed; nothing is drawn.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../helpers.js';

describe('options typed with a Chinese input method', () => {
  const typed: ReadonlyArray<readonly [string, string]> = [
    ['——month', '--month'],
    ['－－month', '--month'],
    ['—month', '--month'],
    ['－－ｍｏｎｔｈ', '--month'],
    ['--ｍｏｎｔｈ', '--month'],
    ['––month', '--month'],
    ['——redraw－reason', '--redraw-reason'],
    ['－h', '-h'],
  ];
  for (const [arg, option] of typed) {
    it(`refuses ${arg} as ${option}, exit 2, in English and Chinese`, async () => {
      const out = join(tempDir(), 'draw');
      const args = ['monthly', DEMO, arg, '2026-12', '--seed', 'x', '--out', out];
      const english = await cli(args);
      expect(english.status).toBe(2);
      expect(english.stdout).toBe('');
      expect(english.stderr).toBe(
        `spotcheck: error: ${arg} looks like ${option} typed with a Chinese input method (long or full-width dashes, full-width letters); type it with ASCII hyphens and letters: ${option}\n` +
          '  a Chinese input method types Shift+- as "——" and letters full-width: switch it to English (half-width) before typing an option\n',
      );
      const chinese = await cli([...args, '--lang', 'zh-CN']);
      expect(chinese.status).toBe(2);
      expect(chinese.stdout).toBe('');
      expect(chinese.stderr).toBe(
        `spotcheck: 错误：${arg} 像是用中文输入法打出的 ${option}（破折号、全角横线或全角字母）；请切换到英文（半角）输入：${option}\n` +
          '  中文输入法会把 Shift+减号 打成破折号“——”、把字母打成全角：输入选项前请切换到英文（半角）输入\n',
      );
      expect(existsSync(out)).toBe(false);
    });
  }

  it('says it as JSON with --json, under the message key', async () => {
    const result = await cli(['monthly', DEMO, '——month', '2026-12', '--seed', 'x', '--json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout)).toEqual({
      error: expect.objectContaining({ code: 'USAGE', id: 'options.typedWide' }),
    });
  });

  it('takes the same option with its value after "=", and leaves words that are not option names alone', async () => {
    const withValue = await cli(['monthly', DEMO, '－－month＝2026-12', '--seed', 'x']);
    expect(withValue.status).toBe(2);
    expect(withValue.stderr).toMatch(/^spotcheck: error: －－month＝2026-12 looks like --month typed/);
    // A file named with a dash and a Chinese word, and anything after "--", are not options.
    for (const args of [
      ['monthly', '——抽签.csv', '--month', '2026-12', '--seed', 'x'],
      ['monthly', '--month', '2026-12', '--seed', 'x', '--', '——month'],
    ]) {
      const result = await cli(args);
      expect(result.stderr).not.toMatch(/input method/);
      expect(result.stderr).toMatch(/no such file/);
    }
  });
});

describe('a free-text value that begins with a dash is not taken for an option', () => {
  it('draws with --seed "—draw" (a seed is published as typed)', async () => {
    const result = await cli([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--seed',
      '—draw',
      '--level',
      'county',
      '--scope',
      '永胜县',
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('seed "—draw"');
  });
});
