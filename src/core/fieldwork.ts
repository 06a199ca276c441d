/**
 * Fieldwork on the record (issue 17): the outcome of every sampled household and of every spare
 * used, checked; response rates on the original sample; and the places of the sample with the
 * weights `estimateProportion` takes after substitution and a non-response adjustment within
 * weighting classes.
 *
 * - Outcomes: responded (I), refused (R), not-found (unknown eligibility, UH), ineligible (out of
 *   the population). Response rate RR1 = I / ((I + P) + (R + NC + O) + (UH + UO)) of the AAPOR
 *   Standard Definitions (10th ed., 2023), with P = O = 0 and not-found counted as UH: RR1 counts
 *   every unknown as eligible, so NC or UH give the same rate. It is computed on the original
 *   sample: a substitute's interview does not make the household it replaced a respondent.
 * - Substitution: a spare that responded takes the place, the design weight and the weighting class
 *   of the sampled household it replaced (its answers and its --by value are its own).
 * - Weighting-class adjustment (Kalton & Flores-Cervantes, "Weighting methods", Journal of Official
 *   Statistics 19(2), 2003, §2): in class c, each responding place's weight is multiplied by
 *   Σ w (eligible or unknown places of c) / Σ w (responding places of c); ineligible households
 *   leave the population and are not reweighted. A class with no respondent is merged with the
 *   other classes of its county and status, then, if still without one, with every class of its
 *   status; a status with no respondent at all is an error.
 */
import { SpotcheckError } from '../errors.js';
import { type Message, msg } from '../messages/render.js';
import { compareCodePoints } from './text.js';

type Outcome = 'responded' | 'refused' | 'not-found' | 'ineligible';

/** The outcome values a frame may carry, English and Chinese. */
export const OUTCOME_VALUES: ReadonlyMap<string, Outcome> = new Map([
  ['responded', 'responded'],
  ['refused', 'refused'],
  ['not-found', 'not-found'],
  ['ineligible', 'ineligible'],
  ['完成', 'responded'],
  ['拒访', 'refused'],
  ['未找到', 'not-found'],
  ['不符合条件', 'ineligible'],
]);

/** The fieldwork columns the user adds to the returned frame, with their Chinese headings. */
export const FIELDWORK_HEADINGS: Readonly<Record<'outcome' | 'replaces' | 'replace_reason', string>> = Object.freeze({
  outcome: '调查结果',
  replaces: '被替换户',
  replace_reason: '替换原因',
});

/** One row of the returned frame (a sampled household or a spare), as the fieldwork checks read it. */
export interface FieldworkRow {
  readonly line: number;
  /** "sample" or "spare". */
  readonly role: string;
  readonly spareOrder: string;
  /** household_stratum_key: village × status, the stratum spares are drawn in. */
  readonly stratumKey: string;
  readonly householdId: string;
  /** household_stratum (poor, exited, nonpoor). */
  readonly status: string;
  /** The county (the PSU): the first collapse level is county × status. */
  readonly county: string;
  readonly weight: number;
  /** The outcome cell as written ('' for a spare not used). */
  readonly outcome: string;
  readonly replaces: string;
  readonly reason: string;
  /** The row's weighting class (household_stratum_key by default). */
  readonly weightingClass: string;
  /** The row's --by value ('' without --by). */
  readonly domain: string;
  /** Whether any measure's cell of the row is filled. */
  readonly answered: boolean;
  /** households_drawn: the households the draw took in the row's village × status ('' when the frame lacks it). */
  readonly householdsDrawn?: string;
  /** village_key ('' when the frame lacks it): a spare replaces a household of its own village and status. */
  readonly village?: string;
}

/** Outcome counts of the original sample and the response rate. */
export interface FieldworkCounts {
  readonly sampled: number;
  readonly responded: number;
  readonly refused: number;
  readonly notFound: number;
  readonly ineligible: number;
  /** Sampled households whose place a responding spare took. */
  readonly substituted: number;
  /** AAPOR RR1 = I / (I + R + NC/UH): null when every sampled household is ineligible. */
  readonly rr1: number | null;
}

