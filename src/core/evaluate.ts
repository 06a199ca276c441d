/**
 * The third-party evaluation frame as a pure function: a stratified three-stage sample.
 *
 * Stage 1, counties: stratified (prefectures, poverty counties, or any county attribute); the total
 * is allocated to strata (src/core/allocation.ts); within each stratum a simple random sample (the
 * smallest tickets) or PPS by registered households (src/core/pps.ts: certainty units, then
 * randomised systematic PPS in ticket order). Stage 2, villages: a simple random sample of all
 * villages of each drawn county. Stage 3, households: within each drawn village, three strata by
 * status (未脱贫, 已脱贫, 非贫困户), each a simple random sample, with spares next in ticket order.
 *
 * Every probability is kept as an exact fraction of integers; the design weight is its inverse
 * (Horvitz–Thompson).
 */
import { allocate, allocationTarget, minimumNeeded, type AllocationMethod, type StratumSize } from './allocation.js';
import { SpotcheckError } from '../errors.js';
import { msg } from '../messages/render.js';
import type {
  Frame,
  FrameCounty,
  FrameHousehold,
  FrameTownship,
  FrameVillage,
  FrameWithHouseholds,
  HouseholdStatus,
  StatusCounts,
} from './frame.js';
import { HOUSEHOLD_STATUSES } from './frame.js';
import { ppsInclusion, startFromTicket, systematicSelect } from './pps.js';
import { mergeStrata } from './strataMerge.js';
import { compareCodePoints } from './text.js';
import { groupBy, shortfallsInDrawOrder } from './collections.js';
import { type Ranked, rankByTicket, ticket } from './tickets.js';

/** The notes of a household shortfall as the manifest records them (English, frozen); the edge words them. */
export const SHORTFALL_NOTES = Object.freeze({
  noSuchHousehold: 'no such household in the village',
  allTaken: 'all taken; no spares',
} as const);

export type CountySelection = 'srs' | 'pps';

export interface EvaluationParameters {
  readonly seed: string;
  readonly counties: number;
  /** County key → its stratum (a prefecture name, 贫困县 / 非贫困县, a column's value). */
  readonly countyStrata: ReadonlyMap<string, string>;
  /** How the strata were defined, for the manifest: "prefecture", "poverty-county", a column name. */
  readonly strataRule: string;
  readonly allocation: AllocationMethod;
  /** At least this many counties per stratum (a stratum with fewer gets all of its own); 1 when not given. */
  readonly minPerStratum?: number;
  /** Merge small strata first (§14.3.1) so that every stratum can get minPerStratum; false when not given. */
  readonly mergeStrata?: boolean;
  readonly countySelection: CountySelection;
  readonly villagesPerCounty: number;
  readonly householdsPerStratum: Readonly<Record<HouseholdStatus, number>>;
  readonly spares: number;
}

/** An exact probability n/N as integers. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}
const value = (fraction: Fraction) => fraction.numerator / fraction.denominator;
const product = (a: Fraction, b: Fraction): Fraction => ({
  numerator: a.numerator * b.numerator,
  denominator: a.denominator * b.denominator,
});

export interface EvaluatedCounty {
  readonly county: FrameCounty;
  readonly stratum: string;
  readonly method: 'srs' | 'pps' | 'certainty';
  readonly ticket: string;
  /** Rank of the county's ticket in its stratum. */
  readonly rank: number;
  /** Registered (未脱贫 + 已脱贫) households: PPS's measure of size. */
  readonly size: number;
  readonly stratumCounties: number;
  readonly stratumSample: number;
  readonly probability: Fraction;
  readonly frameVillages: number;
}
export interface EvaluatedVillage {
  readonly county: EvaluatedCounty;
  readonly village: FrameVillage;
  readonly township: FrameTownship;
  readonly ticket: string;
  readonly rank: number;
  readonly villagesInCounty: number;
  readonly villagesDrawn: number;
  readonly probability: Fraction;
  readonly households: Readonly<Record<HouseholdStatus, number>>;
}
export interface EvaluatedHousehold {
  readonly village: EvaluatedVillage;
  readonly household: FrameHousehold;
  readonly stratum: HouseholdStatus;
  readonly ticket: string;
  readonly rank: number;
  /** "sample", or "spare" (to be used in rank order only when a sampled household cannot be reached). */
  readonly role: 'sample' | 'spare';
  readonly householdsInStratum: number;
  readonly householdsDrawn: number;
  /** Stage-3 probability n/N (for spares: that of the households they would replace). */
  readonly probability: Fraction;
  readonly overall: Fraction;
}

