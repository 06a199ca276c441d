/** Helpers shared by the draw runs (monthly, evaluate, funds) and verify: CSV text, input records, registry rows, manifest pieces. */
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { csvStringifySync } from '../../io/packages.js';
import type { RegistryField } from '../../core/columns.js';
import { throwOnErrors, type RowSource } from '../../core/frame.js';
import type { EncodingChoice } from '../../io/registry.js';
import { maskDrawColumns, maskRow, MASKING_RULE, type MaskingRule } from '../../core/privacy.js';
import {
  ALGORITHM_DESCRIPTION,
  MANIFEST_FORMAT,
  MANIFEST_FORMAT_WITH_HEADINGS,
  type Manifest,
  type ManifestInput,
  type ManifestOutput,
} from '../../core/manifest.js';
import { TOOL_VERSION } from '../../version.js';
import { loadDivisions, type LoadedDivisions, type RegistryInput } from '../../io/load.js';
import { holdInputsToCommitment } from './commitment.js';
import type { RegistryRow, Table } from '../../core/tables.js';
import { localiseTable } from '../../core/headings.js';
import { FORMULA_GUARD, guardCell, type FormulaGuard } from '../../core/spreadsheetText.js';
import type { Lang } from '../../i18n.js';
import { registryCells, type ScannedRegistry, type ScanOptions, type VillageHouseholds } from '../../io/scan.js';
import type { LoadedExclusionSource } from '../../io/exclude.js';
import type { LoadedCommitment } from '../../io/commitment.js';
import type { ExclusionGuard, ExclusionRecord } from '../../io/exclusionRecord.js';

const sha256Text = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A path relative to `baseDir`, with POSIX separators (as recorded in manifests). */
export const relativePath = (baseDir: string, path: string): string =>
  relative(baseDir, resolve(path)).split(sep).join('/');

/**
 * RFC 4180 CSV, numbers in JavaScript's shortest round-trip form, null as empty; LF line ends, or
 * for Excel (`excel`) a UTF-8 byte-order mark and CRLF, which Excel on Chinese Windows needs to
 * read UTF-8 rather than GBK, and, with the formula guard (§20), every cell (header included) that
 * a spreadsheet would read as a formula (or, version 2, as a number it changes) written behind an apostrophe.
 */
function tableCsv(table: Table, excel = false, formulaGuard: FormulaGuard = 0): string {
  const guarded = excel && formulaGuard !== 0;
  const cellText = guarded ? (text: string) => guardCell(text, formulaGuard) : (text: string) => text;
  // With CRLF records csv-stringify quotes a cell only for a whole CR LF; §9.1 quotes a lone CR or LF
  // too (CSV for Excel before the guard did not, and is re-drawn that way).
  const format = excel ? { record_delimiter: 'windows' as const, ...(guarded ? { quoted_match: /[\r\n]/ } : {}) } : {};
  const text = csvStringifySync().stringify(
    [
      table.columns.map(cellText),
      ...table.rows.map((row) => row.map((cell) => cellText(cell === null ? '' : String(cell)))),
    ],
    format,
  );
  return excel ? `\ufeff${text}` : text;
}

/** The manifest's record of each input file. */
export function manifestInputs(
  registry: { readonly inputs: readonly RegistryInput[] },
  baseDir: string,
): ManifestInput[] {
  return registry.inputs.map((input) => ({
    name: input.name,
    path: relativePath(baseDir, input.path),
    ...(input.role === 'nonpoor' ? { role: input.role } : {}),
    bytes: input.bytes,
    sha256: input.sha256,
    encoding: input.encoding,
    bom: input.bom,
    layout: input.layout,
    records: input.records,
    ...(input.format ? { format: input.format } : {}),
  }));
}

/**
 * The registry row (header and cells) of a household's representative record, from pass 2, with
 * its ID-number and phone cells masked unless `revealIds` (src/core/privacy.ts), by the masking
 * rule of the draw (§17: 2 since 0.4.0, 1 to re-draw an older draw).
 */
export function registryRow(
  registry: ScannedRegistry,
  chosen: VillageHouseholds,
  source: RowSource,
  revealIds: boolean,
  rule: MaskingRule = MASKING_RULE,
): RegistryRow {
  const cells = registryCells(chosen, source.file, source.record);
  return {
    header: registry.inputs[source.file]!.header,
    cells: revealIds ? cells : maskRow(cells, registry.files[source.file]!.layout, rule),
  };
}

