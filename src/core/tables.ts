/**
 * The draw as tables: counties.csv, villages.csv and households.csv (column names in English,
 * stable), and the same rows as JSON objects. Pure: the chosen households' registry rows are passed in.
 */
import type { DrawnCounty, DrawnHousehold, DrawnVillage, MonthlyDraw } from './monthly.js';

export type Cell = string | number | null;
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
}

export const COUNTY_COLUMNS = [
  'prefecture_code', 'prefecture', 'county_code', 'county', 'ticket', 'rank',
  'counties_in_frame', 'counties_drawn', 'county_probability', 'probability', 'weight',
  'frame_villages', 'frame_households',
] as const;

export const VILLAGE_COLUMNS = [
  'prefecture', 'county_code', 'county', 'township_key', 'township', 'village_key', 'village_code', 'village',
  'ticket', 'rank', 'villages_in_county', 'villages_drawn', 'county_probability', 'village_probability',
  'probability', 'weight', 'frame_households',
] as const;

export const HOUSEHOLD_COLUMNS = [
  'household_id', 'prefecture', 'county_code', 'county', 'township', 'village_key', 'village', 'status',
  'household_size', 'persons', 'ticket', 'rank', 'households_in_village', 'households_drawn',
  'county_probability', 'village_probability', 'household_probability', 'probability', 'weight',
] as const;

function countyCells(county: DrawnCounty): Cell[] {
  return [
    county.county.prefectureCode, county.county.prefecture, county.county.code, county.county.name,
    county.ticket, county.rank, county.stratumSize, county.sampleSize, county.stageProbability,
    county.probability, county.weight, county.frameVillages, county.frameHouseholds,
  ];
}

function villageCells(village: DrawnVillage, countyProbability: number): Cell[] {
  return [
    village.county.prefecture, village.county.code, village.county.name, village.township.key, village.township.name,
    village.village.key, village.village.code, village.village.name, village.ticket, village.rank,
    village.stratumSize, village.sampleSize, countyProbability, village.stageProbability,
    village.probability, village.weight, village.frameHouseholds,
  ];
}

function householdCells(household: DrawnHousehold, countyProbability: number, villageProbability: number): Cell[] {
  return [
    household.household.key, household.county.prefecture, household.county.code, household.county.name,
    household.township.name, household.village.key, household.village.name, household.household.status,
    household.household.size, household.household.persons, household.ticket, household.rank,
    household.stratumSize, household.sampleSize, countyProbability, villageProbability,
    household.stageProbability, household.probability, household.weight,
  ];
}

export interface DrawTables {
  readonly counties: Table;
  readonly villages: Table;
  readonly households: Table;
}

/**
 * Builds the three tables. `registryRowOf` gives a household's registry header and row (its head's
 * row); registry columns follow the draw's columns, in first-seen order across files, and a registry
 * header that collides with a draw column is written as "registry:NAME".
 */
export function drawTables(
  draw: MonthlyDraw,
  registryRowOf: (household: DrawnHousehold) => { header: readonly string[]; cells: readonly string[] },
): DrawTables {
  const countyProbability = new Map(draw.counties.map((county) => [county.county.key, county.stageProbability]));
  const villageProbability = new Map(draw.villages.map((village) => [village.village.key, village.stageProbability]));

  const registryColumns: string[] = [];
  const registryIndex = new Map<string, number>();
  const rowsWithRegistry = draw.households.map((household) => {
    const { header, cells } = registryRowOf(household);
    const values = new Map<string, string>();
    header.forEach((name, index) => {
      if (!registryIndex.has(name)) {
        registryIndex.set(name, registryColumns.length);
        registryColumns.push(name);
      }
      values.set(name, cells[index] ?? '');
    });
    return { household, values };
  });
  const drawColumnSet = new Set<string>(HOUSEHOLD_COLUMNS);
  const householdColumns = [
    ...HOUSEHOLD_COLUMNS,
    ...registryColumns.map((name) => (drawColumnSet.has(name) ? `registry:${name}` : name)),
  ];

  return {
    counties: { columns: COUNTY_COLUMNS, rows: draw.counties.map(countyCells) },
    villages: {
      columns: VILLAGE_COLUMNS,
      rows: draw.villages.map((village) => villageCells(village, countyProbability.get(village.county.key)!)),
    },
    households: {
      columns: householdColumns,
      rows: rowsWithRegistry.map(({ household, values }) => [
        ...householdCells(household, countyProbability.get(household.county.key)!, villageProbability.get(household.village.key)!),
        ...registryColumns.map((name) => values.get(name) ?? ''),
      ]),
    },
  };
}

/** A table's rows as objects keyed by column (for --json). */
export function tableObjects(table: Table): Record<string, Cell>[] {
  return table.rows.map((row) => Object.fromEntries(table.columns.map((column, index) => [column, row[index] ?? null])));
}
