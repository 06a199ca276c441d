/**
 * KeyHashes (src/io/householdChecks.ts), the appended, bucketed and sorted 64-bit hashes of pass 1's
 * household and person checks, against a plain Map of the same hashes: the same hashes found, the
 * same ones repeated, after any interleaving of notes, reserves, commits and rollbacks; and
 * RegistryChecks, which keeps a household-level file's 户编号 there and a person-level file's runs of rows
 * in a HouseholdRuns; and HouseholdRuns (a KeyHashes whose entries carry a payload word) against a
 * plain Map of every household's rows, in memory and spilled.
 */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  fieldHashName,
  FileChecks,
  FROM_HOUSEHOLD_FILE,
  FROM_REGISTERED_FILE,
  FROM_RELATION_FILE,
  HouseholdRuns,
  KeyHashes,
  RegistryChecks,
} from '../../src/io/householdChecks.js';

const name = (hi: number, lo: number): string => `${hi.toString(16)}:${lo.toString(16)}`;

// Few distinct high and low words, spread over the buckets (the top byte), so that hashes repeat,
// share a bucket and differ in one word only.
const word = fc.constantFrom(0, 1, 0x00ffffff, 0x01000000, 0x7fffffff, 0x80000000, 0xff000001, 0xffffffff);
const operation = fc.oneof(
  { weight: 20, arbitrary: fc.tuple(fc.constant('note' as const), word, word) },
  { weight: 1, arbitrary: fc.tuple(fc.constant('reserve' as const), fc.nat({ max: 5000 }), fc.constant(0)) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('commit' as const), fc.constant(0), fc.constant(0)) },
  { weight: 2, arbitrary: fc.tuple(fc.constant('rollback' as const), fc.constant(0), fc.constant(0)) },
);

type Operation = readonly ['note' | 'reserve' | 'commit' | 'rollback', number, number];

/** Applies the operations to `hashes` and to the model (a Map of counts); returns the model's counts. */
function replay(hashes: KeyHashes, operations: readonly Operation[]): Map<string, number> {
  let counts = new Map<string, number>();
  let committed = new Map<string, number>();
  for (const [kind, a, b] of operations) {
    if (kind === 'note') {
      hashes.note(a, b);
      counts.set(name(a, b), (counts.get(name(a, b)) ?? 0) + 1);
    } else if (kind === 'reserve') hashes.reserve(a);
    else if (kind === 'commit') {
      hashes.commit();
      committed = new Map(counts);
    } else {
      hashes.rollback();
      counts = new Map(committed);
    }
  }
  return counts;
}

/**
 * Expects `hashes` to hold what the model counts: has() of each probe (and of one hash never noted),
 * and every hash visited once with whether it repeats. Returns the hashes' names in visiting order.
 */
function expectModel(
  hashes: KeyHashes,
  counts: ReadonlyMap<string, number>,
  probes: readonly (readonly [number, number])[],
): string[] {
  for (const [hi, lo] of [...probes, [0x80000000, 0xffffffff] as const])
    expect(hashes.has(hi, lo)).toBe(counts.has(name(hi, lo)));
  const seen: string[] = [];
  hashes.forEach((hi, lo, _entries, first, end) => {
    seen.push(name(hi, lo));
    expect(end - first > 1).toBe(counts.get(name(hi, lo))! > 1);
  });
  return seen;
}

