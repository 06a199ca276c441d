/**
 * Properties over generated registry FILES (not frames): every run, with any parameters, either draws
 * a valid sample or fails with a SpotcheckError of a user-facing kind, never anything else; and row
 * order, a split into two files and re-encoding as GBK never change the sample. Then a mutation fuzz
 * of the whole reader (random byte edits of the fixtures), for a bounded time
 * (SPOTCHECK_FUZZ_SECONDS, default 8).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import seedrandom from 'seedrandom';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { normaliseDrawOptions } from '../../src/commands/_shared/options.js';
import { MONTHLY_OPTIONS } from '../../src/commands/monthly/spec.js';
import { SpotcheckError } from '../../src/errors.js';
import { runMonthly } from '../../src/commands/monthly/run.js';
import { benchBase, benchVariants } from '../benchVariantsKit.js';
import { DEMO, NATIONAL_HEADER, ROOT, tempDir } from '../helpers.js';

const COUNTIES = [
  { name: '永胜县', code: '530722' },
  { name: '华坪县', code: '530723' },
  { name: '宁蒗彝族自治县', code: '530724' },
  { name: '玉龙纳西族自治县', code: '530721' },
];
const TOWNSHIPS = ['城关镇', '新华乡', '东山乡'];
const VILLAGES = ['一村', '二村', '三村', '四村'];
const USER_FACING = ['USAGE', 'INPUT', 'DATA', 'SCOPE'];

const householdArbitrary = fc.record({
  county: fc.nat({ max: COUNTIES.length - 1 }),
  township: fc.nat({ max: TOWNSHIPS.length - 1 }),
  village: fc.nat({ max: VILLAGES.length - 1 }),
  status: fc.oneof(
    { weight: 300, arbitrary: fc.constantFrom('未脱贫', '已脱贫', '非贫困户') },
    { weight: 1, arbitrary: fc.constantFrom('脱贫不稳定', '') },
  ),
  persons: fc.integer({ min: 1, max: 4 }),
  sizeText: fc.oneof(
    { weight: 300, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.constantFrom('三', '0', '-1') },
  ),
});

/** A person-level national export: one row per person, the 户主 first. */
function registryRows(households: ReadonlyArray<fc.RecordValue<typeof householdArbitrary.prototype>>): string[][] {
  const rows: string[][] = [];
  households.forEach((household, index) => {
    const county = COUNTIES[household.county]!;
    const householdId = `${county.code}${String(index + 1).padStart(10, '0')}`;
    // 是否贫困村 is a property of the village: poor when its index is even.
    const poor = household.village % 2 === 0 ? '是' : '否';
    for (let person = 0; person < household.persons; person++) {
      rows.push([
        county.name,
        TOWNSHIPS[household.township]!,
        VILLAGES[household.village]!,
        '一组',
        householdId,
        `${householdId}${String(person + 1).padStart(2, '0')}`,
        `人${index}-${person}`,
        `53072219800101${String(index % 10000).padStart(4, '0')}`,
        household.sizeText ?? String(household.persons),
        person === 0 ? '户主' : '子女',
        household.status,
        '',
        '一般贫困户',
        poor,
      ]);
    }
  });
  return rows;
}

const csvText = (rows: readonly (readonly string[])[]) =>
  `${[NATIONAL_HEADER, ...rows].map((row) => row.join(',')).join('\n')}\n`;

/** Mostly valid values, sometimes an invalid one. */
const mostly = (valid: string[], invalid: string[]) =>
  fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: fc.constantFrom(...invalid) });
const parametersArbitrary = fc.record({
  level: fc.constantFrom('province', 'county', 'township'),
  scope: mostly(['永胜县', '华坪县', '玉龙纳西族自治县'], ['不存在县']),
  counties: mostly(['1', '2', '3'], ['0', '2.5']),
  villages: mostly(['1', '2', '3'], ['-1']),
  households: mostly(['1', '3', '5'], ['1000001']),
  statuses: fc.constantFrom('poor,exited', 'poor', 'nonpoor', 'poor,exited,nonpoor'),
  villageFrame: fc.constantFrom('auto', 'all'),
});

async function draw(files: readonly string[], p: fc.RecordValue<typeof parametersArbitrary.prototype>) {
  const raw = {
    month: '2026-11',
    seed: 'property',
    level: p.level,
    ...(p.level === 'province'
      ? { counties: p.counties }
      : { scope: p.level === 'township' ? '永胜县›城关镇' : p.scope }),
    villages: p.villages,
    households: p.households,
    statuses: p.statuses,
    villageFrame: p.villageFrame,
  };
  const options = normaliseDrawOptions(MONTHLY_OPTIONS, files, raw);
  return runMonthly(options, tempDir());
}

/** Runs `attempt`; a SpotcheckError of a user-facing kind is returned, anything else fails the test. */
async function outcome<T>(attempt: () => Promise<T>): Promise<T | SpotcheckError> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof SpotcheckError))
      throw new Error(`not a SpotcheckError: ${(error as Error)?.stack ?? String(error)}`);
    expect(USER_FACING).toContain(error.code);
    return error;
  }
}

