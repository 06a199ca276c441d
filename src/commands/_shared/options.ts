/**
 * The options several commands take, each defined once (src/commands/_shared/optionSpec.ts): how
 * the registry is read, and where and how a draw is written. Commands spread them into their spec.
 */
import { isRegistryField, parseColumnOverrides } from '../../core/columns.js';
import { SpotcheckError } from '../../errors.js';
import { currentLanguage, type Lang, type MessageKey, msg, t } from '../../i18n.js';
import { readCommitment } from '../../io/commitment.js';
import { DEFAULT_PLAN, DEFAULT_PROBLEM_CATEGORIES, WORKBOOK_NAME } from '../../io/defaults.js';
import { DEFAULT_TIME_ZONE } from '../../core/localTime.js';
import { DEFAULT_COMPLAINT_LINE } from '../../render/look.js';
import {
  type HelpLine,
  type OptionValues,
  type RawOptions,
  type Spec,
  flag,
  normaliseOptions,
  recorded,
  repeatable,
  single,
} from './optionSpec.js';
import {
  parseEncodingChoice,
  parseMonth,
  parseNoticeTitle,
  parseProblemCategories,
  parsePublicText,
  parseSeed,
  parseSettingText,
  parseTimeZone,
} from './parse.js';
import { TITLE_PLACEHOLDERS } from '../../render/drawNames.js';

/** The month a draw is of (monthly, funds, sql). */
export const MONTH_OPTION = single({
  flags: '--month <YYYY-MM>',
  help: 'help.shared.month',
  normalise: (raw: string | undefined) => parseMonth(raw),
}).record('month', recorded.text);

/** The seed chosen in public (every draw). */
export const SEED_OPTION = single({
  flags: '--seed <text>',
  help: 'help.shared.seed',
  normalise: (raw: string | undefined) => parseSeed(raw),
}).record('seed', recorded.text);

/** How the registry is read: --encoding, --sheet, --column, --divisions. */
export const REGISTRY_OPTIONS = {
  encoding: single({
    flags: '--encoding <name>',
    help: 'help.shared.encoding',
    shownDefault: '"auto"',
    plan: 'string',
    normalise: (raw: string | undefined) => parseEncodingChoice(raw ?? 'auto'),
  }).record('encoding', (value, bad) => parseEncodingChoice(recorded.text(value, bad))),
  sheet: single({
    flags: '--sheet <name>',
    help: 'help.shared.sheet',
    plan: 'string',
    normalise: (raw: string | undefined) => raw ?? null,
  }).record('sheet', (value) => (typeof value === 'string' ? value : null)),
  columns: repeatable({
    flags: '--column <field=Header>',
    help: 'help.shared.column',
    plan: { key: 'columns', kind: 'columns' },
    normalise: (raw: string[] | undefined) => parseColumnOverrides(raw ?? []),
  }).record(
    'columns',
    (value, bad) =>
      typeof (value ?? {}) === 'object' && Object.keys(value ?? {}).every(isRegistryField)
        ? ((value ?? {}) as ReturnType<typeof parseColumnOverrides>)
        : bad(),
    (columns) => ({ ...columns }),
  ),
  // Recorded as the division table's source (src/commands/_shared/drawRun.ts), not as the path given.
  divisions: single({
    flags: '--divisions <file>',
    help: 'help.shared.divisions',
    plan: 'path',
    normalise: (raw: string | undefined) => raw ?? null,
  }),
} as const;

/**
 * Where every draw records how its registry was read, in manifest.parameters (frozen with the
 * manifests that have it): the options of REGISTRY_OPTIONS, --excel, --seed-source and --redraw-reason, and the
 * facts of drawnParameters, in this order.
 */
export const REGISTRY_PARAMETER_ORDER = [
  'encoding',
  'columns',
  'divisions',
  'excel',
  'formula_guard',
  'columns_lang',
  'sheet',
  'seed_source',
  'redraw_reason',
] as const;

/** --json: the result as JSON on stdout (what it holds is said per command). */
export const jsonFlag = (help: HelpLine) => flag({ flags: '--json', help });

/** --force: replace what an output would overwrite (which outputs, per command). */
export const forceFlag = (help: HelpLine) => flag({ flags: '--force', help });

/** --notice: the page to publish (an .html file; what it says, per command). */
export const noticeOption = (help: HelpLine) =>
  single({
    flags: '--notice <file.html>',
    help,
    normalise: (raw: string | undefined) => {
      if (raw !== undefined && !/\.html?$/i.test(raw))
        throw new SpotcheckError('USAGE', msg('cmd.shared.noticeNotHtml', { got: raw }));
      return raw ?? null;
    },
  });

/**
 * The committee's settings (issue 15), for every drawing command and its plan file's top level:
 * the issuing body, the time zone of times shown to people, the complaint line, the workbook's
 * 问题类别 list. They change how a draw is presented (notice, workbook), never its sample: none is
 * a manifest parameter (a plan's are in the manifest's plan record).
 */
export const COMMITTEE_OPTIONS = {
  committee: single({
    flags: '--committee <name>',
    help: 'help.shared.committee',
    plan: 'string',
    normalise: (raw: string | undefined) => (raw === undefined ? null : parseSettingText('--committee', raw)),
  }),
  timeZone: single({
    flags: '--time-zone <zone>',
    help: 'help.shared.timeZone',
    shownDefault: `"${DEFAULT_TIME_ZONE.name}"`,
    plan: 'string',
    normalise: (raw: string | undefined) => parseTimeZone(raw ?? DEFAULT_TIME_ZONE.name),
  }),
  complaintLine: single({
    flags: '--complaint-line <text>',
    help: 'help.shared.complaintLine',
    shownDefault: `"${DEFAULT_COMPLAINT_LINE}"`,
    plan: 'string',
    normalise: (raw: string | undefined) =>
      raw === undefined ? DEFAULT_COMPLAINT_LINE : parseSettingText('--complaint-line', raw),
  }),
  problemCategories: single({
    flags: '--problem-categories <list>',
    help: 'help.shared.problemCategories',
    shownDefault: `"${DEFAULT_PROBLEM_CATEGORIES.join(',')}"`,
    plan: 'texts',
    // A plan gives an array (an item's comma is then refused, not taken for a separator).
    normalise: (raw: string | readonly string[] | undefined) =>
      raw === undefined ? DEFAULT_PROBLEM_CATEGORIES : parseProblemCategories(raw),
  }),
} as const;

