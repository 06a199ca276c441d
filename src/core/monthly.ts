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
import type { Frame, FrameCounty, FrameHousehold, FrameTownship, FrameVillage, HouseholdStatus } from './frame.js';
import { STATUS_LABELS } from './frame.js';
import type { Level, Scope } from './scope.js';
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
}

/** Stage sizes and probabilities carried by every selected unit. */
export interface StageDraw {
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
  readonly shortfalls: readonly Shortfall[];
}

/** The context hashed into every ticket of a monthly draw: kind, month, level, scope key. */
export function monthlyTicketContext(parameters: Pick<MonthlyParameters, 'month' | 'level' | 'scope'>): string[] {
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

function stageDraw(parent: Fraction, ranked: { ticket: string; rank: number } | null, size: number, sample: number): { draw: StageDraw; overall: Fraction } {
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

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/** Draws the monthly sample. Pure and deterministic: the same frame and parameters give the same draw. */
export function drawMonthly(frame: Frame, parameters: MonthlyParameters): MonthlyDraw {
  const { scope } = parameters;
  const context = monthlyTicketContext(parameters);
  const ticketFor = (stage: string) => (key: string) => ticket(parameters.seed, context, stage, key);

  const countyByKey = new Map(frame.counties.map((county) => [county.key, county]));
  const townshipByKey = new Map(frame.townships.map((township) => [township.key, township]));
  const inScope = (village: FrameVillage): boolean => {
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

  const villageFrame: 'poor' | 'all' =
    parameters.villageFrame === 'auto' ? (frame.marksPoorVillages ? 'poor' : 'all') : parameters.villageFrame;
  const villageFrameNote =
    parameters.villageFrame === 'auto' && !frame.marksPoorVillages
      ? 'the registry does not mark poor villages (是否贫困村), so every village is in the frame'
      : villageFrame === 'poor'
        ? 'poor villages (是否贫困村 = 是) only'
        : 'every village';

  const statuses = new Set(parameters.statuses);
  const frameVillages = frame.villages.filter(
    (village) => inScope(village) && (villageFrame === 'all' || village.poorVillage === true),
  );
  const frameVillageKeys = new Set(frameVillages.map((village) => village.key));
  const frameHouseholds = frame.households.filter(
    (household) => statuses.has(household.status) && frameVillageKeys.has(household.villageKey),
  );
  const householdsByVillage = groupBy(frameHouseholds, (household) => household.villageKey);
  const villagesWithHouseholds = frameVillages.filter((village) => householdsByVillage.has(village.key));
  const villagesByCounty = groupBy(villagesWithHouseholds, (village) => village.countyKey);
  const frameCounties = frame.counties.filter((county) => villagesByCounty.has(county.key));
  const householdsInCounty = (countyKey: string) =>
    (villagesByCounty.get(countyKey) ?? []).reduce((sum, village) => sum + householdsByVillage.get(village.key)!.length, 0);

  const shortfalls: Shortfall[] = [];
  const note = (stage: Shortfall['stage'], stratum: string, stratumLabel: string, requested: number, available: number) => {
    if (available < requested) shortfalls.push({ stage, stratum, stratumLabel, requested, available });
  };

  // Stage 1: counties.
  const root: Fraction = { numerator: 1, denominator: 1 };
  const drawnCounties: Array<{ drawn: DrawnCounty; overall: Fraction }> = [];
  if (parameters.counties !== null) {
    const ranked = rankByTicket(frameCounties, (county) => county.key, ticketFor('county'));
    const sample = Math.min(parameters.counties, ranked.length);
    note('county', 'scope', scope.label, parameters.counties, ranked.length);
    for (const entry of ranked.slice(0, sample)) {
      const { draw, overall } = stageDraw(root, entry, ranked.length, sample);
      const frameVillageCount = villagesByCounty.get(entry.unit.key)!.length;
      drawnCounties.push({ drawn: { ...draw, county: entry.unit, frameVillages: frameVillageCount, frameHouseholds: householdsInCounty(entry.unit.key) }, overall });
    }
  } else {
    for (const county of frameCounties) {
      const { draw, overall } = stageDraw(root, null, 1, 1);
      drawnCounties.push({ drawn: { ...draw, county, frameVillages: villagesByCounty.get(county.key)!.length, frameHouseholds: householdsInCounty(county.key) }, overall });
    }
  }

  // Stage 2: villages within each drawn county; stage 3: households within each drawn village.
  const villages: DrawnVillage[] = [];
  const households: DrawnHousehold[] = [];
  for (const { drawn: county, overall: countyOverall } of drawnCounties) {
    const ranked = rankByTicket(villagesByCounty.get(county.county.key)!, (village) => village.key, ticketFor('village'));
    const sample = Math.min(parameters.villagesPerCounty, ranked.length);
    note('village', county.county.key, county.county.name, parameters.villagesPerCounty, ranked.length);
    for (const entry of ranked.slice(0, sample)) {
      const village = entry.unit;
      const township = townshipByKey.get(village.townshipKey)!;
      const villageHouseholds = householdsByVillage.get(village.key)!;
      const { draw, overall: villageOverall } = stageDraw(countyOverall, entry, ranked.length, sample);
      villages.push({ ...draw, village, township, county: county.county, frameHouseholds: villageHouseholds.length });

      const rankedHouseholds = rankByTicket(villageHouseholds, (household) => household.key, ticketFor('household'));
      const householdSample = Math.min(parameters.householdsPerVillage, rankedHouseholds.length);
      note('household', village.key, `${county.county.name} › ${township.name} › ${village.name}`, parameters.householdsPerVillage, rankedHouseholds.length);
      for (const householdEntry of rankedHouseholds.slice(0, householdSample)) {
        const { draw: householdDraw } = stageDraw(villageOverall, householdEntry, rankedHouseholds.length, householdSample);
        households.push({ ...householdDraw, household: householdEntry.unit, village, township, county: county.county });
      }
    }
  }

  return {
    ticketContext: context,
    frame: {
      definition: {
        statuses: [...parameters.statuses],
        villageFrame,
        villageFrameNote,
        scope: scope.label,
      },
      sizes: {
        counties: frameCounties.length,
        villages: villagesWithHouseholds.length,
        households: frameHouseholds.length,
        persons: frameHouseholds.reduce((sum, household) => sum + household.persons, 0),
      },
    },
    counties: drawnCounties.map((entry) => entry.drawn),
    villages,
    households,
    shortfalls,
  };
}

export const statusLabel = (status: HouseholdStatus): string => STATUS_LABELS[status];
