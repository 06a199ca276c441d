/**
 * Earlier draws (or plain lists of units) whose units a draw leaves out of its frame: --exclude
 * PATH… and --history DIR --cooldown MONTHS. A draw is read from its manifest and the output files
 * beside it, each checked against the manifest's SHA-256, so an edited or missing earlier draw is an
 * error rather than a silently different frame.
 */
import { createHash } from 'node:crypto';
import { readdir, stat } from 'node:fs/promises';
import { temporaryOwner } from './drawDirectory.js';
import { dirname, join } from 'node:path';
import { parseSmallCsv } from './packages.js';
import { drawCellReader, unguardColumn } from '../core/spreadsheetText.js';
import { isPersonalValue } from '../core/personalText.js';
import { SpotcheckError } from '../errors.js';
import { LIMITS, readRegularFile } from './safeRead.js';
import { msg, t } from '../i18n.js';
import type { Manifest } from '../core/manifest.js';
import type { Exclusions } from '../core/monthly.js';
import { compareCodePoints, normalizeName } from '../core/text.js';
import { headerKey } from '../core/columns.js';
import { canonicalColumn } from '../core/headings.js';
import { readManifest } from './manifest.js';
import { registriesFor, requireReproduces } from './drawVerifier.js';
import {
  addNamed,
  exclusionsOf,
  matchingKeys,
  noNamedKeys,
  parseExcludedCsv,
  refuseDrawOutputAsList,
  refuseForeignDraw,
  refuseListMatchingNothing,
  type ExclusionGuard,
  type ExclusionRecord,
  type NamedKeys,
} from './exclusionRecord.js';
import {
  EXCLUSION_STAGES,
  type ExclusionSpec,
  type ExclusionStage,
  type LoadedExclusionSource,
} from './exclusionSources.js';

export { EXCLUSION_STAGES, type ExclusionSpec, type ExclusionStage, type LoadedExclusionSource };

/** The columns of a list (or of a draw's output) that name units of each stage. */
const LIST_COLUMNS: Readonly<Record<ExclusionStage, readonly string[]>> = {
  county: ['county_code', '县代码', 'county_key'],
  village: ['village_key', '村代码', 'village_code'],
  household: ['household_id', '户编号'],
};

/** The output file of each command that lists the units of each stage. */
const DRAW_FILES: Readonly<Record<string, Partial<Record<ExclusionStage, string>>>> = {
  monthly: { county: 'counties.csv', village: 'villages.csv', household: 'households.csv' },
  evaluate: { county: 'counties.csv', village: 'villages.csv', household: 'frame.csv' },
  funds: { county: 'counties.csv' },
};

const sha256 = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/**
 * Unit keys per stage of a CSV's columns: a draw's output, its cells read back by its manifest's
 * formula guard (`readColumn`), or a list, whose columns are read back by unguardColumn (§20: a list
 * copied out of a CSV for Excel keeps its apostrophes).
 */
function unitsOfCsv(
  text: string,
  file: string,
  only: ExclusionStage | null,
  readColumn: (values: readonly string[]) => readonly string[] = unguardColumn,
): Record<ExclusionStage, string[]> & { present: ExclusionStage[]; header: string[] } {
  let rows: string[][];
  try {
    rows = parseSmallCsv(text);
  } catch (error) {
    throw new SpotcheckError('INPUT', msg('io.exclude.invalidCsv', { detail: (error as Error).message }), { file });
  }
  const [header = [], ...body] = rows;
  // A draw written in Chinese heads its columns 县代码, 村键, 户编号 …: read them as county_code, village_key, household_id.
  const keys = header.map((cell) => headerKey(canonicalColumn(cell)));
  const found: Record<ExclusionStage, string[]> & { present: ExclusionStage[]; header: string[] } = {
    county: [],
    village: [],
    household: [],
    present: [],
    header,
  };
  for (const stage of only === null ? EXCLUSION_STAGES : [only]) {
    const accepted = new Set(LIST_COLUMNS[stage].map((name) => headerKey(name)));
    const column = keys.findIndex((key) => accepted.has(key));
    if (column < 0) continue;
    found.present.push(stage);
    found[stage] = readColumn(body.map((row) => row[column] ?? ''))
      .map(normalizeName)
      .filter((value) => value !== '');
  }
  if (found.present.length === 0) {
    const wanted = (only === null ? EXCLUSION_STAGES : [only])
      .map((stage) => LIST_COLUMNS[stage].join(t('io.list.or')))
      .join('; ');
    throw new SpotcheckError(
      'INPUT',
      msg('io.exclude.noKeyColumn', { wanted, found: header.join(', ') || t('io.list.none') }),
      { file, hint: msg('io.exclude.noKeyColumnHint') },
    );
  }
  return found;
}

async function readBytes(path: string, what: string): Promise<Buffer> {
  try {
    return await readRegularFile(path, LIMITS.list, 'INPUT');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpotcheckError(
      'INPUT',
      msg('io.exclude.unreadable', { what, reason: code === 'ENOENT' ? t('io.reason.noSuchFile') : String(code) }),
      { file: path, hint: msg('io.exclude.keepWholeHint') },
    );
  }
}