export interface EvaluationShortfall {
  readonly stage: 'county' | 'village' | 'household';
  readonly stratum: string;
  readonly stratumLabel: string;
  readonly requested: number;
  readonly available: number;
  readonly note: string;
}

export interface EvaluationStratum {
  readonly stratum: string;
  readonly counties: number;
  readonly households: number;
  readonly allocated: number;
  readonly certainty: number;
  /** A merged stratum's parts (§14.3.1), in code point order; absent for a stratum that was not merged. */
  readonly merged?: readonly string[];
}

export interface EvaluationDraw {
  readonly ticketContext: readonly string[];
  readonly frame: {
    readonly counties: number;
    readonly villages: number;
    readonly households: Readonly<Record<HouseholdStatus, number>>;
  };
  readonly strata: readonly EvaluationStratum[];
  readonly counties: readonly EvaluatedCounty[];
  readonly villages: readonly EvaluatedVillage[];
  readonly households: readonly EvaluatedHousehold[];
  readonly shortfalls: readonly EvaluationShortfall[];
}

const EVALUATION_CONTEXT: readonly string[] = ['evaluate'];

function countStatuses(households: readonly FrameHousehold[]): Record<HouseholdStatus, number> {
  const counts: Record<HouseholdStatus, number> = { poor: 0, exited: 0, nonpoor: 0 };
  for (const household of households) counts[household.status]++;
  return counts;
}

/** A village chosen at stage 2. */
type PlannedEvaluationVillage = Omit<EvaluatedVillage, 'households'>;

/** Stages 1 and 2 of the evaluation: what needs only the village-level frame. */
interface EvaluationPlan extends Omit<EvaluationDraw, 'villages' | 'households'> {
  readonly villages: readonly PlannedEvaluationVillage[];
  readonly villageKeys: ReadonlySet<string>;
}

/** A stage's ticket of a key: `ticket(seed, ["evaluate"], stage, key)` (docs/algorithm.md §14.4). */
type StageTicket = (stage: string) => (key: string) => string;

const countOf = (counts: StatusCounts, statuses: readonly HouseholdStatus[] = HOUSEHOLD_STATUSES) =>
  statuses.reduce((sum, status) => sum + counts[status], 0);

/** The evaluation's frame (docs/algorithm.md §14.1): villages with a household, their counties, and each county's size. */
interface EvaluationUniverse {
  readonly villages: readonly FrameVillage[];
  readonly villagesByCounty: ReadonlyMap<string, readonly FrameVillage[]>;
  readonly counties: readonly FrameCounty[];
  /** County key → x, its registered (未脱贫 + 已脱贫) households. */
  readonly sizeOf: ReadonlyMap<string, number>;
}

/** §14.1: frame villages (at least one household of any status), frame counties and their sizes x. */
function evaluationUniverse(frame: Frame): EvaluationUniverse {
  const villages = frame.villages.filter((village) => countOf(village.households) > 0);
  const villagesByCounty = groupBy(villages, (village) => village.countyKey);
  const counties = frame.counties.filter((county) => villagesByCounty.has(county.key));
  const registeredIn = (county: FrameCounty) =>
    villagesByCounty
      .get(county.key)!
      .reduce((sum, village) => sum + countOf(village.households, ['poor', 'exited']), 0);
  const sizeOf = new Map(counties.map((county) => [county.key, registeredIn(county)]));
  return { villages, villagesByCounty, counties, sizeOf };
}

/** §14.3's units u_h and measures m_h of each stratum, in stratum order. */
function stratumSizes(
  parameters: EvaluationParameters,
  strataKeys: readonly string[],
  countiesByStratum: ReadonlyMap<string, readonly FrameCounty[]>,
  sizeOf: ReadonlyMap<string, number>,
): StratumSize[] {
  return strataKeys.map((key) => {
    const members = countiesByStratum.get(key)!;
    const units =
      parameters.countySelection === 'pps'
        ? members.filter((county) => sizeOf.get(county.key)! > 0).length
        : members.length;
    return {
      key,
      units,
      measure:
        parameters.allocation === 'households'
          ? members.reduce((sum, county) => sum + sizeOf.get(county.key)!, 0)
          : members.length,
    };
  });
}

