/**
 * The whole-registry household tables (src/io/householdChecks.ts) against a plain model: every
 * file's table is made one (HouseholdTable.union, stripe by stripe) once every file is read; the
 * candidates and the households it finds must be those of a plain count over every row of every file.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  fieldHashName,
  FileChecks,
  FROM_HOUSEHOLD_FILE,
  FROM_NONPOOR_FILE,
  FROM_PERSON_FILE,
  FROM_REGISTERED_FILE,
  FROM_RELATION_FILE,
  RegistryChecks,
} from '../../src/io/householdChecks.js';

interface Row {
  readonly key: string;
  readonly location: number;
  readonly head: number;
}
interface File {
  readonly kinds: number;
  readonly rows: readonly Row[];
}

const LOCATIONS = 10;
/** Locations 0, 3, 6, 9 are one village, so that rows at two of them are not a move; location 7 had a problem. */
const villageOf = (location: number): string | null => (location === 7 ? null : `V${location % 3}`);

const hashOf = (key: string): string => {
  const bytes = Buffer.from(key, 'utf8');
  return fieldHashName(bytes, 0, bytes.length, 'utf-8')!;
};

/** The registry's tables, every file's rows counted as pass 1 counts them. */
function tables(files: readonly File[]): RegistryChecks {
  const checks = new RegistryChecks();
  for (const file of files) {
    const fileChecks = new FileChecks();
    for (const row of file.rows) {
      const bytes = Buffer.from(row.key, 'utf8');
      fileChecks.household(bytes, 0, bytes.length, 'utf-8', file.kinds, row.head, row.location);
    }
    const villages: Array<[number, string | null]> = [];
    for (let location = 0; location < LOCATIONS; location++) villages.push([location, villageOf(location)]);
    checks.addFile(fileChecks, villages);
  }
  return checks;
}

/** The households that may break a rule, by a plain count of every row (as hash names). */
function modelCandidates(files: readonly File[]): Set<string> {
  const households = new Map<string, { kinds: number; heads: number; rows: number; locations: number[] }>();
  for (const file of files) {
    for (const row of file.rows) {
      let household = households.get(row.key);
      if (!household) {
        household = { kinds: 0, heads: 0, rows: 0, locations: [] };
        households.set(row.key, household);
      }
      household.kinds |= file.kinds;
      household.heads += row.head;
      household.rows++;
      if (!household.locations.includes(row.location)) household.locations.push(row.location);
    }
  }
  const found = new Set<string>();
  for (const [key, { kinds, heads, rows, locations }] of households) {
    const villages = new Set(locations.map(villageOf));
    if (
      ((kinds & FROM_RELATION_FILE) !== 0 && heads !== 1) ||
      ((kinds & FROM_HOUSEHOLD_FILE) !== 0 && rows > 1) ||
      ((kinds & FROM_PERSON_FILE) !== 0 && (kinds & (FROM_RELATION_FILE | FROM_HOUSEHOLD_FILE)) !== 0) ||
      ((kinds & FROM_NONPOOR_FILE) !== 0 && (kinds & FROM_REGISTERED_FILE) !== 0) ||
      (locations.length > 1 && villages.size !== 1)
    )
      found.add(hashOf(key));
  }
  return found;
}

const KINDS = [FROM_HOUSEHOLD_FILE, FROM_RELATION_FILE, FROM_PERSON_FILE].flatMap((level) => [
  level | FROM_REGISTERED_FILE,
  level | FROM_NONPOOR_FILE,
]);

describe('the registry household table made of every file’s', () => {
  it('finds the candidates of a plain count over every row, whatever the files (property)', () => {
    const row = fc.record({
      key: fc.nat(40).map((n) => `H${n}`),
      location: fc.nat(LOCATIONS - 1),
      head: fc.nat(1),
    });
    const file = fc.record({ kinds: fc.constantFrom(...KINDS), rows: fc.array(row, { maxLength: 40 }) });
    fc.assert(
      fc.property(fc.array(file, { minLength: 1, maxLength: 6 }), (files) => {
        const checks = tables(files);
        expect(checks.candidates().households).toEqual(modelCandidates(files));
        const keys = files.flatMap(({ rows }) => rows.map(({ key }) => key));
        expect(keys.filter((key) => !checks.hasHousehold(key))).toEqual([]);
        expect(checks.hasHousehold('H41')).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('keeps every household of files whose union is filled in several stripes', () => {
    // 5 files of 10,000 households (50,000: a union of 66,667 slots, 2 stripes); each file repeats
    // 50 households of the one before, in the same village (not a candidate) or another (one).
    const files: File[] = [];
    for (let index = 0; index < 5; index++) {
      const rows: Row[] = [];
      for (let household = 0; household < 10_000; household++)
        rows.push({ key: `5301${index}-${household}`, location: household % LOCATIONS, head: 1 });
      if (index > 0)
        for (let household = 0; household < 50; household++)
          rows.push({
            key: `5301${index - 1}-${household}`,
            location: (household + 3 * (household % 2)) % LOCATIONS,
            head: 0,
          });
      files.push({ kinds: FROM_RELATION_FILE | FROM_REGISTERED_FILE, rows });
    }
    const checks = tables(files);
    const candidates = checks.candidates().households;
    expect(candidates).toEqual(modelCandidates(files));
    // Some repeated households moved village, some did not.
    expect(candidates.size).toBeGreaterThan(0);
    expect(candidates.size).toBeLessThan(4 * 50);
    const keys = files.flatMap(({ rows }) => rows.map(({ key }) => key));
    expect(keys.filter((key) => !checks.hasHousehold(key))).toEqual([]);
  });
});