describe('KeyHashes', () => {
  it('finds and repeats the hashes a plain Map counts, through reserves, commits and rollbacks', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 300 }),
        fc.array(fc.tuple(word, word), { maxLength: 8 }),
        (operations, probes) => {
          const hashes = new KeyHashes();
          const counts = replay(hashes, operations);
          const seen = expectModel(hashes, counts, probes);
          expect(seen.sort()).toEqual([...counts.keys()].sort());
          expect([...hashes.repeated()].sort()).toEqual(
            [...counts]
              .filter(([, count]) => count > 1)
              .map(([key]) => key)
              .sort(),
          );
          // Noting after the sort sorts again.
          hashes.note(0xffffffff, 0);
          expect(hashes.has(0xffffffff, 0)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('holds many hashes in one bucket, growing it past a reserve', () => {
    const hashes = new KeyHashes();
    hashes.reserve(256);
    for (let index = 0; index < 5000; index++) hashes.note(0x42000000 + (index % 3001), index % 4099);
    expect(hashes.has(0x42000000 + 17, 17)).toBe(true);
    expect(hashes.has(0x42000000 + 17, 18)).toBe(false);
    expect(hashes.repeated().size).toBe(0);
    hashes.note(0x42000000 + 5, 5);
    expect([...hashes.repeated()]).toEqual([name(0x42000000 + 5, 5)]);
  });
});

describe('KeyHashes spilled to disk (a budget of a few hashes)', () => {
  // Spill directories go under TMPDIR: a fresh one, looked at after each case.
  const previous = process.env.TMPDIR;
  const parent = mkdtempSync(join(tmpdir(), 'spotcheck-keyhashes-'));
  beforeAll(() => {
    process.env.TMPDIR = parent;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  });

  it('finds and repeats the same hashes as a plain Map, through commits and rollbacks across spills, and removes its files', () => {
    let spilled = 0;
    fc.assert(
      fc.property(
        fc.integer({ min: 8, max: 40 }),
        fc.array(operation, { minLength: 8, maxLength: 200 }),
        fc.array(fc.tuple(word, word), { maxLength: 6 }),
        (budget, operations, probes) => {
          const hashes = new KeyHashes(budget);
          try {
            check(hashes, operations, probes);
          } finally {
            hashes.release();
          }
          expect(readdirSync(parent)).toEqual([]);
          if (hashes.spills) spilled++;
        },
      ),
      { numRuns: 150 },
    );
    expect(spilled).toBeGreaterThan(50);

    function check(hashes: KeyHashes, operations: readonly Operation[], probes: (readonly [number, number])[]): void {
      const counts = replay(hashes, operations);
      if (hashes.spills) {
        // Private: the directory 0700, its files 0600, and no hash in them as it was noted.
        const [dir] = readdirSync(parent);
        expect(statSync(join(parent, dir!)).mode & 0o777).toBe(0o700);
        for (const file of readdirSync(join(parent, dir!))) {
          expect(statSync(join(parent, dir!, file)).mode & 0o777).toBe(0o600);
          const words = new Uint32Array(new Uint8Array(readFileSync(join(parent, dir!, file))).buffer);
          for (let at = 0; at < words.length; at += 2) expect(counts.has(name(words[at + 1]!, words[at]!))).toBe(false);
        }
      }
      const seen = expectModel(hashes, counts, probes);
      expect(seen).toEqual([...counts.keys()].sort(byHash));
    }
  });

  it('answers has() and names the repeated households of a RegistryChecks that spilled', () => {
    const registry = new RegistryChecks(16);
    const first = new FileChecks(registry);
    const ids = Array.from({ length: 200 }, (_, index) => `H${index}`);
    for (const id of [...ids, 'H7']) {
      const data = Buffer.from(id);
      first.household(data, 0, data.length, 'utf-8', FROM_HOUSEHOLD_FILE | FROM_REGISTERED_FILE, 1, 0);
    }
    registry.addFile(first, []);
    expect(readdirSync(parent)).toHaveLength(1);
    expect([...registry.candidates().households]).toEqual([fieldHashName(Buffer.from('H7'), 0, 2, 'utf-8')]);
    for (const id of ['H0', 'H199', ' H42 ']) expect(registry.hasHousehold(id), id).toBe(true);
    for (const id of ['H200', 'h1']) expect(registry.hasHousehold(id), id).toBe(false);
  });
});

/** Hash names in the order of their 64-bit values. */
function byHash(a: string, b: string): number {
  const value = (text: string) => {
    const [hi, lo] = text.split(':').map((part) => BigInt(`0x${part}`));
    return (hi! << 32n) | lo!;
  };
  const difference = value(a) - value(b);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

describe('RegistryChecks over household-level and person-level files', () => {
  const bytes = (text: string) => Buffer.from(text, 'utf8');
  const household = (checks: FileChecks, id: string, kinds: number, head = 1, location = 0) => {
    const data = bytes(id);
    checks.household(data, 0, data.length, 'utf-8', kinds, head, location);
  };
  const HOUSEHOLD_LEVEL = FROM_HOUSEHOLD_FILE | FROM_REGISTERED_FILE;
  const PERSON_LEVEL = FROM_RELATION_FILE | FROM_REGISTERED_FILE;

  it('knows every household, drops what an abandoned reading counted, and names the repeated ones', () => {
    const registry = new RegistryChecks();
    // A first reading of the household-level file, abandoned (read again in another encoding).
    household(new FileChecks(registry), 'gone', HOUSEHOLD_LEVEL);
    const first = new FileChecks(registry);
    for (const id of ['A*1', 'B', 'C']) household(first, id, HOUSEHOLD_LEVEL);
    registry.addFile(first, []);
    const second = new FileChecks(registry);
    household(second, 'D', PERSON_LEVEL);
    household(second, 'D', PERSON_LEVEL, 0);
    registry.addFile(second, [[0, 'village']]);
    for (const [key, known] of [
      ['A*1', true],
      [' B ', true],
      ['D', true],
      ['gone', false],
      ['E', false],
    ] as const)
      expect(registry.hasHousehold(key), key).toBe(known);
    expect(registry.candidates().households.size).toBe(0);
    // Its persons are let go with the candidates: no file is read after them.
    expect(() => new FileChecks(registry)).toThrow('a file begun after candidates()');

    const again = new RegistryChecks();
    const households = new FileChecks(again);
    for (const id of ['A', 'B', 'A', 'C']) household(households, id, HOUSEHOLD_LEVEL);
    again.addFile(households, []);
    const persons = new FileChecks(again);
    household(persons, 'C', PERSON_LEVEL);
    household(persons, 'F', PERSON_LEVEL);
    again.addFile(persons, [[0, 'village']]);
    const name = (id: string) => fieldHashName(bytes(id), 0, id.length, 'utf-8');
    // A twice in the household-level file; C in both files.
    expect([...again.candidates().households].sort()).toEqual([name('A'), name('C')].sort());
  });
});

describe('HouseholdRuns', () => {
  // The flags of src/io/householdChecks.ts (head rows, one row or several, the kinds of file).
  const KINDS = [0x10, 0x20, 0x40, 0x80, 0x100];
  const FAR = 2 ** 22 - 1;
  const location = fc.constantFrom(0, 1, 2, 7, FAR - 1, FAR, FAR + 1, 2 ** 31 + 3);
  // Few distinct words most of the time (households whose keys hash alike: runs of one household, or
  // collisions), any word otherwise (every digit of the radix sort).
  const hashWord = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(0, 1, 2, 5, 0x00fff001, 0x80000000, 0x80000800, 0xffffffff) },
    { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffffffff }) },
  );
  const note = fc.record({
    hi: hashWord,
    lo: hashWord,
    kinds: fc.subarray(KINDS, { minLength: 1 }).map((kinds) => kinds.reduce((a, b) => a | b, 0)),
    heads: fc.nat({ max: 3 }),
    rows: fc.integer({ min: 1, max: 3 }),
    location,
  });
  /** A reading of a file: its runs, kept (committed) or abandoned (rolled back, to be read again). */
  const reading = fc.record({ notes: fc.array(note, { maxLength: 30 }), kept: fc.boolean() });
  type Note = { hi: number; lo: number; kinds: number; heads: number; rows: number; location: number };
  type Reading = { notes: readonly Note[]; kept: boolean };
  type Household = { kinds: number; heads: number; several: boolean; locations: Set<number> };

  /** The plain model: per hash name, its kinds, head rows, whether it has several rows, every location. */
  const model = (readings: readonly Reading[]) => {
    const households = new Map<string, Household>();
    for (const { notes, kept } of readings) {
      if (!kept) continue;
      for (const { hi, lo, kinds, heads, rows, location } of notes) {
        const known = households.get(name(hi, lo));
        if (!known) households.set(name(hi, lo), { kinds, heads, several: rows > 1, locations: new Set([location]) });
        else {
          known.kinds |= kinds;
          known.heads += heads;
          known.several = true;
          known.locations.add(location);
        }
      }
    }
    return households;
  };
  const village = (id: number) => ['甲村', '乙村', null][id % 3];
  const suspects = (households: Map<string, Household>) =>
    [...households]
      .filter(([, { kinds, heads, several, locations }]) => {
        const has = (kind: number) => (kinds & kind) !== 0;
        return (
          (has(0x20) && Math.min(heads, 2) !== 1) ||
          (has(0x10) && several) ||
          (has(0x40) && (has(0x20) || has(0x10))) ||
          (has(0x80) && has(0x100)) ||
          new Set([...locations].map(village)).size !== 1
        );
      })
      .map(([key]) => key)
      .sort();
  /** The readings noted into `runs`, each committed or rolled back (as RegistryChecks does a file's). */
  const replayRuns = (runs: HouseholdRuns, readings: readonly Reading[], reserve: number) => {
    if (reserve > 0) runs.reserve(reserve);
    for (const { notes, kept } of readings) {
      for (const { hi, lo, kinds, heads, rows, location } of notes) runs.note(hi, lo, kinds, heads, rows, location);
      if (kept) runs.commit();
      else runs.rollback();
    }
  };
  /** Expects `runs` to find the model's candidates and to know its households (and no other). */
  const expectModel = (runs: HouseholdRuns, readings: readonly Reading[]) => {
    const households = model(readings);
    expect([...runs.candidates(village)].sort()).toEqual(suspects(households));
    for (const key of households.keys()) {
      const [hi, lo] = key.split(':').map((part) => Number.parseInt(part, 16));
      expect(runs.has(hi!, lo!), key).toBe(true);
    }
    for (const [hi, lo] of [
      [3, 3],
      [0x80000000, 7],
      [0xffffffff, 0xfffffffe],
    ] as const)
      expect(runs.has(hi, lo)).toBe(households.has(name(hi, lo)));
  };

  it('finds the candidates a plain Map of every household finds, over files kept and readings dropped', () => {
    fc.assert(
      fc.property(fc.array(reading, { maxLength: 4 }), fc.nat({ max: 20 }), (readings, reserve) => {
        const runs = new HouseholdRuns();
        replayRuns(runs, readings, reserve);
        expectModel(runs, readings);
        expect(runs.spills).toBe(false);
      }),
      { numRuns: 300 },
    );
    // One 户主 row, rows in one village in each file (乙村 at locations 1 and 7; 乙村 and 甲村 at 1 and 0).
    const at = (location: number, heads = 0): Note => ({ hi: 5, lo: 1, kinds: 0x120, heads, rows: 1, location });
    const runs = new HouseholdRuns();
    replayRuns(runs, [{ notes: [at(1, 1), at(7)], kept: true }], 0);
    expect(runs.candidates(village).size).toBe(0);
    replayRuns(runs, [{ notes: [at(1), at(0)], kept: true }], 0);
    expect([...runs.candidates(village)]).toEqual([name(5, 1)]);
  });

  describe('spilled to disk (a budget of a few runs)', () => {
    const previous = process.env.TMPDIR;
    const parent = mkdtempSync(join(tmpdir(), 'spotcheck-householdruns-'));
    beforeAll(() => {
      process.env.TMPDIR = parent;
    });
    afterAll(() => {
      if (previous === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = previous;
    });

    it('finds the same candidates and households as a plain Map, keeps no hash as it was noted, and removes its files', () => {
      let spilled = 0;
      fc.assert(
        fc.property(
          fc.integer({ min: 12, max: 120 }),
          fc.array(reading, { minLength: 1, maxLength: 4 }),
          fc.nat({ max: 20 }),
          (budget, readings, reserve) => {
            const runs = new HouseholdRuns(budget);
            try {
              replayRuns(runs, readings, reserve);
              if (runs.spills) {
                spilled++;
                const noted = new Set(readings.flatMap(({ notes }) => notes.map(({ hi, lo }) => name(hi, lo))));
                const [dir] = readdirSync(parent);
                for (const file of readdirSync(join(parent, dir!))) {
                  expect(statSync(join(parent, dir!, file)).mode & 0o777).toBe(0o600);
                  const words = new Uint32Array(new Uint8Array(readFileSync(join(parent, dir!, file))).buffer);
                  expect(words.length % 3).toBe(0);
                  for (let at = 0; at < words.length; at += 3)
                    expect(noted.has(name(words[at + 1]!, words[at]!))).toBe(false);
                }
              }
              expectModel(runs, readings);
            } finally {
              runs.release();
            }
            expect(readdirSync(parent)).toEqual([]);
          },
        ),
        { numRuns: 200 },
      );
      expect(spilled).toBeGreaterThan(50);
    });
  });
});