/**
 * §14.3: `--counties` allocated to the strata, at least `--min-per-stratum` each. A minimum above 1
 * that the counties cannot give every stratum is refused (a usage error naming --merge-strata).
 */
function allocateCounties(parameters: EvaluationParameters, sizes: readonly StratumSize[]): Map<string, number> {
  const minimum = parameters.minPerStratum ?? 1;
  const target = allocationTarget(parameters.counties, sizes);
  const needed = minimumNeeded(sizes, minimum);
  if (minimum > 1 && needed > target) {
    const eligible = sizes.filter((stratum) => stratum.units > 0).length;
    throw new SpotcheckError(
      'USAGE',
      msg('core.evaluate.minPerStratumTooFew', {
        min: minimum,
        needed,
        strata: eligible,
        counties: parameters.counties,
      }),
      {
        hint:
          parameters.mergeStrata === true
            ? msg('core.evaluate.minPerStratumTooFewMergedHint', { min: minimum, needed })
            : msg('core.evaluate.minPerStratumTooFewHint', { min: minimum, needed }),
      },
    );
  }
  return allocate(parameters.counties, sizes, parameters.allocation, minimum);
}

/**
 * §14.3.1 `--merge-strata`: the strata merged until each can get `--min-per-stratum` counties;
 * county key → merged stratum label, and merged label → its parts (only for merged strata).
 */
function mergedCountyStrata(
  parameters: EvaluationParameters,
  counties: readonly FrameCounty[],
  sizeOf: ReadonlyMap<string, number>,
): { readonly countyStrata: ReadonlyMap<string, string>; readonly parts: ReadonlyMap<string, readonly string[]> } {
  if (parameters.mergeStrata !== true) return { countyStrata: parameters.countyStrata, parts: new Map() };
  const countiesByStratum = groupBy(counties, (county) => parameters.countyStrata.get(county.key)!);
  const sizes = stratumSizes(
    parameters,
    [...countiesByStratum.keys()].sort(compareCodePoints),
    countiesByStratum,
    sizeOf,
  );
  const merged = mergeStrata(
    sizes.map((stratum) => ({
      label: stratum.key,
      units: stratum.units,
      // "Smallest" is by registered households under --allocation households, else by counties.
      measure: parameters.allocation === 'households' ? stratum.measure : countiesByStratum.get(stratum.key)!.length,
    })),
    allocationTarget(parameters.counties, sizes),
    parameters.minPerStratum ?? 1,
  );
  // A merged name that is also another stratum's name ("A" + "B" beside a stratum "A+B") would join them.
  const twice = merged.find((stratum, index) => merged.findIndex((other) => other.label === stratum.label) !== index);
  if (twice !== undefined)
    throw new SpotcheckError('USAGE', msg('core.evaluate.mergedNameTaken', { name: twice.label }), {
      hint: msg('core.evaluate.mergedNameTakenHint'),
    });
  const labelOf = new Map(merged.flatMap((stratum) => stratum.parts.map((part) => [part, stratum.label] as const)));
  return {
    countyStrata: new Map(
      counties.map((county) => [county.key, labelOf.get(parameters.countyStrata.get(county.key)!)!]),
    ),
    parts: new Map(
      merged.filter((stratum) => stratum.parts.length > 1).map((stratum) => [stratum.label, stratum.parts]),
    ),
  };
}

/** §14.3's shortfalls: strata left at 0 when `--counties` is below the number of strata, then "all" when it exceeds the frame. */
function allocationShortfalls(
  parameters: EvaluationParameters,
  strataKeys: readonly string[],
  allocation: ReadonlyMap<string, number>,
  frameCounties: number,
): EvaluationShortfall[] {
  const shortfalls: EvaluationShortfall[] = [];
  if (parameters.counties < strataKeys.length) {
    for (const key of strataKeys.filter((stratum) => allocation.get(stratum) === 0)) {
      shortfalls.push({
        stage: 'county',
        stratum: key,
        stratumLabel: key,
        requested: 1,
        available: 0,
        note: `--counties ${parameters.counties} is less than the ${strataKeys.length} strata: this stratum gets no county`,
      });
    }
  }
  const total = Math.min(parameters.counties, frameCounties);
  if (parameters.counties > total) {
    shortfalls.push({
      stage: 'county',
      stratum: 'all',
      stratumLabel: 'all strata',
      requested: parameters.counties,
      available: total,
      note: 'fewer counties in the frame than asked: all were taken',
    });
  }
  return shortfalls;
}

