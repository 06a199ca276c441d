/**
 * Self-contained exclusions: what a draw made with --exclude/--history left out, stored in its own
 * folder (excluded.csv) so that the folder and the registry verify anywhere, with or without the
 * excluded draws; the checks that refuse a source before anything is drawn (another registry,
 * another month, a list that names nothing, a drawn-units file given as a list); and the lines that
 * show the exclusions in the summary, the notice and the workbook.
 *
 * excluded.csv: columns stage, unit_key, sources; one row per (stage, key) a source named at a stage
 * it was applied at; `sources` = the SHA-256s (an excluded draw's manifest_sha256, a list file's
 * SHA-256) of every source that named it, sorted and joined by one space; rows sorted by stage
 * (county, village, household) then unit key in code point order; UTF-8, LF, RFC 4180 quoting
 * (with --excel: a byte-order mark and CRLF, like the draw's other CSVs).
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { csvParseSync } from './packages.js';
import { SpotcheckError } from '../errors.js';
import { LIMITS, parseJsonBounded, readRegularFile } from './safeRead.js';
import { msg, t } from '../i18n.js';
import type { Frame } from '../core/frame.js';
import type { Manifest } from '../core/manifest.js';
import type { Exclusions } from '../core/monthly.js';
import type { Table } from '../core/tables.js';
import { canonicalColumn } from '../core/headings.js';
import { compareCodePoints } from '../core/text.js';
import { drawCellReader } from '../core/spreadsheetText.js';
import { EXCLUSION_STAGES, type ExclusionRecord, type ExclusionStage } from './exclusionSources.js';

export type { ExclusionRecord };

export const EXCLUDED_FILE = 'excluded.csv';
const EXCLUDED_COLUMNS = ['stage', 'unit_key', 'sources'] as const;

/** Keys per stage, each with the SHA-256s of the sources that named it. */
export type NamedKeys = Record<ExclusionStage, Map<string, Set<string>>>;

export const noNamedKeys = (): NamedKeys => ({ county: new Map(), village: new Map(), household: new Map() });

export function addNamed(named: NamedKeys, stage: ExclusionStage, key: string, source: string): void {
  const sources = named[stage].get(key) ?? new Set<string>();
  sources.add(source);
  named[stage].set(key, sources);
}

/** The sets the draw leaves out. */
export const exclusionsOf = (named: NamedKeys): Exclusions => ({
  counties: new Set(named.county.keys()),
  villages: new Set(named.village.keys()),
  households: new Set(named.household.keys()),
});

/** excluded.csv as a table: rows by stage, then key in code point order. */
function excludedTable(named: NamedKeys): Table {
  const rows: string[][] = [];
  for (const stage of EXCLUSION_STAGES) {
    for (const key of [...named[stage].keys()].sort(compareCodePoints))
      rows.push([stage, key, [...named[stage].get(key)!].sort(compareCodePoints).join(' ')]);
  }
  return { columns: EXCLUDED_COLUMNS, rows };
}

const SHA = /^[0-9a-f]{64}$/;

/**
 * The draw's excluded.csv as an output entry: present when the draw excluded anything, unless it is
 * re-drawn by verify from a draw made before excluded.csv existed (writeExcludedFile false).
 */
export function excludedOutput(
  record: { readonly exclusions?: unknown },
  named: NamedKeys,
  writeExcludedFile: boolean | undefined,
): ReadonlyArray<readonly [string, Table]> {
  return record.exclusions && writeExcludedFile !== false ? [[EXCLUDED_FILE, excludedTable(named)]] : [];
}

