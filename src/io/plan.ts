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
import { DEFAULT_PLAN } from './defaults.js';
import { resetBeforeEachRun } from '../runState.js';

/** How a plan value is read: the kinds of option values a plan can set. */
export type PlanKind =
  | 'string'
  | 'path'
  | 'count'
  | 'share'
  | 'boolean'
  | 'list'
  | 'texts'
  | 'paths'
  | 'columns'
  | 'sizes';

/** Plan key → [option attribute as commander names it, kind]; made from the commands' option specs. */
export type PlanTable = Readonly<Record<string, readonly [attribute: string, kind: PlanKind]>>;

/** The keys a plan may hold: at the top (every drawing command's), and in each command's section. */
export interface PlanSchema {
  readonly common: PlanTable;
  readonly sections: Readonly<Record<string, PlanTable>>;
}

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

const describe = (kind: PlanKind): string =>
  ({
    string: () => t('io.plan.kind.string'),
    path: () => t('io.plan.kind.path'),
    count: () => t('io.plan.kind.count'),
    share: () => t('io.plan.kind.share'),
    boolean: () => t('io.plan.kind.boolean'),
    list: () => t('io.plan.kind.list'),
    texts: () => t('io.plan.kind.texts'),
    paths: () => t('io.plan.kind.paths'),
    columns: () => t('io.plan.kind.columns', { example: '{ "household_id": "户号" }' }),
    sizes: () => t('io.plan.kind.sizes', { example: '{ "poor": 5, "exited": 5, "nonpoor": 5 }' }),
  })[kind]();

/** Turns one plan value into the raw option value, or throws naming the key. */
function rawValue(key: string, kind: PlanKind, value: unknown, file: string, base: string): unknown {
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
    case 'texts':
      // The items as they are: the option checks each (a comma in one is not a separator here).
      return Array.isArray(value) && value.every((item) => typeof item === 'string') ? [...value] : bad();
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
 * readPlanFile reads and parses the plan file: a JSON object, bounded. Null when it is the default
 * spotcheck.config.json (not `named` with --plan) and there is none.
 */
async function readPlanFile(
  file: string,
  named: boolean,
): Promise<{ bytes: Buffer; plan: Record<string, unknown> } | null> {
  let bytes: Buffer;
  try {
    bytes = await readRegularFile(file, LIMITS.plan, 'USAGE');
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    if (!named && (error as NodeJS.ErrnoException).code === 'ENOENT') return null;
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
  return { bytes, plan: plan as Record<string, unknown> };
}

/** The other commands' sections are checked too, so a typo there is found before it matters. */
function checkOtherSections(plan: Record<string, unknown>, command: string, schema: PlanSchema, file: string): void {
  const { common, sections: commands } = schema;
  for (const other of Object.keys(commands).filter((name) => name !== command)) {
    for (const key of Object.keys((plan[other] as Record<string, unknown> | undefined) ?? {})) {
      if (!Object.hasOwn(commands[other]!, key) && !Object.hasOwn(common, key))
        throw new SpotcheckError('USAGE', msg('io.plan.unknownKey', { key: `${other}.${key}` }), { file });
    }
  }
}

/**
 * Loads the plan for `command`: from `path` (--plan), else from spotcheck.config.json in the
 * working directory when there is one, else none. The plan's keys (`planSchema`) are asked for only
 * when there is a plan to check: they take every drawing command's spec.
 */
export async function loadPlan(
  command: string,
  path: string | undefined,
  planSchema: () => PlanSchema | Promise<PlanSchema>,
): Promise<LoadedPlan> {
  const file = path ?? DEFAULT_PLAN;
  const read = await readPlanFile(file, path !== undefined);
  if (read === null) return { raw: {}, record: null };
  const schema = await planSchema();
  const { common, sections: commands } = schema;
  const { bytes, plan } = read;
  const base = dirname(resolve(file));
  const raw: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const applied: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  const sections = Object.keys(commands);
  for (const [key, value] of Object.entries(plan)) {
    if (key === '$schema' || key === 'description') continue;
    if (sections.includes(key)) {
      if (value === null || typeof value !== 'object' || Array.isArray(value))
        throw new SpotcheckError('USAGE', msg('io.plan.sectionNotObject', { key }), { file });
      continue;
    }
    const spec = Object.hasOwn(common, key) ? common[key] : undefined;
    if (!spec) {
      throw new SpotcheckError('USAGE', msg('io.plan.unknownKey', { key }), {
        file,
        hint: msg('io.plan.knownAtTop', { keys: [...Object.keys(common), ...sections].join(', ') }),
      });
    }
    raw[spec[0]] = rawValue(key, spec[1], value, file, base);
    applied[key] = value;
  }
  const section = plan[command] as Record<string, unknown> | undefined;
  // An option's key and its former key (src/commands/_shared/optionSpec.ts) set the same option: one of them.
  const setBy = new Map<string, string>();
  for (const [key, value] of Object.entries(section ?? {})) {
    const spec =
      (Object.hasOwn(commands[command]!, key) ? commands[command]![key] : undefined) ??
      (Object.hasOwn(common, key) ? common[key] : undefined);
    if (!spec) {
      throw new SpotcheckError('USAGE', msg('io.plan.unknownKey', { key: `${command}.${key}` }), {
        file,
        hint: msg('io.plan.knownInSection', {
          section: command,
          keys: [...Object.keys(commands[command]!), ...Object.keys(common)].join(', '),
        }),
      });
    }
    const earlier = setBy.get(spec[0]);
    if (earlier !== undefined)
      throw new SpotcheckError(
        'USAGE',
        msg('options.sameOption', { first: `${command}.${earlier}`, second: `${command}.${key}` }),
        { file },
      );
    setBy.set(spec[0], key);
    raw[spec[0]] = rawValue(`${command}.${key}`, spec[1], value, file, base);
    applied[`${command}.${key}`] = value;
  }
  checkOtherSections(plan, command, schema, file);
  return { raw, record: { path: file, sha256: createHash('sha256').update(bytes).digest('hex'), applied } };
}

let revealingPlan: string | null = null;

/**
 * The plan file that turned ID masking off (reveal_ids: true, not --reveal-ids on the command line),
 * or null: announced on stderr when the plan is applied, and in the draw's summary and --json.
 */
export function planRevealingIds(): string | null {
  return revealingPlan;
}

// Each run() starts without a plan that revealed IDs.
resetBeforeEachRun(() => {
  revealingPlan = null;
});

/** Command-line values over the plan's: an option given on the command line wins. */
export function withPlan<T extends object>(
  plan: LoadedPlan,
  raw: T,
  inapplicable: (merged: Readonly<Record<string, unknown>>) => readonly string[],
  announce = true,
): T {
  const given = Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined));
  if (announce && plan.record !== null && plan.raw.revealIds === true && given.revealIds === undefined) {
    revealingPlan = plan.record.path;
    process.stderr.write(escapeTerminal(`spotcheck: ${t('safety.revealIdsWarning', { file: plan.record.path })}\n`));
  }
  const merged: Record<string, unknown> = { ...plan.raw, ...given };
  for (const key of inapplicable(merged)) if (!(key in given)) delete merged[key];
  if (typeof merged.lang === 'string') setLanguage(parseLang(merged.lang), 'plan');
  delete merged.lang;
  return merged as T;
}
