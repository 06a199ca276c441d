/**
 * The plan file: what a committee sets once (level, scope, stage sizes, frame rules, column
 * mappings, output options) in `spotcheck.config.json` in the working directory, or in the file
 * given with --plan. Command-line options override it. Its values become the same raw option values
 * the command line gives, so they go through the same checks; a key that does not exist or a value
 * of the wrong type is an error naming the key. Paths in it are relative to the plan file.
 *
 *   { "columns": { "household_id": "户号" }, "encoding": "gbk", "excel": true,
 *     "monthly": { "level": "prefecture", "scope": "文山壮族苗族自治州", "villages": 3, "spares": 2 },
 *     "funds": { "scope": "文山壮族苗族自治州", "coverage": 0.5 } }
 */
import { createHash } from 'node:crypto';
import { LIMITS, parseJsonBounded, readRegularFile } from './safeRead.js';
import { dirname, resolve } from 'node:path';
import { SpotcheckError } from '../errors.js';
import { escapeTerminal } from '../core/safeText.js';
import { isRegistryField } from '../core/columns.js';
import { msg, setLanguage, t } from '../i18n.js';
import { parseLang } from '../lang.js';

export const DEFAULT_PLAN = 'spotcheck.config.json';

type Kind = 'string' | 'path' | 'count' | 'share' | 'boolean' | 'list' | 'paths' | 'columns' | 'sizes';

/** Plan key → [option attribute as commander names it, kind]. */
const COMMON: Readonly<Record<string, readonly [string, Kind]>> = {
  encoding: ['encoding', 'string'],
  sheet: ['sheet', 'string'],
  columns: ['column', 'columns'],
  divisions: ['divisions', 'path'],
  excel: ['excel', 'boolean'],
  xlsx: ['xlsx', 'boolean'],
  reveal_ids: ['revealIds', 'boolean'],
  ledger: ['ledger', 'path'],
  seed_source: ['seedSource', 'string'],
  commitment: ['commitment', 'path'],
  quiet: ['quiet', 'boolean'],
  lang: ['lang', 'string'],
};

const COMMANDS: Readonly<Record<string, Readonly<Record<string, readonly [string, Kind]>>>> = {
  monthly: {
    level: ['level', 'string'],
    scope: ['scope', 'string'],
    counties: ['counties', 'count'],
    villages: ['villages', 'count'],
    households: ['households', 'count'],
    village_frame: ['villageFrame', 'string'],
    statuses: ['statuses', 'list'],
    spares: ['spares', 'count'],
    exclude_stages: ['excludeStages', 'list'],
    history: ['history', 'path'],
    cooldown: ['cooldown', 'count'],
    cooldown_stages: ['cooldownStages', 'list'],
  },
  evaluate: {
    counties: ['counties', 'count'],
    strata: ['strata', 'string'],
    county_attributes: ['countyAttributes', 'path'],
    allocation: ['allocation', 'string'],
    county_selection: ['countySelection', 'string'],
    villages_per_county: ['villagesPerCounty', 'count'],
    households: ['households', 'sizes'],
    spares: ['spares', 'count'],
    nonpoor: ['nonpoor', 'paths'],
  },
  funds: {
    scope: ['scope', 'string'],
    coverage: ['coverage', 'share'],
    method: ['method', 'string'],
    counties: ['counties', 'count'],
    funds: ['funds', 'path'],
  },
};

interface LoadedPlan {
  /** Raw option values as commander would give them. */
  readonly raw: Record<string, unknown>;
  /** For the manifest: the plan file, its SHA-256 and the keys it set for this command. */
  readonly record: {
    readonly path: string;
    readonly sha256: string;
    readonly applied: Readonly<Record<string, unknown>>;
  } | null;
}

const describe = (kind: Kind): string =>
  ({
    string: () => t('io.plan.kind.string'),
    path: () => t('io.plan.kind.path'),
    count: () => t('io.plan.kind.count'),
    share: () => t('io.plan.kind.share'),
    boolean: () => t('io.plan.kind.boolean'),
    list: () => t('io.plan.kind.list'),
    paths: () => t('io.plan.kind.paths'),
    columns: () => t('io.plan.kind.columns', { example: '{ "household_id": "户号" }' }),
    sizes: () => t('io.plan.kind.sizes', { example: '{ "poor": 5, "exited": 5, "nonpoor": 5 }' }),
  })[kind]();

