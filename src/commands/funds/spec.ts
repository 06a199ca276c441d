/**
 * `spotcheck funds`'s options, each defined once (src/commands/_shared/optionSpec.ts): flag, check
 * and default, help line, plan key and manifest key. The command, its option type, the plan file's
 * `funds` section, the manifest's parameters and verify's read-back come from here. funds writes
 * no household rows, so it takes no --reveal-ids.
 */
import { type FundsMethod, parseShare, type Share } from '../../core/funds.js';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import type { ExclusionSpec } from '../../io/exclude.js';
import type { DrawReadOptions } from '../_shared/drawRun.js';
import { EXCLUSION_FLAGS } from '../_shared/exclusionOptions.js';
import { type OptionValues, type RawOptions, recorded, single, variadic } from '../_shared/optionSpec.js';
import {
  drawOutputOptions,
  MONTH_OPTION,
  noticeTitleOption,
  REGISTRY_OPTIONS,
  REGISTRY_PARAMETER_ORDER,
  SEED_OPTION,
} from '../_shared/options.js';
import { FUNDS_NOTICE_TITLE } from '../../render/drawNames.js';
import { parsePositiveInteger } from '../_shared/parse.js';

/**
 * The rules between --scope, --method, --coverage and --counties, in the order they are checked
 * (the first broken one is the message): the method and the share it covers.
 */
function fundsRules(given: RawOptions): { method: FundsMethod; coverage: Share } {
  if (given.scope === undefined) throw new SpotcheckError('USAGE', msg('cmd.funds.scopeRequired'));
  const method = String(given.method ?? 'coverage')
    .trim()
    .toLowerCase();
  if (method !== 'coverage' && method !== 'pps')
    throw new SpotcheckError('USAGE', msg('cmd.funds.methodInvalid', { got: String(given.method) }));
  const coverage = parseShare(String(given.coverage ?? '0.5'));
  if (!coverage) throw new SpotcheckError('USAGE', msg('cmd.funds.coverageInvalid', { got: String(given.coverage) }));
  if (method === 'pps' && given.counties === undefined)
    throw new SpotcheckError('USAGE', msg('cmd.funds.ppsNeedsCounties'));
  if (method === 'coverage' && given.counties !== undefined)
    throw new SpotcheckError('USAGE', msg('cmd.funds.countiesNeedPps'));
  if (method === 'pps' && given.coverage !== undefined)
    throw new SpotcheckError('USAGE', msg('cmd.funds.coverageNeedsCoverageMethod'));
  return { method, coverage };
}

/** The funds draw's own options (the first part of the help). */
const FUNDS_DRAW_OPTIONS = {
  month: MONTH_OPTION,
  seed: SEED_OPTION,
  scope: single({
    flags: '--scope <prefecture>',
    help: 'help.funds.scope',
    plan: 'string',
    normalise: (raw: string | undefined, given): string => {
      fundsRules(given);
      return raw!;
    },
  }).record('scope', recorded.text),
  coverage: single({
    flags: '--coverage <share>',
    help: 'help.funds.coverage',
    shownDefault: '0.5',
    plan: 'share',
    normalise: (_raw: string | undefined, given) => fundsRules(given).coverage,
  }).record(
    'coverage',
    (value, bad) => parseShare(recorded.text(value, bad)) ?? bad(),
    (coverage) => coverage.text,
  ),
  method: single({
    flags: '--method <method>',
    help: 'help.funds.method',
    shownDefault: '"coverage"',
    plan: 'string',
    normalise: (_raw: string | undefined, given) => fundsRules(given).method,
  }).record('method', recorded.oneOf(['coverage', 'pps'] as const)),
  counties: single({
    flags: '--counties <n>',
    help: 'help.funds.counties',
    plan: 'count',
    normalise: (raw: string | undefined): number | null =>
      raw === undefined ? null : parsePositiveInteger('--counties', raw),
  }).record('counties', recorded.nullable(recorded.count)),
  // Recorded as funds_source and the manifest's funds_table (src/commands/funds/run.ts), not as the path given.
  fundsFile: single({
    flags: '--funds <file>',
    help: 'help.funds.funds',
    plan: 'path',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
  exclude: variadic({
    flags: '--exclude <paths...>',
    help: 'help.funds.exclude',
    normalise: (raw: string[] | undefined): readonly ExclusionSpec[] =>
      Object.freeze(
        (raw ?? []).map((path) => Object.freeze({ path, stages: ['county' as const], reason: 'exclude' as const })),
      ),
  }),
  ...EXCLUSION_FLAGS,
} as const;

/** What funds fixes of the draw output options: it reveals no IDs (its outputs hold no household rows). */
export const FUNDS_FIXED_OPTIONS = { revealIds: false } as const;

/** The draw output options of funds: all but --reveal-ids (its outputs hold no household rows). */
const { revealIds: _revealIds, ...FUNDS_OUTPUT_OPTIONS } = drawOutputOptions('help.funds.out');

/** How the draw's notice is titled (a committee setting: presentation only, not in the manifest). */
const FUNDS_NOTICE_OPTIONS = { noticeTitle: noticeTitleOption(FUNDS_NOTICE_TITLE) } as const;

/** Every option of `funds`, in the order of its help. */
export const FUNDS_OPTIONS = {
  ...FUNDS_DRAW_OPTIONS,
  ...FUNDS_OUTPUT_OPTIONS,
  ...FUNDS_NOTICE_OPTIONS,
  ...REGISTRY_OPTIONS,
} as const;

/** The keys of the plan file's "funds" section. */
export const FUNDS_PLAN_OPTIONS = { ...FUNDS_DRAW_OPTIONS, ...FUNDS_NOTICE_OPTIONS } as const;

/** Normalised options of a funds draw: what the run needs (verify rebuilds them from a manifest). */
export type FundsOptions = OptionValues<typeof FUNDS_DRAW_OPTIONS> &
  DrawReadOptions & {
    /** false: no excluded.csv (verify of a draw made before it existed) and no refusals of sources. */
    readonly writeExcludedFile?: boolean;
  };

/**
 * The order of manifest.parameters of a funds draw (frozen: it is part of every recorded
 * manifest's bytes). Options record themselves under their manifest key; the rest are facts of the draw.
 */
export const FUNDS_PARAMETER_ORDER = [
  'month',
  'seed',
  'level',
  'scope',
  'scope_key',
  'scope_label',
  'method',
  'coverage',
  'counties',
  'funds_source',
  ...REGISTRY_PARAMETER_ORDER,
] as const;

/** Plan keys that do not apply to the method the command line asks for: dropped, not refused. */
export function fundsPlanInapplicable(merged: Readonly<Record<string, unknown>>): string[] {
  const method = typeof merged.method === 'string' ? merged.method.trim().toLowerCase() : null;
  return method === 'pps' ? ['coverage'] : ['counties'];
}
