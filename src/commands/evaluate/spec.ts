/**
 * `spotcheck evaluate`'s options, each defined once (src/commands/_shared/optionSpec.ts): flag,
 * check and default, help line, plan key and manifest key. The command, its option type, the plan
 * file's `evaluate` section, the manifest's parameters and verify's read-back come from here;
 * `spotcheck sql --mode evaluate` reuses the entries.
 */
import type { AllocationMethod } from '../../core/allocation.js';
import type { CountySelection } from '../../core/evaluate.js';
import { HOUSEHOLD_STATUSES, type HouseholdStatus } from '../../core/vocabulary.js';
import { parseStrataRule, type StrataRule, strataRuleName } from '../../core/strata.js';
import type { DrawReadOptions } from '../_shared/drawRun.js';
import {
  eitherName,
  flag,
  formerName,
  type OptionValues,
  recorded,
  repeatable,
  single,
} from '../_shared/optionSpec.js';
import { REGISTRY_OPTIONS, REGISTRY_PARAMETER_ORDER, SEED_OPTION, drawOutputOptions } from '../_shared/options.js';
import {
  parseAllocation,
  parseCount,
  parseCountySelection,
  parseHouseholdSizes,
  parsePositiveInteger,
} from '../_shared/parse.js';

/** Default sample sizes of an evaluation (counties in all × villages per county × households per status). */
const EVALUATION_DEFAULTS = Object.freeze({
  counties: 20,
  villagesPerCounty: 3,
  householdsPerStratum: Object.freeze({ poor: 5, exited: 5, nonpoor: 5 }),
  spares: 2,
});

/**
 * The rule of `--merge-strata` as the manifest records it (docs/algorithm.md §14.3.1: the stratum
 * that most needs merging with the smallest other). A new rule would get a new name.
 */
export const MERGE_STRATA_RULE = 'smallest-with-smallest';

/** --villages and its former name --villages-per-county (evaluate, sql). */
export const VILLAGES_NAMES = { flag: '--villages', former: '--villages-per-county' } as const;

