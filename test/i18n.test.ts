/** --lang and the message catalogue: both languages complete, Chinese where asked, English otherwise. */
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CATALOGUE, langFromEnvironment, resetLanguage, setLanguage } from '../src/i18n.js';
import { SpotcheckError } from '../src/errors.js';
import { msg, render } from '../src/messages/render.js';
import { recogniseHeader } from '../src/core/columns.js';
import { problemText } from '../src/core/frame.js';
import { levelName } from '../src/core/scope.js';
import { parseLang } from '../src/lang.js';
import { CATALOGUE_SECTIONS } from '../src/messages/index.js';
import { canonicalColumn, columnHeading } from '../src/core/headings.js';
import { COUNTY_COLUMNS, HOUSEHOLD_COLUMNS, SPARE_COLUMNS, VILLAGE_COLUMNS } from '../src/core/tables.js';
import {
  EVALUATION_COUNTY_COLUMNS,
  EVALUATION_HOUSEHOLD_COLUMNS,
  EVALUATION_VILLAGE_COLUMNS,
  STRATA_COLUMNS,
} from '../src/core/evaluationTables.js';
import { FUNDS_COLUMNS, RANKING_COLUMNS } from '../src/commands/funds/run.js';
import { cli, DEMO, hanCharacters, ROOT, tempDir } from './helpers.js';

const DRAW = ['monthly', DEMO, '--month', '2026-11', '--seed', 'lang', '--level', 'county', '--scope', '永胜县'];
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

describe('message facts: the core says what happened, the edge words it', () => {
  const thrown = (attempt: () => unknown): SpotcheckError => {
    try {
      attempt();
    } catch (error) {
      if (error instanceof SpotcheckError) return error;
      throw error;
    }
    throw new Error('nothing thrown');
  };

  it('words a SpotcheckError when it is read, in the language current then (a nested list with its separator too)', () => {
    resetLanguage();
    try {
      const error = thrown(() => recogniseHeader(['户编号', '乡镇', '13812345678'], {}, 'r.csv'));
      expect(error.id).toBe('core.columns.missingRequired');
      expect(error.describe()).toBe(
        'r.csv:1: the registry lacks required columns: county (行政县) or county_code (县代码); village (行政村); status (脱贫属性) or household_type (户类型). Headers found: 户编号, 乡镇, 138****5678\n  map another header to a field with --column field=Header, e.g. --column household_id=户号',
      );
      setLanguage('zh-CN', 'command line');
      expect(error.message).toBe(
        '登记数据缺少必需的列：county（行政县）或 county_code（县代码）；village（行政村）；status（脱贫属性）或 household_type（户类型）。现有表头：户编号, 乡镇, 138****5678',
      );
      expect(error.toJSON()).toEqual({
        code: 'INPUT',
        id: 'core.columns.missingRequired',
        message: error.message,
        file: 'r.csv',
        line: 1,
        hint: '可用 --column 字段=表头 将其他表头对应到字段，例如 --column household_id=户号',
      });
    } finally {
      resetLanguage();
    }
  });

  it('words a fact in the language asked: a level inside a message, a data problem', () => {
    const required = msg('core.scope.required', { level: levelName('township') });
    expect(render(required.id, 'en', required.params)).toBe(
      "--scope is required at township level: give the township's code or name",
    );
    expect(render(required.id, 'zh-CN', required.params)).toBe('乡镇层级须给出 --scope：乡镇的代码或名称');
    const problem = { severity: 'error', message: msg('core.frame.householdIdBlank'), file: 'r.csv', line: 2 } as const;
    expect(problemText(problem, 'en')).toBe('household ID (户编号) is blank');
    expect(problemText(problem, 'zh-CN')).toBe('户编号为空');
  });
});

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

const COMMANDS = [
  '',
  'monthly',
  'funds',
  'evaluate',
  'commit',
  'commit monthly',
  'estimate',
  'verify',
  'inspect',
  'ledger',
  'ledger verify',
  'generate',
  'sql',
];
const helpOf = async (command: string, lang: string) =>
  await cli([...command.split(' ').filter(Boolean), '--help', '--lang', lang]);
const hanCount = (text: string) => hanCharacters(text).length;

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

