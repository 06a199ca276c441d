/**
 * `spotcheck monthly`'s options, each defined once (src/commands/_shared/optionSpec.ts): flag,
 * check and default, help line, plan key and manifest key. The command, its option type, the plan
 * file's `monthly` section, the manifest's parameters and verify's read-back come from here.
 */
import { HOUSEHOLD_STATUSES, type HouseholdStatus } from '../../core/vocabulary.js';
import { LEVELS, type Level, levelName, parseLevel } from '../../core/scope.js';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import type { ExclusionSpec } from '../../io/exclude.js';
import type { DrawReadOptions } from '../_shared/drawRun.js';
import { EXCLUSION_FLAGS } from '../_shared/exclusionOptions.js';
import { type OptionValues, type RawOptions, recorded, single, variadic } from '../_shared/optionSpec.js';
import {
  MONTH_OPTION,
  REGISTRY_OPTIONS,
  REGISTRY_PARAMETER_ORDER,
  SEED_OPTION,
  drawOutputOptions,
  noticeTitleOption,
} from '../_shared/options.js';
import { MONTHLY_NOTICE_TITLE } from '../../render/drawNames.js';
import {
  parseCount,
  parseExclusionStages,
  parsePositiveInteger,
  parseStatuses,
  parseVillageFrame,
} from '../_shared/parse.js';

/** Default sample sizes per level (counties × villages per county × households per village). */
export const LEVEL_DEFAULTS: Readonly<
  Record<Level, { counties: number | null; villages: number; households: number }>
> = {
  province: { counties: 4, villages: 2, households: 5 },
  prefecture: { counties: 2, villages: 2, households: 5 },
  county: { counties: null, villages: 4, households: 5 },
  township: { counties: null, villages: 2, households: 5 },
};

/**
 * The stages --exclude removes units at when --exclude-stages is not given: at county and township
 * level the county is the scope itself (drawn above, perhaps), so only its villages and households.
 */
const defaultExcludeStages = (given: RawOptions): string =>
  ['county', 'township'].includes(parseLevel(String(given.level ?? 'province')))
    ? 'village,household'
    : 'county,village,household';

/** The level's defaults (the level itself is checked first, by its own option). */
const levelDefaults = (given: RawOptions) => LEVEL_DEFAULTS[parseLevel(String(given.level ?? 'province'))];

/** The draw's own options (the first part of the help). */
const MONTHLY_DRAW_OPTIONS = {
  month: MONTH_OPTION,
  seed: SEED_OPTION,
  level: single({
    flags: '--level <level>',
    help: 'help.monthly.level',
    shownDefault: '"province"',
    plan: 'string',
    normalise: (raw: string | undefined): Level => parseLevel(raw ?? 'province'),
  }).record('level', recorded.oneOf(LEVELS)),
  scope: single({
    flags: '--scope <code|name>',
    help: 'help.monthly.scope',
    plan: 'string',
    normalise: (raw: string | undefined) => raw ?? null,
  }).record('scope', recorded.nullable(recorded.text)),
  counties: single({
    flags: '--counties <n>',
    help: 'help.monthly.counties',
    plan: 'count',
    normalise: (raw: string | undefined, given): number | null => {
      const defaults = levelDefaults(given);
      if (defaults.counties === null && raw !== undefined)
        throw new SpotcheckError(
          'USAGE',
          msg('cmd.monthly.countiesAtLevel', { level: levelName(parseLevel(String(given.level))), counties: raw }),
        );
      return defaults.counties === null
        ? null
        : raw === undefined
          ? defaults.counties
          : parsePositiveInteger('--counties', raw);
    },
  }).record('counties', recorded.nullable(recorded.count)),
  villagesPerCounty: single({
    flags: '--villages <n>',
    help: 'help.monthly.villages',
    plan: 'count',
    normalise: (raw: string | undefined, given) =>
      raw === undefined ? levelDefaults(given).villages : parsePositiveInteger('--villages', raw),
  }).record('villages', recorded.count),
  householdsPerVillage: single({
    flags: '--households <n>',
    help: 'help.monthly.households',
    shownDefault: '5',
    plan: 'count',
    normalise: (raw: string | undefined, given) =>
      raw === undefined ? levelDefaults(given).households : parsePositiveInteger('--households', raw),
  }).record('households', recorded.count),
  villageFrame: single({
    flags: '--village-frame <rule>',
    help: 'help.monthly.villageFrame',
    shownDefault: '"auto"',
    plan: 'string',
    normalise: (raw: string | undefined) => parseVillageFrame(raw ?? 'auto'),
  }).record('village_frame', recorded.oneOf(['auto', 'poor', 'all'] as const)),
  statuses: single({
    flags: '--statuses <list>',
    help: 'help.monthly.statuses',
    shownDefault: '"poor,exited"',
    plan: 'list',
    normalise: (raw: string | undefined): readonly HouseholdStatus[] =>
      Object.freeze(parseStatuses(raw ?? 'poor,exited')),
  }).record(
    'statuses',
    (value, bad) =>
      Array.isArray(value) && value.every((status) => (HOUSEHOLD_STATUSES as readonly unknown[]).includes(status))
        ? (value as HouseholdStatus[])
        : bad(),
    (statuses) => [...statuses],
  ),
  spares: single({
    flags: '--spares <n>',
    help: 'help.monthly.spares',
    shownDefault: '0',
    plan: 'count',
    normalise: (raw: string | undefined) => (raw === undefined ? 0 : parseCount('--spares', raw)),
    // Draws before spares (0.2.0) have none.
  }).record('spares', (value, bad) => (value === undefined ? 0 : recorded.count(value, bad))),
  exclude: variadic({
    flags: '--exclude <paths...>',
    help: 'help.monthly.exclude',
    normalise: (raw: string[] | undefined, given): readonly ExclusionSpec[] => {
      const stages = parseExclusionStages(
        '--exclude-stages',
        String(given.excludeStages ?? defaultExcludeStages(given)),
      );
      return Object.freeze((raw ?? []).map((path) => Object.freeze({ path, stages, reason: 'exclude' as const })));
    },
  }),
  // Read by --exclude; only checked here.
  excludeStages: single({
    flags: '--exclude-stages <list>',
    help: 'help.monthly.excludeStages',
    // The default depends on the level (the --exclude entry applies it): the help says both.
    shownDefault: () => t('help.monthly.excludeStagesDefault'),
    plan: 'list',
    normalise: (raw: string | undefined, given): void => {
      if (raw !== undefined && given.exclude === undefined)
        throw new SpotcheckError('USAGE', msg('cmd.monthly.excludeStagesWithoutExclude'));
    },
  }),
  history: single({
    flags: '--history <dir>',
    help: 'help.monthly.history',
    plan: 'path',
    normalise: (raw: string | undefined, given) => {
      if ((given.cooldown !== undefined || given.cooldownStages !== undefined) && raw === undefined)
        throw new SpotcheckError('USAGE', msg('cmd.monthly.cooldownWithoutHistory'));
      if (raw !== undefined && given.cooldown === undefined)
        throw new SpotcheckError('USAGE', msg('cmd.monthly.historyNeedsCooldown'));
      return raw === undefined
        ? null
        : Object.freeze({
            dir: raw,
            cooldown: parsePositiveInteger('--cooldown', String(given.cooldown), 120),
            stages: parseExclusionStages('--cooldown-stages', String(given.cooldownStages ?? 'village,household')),
          });
    },
  }),
  // Read by --history; checked there.
  cooldown: single({
    flags: '--cooldown <months>',
    help: 'help.monthly.cooldown',
    plan: 'count',
    normalise: (): void => undefined,
  }),
  cooldownStages: single({
    flags: '--cooldown-stages <list>',
    help: 'help.monthly.cooldownStages',
    shownDefault: '"village,household"',
    plan: 'list',
    normalise: (): void => undefined,
  }),
  ...EXCLUSION_FLAGS,
} as const;