describe('KeyHashes of width 3: the sort that carries payloads', () => {
  it('yields every hash in order with its payloads in the order noted, small buckets (insertion sort) and large (radix) alike', () => {
    // Hashes in a few buckets (the top 8 bits) so that some hold one entry, some a few, some hundreds;
    // low words from a small set so that equal hashes recur.
    const entry = fc.record({
      bucket: fc.constantFrom(0, 1, 200, 255),
      hiLow: fc.integer({ min: 0, max: 40 }),
      lo: fc.constantFrom(0, 1, 2, 0x7fffffff, 0x80000000, 0xffffffff),
      payload: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 700 }), (entries) => {
        const hashes = new KeyHashes(1 << 30, 3);
        const noted = entries.map(({ bucket, hiLow, lo, payload }) => ({
          hi: ((bucket << 24) | hiLow) >>> 0,
          lo,
          payload,
        }));
        for (const { hi, lo, payload } of noted) hashes.note(hi, lo, payload);
        const seen: string[] = [];
        hashes.forEach((hi, lo, words, first, end) => {
          for (let at = first; at < end; at++) seen.push(`${hi}:${lo}:${words[3 * at + 2]}`);
        });
        // The model: a stable sort by (high word, low word).
        const expected = noted
          .map((item, index) => ({ ...item, index }))
          .sort((a, b) => a.hi - b.hi || a.lo - b.lo || a.index - b.index)
          .map(({ hi, lo, payload }) => `${hi}:${lo}:${payload}`);
        expect(seen).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
