/**
 * Fieldwork on the record (issue 17, src/core/fieldwork.ts): the weighting-class adjustment
 * (properties over random samples), the response rates, substitution, and every refusal of a
 * substitution that breaks the rule, with its row.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustmentFactors, type FieldworkRow, OUTCOME_VALUES, recordFieldwork } from '../../src/core/fieldwork.js';
import { SpotcheckError } from '../../src/errors.js';

let nextLine = 2;
/** A row of a frame; household ids, villages and statuses as in frame.csv. */
function row(fields: Partial<FieldworkRow> & { householdId: string }): FieldworkRow {
  const stratumKey = fields.stratumKey ?? 'v1/poor';
  return {
    line: nextLine++,
    role: 'sample',
    spareOrder: '',
    stratumKey,
    status: stratumKey.split('/')[1]!,
    county: 'c1',
    weight: 10,
    outcome: 'responded',
    replaces: '',
    reason: '',
    weightingClass: stratumKey,
    domain: '',
    answered: (fields.outcome ?? 'responded') === 'responded',
    ...fields,
  };
}
const spare = (householdId: string, order: number, fields: Partial<FieldworkRow> = {}) =>
  row({ householdId, role: 'spare', spareOrder: String(order), outcome: '', answered: false, ...fields });

/** The error recordFieldwork throws: its message key and line. */
function refusal(rows: readonly FieldworkRow[]): { id: string; line: number | undefined } {
  try {
    recordFieldwork(rows, 'frame.csv', 'outcome');
  } catch (error) {
    if (!(error instanceof SpotcheckError)) throw error;
    return { id: error.id, line: error.context.line };
  }
  throw new Error('not refused');
}

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** A random sample: households in villages × statuses of a few counties, with outcomes and weights. */
const sampleArbitrary = fc.array(
  fc.record({
    county: fc.integer({ min: 1, max: 3 }),
    village: fc.integer({ min: 1, max: 3 }),
    status: fc.constantFrom('poor', 'exited', 'nonpoor'),
    weight: fc.double({ min: 0.5, max: 500, noNaN: true }),
    outcome: fc.constantFrom('responded', 'responded', 'responded', 'refused', 'not-found', 'ineligible'),
  }),
  { minLength: 1, maxLength: 60 },
);

