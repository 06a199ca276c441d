/**
 * `spotcheck estimate`'s options, each defined once (src/commands/_shared/optionSpec.ts), in the
 * order of its help: the measures with their yes and no answers, the domains, and the design's columns.
 */
import { DEFAULT_NO, type IntervalKind, type LonelyPsu } from '../../core/estimate.js';
import { normalizeName } from '../../core/text.js';
import { SpotcheckError } from '../../errors.js';
import { type Message, msg } from '../../i18n.js';
import { flag, type OptionValues, repeatable, single } from '../_shared/optionSpec.js';
import { REGISTRY_OPTIONS, jsonFlag } from '../_shared/options.js';

/** A measure: a column and the answers counted as yes and as no. */
interface Measure {
  readonly text: string;
  readonly column: string;
  /** The answers counted as yes (y = 1). */
  readonly values: readonly string[];
  /** The answers counted as no (y = 0); any other non-blank answer is refused. */
  readonly no: readonly string[];
}

/**
 * A normaliser of an option that takes one of `values` (the first when it is not given); any other
 * value is a usage error with the message `refusal` makes of it.
 */
function oneOf<T extends string>(values: readonly [T, ...T[]], refusal: (got: string) => Message) {
  return (raw: string | undefined): T => {
    const value = raw ?? values[0];
    if (!(values as readonly string[]).includes(value)) throw new SpotcheckError('USAGE', refusal(value));
    return value as T;
  };
}

const splitValues = (text: string) =>
  text
    .split('|')
    .map(normalizeName)
    .filter((value) => value !== '');

function parseMeasure(text: string): Omit<Measure, 'no'> {
  const equals = text.indexOf('=');
  const column = equals > 0 ? normalizeName(text.slice(0, equals)) : '';
  const values = equals > 0 ? splitValues(text.slice(equals + 1)) : [];
  if (column === '' || values.length === 0) {
    throw new SpotcheckError('USAGE', msg('cmd.estimate.measureInvalid', { got: text }));
  }
  return { text, column, values };
}

/**
 * The no answers of each measure: `--no COLUMN=V|V` for its column, else `--no V|V` (every measure),
 * else the opposite of each of its yes values (DEFAULT_NO); a yes value with no known opposite
 * and no --no is refused, and so is a value declared both yes and no.
 */
function declareNo(measures: readonly Omit<Measure, 'no'>[], noOptions: readonly string[]): Measure[] {
  const byColumn = new Map<string, string[]>();
  let everyMeasure: string[] | null = null;
  for (const text of noOptions) {
    const equals = text.indexOf('=');
    const column = equals > 0 ? normalizeName(text.slice(0, equals)) : null;
    const values = splitValues(equals > 0 ? text.slice(equals + 1) : text);
    if (values.length === 0 || equals === 0)
      throw new SpotcheckError('USAGE', msg('cmd.estimate.noInvalid', { got: text }));
    if (column === null) everyMeasure = [...(everyMeasure ?? []), ...values];
    else {
      if (!measures.some((measure) => measure.column === column))
        throw new SpotcheckError('USAGE', msg('cmd.estimate.noUnknownColumn', { got: text, column }));
      byColumn.set(column, [...(byColumn.get(column) ?? []), ...values]);
    }
  }
  return measures.map((measure) => {
    let no = byColumn.get(measure.column) ?? everyMeasure;
    if (no === null) {
      const opposites = measure.values.map((value) => DEFAULT_NO.get(value));
      if (opposites.some((value) => value === undefined)) {
        throw new SpotcheckError(
          'USAGE',
          msg('cmd.estimate.noDefault', {
            measure: measure.text,
            values: measure.values.filter((value) => !DEFAULT_NO.has(value)).join(', '),
            column: measure.column,
          }),
        );
      }
      no = [...new Set(opposites as string[])];
    }
    const both = no.find((value) => measure.values.includes(value));
    if (both !== undefined)
      throw new SpotcheckError('USAGE', msg('cmd.estimate.yesAndNo', { measure: measure.text, value: both }));
    return { ...measure, no: [...new Set(no)] };
  });
}

const BY_ALIASES: Readonly<Record<string, string>> = { status: 'household_stratum', stratum: 'county_stratum' };

/** A raking margin: its column(s) and the file of its known counts (`--rake COLUMN[,COLUMN…]=FILE`). */
interface RakingMargin {
  readonly columns: readonly string[];
  readonly path: string;
}

function parseMargin(text: string): RakingMargin {
  const equals = text.indexOf('=');
  const columns = equals > 0 ? text.slice(0, equals).split(',').map(normalizeName) : [];
  const path = equals > 0 ? text.slice(equals + 1) : '';
  if (columns.length === 0 || columns.some((column) => column === '') || path === '')
    throw new SpotcheckError('USAGE', msg('cmd.estimate.rakeInvalid', { got: text }));
  return { columns: Object.freeze(columns.map((column) => BY_ALIASES[column] ?? column)), path };
}