/** One place of the sample (a sampled household not ineligible) as the estimator takes it. */
export interface Place {
  /** Index (in the rows given) of the household whose answers stand for the place: itself or its substitute. */
  readonly row: number;
  /** The adjusted weight of a responding place; the design weight of one that did not respond (not used). */
  readonly weight: number;
  readonly responded: boolean;
}

export interface WeightingSummary {
  /** Classes after collapsing. */
  readonly classes: number;
  /** Classes with no respondent merged into county × status, and county × status groups merged into status. */
  readonly collapsedToCountyStatus: number;
  readonly collapsedToStatus: number;
  /** The largest adjustment factor. */
  readonly largestFactor: number;
}

export interface Fieldwork {
  readonly places: readonly Place[];
  readonly overall: FieldworkCounts;
  readonly byStatus: readonly (FieldworkCounts & { readonly group: string })[];
  readonly byDomain: readonly (FieldworkCounts & { readonly group: string })[];
  /** Spares with an outcome (tried), responding or not. */
  readonly sparesTried: number;
  /** The reasons given for the substitutions (replace_reason), with their counts, most frequent first. */
  readonly reasons: readonly { readonly reason: string; readonly count: number }[];
  readonly weighting: WeightingSummary;
}

/** A value as a message quotes it: at most 24 characters. */
const quoted = (value: string) => `"${[...value].length > 24 ? `${[...value].slice(0, 24).join('')}…` : value}"`;

/** Refuses any outcome that is not one of OUTCOME_VALUES, listing them with their counts and the first row. */
function checkOutcomeValues(rows: readonly FieldworkRow[], source: string, column: string): void {
  const unknown = new Map<string, number>();
  let firstLine = 0;
  for (const row of rows) {
    if (row.outcome === '' || OUTCOME_VALUES.has(row.outcome)) continue;
    if (unknown.size === 0) firstLine = row.line;
    unknown.set(row.outcome, (unknown.get(row.outcome) ?? 0) + 1);
  }
  if (unknown.size === 0) return;
  const sorted = [...unknown].sort(([a, m], [b, n]) => n - m || compareCodePoints(a, b));
  const shown = sorted.slice(0, 10).map(([value, count]) => `${quoted(value)} (${count})`);
  if (sorted.length > 10) shown.push(`… (+${sorted.length - 10})`);
  throw new SpotcheckError(
    'DATA',
    msg('cmd.estimate.fieldwork.outcomeUnknown', {
      column,
      n: [...unknown.values()].reduce((sum, count) => sum + count, 0),
      values: shown.join(', '),
    }),
    { file: source, line: firstLine, hint: msg('cmd.estimate.fieldwork.outcomeUnknownHint') },
  );
}

/** A problem with one row of the fieldwork. */
const refuse = (source: string, row: Pick<FieldworkRow, 'line'>, message: Message, hint?: Message) =>
  new SpotcheckError('DATA', message, { file: source, line: row.line, ...(hint === undefined ? {} : { hint }) });

function emptyCounts(): { -readonly [K in keyof FieldworkCounts]: FieldworkCounts[K] } {
  return { sampled: 0, responded: 0, refused: 0, notFound: 0, ineligible: 0, substituted: 0, rr1: null };
}

function tally(
  counts: ReturnType<typeof emptyCounts>,
  outcome: Outcome,
  substituted: boolean,
): ReturnType<typeof emptyCounts> {
  counts.sampled++;
  if (outcome === 'responded') counts.responded++;
  else if (outcome === 'refused') counts.refused++;
  else if (outcome === 'not-found') counts.notFound++;
  else counts.ineligible++;
  if (substituted) counts.substituted++;
  const eligibleOrUnknown = counts.sampled - counts.ineligible;
  counts.rr1 = eligibleOrUnknown > 0 ? counts.responded / eligibleOrUnknown : null;
  return counts;
}

/**
 * The sample as drawn, whole: a sampled row has no spare_order (a spare whose role was edited to
 * "sample" has one), and each village × status has as many sampled rows as its households_drawn
 * (when the frame carries it): a sampled household dropped from the returned frame, a spare passed
 * off as sampled, or rows of another draw would otherwise change the weights and the response rate
 * without a word.
 */