describe('the weighting-class adjustment', () => {
  it('gives each class its eligible weight on its respondents; loses no respondent; drops the ineligible (property)', () => {
    fc.assert(
      fc.property(sampleArbitrary, (households) => {
        const rows = households.map((household, index) =>
          row({
            householdId: `h${index}`,
            stratumKey: `c${household.county}v${household.village}/${household.status}`,
            county: `c${household.county}`,
            weight: household.weight,
            outcome: household.outcome,
          }),
        );
        // A status with no respondent cannot be adjusted: refused, never silently dropped.
        const statuses = new Set(rows.filter((r) => r.outcome !== 'ineligible').map((r) => r.status));
        const respondingStatuses = new Set(rows.filter((r) => r.outcome === 'responded').map((r) => r.status));
        if ([...statuses].some((status) => !respondingStatuses.has(status))) {
          expect(refusal(rows).id).toBe('cmd.estimate.fieldwork.noRespondentInStatus');
          return;
        }
        const { places, weighting, overall } = recordFieldwork(rows, 'frame.csv', 'outcome');
        // Ineligible households leave; every other sampled household is a place.
        expect(places.map((place) => rows[place.row]!.householdId).sort()).toEqual(
          rows
            .filter((r) => r.outcome !== 'ineligible')
            .map((r) => r.householdId)
            .sort(),
        );
        // No respondent lost, no non-respondent counted.
        for (const place of places) expect(place.responded).toBe(rows[place.row]!.outcome === 'responded');
        // Within each status (the widest collapse), the respondents' adjusted weights add up to
        // the weight of the eligible and unknown households; and so within each class when no
        // class had to be merged.
        const groups = (keyOf: (r: FieldworkRow) => string) => new Set(rows.map(keyOf));
        const check = (keyOf: (r: FieldworkRow) => string) => {
          for (const key of groups(keyOf)) {
            const inGroup = places.filter((place) => keyOf(rows[place.row]!) === key);
            const adjusted = sum(inGroup.filter((place) => place.responded).map((place) => place.weight));
            const eligible = sum(inGroup.map((place) => rows[place.row]!.weight));
            expect(adjusted).toBeCloseTo(eligible, 6);
          }
        };
        check((r) => r.status);
        if (weighting.collapsedToCountyStatus === 0) check((r) => r.weightingClass);
        else expect(weighting.classes).toBeLessThan(groups((r) => r.weightingClass).size);
        // Every factor is at least 1: respondents only ever take weight.
        for (const place of places.filter((p) => p.responded))
          expect(place.weight).toBeGreaterThanOrEqual(rows[place.row]!.weight * (1 - 1e-12));
        // RR1 on the original sample: I / (sampled − ineligible).
        const eligibleCount = rows.filter((r) => r.outcome !== 'ineligible').length;
        if (eligibleCount === 0) expect(overall.rr1).toBeNull();
        else expect(overall.rr1).toBeCloseTo(rows.filter((r) => r.outcome === 'responded').length / eligibleCount, 12);
      }),
      { numRuns: 300 },
    );
  });

  it('merges a class with no respondent within its county and status, then within its status', () => {
    const place = (weightingClass: string, county: string, status: string, weight: number, responded: boolean) => ({
      row: row({ householdId: `${weightingClass}-${weight}-${responded}`, weightingClass, county, status, weight }),
      responded,
    });
    // Class a (county 1) has no respondent: merged with b (same county and status), not with c.
    const merged = adjustmentFactors(
      [
        place('a', '1', 'poor', 10, false),
        place('b', '1', 'poor', 20, true),
        place('b', '1', 'poor', 30, false),
        place('c', '2', 'poor', 40, true),
        place('c', '2', 'poor', 40, false),
      ],
      'frame.csv',
    );
    expect(merged.factors).toEqual([null, 60 / 20, null, 2, null]);
    expect(merged.weighting).toMatchObject({ classes: 2, collapsedToCountyStatus: 1, collapsedToStatus: 0 });
    // County 1's poor households have no respondent at all: merged with every poor class.
    const wider = adjustmentFactors(
      [
        place('a', '1', 'poor', 10, false),
        place('b', '1', 'poor', 30, false),
        place('c', '2', 'poor', 40, true),
        place('d', '2', 'exited', 5, true),
      ],
      'frame.csv',
    );
    expect(wider.factors).toEqual([null, null, 80 / 40, 1]);
    expect(wider.weighting).toMatchObject({ classes: 2, collapsedToCountyStatus: 2, collapsedToStatus: 1 });
  });
});

