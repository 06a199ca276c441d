/** The evaluation draw as tables: frame.csv, spares.csv, counties.csv, villages.csv, strata.csv. */
import type { EvaluatedHousehold, EvaluationDraw, Fraction } from './evaluate.js';
import { withRegistryColumns, type Cell, type RegistryRow, type Table } from './tables.js';

const value = (fraction: Fraction): number => fraction.numerator / fraction.denominator;
const inverse = (fraction: Fraction): number => fraction.denominator / fraction.numerator;

/** Columns of frame.csv and spares.csv (before the registry's own columns). */
export const EVALUATION_HOUSEHOLD_COLUMNS = [
  'county_stratum',
  'prefecture',
  'county_code',
  'county',
  'county_selection',
  'county_size',
  'counties_in_stratum',
  'counties_drawn',
  'county_probability',
  'township',
  'village_key',
  'village',
  'villages_in_county',
  'villages_drawn',
  'village_probability',
  'household_stratum',
  'household_stratum_key',
  'household_id',
  'role',
  'spare_order',
  'ticket',
  'rank',
  'households_in_stratum',
  'households_drawn',
  'household_probability',
  'probability',
  'weight',
] as const;

export const EVALUATION_COUNTY_COLUMNS = [
  'county_stratum',
  'prefecture',
  'county_code',
  'county',
  'county_selection',
  'ticket',
  'rank',
  'county_size',
  'counties_in_stratum',
  'counties_drawn',
  'county_probability',
  'weight',
  'frame_villages',
] as const;

export const EVALUATION_VILLAGE_COLUMNS = [
  'county_stratum',
  'county_code',
  'county',
  'township',
  'village_key',
  'village_code',
  'village',
  'ticket',
  'rank',
  'villages_in_county',
  'villages_drawn',
  'county_probability',
  'village_probability',
  'probability',
  'poor_households',
  'exited_households',
  'nonpoor_households',
] as const;

export const STRATA_COLUMNS = [
  'county_stratum',
  'counties',
  'registered_households',
  'counties_drawn',
  'certainty_counties',
] as const;

function householdCells(entry: EvaluatedHousehold): Cell[] {
  const { village } = entry;
  const { county } = village;
  const villageStage = village.villagesDrawn / village.villagesInCounty;
  return [
    county.stratum,
    county.county.prefecture,
    county.county.code,
    county.county.name,
    county.method,
    county.size,
    county.stratumCounties,
    county.stratumSample,
    value(county.probability),
    village.township.name,
    village.village.key,
    village.village.name,
    village.villagesInCounty,
    village.villagesDrawn,
    villageStage,
    entry.stratum,
    `${village.village.key}/${entry.stratum}`,
    entry.household.key,
    entry.role,
    entry.role === 'spare' ? entry.rank - entry.householdsDrawn : null,
    entry.ticket,
    entry.rank,
    entry.householdsInStratum,
    entry.householdsDrawn,
    value(entry.probability),
    value(entry.overall),
    inverse(entry.overall),
  ];
}

export interface EvaluationTables {
  readonly frame: Table;
  readonly spares: Table;
  readonly counties: Table;
  readonly villages: Table;
  readonly strata: Table;
}

export function evaluationTables(
  draw: EvaluationDraw,
  registryRowOf: (entry: EvaluatedHousehold) => RegistryRow,
): EvaluationTables {
  const rows = (role: EvaluatedHousehold['role']) =>
    withRegistryColumns(
      EVALUATION_HOUSEHOLD_COLUMNS,
      draw.households
        .filter((entry) => entry.role === role)
        .map((entry) => ({ cells: householdCells(entry), registry: registryRowOf(entry) })),
    );
  return {
    frame: rows('sample'),
    spares: rows('spare'),
    counties: {
      columns: EVALUATION_COUNTY_COLUMNS,
      rows: draw.counties.map((county) => [
        county.stratum,
        county.county.prefecture,
        county.county.code,
        county.county.name,
        county.method,
        county.ticket,
        county.rank,
        county.size,
        county.stratumCounties,
        county.stratumSample,
        value(county.probability),
        inverse(county.probability),
        county.frameVillages,
      ]),
    },
    villages: {
      columns: EVALUATION_VILLAGE_COLUMNS,
      rows: draw.villages.map((village) => [
        village.county.stratum,
        village.county.county.code,
        village.county.county.name,
        village.township.name,
        village.village.key,
        village.village.code,
        village.village.name,
        village.ticket,
        village.rank,
        village.villagesInCounty,
        village.villagesDrawn,
        value(village.county.probability),
        village.villagesDrawn / village.villagesInCounty,
        value(village.probability),
        village.households.poor,
        village.households.exited,
        village.households.nonpoor,
      ]),
    },
    strata: {
      columns: STRATA_COLUMNS,
      rows: draw.strata.map((stratum) => [
        stratum.stratum,
        stratum.counties,
        stratum.households,
        stratum.allocated,
        stratum.certainty,
      ]),
    },
  };
}
