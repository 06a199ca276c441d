/**
 * The language of what spotcheck prints for people: English or Chinese (简体中文), chosen with
 * --lang zh-CN|en, else from the environment (LC_ALL, LC_MESSAGES, LANG: zh… → zh-CN). One
 * catalogue holds every translated message; a test fails when a key lacks a language or the two
 * languages disagree on its {placeholders}. JSON keys, CSV column names and the manifest stay
 * English and stable whatever the language.
 *
 * Translated so far: the terminal summaries' framing lines, verify's and ledger verify's verdicts,
 * the lines naming what was written. Help texts and error messages are still English only.
 */
import { SpotcheckError } from './errors.js';
import { count } from './render/style.js';
import { SPARE_RULE } from './core/monthly.js';

export type Lang = 'en' | 'zh-CN';

/** Parses --lang: zh-CN (zh, zh_CN, zh-Hans, 中文) or en (en, en-US …). */
export function parseLang(raw: string): Lang {
  const value = raw.trim().toLowerCase().replace('_', '-');
  if (value === 'zh' || value.startsWith('zh-') || value === '中文') return 'zh-CN';
  if (value === 'en' || value.startsWith('en-')) return 'en';
  throw new SpotcheckError('USAGE', `--lang must be zh-CN or en, got "${raw}"`);
}

/** The language the environment asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set. */
export function langFromEnvironment(env: NodeJS.ProcessEnv): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export const CATALOGUE = {
  'summary.frame': { en: 'Frame', 'zh-CN': '抽样框' },
  'summary.drawn': { en: 'Drawn', 'zh-CN': '抽中' },
  'summary.seed': { en: 'seed "{seed}"', 'zh-CN': '种子 "{seed}"' },
  'summary.counties': { en: '{n} count{ies}', 'zh-CN': '{n} 个县' },
  'summary.villages': { en: '{n} village{s}', 'zh-CN': '{n} 个村' },
  'summary.households': { en: '{n} household{s}', 'zh-CN': '{n} 户' },
  'summary.people': { en: '{n} people', 'zh-CN': '{n} 人' },
  'summary.poorVillages': { en: 'poor villages', 'zh-CN': '贫困村' },
  'summary.allVillages': { en: 'all villages', 'zh-CN': '全部村' },
  'summary.villageLine': { en: '{drawn}/{frame} households  p={p} overall', 'zh-CN': '抽 {drawn} 户 / 共 {frame} 户  总概率 p={p}' },
  'summary.shortfalls': { en: 'Shortfalls ({n}): fewer units than asked; all of them were taken', 'zh-CN': '不足 ({n} 处)：单位少于要求数，已全部抽取' },
  'summary.shortfall': { en: '{stage} in {stratum}: asked {requested}, has {available}', 'zh-CN': '{stratum} 的 {stage}：要求 {requested}，仅有 {available}' },
  'summary.spares': { en: 'Spares: {n} (up to {perVillage} per village, in spares.csv).', 'zh-CN': '备用户：{n} 户（每村至多 {perVillage} 户，见 spares.csv）。' },
  'summary.spareRule': {
    en: SPARE_RULE,
    'zh-CN': '仅当同村样本户无法核查时，按 spare_order 顺序依次使用，并记录原因。',
  },
  'summary.warnings': { en: '{n} data warning{s} (they do not change the draw); `spotcheck inspect` lists them', 'zh-CN': '{n} 条数据警告（不影响抽取结果）；`spotcheck inspect` 可列出' },
  'summary.nothingWritten': { en: 'Nothing written: add --out DIR for {files} and manifest.json, or --json.', 'zh-CN': '未写入文件：加 --out 目录 以写出 {files} 和 manifest.json，或用 --json。' },
  'summary.written': { en: 'Written to {dir}: {files} (manifest sha256 {sha}…)', 'zh-CN': '已写入 {dir}：{files}（清单 sha256 {sha}…）' },
  'output.workbook': { en: 'Check workbook: {path}', 'zh-CN': '核查工作簿：{path}' },
  'output.notice': { en: 'Public notice: {path}', 'zh-CN': '公告：{path}' },
  'output.ledger': { en: 'Ledger: entry {n} appended to {file} (head sha256 {hash})', 'zh-CN': '抽查台账：第 {n} 条已追加到 {file}（链头 sha256 {hash}）' },
  'verify.ok': { en: 'ok  ', 'zh-CN': '通过' },
  'verify.diff': { en: 'DIFF', 'zh-CN': '不符' },
  'verify.verified': { en: 'verified: the draw is reproduced exactly', 'zh-CN': '核验通过：抽取结果完全复现 (verified)' },
  'verify.notVerified': { en: 'NOT verified: see the differences above', 'zh-CN': '核验未通过 (NOT verified)：见上方差异' },
  'ledger.entries': { en: '{file}: {n} entr{ies}', 'zh-CN': '{file}：{n} 条记录' },
  'ledger.intact': { en: 'intact: head #{n} {hash}', 'zh-CN': '台账完整：链头 #{n} {hash}' },
  'ledger.broken': { en: 'NOT intact: see the lines above', 'zh-CN': '台账不完整：见上方各行' },
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof CATALOGUE;

let current: Lang = 'en';
let chosenOnCommandLine = false;

/**
 * Sets the language for the rest of the process, at the edge: src/main.ts from --lang or the
 * environment, then a plan file's "lang" (which --lang on the command line overrides).
 */
export function setLanguage(lang: Lang, source: 'command line' | 'environment' | 'plan'): void {
  if (source === 'plan' && chosenOnCommandLine) return;
  if (source === 'command line') chosenOnCommandLine = true;
  current = lang;
}

/**
 * The message in the current language with {name} replaced by params[name]. English plurals:
 * {s} is "s" and {ies} is "ies" unless params.n is 1 ("" and "y").
 */
export function t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
  const one = params.n === 1;
  const values: Record<string, string | number> = { s: one ? '' : 's', ies: one ? 'y' : 'ies', ...params };
  return CATALOGUE[key][current].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === 'number' && name === 'n' ? count(value) : String(value);
  });
}
