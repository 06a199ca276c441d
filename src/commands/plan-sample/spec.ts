/**
 * `spotcheck plan-sample`'s options, each defined once (src/commands/_shared/optionSpec.ts), in the
 * order of its help: the target, the assumptions, and the design. The design's sizes are the very
 * entries of evaluate's spec (--counties, --villages, --households: their flag, check and default),
 * with plan-sample's own help line.
 */
import type { DesignEffectAssumption } from '../../core/planning.js';
import { SpotcheckError } from '../../errors.js';
import { type Message, msg } from '../../i18n.js';
import { type OptionValues, single } from '../_shared/optionSpec.js';
import { jsonFlag } from '../_shared/options.js';
import { parsePositiveInteger } from '../_shared/parse.js';
import { EVALUATE_OPTIONS } from '../evaluate/spec.js';

/** Defaults of the assumptions: 95% confidence, the most conservative p, everyone answers, Yunnan's 16 prefectures. */
const PLANNING_DEFAULTS = Object.freeze({ confidence: 0.95, proportion: 0.5, responseRate: 1, strata: 16 });

/**
 * A number as typed: a decimal (0.03, .03, 3e-2) or a percentage (3%, read as 0.03); null for
 * anything else.
 */
function readNumber(raw: string): number | null {
  const text = raw.trim();
  const percent = text.endsWith('%');
  const digits = percent ? text.slice(0, -1).trim() : text;
  if (!/^[+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(digits)) return null;
  const value = Number(digits) / (percent ? 100 : 1);
  return Number.isFinite(value) ? value : null;
}

/**
 * A normaliser of a number option: the number (its default when not given) if `valid` holds, else
 * a usage error with the message `refusal` makes of what was typed.
 */
const numberOption =
  (valid: (value: number) => boolean, refusal: (got: string) => Message, fallback?: number) =>
  (raw: string | undefined): number => {
    if (raw === undefined && fallback !== undefined) return fallback;
    const value = raw === undefined ? null : readNumber(raw);
    if (value === null || !valid(value)) throw new SpotcheckError('USAGE', refusal(raw ?? ''));
    return value;
  };

const between = (value: number, low: number, high: number) => value > low && value < high;

const iccOf = numberOption(
  (value) => value >= 0 && value <= 1,
  (got) => msg('cmd.planSample.iccInvalid', { got }),
);
const weightingOf = numberOption(
  (value) => value >= 1 && value <= 100,
  (got) => msg('cmd.planSample.weightingInvalid', { got }),
  1,
);

/**
 * The design effect: --deff D, or --icc RHO with --weighting-deff W (default 1); exactly one of
 * --deff and --icc, and --weighting-deff only with --icc (a --deff is the whole design effect).
 */
function designEffectOf(raw: string | undefined, given: Readonly<Record<string, unknown>>): DesignEffectAssumption {
  const icc = given.icc as string | undefined;
  const weighting = given.weightingDeff as string | undefined;
  if (raw !== undefined && icc !== undefined)
    throw new SpotcheckError('USAGE', msg('cmd.planSample.deffAndIcc', { deff: raw, icc }));
  if (raw === undefined && icc === undefined)
    throw new SpotcheckError('USAGE', msg('cmd.planSample.deffRequired'), {
      hint: msg('cmd.planSample.deffRequiredHint'),
    });
  if (raw !== undefined) {
    if (weighting !== undefined)
      throw new SpotcheckError('USAGE', msg('cmd.planSample.weightingWithDeff', { deff: raw, weighting }));
    const deff = numberOption(
      (value) => value > 0 && value <= 100,
      (got) => msg('cmd.planSample.deffInvalid', { got }),
    )(raw);
    return { kind: 'given', deff };
  }
  return { kind: 'icc', icc: iccOf(icc), weighting: weightingOf(weighting) };
}

/** Every option of `plan-sample`, in the order of its help. */
export const PLAN_SAMPLE_OPTIONS = {
  margin: single({
    flags: '--margin <e>',
    help: 'help.planSample.margin',
    normalise: (raw: string | undefined) => {
      if (raw === undefined) throw new SpotcheckError('USAGE', msg('cmd.planSample.marginRequired'));
      return numberOption(
        (value) => between(value, 0, 0.5),
        (got) => msg('cmd.planSample.marginInvalid', { got }),
      )(raw);
    },
  }),
  confidence: single({
    flags: '--confidence <level>',
    help: 'help.planSample.confidence',
    shownDefault: String(PLANNING_DEFAULTS.confidence),
    normalise: numberOption(
      (value) => value >= 0.5 && value < 1,
      (got) => msg('cmd.planSample.confidenceInvalid', { got }),
      PLANNING_DEFAULTS.confidence,
    ),
  }),
  proportion: single({
    flags: '--proportion <p>',
    help: 'help.planSample.proportion',
    shownDefault: String(PLANNING_DEFAULTS.proportion),
    normalise: numberOption(
      (value) => between(value, 0, 1),
      (got) => msg('cmd.planSample.proportionInvalid', { got }),
      PLANNING_DEFAULTS.proportion,
    ),
  }),
  designEffect: single({ flags: '--deff <D>', help: 'help.planSample.deff', normalise: designEffectOf }),
  // Read by --deff; checked there.
  icc: single({ flags: '--icc <rho>', help: 'help.planSample.icc', normalise: (): void => undefined }),
  weightingDeff: single({
    flags: '--weighting-deff <W>',
    help: 'help.planSample.weightingDeff',
    shownDefault: '1',
    normalise: (): void => undefined,
  }),
  responseRate: single({
    flags: '--response-rate <r>',
    help: 'help.planSample.responseRate',
    shownDefault: String(PLANNING_DEFAULTS.responseRate),
    normalise: numberOption(
      (value) => value > 0 && value <= 1,
      (got) => msg('cmd.planSample.responseRateInvalid', { got }),
      PLANNING_DEFAULTS.responseRate,
    ),
  }),
  strata: single({
    flags: '--strata-count <n>',
    help: 'help.planSample.strataCount',
    shownDefault: String(PLANNING_DEFAULTS.strata),
    normalise: (raw: string | undefined) =>
      parsePositiveInteger('--strata-count', raw ?? String(PLANNING_DEFAULTS.strata), 10_000),
  }),
  villagesPerCounty: { ...EVALUATE_OPTIONS.villagesPerCounty, help: 'help.planSample.villages' },
  householdsPerStratum: { ...EVALUATE_OPTIONS.householdsPerStratum, help: 'help.planSample.households' },
  counties: { ...EVALUATE_OPTIONS.counties, help: 'help.planSample.counties' },
  json: jsonFlag('help.planSample.json'),
} as const;

/** The normalised options of a plan. */
export type PlanSampleOptions = OptionValues<typeof PLAN_SAMPLE_OPTIONS>;