/** Turns one plan value into the raw option value, or throws naming the key. */
function rawValue(key: string, kind: Kind, value: unknown, file: string, base: string): unknown {
  const bad = (): never => {
    throw new SpotcheckError(
      'USAGE',
      msg('io.plan.badValue', { key, expected: describe(kind), got: String(JSON.stringify(value)) }),
      { file },
    );
  };
  switch (kind) {
    case 'string':
      return typeof value === 'string' && value.trim() !== '' ? value : bad();
    case 'path':
      return typeof value === 'string' && value.trim() !== '' ? resolve(base, value) : bad();
    case 'count':
      return (typeof value === 'number' && Number.isInteger(value)) ||
        (typeof value === 'string' && /^[0-9]+$/.test(value.trim()))
        ? String(value).trim()
        : bad();
    case 'share':
      return typeof value === 'number' || typeof value === 'string' ? String(value) : bad();
    case 'boolean':
      return typeof value === 'boolean' ? value : bad();
    case 'list':
      return typeof value === 'string'
        ? value
        : Array.isArray(value) && value.every((item) => typeof item === 'string')
          ? value.join(',')
          : bad();
    case 'paths':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? value.map((item) => resolve(base, item))
        : bad();
    case 'columns': {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad();
      return Object.entries(value as Record<string, unknown>).map(([field, header]) => {
        if (!isRegistryField(field))
          throw new SpotcheckError('USAGE', msg('io.plan.notRegistryField', { key: `${key}.${field}` }), {
            file,
            hint: msg('io.plan.fieldsHint'),
          });
        if (typeof header !== 'string' || header === '')
          throw new SpotcheckError(
            'USAGE',
            msg('io.plan.columnHeader', { key: `${key}.${field}`, got: String(JSON.stringify(header)) }),
            { file },
          );
        return `${field}=${header}`;
      });
    }
    case 'sizes':
      if (typeof value === 'string') return value;
      if (value === null || typeof value !== 'object' || Array.isArray(value)) return bad();
      return Object.entries(value as Record<string, unknown>)
        .map(([status, size]) => (typeof size === 'number' ? `${status}=${size}` : bad()))
        .join(',');
  }
}

/**
 * Loads the plan for `command`: from `path` (--plan), else from spotcheck.config.json in the
 * working directory when there is one, else none.
 */
