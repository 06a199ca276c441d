/**
 * Option parsing shared by the commands: every raw command-line value is checked here, once, and
 * turned into a typed value; commands freeze the result. Messages name the option, the rule and
 * what was got.
 */
import { Option } from 'commander';
import { SpotcheckError } from '../../errors.js';
import { currentLanguage, msg, t } from '../../i18n.js';
import { describeCodePoint, normaliseSeed, seedProblems, type SeedProblem } from '../../core/seed.js';
import { HOUSEHOLD_STATUSES, parseStatus, type HouseholdStatus } from '../../core/vocabulary.js';
import type { VillageFrameRule } from '../../core/monthly.js';
import type { AllocationMethod } from '../../core/allocation.js';
import { normalizeName } from '../../core/text.js';
import { holdsPersonalText } from '../../core/personalText.js';
import { FIXED_ZONES, fixedOffsetZone, type TimeZone } from '../../core/localTime.js';
import { TITLE_PLACEHOLDERS } from '../../render/drawNames.js';
import type { EncodingChoice } from '../../io/registryFacts.js';
import { EXCLUSION_STAGES, type ExclusionStage } from '../../io/exclusionSources.js';

/** Parses --encoding: auto, utf8/utf-8, gbk/gb2312/gb18030 (GBK is a subset of GB18030). */
export function parseEncodingChoice(text: string): EncodingChoice {
  const value = text.trim().toLowerCase().replace(/_/g, '-');
  if (value === 'auto') return 'auto';
  if (value === 'utf8' || value === 'utf-8' || value === 'utf-8-bom') return 'utf-8';
  if (value === 'gbk' || value === 'gb2312' || value === 'gb18030' || value === 'cp936') return 'gb18030';
  throw new SpotcheckError('USAGE', msg('io.registry.badEncoding', { got: text }));
}

/** Parses "village,household" (or 村,户); an empty list or an unknown stage is a USAGE error. */
export function parseExclusionStages(option: string, raw: string): ExclusionStage[] {
  const aliases: Record<string, ExclusionStage> = {
    county: 'county',
    counties: 'county',
    县: 'county',
    village: 'village',
    villages: 'village',
    村: 'village',
    household: 'household',
    households: 'household',
    户: 'household',
  };
  const stages = new Set<ExclusionStage>();
  for (const part of raw.split(/[,，、]/)) {
    const name = normalizeName(part).toLowerCase();
    if (name === '') continue;
    const stage = aliases[name];
    if (!stage) throw new SpotcheckError('USAGE', msg('io.exclude.badStage', { option, got: part }));
    stages.add(stage);
  }
  if (stages.size === 0) throw new SpotcheckError('USAGE', msg('io.exclude.noStage', { option, got: raw }));
  return EXCLUSION_STAGES.filter((stage) => stages.has(stage));
}

/** The largest sample size accepted for any stage; larger values are surely a typo. */
const MAX_SAMPLE_SIZE = 1_000_000;

export function parsePositiveInteger(option: string, raw: string | number, max = MAX_SAMPLE_SIZE): number {
  const text = String(raw).trim();
  if (!/^[+]?[0-9]+$/.test(text) || Number(text) < 1) {
    throw new SpotcheckError('USAGE', msg('options.positiveInteger', { option, got: JSON.stringify(String(raw)) }));
  }
  const value = Number(text);
  if (value > max) {
    throw new SpotcheckError('USAGE', msg('options.atMost', { option, max, got: text }));
  }
  return value;
}

/**
 * The forms of a month that can only mean one month, as typed on a Chinese keyboard: 2026-12,
 * 2026-1, 2026/12, 2026.12, 2026年12月, 202612 (digits and separators half- or full-width).
 */
const MONTH_FORMS: readonly RegExp[] = [
  /^(?<year>[0-9]{4})\s*[-/.]\s*(?<month>[0-9]{1,2})$/,
  /^(?<year>[0-9]{4})\s*年\s*(?<month>[0-9]{1,2})\s*月$/,
  /^(?<year>[0-9]{4})(?<month>[0-9]{2})$/,
];

/**
 * parseMonth: the month as YYYY-MM (month 01–12), from any of MONTH_FORMS; 2026年1月 is recorded
 * as 2026-01. Anything else is refused with an example, since a month guessed would be a draw of
 * another month.
 */
export function parseMonth(raw: string | undefined): string {
  if (raw === undefined) throw new SpotcheckError('USAGE', msg('options.monthRequired'));
  const text = raw
    .trim()
    .replace(/[\uff0d\uff0e\uff0f\uff10-\uff19]/g, (wide) => String.fromCharCode(wide.charCodeAt(0) - 0xfee0));
  for (const form of MONTH_FORMS) {
    const { year, month } = form.exec(text)?.groups ?? {};
    if (year !== undefined && month !== undefined && Number(month) >= 1 && Number(month) <= 12)
      return `${year}-${month.padStart(2, '0')}`;
  }
  throw new SpotcheckError('USAGE', msg('options.monthFormat', { got: raw }), { hint: msg('options.monthFormatHint') });
}