/** One stratum's stage-1 inputs: its counties ranked by ticket (sizes 0 included) and its allocation n_h. */
interface StratumDraw {
  readonly stratum: string;
  readonly members: readonly FrameCounty[];
  readonly sample: number;
  readonly ranked: readonly Ranked<FrameCounty>[];
  readonly universe: EvaluationUniverse;
}

/** The fields every drawn county of a stratum shares. */
const stratumBase = (draw: StratumDraw) => ({
  stratum: draw.stratum,
  stratumCounties: draw.members.length,
  stratumSample: draw.sample,
});

/** §14.4 `srs`: the first n_h counties in rank order, π₁ = n_h/N_h. */
function drawStratumSrs(draw: StratumDraw): EvaluatedCounty[] {
  const { sample, members, universe } = draw;
  return draw.ranked.slice(0, sample).map((entry) => ({
    ...stratumBase(draw),
    county: entry.unit,
    method: 'srs',
    ticket: entry.ticket,
    rank: entry.rank,
    size: universe.sizeOf.get(entry.unit.key)!,
    probability: { numerator: sample, denominator: members.length },
    frameVillages: universe.villagesByCounty.get(entry.unit.key)!.length,
  }));
}

/**
 * §14.4 `pps` steps 1–6: certainty units, then randomised systematic PPS over the open units from the
 * stratum's "county-start" ticket; drawn counties in rank order, and the shortfall of counties of size 0.
 */
function drawStratumPps(
  draw: StratumDraw,
  startTicket: string,
): { drawn: EvaluatedCounty[]; certainty: number; shortfall?: EvaluationShortfall } {
  const { stratum, members, sample, universe } = draw;
  const units = draw.ranked.map((entry) => ({ unit: entry, size: universe.sizeOf.get(entry.unit.key)! }));
  const { inclusions, remainingSample, remainingSize } = ppsInclusion(units, sample);
  const open = inclusions.filter((entry) => !entry.certainty && entry.probability > 0);
  const chosen = new Set(systematicSelect(open, remainingSample, startFromTicket(startTicket)));
  const drawn: EvaluatedCounty[] = [];
  let certainty = 0;
  for (const entry of inclusions) {
    if (!entry.certainty && !chosen.has(entry.unit)) continue;
    if (entry.certainty) certainty++;
    drawn.push({
      ...stratumBase(draw),
      county: entry.unit.unit,
      method: entry.certainty ? 'certainty' : 'pps',
      ticket: entry.unit.ticket,
      rank: entry.unit.rank,
      size: entry.size,
      probability: entry.certainty
        ? { numerator: 1, denominator: 1 }
        : { numerator: remainingSample * entry.size, denominator: remainingSize },
      frameVillages: universe.villagesByCounty.get(entry.unit.unit.key)!.length,
    });
  }
  const zero = members.length - units.filter((unit) => unit.size > 0).length;
  if (zero === 0) return { drawn, certainty };
  const shortfall: EvaluationShortfall = {
    stage: 'county',
    stratum,
    stratumLabel: stratum,
    requested: sample,
    available: members.length - zero,
    note: `${zero} count${zero > 1 ? 'ies have' : 'y has'} no registered household and cannot be drawn by PPS`,
  };
  return { drawn, certainty, shortfall };
}