describe('the added CSV column headings in the draw language', () => {
  const PROVINCE = [
    'monthly',
    DEMO,
    '--month',
    '2026-11',
    '--seed',
    'headings',
    '--level',
    'province',
    '--spares',
    '2',
  ];
  const lines = (path: string) => readFileSync(path, 'utf8').split('\n');

  it('writes Chinese headings with --lang zh-CN, records columns_lang, keeps JSON English; verify reproduces it in any language', async () => {
    const dir = tempDir();
    expect((await cli([...PROVINCE, '--out', join(dir, 'en')])).status).toBe(0);
    expect((await cli([...PROVINCE, '--out', join(dir, 'zh'), '--lang', 'zh-CN'])).status).toBe(0);
    const households = lines(join(dir, 'zh', 'households.csv'));
    expect(households[0]).toMatch(
      /^户编号,州市,县代码,县,乡镇,村键,村,状态,家庭人数,登记人数,抽签值,抽签名次,村内户数,抽中户数,县入样概率,村入样概率,户入样概率,总入样概率,设计权重,/,
    );
    // The registry's own 户编号 and 乡镇 would read as spotcheck's: they are marked as the registry's.
    expect(households[0]).toMatch(/,登记表:户编号,/);
    expect(households[0]).toMatch(/,登记表:乡镇,/);
    for (const name of ['counties.csv', 'villages.csv', 'households.csv', 'spares.csv']) {
      const [zhHeader, ...zhRows] = lines(join(dir, 'zh', name));
      const [enHeader, ...enRows] = lines(join(dir, 'en', name));
      expect(zhRows, name).toEqual(enRows); // only the header line differs
      expect(zhHeader, name).not.toBe(enHeader);
      expect(zhHeader!.split(',').length, name).toBe(enHeader!.split(',').length);
    }
    const zhManifest = JSON.parse(readFileSync(join(dir, 'zh', 'manifest.json'), 'utf8'));
    const enManifest = JSON.parse(readFileSync(join(dir, 'en', 'manifest.json'), 'utf8'));
    expect(zhManifest.parameters.columns_lang).toBe('zh-CN');
    expect(enManifest.parameters.columns_lang).toBeUndefined();
    // Format 2, so that a spotcheck that knows only format 1 refuses it instead of calling it changed.
    expect(zhManifest.format).toBe('spotcheck-manifest-2');
    expect(enManifest.format).toBe('spotcheck-manifest-1');
    // The registry's own columns named like spotcheck's, in either language, are marked as the registry's.
    expect(households[0]!.split(',').filter((heading) => canonicalColumn(heading) === 'household_id')).toEqual([
      '户编号',
    ]);
    const verified = await cli(['verify', join(dir, 'zh'), '--json']);
    expect(verified.status, verified.stdout).toBe(0);
    expect((await cli(['verify', join(dir, 'zh'), '--lang', 'zh-CN'])).status).toBe(0);
    expect((await cli(['verify', join(dir, 'en'), '--lang', 'zh-CN'])).status).toBe(0);
    const json = JSON.parse((await cli([...PROVINCE, '--json', '--lang', 'zh-CN'])).stdout);
    expect(Object.keys(json.households[0]).slice(0, 3)).toEqual(['household_id', 'prefecture', 'county_code']);
  });

  it('reads a Chinese-headed draw back: --exclude leaves out the same units as the English one', async () => {
    const dir = tempDir();
    expect((await cli([...PROVINCE, '--out', join(dir, 'en')])).status).toBe(0);
    expect((await cli([...PROVINCE, '--out', join(dir, 'zh'), '--lang', 'zh-CN'])).status).toBe(0);
    const next = [
      'monthly',
      DEMO,
      '--month',
      '2026-12',
      '--seed',
      'next',
      '--level',
      'province',
      '--exclude-stages',
      'village,household',
      '--exclude-other-month',
    ];
    const afterEnglish = await cli([...next, '--exclude', join(dir, 'en'), '--json']);
    const afterChinese = await cli([...next, '--exclude', join(dir, 'zh'), '--json']);
    expect(afterChinese.status, afterChinese.stderr).toBe(0);
    const units = (stdout: string) =>
      JSON.parse(stdout).households.map((row: { household_id: string }) => row.household_id);
    expect(units(afterChinese.stdout)).toEqual(units(afterEnglish.stdout));
    expect(JSON.parse(afterChinese.stdout).manifest.exclusions.sources[0].units).toEqual(
      JSON.parse(afterEnglish.stdout).manifest.exclusions.sources[0].units,
    );
  });

  it('estimate reads an evaluation frame with Chinese headings as it reads the English one', async () => {
    const dir = tempDir();
    const evaluate = ['evaluate', join(ROOT, 'fixtures', 'eval-registry.csv'), '--seed', 'headings', '--counties', '4'];
    expect((await cli([...evaluate, '--out', join(dir, 'en')])).status).toBe(0);
    expect((await cli([...evaluate, '--out', join(dir, 'zh'), '--lang', 'zh-CN'])).status).toBe(0);
    const withAnswers = (name: string) => {
      const [header, ...rows] = lines(join(dir, name, 'frame.csv')).filter(Boolean);
      const path = join(dir, `${name}-results.csv`);
      // 状态 is also the Chinese heading of spotcheck's status column: the fieldwork's own 状态 must win.
      writeFileSync(
        path,
        [
          `${header},满意,状态`,
          ...rows.map((row, index) => `${row},${index % 3 === 0 ? '否' : '是'},${index % 4 === 0 ? '拒访' : '完成'}`),
        ].join('\n'),
      );
      return path;
    };
    expect(lines(join(dir, 'zh', 'frame.csv'))[0]).toMatch(/^县所在层,州市,县代码,/);
    expect(lines(join(dir, 'zh', 'frame.csv'))[0]).toMatch(/,登记表:household_id,/); // an English-headed registry's own column
    const english = await cli([
      'estimate',
      withAnswers('en'),
      '--measure',
      '满意=是',
      '--measure',
      '状态=完成',
      '--no',
      '状态=拒访',
      '--by',
      'status',
      '--json',
    ]);
    const chinese = await cli([
      'estimate',
      withAnswers('zh'),
      '--measure',
      '满意=是',
      '--measure',
      '状态=完成',
      '--no',
      '状态=拒访',
      '--by',
      '户所在层',
      '--json',
    ]);
    expect(chinese.status, chinese.stderr).toBe(0);
    const measures = JSON.parse(chinese.stdout).measures;
    expect(measures).toEqual(JSON.parse(english.stdout).measures);
    expect(measures[1].estimates[0].estimate).toBeGreaterThan(0.6); // about 3 in 4 完成, not 0 from another column
  });

  it('has a Chinese heading for every column spotcheck adds, the same in the Python checker', () => {
    const added = [
      COUNTY_COLUMNS,
      VILLAGE_COLUMNS,
      HOUSEHOLD_COLUMNS,
      SPARE_COLUMNS,
      EVALUATION_HOUSEHOLD_COLUMNS,
      EVALUATION_COUNTY_COLUMNS,
      EVALUATION_VILLAGE_COLUMNS,
      STRATA_COLUMNS,
      FUNDS_COLUMNS,
      RANKING_COLUMNS,
    ].flat();
    const headings = new Map(added.map((column) => [column, columnHeading(column, 'zh-CN')]));
    for (const [column, heading] of headings) {
      expect(heading, column).toMatch(/\p{Script=Han}/u);
      expect(canonicalColumn(heading), column).toBe(column);
    }
    expect(new Set(headings.values()).size).toBe(headings.size); // one heading, one column
    const python = readFileSync(join(ROOT, 'docs', 'check_draw.py'), 'utf8');
    const table = python.slice(
      python.indexOf('HEADINGS_ZH = {'),
      python.indexOf('}', python.indexOf('HEADINGS_ZH = {')),
    );
    const pythonHeadings = Object.fromEntries(
      [...table.matchAll(/'(\w+)': '([^']+)'/g)].map((match) => [match[1], match[2]]),
    );
    for (const column of [COUNTY_COLUMNS, VILLAGE_COLUMNS, HOUSEHOLD_COLUMNS].flat())
      expect(pythonHeadings[column], column).toBe(headings.get(column));
  });
});