export function checkSampleComplete(
  rows: readonly Pick<
    FieldworkRow,
    'line' | 'role' | 'spareOrder' | 'stratumKey' | 'householdId' | 'householdsDrawn'
  >[],
  source: string,
): void {
  const sampled = new Map<string, number>();
  const firstRow = new Map<string, { readonly line: number }>();
  for (const row of rows) {
    if (row.role === 'spare' && !/^[1-9][0-9]*$/.test(row.spareOrder))
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.spareOrderInvalid', { household: row.householdId, got: quoted(row.spareOrder) }),
      );
    if (row.role === 'sample' && row.spareOrder !== '')
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.sampleWithSpareOrder', { household: row.householdId, order: row.spareOrder }),
      );
    if (!firstRow.has(row.stratumKey)) firstRow.set(row.stratumKey, row);
    if (row.role === 'sample') sampled.set(row.stratumKey, (sampled.get(row.stratumKey) ?? 0) + 1);
  }
  for (const row of rows) {
    const drawn = row.householdsDrawn ?? '';
    if (!/^[0-9]+$/.test(drawn)) continue;
    const found = sampled.get(row.stratumKey) ?? 0;
    if (found !== Number(drawn))
      throw refuse(
        source,
        firstRow.get(row.stratumKey)!,
        msg('cmd.estimate.fieldwork.sampleIncomplete', { stratum: row.stratumKey, drawn, found }),
        msg('cmd.estimate.fieldwork.sampleIncompleteHint'),
      );
  }
}

/**
 * Checks the fieldwork recorded in the frame's rows and makes the places of the sample with their
 * adjusted weights (see the module's comment). `source` names the frame in errors; `outcomeColumn`
 * is the outcome column's name as the user wrote it.
 */