export const ESTIMATE_OPTIONS = {
  measures: repeatable({
    flags: '--measure <column=value>',
    help: 'help.estimate.measure',
    normalise: (raw: string[] | undefined, given): readonly Measure[] => {
      if (!raw || raw.length === 0) throw new SpotcheckError('USAGE', msg('cmd.estimate.measureRequired'));
      return Object.freeze(declareNo(raw.map(parseMeasure), (given.no as string[] | undefined) ?? []));
    },
  }),
  // Read by --measure; checked there.
  no: repeatable({ flags: '--no <[column=]value>', help: 'help.estimate.no', normalise: (): void => undefined }),
  by: single({
    flags: '--by <column>',
    help: 'help.estimate.by',
    normalise: (raw: string | undefined) => (raw === undefined ? null : (BY_ALIASES[raw] ?? raw)),
  }),
  lonelyPsu: single({
    flags: '--lonely-psu <rule>',
    help: 'help.estimate.lonelyPsu',
    shownDefault: '"adjust"',
    normalise: oneOf<LonelyPsu>(['adjust', 'certainty'], (got) => msg('cmd.estimate.lonelyPsuInvalid', { got })),
  }),
  interval: single({
    flags: '--interval <kind>',
    help: 'help.estimate.interval',
    shownDefault: '"t"',
    normalise: oneOf<IntervalKind>(['t', 'normal', 'korn-graubard'], (got) =>
      msg('cmd.estimate.intervalInvalid', { got }),
    ),
  }),
  totals: flag({ flags: '--totals', help: 'help.estimate.totals' }),
  certaintyStrata: single({
    flags: '--certainty-strata <on|off>',
    help: 'help.estimate.certaintyStrata',
    shownDefault: '"on"',
    normalise: oneOf(['on', 'off'], (got) => msg('cmd.estimate.certaintyStrataInvalid', { got })),
  }),
  outcome: single({
    flags: '--outcome-column <name>',
    help: 'help.estimate.outcomeColumn',
    shownDefault: '"outcome"',
    // Given: the column must exist. Not given: "outcome" or 调查结果 when the frame has it.
    normalise: (raw: string | undefined) => ({ name: raw ?? 'outcome', given: raw !== undefined }),
  }),
  nonresponseClasses: single({
    flags: '--nonresponse-classes <column>',
    help: 'help.estimate.nonresponseClasses',
    shownDefault: '"household_stratum_key"',
    normalise: (raw: string | undefined) => ({ name: raw ?? 'household_stratum_key', given: raw !== undefined }),
  }),
  population: single({
    flags: '--population <file>',
    help: 'help.estimate.population',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  postStrata: single({
    flags: '--post-strata <columns>',
    help: 'help.estimate.postStrata',
    shownDefault: '"household_stratum"',
    normalise: (raw: string | undefined, given): readonly string[] => {
      if (raw !== undefined && given.population === undefined)
        throw new SpotcheckError('USAGE', msg('cmd.estimate.postStrataNeedsPopulation'));
      const columns = (raw ?? 'household_stratum').split(',').map(normalizeName);
      if (columns.some((column) => column === '') || new Set(columns).size < columns.length)
        throw new SpotcheckError('USAGE', msg('cmd.estimate.postStrataInvalid', { got: raw ?? '' }));
      return Object.freeze(columns.map((column) => BY_ALIASES[column] ?? column));
    },
  }),
  rake: repeatable({
    flags: '--rake <columns=file>',
    help: 'help.estimate.rake',
    normalise: (raw: string[] | undefined, given): readonly RakingMargin[] => {
      if (raw === undefined || raw.length === 0) return Object.freeze([]);
      if (given.population !== undefined) throw new SpotcheckError('USAGE', msg('cmd.estimate.rakeAndPopulation'));
      return Object.freeze(raw.map(parseMargin));
    },
  }),
  weightsOut: single({
    flags: '--weights-out <file>',
    help: 'help.estimate.weightsOut',
    normalise: (raw: string | undefined, given) => {
      const rake = given.rake as string[] | undefined;
      if (raw !== undefined && given.population === undefined && (rake === undefined || rake.length === 0))
        throw new SpotcheckError('USAGE', msg('cmd.estimate.calibrationNeedsPopulation', { option: '--weights-out' }));
      return raw ?? null;
    },
  }),
  strata: single({
    flags: '--strata-column <name>',
    help: 'help.estimate.strataColumn',
    shownDefault: '"county_stratum"',
    normalise: (raw: string | undefined) => raw ?? 'county_stratum',
  }),
  clusters: single({
    flags: '--cluster-column <name>',
    help: 'help.estimate.clusterColumn',
    shownDefault: '"county_code"',
    normalise: (raw: string | undefined) => raw ?? 'county_code',
  }),
  weights: single({
    flags: '--weight-column <name>',
    help: 'help.estimate.weightColumn',
    shownDefault: '"weight"',
    normalise: (raw: string | undefined) => raw ?? 'weight',
  }),
  // Null: the canonical column, used when the frame has it (an explicit name must be there).
  probability: single({
    flags: '--probability-column <name>',
    help: 'help.estimate.probabilityColumn',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  village: single({
    flags: '--village-column <name>',
    help: 'help.estimate.villageColumn',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  encoding: { ...REGISTRY_OPTIONS.encoding, help: 'help.estimate.encoding' },
  json: jsonFlag('help.estimate.json'),
} as const;

/** The normalised options of an estimate. */
export type EstimateOptions = OptionValues<typeof ESTIMATE_OPTIONS>;