/**
 * The seed as hashed: NFC-normalised and trimmed, not empty, and every code point in the seed
 * rule's allowlist (src/core/seed.ts, docs/algorithm.md §2.2): seeds that look the same are the same.
 */
export function parseSeed(raw: string | undefined): string {
  if (raw === undefined) throw new SpotcheckError('USAGE', msg('options.seedRequired'));
  const seed = normaliseSeed(raw);
  if (seed === '') throw new SpotcheckError('USAGE', msg('options.seedEmpty'));
  const problems = seedProblems(seed);
  if (problems.length > 0) {
    throw new SpotcheckError('USAGE', msg('seed.invalid', { problems: describeSeedProblems(problems) }), {
      hint: msg(
        problems.some((problem) => problem.codePoint === 'U+3000')
          ? 'seed.invalidHintIdeographicSpace'
          : 'seed.invalidHint',
      ),
    });
  }
  return seed;
}

/** "U+200B ZERO WIDTH SPACE at character 5, two spaces in a row at character 9" in the current language. */
/**
 * A text that is published (--seed-source, --seed-procedure: the notice, the manifest, the ledger,
 * the commitment): trimmed, NFC, not empty, and holding no resident ID or mobile number (§17).
 */
export function parsePublicText(option: string, raw: string): string {
  const text = raw.normalize('NFC').trim();
  if (text === '') throw new SpotcheckError('USAGE', msg('options.publicTextEmpty', { option }));
  if (holdsPersonalText(text))
    throw new SpotcheckError('USAGE', msg('options.publicTextPersonal', { option, got: text }));
  return text;
}

/** The longest committee setting text accepted (a committee's name, a title, a complaint line), in characters. */
const MAX_SETTING_LENGTH = 120;

/**
 * A committee setting printed on the notice and the workbook (--committee, --complaint-line, a
 * notice title): public text (parsePublicText), on one line without control or format characters
 * (a bidirectional override could reorder what a reader sees), at most `max` characters.
 */
export function parseSettingText(option: string, raw: string, max = MAX_SETTING_LENGTH): string {
  const text = parsePublicText(option, raw);
  if (/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(text))
    throw new SpotcheckError('USAGE', msg('options.settingControl', { option, got: text }));
  const length = [...text].length;
  if (length > max) throw new SpotcheckError('USAGE', msg('options.settingTooLong', { option, max, got: length }));
  return text;
}

/** --time-zone: a zone without daylight saving (src/core/localTime.ts), or an explicit offset. */
export function parseTimeZone(raw: string): TimeZone {
  const zone = fixedOffsetZone(raw);
  if (zone === null)
    throw new SpotcheckError(
      'USAGE',
      msg('options.timeZoneUnknown', { got: raw, accepted: Object.keys(FIXED_ZONES).join(', ') }),
    );
  return Object.freeze(zone);
}

/** Excel's limit on a drop-down list written into the cell rule (the items joined by commas). */
const MAX_LIST_LENGTH = 255;

/**
 * --problem-categories: the 问题类别 drop-down's items, from a list separated by commas or 、 (the
 * command line) or an array (a plan file). Refused: what Excel cannot take in a literal list (an
 * item with a comma or a double quote, a list longer than 255 characters joined) and what makes no
 * sense in one (an empty item, an item twice).
 */
