/**
 * A command's options, each defined once (issue 14): its flag, how its raw value is checked and
 * normalised (its default included), its help line, its plan-file key and its manifest key. From
 * that one definition come the commander options (`addOptions`), the normalised options and their
 * type (`normaliseOptions`, `OptionValues`), the plan file's keys (`planTable`), the manifest's
 * parameters (`recordParameters`) and verify's read-back of them (`readRecorded`). Options several
 * commands take are spec objects they spread in (commands/_shared/options.ts), as nuxt/cli's
 * `_shared.ts` does.
 */
import { type Command, Option } from 'commander';
import { SpotcheckError } from '../../errors.js';
import { type MessageKey, msg, t } from '../../i18n.js';
import type { PlanKind, PlanTable } from '../../io/plan.js';
import { collect, singleOption } from './parse.js';

/** single: one value, refused when given twice; flag: no value; repeatable: --x a --x b; variadic: --x a b. */
type Arity = 'single' | 'flag' | 'repeatable' | 'variadic';

/** The raw value commander gives for each arity (undefined when the option is not given). */
type RawValue<A extends Arity> = A extends 'flag' ? boolean : A extends 'single' ? string : string[];

/** Every raw option of the command by commander's attribute name, for rules across options. */
export type RawOptions = Readonly<Record<string, unknown>>;

/** Where a normalised value goes in manifest.parameters, and how verify reads it back. */
interface ManifestEntry<Value> {
  readonly key: string;
  /** The recorded form (default: the value itself). */
  write?(value: Value): unknown;
  /** The value from the recorded one; `bad()` throws the manifest error naming the key. */
  read(recorded: unknown, bad: () => never): Value;
}

/** An option's help line: a catalogue key, or a function for a line with values. */
export type HelpLine = MessageKey | (() => string);

interface OptionSpec<Value = unknown, A extends Arity = Arity> {
  /** commander's flags: "--villages <n>". */
  readonly flags: string;
  readonly arity: A;
  /** The help line: a catalogue key, or a function for a line with values. */
  readonly help: HelpLine;
  /**
   * The default as the help shows it ('"province"', '5'; a function for a text in the help's
   * language); the value itself comes from `normalise`.
   */
  readonly shownDefault?: string | (() => string);
  /** Accepted but not listed in the help (an older name kept for scripts). */
  readonly hidden?: boolean;
  /** A second value replaces the first instead of being refused (single options of generate and verify, as ever). */
  readonly lastWins?: boolean;
  /**
   * The plan file's key (default: the attribute in snake_case), how its value is read (src/io/plan.ts),
   * and an older key a plan may still use for it (giving both is refused by the plan loader).
   */
  readonly plan?: PlanKind | { readonly key?: string; readonly kind: PlanKind; readonly formerKey?: string };
  /** Checks the raw value (undefined: not given) and returns the normalised one, its default included. */
  normalise(raw: RawValue<A> | undefined, given: RawOptions): Value;
  readonly manifest?: ManifestEntry<Value>;
}

/** A command's options: normalised-option name → definition, in the order of the help. */
export type Spec = Readonly<Record<string, OptionSpec<unknown, Arity>>>;

type ValueOf<O> = O extends { normalise(...args: never[]): infer Value } ? Value : never;

/** The normalised options a spec gives (an option that only checks, its value read by another, gives none). */
export type OptionValues<S extends Spec> = {
  readonly [K in keyof S as ValueOf<S[K]> extends void ? never : K]: ValueOf<S[K]>;
};

/** The normalised options a manifest records (read back by verify). */
type RecordedValues<S extends Spec> = {
  readonly [K in keyof S as S[K] extends { readonly manifest: object } ? K : never]: ValueOf<S[K]>;
};

/** An option as the constructors make it: `.record(key, read, write?)` adds its manifest entry, typed by its value. */
type Defined<Value, A extends Arity> = OptionSpec<Value, A> & {
  record(
    key: string,
    read: ManifestEntry<Value>['read'],
    write?: ManifestEntry<Value>['write'],
  ): OptionSpec<Value, A> & { readonly manifest: ManifestEntry<Value> };
};

const define =
  <A extends Arity>(arity: A) =>
  <Value>(spec: Omit<OptionSpec<Value, A>, 'arity' | 'manifest'>): Defined<Value, A> => {
    const option: OptionSpec<Value, A> = { ...spec, arity };
    return {
      ...option,
      record: (key, read, write) => ({
        ...option,
        manifest: write === undefined ? { key, read } : { key, read, write },
      }),
    };
  };

/** An option with one value (a second one is refused). */
export const single = define('single');
/** An option with values, given as often as needed (--column a=x --column b=y). */
export const repeatable = define('repeatable');
/** An option taking every value up to the next option (--exclude d1 d2). */
export const variadic = define('variadic');
/** A switch: true when given. */
export const flag = (
  spec: Omit<OptionSpec<boolean, 'flag'>, 'arity' | 'manifest' | 'normalise'> &
    Partial<Pick<OptionSpec<boolean, 'flag'>, 'normalise'>>,
): Defined<boolean, 'flag'> =>
  define('flag')<boolean>({ normalise: (raw: boolean | undefined) => raw === true, ...spec });

/**
 * An older flag of an option, kept for scripts (formerName): accepted, not in the help; the option
 * it names reads its value (`given` in its normalise, through `eitherName`).
 */
export const formerName = (flags: string) =>
  single({ flags, help: () => '', hidden: true, normalise: (): void => undefined });

/**
 * The raw value of an option given under its name or its former one (formerName); both at once
 * is a usage error naming both.
 */
