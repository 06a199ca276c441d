/**
 * Reading a language name (--lang, a plan's "lang"): a name in, a Lang out, or a SpotcheckError.
 * Stateless, like src/messages/render.ts; setting the language is src/i18n.ts's.
 */
import { SpotcheckError } from './errors.js';
import { msg, type Lang } from './messages/render.js';

/** Parses --lang: zh-CN (zh, zh_CN, zh-Hans, 中文) or en (en, en-US …). */
export function parseLang(raw: string): Lang {
  const value = raw.trim().toLowerCase().replace('_', '-');
  if (value === 'zh' || value.startsWith('zh-') || value === '中文') return 'zh-CN';
  if (value === 'en' || value.startsWith('en-')) return 'en';
  throw new SpotcheckError('USAGE', msg('lang.invalid', { got: raw }));
}
