/** Helpers shared by the draw runs (monthly, evaluate): CSV text, input records, registry rows. */
import { createHash } from 'node:crypto';
import { relative, resolve, sep } from 'node:path';
import { stringify } from 'csv-stringify/sync';
import type { RowSource } from '../core/frame.js';
import type { ManifestInput } from '../core/manifest.js';
import type { RegistryRow, Table } from '../core/tables.js';
import { readChosenRecords, type LoadedRegistry } from '../io/load.js';
import type { EncodingChoice } from '../io/registry.js';

export const sha256Text = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A path relative to `baseDir`, with POSIX separators (as recorded in manifests). */
export const relativePath = (baseDir: string, path: string): string => relative(baseDir, resolve(path)).split(sep).join('/');

/** RFC 4180 CSV, LF line ends, numbers in JavaScript's shortest round-trip form, null as empty. */
export function tableCsv(table: Table): string {
  return stringify([table.columns as string[], ...table.rows.map((row) => row.map((cell) => (cell === null ? '' : String(cell))))]);
}

/** The manifest's record of each input file. */
export function manifestInputs(registry: LoadedRegistry, baseDir: string): ManifestInput[] {
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
  }));
}

/** Reads the registry rows of the given households (a second streamed pass) and returns a lookup. */
export async function registryRows(registry: LoadedRegistry, sources: readonly RowSource[], encoding: EncodingChoice): Promise<(source: RowSource) => RegistryRow> {
  const wanted = new Map<number, Set<number>>();
  for (const source of sources) {
    const records = wanted.get(source.file) ?? new Set<number>();
    records.add(source.record);
    wanted.set(source.file, records);
  }
  const rows = await readChosenRecords(registry.inputs, wanted, encoding);
  return (source) => ({ header: registry.inputs[source.file]!.header, cells: rows.get(`${source.file}:${source.record}`)! });
}