/** Reads excluded.csv back (unit keys through `readCell`: the draw's formula guard, §20); anything but the exact shape is an error (INPUT). */
export function parseExcludedCsv(text: string, file: string, readCell: (text: string) => string): NamedKeys {
  let rows: string[][];
  try {
    rows = csvParseSync().parse(text, { bom: true, relax_column_count: false }) as string[][];
  } catch (error) {
    throw new SpotcheckError('INPUT', msg('io.excluded.invalid', { detail: (error as Error).message }), { file });
  }
  const [header = [], ...body] = rows;
  if (header.join(',') !== EXCLUDED_COLUMNS.join(','))
    throw new SpotcheckError('INPUT', msg('io.excluded.invalid', { detail: header.join(',') }), { file });
  const named = noNamedKeys();
  for (const [index, row] of body.entries()) {
    const [stage, written, sources] = row as [string, string, string];
    const key = readCell(written);
    const ids = sources.split(' ');
    if (
      !(EXCLUSION_STAGES as readonly string[]).includes(stage) ||
      key === '' ||
      !ids.every((id) => SHA.test(id)) ||
      named[stage as ExclusionStage].has(key)
    ) {
      throw new SpotcheckError('INPUT', msg('io.excluded.badRow', { row: index + 2 }), { file, line: index + 2 });
    }
    for (const id of ids) addNamed(named, stage as ExclusionStage, key, id);
  }
  return named;
}

/** The rows of excluded.csv that name one source: "stage key" texts. */
const rowsOf = (named: NamedKeys, source: string): Set<string> => {
  const found = new Set<string>();
  for (const stage of EXCLUSION_STAGES)
    for (const [key, sources] of named[stage]) if (sources.has(source)) found.add(`${stage}\u001f${key}`);
  return found;
};

/** A manifest whose draw stored its exclusions in its folder (every draw made with --exclude since 0.4). */
export const hasExcludedFile = (manifest: Manifest): boolean =>
  manifest.outputs !== null && typeof manifest.outputs === 'object' && Object.hasOwn(manifest.outputs, EXCLUDED_FILE);

/** verify: re-draw from the draw's own excluded.csv and its recorded sources (never from the sources). */
export const recordedExclusionSpecs = (manifest: Manifest, base: string) => [
  {
    path: join(base, EXCLUDED_FILE),
    stages: [...EXCLUSION_STAGES],
    reason: 'recorded' as const,
    record: manifest.exclusions as ExclusionRecord,
    readCell: drawCellReader(manifest.parameters),
  },
];

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

// ---------------------------------------------------------------------------------------------
// Refusals at draw time (exit 2, before anything is written).

/** What a draw checks its sources against. */
export interface ExclusionGuard {
  /** SHA-256s of this draw's registry files. */
  readonly registry: readonly string[];
  /** Paths of this draw's registry files (an excluded draw of the same registry is re-drawn from them). */
  readonly registryPaths?: readonly string[];
  readonly month: string;
  readonly frame: Frame;
  /** Whether a 户编号 is a household of the registry (pass 1's table of key hashes). */
  readonly hasHousehold?: (key: string) => boolean;
  readonly allowOtherRegistry: boolean;
  readonly allowOtherMonth: boolean;
  /** The draw masks IDs (no --reveal-ids): its excluded.csv may not hold a household key that is an ID or phone number. */
  readonly masksIds?: boolean;
}

/** Headings of the columns only spotcheck's drawn-units files have (English; Chinese mapped back). */
const DRAWN_FILE_COLUMNS = new Set([
  'ticket',
  'rank',
  'probability',
  'weight',
  'county_probability',
  'village_probability',
  'household_probability',
  'spare_order',
]);

/** A drawn-units file (households.csv, villages.csv …) given as a list: refused, the draw folder is meant. */
export async function refuseDrawOutputAsList(path: string, header: readonly string[]): Promise<void> {
  const drawnColumns = header
    .map((cell) => canonicalColumn(cell.replace(/^\ufeff/, '').trim()))
    .filter((column) => DRAWN_FILE_COLUMNS.has(column));
  const manifestBeside = await stat(join(dirname(resolve(path)), 'manifest.json')).then(
    (info) => info.isFile(),
    () => false,
  );
  if (drawnColumns.length > 0 || manifestBeside) {
    throw new SpotcheckError(
      'USAGE',
      msg('io.excluded.drawFileAsList', {
        name: basename(path),
        why:
          drawnColumns.length > 0
            ? t('io.excluded.why.columns', { columns: drawnColumns.join(', ') })
            : t('io.excluded.why.manifest'),
      }),
      {
        file: path,
        hint: msg('io.excluded.drawFileAsListHint', { dir: dirname(path) }),
      },
    );
  }
}

