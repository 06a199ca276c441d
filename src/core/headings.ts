/**
 * The header line of spotcheck's CSV outputs in the draw's language. The columns spotcheck adds
 * (ticket, rank, probability, weight …) are written with their English names, or with the Chinese
 * headings of src/core/columnHeadings.ts (a file format, not translated messages) when the draw
 * was made in Chinese; the registry's own columns keep their names. The language is recorded in the manifest (columns_lang),
 * so that verify writes the same bytes; readers of spotcheck's CSVs map either back (canonicalColumn).
 */
import type { Lang } from '../messages/render.js';
import { CHINESE_HEADINGS, REGISTRY_PREFIX } from './columnHeadings.js';
import type { Table } from './tables.js';

/** The heading of an added column in a language (its English name for 'en'). */
export function columnHeading(column: string, lang: Lang): string {
  return lang === 'en' ? column : (CHINESE_HEADINGS[column] ?? column);
}

/** Chinese heading → English column name, for every column spotcheck adds. */
const CANONICAL: ReadonlyMap<string, string> = new Map(
  Object.entries(CHINESE_HEADINGS).map(([column, heading]) => [heading, column]),
);

const ZH_REGISTRY_PREFIX = REGISTRY_PREFIX['zh-CN'];

/** Every name a spotcheck column can have: its English name and its Chinese heading. */
const SPOTCHECK_NAMES: ReadonlySet<string> = new Set([...CANONICAL.keys(), ...CANONICAL.values()]);

/**
 * The table with its added columns' headings in `lang`. A registry column whose name is any
 * spotcheck column's name in either language (州市, 县代码, 户编号 … of national exports, household_id,
 * status … of English ones) is written with the prefix "登记表:", so that every heading of the file
 * maps back to one column. In English the table is returned as it is (there withRegistryColumns has
 * prefixed "registry:" to names equal to the table's own columns).
 */
export function localiseTable(table: Table, lang: Lang): Table {
  if (lang === 'en') return table;
  const added = table.added ?? table.columns.length;
  const headings = table.columns.slice(0, added).map((column) => columnHeading(column, lang));
  const prefix = REGISTRY_PREFIX[lang];
  const registry = (table.registryColumns ?? table.columns.slice(added)).map((name) =>
    SPOTCHECK_NAMES.has(name) ? `${prefix}${name}` : name,
  );
  return { ...table, columns: [...headings, ...registry] };
}

/**
 * A header cell of one of spotcheck's own CSVs as its English column name: the Chinese headings of
 * added columns and the "登记表:" prefix are mapped back; anything else is returned as it is.
 */
export function canonicalColumn(heading: string): string {
  if (heading.startsWith(ZH_REGISTRY_PREFIX)) return `registry:${heading.slice(ZH_REGISTRY_PREFIX.length)}`;
  return CANONICAL.get(heading) ?? heading;
}