export async function loadPlan(
  command: 'monthly' | 'evaluate' | 'funds',
  path: string | undefined,
): Promise<LoadedPlan> {
  const file = path ?? DEFAULT_PLAN;
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file, LIMITS.plan, 'USAGE');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    if (path === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { raw: {}, record: null };
    const code = (error as NodeJS.ErrnoException).code;
    throw new SpotcheckError(
      'USAGE',
      msg('io.plan.unreadable', { reason: code === 'ENOENT' ? t('io.reason.noSuchFile') : String(code) }),
      { file },
    );
  }
  let plan: unknown;
  try {
    // Bounded, and __proto__ / constructor / prototype refused at any depth (no prototype pollution).
    plan = parseJsonBounded(bytes.toString('utf8').replace(/^\uFEFF/, ''), file, 'USAGE', true);
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError('USAGE', msg('io.plan.invalidJson', { detail: (error as Error).message }), { file });
  }
  if (plan === null || typeof plan !== 'object' || Array.isArray(plan))
    throw new SpotcheckError('USAGE', msg('io.plan.notObject'), { file });
  const base = dirname(resolve(file));
  const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const applied: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const sections = Object.keys(COMMANDS);
  for (const [key, value] of Object.entries(plan as Record<string, unknown>)) {
    if (key === '$schema' || key === 'description') continue;
    if (sections.includes(key)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new SpotcheckError('USAGE', msg('io.plan.sectionNotObject', { key }), { file });
      continue;
    }
    const spec = Object.hasOwn(COMMON, key) ? COMMON[key] : undefined;
    if (!spec) {
      throw new SpotcheckError('USAGE', msg('io.plan.unknownKey', { key }), {
        file,
        hint: msg('io.plan.knownAtTop', { keys: [...Object.keys(COMMON), ...sections].join(', ') }),
      });
    }
    raw[spec[0]] = rawValue(key, spec[1], value, file, base);
    applied[key] = value;
  }
  const section = (plan as Record<string, unknown>)[command] as Record<string, unknown> | undefined;
  for (const [key, value] of Object.entries(section ?? {})) {
    const spec =
      (Object.hasOwn(COMMANDS[command]!, key) ? COMMANDS[command]![key] : undefined) ??
      (Object.hasOwn(COMMON, key) ? COMMON[key] : undefined);
    if (!spec) {
      throw new SpotcheckError('USAGE', msg('io.plan.unknownKey', { key: `${command}.${key}` }), {
        file,
        hint: msg('io.plan.knownInSection', {
          section: command,
          keys: [...Object.keys(COMMANDS[command]!), ...Object.keys(COMMON)].join(', '),
        }),
      });
    }
    raw[spec[0]] = rawValue(`${command}.${key}`, spec[1], value, file, base);
    applied[`${command}.${key}`] = value;
  }
  // The other commands' sections are checked too, so a typo there is found before it matters.
  for (const other of sections.filter((name) => name !== command)) {
    for (const key of Object.keys(
      ((plan as Record<string, unknown>)[other] as Record<string, unknown> | undefined) ?? {},
    )) {
      if (!Object.hasOwn(COMMANDS[other]!, key) && !Object.hasOwn(COMMON, key))
        throw new SpotcheckError('USAGE', msg('io.plan.unknownKey', { key: `${other}.${key}` }), { file });
    }
  }
  return { raw, record: { path: file, sha256: createHash('sha256').update(bytes).digest('hex'), applied } };
}

/**
 * Plan keys that do not apply once the command line has spoken (a plan's scope when the command
 * line draws at province level, its coverage when it asks for --method pps …): they are dropped,
 * not refused, since the user did not type them.
 */
function inapplicable(command: 'monthly' | 'evaluate' | 'funds', merged: Record<string, unknown>): string[] {
  const text = (key: string) => (typeof merged[key] === 'string' ? (merged[key] as string).trim().toLowerCase() : null);
  if (command === 'monthly') {
    const level = text('level') ?? 'province';
    return [
      ...(['province', '省'].includes(level) ? ['scope'] : []),
      ...(['county', '县', '县区', 'township', '乡镇'].includes(level) ? ['counties'] : []),
      ...(merged.exclude === undefined ? ['excludeStages'] : []),
      ...(merged.history === undefined ? ['cooldown', 'cooldownStages'] : []),
    ];
  }
  if (command === 'funds') return text('method') === 'pps' ? ['coverage'] : ['counties'];
  return [];
}

let revealingPlan: string | null = null;

/**
 * The plan file that turned ID masking off (reveal_ids: true, not --reveal-ids on the command line),
 * or null: announced on stderr when the plan is applied, and in the draw's summary and --json.
 */
export function planRevealingIds(): string | null {
  return revealingPlan;
}

/** Forgets the plan that revealed IDs (each run() starts without one). */
export function resetPlanState(): void {
  revealingPlan = null;
}

/** Command-line values over the plan's: an option given on the command line wins. */
export function withPlan<T extends object>(
  plan: LoadedPlan,
  raw: T,
  command: 'monthly' | 'evaluate' | 'funds',
  announce = true,
): T {
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  if (announce && plan.record !== null && plan.raw.revealIds === true && given.revealIds === undefined) {
    revealingPlan = plan.record.path;
    process.stderr.write(escapeTerminal(`spotcheck: ${t('safety.revealIdsWarning', { file: plan.record.path })}\n`));
  }
  const merged: Record<string, unknown> = { ...plan.raw, ...given };
  for (const key of inapplicable(command, merged)) if (!(key in given)) delete merged[key];
  if (typeof merged.lang === 'string') setLanguage(parseLang(merged.lang), 'plan');
  delete merged.lang;
  return merged as T;
}