export function parseProblemCategories(raw: string | readonly string[]): readonly string[] {
  const option = '--problem-categories';
  const items = (typeof raw === 'string' ? raw.split(/[,、]/) : [...raw]).map((item) => item.normalize('NFC').trim());
  items.forEach((item, index) => {
    if (item === '') throw new SpotcheckError('USAGE', msg('options.categoryEmpty', { option, n: index + 1 }));
    if (/[,"]/.test(item)) throw new SpotcheckError('USAGE', msg('options.categoryComma', { option, got: item }));
    parseSettingText(option, item);
    if (items.indexOf(item) !== index)
      throw new SpotcheckError('USAGE', msg('options.categoryTwice', { option, got: item }));
  });
  const length = [...items.join(',')].length;
  if (length > MAX_LIST_LENGTH)
    throw new SpotcheckError('USAGE', msg('options.categoriesTooLong', { option, max: MAX_LIST_LENGTH, got: length }));
  return Object.freeze(items);
}

/**
 * --notice-title: a template whose {month}, {level}, {scope} and {committee} are filled in for each
 * draw (render/notices.ts). Another {name}, or {committee} with no committee set, is refused.
 */
export function parseNoticeTitle(raw: string, committee: string | null): string {
  const option = '--notice-title';
  const template = parseSettingText(option, raw);
  for (const [, name] of template.matchAll(/\{([^{}]*)\}/g)) {
    if (!(TITLE_PLACEHOLDERS as readonly string[]).includes(name!))
      throw new SpotcheckError(
        'USAGE',
        msg('options.titlePlaceholder', {
          option,
          got: `{${name}}`,
          known: TITLE_PLACEHOLDERS.map((known) => `{${known}}`).join(' '),
        }),
      );
    if (name === 'committee' && committee === null)
      throw new SpotcheckError('USAGE', msg('options.titleWithoutCommittee', { option, placeholder: '{committee}' }));
  }
  return template;
}

export function describeSeedProblems(problems: readonly SeedProblem[]): string {
  const separator = currentLanguage() === 'zh-CN' ? '；' : ', ';
  return problems
    .map((problem) =>
      t(`seed.problem.${problem.kind}`, { char: describeCodePoint(problem), position: problem.position }),
    )
    .join(separator);
}

/** A comma-separated list of statuses, Chinese or English (未脱贫,已脱贫 = poor,exited). */
export function parseStatuses(raw: string): HouseholdStatus[] {
  const statuses = new Set<HouseholdStatus>();
  for (const part of raw.split(/[,，、]/)) {
    if (normalizeName(part) === '') continue;
    const status = parseStatus(part);
    if (!status) {
      throw new SpotcheckError('USAGE', msg('options.statusUnknown', { got: part }));
    }
    statuses.add(status);
  }
  if (statuses.size === 0) throw new SpotcheckError('USAGE', msg('options.statusesEmpty', { got: raw }));
  return HOUSEHOLD_STATUSES.filter((status) => statuses.has(status));
}

export function parseVillageFrame(raw: string): VillageFrameRule {
  const value = normalizeName(raw).toLowerCase();
  if (value === 'auto' || value === 'poor' || value === 'all') return value;
  if (value === '贫困村') return 'poor';
  if (value === '全部') return 'all';
  throw new SpotcheckError('USAGE', msg('options.villageFrame', { got: raw }));
}

/** commander's collector for repeatable options. */
export const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** A whole number ≥ 0 (e.g. --spares). */
export function parseCount(option: string, raw: string | number): number {
  const text = String(raw).trim();
  if (!/^[+]?[0-9]+$/.test(text))
    throw new SpotcheckError('USAGE', msg('options.wholeNumber', { option, got: JSON.stringify(String(raw)) }));
  const value = Number(text);
  if (value > MAX_SAMPLE_SIZE)
    throw new SpotcheckError('USAGE', msg('options.atMost', { option, max: MAX_SAMPLE_SIZE, got: text }));
  return value;
}

/**
 * Household sample sizes per status: "poor=5,exited=5,nonpoor=5" (Chinese names too: 未脱贫=5).
 * Statuses not named keep their default; 0 leaves a stratum out; at least one must be positive.
 */
export function parseHouseholdSizes(
  raw: string,
  defaults: Readonly<Record<HouseholdStatus, number>>,
): Record<HouseholdStatus, number> {
  const sizes = { ...defaults };
  for (const part of raw.split(/[,，]/)) {
    if (normalizeName(part) === '') continue;
    const [name = '', count = ''] = part.split(/[=:：]/);
    const status = parseStatus(name);
    if (!status || count.trim() === '') {
      throw new SpotcheckError('USAGE', msg('options.householdsFormat', { got: part }));
    }
    sizes[status] = parseCount(`--households ${name.trim()}`, count);
  }
  if (HOUSEHOLD_STATUSES.every((status) => sizes[status] === 0)) {
    throw new SpotcheckError('USAGE', msg('options.householdsNone', { got: raw }));
  }
  return sizes;
}

/**
 * A commander option that takes one value and refuses to be given twice (a second --seed must not
 * silently win). Its default is only shown in the help; the command applies it when normalising.
 */
export function singleOption(flags: string, description: string, shownDefault?: string): Option {
  const name = flags.split(/[ ,]/)[0]!;
  const option = new Option(
    flags,
    shownDefault === undefined ? description : `${description}${t('help.default', { value: shownDefault })}`,
  ).argParser((value: string, previous: unknown) => {
    if (previous !== undefined)
      throw new SpotcheckError(
        'USAGE',
        msg('options.givenTwice', { option: name, first: String(previous), second: value }),
      );
    return value;
  });
  return option;
}

const ALLOCATIONS: readonly AllocationMethod[] = ['proportional', 'equal', 'households'];

/** --allocation (evaluate, sql --mode evaluate): proportional, equal or households. */
export function parseAllocation(raw: string): AllocationMethod {
  if ((ALLOCATIONS as readonly string[]).includes(raw)) return raw as AllocationMethod;
  throw new SpotcheckError('USAGE', msg('options.allocationInvalid', { got: raw }));
}

/** --county-selection (evaluate, sql --mode evaluate): srs or pps. */
export function parseCountySelection(raw: string): 'srs' | 'pps' {
  if (raw === 'srs' || raw === 'pps') return raw;
  throw new SpotcheckError('USAGE', msg('options.countySelectionInvalid', { got: raw }));
}

/** --layout (generate, sql): person (one row per person) or household; case and spaces ignored. */
export function parseLayout(raw: string): 'person' | 'household' {
  const value = raw.trim().toLowerCase();
  if (value === 'person' || value === 'household') return value;
  throw new SpotcheckError('USAGE', msg('options.layoutInvalid', { got: raw }));
}
