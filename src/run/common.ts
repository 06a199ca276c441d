/** Helpers shared by the draw runs (monthly, evaluate): CSV text, input records, registry rows. */
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { RowSource } from '../core/frame.js';
import { maskRow } from '../core/privacy.js';
import { ALGORITHM_DESCRIPTION, MANIFEST_FORMAT, type Manifest, type ManifestInput, type ManifestOutput } from '../core/manifest.js';
import { TOOL_VERSION } from '../version.js';
import type { LoadedDivisions, RegistryInput } from '../io/load.js';
import type { RegistryRow, Table } from '../core/tables.js';
import type { ScannedRegistry, VillageHouseholds } from '../io/scan.js';

export const sha256Text = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A path relative to `baseDir`, with POSIX separators (as recorded in manifests). */
export const relativePath = (baseDir: string, path: string): string => relative(baseDir, resolve(path)).split(sep).join('/');

/**
 * RFC 4180 CSV, numbers in JavaScript's shortest round-trip form, null as empty; LF line ends, or
 * for Excel (`excel`) a UTF-8 byte-order mark and CRLF, which Excel on Chinese Windows needs to
 * read UTF-8 rather than GBK.
 */
export function tableCsv(table: Table, excel = false): string {
  const text = stringify([table.columns as string[], ...table.rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))], excel ? { record_delimiter: 'windows' } : {});
  return excel ? `\ufeff${text}` : text;
}

/** The manifest's record of each input file. */
export function manifestInputs(registry: { readonly inputs: readonly RegistryInput[] }, baseDir: string): ManifestInput[] {
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
 * its ID-number and phone cells masked unless `revealIds` (src/core/privacy.ts).
 */
export function registryRow(registry: ScannedRegistry, chosen: VillageHouseholds, source: RowSource, revealIds: boolean): RegistryRow {
  const cells = chosen.rows.get(`${source.file}:${source.record}`)!;
  return { header: registry.inputs[source.file]!.header, cells: revealIds ? cells : maskRow(cells, registry.files[source.file]!.layout) };
}

/** The fields every manifest begins with. */
export function manifestHead(command: Manifest['command']): Pick<Manifest, 'format' | 'tool' | 'algorithm' | 'command'> {
  return { format: MANIFEST_FORMAT, tool: { name: 'spotcheck', version: TOOL_VERSION }, algorithm: { ...ALGORITHM_DESCRIPTION }, command };
}

/** A draw's CSV files (name → text, in the order given) and the manifest's record of each (SHA-256, rows). */
export function csvOutputs(tables: ReadonlyArray<readonly [string, Table]>, excel: boolean): { files: Map<string, string>; outputs: Record<string, ManifestOutput> } {
  const files = new Map(tables.map(([name, table]) => [name, tableCsv(table, excel)] as const));
  const outputs = Object.fromEntries(tables.map(([name, table]) => [name, { sha256: sha256Text(files.get(name)!), rows: table.rows.length }]));
  return { files, outputs };
}

/** The manifest's record of the division table: its source and SHA-256, and its path for a --divisions file. */
export function manifestDivisions(divisions: LoadedDivisions, path: string | null, baseDir: string): Manifest['divisions'] {
  return { source: divisions.table.source, sha256: divisions.sha256, path: path === null ? null : relativePath(baseDir, path) };
}