/** §14.5 villages: each drawn county's first min(m, M) villages by ticket, π₁·π₂ as a product fraction. */
function drawVillages(
  drawnCounties: readonly EvaluatedCounty[],
  frame: Frame,
  universe: EvaluationUniverse,
  parameters: EvaluationParameters,
  ticketFor: StageTicket,
  shortfalls: EvaluationShortfall[],
): PlannedEvaluationVillage[] {
  const townshipByKey = new Map(frame.townships.map((township) => [township.key, township]));
  const plannedVillages: PlannedEvaluationVillage[] = [];
  for (const county of drawnCounties) {
    const ranked = rankByTicket(
      universe.villagesByCounty.get(county.county.key)!,
      (village) => village.key,
      ticketFor('village'),
    );
    const villageSample = Math.min(parameters.villagesPerCounty, ranked.length);
    if (ranked.length < parameters.villagesPerCounty) {
      shortfalls.push({
        stage: 'village',
        stratum: county.county.key,
        stratumLabel: county.county.name,
        requested: parameters.villagesPerCounty,
        available: ranked.length,
        note: 'all villages taken',
      });
    }
    for (const entry of ranked.slice(0, villageSample)) {
      plannedVillages.push({
        county,
        village: entry.unit,
        township: townshipByKey.get(entry.unit.townshipKey)!,
        ticket: entry.ticket,
        rank: entry.rank,
        villagesInCounty: ranked.length,
        villagesDrawn: villageSample,
        probability: product(county.probability, { numerator: villageSample, denominator: ranked.length }),
      });
    }
  }
  return plannedVillages;
}

/** §14.1's `manifest.frame.households`: the frame villages' households by status. */
function frameHouseholdCounts(villages: readonly FrameVillage[]): Record<HouseholdStatus, number> {
  const frameHouseholds: Record<HouseholdStatus, number> = { poor: 0, exited: 0, nonpoor: 0 };
  for (const village of villages)
    for (const status of HOUSEHOLD_STATUSES) frameHouseholds[status] += village.households[status];
  return frameHouseholds;
}

/** Stages 1 and 2 (counties, villages) from the village-level frame. Pure and deterministic. */
export function planEvaluation(frame: Frame, parameters: EvaluationParameters): EvaluationPlan {
  const context = EVALUATION_CONTEXT;
  const ticketFor: StageTicket = (stage) => (key) => ticket(parameters.seed, context, stage, key);
  const universe = evaluationUniverse(frame);
  const { villages, counties, sizeOf } = universe;

  // Stage 1: merge strata if asked (§14.3.1), allocate (§14.3), then select within each stratum (§14.4).
  const { countyStrata, parts } = mergedCountyStrata(parameters, counties, sizeOf);
  const countiesByStratum = groupBy(counties, (county) => countyStrata.get(county.key)!);
  const strataKeys = [...countiesByStratum.keys()].sort(compareCodePoints);
  const allocation = allocateCounties(parameters, stratumSizes(parameters, strataKeys, countiesByStratum, sizeOf));
  const shortfalls = allocationShortfalls(parameters, strataKeys, allocation, counties.length);
  const strata: EvaluationStratum[] = [];
  const drawnCounties: EvaluatedCounty[] = [];
  for (const stratum of strataKeys) {
    const members = countiesByStratum.get(stratum)!;
    const sample = allocation.get(stratum)!;
    const ranked = rankByTicket(members, (county) => county.key, ticketFor('county'));
    const draw: StratumDraw = { stratum, members, sample, ranked, universe };
    let certainty = 0;
    if (parameters.countySelection === 'srs') drawnCounties.push(...drawStratumSrs(draw));
    else {
      const pps = drawStratumPps(draw, ticket(parameters.seed, context, 'county-start', stratum));
      drawnCounties.push(...pps.drawn);
      certainty = pps.certainty;
      if (pps.shortfall) shortfalls.push(pps.shortfall);
    }
    strata.push({
      stratum,
      counties: members.length,
      households: members.reduce((sum, county) => sum + sizeOf.get(county.key)!, 0),
      allocated: sample,
      certainty,
      ...(parts.has(stratum) ? { merged: parts.get(stratum)! } : {}),
    });
  }

  // Stage 2: villages of each drawn county (§14.5).
  const plannedVillages = drawVillages(drawnCounties, frame, universe, parameters, ticketFor, shortfalls);
  return {
    ticketContext: context,
    frame: { counties: counties.length, villages: villages.length, households: frameHouseholdCounts(villages) },
    strata,
    counties: drawnCounties,
    villages: plannedVillages,
    villageKeys: new Set(plannedVillages.map((entry) => entry.village.key)),
    shortfalls,
  };
}

/**
 * Stage 3: in each drawn village, the households of each status with the smallest tickets, and the
 * spares after them. `households` holds (at least) every household of the plan's villages.
 */
