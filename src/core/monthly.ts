/**
 * The monthly four-level spot check as a pure function: frame and parameters in, draw out.
 *
 * Stages: province: counties → villages → households; prefecture: counties within it → villages →
 * households; county: villages in the county → households; township: villages in the township →
 * households. At every stage, within every stratum (the scope, a selected county, a selected
 * village) the units with the smallest tickets are taken: a simple random sample without
 * replacement, so a unit's stage inclusion probability is n/N, the overall probability the product
 * over stages and the design weight its inverse (Horvitz–Thompson).
 */
import type {
  Frame,
  FrameCounty,
  FrameHousehold,
  FrameTownship,
  FrameVillage,
  FrameWithHouseholds,
  HouseholdStatus,
} from './frame.js';
import type { Level, Scope } from './scope.js';
import { SpotcheckError } from '../errors.js';
import { msg } from '../messages/render.js';
import { groupBy, shortfallsInDrawOrder } from './collections.js';
import { rankByTicket, ticket } from './tickets.js';

export type VillageFrameRule = 'auto' | 'poor' | 'all';

export interface MonthlyParameters {
  readonly month: string;
  readonly seed: string;
  readonly level: Level;
  readonly scope: Scope;
  /** Counties per draw; null at county and township level, where the scope fixes the county. */
  readonly counties: number | null;
  readonly villagesPerCounty: number;
  readonly householdsPerVillage: number;
  readonly villageFrame: VillageFrameRule;
  readonly statuses: readonly HouseholdStatus[];
  /** Units removed from the frame before selection (earlier draws: --exclude, --history). */
  readonly exclude?: Exclusions;
  /** Households per village taken after the sample, in ticket order, as spares (--spares). */
  readonly sparesPerVillage?: number;
}

/** Keys of units to leave out of a draw's frame, by stage. */
export interface Exclusions {
  readonly counties: ReadonlySet<string>;
  readonly villages: ReadonlySet<string>;
  readonly households: ReadonlySet<string>;
}

/** How many frame units the exclusions removed (households: within the drawn villages only). */
export interface ExcludedCounts {
  readonly counties: number;
  readonly villages: number;
  readonly households: number;
}

/** Stage sizes and probabilities carried by every selected unit. */
interface StageDraw {
  /** Lowercase hex SHA-256 ticket; null where the unit is fixed by the scope. */
  readonly ticket: string | null;
  readonly rank: number | null;
  /** Units in the stratum the unit was drawn from (N). */
  readonly stratumSize: number;
  /** Units taken from that stratum (n = min(asked, N)). */
  readonly sampleSize: number;
  /** n / N. */
  readonly stageProbability: number;
  /** Product of the stage probabilities down to this unit. */
  readonly probability: number;
  /** 1 / probability, computed from the integer stage sizes. */
  readonly weight: number;
}

export interface DrawnCounty extends StageDraw {
  readonly county: FrameCounty;
  readonly frameVillages: number;
  readonly frameHouseholds: number;
}
export interface DrawnVillage extends StageDraw {
  readonly village: FrameVillage;
  readonly township: FrameTownship;
  readonly county: FrameCounty;
  readonly frameHouseholds: number;
}
export interface DrawnHousehold extends StageDraw {
  readonly household: FrameHousehold;
  readonly village: FrameVillage;
  readonly township: FrameTownship;
  readonly county: FrameCounty;
}

export interface Shortfall {
  readonly stage: 'county' | 'village' | 'household';
  /** The stratum: "scope", a county or a village key. */
  readonly stratum: string;
  readonly stratumLabel: string;
  readonly requested: number;
  readonly available: number;
}

export interface FrameSummary {
  readonly definition: {
    readonly statuses: readonly HouseholdStatus[];
    readonly villageFrame: 'poor' | 'all';
    readonly villageFrameNote: string;
    readonly scope: string;
  };
  readonly sizes: {
    readonly counties: number;
    readonly villages: number;
    readonly households: number;
    readonly persons: number;
  };
}