/** An excluded draw from another registry or (for --exclude) another month, unless allowed. */
export function refuseForeignDraw(
  path: string,
  manifest: Manifest,
  reason: 'exclude' | 'history',
  guard: ExclusionGuard,
): { otherRegistry: boolean; otherMonth: boolean } {
  const theirs = [...new Set(manifest.inputs.map((input) => input.sha256))].sort().join(' ');
  const ours = [...new Set(guard.registry)].sort().join(' ');
  const otherRegistry = theirs !== ours;
  const month = (manifest.parameters as Record<string, unknown>).month;
  const otherMonth = typeof month === 'string' && month !== guard.month;
  // --history finds earlier months' draws by design, made from that month's registry.
  if (reason === 'history') return { otherRegistry: false, otherMonth: false };
  if (otherRegistry && !guard.allowOtherRegistry) {
    throw new SpotcheckError(
      'USAGE',
      msg('io.excluded.otherRegistry', {
        theirs: manifest.inputs.map((input) => `${input.name} ${input.sha256.slice(0, 12)}…`).join(', '),
      }),
      { file: path, hint: msg('io.excluded.otherRegistryHint') },
    );
  }
  if (otherMonth && !guard.allowOtherMonth) {
    throw new SpotcheckError('USAGE', msg('io.excluded.otherMonth', { theirs: String(month), ours: guard.month }), {
      file: path,
      hint: msg('io.excluded.otherMonthHint'),
    });
  }
  return { otherRegistry, otherMonth };
}

/** Whether a key names a unit of the registry at a stage (households: by pass 1's table of key hashes; null: cannot tell). */
function registryUnit(
  guard: Pick<ExclusionGuard, 'frame' | 'hasHousehold'>,
  stage: ExclusionStage,
): ((key: string) => boolean) | null {
  if (stage === 'county') {
    const units = new Set(guard.frame.counties.map((county) => county.key));
    return (key) => units.has(key);
  }
  if (stage === 'village') {
    const units = new Set(guard.frame.villages.map((village) => village.key));
    return (key) => units.has(key);
  }
  return guard.hasHousehold ?? null;
}

/** The keys of a source that name units of the registry (all of them where that cannot be told). */
export const matchingKeys = (
  guard: Pick<ExclusionGuard, 'frame' | 'hasHousehold'>,
  stage: ExclusionStage,
  keys: readonly string[],
): string[] => {
  const isUnit = registryUnit(guard, stage);
  return isUnit === null ? [...keys] : keys.filter(isUnit);
};

/** A list none of whose keys is a unit of the registry at its stage. */
export function refuseListMatchingNothing(
  path: string,
  stage: ExclusionStage,
  keys: readonly string[],
  guard: Pick<ExclusionGuard, 'frame' | 'hasHousehold'>,
): void {
  const isUnit = registryUnit(guard, stage);
  if (isUnit === null || keys.some(isUnit)) return;
  const message =
    stage === 'household'
      ? msg('io.excluded.householdsMatchNothing', { keys: keys.length, example: keys[0] ?? '' })
      : msg('io.excluded.listMatchesNothing', { keys: keys.length, stage, example: keys[0] ?? '' });
  throw new SpotcheckError('USAGE', message, { file: path, hint: msg('io.excluded.listMatchesNothingHint') });
}

// ---------------------------------------------------------------------------------------------
// verify: excluded.csv checked against the manifest, and against the sources where they are found.

interface ExclusionCheck {
  readonly check: string;
  readonly ok: boolean;
  readonly detail: string;
  /** Set on a check that passed without checking everything (an excluded draw not available here). */
  readonly caveat?: string;
}

