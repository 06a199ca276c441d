/**
 * Issue 12, holes 7 and 8, on the built binary:
 * - a registry either draws under every seed or under none: each error that used to be found only
 *   when its village was drawn (seed A draws the bad village, seed B does not) now refuses both seeds
 *   with the same message;
 * - no household value depends on row order (household_size included);
 * - HEAD / Head are head rows; an unknown relation word is a member, the household is not dropped;
 * - a registry rewritten between the passes (same size, same modification time) is refused.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { fieldHashName } from '../../src/io/householdChecks.js';
import { cli, NATIONAL_HEADER, tempDir, writeCsv } from '../helpers.js';

const VILLAGES = ['甲村', '乙村', '丙村', '丁村', '戊村', '己村'];
/** On the clean registry, SEED_A draws 甲村 (the bad village below) and SEED_B draws 丙村. */
const SEED_A = 'seed-a';
const SEED_B = 'seed-b';

type Row = string[];

/** 2 households of 2 persons in each village, one county, one township. */
function personRows(): Row[] {
  const rows: Row[] = [];
  VILLAGES.forEach((village, v) => {
    for (let h = 1; h <= 2; h++) {
      const id = `53072210${String(v + 1).padStart(2, '0')}${String(h).padStart(4, '0')}`;
      for (let p = 1; p <= 2; p++) rows.push(person(village, id, `${id}0${p}`, '2', p === 1 ? '户主' : '配偶'));
    }
  });
  return rows;
}

function person(village: string, household: string, personId: string, size: string, relation: string): Row {
  return [
    '永胜县',
    '启江镇',
    village,
    '一组',
    household,
    personId,
    `名${personId.slice(-4)}`,
    `ID${personId}`,
    size,
    relation,
    '已脱贫',
    '2019',
    '一般贫困户',
    '是',
  ];
}

const HOUSEHOLD_HEADER = ['household_id', 'county', 'township', 'village', 'household_size', 'status', 'poor_village'];
function householdRows(): Row[] {
  const rows: Row[] = [];
  VILLAGES.forEach((village, v) => {
    for (let h = 1; h <= 2; h++)
      rows.push([
        `53072210${String(v + 1).padStart(2, '0')}${String(h).padStart(4, '0')}`,
        '永胜县',
        '启江镇',
        village,
        '2',
        '已脱贫',
        '是',
      ]);
  });
  return rows;
}

async function draw(registry: string | string[], seed: string, out: string, env: Record<string, string> = {}) {
  return await cli(
    [
      'monthly',
      ...[registry].flat(),
      '--month',
      '2026-11',
      '--seed',
      seed,
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--villages',
      '1',
      '--out',
      out,
      '--quiet',
    ],
    { env },
  );
}

const drawnVillage = (out: string): string =>
  readFileSync(join(out, 'villages.csv'), 'utf8').split('\n')[1]!.split(',')[7]!;

describe('the premise: which village each seed draws from the clean registries', () => {
  it('seed A draws 甲村, seed B draws 丙村 (person- and household-level)', async () => {
    const dir = tempDir();
    for (const [name, header, rows] of [
      ['p.csv', NATIONAL_HEADER, personRows()],
      ['h.csv', HOUSEHOLD_HEADER, householdRows()],
    ] as const) {
      const registry = writeCsv(dir, name, [header, ...rows]);
      for (const [seed, village] of [
        [SEED_A, '甲村'],
        [SEED_B, '丙村'],
      ] as const) {
        const out = join(dir, `${name}-${seed}`);
        const result = await draw(registry, seed, out);
        expect(result.status, result.stderr).toBe(0);
        expect(drawnVillage(out)).toBe(village);
      }
    }
  }, 120_000);
});