export function eitherName(
  raw: string | undefined,
  given: RawOptions,
  names: { readonly flag: string; readonly former: string },
): string | undefined {
  const former = given[attributeOf({ flags: names.former })] as string | undefined;
  if (raw !== undefined && former !== undefined)
    throw new SpotcheckError('USAGE', msg('options.sameOption', { first: names.flag, second: names.former }));
  return raw ?? former;
}

/** commander's attribute name for the option (--village-frame → villageFrame). */
export const attributeOf = (option: { readonly flags: string }): string => new Option(option.flags).attributeName();

const helpText = (option: OptionSpec<unknown, Arity>): string =>
  typeof option.help === 'function' ? option.help() : t(option.help);

/** The default the help shows, in the help's language. */
const shownDefault = (option: OptionSpec<unknown, Arity>): string | undefined =>
  typeof option.shownDefault === 'function' ? option.shownDefault() : option.shownDefault;

/** The help line with its shown default, as singleOption writes it. */
const withDefault = (option: OptionSpec<unknown, Arity>): string => {
  const value = shownDefault(option);
  return value === undefined ? helpText(option) : `${helpText(option)}${t('help.default', { value })}`;
};

/** Adds the spec's options to a commander command, in the spec's order. */
export function addOptions(command: Command, spec: Spec): Command {
  for (const option of Object.values(spec)) {
    const made =
      option.arity === 'single' && option.lastWins !== true
        ? singleOption(option.flags, helpText(option), shownDefault(option))
        : option.arity === 'single'
          ? new Option(option.flags, withDefault(option))
          : option.arity === 'repeatable'
            ? new Option(option.flags, helpText(option)).argParser(collect)
            : new Option(option.flags, helpText(option));
    command.addOption(option.hidden === true ? made.hideHelp() : made);
  }
  return command;
}

/**
 * A command from its head (headCommand, or a subcommand's own): the spec's options (addOptions), the
 * texts after its help, in order, and its action, loaded only when it runs (so that its help loads
 * none of its run code). The action gets the command's arguments and its raw options.
 */
export function specCommand<Args extends unknown[]>(
  head: Command,
  spec: Spec,
  after: readonly string[],
  loadAction: () => Promise<(...args: [...Args, RawOptions]) => Promise<void>>,
): Command {
  const command = addOptions(head, spec);
  for (const text of after) command.addHelpText('after', text);
  // commander passes the arguments, the options and the command: the action takes all but the command.
  const taken = command.registeredArguments.length + 1;
  return command.action(async (...args: unknown[]) =>
    (await loadAction())(...(args.slice(0, taken) as [...Args, RawOptions])),
  );
}

/** The options commander parsed, checked and normalised in the spec's order, frozen. */
export function normaliseOptions<S extends Spec>(spec: S, raw: RawOptions): OptionValues<S> {
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec)) {
    const value = option.normalise(raw[attributeOf(option)] as never, raw);
    if (value !== undefined) values[name] = value;
  }
  return Object.freeze(values) as OptionValues<S>;
}

/** The plan file's keys for the spec's options: plan key → [attribute, kind] (a former key beside its key). */
export function planTable(spec: Spec): PlanTable {
  const table: Record<string, readonly [string, PlanKind]> = {};
  for (const option of Object.values(spec)) {
    if (option.plan === undefined) continue;
    const attribute = attributeOf(option);
    const {
      key = attribute.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`),
      kind,
      formerKey,
    } = typeof option.plan === 'string' ? { kind: option.plan } : option.plan;
    table[key] = [attribute, kind];
    if (formerKey !== undefined) table[formerKey] = [attribute, kind];
  }
  return table;
}

/**
 * manifest.parameters: the recorded options and the `computed` facts of the draw, in `order` (the
 * order manifests have always had: a manifest's bytes are part of what a draw is). A value that is
 * undefined is left out; a key missing from `order` is a programming error.
 */
export function recordParameters<S extends Spec>(
  spec: S,
  values: RecordedValues<S>,
  order: readonly string[],
  computed: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const byKey: Record<string, unknown> = { ...computed };
  for (const [name, option] of Object.entries(spec)) {
    if (option.manifest === undefined) continue;
    const value = (values as Record<string, unknown>)[name] as never;
    byKey[option.manifest.key] = option.manifest.write ? option.manifest.write(value) : value;
  }
  const unordered = Object.keys(byKey).filter((key) => !order.includes(key));
  if (unordered.length > 0)
    throw new Error(`manifest parameters without a place in the order: ${unordered.join(', ')}`);
  return Object.fromEntries(order.filter((key) => byKey[key] !== undefined).map((key) => [key, byKey[key]]));
}

/** The recorded options read back from manifest.parameters (verify); `bad(key)` throws the manifest error. */
export function readRecorded<S extends Spec>(
  spec: S,
  parameters: Readonly<Record<string, unknown>>,
  bad: (key: string) => never,
): RecordedValues<S> {
  const values: Record<string, unknown> = {};
  for (const [name, option] of Object.entries(spec)) {
    const entry = option.manifest;
    if (entry !== undefined) values[name] = entry.read(parameters[entry.key], () => bad(entry.key));
  }
  return values as RecordedValues<S>;
}

/** Readers of recorded values shared by many options. */
export const recorded = {
  text: (value: unknown, bad: () => never): string => (typeof value === 'string' ? value : bad()),
  count: (value: unknown, bad: () => never): number =>
    typeof value === 'number' && Number.isInteger(value) ? value : bad(),
  oneOf:
    <T extends string>(values: readonly T[]) =>
    (value: unknown, bad: () => never): T =>
      (values as readonly unknown[]).includes(value) ? (value as T) : bad(),
  nullable:
    <T>(read: (value: unknown, bad: () => never) => T) =>
    (value: unknown, bad: () => never): T | null =>
      value === null ? null : read(value, bad),
};