export interface MonthlyDraw {
  readonly ticketContext: readonly string[];
  readonly frame: FrameSummary;
  readonly counties: readonly DrawnCounty[];
  readonly villages: readonly DrawnVillage[];
  readonly households: readonly DrawnHousehold[];
  /** The next households of each drawn village in ticket order (--spares), in village then spare order. */
  readonly spares: readonly DrawnSpare[];
  readonly shortfalls: readonly Shortfall[];
  readonly excluded: ExcludedCounts;
}

/** A spare: used in its order, only when a sampled household of its village cannot be checked. */
export interface DrawnSpare {
  readonly household: FrameHousehold;
  readonly village: FrameVillage;
  readonly township: FrameTownship;
  readonly county: FrameCounty;
  readonly ticket: string;
  /** Its rank among the village's households (after the sample's). */
  readonly rank: number;
  /** 1 for the first spare of the village, 2 for the next … */
  readonly spareOrder: number;
}

/** The context hashed into every ticket of a monthly draw: kind, month, level, scope key. */
function monthlyTicketContext(parameters: Pick<MonthlyParameters, 'month' | 'level' | 'scope'>): string[] {
  return ['monthly', parameters.month, parameters.level, parameters.scope.key];
}

/** Fraction of integers kept exact until the end. */
interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}
const times = (a: Fraction, sample: number, size: number): Fraction => ({
  numerator: a.numerator * sample,
  denominator: a.denominator * size,
});

function stageDraw(
  parent: Fraction,
  ranked: { ticket: string; rank: number } | null,
  size: number,
  sample: number,
): { draw: StageDraw; overall: Fraction } {
  const overall = times(parent, sample, size);
  return {
    overall,
    draw: {
      ticket: ranked?.ticket ?? null,
      rank: ranked?.rank ?? null,
      stratumSize: size,
      sampleSize: sample,
      stageProbability: sample / size,
      probability: overall.numerator / overall.denominator,
      weight: overall.denominator / overall.numerator,
    },
  };
}

/** A village chosen at stage 2, with its stage draw and overall probability so far. */
interface PlannedVillage {
  readonly draw: StageDraw;
  readonly overall: Fraction;
  readonly village: FrameVillage;
  readonly township: FrameTownship;
  readonly county: FrameCounty;
}

/** Stages 1 and 2 of a draw: what needs only the village-level frame. */
interface MonthlyPlan extends Omit<MonthlyDraw, 'villages' | 'households' | 'spares'> {
  readonly villages: readonly PlannedVillage[];
  /** Keys of the drawn villages: the only villages whose households must be read. */
  readonly villageKeys: ReadonlySet<string>;
}

/**
 * docs/algorithm.md §4.6 step 1, the village frame rule: `auto` resolved, and the refusal of a registry
 * whose files partly mark poor villages (the rule would drop their villages silently).
 */
function resolveVillageFrame(
  frame: Frame,
  parameters: MonthlyParameters,
): { villageFrame: 'poor' | 'all'; villageFrameNote: string } {
  const villageFrame: 'poor' | 'all' =
    parameters.villageFrame === 'auto' ? (frame.marksPoorVillages ? 'poor' : 'all') : parameters.villageFrame;
  // A registry split in files of which some mark no village: the rule would drop their villages silently.
  const markFiles = frame.poorVillageFiles;
  if (villageFrame === 'poor' && markFiles && markFiles.marking.length > 0 && markFiles.unmarked.length > 0) {
    throw new SpotcheckError(
      'DATA',
      msg('core.monthly.poorVillageMarksPartial', {
        rule: `--village-frame ${parameters.villageFrame}`,
        without: markFiles.unmarked.join(', '),
        with: markFiles.marking.join(', '),
      }),
      { hint: msg('core.monthly.poorVillageMarksPartialHint') },
    );
  }
  const villageFrameNote =
    parameters.villageFrame === 'auto' && !frame.marksPoorVillages
      ? 'the registry does not mark poor villages (是否贫困村), so every village is in the frame'
      : villageFrame === 'poor'
        ? 'poor villages (是否贫困村 = 是) only'
        : 'every village';
  return { villageFrame, villageFrameNote };
}