describe('a registry error refuses every seed, with the same message', () => {
  const cases: Array<{ name: string; header: readonly string[]; rows: () => Row[]; expect: RegExp }> = [
    {
      name: 'a household with no 户主 row (in 甲村)',
      header: NATIONAL_HEADER,
      rows: () => [
        ...personRows(),
        person('甲村', '5307221001009', '530722100100901', '2', '配偶'),
        person('甲村', '5307221001009', '530722100100902', '2', '子女'),
      ],
      expect: /5307221001009.*no 户主 row/,
    },
    {
      name: 'a household with two 户主 rows (in 甲村)',
      header: NATIONAL_HEADER,
      rows: () => [
        ...personRows(),
        person('甲村', '5307221001009', '530722100100901', '2', '户主'),
        person('甲村', '5307221001009', '530722100100902', '2', '户主'),
      ],
      expect: /5307221001009.*second 户主 row/,
    },
    {
      name: 'a 户主 written HEED (an unknown word: a member, so no 户主 row)',
      header: NATIONAL_HEADER,
      rows: () => [
        ...personRows(),
        person('甲村', '5307221001009', '530722100100901', '2', 'HEED'),
        person('甲村', '5307221001009', '530722100100902', '2', '配偶'),
      ],
      expect: /5307221001009.*no 户主 row/,
    },
    {
      name: 'a person ID twice (in 甲村)',
      header: NATIONAL_HEADER,
      rows: () => {
        const rows = personRows();
        rows.push([...rows[1]!]);
        return rows;
      },
      expect: /5307221001000102.*appears twice/,
    },
    {
      name: 'a person ID in two households (甲村 and 乙村, neither drawn by seed B)',
      header: NATIONAL_HEADER,
      rows: () => [...personRows(), person('乙村', '5307221002009', '5307221001000102', '1', '户主')],
      expect: /5307221001000102.*appears twice/,
    },
    {
      name: 'one 户编号 in two villages (甲村 and 乙村)',
      header: NATIONAL_HEADER,
      rows: () => [
        ...personRows(),
        person('甲村', '5307221001009', '530722100100901', '2', '户主'),
        person('乙村', '5307221001009', '530722100100902', '2', '配偶'),
      ],
      expect: /5307221001009.*in village/,
    },
    {
      name: 'a repeated 户编号 in a household-level file (in 甲村)',
      header: HOUSEHOLD_HEADER,
      rows: () => [...householdRows(), ['53072210010001', '永胜县', '启江镇', '甲村', '3', '已脱贫', '是']],
      expect: /53072210010001.*twice/,
    },
  ];
  for (const testCase of cases) {
    it(testCase.name, async () => {
      const dir = tempDir();
      const registry = writeCsv(dir, 'registry.csv', [testCase.header, ...testCase.rows()]);
      const a = await draw(registry, SEED_A, join(dir, 'a'));
      const b = await draw(registry, SEED_B, join(dir, 'b'));
      expect(a.status, a.stderr).toBe(2);
      expect(b.status, b.stderr).toBe(2);
      expect(a.stderr).toMatch(testCase.expect);
      expect(a.stderr).toContain('registry.csv');
      expect(b.stderr).toBe(a.stderr);
    }, 120_000);
  }

  it('a 户编号 of a household-level file that is also a household of a person-level file (in 甲村)', async () => {
    // Each file alone is valid; together 53072210010001 has two 户主 rows (pass 1 keeps these two
    // kinds of file apart: the household-level keys are sorted, the person-level households tabled).
    const dir = tempDir();
    const households = writeCsv(dir, 'households.csv', [HOUSEHOLD_HEADER, ...householdRows()]);
    const persons = writeCsv(dir, 'persons.csv', [NATIONAL_HEADER, ...personRows().slice(0, 2)]);
    const a = await draw([households, persons], SEED_A, join(dir, 'a'));
    const b = await draw([households, persons], SEED_B, join(dir, 'b'));
    expect(a.status, a.stderr).toBe(2);
    expect(b.status, b.stderr).toBe(2);
    expect(a.stderr).toMatch(
      /persons\.csv:2: household 53072210010001 has a second 户主 row \(first at households\.csv:2\)/,
    );
    expect(b.stderr).toBe(a.stderr);
  }, 120_000);
});

describe('row order and role words', () => {
  /** 甲村 (drawn by seed A) with households whose 人数 is blank on the 户主 row. */
  const rows = (): Row[] => [
    ...personRows(),
    // 户主 row blank, the others agree: 3.
    person('甲村', '5307221001007', '530722100100701', '', '户主'),
    person('甲村', '5307221001007', '530722100100702', '3', '配偶'),
    person('甲村', '5307221001007', '530722100100703', '3', '子女'),
    // 户主 row blank, the others disagree: the person rows (3).
    person('甲村', '5307221001008', '530722100100801', '', '户主'),
    person('甲村', '5307221001008', '530722100100802', '5', '配偶'),
    person('甲村', '5307221001008', '530722100100803', '4', '子女'),
    // A relation word not known (a member): the household stays.
    person('甲村', '5307221001006', '530722100100601', '2', '户主'),
    person('甲村', '5307221001006', '530722100100602', '2', '其他亲属'),
  ];

  it('reversed and shuffled rows give the same households.csv, household_size included', async () => {
    const dir = tempDir();
    const forward = rows();
    const reversed = [...forward].reverse();
    const shuffled = forward
      .map((row, index) => ({ row, key: (index * 7919) % forward.length }))
      .sort((a, b) => a.key - b.key)
      .map(({ row }) => row);
    const outputs: string[][] = [];
    for (const [index, order] of [forward, reversed, shuffled].entries()) {
      const registry = writeCsv(dir, `r${index}.csv`, [NATIONAL_HEADER, ...order]);
      const out = join(dir, `o${index}`);
      const result = await draw(registry, SEED_A, out);
      expect(result.status, result.stderr).toBe(0);
      outputs.push(
        ['counties.csv', 'villages.csv', 'households.csv'].map((name) => readFileSync(join(out, name), 'utf8')),
      );
    }
    expect(outputs[1]).toEqual(outputs[0]);
    expect(outputs[2]).toEqual(outputs[0]);
    const households = outputs[0]![2]!
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(','));
    const header = households[0]!;
    const size = (id: string) => households.find((row) => row[0] === id)?.[header.indexOf('household_size')];
    expect(size('5307221001007')).toBe('3');
    expect(size('5307221001008')).toBe('3');
    expect(size('5307221001006')).toBe('2');
  }, 180_000);

  it('HEAD, Head and " head " are 户主 rows: the draw equals the one with 户主', async () => {
    const dir = tempDir();
    const words = ['HEAD', 'Head', ' head '];
    let heads = 0;
    const english = personRows().map((row) =>
      row[9] === '户主' ? row.map((cell, column) => (column === 9 ? words[heads++ % words.length]! : cell)) : row,
    );
    const results: Array<[string, string, string[]]> = [];
    for (const [index, order] of [personRows(), english].entries()) {
      const registry = writeCsv(dir, `r${index}.csv`, [NATIONAL_HEADER, ...order]);
      const out = join(dir, `o${index}`);
      const result = await draw(registry, SEED_A, out);
      expect(result.status, result.stderr).toBe(0);
      const households = readFileSync(join(out, 'households.csv'), 'utf8')
        .split('\n')
        .map((line) => line.split(',').slice(0, 19).join(','));
      results.push([
        readFileSync(join(out, 'counties.csv'), 'utf8'),
        readFileSync(join(out, 'villages.csv'), 'utf8'),
        households,
      ]);
    }
    expect(results[1]).toEqual(results[0]);
  }, 120_000);
});