/** A table of households with its draw columns (household_id …) masked by content, by rule 2 unless revealIds. */
export function maskedDrawTable<T extends Table | null>(
  table: T,
  options: { readonly revealIds: boolean; readonly masking?: MaskingRule },
): T {
  return table === null || options.revealIds || (options.masking ?? MASKING_RULE) === 1
    ? table
    : (maskDrawColumns(table) as T);
}

/**
 * The manifest parameter of the masking rule (§17): `masking: 2` for rule 2 (headers and content);
 * nothing for rule 1 (headers only, the draws of 0.2.0–0.3.x), so that those re-draw unchanged.
 */
function maskingParameter(rule: MaskingRule | undefined): Record<string, unknown> {
  return (rule ?? MASKING_RULE) === 1 ? {} : { masking: rule ?? MASKING_RULE };
}

/** Options every draw takes about its inputs and outputs, beside its own (normalised at the edge). */
export interface DrawReadOptions {
  readonly registries: readonly string[];
  readonly encoding: EncodingChoice;
  readonly columns: Readonly<Partial<Record<RegistryField, string>>>;
  readonly divisions: string | null;
  /** The worksheet of .xlsx registries (--sheet), null for the first. */
  readonly sheet: string | null;
  /** CSV for Excel: UTF-8 with a byte-order mark and CRLF (--excel). */
  readonly excel: boolean;
  /** The formula guard of CSV for Excel (§20): 2, unless verify re-draws an older draw (1, or 0 without parameters.formula_guard). */
  readonly formulaGuard?: FormulaGuard;
  /** The language of the headings of the columns spotcheck adds to its CSVs (--lang at draw time). */
  readonly columnsLang: Lang;
  /** Where the seed came from (--seed-source), for the manifest and the public notice. */
  readonly seedSource: string | null;
  /** Why this draw replaces an earlier one of another seed (--redraw-reason), for the manifest, ledger and notice. */
  readonly redrawReason: string | null;
  /** The plan file the options came from in part (--plan, spotcheck.config.json), for the manifest. */
  readonly plan?: {
    readonly path: string;
    readonly sha256: string;
    readonly applied: Readonly<Record<string, unknown>>;
  } | null;
  /** The commitment the draw must keep to (--commitment), read and checked (src/commands/_shared/commitment.ts). */
  readonly commitment?: LoadedCommitment | null;
  /** The masking rule (§17): 2, unless verify re-draws an older draw (rule 1, no parameters.masking). */
  readonly masking?: MaskingRule;
}

/** How pass 1 reads the registry for any draw. */
export function scanOptions(
  options: DrawReadOptions,
  divisions: LoadedDivisions,
  onProgress: ScanOptions['onProgress'] | undefined,
): ScanOptions {
  return {
    encoding: options.encoding,
    columns: options.columns,
    divisions: divisions.table,
    sheet: options.sheet,
    ...(onProgress ? { onProgress } : {}),
  };
}

/**
 * The manifest parameters every draw records that are facts of the draw rather than options as
 * given (the options record themselves, src/commands/_shared/optionSpec.ts): the division table's
 * source, the formula guard (§20) where it applies (not before 0.5.0, not without --excel), the
 * headings' language only for Chinese (English draws keep the manifest they always had), and the
 * masking rule (§17).
 */
export function drawnParameters(options: DrawReadOptions, divisions: LoadedDivisions): Record<string, unknown> {
  return {
    divisions: options.divisions === null ? null : divisions.table.source,
    ...(options.excel && (options.formulaGuard ?? FORMULA_GUARD) !== 0
      ? { formula_guard: options.formulaGuard ?? FORMULA_GUARD }
      : {}),
    ...(options.columnsLang === 'en' ? {} : { columns_lang: options.columnsLang }),
    ...maskingParameter(options.masking),
  };
}

/** The manifest's record of the plan file, if the options came from one (its path relative to baseDir). */
export function planRecord(options: DrawReadOptions, baseDir: string): Pick<Manifest, 'plan'> {
  return options.plan ? { plan: { ...options.plan, path: relativePath(baseDir, options.plan.path) } } : {};
}

/**
 * exclusionGuard: what a draw's --exclude sources are checked against (this registry and month,
 * unless --exclude-other-registry / --exclude-other-month allow another); null when the draw writes
 * no excluded.csv (verify of a draw made before it existed), which refuses no source.
 */