/** The evaluation's own options (the first part of the help). */
const EVALUATE_DRAW_OPTIONS = {
  seed: SEED_OPTION,
  counties: single({
    flags: '--counties <n>',
    help: 'help.evaluate.counties',
    shownDefault: String(EVALUATION_DEFAULTS.counties),
    plan: 'count',
    normalise: (raw: string | undefined) =>
      parsePositiveInteger('--counties', raw ?? String(EVALUATION_DEFAULTS.counties)),
  }).record('counties', recorded.count),
  strata: single({
    flags: '--strata <rule>',
    help: 'help.evaluate.strata',
    shownDefault: '"prefecture"',
    plan: 'string',
    normalise: (raw: string | undefined): StrataRule => parseStrataRule(raw ?? 'prefecture'),
  }).record(
    'strata',
    (value, bad) => {
      const text = recorded.text(value, bad);
      return text.startsWith('column:')
        ? { column: text.slice('column:'.length) }
        : recorded.oneOf(['prefecture', 'poverty-county'] as const)(text, bad);
    },
    strataRuleName,
  ),
  // Recorded as the table's source (a fact of the draw, src/commands/evaluate/run.ts), not as the path given.
  countyAttributes: single({
    flags: '--county-attributes <file>',
    help: 'help.evaluate.countyAttributes',
    plan: 'path',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  allocation: single({
    flags: '--allocation <method>',
    help: 'help.evaluate.allocation',
    shownDefault: '"proportional"',
    plan: 'string',
    normalise: (raw: string | undefined): AllocationMethod => parseAllocation(raw ?? 'proportional'),
  }).record('allocation', recorded.oneOf(['proportional', 'equal', 'households'] as const)),
  // Recorded only when given (not 1, not false), so that the manifests of every draw before them keep their bytes.
  minPerStratum: single({
    flags: '--min-per-stratum <n>',
    help: 'help.evaluate.minPerStratum',
    shownDefault: '1',
    plan: 'count',
    normalise: (raw: string | undefined) => (raw === undefined ? 1 : parsePositiveInteger('--min-per-stratum', raw)),
  }).record(
    'min_per_stratum',
    (value = 1, bad) => (recorded.count(value, bad) >= 1 ? (value as number) : bad()),
    (value) => (value === 1 ? undefined : value),
  ),
  mergeStrata: flag({
    flags: '--merge-strata',
    help: 'help.evaluate.mergeStrata',
    plan: 'boolean',
  }).record(
    'merge_strata',
    (value, bad) => (value === undefined ? false : value === MERGE_STRATA_RULE ? true : bad()),
    (value) => (value ? MERGE_STRATA_RULE : undefined),
  ),
  countySelection: single({
    flags: '--county-selection <method>',
    help: 'help.evaluate.countySelection',
    shownDefault: '"srs"',
    plan: 'string',
    normalise: (raw: string | undefined): CountySelection => parseCountySelection(raw ?? 'srs'),
  }).record('county_selection', recorded.oneOf(['srs', 'pps'] as const)),
  // --villages, as in monthly (one name per concept); --villages-per-county and the plan key
  // villages_per_county are its former names. The manifest keeps villages_per_county.
  villagesPerCounty: single({
    flags: '--villages <n>',
    help: 'help.evaluate.villagesPerCounty',
    shownDefault: String(EVALUATION_DEFAULTS.villagesPerCounty),
    plan: { kind: 'count', formerKey: 'villages_per_county' },
    normalise: (raw: string | undefined, given) =>
      parsePositiveInteger(
        '--villages',
        eitherName(raw, given, VILLAGES_NAMES) ?? String(EVALUATION_DEFAULTS.villagesPerCounty),
      ),
  }).record('villages_per_county', recorded.count),
  villagesPerCountyFormer: formerName(`${VILLAGES_NAMES.former} <n>`),
  householdsPerStratum: single({
    flags: '--households <sizes>',
    help: 'help.evaluate.households',
    shownDefault: 'poor=5,exited=5,nonpoor=5',
    plan: 'sizes',
    normalise: (raw: string | undefined): Readonly<Record<HouseholdStatus, number>> =>
      Object.freeze(
        raw === undefined
          ? { ...EVALUATION_DEFAULTS.householdsPerStratum }
          : parseHouseholdSizes(raw, EVALUATION_DEFAULTS.householdsPerStratum),
      ),
  }).record(
    'households',
    (value, bad) => {
      const households = value as Record<string, unknown> | undefined;
      return households && HOUSEHOLD_STATUSES.every((status) => Number.isInteger(households[status]))
        ? (households as Record<HouseholdStatus, number>)
        : bad();
    },
    (sizes) => ({ ...sizes }),
  ),
  spares: single({
    flags: '--spares <n>',
    help: 'help.evaluate.spares',
    shownDefault: String(EVALUATION_DEFAULTS.spares),
    plan: 'count',
    normalise: (raw: string | undefined) => parseCount('--spares', raw ?? String(EVALUATION_DEFAULTS.spares)),
  }).record('spares', recorded.count),
  nonpoor: repeatable({
    flags: '--nonpoor <file>',
    help: 'help.evaluate.nonpoor',
    plan: 'paths',
    normalise: (raw: string[] | undefined): readonly string[] => Object.freeze([...(raw ?? [])]),
  }),
} as const;

/** Every option of `evaluate`, in the order of its help. */
export const EVALUATE_OPTIONS = {
  ...EVALUATE_DRAW_OPTIONS,
  ...drawOutputOptions('help.evaluate.out'),
  ...REGISTRY_OPTIONS,
} as const;

/** The keys of the plan file's "evaluate" section. */
export const EVALUATE_PLAN_OPTIONS = EVALUATE_DRAW_OPTIONS;

/** Normalised options of an evaluation: what the run needs (verify rebuilds them from a manifest). */
export type EvaluationOptions = OptionValues<typeof EVALUATE_DRAW_OPTIONS> &
  DrawReadOptions & {
    /** Write ID numbers and phone numbers unmasked (--reveal-ids). */
    readonly revealIds: boolean;
  };

/**
 * The order of manifest.parameters of an evaluation (frozen: it is part of every recorded
 * manifest's bytes). Options record themselves under their manifest key; the rest are facts of the draw.
 * min_per_stratum and merge_strata are recorded only when given (not 1, not false): a manifest
 * without them has the bytes it always had.
 */
export const EVALUATION_PARAMETER_ORDER = [
  'seed',
  'counties',
  'strata',
  'allocation',
  'min_per_stratum',
  'merge_strata',
  'county_selection',
  'villages_per_county',
  'households',
  'spares',
  ...REGISTRY_PARAMETER_ORDER,
  'county_attributes',
  'reveal_ids',
  'masking',
] as const;

/**
 * Plan keys that do not apply once the command line has spoken: the plan's villages when the
 * command line gives them under their former name (--villages-per-county).
 */
export function evaluatePlanInapplicable(merged: Readonly<Record<string, unknown>>): string[] {
  return merged.villagesPerCounty === undefined ? [] : ['villages'];
}
