/**
 * The program's own help (description, --lang, the help and version options), the headings and
 * errors commander prints, and the words of an error's location.
 */
import type { MessageSection } from './section.js';

export const PROGRAM_MESSAGES = {
  'help.program.description': {
    en:
      'Reproducible, verifiable random spot checks of a poverty-alleviation household registry (建档立卡).\n' +
      'Every draw comes from a public seed by SHA-256 tickets; anyone with the registry and the manifest can re-run it.',
    'zh-CN':
      '对扶贫建档立卡户登记数据进行可复现、可核验的随机抽查。\n' +
      '每次抽取都由公开的种子经 SHA-256 抽签值决定；任何人持有同一份登记数据和抽取清单 (manifest) 即可重新运行并核对。',
  },
  'help.program.lang': {
    en: 'language of help, messages, summaries and the added CSV column headers: zh-CN or en (default: from LC_ALL / LANG); may follow any command',
    'zh-CN': '帮助、提示、摘要和新增 CSV 列名所用的语言：zh-CN 或 en（默认取自 LC_ALL / LANG）；可放在任何命令之后',
  },
  'help.program.after': {
    en: '\nStart with:\n  $ spotcheck inspect fixtures/demo-registry.csv\n  $ spotcheck monthly fixtures/demo-registry.csv --month 2026-11 --seed "2026-11 public draw"\n',
    'zh-CN':
      '\n从这里开始：\n  $ spotcheck inspect fixtures/demo-registry.csv\n  $ spotcheck monthly fixtures/demo-registry.csv --month 2026-11 --seed "2026-11 public draw"\n',
  },
  'help.program.version': { en: 'output the version number', 'zh-CN': '显示版本号' },
  'help.program.help': { en: 'display help for command', 'zh-CN': '显示命令的帮助' },
  'help.program.helpCommand': { en: 'display help for command', 'zh-CN': '显示某个命令的帮助' },
  'help.program.afterError': { en: '(add --help for usage)', 'zh-CN': '（加 --help 查看用法）' },
  'help.title.Usage:': { en: 'Usage:', 'zh-CN': '用法：' },
  'help.title.Options:': { en: 'Options:', 'zh-CN': '选项：' },
  'help.title.Commands:': { en: 'Commands:', 'zh-CN': '命令：' },
  'help.title.Arguments:': { en: 'Arguments:', 'zh-CN': '参数：' },
  'help.title.Global Options:': { en: 'Global Options:', 'zh-CN': '全局选项：' },
  'help.default': { en: ' (default: {value})', 'zh-CN': '（默认：{value}）' },
  'help.choices': { en: ' (choices: {values})', 'zh-CN': '（可选：{values}）' },
  'commander.unknownOption': { en: "unknown option '{flag}'", 'zh-CN': "未知选项 '{flag}'" },
  'commander.unknownCommand': { en: "unknown command '{name}'", 'zh-CN': "未知命令 '{name}'" },
  'commander.didYouMean': { en: '(Did you mean {names}?)', 'zh-CN': '（是否想用 {names}？）' },
  'commander.didYouMeanOneOf': { en: '(Did you mean one of {names}?)', 'zh-CN': '（是否想用 {names} 之一？）' },
  'commander.missingArgument': { en: "missing required argument '{name}'", 'zh-CN': "缺少必需的参数 '{name}'" },
  'commander.optionMissingArgument': { en: "option '{flags}' argument missing", 'zh-CN': "选项 '{flags}' 缺少取值" },
  'commander.missingMandatoryOption': {
    en: "required option '{flags}' not specified",
    'zh-CN': "未给出必需的选项 '{flags}'",
  },
  'commander.excessArguments': {
    en: 'too many arguments{where}. Expected {expected} but got {got}.',
    'zh-CN': '参数过多{where}：应为 {expected} 个，实际 {got} 个。',
  },
  'commander.forCommand': { en: " for '{name}'", 'zh-CN': "（命令 '{name}'）" },
  'error.prefix': { en: 'error: ', 'zh-CN': '错误：' },
  'error.internal': { en: 'internal error (please report it)', 'zh-CN': '内部错误（请报告此问题）' },
  'error.notFinished': {
    en: 'the command stopped before finishing (a read never completed)',
    'zh-CN': '命令未完成就停止了（某次读取没有结束）',
  },
  'output.madeDespite': {
    en: 'the draw itself was made and written: {where}; only its summary was not printed',
    'zh-CN': '抽取本身已完成并写出：{where}；只是未能打印摘要',
  },
  'error.stdout': { en: 'cannot write to standard output ({reason})', 'zh-CN': '无法写入标准输出（{reason}）' },
  'where.line': { en: 'line {line}', 'zh-CN': '第 {line} 行' },
  'where.column': { en: '(column {field})', 'zh-CN': '（列 {field}）' },
  'lang.invalid': {
    en: '--lang must be zh-CN or en, got "{got}"',
    'zh-CN': '--lang 只能是 zh-CN 或 en，实际为 "{got}"',
  },
  'lang.missing': { en: '--lang needs a value: zh-CN or en', 'zh-CN': '--lang 需要取值：zh-CN 或 en' },
  'options.typedWide': {
    en: '{got} looks like {option} typed with a Chinese input method (long or full-width dashes, full-width letters); type it with ASCII hyphens and letters: {option}',
    'zh-CN': '{got} 像是用中文输入法打出的 {option}（破折号、全角横线或全角字母）；请切换到英文（半角）输入：{option}',
  },
  'options.typedWideHint': {
    en: 'a Chinese input method types Shift+- as "——" and letters full-width: switch it to English (half-width) before typing an option',
    'zh-CN': '中文输入法会把 Shift+减号 打成破折号“——”、把字母打成全角：输入选项前请切换到英文（半角）输入',
  },
} as const satisfies MessageSection;