describe('substitution and response rates', () => {
  it('a responding substitute stands for its household with that household’s adjusted weight; RR1 ignores substitutes (property)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            village: fc.integer({ min: 1, max: 4 }),
            weight: fc.double({ min: 1, max: 100, noNaN: true }),
            outcome: fc.constantFrom('responded', 'responded', 'refused', 'not-found'),
            substitute: fc.constantFrom('none', 'responded', 'refused-then-responded'),
          }),
          { minLength: 1, maxLength: 30 },
        ),
        (households) => {
          const rows: FieldworkRow[] = [];
          const spareCount = new Map<string, number>();
          const nextSpare = (stratumKey: string) => {
            const order = (spareCount.get(stratumKey) ?? 0) + 1;
            spareCount.set(stratumKey, order);
            return order;
          };
          households.forEach((household, index) => {
            const stratumKey = `v${household.village}/poor`;
            // Every household of a village has the village's weight, as in the design.
            const weight = households.find((other) => other.village === household.village)!.weight;
            rows.push(row({ householdId: `h${index}`, stratumKey, weight, outcome: household.outcome }));
            if (household.outcome === 'responded' || household.substitute === 'none') return;
            if (household.substitute === 'refused-then-responded')
              rows.push(
                spare(`s${index}a`, nextSpare(stratumKey), {
                  stratumKey,
                  weight,
                  outcome: 'refused',
                  replaces: `h${index}`,
                }),
              );
            rows.push(
              spare(`s${index}b`, nextSpare(stratumKey), {
                stratumKey,
                weight,
                outcome: 'responded',
                replaces: `h${index}`,
                answered: true,
              }),
            );
          });
          const placesResponded = (village: number) =>
            households.some(
              (household) =>
                household.village === village && (household.outcome === 'responded' || household.substitute !== 'none'),
            );
          if (!households.some((household) => placesResponded(household.village))) {
            expect(refusal(rows).id).toBe('cmd.estimate.fieldwork.noRespondentInStatus');
            return;
          }
          const fieldwork = recordFieldwork(rows, 'frame.csv', 'outcome');
          const responded = households.filter((household) => household.outcome === 'responded').length;
          expect(fieldwork.overall.rr1).toBeCloseTo(responded / households.length, 12);
          expect(fieldwork.overall.substituted).toBe(
            households.filter((household) => household.outcome !== 'responded' && household.substitute !== 'none')
              .length,
          );
          expect(fieldwork.places).toHaveLength(households.length);
          households.forEach((household, index) => {
            const place = fieldwork.places[index]!;
            const substituted = household.outcome !== 'responded' && household.substitute !== 'none';
            expect(rows[place.row]!.householdId).toBe(substituted ? `s${index}b` : `h${index}`);
            expect(place.responded).toBe(household.outcome === 'responded' || substituted);
          });
          // All weight of the sample lands on the places that responded.
          expect(sum(fieldwork.places.filter((place) => place.responded).map((place) => place.weight))).toBeCloseTo(
            sum(rows.filter((r) => r.role === 'sample').map((r) => r.weight)),
            6,
          );
        },
      ),
      { numRuns: 300 },
    );
  });

  it('gives a responding spare the place, class and weight of the household it replaced; RR1 counts the original sample only', () => {
    const rows = [
      row({ householdId: 'a', outcome: 'responded', weight: 10 }),
      row({ householdId: 'b', outcome: 'refused', weight: 10, answered: false }),
      row({ householdId: 'c', outcome: 'not-found', weight: 10, answered: false }),
      row({ householdId: 'd', outcome: 'ineligible', weight: 10, answered: false }),
      spare('s1', 1, { outcome: 'refused', replaces: 'b', reason: '拒访', weight: 10 }),
      spare('s2', 2, { outcome: 'responded', replaces: 'b', reason: '拒访', weight: 999, answered: true }),
      spare('s3', 3),
    ];
    const fieldwork = recordFieldwork(rows, 'frame.csv', 'outcome');
    expect(fieldwork.overall).toEqual({
      sampled: 4,
      responded: 1,
      refused: 1,
      notFound: 1,
      ineligible: 1,
      substituted: 1,
      rr1: 1 / 3,
    });
    expect(fieldwork.sparesTried).toBe(2);
    expect(fieldwork.reasons).toEqual([{ reason: '拒访', count: 1 }]);
    // Places a, b (answered by s2, with b's weight), c; the class's 30 go to a and s2.
    expect(fieldwork.places.map((place) => [rows[place.row]!.householdId, place.weight, place.responded])).toEqual([
      ['a', 15, true],
      ['s2', 15, true],
      ['c', 10, false],
    ]);
  });

  it('accepts the Chinese outcomes as the English ones', () => {
    expect([...OUTCOME_VALUES.keys()]).toEqual(
      expect.arrayContaining([
        'responded',
        'refused',
        'not-found',
        'ineligible',
        '完成',
        '拒访',
        '未找到',
        '不符合条件',
      ]),
    );
    const english = recordFieldwork(
      [
        row({ householdId: 'a', outcome: 'responded' }),
        row({ householdId: 'b', outcome: 'not-found', answered: false }),
      ],
      'f',
      'outcome',
    );
    const chinese = recordFieldwork(
      [row({ householdId: 'a', outcome: '完成' }), row({ householdId: 'b', outcome: '未找到', answered: false })],
      'f',
      '调查结果',
    );
    expect(chinese.places).toEqual(english.places);
    expect(chinese.overall).toEqual(english.overall);
  });
});

