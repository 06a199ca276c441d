/**
 * The language of what spotcheck prints for people: English or Chinese (简体中文), chosen with
 * --lang zh-CN|en, else from the environment (LC_ALL, LC_MESSAGES, LANG: zh… → zh-CN). One
 * catalogue holds every translated message; a test fails when a key lacks a language or the two
 * languages disagree on its {placeholders}. JSON keys, ids and codes and the manifest stay English
 * and stable whatever the language; CSV headings follow the draw's recorded language (src/core/headings.ts).
 *
 * The catalogue itself is src/messages/, and the stateless wording of a message in a given language
 * is src/messages/render.ts. This module is the edge's side: the one process-wide "current
 * language", and t() and word() that print in it. Nothing under src/core/ imports it (test/repo/layering.test.ts):
 * the core returns message facts (msg(): a key and its values), worded here or by a SpotcheckError
 * when it is read, in the language current then.
 */
import { wordErrorsIn } from './errors.js';
import { CATALOGUE } from './messages/index.js';
import { msg, render, type Lang, type Message, type MessageKey, type ParamsArgument } from './messages/render.js';

export type { Lang, Message, MessageKey };
export { CATALOGUE, msg, render };

/** The language the environment asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set. */
export function langFromEnvironment(env: NodeJS.ProcessEnv): Lang {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((value) => value !== undefined && value !== '') ?? '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

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

// A SpotcheckError is worded when it is read (message, hint, location): in the language current then.
wordErrorsIn(currentLanguage);

/**
 * The message in the current language with {name} replaced by params[name]. English plurals:
 * {s} is "s" and {ies} is "ies" unless params.n is 1 ("" and "y").
 */
export function t<Key extends MessageKey>(key: Key, ...[params]: ParamsArgument<Key>): string {
  return render(key, current, params ?? {});
}

/** A message fact (from the core: a data problem, a ledger problem, a difference …) in the current language. */
export function word(message: Message): string {
  return render(message.id, current, message.params);
}