export function completeEvaluation(
  plan: EvaluationPlan,
  parameters: EvaluationParameters,
  households: readonly FrameHousehold[],
): EvaluationDraw {
  const ticketFor = (key: string) => ticket(parameters.seed, plan.ticketContext, 'household', key);
  const byVillage = groupBy(
    households.filter((household) => plan.villageKeys.has(household.villageKey)),
    (household) => household.villageKey,
  );
  const drawnVillages: EvaluatedVillage[] = [];
  const drawnHouseholds: EvaluatedHousehold[] = [];
  const householdShortfalls = new Map<string, EvaluationShortfall[]>();
  for (const planned of plan.villages) {
    const members = byVillage.get(planned.village.key) ?? [];
    const village: EvaluatedVillage = { ...planned, households: countStatuses(members) };
    drawnVillages.push(village);
    const byStatus = groupBy(members, (household) => household.status);
    const notes = householdShortfalls.get(planned.county.county.key) ?? [];
    householdShortfalls.set(planned.county.county.key, notes);
    for (const status of HOUSEHOLD_STATUSES) {
      const asked = parameters.householdsPerStratum[status];
      if (asked === 0) continue;
      const stratum = byStatus.get(status) ?? [];
      const sample = Math.min(asked, stratum.length);
      if (stratum.length < asked) {
        notes.push({
          stage: 'household',
          stratum: `${planned.village.key}/${status}`,
          stratumLabel: `${planned.county.county.name} › ${planned.township.name} › ${planned.village.name} / ${status}`,
          requested: asked,
          available: stratum.length,
          note: sample === 0 ? SHORTFALL_NOTES.noSuchHousehold : SHORTFALL_NOTES.allTaken,
        });
      }
      if (stratum.length === 0) continue;
      const stageProbability: Fraction = { numerator: sample, denominator: stratum.length };
      const overall = product(village.probability, stageProbability);
      for (const ranking of rankByTicket(stratum, (household) => household.key, ticketFor).slice(
        0,
        sample + parameters.spares,
      )) {
        drawnHouseholds.push({
          village,
          household: ranking.unit,
          stratum: status,
          ticket: ranking.ticket,
          rank: ranking.rank,
          role: ranking.rank <= sample ? 'sample' : 'spare',
          householdsInStratum: stratum.length,
          householdsDrawn: sample,
          probability: stageProbability,
          overall,
        });
      }
    }
  }
  const shortfalls = shortfallsInDrawOrder(
    plan.shortfalls,
    plan.counties.map(({ county }) => county.key),
    householdShortfalls,
  );
  const { villageKeys: _keys, villages: _villages, ...rest } = plan;
  return { ...rest, villages: drawnVillages, households: drawnHouseholds, shortfalls };
}

/** The whole evaluation draw from a frame that holds every household (small registries, tests). */
export function drawEvaluation(frame: FrameWithHouseholds, parameters: EvaluationParameters): EvaluationDraw {
  return completeEvaluation(planEvaluation(frame, parameters), parameters, frame.households);
}

export const probabilityOf = value;

/** Below this many degrees of freedom the summary suggests a design with more (§14.3.1). */
export const FEW_DESIGN_DF = 8;

/** The design's degrees of freedom for estimation, as `estimate` and R's `survey` count them. */
interface DesignDegreesOfFreedom {
  /** Counties drawn (the PSUs). */
  readonly counties: number;
  /** Strata with at least one county drawn. */
  readonly strata: number;
  /** df = counties − strata (the usual rule: Korn & Graubard, Analysis of Health Surveys, 1999; R survey's `degf`). */
  readonly df: number;
  /** Strata with exactly one county drawn: they give no variance of their own ("lonely PSUs"). */
  readonly singleCountyStrata: number;
}

/** The design df of a draw: drawn counties − strata with a drawn county, and the strata with one county. */
export function designDegreesOfFreedom(draw: Pick<EvaluationDraw, 'counties'>): DesignDegreesOfFreedom {
  const perStratum = groupBy(draw.counties, (county) => county.stratum);
  const singleCountyStrata = [...perStratum.values()].filter((counties) => counties.length === 1).length;
  return {
    counties: draw.counties.length,
    strata: perStratum.size,
    df: draw.counties.length - perStratum.size,
    singleCountyStrata,
  };
}
