/** What the SQL is asked for: the registry table and its columns, the draw's parameters, the results and their columns. */
import type { AllocationMethod } from '../allocation.js';
import type { RegistryField } from '../columns.js';
import type { DivisionTable } from '../divisions.js';
import type { Level } from '../scope.js';
import type { VillageFrameRule } from '../monthly.js';
import { COUNTY_COLUMNS, HOUSEHOLD_COLUMNS, VILLAGE_COLUMNS } from '../tables.js';
import {
  EVALUATION_COUNTY_COLUMNS,
  EVALUATION_HOUSEHOLD_COLUMNS,
  EVALUATION_VILLAGE_COLUMNS,
  STRATA_COLUMNS,
} from '../evaluationTables.js';
import type { HouseholdStatus } from '../vocabulary.js';

/** The registry fields the SQL reads (others, such as names and phone numbers, are never touched). */
export const SQL_FIELDS = [
  'household_id',
  'prefecture',
  'county',
  'county_code',
  'township',
  'township_code',
  'village',
  'village_code',
  'status',
  'household_type',
  'poor_village',
  'household_size',
  'person_id',
  'relation',
] as const satisfies readonly RegistryField[];
export type SqlField = (typeof SQL_FIELDS)[number];

/** Where the registry is: a table (or view), the column holding each field, and its layout. */
export interface SqlSource {
  /** Table name, possibly schema-qualified (`analytics.registry`); each dotted part is quoted. */
  readonly table: string;
  /** Field → column name; a field without a column reads as the empty string, like a missing CSV column. */
  readonly columns: Readonly<Partial<Record<SqlField, string>>>;
  readonly layout: 'person' | 'household';
  /** Trust that the table holds normalised text (§2.1): only NULL → '' then; faster. */
  readonly assumeNormalised: boolean;
  /** The division table (bundled Yunnan table or --divisions). */
  readonly divisions: DivisionTable;
}

/** --scope of a monthly draw, resolved as far as the division table allows. */
export type SqlScope =
  | { readonly level: 'province' }
  | { readonly level: 'prefecture'; readonly key: string }
  | { readonly level: 'county'; readonly key: string }
  /** Matched inside the database against the registry's townships (see scopeText in scope.ts). */
  | { readonly level: 'township'; readonly text: string };

export interface SqlMonthlyParameters {
  readonly month: string;
  readonly seed: string;
  readonly level: Level;
  readonly scope: SqlScope;
  readonly counties: number | null;
  readonly villagesPerCounty: number;
  readonly householdsPerVillage: number;
  readonly villageFrame: VillageFrameRule;
  readonly statuses: readonly HouseholdStatus[];
}

export interface SqlEvaluationParameters {
  readonly seed: string;
  readonly counties: number;
  readonly strata: 'prefecture' | 'poverty-county';
  readonly allocation: AllocationMethod;
  readonly countySelection: 'srs' | 'pps';
  readonly villagesPerCounty: number;
  readonly householdsPerStratum: Readonly<Record<HouseholdStatus, number>>;
  readonly spares: number;
  /** A table of non-registered households (--nonpoor), with the same columns as the registry. */
  readonly nonpoorTable: string | null;
}

export type MonthlySelect = 'frame' | 'counties' | 'villages' | 'households';
export type EvaluationSelect = 'frame' | 'strata' | 'counties' | 'villages' | 'households';
export const MONTHLY_SELECTS: readonly MonthlySelect[] = ['frame', 'counties', 'villages', 'households'];
export const EVALUATION_SELECTS: readonly EvaluationSelect[] = [
  'frame',
  'strata',
  'counties',
  'villages',
  'households',
];

/** Columns of each result, in order (the CLI's table columns, without the registry's own). */
export const MONTHLY_RESULT_COLUMNS: Readonly<Record<MonthlySelect, readonly string[]>> = {
  frame: ['counties', 'villages', 'households', 'persons', 'village_frame', 'scope_key'],
  counties: COUNTY_COLUMNS,
  villages: VILLAGE_COLUMNS,
  households: HOUSEHOLD_COLUMNS,
};
export const EVALUATION_RESULT_COLUMNS: Readonly<Record<EvaluationSelect, readonly string[]>> = {
  frame: ['counties', 'villages', 'poor_households', 'exited_households', 'nonpoor_households'],
  strata: STRATA_COLUMNS,
  counties: EVALUATION_COUNTY_COLUMNS,
  villages: EVALUATION_VILLAGE_COLUMNS,
  households: EVALUATION_HOUSEHOLD_COLUMNS,
};
