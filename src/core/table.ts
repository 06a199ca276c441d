/**
 * The shape of one output table (a CSV, a workbook sheet): its columns and rows. Apart from
 * src/core/tables.ts, which builds the draw's tables from the frame and re-exports these, so that
 * src/core/privacy.ts (masking a table) does not import the frame through it (no import cycle).
 */

export type Cell = string | number | null;
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly Cell[])[];
  /** How many leading columns spotcheck adds (the rest are the registry's own); all when absent. */
  readonly added?: number;
  /** The registry's own column names, as in the registry (before any "registry:" prefix). */
  readonly registryColumns?: readonly string[];
}