/** §4.6 step 2, scope: whether a village lies in the draw's province, prefecture, county or township. */
function scopeTest(frame: Frame, scope: MonthlyParameters['scope']): (village: FrameVillage) => boolean {
  const countyByKey = new Map(frame.counties.map((county) => [county.key, county]));
  return (village) => {
    switch (scope.level) {
      case 'province':
        return true;
      case 'prefecture':
        return countyByKey.get(village.countyKey)?.prefectureCode === scope.key;
      case 'county':
        return village.countyKey === scope.key;
      case 'township':
        return village.townshipKey === scope.key;
    }
  };
}

/** A village's frame households (or persons): its counts over the draw's statuses (§4.6 step 4). */
type FrameCount = (village: FrameVillage, counts: 'households' | 'persons') => number;

/** The strata of stages 1 and 2 (§4.6 steps 3–5, after `--exclude`). */
interface MonthlyStrata {
  /** Frame villages with at least one frame household, before exclusions. */
  readonly eligible: readonly FrameVillage[];
  readonly excludedCounties: ReadonlySet<string>;
  /** The village strata: eligible villages left by the exclusions. */
  readonly villagesWithHouseholds: readonly FrameVillage[];
  readonly villagesByCounty: ReadonlyMap<string, readonly FrameVillage[]>;
  readonly frameCounties: readonly FrameCounty[];
}

/** §4.6 steps 3–5: frame villages in scope under the village frame rule with a frame household, minus exclusions. */
function monthlyStrata(
  frame: Frame,
  parameters: MonthlyParameters,
  villageFrame: 'poor' | 'all',
  frameCount: FrameCount,
): MonthlyStrata {
  const inScope = scopeTest(frame, parameters.scope);
  const eligible = frame.villages.filter(
    (village) =>
      inScope(village) &&
      (villageFrame === 'all' || village.poorVillage === true) &&
      frameCount(village, 'households') > 0,
  );
  const exclude = parameters.exclude ?? NO_EXCLUSIONS;
  const excludedCounties = new Set(
    eligible.filter((village) => exclude.counties.has(village.countyKey)).map((village) => village.countyKey),
  );
  const villagesWithHouseholds = eligible.filter(
    (village) => !exclude.counties.has(village.countyKey) && !exclude.villages.has(village.key),
  );
  const villagesByCounty = groupBy(villagesWithHouseholds, (village) => village.countyKey);
  const frameCounties = frame.counties.filter((county) => villagesByCounty.has(county.key));
  return { eligible, excludedCounties, villagesWithHouseholds, villagesByCounty, frameCounties };
}

/** Records a shortfall (§7 step 3) when a stratum has fewer units than requested. */
type NoteShortfall = (
  stage: Shortfall['stage'],
  stratum: string,
  stratumLabel: string,
  requested: number,
  available: number,
) => void;

/**
 * Stage 1 (§7's table): at province and prefecture level the first `counties` frame counties by ticket;
 * at county and township level (`counties` null) every frame county with N₁ = n₁ = 1, no ticket.
 */
