/** The tests "message catalogue" from test/i18n.test.ts (moved, issue 14). */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, langFromEnvironment } from '../../src/i18n.js';
import { parseLang } from '../../src/lang.js';
import { CATALOGUE_SECTIONS } from '../../src/messages/index.js';
import { ROOT } from '../helpers.js';

const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((match) => match[1])
    .filter((name) => name !== 's' && name !== 'ies')
    .sort();

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

  it('is the only place texts for people are written: no help text, error or hint as a literal in src/', () => {
    const literal = `\\s*['"\`]`;
    const patterns = [
      new RegExp(`\\.(description|summary|showHelpAfterError)\\(${literal}`),
      new RegExp(`\\.(argument|addHelpText|helpOption|helpCommand|version)\\('[^']*',${literal}`),
      new RegExp(`(new Option|singleOption)\\('[^']*',${literal}`),
      new RegExp(`hint:${literal}`),
      new RegExp(`new SpotcheckError\\([^,]+,${literal}`),
      /process\.std(out|err)\.write\(\s*['"`](?!spotcheck: (?:failpoint|\$\{))[A-Za-z]/,
    ];
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          if (name !== 'messages') walk(path);
        } else if (name.endsWith('.ts')) {
          readFileSync(path, 'utf8')
            .split('\n')
            .forEach((line, index) => {
              if (patterns.some((pattern) => pattern.test(line)))
                found.push(`${path.slice(ROOT.length + 1)}:${index + 1}: ${line.trim()}`);
            });
        }
      }
    };
    walk(join(ROOT, 'src'));
    expect(found).toEqual([]);
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