export function recordFieldwork(rows: readonly FieldworkRow[], source: string, outcomeColumn: string): Fieldwork {
  checkOutcomeValues(rows, source, outcomeColumn);
  const outcomeOf = (row: FieldworkRow) => OUTCOME_VALUES.get(row.outcome) ?? null;

  // Every household once; roles known.
  const lineOf = new Map<string, number>();
  for (const row of rows) {
    if (row.role !== 'sample' && row.role !== 'spare')
      throw refuse(source, row, msg('cmd.estimate.fieldwork.roleInvalid', { got: quoted(row.role) }));
    const earlier = lineOf.get(row.householdId);
    if (earlier !== undefined)
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.householdTwice', { household: row.householdId, line: earlier }),
      );
    lineOf.set(row.householdId, row.line);
  }

  const sampledById = new Map<string, number>();
  rows.forEach((row, index) => {
    if (row.role === 'sample') sampledById.set(row.householdId, index);
  });

  checkSampleComplete(rows, source);

  // The sampled households: an outcome each, and no `replaces`.
  for (const row of rows) {
    if (row.role !== 'sample') continue;
    if (row.outcome === '')
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.sampleWithoutOutcome', { household: row.householdId, column: outcomeColumn }),
      );
    if (row.weightingClass === '')
      throw refuse(source, row, msg('cmd.estimate.fieldwork.classBlank', { household: row.householdId }));
    if (row.replaces !== '')
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.sampleReplaces', { household: row.householdId, replaces: row.replaces }),
      );
  }

  // The spares used: each names a sampled household of its village and status that did not respond
  // and is not ineligible; at most one responding spare per household.
  const substituteOf = new Map<number, number>();
  let sparesTried = 0;
  const reasons = new Map<string, number>();
  for (const [index, row] of rows.entries()) {
    if (row.role !== 'spare') continue;
    if (row.outcome === '') {
      if (row.replaces !== '')
        throw refuse(
          source,
          row,
          msg('cmd.estimate.fieldwork.spareWithoutOutcome', {
            household: row.householdId,
            replaces: row.replaces,
            column: outcomeColumn,
          }),
        );
      continue;
    }
    sparesTried++;
    if (row.replaces === '')
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.spareReplacesNothing', { household: row.householdId }),
        msg('cmd.estimate.fieldwork.spareHint'),
      );
    const replacedIndex = sampledById.get(row.replaces);
    const replaced = replacedIndex === undefined ? undefined : rows[replacedIndex]!;
    if (replaced === undefined)
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.replacesNoSample', { household: row.householdId, replaces: row.replaces }),
        msg('cmd.estimate.fieldwork.spareHint'),
      );
    if (
      replaced.stratumKey !== row.stratumKey ||
      replaced.status !== row.status ||
      replaced.county !== row.county ||
      (replaced.village ?? '') !== (row.village ?? '')
    )
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.replacesOtherStratum', {
          household: row.householdId,
          replaces: row.replaces,
          theirs: replaced.stratumKey,
          ours: row.stratumKey,
          line: replaced.line,
        }),
        msg('cmd.estimate.fieldwork.spareHint'),
      );
    const replacedOutcome = outcomeOf(replaced);
    if (replacedOutcome === 'responded' || replacedOutcome === 'ineligible')
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.replacesWrongOutcome', {
          household: row.householdId,
          replaces: row.replaces,
          outcome: replaced.outcome,
          line: replaced.line,
        }),
        msg('cmd.estimate.fieldwork.spareHint'),
      );
    if (outcomeOf(row) === 'responded') {
      const earlier = substituteOf.get(replacedIndex!);
      if (earlier !== undefined)
        throw refuse(
          source,
          row,
          msg('cmd.estimate.fieldwork.replacedTwice', {
            household: row.householdId,
            replaces: row.replaces,
            line: rows[earlier]!.line,
          }),
          msg('cmd.estimate.fieldwork.spareHint'),
        );
      substituteOf.set(replacedIndex!, index);
      reasons.set(row.reason, (reasons.get(row.reason) ?? 0) + 1);
    }
  }

  // Spares in spare_order: in each village × status, the spares tried are the first ones.
  const sparesByStratum = new Map<string, FieldworkRow[]>();
  for (const row of rows) {
    if (row.role !== 'spare') continue;
    sparesByStratum.set(row.stratumKey, [...(sparesByStratum.get(row.stratumKey) ?? []), row]);
  }
  for (const spares of sparesByStratum.values()) {
    const ordered = [...spares].sort((a, b) => Number(a.spareOrder) - Number(b.spareOrder) || a.line - b.line);
    const firstUnused = ordered.find((row) => row.outcome === '');
    const skipping =
      firstUnused === undefined
        ? undefined
        : ordered.find((row) => row.outcome !== '' && Number(row.spareOrder) > Number(firstUnused.spareOrder));
    if (skipping !== undefined && firstUnused !== undefined)
      throw refuse(
        source,
        skipping,
        msg('cmd.estimate.fieldwork.spareOutOfOrder', {
          household: skipping.householdId,
          order: skipping.spareOrder,
          earlier: firstUnused.householdId,
          earlierOrder: firstUnused.spareOrder,
          line: firstUnused.line,
          stratum: skipping.stratumKey,
        }),
        msg('cmd.estimate.fieldwork.spareHint'),
      );
  }

  // Answers only for the households interviewed.
  const interviewed = new Set<number>();
  rows.forEach((row, index) => {
    if (row.role === 'sample' && outcomeOf(row) === 'responded') interviewed.add(index);
  });
  for (const index of substituteOf.values()) interviewed.add(index);
  rows.forEach((row, index) => {
    if (row.answered && !interviewed.has(index))
      throw refuse(
        source,
        row,
        msg('cmd.estimate.fieldwork.answersWithoutInterview', {
          household: row.householdId,
          outcome: row.outcome === '' ? '—' : row.outcome,
        }),
      );
  });

  // Response rates on the original sample: overall, per status, per domain.
  const overall = emptyCounts();
  const byStatus = new Map<string, ReturnType<typeof emptyCounts>>();
  const byDomain = new Map<string, ReturnType<typeof emptyCounts>>();
  for (const index of sampledById.values()) {
    const row = rows[index]!;
    const outcome = outcomeOf(row)!;
    const substituted = substituteOf.has(index);
    tally(overall, outcome, substituted);
    tally(byStatus.get(row.status) ?? byStatus.set(row.status, emptyCounts()).get(row.status)!, outcome, substituted);
    tally(byDomain.get(row.domain) ?? byDomain.set(row.domain, emptyCounts()).get(row.domain)!, outcome, substituted);
  }
  const groups = (map: Map<string, ReturnType<typeof emptyCounts>>) =>
    [...map].sort(([a], [b]) => compareCodePoints(a, b)).map(([group, counts]) => ({ group, ...counts }));

  const eligible = [...sampledById.values()].filter((index) => outcomeOf(rows[index]!) !== 'ineligible');
  const { factors, weighting } = adjustmentFactors(
    eligible.map((index) => {
      const row = rows[index]!;
      return {
        row,
        responded: outcomeOf(row) === 'responded' || substituteOf.has(index),
      };
    }),
    source,
  );
  const places: Place[] = eligible.map((index, at) => {
    const row = rows[index]!;
    const factor = factors[at]!;
    return {
      row: substituteOf.get(index) ?? index,
      weight: factor === null ? row.weight : row.weight * factor,
      responded: factor !== null,
    };
  });
  return {
    places,
    overall: { ...overall },
    byStatus: groups(byStatus),
    byDomain: groups(byDomain),
    sparesTried,
    reasons: [...reasons]
      .sort(([a, m], [b, n]) => n - m || compareCodePoints(a, b))
      .map(([reason, count]) => ({ reason, count })),
    weighting,
  };
}