describe('registry files: valid sample or clean error; order, split and encoding do not matter', () => {
  it('holds for generated registries and parameters', async () => {
    let drawn = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(householdArbitrary, { minLength: 0, maxLength: 60 }),
        parametersArbitrary,
        fc.nat(),
        async (households, p, shuffleSeed) => {
          const dir = tempDir();
          const rows = registryRows(households);
          const original = join(dir, 'registry.csv');
          writeFileSync(original, csvText(rows));
          const result = await outcome(() => draw([original], p));
          if (result instanceof SpotcheckError) {
            refused++;
            return;
          }
          drawn++;
          // A valid sample: unique households, probabilities in (0, 1], weights ≥ 1, at most the sizes asked per village.
          const sampled = parse(result.files.get('households.csv')!, { columns: true }) as Array<
            Record<string, string>
          >;
          expect(new Set(sampled.map((row) => row.household_id)).size).toBe(sampled.length);
          const perVillage = new Map<string, number>();
          for (const row of sampled) {
            expect(Number(row.probability)).toBeGreaterThan(0);
            expect(Number(row.probability)).toBeLessThanOrEqual(1);
            expect(Number(row.weight)).toBeGreaterThanOrEqual(1 - 1e-12);
            perVillage.set(row.village_key!, (perVillage.get(row.village_key!) ?? 0) + 1);
          }
          for (const count of perVillage.values()) expect(count).toBeLessThanOrEqual(Number(p.households));
          // Shuffled rows, a split into two files (any order), and GBK give the identical sample.
          const random = seedrandom(String(shuffleSeed));
          const shuffled = [...rows].sort(() => random() - 0.5);
          const shuffledPath = join(dir, 'shuffled.csv');
          writeFileSync(shuffledPath, csvText(shuffled));
          const half = Math.floor(shuffled.length / 2);
          const [partA, partB] = [join(dir, 'a.csv'), join(dir, 'b.csv')];
          writeFileSync(partA, csvText(shuffled.slice(0, half)));
          writeFileSync(partB, csvText(shuffled.slice(half)));
          const gbkPath = join(dir, 'gbk.csv');
          writeFileSync(gbkPath, iconv.encode(csvText(rows), 'gbk'));
          for (const files of [[shuffledPath], [partB, partA], [gbkPath]]) {
            const again = await draw(files, p);
            for (const name of ['counties.csv', 'villages.csv', 'households.csv'])
              expect(again.files.get(name), `${files.join(' + ')}: ${name}`).toBe(result.files.get(name));
          }
        },
      ),
      { numRuns: 80 },
    );
    // The generator must exercise both outcomes.
    expect(drawn).toBeGreaterThan(5);
    expect(refused).toBeGreaterThan(5);
  });
});

describe("the benchmark's registry variants (bench/variants.mjs)", () => {
  it("give the base's households: reordered, renamed and extra columns, per person in GBK, shuffled, split", async () => {
    const variants = await benchVariants(160);
    const drawKeys = async (outputs: Record<string, Buffer>) => {
      const dir = tempDir();
      const files = Object.entries(outputs).map(([name, bytes]) => {
        writeFileSync(join(dir, name), bytes);
        return join(dir, name);
      });
      const result = await runMonthly(
        normaliseDrawOptions(MONTHLY_OPTIONS, files, { month: '2026-11', seed: 'bench', level: 'province' }),
        tempDir(),
      );
      const rows = parse(result.files.get('households.csv')!, { columns: true }) as Array<Record<string, string>>;
      return rows.map((row) => `${row.village_key} ${row.household_id}`);
    };
    const base = await drawKeys({ 'base.csv': Buffer.from(await benchBase(160)) });
    expect(base.length).toBeGreaterThan(10);
    for (const [variant, outputs] of variants) expect(await drawKeys(outputs), variant).toEqual(base);
  });
});

describe('mutation fuzz of the reader', () => {
  it('random byte edits of the fixtures give a draw or a clean error, never a crash', async () => {
    const seconds = Number(process.env.SPOTCHECK_FUZZ_SECONDS ?? 8);
    const random = seedrandom('spotcheck-reader-fuzz');
    const sources = [DEMO, join(ROOT, 'fixtures', 'eval-registry.csv')].map((path) => {
      const bytes = readFileSync(path);
      // The first ~200 lines keep each run quick.
      let end = 0;
      for (let line = 0; line < 200 && end < bytes.length; line++) end = bytes.indexOf(0x0a, end) + 1 || bytes.length;
      return bytes.subarray(0, end);
    });
    const interesting = [0x22, 0x2c, 0x0a, 0x0d, 0x00, 0xff, 0xef, 0xbb, 0xbf, 0xe6, 0x20, 0x31];
    const dir = tempDir();
    const deadline = Date.now() + seconds * 1000;
    let runs = 0;
    while (Date.now() < deadline || runs < 20) {
      const source = sources[runs % sources.length]!;
      const bytes = Array.from(source);
      const edits = 1 + Math.floor(random() * 4);
      for (let edit = 0; edit < edits; edit++) {
        const at = Math.floor(random() * bytes.length);
        const byte =
          random() < 0.7 ? interesting[Math.floor(random() * interesting.length)]! : Math.floor(random() * 256);
        const kind = random();
        if (kind < 0.4) bytes[at] = byte;
        else if (kind < 0.7) bytes.splice(at, 0, byte);
        else bytes.splice(at, 1 + Math.floor(random() * 8));
      }
      const path = join(dir, `mutant-${runs}.csv`);
      writeFileSync(path, Buffer.from(bytes));
      await outcome(() =>
        runMonthly(normaliseDrawOptions(MONTHLY_OPTIONS, [path], { month: '2026-11', seed: `fuzz-${runs}` }), dir),
      );
      runs++;
    }
    expect(runs).toBeGreaterThanOrEqual(20);
  });
});
