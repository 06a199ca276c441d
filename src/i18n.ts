/**
 * The language of what spotcheck prints for people: English or Chinese (简体中文), chosen with
 * --lang zh-CN|en, else from the environment (LC_ALL, LC_MESSAGES, LANG: zh… → zh-CN). One
 * catalogue holds every translated message; a test fails when a key lacks a language or the two
 * languages disagree on its {placeholders}. JSON keys, ids and codes and the manifest stay English
 * and stable whatever the language; CSV headings follow the draw's recorded language (src/core/headings.ts).
 *
 * The catalogue itself is src/messages/: help texts, error messages and hints, summaries and
 * verdicts. Errors are built from catalogue keys (msg()), so that JSON can name them by key.
 */
import { CATALOGUE } from './messages/index.js';
import type { Lang } from './messages/section.js';
import { count } from './core/textLayout.js';
import { placeholderValue } from './core/safeText.js';

export type { Lang };

/** The language the environment asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set. */
export function langFromEnvironment(env: NodeJS.ProcessEnv): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export { CATALOGUE };

/** The {name} placeholders of a message, without the plural markers {s} and {ies}. */
type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends 's' | 'ies' ? never : Name) | Placeholders<Rest>
  : never;

export type MessageKey = keyof typeof CATALOGUE;

/** The values a message needs, one per placeholder (checked by the compiler); n also picks the plural. */
type MessageParams<Key extends MessageKey> = Readonly<
  Record<Placeholders<(typeof CATALOGUE)[Key]['en']>, string | number>
> & { readonly n?: number };

/** A message rendered in the current language, with its catalogue key and values for machines (JSON). */
export interface Message {
  readonly id: MessageKey;
  readonly params: Readonly<Record<string, string | number>>;
  readonly text: string;
}

/** Params are optional for a message without placeholders. */
type ParamsArgument<Key extends MessageKey> = [Placeholders<(typeof CATALOGUE)[Key]['en']>] extends [never]
  ? [params?: MessageParams<Key>]
  : [params: MessageParams<Key>];

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

/** Back to English with no language chosen: the state a process starts in (each run() starts here). */
export function resetLanguage(): void {
  current = 'en';
  chosenOnCommandLine = false;
}

/** The language messages are printed in now. */
export function currentLanguage(): Lang {
  return current;
}

/**
 * The message in the current language with {name} replaced by params[name]. English plurals:
 * {s} is "s" and {ies} is "ies" unless params.n is 1 ("" and "y").
 */
export function t<Key extends MessageKey>(key: Key, ...[params]: ParamsArgument<Key>): string {
  return render(key, current, params ?? {});
}

/** The message in a given language (for texts that must not follow --lang, such as JSON's). */
export function render(key: MessageKey, lang: Lang, params: Readonly<Record<string, string | number>>): string {
  const one = params.n === 1;
  const values: Record<string, string | number> = { s: one ? '' : 's', ies: one ? 'y' : 'ies', ...params };
  return CATALOGUE[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return name === 'n' ? count(value) : String(value);
    // Values from files are escaped and cut here, in one place (src/core/safeText.ts).
    return placeholderValue(name, value);
  });
}

/** A message for a SpotcheckError or its hint: rendered now, keeping its key and values. */
export function msg<Key extends MessageKey>(key: Key, ...[params]: ParamsArgument<Key>): Message {
  const values = params ?? {};
  return Object.freeze({ id: key, params: values, text: render(key, current, values) });
}