/**
 * The weighting-class adjustment factor of each place (null for a place that did not respond):
 * Σ w / Σ w·responded over its class, after collapsing classes with no respondent (module comment).
 */
export function adjustmentFactors(
  places: readonly { readonly row: FieldworkRow; readonly responded: boolean }[],
  source: string,
): { factors: (number | null)[]; weighting: WeightingSummary } {
  const key0 = places.map(({ row }) => `0\u001f${row.weightingClass}`);
  const withoutRespondent = (keys: readonly string[]) => {
    const responding = new Set(keys.filter((_, at) => places[at]!.responded));
    return new Set(keys.filter((key) => !responding.has(key)));
  };
  // Level 1: a class with no respondent takes in every class of its county and status.
  const empty0 = withoutRespondent(key0);
  const countyStatus = (at: number) => `1\u001f${places[at]!.row.county}\u001f${places[at]!.row.status}`;
  const merged1 = new Set(key0.flatMap((key, at) => (empty0.has(key) ? [countyStatus(at)] : [])));
  const key1 = key0.map((key, at) => (merged1.has(countyStatus(at)) ? countyStatus(at) : key));
  // Level 2: a county × status with no respondent takes in every class of its status.
  const empty1 = withoutRespondent(key1);
  const status = (at: number) => `2\u001f${places[at]!.row.status}`;
  const merged2 = new Set(key1.flatMap((key, at) => (empty1.has(key) ? [status(at)] : [])));
  const key2 = key1.map((key, at) => (merged2.has(status(at)) ? status(at) : key));
  const empty2 = withoutRespondent(key2);
  if (empty2.size > 0) {
    const at = key2.findIndex((key) => empty2.has(key));
    throw new SpotcheckError(
      'DATA',
      msg('cmd.estimate.fieldwork.noRespondentInStatus', { status: places[at]!.row.status }),
      { file: source },
    );
  }
  const total = new Map<string, number>();
  const responding = new Map<string, number>();
  key2.forEach((key, at) => {
    const { row, responded } = places[at]!;
    total.set(key, (total.get(key) ?? 0) + row.weight);
    if (responded) responding.set(key, (responding.get(key) ?? 0) + row.weight);
  });
  const factors = key2.map((key, at) => (places[at]!.responded ? total.get(key)! / responding.get(key)! : null));
  return {
    factors,
    weighting: {
      classes: total.size,
      collapsedToCountyStatus: empty0.size,
      collapsedToStatus: empty1.size,
      largestFactor: Math.max(1, ...factors.filter((factor): factor is number => factor !== null)),
    },
  };
}