/** The first few "stage key" rows of a set, for a message (code point order). */
function someRows(rows: readonly string[]): string {
  if (rows.length === 0) return t('verify.excluded.noUnits');
  const shown = [...rows]
    .sort(compareCodePoints)
    .slice(0, 3)
    .map((row) => row.replace('\u001f', ' '))
    .join(', ');
  return rows.length > 3 ? shown + t('verify.excluded.moreUnits', { more: rows.length - 3 }) : shown;
}

/** Files under `dir` (depth ≤ 4) named manifest.json or ending in .csv. */
async function candidates(dir: string, depth = 0): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const found: string[] = [];
  for (const entry of entries.sort((a, b) => compareCodePoints(a.name, b.name))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory() && depth < 4) found.push(...(await candidates(path, depth + 1)));
    else if (entry.isFile() && (entry.name === 'manifest.json' || entry.name.toLowerCase().endsWith('.csv')))
      found.push(path);
  }
  return found;
}

/** Where a recorded source is: a file under a --exclusions-from directory with its hash, else its recorded path. */
async function locate(
  source: ExclusionRecord['sources'][number],
  base: string,
  searchDirs: readonly string[],
): Promise<string | null> {
  const manifestHash = (bytes: Buffer): string | null => {
    try {
      return (
        (parseJsonBounded(bytes.toString('utf8'), '', 'MANIFEST') as { manifest_sha256?: string }).manifest_sha256 ??
        null
      );
    } catch {
      return null;
    }
  };
  for (const dir of searchDirs) {
    const direct = await stat(dir).catch(() => null);
    const files = direct?.isFile() ? [dir] : direct?.isDirectory() ? await candidates(dir) : [];
    for (const file of files) {
      const bytes = await readRegularFile(file, LIMITS.list, 'INPUT').catch(() => null);
      if (bytes === null) continue;
      if (
        source.kind === 'list'
          ? sha256(bytes) === source.sha256
          : basename(file) === 'manifest.json' && manifestHash(bytes) === source.sha256
      ) {
        return source.kind === 'list' ? file : dirname(file);
      }
    }
  }
  const recorded = resolve(base, source.path);
  return (await stat(recorded).then(
    () => true,
    () => false,
  ))
    ? recorded
    : null;
}

/** Loads an exclusion source again (its SHA-256 and the keys it names per stage). */
type LoadSource = (path: string, stages: readonly ExclusionStage[]) => Promise<{ sha256: string; named: NamedKeys }>;

/** A failed check of excluded.csv itself. */
const excludedFileFails = (detail: string): ExclusionCheck[] => [{ check: EXCLUDED_FILE, ok: false, detail }];

/**
 * excluded.csv itself: the manifest's exclusions record well formed, the file present with the recorded
 * SHA-256, parsed, and naming no source the record does not list. Its keys per source, or the failed check.
 */
async function readExcludedFile(
  manifest: Manifest,
  base: string,
): Promise<{ record: ExclusionRecord; named: NamedKeys } | ExclusionCheck[]> {
  const record = manifest.exclusions as ExclusionRecord | undefined;
  if (
    !Array.isArray(record?.sources) ||
    !record.sources.every(
      (source) => typeof source?.path === 'string' && typeof source.sha256 === 'string' && Array.isArray(source.stages),
    )
  ) {
    return excludedFileFails(t('verify.excluded.badRecord'));
  }
  const path = join(base, EXCLUDED_FILE);
  const bytes = await readRegularFile(path, LIMITS.list, 'INPUT').catch(() => null);
  if (bytes === null) return excludedFileFails(t('cmd.verify.detail.missing', { name: EXCLUDED_FILE }));
  if (sha256(bytes) !== manifest.outputs[EXCLUDED_FILE]!.sha256)
    return excludedFileFails(t('verify.excluded.fileChanged'));
  let named: NamedKeys;
  try {
    named = parseExcludedCsv(bytes.toString('utf8'), path, drawCellReader(manifest.parameters));
  } catch (error) {
    if (!(error instanceof SpotcheckError)) throw error;
    return excludedFileFails(error.message);
  }
  const recordedIds = new Set(record.sources.map((source) => source.sha256));
  const unknown = EXCLUSION_STAGES.flatMap((stage) => [...named[stage].values()].flatMap((ids) => [...ids])).find(
    (id) => !recordedIds.has(id),
  );
  if (unknown) return excludedFileFails(t('verify.excluded.unknownSource', { sha: unknown.slice(0, 16) }));
  return { record, named };
}