/** How the draw's notice is titled (a committee setting: presentation only, not in the manifest). */
const MONTHLY_NOTICE_OPTIONS = { noticeTitle: noticeTitleOption(MONTHLY_NOTICE_TITLE) } as const;

/** Every option of `monthly`, in the order of its help. */
export const MONTHLY_OPTIONS = {
  ...MONTHLY_DRAW_OPTIONS,
  ...drawOutputOptions('help.monthly.out'),
  ...MONTHLY_NOTICE_OPTIONS,
  ...REGISTRY_OPTIONS,
} as const;

/** The keys of the plan file's "monthly" section. */
export const MONTHLY_PLAN_OPTIONS = { ...MONTHLY_DRAW_OPTIONS, ...MONTHLY_NOTICE_OPTIONS } as const;

/** Normalised options of a monthly draw: what the run needs (verify rebuilds them from a manifest). */
export type MonthlyOptions = OptionValues<typeof MONTHLY_DRAW_OPTIONS> &
  DrawReadOptions & {
    /** Write ID numbers and phone numbers unmasked (--reveal-ids). */
    readonly revealIds: boolean;
    /** false: no excluded.csv (verify of a draw made before it existed) and no refusals of sources. */
    readonly writeExcludedFile?: boolean;
  };

/**
 * The order of manifest.parameters of a monthly draw (frozen: it is part of every recorded
 * manifest's bytes). Options record themselves under their manifest key; the rest are facts of the draw.
 */
export const MONTHLY_PARAMETER_ORDER = [
  'month',
  'seed',
  'level',
  'scope',
  'scope_key',
  'scope_label',
  'counties',
  'villages',
  'households',
  'village_frame',
  'statuses',
  ...REGISTRY_PARAMETER_ORDER,
  'reveal_ids',
  'masking',
  'spares',
] as const;

/**
 * Plan keys that do not apply once the command line has spoken (a plan's scope when the command
 * line draws at province level …): dropped, not refused, since the user did not type them.
 */
export function monthlyPlanInapplicable(merged: Readonly<Record<string, unknown>>): string[] {
  const level = typeof merged.level === 'string' ? merged.level.trim().toLowerCase() : 'province';
  return [
    ...(['province', '省'].includes(level) ? ['scope'] : []),
    ...(['county', '县', '县区', 'township', '乡镇'].includes(level) ? ['counties'] : []),
    ...(merged.exclude === undefined ? ['excludeStages'] : []),
    ...(merged.history === undefined ? ['cooldown', 'cooldownStages'] : []),
  ];
}
