/**
 * Option parsing shared by the commands: every raw command-line value is checked here, once, and
 * turned into a typed value; commands freeze the result. Messages name the option, the rule and
 * what was got.
 */
import { Option } from 'commander';
import { SpotcheckError } from '../../errors.js';
import { currentLanguage, msg, t } from '../../i18n.js';
import { describeCodePoint, normaliseSeed, seedProblems, type SeedProblem } from '../../core/seed.js';
import { HOUSEHOLD_STATUSES, parseStatus, type HouseholdStatus } from '../../core/frame.js';
import type { VillageFrameRule } from '../../core/monthly.js';
import type { AllocationMethod } from '../../core/allocation.js';
import { normalizeName } from '../../core/text.js';
import { holdsPersonalText } from '../../core/personalText.js';

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
