/** The tests "help in both languages" from test/i18n.test.ts (moved, issue 14). */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, ROOT } from '../helpers.js';
import { hanCount } from './i18nKit.js';

const COMMANDS = [
  '',
  'init',
  'monthly',
  'funds',
  'plan-sample',
  'evaluate',
  'commit',
  'commit monthly',
  'estimate',
  'findings',
  'verify',
  'inspect',
  'ledger',
  'ledger verify',
  'generate',
  'sql',
];
const helpOf = async (command: string, lang: string) =>
  await cli([...command.split(' ').filter(Boolean), '--help', '--lang', lang]);

describe('help in both languages', () => {
  // One test per command (each spawns the binary twice or more): a busy machine must not push a
  // whole list of spawns past one test's timeout.
  it.each(COMMANDS)('keeps the English help of "%s" as recorded (test/golden/help/)', async (command) => {
    {
      const result = await helpOf(command, 'en');
      expect(result.status, command).toBe(0);
      const golden = join(ROOT, 'test', 'golden', 'help', `${command.replace(' ', '-') || 'spotcheck'}.txt`);
      if (process.env.SPOTCHECK_UPDATE_GOLDEN === '1') writeFileSync(golden, result.stdout);
      expect(result.stdout, command).toBe(readFileSync(golden, 'utf8'));
    }
  });

  it.each(COMMANDS)(
    'gives "%s" its help in Chinese: headings, descriptions, options, and no line starting with closing punctuation',
    async (command) => {
      {
        const english = (await helpOf(command, 'en')).stdout;
        const chinese = await helpOf(command, 'zh-CN');
        expect(chinese.status, command).toBe(0);
        expect(chinese.stdout, command).toMatch(/^用法：/);
        expect(chinese.stdout, command).toMatch(/选项：/);
        expect(hanCount(chinese.stdout), command).toBeGreaterThan(hanCount(english) + 40);
        expect(chinese.stdout, command).not.toMatch(/^\s*[）。，、；：]/m);
        // Every option keeps its flag; each option line of the Chinese help has Chinese in it.
        const optionsSection = (text: string) => text.split(/\n(?:Options:|选项：)\n/)[1]!.split('\n\n')[0]!;
        const flags = (text: string) =>
          [...optionsSection(text).matchAll(/^ {2}(-\S+(?:, --\S+)?)/gm)].map((match) => match[1]);
        expect(flags(chinese.stdout), command).toEqual(flags(english));
        for (const line of optionsSection(chinese.stdout)
          .split('\n')
          .filter((entry) => /^ {2}--?\w/.test(entry) && !/^ {2}-V/.test(entry))) {
          expect(hanCount(line), `${command}: ${line}`).toBeGreaterThan(0);
        }
      }
    },
  );

  it('shows defaults in Chinese help as （默认：…）', async () => {
    expect((await helpOf('monthly', 'zh-CN')).stdout).toMatch(/（默认：/);
  });
});