/**
 * One source of excluded.csv: unavailable (a caveat, not a failure) when not found; else loaded again,
 * unchanged, and naming exactly the rows excluded.csv attributes to it.
 */
async function sourceCheck(
  source: ExclusionRecord['sources'][number],
  named: NamedKeys,
  base: string,
  searchDirs: readonly string[],
  load: LoadSource,
): Promise<ExclusionCheck> {
  const label = t('cmd.verify.check.excluded', { path: source.path });
  const rows = rowsOf(named, source.sha256);
  const at = await locate(source, base, searchDirs);
  if (at === null) {
    return {
      check: label,
      ok: true,
      detail: t('verify.excluded.unavailable', { sha: source.sha256.slice(0, 16), rows: rows.size }),
      caveat: t('verify.exclusions.notRechecked'),
    };
  }
  try {
    const loaded = await load(at, source.stages);
    if (loaded.sha256 !== source.sha256) {
      return {
        check: label,
        ok: false,
        detail: t('cmd.verify.detail.excludedChanged', {
          recorded: source.sha256.slice(0, 16),
          now: loaded.sha256.slice(0, 16),
        }),
      };
    }
    const theirs = rowsOf(loaded.named, source.sha256);
    const same = theirs.size === rows.size && [...theirs].every((row) => rows.has(row));
    const recordedOnly = [...rows].filter((row) => !theirs.has(row));
    const sourceOnly = [...theirs].filter((row) => !rows.has(row));
    return {
      check: label,
      ok: same,
      detail: same
        ? t('verify.excluded.recomputed', { sha: source.sha256.slice(0, 16), rows: rows.size })
        : t('verify.excluded.unitsDiffer', {
            sha: source.sha256.slice(0, 16),
            recordedOnly: someRows(recordedOnly),
            sourceOnly: someRows(sourceOnly),
          }),
    };
  } catch (error) {
    if (!(error instanceof SpotcheckError)) throw error;
    return {
      check: label,
      ok: false,
      detail: t('cmd.verify.detail.excludedUnusable', { problem: error.describe().replace(/\n\s*/g, '; ') }),
    };
  }
}

/**
 * The checks of a draw with excluded.csv: the file is the one the manifest records and well formed;
 * each source, where it is found (recorded path or --exclusions-from), is unchanged and names exactly
 * the rows of excluded.csv that name it; a source not found is said to be unavailable (the re-draw
 * then rests on excluded.csv alone).
 */
export async function excludedFileChecks(
  manifest: Manifest,
  base: string,
  searchDirs: readonly string[],
  load: LoadSource,
): Promise<ExclusionCheck[]> {
  const file = await readExcludedFile(manifest, base);
  if (Array.isArray(file)) return file;
  const checks: ExclusionCheck[] = [];
  for (const source of file.record.sources) checks.push(await sourceCheck(source, file.named, base, searchDirs, load));
  return checks;
}

/** The re-drawn manifest's exclusions record (units that left the frame included) equals the recorded one. */
export function exclusionRecordCheck(recorded: Manifest, redrawn: Manifest): ExclusionCheck[] {
  if (!hasExcludedFile(recorded)) return [];
  const same = JSON.stringify(recorded.exclusions) === JSON.stringify(redrawn.exclusions);
  return [
    {
      check: t('verify.excluded.record'),
      ok: same,
      detail: t(same ? 'verify.excluded.recordMatches' : 'verify.excluded.recordDiffers'),
    },
  ];
}
