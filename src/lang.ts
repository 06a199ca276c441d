/**
 * Reading a language name (--lang, a plan's "lang"). Apart from src/i18n.ts because a bad name is a
 * SpotcheckError, and src/errors.ts words its errors through src/i18n.ts: this keeps the two out of
 * an import cycle.
 */
import { SpotcheckError } from './errors.js';
import { msg, type Lang } from './i18n.js';

/** Parses --lang: zh-CN (zh, zh_CN, zh-Hans, 中文) or en (en, en-US …). */
export function parseLang(raw: string): Lang {
  const value = raw.trim().toLowerCase().replace('_', '-');
  if (value === 'zh' || value.startsWith('zh-') || value === '中文') return 'zh-CN';
  if (value === 'en' || value.startsWith('en-')) return 'en';
  throw new SpotcheckError('USAGE', msg('lang.invalid', { got: raw }));
}
