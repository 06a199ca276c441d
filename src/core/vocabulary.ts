/**
 * The registry's vocabulary (docs/algorithm.md §4.3, §4.4): the household statuses and the words
 * that name them, the words of 是否贫困村 (yes / no), the 与户主关系 words of a head of household,
 * and the 户类型 that leaves the status to 脱贫属性. Defined here once: the frame builders
 * (src/core/frame.ts) and the SQL (src/core/sql/) read the same lists.
 */
import { normalizeName } from './text.js';

export type HouseholdStatus = 'poor' | 'exited' | 'nonpoor';
export const HOUSEHOLD_STATUSES: readonly HouseholdStatus[] = ['poor', 'exited', 'nonpoor'];
export const STATUS_LABELS: Readonly<Record<HouseholdStatus, string>> = {
  poor: '未脱贫',
  exited: '已脱贫',
  nonpoor: '非贫困户',
};

/** The names of each status (Chinese or English, compared lower-cased), in the order the SQL lists them. */
export const STATUS_NAMES: Readonly<Record<HouseholdStatus, readonly string[]>> = {
  poor: ['未脱贫', '贫困', '贫困户', 'poor'],
  exited: ['已脱贫', '脱贫', '脱贫户', '标注脱贫', '稳定脱贫', 'exited'],
  nonpoor: ['非贫困户', '非贫困', '一般农户', 'nonpoor', 'non-poor'],
};

/** 是否贫困村 values (lower-cased) that mark a poor village, and those that mark a village not poor. */
export const YES_WORDS: readonly string[] = ['是', '1', 'y', 'yes', 'true', '贫困村'];
export const NO_WORDS: readonly string[] = ['否', '0', 'n', 'no', 'false', '非贫困村'];

/** 与户主关系 values (lower-cased) of the head of a household. */
export const HEAD_RELATIONS: readonly string[] = ['户主', '本人', 'head'];

/** The 户类型 of a registered household that does not give its status (脱贫属性 does). */
export const UNCLASSIFIED_TYPE = '建档立卡户';

const STATUS_VALUES: ReadonlyMap<string, HouseholdStatus> = new Map(
  HOUSEHOLD_STATUSES.flatMap((status) => STATUS_NAMES[status].map((name) => [name, status] as const)),
);

/** Parses a status name (Chinese or English) or returns null. */
export function parseStatus(raw: string): HouseholdStatus | null {
  return STATUS_VALUES.get(normalizeName(raw).toLowerCase()) ?? null;
}

const YES = new Set(YES_WORDS);
const NO = new Set(NO_WORDS);

/** A 是否贫困村 cell (already normalised): true, false, or null for a blank or unknown value. */
export function parseYesNo(text: string): boolean | null {
  const lower = text.toLowerCase();
  if (YES.has(lower)) return true;
  if (NO.has(lower)) return false;
  return null;
}

const HEAD_RELATION_SET: ReadonlySet<string> = new Set(HEAD_RELATIONS);

/** Whether an already normalised and lower-cased 与户主关系 value is a head's. */
export const isHeadWord = (lowered: string): boolean => HEAD_RELATION_SET.has(lowered);

/**
 * Whether a 与户主关系 value marks the head of the household: 户主, 本人 or head after normalisation
 * and lower-casing (HEAD, Head). Any other value (配偶, 子女, blank, a word not known) is a member.
 */
export const isHeadRelation = (relation: string): boolean => isHeadWord(normalizeName(relation).toLowerCase());
