/**
 * Messages as facts, and their wording in a language given explicitly. Stateless: no "current
 * language" here (that is src/i18n.ts, at the edge), so that the core (src/core/) and the error
 * type (src/errors.ts) can say what happened — a catalogue key and its values — and leave the
 * words to whoever prints them, in the language chosen then (issue 14: the core returns facts,
 * the edge words them).
 */
import { CATALOGUE } from './index.js';
import type { Lang } from './section.js';
import { count } from '../core/textLayout.js';
import { placeholderValue } from '../core/safeText.js';
import { maskPersonalText } from '../core/personalText.js';

export type { Lang };

export type MessageKey = keyof typeof CATALOGUE;

/**
 * A message as a fact: its catalogue key (stable, for machines: --json names errors by it) and
 * the values of its placeholders. Worded by render() or word() in a language given then.
 */
export interface Message {
  readonly id: MessageKey;
  readonly params: Readonly<Record<string, ParamValue>>;
}

/**
 * Items worded one after another (a list whose separator may follow the language, such as "; " and
 * "；"), each after `bullet` when given ("\n  - " for a bulleted list).
 */
interface MessageList {
  readonly items: readonly (string | Message)[];
  readonly separator: string | Message;
  readonly bullet?: string;
}

/** A placeholder's value: a text, a number, or another message (or list of them) worded in the same language. */
export type ParamValue = string | number | Message | MessageList;

/** The {name} placeholders of a message, without the plural markers {s} and {ies}. */
type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? (Name extends 's' | 'ies' ? never : Name) | Placeholders<Rest>
  : never;

/** The values a message needs, one per placeholder (checked by the compiler); n also picks the plural. */
type MessageParams<Key extends MessageKey> = Readonly<
  Record<Placeholders<(typeof CATALOGUE)[Key]['en']>, ParamValue>
> & {
  readonly n?: number;
};

/** Params are optional for a message without placeholders. */
export type ParamsArgument<Key extends MessageKey> = [Placeholders<(typeof CATALOGUE)[Key]['en']>] extends [never]
  ? [params?: MessageParams<Key>]
  : [params: MessageParams<Key>];

/** A message as a fact (for a SpotcheckError, its hint, a data problem …): its key and values, not yet worded. */
export function msg<Key extends MessageKey>(key: Key, ...[params]: ParamsArgument<Key>): Message {
  return Object.freeze({ id: key, params: params ?? {} });
}

const isList = (value: Message | MessageList): value is MessageList => 'items' in value;

/**
 * A nested message or list as text in `lang`. Resident IDs and mobile numbers in it are masked
 * before the placeholder's escape and cut (which could otherwise split one and hide it from the rule).
 */
function nested(value: string | Message | MessageList, lang: Lang): string {
  if (typeof value === 'string') return value;
  if (!isList(value)) return maskPersonalText(word(value, lang));
  const separator = nested(value.separator, lang);
  return value.items.map((item) => `${value.bullet ?? ''}${nested(item, lang)}`).join(separator);
}

/**
 * The message in `lang` with {name} replaced by params[name]. English plurals: {s} is "s" and
 * {ies} is "ies" unless params.n is 1 ("" and "y").
 */
export function render(key: MessageKey, lang: Lang, params: Readonly<Record<string, ParamValue>>): string {
  const one = params.n === 1;
  const values: Record<string, ParamValue> = { s: one ? '' : 's', ies: one ? 'y' : 'ies', ...params };
  return CATALOGUE[key][lang].replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    if (typeof value === 'number') return name === 'n' ? count(value) : String(value);
    // Values from files are escaped and cut here, in one place (src/core/safeText.ts).
    return placeholderValue(name, nested(value, lang));
  });
}

/** A message fact worded in `lang`. */
export function word(message: Message, lang: Lang): string {
  return render(message.id, lang, message.params);
}