describe('one file, one hash', () => {
  it('a registry rewritten between the passes (same size and mtime) is refused, exit 2, naming the file', async () => {
    const dir = tempDir();
    const clean = writeCsv(dir, 'clean.csv', [NATIONAL_HEADER, ...personRows()]);
    // On one thread, and with every file read, hashed and scanned on the kept workers (pass 2's hash
    // on the digest worker kept from file to file).
    for (const [seed, workers] of [
      [SEED_A, {}],
      [SEED_B, {}],
      [SEED_A, { SPOTCHECK_PIPELINE_MIN_BYTES: '0' }],
    ] as const) {
      const registry = join(dir, `registry-${seed}-${Object.keys(workers).length}.csv`);
      copyFileSync(clean, registry);
      const result = await draw(registry, seed, join(dir, `out-${seed}-${Object.keys(workers).length}`), {
        SPOTCHECK_FAILPOINT: 'rewrite-registry-before-pass-2',
        ...workers,
      });
      expect(result.status, result.stderr).toBe(2);
      expect(result.stderr).toContain(`registry-${seed}-${Object.keys(workers).length}.csv`);
      expect(result.stderr).toMatch(/changed during the draw/);
      expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(readFileSync(registry)).not.toEqual(readFileSync(clean)); // the failpoint did rewrite it
    }
  }, 120_000);
});

describe('the whole-registry checks see keys as the draw does', () => {
  const hash = (text: string, encoding: 'utf-8' | 'gb18030' = 'utf-8') => {
    const bytes = encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
    return fieldHashName(bytes, 0, bytes.length, encoding);
  };
  it('hashes the normalised key: spaces around, full-width spaces, GBK and UTF-8 of one text alike', () => {
    expect(hash('5307221001')).not.toBeNull();
    expect(hash(' 5307221001\t')).toBe(hash('5307221001'));
    expect(hash('\u30005307221001')).toBe(hash('5307221001'));
    expect(hash('5307221001', 'gb18030')).toBe(hash('5307221001'));
    expect(hash('户 A1', 'gb18030')).toBe(hash('户A1'));
    expect(hash('5307221002')).not.toBe(hash('5307221001'));
    expect(hash('')).toBeNull();
    expect(hash('  \u3000 ')).toBeNull();
  });

  it('a household whose rows are in two files, or whose key has spaces around it on one row, is one household', async () => {
    const dir = tempDir();
    const rows = personRows();
    // 甲村's first household: its 配偶 row in the second file, its 户编号 with spaces around on that row.
    const moved = rows.splice(1, 1)[0]!;
    moved[4] = ` ${moved[4]} `;
    const first = writeCsv(dir, 'part1.csv', [NATIONAL_HEADER, ...rows]);
    const second = writeCsv(dir, 'part2.csv', [NATIONAL_HEADER, moved]);
    const whole = writeCsv(dir, 'whole.csv', [NATIONAL_HEADER, ...personRows()]);
    const split = await cli([
      'monthly',
      first,
      second,
      '--month',
      '2026-11',
      '--seed',
      SEED_A,
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--villages',
      '1',
      '--out',
      join(dir, 'split'),
      '--quiet',
    ]);
    expect(split.status, split.stderr).toBe(0);
    const one = await draw(whole, SEED_A, join(dir, 'whole'));
    expect(one.status, one.stderr).toBe(0);
    for (const name of ['counties.csv', 'villages.csv'])
      expect(readFileSync(join(dir, 'split', name), 'utf8')).toBe(readFileSync(join(dir, 'whole', name), 'utf8'));
  }, 120_000);
});