export function exclusionGuard(
  options: {
    readonly month: string;
    readonly writeExcludedFile?: boolean;
    readonly excludeOtherRegistry?: boolean | undefined;
    readonly excludeOtherMonth?: boolean | undefined;
  },
  registry: ScannedRegistry,
  extra: Pick<ExclusionGuard, 'masksIds'> = {},
): ExclusionGuard | null {
  if (options.writeExcludedFile === false) return null;
  return {
    registry: registry.inputs.map((input) => input.sha256),
    registryPaths: registry.inputs.map((input) => input.path),
    hasHousehold: registry.hasHousehold,
    month: options.month,
    frame: registry.frame,
    allowOtherRegistry: options.excludeOtherRegistry ?? false,
    allowOtherMonth: options.excludeOtherMonth ?? false,
    ...extra,
  };
}

/**
 * The manifest's record of what a draw left out (--exclude, --history): the sources with their
 * paths relative to baseDir, the history settings, and the units left out per stage; nothing
 * when there was nothing to exclude. A draw re-drawn from its excluded.csv (verify) carries its
 * recorded sources and history as they were written, so the record never depends on the sources.
 */
export function exclusionsRecord(
  sources: readonly LoadedExclusionSource[],
  history: { readonly dir: string; readonly cooldown: number; readonly stages: readonly string[] } | null,
  excluded: { readonly counties: number; readonly villages: number; readonly households: number },
  baseDir: string,
  recorded: ExclusionRecord | null = null,
): Pick<Manifest, 'exclusions'> {
  if (recorded !== null) return { exclusions: { sources: recorded.sources, history: recorded.history, excluded } };
  if (sources.length === 0 && history === null) return {};
  return {
    exclusions: {
      sources: sources.map((source) => ({ ...source, path: relativePath(baseDir, source.path) })),
      history: history === null ? null : { ...history, dir: relativePath(baseDir, history.dir) },
      excluded,
    },
  };
}

/** The fields every manifest begins with (format 2 when the CSV headings are Chinese). */
export function manifestHead(
  command: Manifest['command'],
  columnsLang: Lang,
): Pick<Manifest, 'format' | 'tool' | 'algorithm' | 'command'> {
  return {
    format: columnsLang === 'en' ? MANIFEST_FORMAT : MANIFEST_FORMAT_WITH_HEADINGS,
    tool: { name: 'spotcheck', version: TOOL_VERSION },
    algorithm: { ...ALGORITHM_DESCRIPTION },
    command,
  };
}

/** A draw's CSV files (name → text, in the order given) and the manifest's record of each (SHA-256, rows). */
export function csvOutputs(
  tables: ReadonlyArray<readonly [string, Table]>,
  options: Pick<DrawReadOptions, 'excel' | 'columnsLang' | 'formulaGuard'>,
): { files: Map<string, string>; outputs: Record<string, ManifestOutput> } {
  const files = new Map(
    tables.map(
      ([name, table]) =>
        [
          name,
          tableCsv(localiseTable(table, options.columnsLang), options.excel, options.formulaGuard ?? FORMULA_GUARD),
        ] as const,
    ),
  );
  const outputs = Object.fromEntries(
    tables.map(([name, table]) => [name, { sha256: sha256Text(files.get(name)!), rows: table.rows.length }]),
  );
  return { files, outputs };
}

/** The manifest's record of the division table: its source and SHA-256, and its path for a --divisions file. */
export function manifestDivisions(
  divisions: LoadedDivisions,
  path: string | null,
  baseDir: string,
): Manifest['divisions'] {
  return {
    source: divisions.table.source,
    sha256: divisions.sha256,
    path: path === null ? null : relativePath(baseDir, path),
  };
}

/**
 * Pass 1 of a draw: the division table loaded and the registry read by `scan`; the inputs held to
 * a --commitment before any data error is reported (a draw of other files is refused first), then
 * the registry's data errors thrown.
 */
export async function readDrawRegistry(
  command: 'monthly' | 'evaluate' | 'funds',
  options: DrawReadOptions,
  baseDir: string,
  scan: (divisions: LoadedDivisions) => Promise<ScannedRegistry>,
): Promise<{ divisions: LoadedDivisions; registry: ScannedRegistry }> {
  const divisions = await loadDivisions(options.divisions);
  const registry = await scan(divisions);
  holdInputsToCommitment(options, {
    command,
    inputs: manifestInputs(registry, baseDir),
    divisions: manifestDivisions(divisions, options.divisions, baseDir),
  });
  throwOnErrors(registry.problems, registry.errorCount);
  return { divisions, registry };
}