type LoadedSourceKeys = { source: LoadedExclusionSource; keys: Record<ExclusionStage, string[]> };

/** One source: a draw (directory or manifest.json) or a list (CSV). */
async function loadSource(spec: ExclusionSpec, guard: ExclusionGuard | null): Promise<LoadedSourceKeys> {
  const info = await stat(spec.path).catch(() => null);
  if (!info)
    throw new SpotcheckError('INPUT', msg('io.exclude.missing'), {
      file: spec.path,
      hint: msg('io.exclude.missingHint'),
    });
  const isManifest = info.isDirectory() || spec.path.toLowerCase().endsWith('.json');
  return isManifest
    ? loadDrawSource(spec, info.isDirectory() ? join(spec.path, 'manifest.json') : spec.path, guard)
    : loadListSource(spec, guard);
}

/** A list (CSV) of the units of one stage. */
async function loadListSource(spec: ExclusionSpec, guard: ExclusionGuard | null): Promise<LoadedSourceKeys> {
  const bytes = await readBytes(spec.path, t('io.exclude.theList'));
  const found = unitsOfCsv(bytes.toString('utf8'), spec.path, null);
  if (guard) await refuseDrawOutputAsList(spec.path, found.header);
  // A list names the units of one stage: its most specific key column (a households.csv also has
  // county and village columns, which name where the households are, not units to leave out).
  const stage = [...found.present].reverse().find((candidate) => spec.stages.includes(candidate));
  if (!stage) {
    const columns = spec.stages.map((name) => LIST_COLUMNS[name][0]).join(t('io.list.or'));
    throw new SpotcheckError(
      'INPUT',
      msg('io.exclude.stageMismatch', { present: found.present.join(', '), stages: spec.stages.join(', ') }),
      {
        file: spec.path,
        hint:
          spec.reason === 'exclude'
            ? msg('io.exclude.stageMismatchHintExclude', { columns })
            : msg('io.exclude.stageMismatchHint', { columns }),
      },
    );
  }
  const keys: Record<ExclusionStage, string[]> = { county: [], village: [], household: [], [stage]: found[stage] };
  if (guard) refuseListMatchingNothing(spec.path, stage, found[stage], guard);
  // Counted: the keys that name a unit of the registry (a key matching nothing excludes nothing).
  return { source: { ...spec, kind: 'list', sha256: sha256(bytes), draw: null, units: counts(keys, guard) }, keys };
}

/** An earlier draw: the units of its files (each checked against its manifest), refused when it does not reproduce. */
async function loadDrawSource(
  spec: ExclusionSpec,
  manifestPath: string,
  guard: ExclusionGuard | null,
): Promise<LoadedSourceKeys> {
  const manifest: Manifest = await readManifest(manifestPath);
  const foreign =
    guard && spec.reason !== 'recorded'
      ? refuseForeignDraw(spec.path, manifest, spec.reason, guard)
      : { otherRegistry: false, otherMonth: false };
  const files = DRAW_FILES[manifest.command] ?? {};
  const keys: Record<ExclusionStage, string[]> = { county: [], village: [], household: [] };
  for (const stage of EXCLUSION_STAGES) {
    const name = files[stage];
    if (!name) continue;
    const path = join(dirname(manifestPath), name);
    const bytes = await readBytes(path, t('io.exclude.theDrawFile', { name }));
    if (sha256(bytes) !== manifest.outputs[name]?.sha256) {
      throw new SpotcheckError('INPUT', msg('io.exclude.drawFileChanged', { name }), {
        file: path,
        hint: msg('io.exclude.drawFileChangedHint'),
      });
    }
    const readCell = drawCellReader(manifest.parameters);
    keys[stage] = unitsOfCsv(bytes.toString('utf8'), path, stage, (values) => values.map(readCell))[stage];
  }
  // Household IDs that are ID or phone numbers are masked in the draw's files (§17): they name no
  // household, and leaving them in would exclude nothing without a word.
  const masked =
    guard?.hasHousehold && spec.stages.includes('household')
      ? keys.household.filter((key) => key.includes('*') && !guard.hasHousehold!(key))
      : [];
  if (masked.length > 0) {
    throw new SpotcheckError('USAGE', msg('io.excluded.maskedHouseholds', { n: masked.length, example: masked[0]! }), {
      file: spec.path,
      hint: msg('io.excluded.maskedHouseholdsHint'),
    });
  }
  // The excluded draw must itself reproduce from the registry (one re-draw), or its units are not what it claims.
  if (guard?.registryPaths && spec.reason !== 'recorded')
    await requireReproduces(
      dirname(manifestPath),
      manifest.manifest_sha256!,
      registriesFor(manifest, { paths: guard.registryPaths, sha256s: guard.registry }),
      new Set(),
    );
  const p = manifest.parameters as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    source: {
      ...spec,
      kind: 'draw',
      sha256: manifest.manifest_sha256!,
      draw: {
        command: manifest.command,
        month: text(p.month),
        level: text(p.level),
        scope: text(p.scope_key) || text(p.scope) || null,
        scope_label: text(p.scope_label),
        seed: String(p.seed),
      },
      units: counts(keys, guard),
      ...(foreign.otherRegistry ? { other_registry: true as const } : {}),
      ...(foreign.otherMonth ? { other_month: true as const } : {}),
    },
    keys,
  };
}