function drawMonthlyCounties(
  parameters: MonthlyParameters,
  strata: MonthlyStrata,
  householdsInCounty: (countyKey: string) => number,
  countyTicket: (key: string) => string,
  note: NoteShortfall,
): Array<{ drawn: DrawnCounty; overall: Fraction }> {
  const { frameCounties, villagesByCounty } = strata;
  const root: Fraction = { numerator: 1, denominator: 1 };
  const drawnCounties: Array<{ drawn: DrawnCounty; overall: Fraction }> = [];
  if (parameters.counties !== null) {
    const ranked = rankByTicket(frameCounties, (county) => county.key, countyTicket);
    const sample = Math.min(parameters.counties, ranked.length);
    note('county', 'scope', parameters.scope.label, parameters.counties, ranked.length);
    for (const entry of ranked.slice(0, sample)) {
      const { draw, overall } = stageDraw(root, entry, ranked.length, sample);
      const frameVillageCount = villagesByCounty.get(entry.unit.key)!.length;
      drawnCounties.push({
        drawn: {
          ...draw,
          county: entry.unit,
          frameVillages: frameVillageCount,
          frameHouseholds: householdsInCounty(entry.unit.key),
        },
        overall,
      });
    }
  } else {
    for (const county of frameCounties) {
      const { draw, overall } = stageDraw(root, null, 1, 1);
      drawnCounties.push({
        drawn: {
          ...draw,
          county,
          frameVillages: villagesByCounty.get(county.key)!.length,
          frameHouseholds: householdsInCounty(county.key),
        },
        overall,
      });
    }
  }
  return drawnCounties;
}

/** Stage 2 (§7): in each drawn county, the first `villages` frame villages by ticket; probabilities as §8. */
function drawMonthlyVillages(
  frame: Frame,
  parameters: MonthlyParameters,
  drawnCounties: ReadonlyArray<{ drawn: DrawnCounty; overall: Fraction }>,
  villagesByCounty: ReadonlyMap<string, readonly FrameVillage[]>,
  villageTicket: (key: string) => string,
  note: NoteShortfall,
): PlannedVillage[] {
  const townshipByKey = new Map(frame.townships.map((township) => [township.key, township]));
  const villages: PlannedVillage[] = [];
  for (const { drawn: county, overall: countyOverall } of drawnCounties) {
    const ranked = rankByTicket(villagesByCounty.get(county.county.key)!, (village) => village.key, villageTicket);
    const sample = Math.min(parameters.villagesPerCounty, ranked.length);
    note('village', county.county.key, county.county.name, parameters.villagesPerCounty, ranked.length);
    for (const entry of ranked.slice(0, sample)) {
      const { draw, overall } = stageDraw(countyOverall, entry, ranked.length, sample);
      villages.push({
        draw,
        overall,
        village: entry.unit,
        township: townshipByKey.get(entry.unit.townshipKey)!,
        county: county.county,
      });
    }
  }
  return villages;
}

/** Stages 1 and 2 (counties, villages) from the village-level frame. Pure and deterministic. */
export function planMonthly(frame: Frame, parameters: MonthlyParameters): MonthlyPlan {
  const context = monthlyTicketContext(parameters);
  const ticketFor = (stage: string) => (key: string) => ticket(parameters.seed, context, stage, key);
  const { villageFrame, villageFrameNote } = resolveVillageFrame(frame, parameters);
  const frameCount: FrameCount = (village, counts) =>
    parameters.statuses.reduce((sum, status) => sum + village[counts][status], 0);
  const strata = monthlyStrata(frame, parameters, villageFrame, frameCount);
  const { eligible, villagesWithHouseholds, villagesByCounty, frameCounties } = strata;
  const householdsInCounty = (countyKey: string) =>
    (villagesByCounty.get(countyKey) ?? []).reduce((sum, village) => sum + frameCount(village, 'households'), 0);

  const shortfalls: Shortfall[] = [];
  const note: NoteShortfall = (stage, stratum, stratumLabel, requested, available) => {
    if (available < requested) shortfalls.push({ stage, stratum, stratumLabel, requested, available });
  };
  const drawnCounties = drawMonthlyCounties(parameters, strata, householdsInCounty, ticketFor('county'), note);
  const villages = drawMonthlyVillages(frame, parameters, drawnCounties, villagesByCounty, ticketFor('village'), note);

  return {
    ticketContext: context,
    frame: {
      definition: {
        statuses: [...parameters.statuses],
        villageFrame,
        villageFrameNote,
        scope: parameters.scope.label,
      },
      sizes: {
        counties: frameCounties.length,
        villages: villagesWithHouseholds.length,
        households: villagesWithHouseholds.reduce((sum, village) => sum + frameCount(village, 'households'), 0),
        persons: villagesWithHouseholds.reduce((sum, village) => sum + frameCount(village, 'persons'), 0),
      },
    },
    counties: drawnCounties.map((entry) => entry.drawn),
    villages,
    villageKeys: new Set(villages.map((entry) => entry.village.key)),
    shortfalls,
    excluded: {
      counties: strata.excludedCounties.size,
      villages: eligible.length - villagesWithHouseholds.length,
      households: 0,
    },
  };
}