/** The committee's settings, normalised. */
export type CommitteeSettings = OptionValues<typeof COMMITTEE_OPTIONS>;

/**
 * --notice-title: the title template of a command's notice (monthly, funds; in their plan
 * sections), its default the title the command has always printed.
 */
export const noticeTitleOption = (defaultTemplate: string) =>
  single({
    flags: '--notice-title <template>',
    help: () => t('help.shared.noticeTitle', { placeholders: TITLE_PLACEHOLDERS.map((name) => `{${name}}`).join(' ') }),
    shownDefault: `"${defaultTemplate}"`,
    plan: 'string',
    normalise: (raw: string | undefined, given) =>
      parseNoticeTitle(raw ?? defaultTemplate, typeof given.committee === 'string' ? given.committee : null),
  });

/**
 * Where and how a draw is written: --plan, --out (its help line per command), --force, --notice,
 * --seed-source, --redraw-reason, --commitment, --xlsx, --excel, --reveal-ids, --ledger, --quiet, --json.
 */
export const drawOutputOptions = (outHelp: MessageKey) =>
  ({
    planFile: single({
      flags: '--plan <file>',
      help: () => t('help.shared.plan', { file: DEFAULT_PLAN }),
      normalise: (raw: string | undefined) => raw ?? null,
    }),
    out: single({ flags: '--out <dir>', help: outHelp, normalise: (raw: string | undefined) => raw ?? null }),
    force: forceFlag('help.shared.force'),
    notice: noticeOption('help.shared.notice'),
    seedSource: single({
      flags: '--seed-source <text>',
      help: 'help.shared.seedSource',
      plan: 'string',
      normalise: (raw: string | undefined) => (raw === undefined ? null : parsePublicText('--seed-source', raw)),
    }).record('seed_source', (value) => (typeof value === 'string' ? value : null)),
    redrawReason: single({
      flags: '--redraw-reason <text>',
      help: 'help.shared.redrawReason',
      normalise: (raw: string | undefined) => (raw === undefined ? null : parsePublicText('--redraw-reason', raw)),
      // Absent unless given: draws made before it (0.6.0) verify unchanged.
    }).record(
      'redraw_reason',
      (value) => (typeof value === 'string' ? value : null),
      (value) => value ?? undefined,
    ),
    commitment: single({
      flags: '--commitment <file>',
      help: 'help.shared.commitment',
      plan: 'path',
      normalise: (raw: string | undefined) => (raw === undefined ? null : readCommitment(raw)),
    }),
    xlsx: flag({
      flags: '--xlsx',
      help: () => t('help.shared.xlsx', { file: WORKBOOK_NAME }),
      plan: 'boolean',
      normalise: (raw: boolean | undefined, given) => {
        if (raw === true && given.out === undefined)
          throw new SpotcheckError('USAGE', msg('cmd.shared.xlsxNeedsOut', { file: WORKBOOK_NAME }));
        return raw === true;
      },
    }),
    excel: flag({
      flags: '--excel',
      help: 'help.shared.excel',
      plan: 'boolean',
      // Manifests before --excel (0.1.0) wrote plain CSV.
    }).record('excel', (value = false, bad) => (typeof value === 'boolean' ? value : bad())),
    revealIds: flag({
      flags: '--reveal-ids',
      help: 'help.shared.revealIds',
      plan: 'boolean',
      // Manifests written before masking (spotcheck 0.1.0) have no reveal_ids: their files hold IDs unmasked.
    }).record('reveal_ids', (value = true, bad) => (typeof value === 'boolean' ? value : bad())),
    ledger: single({
      flags: '--ledger <file>',
      help: 'help.shared.ledger',
      plan: 'path',
      normalise: (raw: string | undefined) => {
        if (raw !== undefined && raw.trim() === '') throw new SpotcheckError('USAGE', msg('seed.ledger.empty'));
        return raw ?? null;
      },
    }),
    quiet: flag({ flags: '--quiet', help: 'help.shared.quiet', plan: 'boolean' }),
    json: jsonFlag('help.shared.json'),
    ...COMMITTEE_OPTIONS,
  }) as const;

/** The draw output options, normalised; `columnsLang` is the language the draw is made in (its CSV headings). */
export type DrawOutputOptions = OptionValues<ReturnType<typeof drawOutputOptions>> & { readonly columnsLang: Lang };

/**
 * A draw's options as the command line (and a plan) gave them, checked and normalised by its spec,
 * frozen: its registries, its options, what the command fixes (`fixed`: funds reveals no IDs) and
 * `columnsLang`, the language of the CSV headings spotcheck adds: the draw's (--lang, a plan's lang,
 * or the environment).
 */
export function normaliseDrawOptions<S extends Spec, Fixed extends object = Readonly<Record<never, never>>>(
  spec: S,
  registries: readonly string[],
  raw: RawOptions,
  fixed?: Fixed,
) {
  return Object.freeze({
    registries: Object.freeze([...registries]),
    ...normaliseOptions(spec, raw),
    ...(fixed as Fixed),
    columnsLang: currentLanguage(),
  });
}