/** Units named per stage; with a guard (a new draw), only the keys that name a unit of the registry. */
const counts = (
  keys: Record<ExclusionStage, string[]>,
  guard: ExclusionGuard | null = null,
): Record<ExclusionStage, number> => {
  const units = (stage: ExclusionStage) =>
    new Set(guard === null ? keys[stage] : matchingKeys(guard, stage, keys[stage])).size;
  return { county: units('county'), village: units('village'), household: units('household') };
};

/**
 * Loads every source; the union of their units at their stages is what a draw leaves out, with the
 * sources that named each unit (excluded.csv). A "recorded" spec (verify) reads a draw's own
 * excluded.csv and its manifest record instead of the sources. With a guard (a new draw), a source
 * from another registry or month, a list that names no unit and a drawn-units file given as a list
 * are refused.
 */
export async function loadExclusions(
  specs: readonly ExclusionSpec[],
  guard: ExclusionGuard | null = null,
): Promise<{
  exclusions: Exclusions;
  sources: LoadedExclusionSource[];
  named: NamedKeys;
  recorded: ExclusionRecord | null;
}> {
  const recorded = specs.find((spec) => spec.reason === 'recorded');
  if (recorded?.record) {
    const named = parseExcludedCsv(
      (await readRegularFile(recorded.path, LIMITS.list, 'INPUT')).toString('utf8'),
      recorded.path,
      recorded.readCell ?? ((text) => text),
    );
    return { exclusions: exclusionsOf(named), sources: [...recorded.record.sources], named, recorded: recorded.record };
  }
  const named = noNamedKeys();
  const sources: LoadedExclusionSource[] = [];
  for (const spec of specs) {
    const { source, keys } = await loadSource(spec, guard);
    sources.push(source);
    for (const stage of EXCLUSION_STAGES)
      if (spec.stages.includes(stage)) for (const key of keys[stage]) addNamed(named, stage, key, source.sha256);
  }
  // excluded.csv keeps the keys as they are (the re-draw needs them): a masked draw cannot record an
  // ID or phone number there (§17), so a household key that is one is refused, naming its source.
  const personal = guard?.masksIds ? [...named.household.keys()].filter(isPersonalValue) : [];
  if (personal.length > 0) {
    const source = sources.find((candidate) => named.household.get(personal[0]!)!.has(candidate.sha256))!;
    throw new SpotcheckError('USAGE', msg('io.excluded.personalKeys', { n: personal.length, example: personal[0]! }), {
      file: source.path,
      hint: msg('io.excluded.maskedHouseholdsHint'),
    });
  }
  return { exclusions: exclusionsOf(named), sources, named, recorded: null };
}

/** One source's SHA-256 and the keys it names at `stages` (verify's check of a source it finds). */
export async function loadOneSource(
  path: string,
  stages: readonly ExclusionStage[],
): Promise<{ sha256: string; named: NamedKeys; kind: 'draw' | 'list' }> {
  const { sources, named } = await loadExclusions([{ path, stages, reason: 'exclude' }]);
  return { sha256: sources[0]!.sha256, named, kind: sources[0]!.kind };
}

/** "2026-11" minus `months`. */
function monthsBefore(month: string, months: number): string {
  const [year, number] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (number - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/**
 * The manifests under `dir` (recursively) of monthly draws made in the `cooldown` months before
 * `month` (not in `month` itself: the same month's draws are named with --exclude), in path order.
 */
export async function findHistory(dir: string, month: string, cooldown: number): Promise<string[]> {
  const info = await stat(dir).catch(() => null);
  if (!info?.isDirectory()) throw new SpotcheckError('INPUT', msg('io.exclude.historyNotDirectory'), { file: dir });
  const earliest = monthsBefore(month, cooldown);
  const found: string[] = [];
  const walk = async (at: string): Promise<void> => {
    const entries = await readdir(at, { withFileTypes: true });
    for (const entry of entries.sort((a, b) => compareCodePoints(a.name, b.name))) {
      const path = join(at, entry.name);
      // A draw being swapped in by --force (or left by a killed one) is not a draw of the history.
      if (temporaryOwner(entry.name) !== null) continue;
      if (entry.isDirectory()) await walk(path);
      else if (entry.name === 'manifest.json') {
        const manifest = await readManifest(path);
        const drawnIn = (manifest.parameters as Record<string, unknown>).month;
        if (manifest.command === 'monthly' && typeof drawnIn === 'string' && drawnIn >= earliest && drawnIn < month)
          found.push(dirname(path));
      }
    }
  };
  await walk(dir);
  return found;
}