const NO_EXCLUSIONS: Exclusions = { counties: new Set(), villages: new Set(), households: new Set() };

/**
 * Stage 3: within each drawn village, the households of the frame's statuses with the smallest
 * tickets. `households` holds (at least) every household of the plan's villages.
 */
export function completeMonthly(
  plan: MonthlyPlan,
  parameters: MonthlyParameters,
  households: readonly FrameHousehold[],
): MonthlyDraw {
  const ticketFor = (key: string) => ticket(parameters.seed, plan.ticketContext, 'household', key);
  const statuses = new Set(parameters.statuses);
  const excludedHouseholds = (parameters.exclude ?? NO_EXCLUSIONS).households;
  const inFrame = households.filter(
    (household) => plan.villageKeys.has(household.villageKey) && statuses.has(household.status),
  );
  const byVillage = groupBy(
    inFrame.filter((household) => !excludedHouseholds.has(household.key)),
    (household) => household.villageKey,
  );
  const sparesPerVillage = parameters.sparesPerVillage ?? 0;
  const spares: DrawnSpare[] = [];
  const householdShortfalls = new Map<string, Shortfall[]>();
  const villages: DrawnVillage[] = [];
  const drawn: DrawnHousehold[] = [];
  for (const { draw, overall, village, township, county } of plan.villages) {
    const villageHouseholds = byVillage.get(village.key) ?? [];
    villages.push({ ...draw, village, township, county, frameHouseholds: villageHouseholds.length });
    const ranked = rankByTicket(villageHouseholds, (household) => household.key, ticketFor);
    const sample = Math.min(parameters.householdsPerVillage, ranked.length);
    if (ranked.length < parameters.householdsPerVillage) {
      const list = householdShortfalls.get(county.key) ?? [];
      list.push({
        stage: 'household',
        stratum: village.key,
        stratumLabel: `${county.name} › ${township.name} › ${village.name}`,
        requested: parameters.householdsPerVillage,
        available: ranked.length,
      });
      householdShortfalls.set(county.key, list);
    }
    for (const entry of ranked.slice(0, sample)) {
      drawn.push({
        ...stageDraw(overall, entry, ranked.length, sample).draw,
        household: entry.unit,
        village,
        township,
        county,
      });
    }
    ranked.slice(sample, sample + sparesPerVillage).forEach((entry, index) => {
      spares.push({
        household: entry.unit,
        village,
        township,
        county,
        ticket: entry.ticket,
        rank: entry.rank,
        spareOrder: index + 1,
      });
    });
  }
  const shortfalls = shortfallsInDrawOrder(
    plan.shortfalls,
    plan.counties.map(({ county }) => county.key),
    householdShortfalls,
  );
  const excluded = {
    ...plan.excluded,
    households: inFrame.length - [...byVillage.values()].reduce((sum, list) => sum + list.length, 0),
  };
  return {
    ticketContext: plan.ticketContext,
    frame: plan.frame,
    counties: plan.counties,
    villages,
    households: drawn,
    spares,
    shortfalls,
    excluded,
  };
}

/** The whole draw from a frame that holds every household (small registries, tests). */
export function drawMonthly(frame: FrameWithHouseholds, parameters: MonthlyParameters): MonthlyDraw {
  return completeMonthly(planMonthly(frame, parameters), parameters, frame.households);
}
