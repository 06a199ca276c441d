/**
 * The draw as tables: counties.csv, villages.csv and households.csv (column names in English, the
 * stable keys of JSON; the CSV header may be written in Chinese, src/core/headings.ts), and the same rows as JSON objects. Pure: the chosen households' registry rows are passed in.
 */
import type { FrameHousehold } from './frame.js';
import type { DrawnCounty, DrawnHousehold, DrawnSpare, DrawnVillage, MonthlyDraw } from './monthly.js';
import type { Cell, Table } from './table.js';

export type { Cell, Table };

export const COUNTY_COLUMNS = [
  'prefecture_code',
  'prefecture',
  'county_code',
  'county',
  'ticket',
  'rank',
  'counties_in_frame',
  'counties_drawn',
  'county_probability',
  'probability',
  'weight',
  'frame_villages',
  'frame_households',
] as const;

export const VILLAGE_COLUMNS = [
  'prefecture',
  'county_code',
  'county',
  'township_key',
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
  'weight',
  'frame_households',
] as const;

export const HOUSEHOLD_COLUMNS = [
  'household_id',
  'prefecture',
  'county_code',
  'county',
  'township',
  'village_key',
  'village',
  'status',
  'household_size',
  'persons',
  'ticket',
  'rank',
  'households_in_village',
  'households_drawn',
  'county_probability',
  'village_probability',
  'household_probability',
  'probability',
  'weight',
] as const;

/** spares.csv (monthly --spares): the next households of each drawn village, in the order to use them. */
export const SPARE_COLUMNS = [
  'household_id',
  'prefecture',
  'county_code',
  'county',
  'township',
  'village_key',
  'village',
  'status',
  'household_size',
  'persons',
  'ticket',
  'rank',
  'spare_order',
] as const;

function spareCells(spare: DrawnSpare): Cell[] {
  return [
    spare.household.key,
    spare.county.prefecture,
    spare.county.code,
    spare.county.name,
    spare.township.name,
    spare.village.key,
    spare.village.name,
    spare.household.status,
    spare.household.size,
    spare.household.persons,
    spare.ticket,
    spare.rank,
    spare.spareOrder,
  ];
}

function countyCells(county: DrawnCounty): Cell[] {
  return [
    county.county.prefectureCode,
    county.county.prefecture,
    county.county.code,
    county.county.name,
    county.ticket,
    county.rank,
    county.stratumSize,
    county.sampleSize,
    county.stageProbability,
    county.probability,
    county.weight,
    county.frameVillages,
    county.frameHouseholds,
  ];
}

function villageCells(village: DrawnVillage, countyProbability: number): Cell[] {
  return [
    village.county.prefecture,
    village.county.code,
    village.county.name,
    village.township.key,
    village.township.name,
    village.village.key,
    village.village.code,
    village.village.name,
    village.ticket,
    village.rank,
    village.stratumSize,
    village.sampleSize,
    countyProbability,
    village.stageProbability,
    village.probability,
    village.weight,
    village.frameHouseholds,
  ];
}

function householdCells(household: DrawnHousehold, countyProbability: number, villageProbability: number): Cell[] {
  return [
    household.household.key,
    household.county.prefecture,
    household.county.code,
    household.county.name,
    household.township.name,
    household.village.key,
    household.village.name,
    household.household.status,
    household.household.size,
    household.household.persons,
    household.ticket,
    household.rank,
    household.stratumSize,
    household.sampleSize,
    countyProbability,
    villageProbability,
    household.stageProbability,
    household.probability,
    household.weight,
  ];
}

export interface DrawTables {
  readonly counties: Table;
  readonly villages: Table;
  readonly households: Table;
  /** Present when spares were asked for. */
  readonly spares: Table | null;
}

/** A registry row: the header of its file and its cells. */
export interface RegistryRow {
  readonly header: readonly string[];
  readonly cells: readonly string[];
}

/**
 * A table whose rows are the draw's cells followed by the registry's own columns, in first-seen
 * order across files; a registry header that collides with a draw column is written "registry:NAME".
 */
export function withRegistryColumns(
  drawColumns: readonly string[],
  rows: readonly { cells: readonly Cell[]; registry: RegistryRow }[],
): Table {
  const registryColumns: string[] = [];
  const seen = new Set<string>();
  const values = rows.map(({ registry }) => {
    const byName = new Map<string, string>();
    registry.header.forEach((name, index) => {
      if (!seen.has(name)) {
        seen.add(name);
        registryColumns.push(name);
      }
      byName.set(name, registry.cells[index] ?? '');
    });
    return byName;
  });
  const drawColumnSet = new Set(drawColumns);
  return {
    columns: [...drawColumns, ...registryColumns.map((name) => (drawColumnSet.has(name) ? `registry:${name}` : name))],
    rows: rows.map(({ cells }, index) => [...cells, ...registryColumns.map((name) => values[index]!.get(name) ?? '')]),
    added: drawColumns.length,
    registryColumns,
  };
}

/** Builds the three tables of a monthly draw. `registryRowOf` gives a household's registry row (its head's). */
export function drawTables(
  draw: MonthlyDraw,
  registryRowOf: (entry: { readonly household: FrameHousehold }) => RegistryRow,
  withSpares: boolean,
): DrawTables {
  const countyProbability = new Map(draw.counties.map((county) => [county.county.key, county.stageProbability]));
  const villageProbability = new Map(draw.villages.map((village) => [village.village.key, village.stageProbability]));
  return {
    counties: { columns: COUNTY_COLUMNS, rows: draw.counties.map(countyCells) },
    villages: {
      columns: VILLAGE_COLUMNS,
      rows: draw.villages.map((village) => villageCells(village, countyProbability.get(village.county.key)!)),
    },
    households: withRegistryColumns(
      HOUSEHOLD_COLUMNS,
      draw.households.map((household) => ({
        cells: householdCells(
          household,
          countyProbability.get(household.county.key)!,
          villageProbability.get(household.village.key)!,
        ),
        registry: registryRowOf(household),
      })),
    ),
    spares: withSpares
      ? withRegistryColumns(
          SPARE_COLUMNS,
          draw.spares.map((spare) => ({ cells: spareCells(spare), registry: registryRowOf(spare) })),
        )
      : null,
  };
}

/** Rows as objects keyed by column; columns after the first `drawColumns` nested under "registry". */
export function rowObjects(table: Table, drawColumns = table.columns.length): Record<string, unknown>[] {
  return table.rows.map((row) => {
    const entry: Record<string, unknown> = {};
    table.columns.slice(0, drawColumns).forEach((column, index) => {
      entry[column] = row[index] ?? null;
    });
    if (drawColumns < table.columns.length) {
      entry.registry = Object.fromEntries(
        table.columns.slice(drawColumns).map((column, index) => [column, row[drawColumns + index] ?? null]),
      );
    }
    return entry;
  });
}