describe('refusals, each with its row', () => {
  const base = () => [
    row({ householdId: 'a', outcome: 'responded' }),
    row({ householdId: 'b', outcome: 'refused', answered: false }),
    row({ householdId: 'c', outcome: 'not-found', answered: false }),
    row({ householdId: 'x', outcome: 'responded', stratumKey: 'v2/poor' }),
  ];

  it('an unknown outcome: all listed with their counts, at the first', () => {
    const rows = [
      ...base(),
      row({ householdId: 'd', outcome: '在外务工' }),
      row({ householdId: 'e', outcome: 'done' }),
    ];
    expect(refusal(rows)).toEqual({ id: 'cmd.estimate.fieldwork.outcomeUnknown', line: rows[4]!.line });
  });

  it('a spare naming a household of another village', () => {
    const rows = [...base(), spare('s1', 1, { outcome: 'responded', replaces: 'x', answered: true })];
    expect(refusal(rows)).toEqual({ id: 'cmd.estimate.fieldwork.replacesOtherStratum', line: rows[4]!.line });
  });

  it('a spare used twice (its row twice), and a household replaced twice', () => {
    const twice = [
      ...base(),
      spare('s1', 1, { outcome: 'responded', replaces: 'b', answered: true }),
      spare('s1', 1, { outcome: 'responded', replaces: 'c', answered: true }),
    ];
    expect(refusal(twice)).toEqual({ id: 'cmd.estimate.fieldwork.householdTwice', line: twice[5]!.line });
    const replacedTwice = [
      ...base(),
      spare('s1', 1, { outcome: 'responded', replaces: 'b', answered: true }),
      spare('s2', 2, { outcome: 'responded', replaces: 'b', answered: true }),
    ];
    expect(refusal(replacedTwice)).toEqual({
      id: 'cmd.estimate.fieldwork.replacedTwice',
      line: replacedTwice[5]!.line,
    });
  });

  it('a spare used before an earlier one of its village and status', () => {
    const rows = [...base(), spare('s1', 1), spare('s2', 2, { outcome: 'responded', replaces: 'b', answered: true })];
    expect(refusal(rows)).toEqual({ id: 'cmd.estimate.fieldwork.spareOutOfOrder', line: rows[5]!.line });
  });

  it('a spare replacing a household that responded or is ineligible, or naming none, or no sampled one', () => {
    const cases: [Partial<FieldworkRow>, string][] = [
      [{ replaces: 'a' }, 'cmd.estimate.fieldwork.replacesWrongOutcome'],
      [{ replaces: '' }, 'cmd.estimate.fieldwork.spareReplacesNothing'],
      [{ replaces: 'zz' }, 'cmd.estimate.fieldwork.replacesNoSample'],
    ];
    for (const [fields, id] of cases) {
      const rows = [...base(), spare('s1', 1, { outcome: 'responded', answered: true, ...fields })];
      expect(refusal(rows), id).toEqual({ id, line: rows[4]!.line });
    }
    const ineligible = [
      row({ householdId: 'a', outcome: 'responded' }),
      row({ householdId: 'd', outcome: 'ineligible', answered: false }),
      spare('s1', 1, { outcome: 'responded', replaces: 'd', answered: true }),
    ];
    expect(refusal(ineligible)).toEqual({
      id: 'cmd.estimate.fieldwork.replacesWrongOutcome',
      line: ineligible[2]!.line,
    });
  });

  it('a sampled household without outcome or naming a replaced one; a spare with replaces but no outcome', () => {
    const blank = [...base(), row({ householdId: 'd', outcome: '', answered: false })];
    expect(refusal(blank)).toEqual({ id: 'cmd.estimate.fieldwork.sampleWithoutOutcome', line: blank[4]!.line });
    const replacing = [...base(), row({ householdId: 'd', replaces: 'b' })];
    expect(refusal(replacing)).toEqual({ id: 'cmd.estimate.fieldwork.sampleReplaces', line: replacing[4]!.line });
    const unused = [...base(), spare('s1', 1, { replaces: 'b' })];
    expect(refusal(unused)).toEqual({ id: 'cmd.estimate.fieldwork.spareWithoutOutcome', line: unused[4]!.line });
  });

  it('answers of a household that was not interviewed (a refusal, an unused spare)', () => {
    const refused = [...base(), row({ householdId: 'd', outcome: 'refused', answered: true })];
    expect(refusal(refused)).toEqual({ id: 'cmd.estimate.fieldwork.answersWithoutInterview', line: refused[4]!.line });
    const unused = [...base(), spare('s1', 1, { answered: true })];
    expect(refusal(unused)).toEqual({ id: 'cmd.estimate.fieldwork.answersWithoutInterview', line: unused[4]!.line });
  });
});
