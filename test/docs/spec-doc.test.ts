/**
 * docs/algorithm.md is the specification: every test vector of its §10 (tickets 1–7, and the
 * evaluation, funds and masking vectors of §10.1) is parsed from the document and recomputed with
 * the code, so document and tool cannot drift. Then the places where the document and the tool
 * disagreed (issue 12, hole 9) are pinned end to end on the built binary: a scope without frame
 * households is refused (§7), "any village is marked" is judged over the whole registry, a
 * person-level file without 与户主关系 takes a household's status from its smallest 人编号, the
 * accepted forms of 人数 (§13), and the README's masking rule is §17's.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardCell } from '../../src/core/spreadsheetText.js';
import { allocate, type AllocationMethod } from '../../src/core/allocation.js';
import { coverageProbabilities, parseShare } from '../../src/core/funds.js';
import { ppsInclusion, startFromTicket, systematicSelect } from '../../src/core/pps.js';
import { maskIdentifier } from '../../src/core/privacy.js';
import { ticket, ticketText } from '../../src/core/tickets.js';
import { cli, ROOT, tempDir, writeCsv } from '../helpers.js';

const DOC = readFileSync(join(ROOT, 'docs', 'algorithm.md'), 'utf8');
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The body of section `number` (e.g. "10") up to the next section of the same depth. */
function section(number: string): string {
  const start = DOC.indexOf(`\n## ${number}. `);
  expect(start, `§${number}`).toBeGreaterThan(0);
  const end = DOC.indexOf('\n## ', start + 1);
  return DOC.slice(start, end < 0 ? undefined : end);
}

describe('docs/algorithm.md §10: every test vector is reproduced by the code', () => {
  const vectors = section('10');
  const inputs = [...vectors.matchAll(/^\| (\d+) \| `([^`]*)`[^|]*\| ([^|]+) \| (\w+) \| `([^`]*)` \|$/gm)];
  const outputs = new Map(
    [...vectors.matchAll(/^\| (\d+) \| `(.*)` \((\d+)\) \| `([0-9a-f]{64})` \|$/gm)].map((match) => [
      match[1]!,
      { text: match[2]!, bytes: Number(match[3]), sha: match[4]! },
    ]),
  );

  it('finds the seven ticket vectors in both tables', () => {
    expect(inputs.map((match) => match[1])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect([...outputs.keys()]).toEqual(['1', '2', '3', '4', '5', '6', '7']);
  });

  for (const [, number, seed, context, stage, key] of inputs) {
    it(`vector ${number}: ticket text, its UTF-8 length and its SHA-256`, () => {
      const [month, level, scope] = context!.split(',').map((part) => part.trim().replace(/`/g, '').replace('""', ''));
      const parts = ['monthly', month!, level!, scope!];
      const text = ticketText(seed!, parts, stage!, key!);
      const expected = outputs.get(number!)!;
      expect(text.replaceAll('\u001f', '␟')).toBe(expected.text);
      expect(Buffer.byteLength(text, 'utf8')).toBe(expected.bytes);
      expect(ticket(seed!, parts, stage!, key!)).toBe(expected.sha);
    });
  }

  it('vector 5: the seed typed with a leading ideographic space and a decomposed ü names the same text', () => {
    expect('\u3000 Zu\u0308rich ñ-7 '.normalize('NFC').trim()).toBe('Zürich ñ-7');
  });

  const functions: Record<string, (...args: never[]) => unknown> = {
    ticket: (seed: string, context: string[], stage: string, key: string) => ticket(seed, context, stage, key),
    pps_start: (hex: string) => startFromTicket(hex).toString(),
    allocate: (total: number, strata: [string, number, number][], method: AllocationMethod) =>
      Object.fromEntries(
        allocate(
          total,
          strata.map(([key, units, measure]) => ({ key, units, measure })),
          method,
        ),
      ),
    pps: (sizes: number[], n: number, start: string) => {
      const { inclusions, remainingSample } = ppsInclusion(
        sizes.map((size, unit) => ({ unit, size })),
        n,
      );
      const open = inclusions
        .filter((entry) => !entry.certainty && entry.probability > 0)
        .map(({ unit, size }) => ({ unit, size }));
      return {
        certainty: inclusions.flatMap((entry, index) => (entry.certainty ? [index] : [])),
        selected: systematicSelect(open, remainingSample, BigInt(start)),
        probability: inclusions.map((entry) => entry.probability),
      };
    },
    coverage: (funds: number[], share: string) =>
      coverageProbabilities(
        funds,
        funds.reduce((sum, fen) => sum + fen, 0),
        parseShare(share)!,
      ),
    mask: (value: string) => maskIdentifier(value),
    guard: (value: string, version?: 1 | 2) => guardCell(value, version),
  };
  const rows = [...vectors.matchAll(/^\| (\d+) \| (\w+) \| `(.+)` \| `(.+)` \|$/gm)];

  it('finds the §10.1 vectors of every function, numbered on from 8', () => {
    expect(rows.length).toBeGreaterThanOrEqual(29);
    expect(rows.map((match) => Number(match[1]))).toEqual(rows.map((_, index) => index + 8));
    expect(new Set(rows.map((match) => match[2]))).toEqual(new Set(Object.keys(functions)));
  });

  for (const [, number, name, args, result] of rows) {
    it(`vector ${number}: ${name}(${args!.slice(1, 60)}…)`, () => {
      expect(functions[name!]!(...(JSON.parse(args!) as never[]))).toEqual(JSON.parse(result!));
    });
  }

  it('§17: the masking table states the rule the code applies, length by length', () => {
    const lines = [...section('17').matchAll(/^\| ([0-9–≥ ]+) \| (\d) \| (\d) \|/gm)];
    expect(lines.map((line) => line[1])).toEqual(['1–6', '7–10', '11–14', '≥ 15']);
    for (const [, range, keepStart, keepEnd] of lines) {
      const [low, high] = range!.includes('≥')
        ? [Number(range!.replace(/\D/g, '')), 40]
        : range!.split('–').map(Number);
      for (let length = low!; length <= high!; length++) {
        const value = 'x'.repeat(length);
        const masked = maskIdentifier(value);
        expect(masked.length).toBe(length);
        expect(masked.replace(/\*/g, '').length, `length ${length}`).toBe(Number(keepStart) + Number(keepEnd));
      }
    }
  });
});

describe('document and tool agree where they disagreed (issue 12, hole 9)', () => {
  const HEADER = ['household_id', 'county_code', 'county', 'township', 'village', 'status', 'poor_village', '人数'];
  /** 峨山 marks its villages (one poor, one not); 永胜 marks none. */
  function markedRegistry(dir: string): string {
    const rows: string[][] = [];
    for (let i = 1; i <= 6; i++) rows.push([`E1${i}`, '530426', '峨山彝族自治县', '甲镇', '一村', '未脱贫', '是', '3']);
    for (let i = 1; i <= 6; i++) rows.push([`E2${i}`, '530426', '峨山彝族自治县', '甲镇', '二村', '未脱贫', '否', '3']);
    for (let i = 1; i <= 6; i++) rows.push([`Y1${i}`, '530722', '永胜县', '乙镇', '三村', '已脱贫', '', '2']);
    for (let i = 1; i <= 6; i++) rows.push([`Y2${i}`, '530722', '永胜县', '乙镇', '四村', '已脱贫', '', '2']);
    return writeCsv(dir, 'marked.csv', [HEADER, ...rows]);
  }

  it('§7 and §4.6: a scope without poor villages, in a registry that marks villages elsewhere, is refused (exit 2), nothing written', async () => {
    const dir = tempDir();
    const registry = markedRegistry(dir);
    const out = join(dir, 'yongsheng');
    const refused = await cli([
      'monthly',
      registry,
      '--month',
      '2026-11',
      '--seed',
      's',
      '--level',
      'county',
      '--scope',
      '永胜县',
      '--out',
      out,
    ]);
    expect(refused.status).toBe(2);
    expect(refused.stderr).toMatch(/the frame is empty/);
    expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(existsSync(join(out, 'manifest.json'))).toBe(false);
    expect(existsSync(join(out, 'households.csv'))).toBe(false);
    // The same county draws every village when told to, and the marking county its poor village only.
    expect(
      (
        await cli([
          'monthly',
          registry,
          '--month',
          '2026-11',
          '--seed',
          's',
          '--level',
          'county',
          '--scope',
          '永胜县',
          '--village-frame',
          'all',
          '--json',
        ])
      ).status,
    ).toBe(0);
    const eshan = JSON.parse(
      (
        await cli([
          'monthly',
          registry,
          '--month',
          '2026-11',
          '--seed',
          's',
          '--level',
          'county',
          '--scope',
          '峨山彝族自治县',
          '--json',
        ])
      ).stdout,
    );
    expect(eshan.villages.map((village: { village: string }) => village.village)).toEqual(['一村']);
    expect(eshan.manifest.frame.definition.villageFrame).toBe('poor');
  });

  it('§13: a person-level file without 与户主关系 takes status, 人数 and row from the smallest 人编号, whatever the row order', async () => {
    const dir = tempDir();
    const header = ['行政县', '乡镇', '行政村', '户编号', '人编号', '人数', '脱贫属性', '姓名'];
    const rows = [
      ['永胜县', '乙镇', '三村', 'H1', 'H1-02', '3', '已脱贫', '李二'],
      ['永胜县', '乙镇', '三村', 'H1', 'H1-01', '2', '未脱贫', '李一'],
      ['永胜县', '乙镇', '三村', 'H1', 'H1-03', '', '已脱贫', '李三'],
      ['永胜县', '乙镇', '三村', 'H2', 'H2-01', '1', '已脱贫', '王一'],
    ];
    const seen: unknown[] = [];
    for (const [index, order] of [rows, [...rows].reverse(), [rows[2]!, rows[0]!, rows[3]!, rows[1]!]].entries()) {
      const registry = writeCsv(dir, `order-${index}.csv`, [header, ...order]);
      const result = await cli([
        'monthly',
        registry,
        '--month',
        '2026-11',
        '--seed',
        's',
        '--level',
        'county',
        '--scope',
        '永胜县',
        '--json',
      ]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
      const household = JSON.parse(result.stdout).households.find(
        (row: { household_id: string }) => row.household_id === 'H1',
      );
      seen.push([household.status, household.household_size, household.persons, household.registry.姓名]);
    }
    expect(seen).toEqual([
      ['poor', 2, 3, '李一'],
      ['poor', 2, 3, '李一'],
      ['poor', 2, 3, '李一'],
    ]);
  });

  it('§13: 人数 is ASCII digits, at least 1; anything else refuses the registry', async () => {
    const dir = tempDir();
    const draw = async (size: string) => {
      const registry = writeCsv(dir, `size-${Buffer.from(size).toString('hex') || 'empty'}.csv`, [
        ['household_id', 'county', 'township', 'village', 'status', '人数'],
        ['A1', '永胜县', '乙镇', '三村', '未脱贫', size],
        ['A2', '永胜县', '乙镇', '三村', '未脱贫', '1'],
      ]);
      return await cli([
        'monthly',
        registry,
        '--month',
        '2026-11',
        '--seed',
        's',
        '--level',
        'county',
        '--scope',
        '永胜县',
        '--json',
      ]);
    };
    for (const [size, expected] of [
      ['3', 3],
      ['03', 3],
      [' 3 ', 3],
      ['', null],
    ] as const) {
      const result = await draw(size);
      expect(result.status, JSON.stringify(size)).toBe(0);
      const household = JSON.parse(result.stdout).households.find(
        (row: { household_id: string }) => row.household_id === 'A1',
      );
      expect(household.household_size, JSON.stringify(size)).toBe(expected);
    }
    for (const size of ['0', '3.0', '３', '3人', '-3', '1e1']) {
      const result = await draw(size);
      expect(result.status, JSON.stringify(size)).toBe(2);
      expect(result.stderr, JSON.stringify(size)).toMatch(/^spotcheck: error:/);
    }
  });

  it('§18: the --json shapes are the documented ones', async () => {
    const doc = section('18');
    const shapes: Array<[string, string[], string]> = [
      [
        'monthly',
        [
          'monthly',
          join(ROOT, 'fixtures', 'demo-registry.csv'),
          '--month',
          '2026-11',
          '--seed',
          's',
          '--spares',
          '1',
          '--json',
        ],
        'monthly `{manifest, counties, villages,\nhouseholds[, spares, spares_rule]}`',
      ],
      [
        'evaluate',
        ['evaluate', join(ROOT, 'fixtures', 'eval-registry.csv'), '--seed', 's', '--counties', '2', '--json'],
        'evaluate `{manifest, design, strata, counties, villages, households,\nspares}`',
      ],
      [
        'funds',
        [
          'funds',
          join(ROOT, 'fixtures', 'funds-registry.csv'),
          '--month',
          '2026-11',
          '--seed',
          's',
          '--scope',
          '文山壮族苗族自治州',
          '--json',
        ],
        'funds `{manifest, counties, ranking}`',
      ],
    ];
    for (const [name, args, documented] of shapes) {
      expect(doc.replace(/\n/g, ' ')).toContain(documented.replace(/\n/g, ' '));
      const keys = documented
        .slice(documented.indexOf('{') + 1, documented.indexOf('}'))
        .replace(/[[\]\s]/g, '')
        .split(',');
      const result = await cli(args);
      expect(result.status, name).toBe(0);
      const parsed = JSON.parse(result.stdout);
      expect(Object.keys(parsed), name).toEqual(keys);
      expect(parsed.manifest.command).toBe(name);
      const rows = parsed.households ?? parsed.ranking;
      expect(rows.length).toBeGreaterThan(0);
      if (name !== 'funds') expect(Object.keys(rows[0]).at(-1)).toBe('registry');
    }
  });

  it('the README states the masking rule of §17 (by length), not "4+4 for IDs, 3+4 for phones"', () => {
    expect(README).not.toMatch(/3 and 4 of a phone number/);
    expect(README).toMatch(/15 or more keep the\s+first 4 and the last 4/);
    expect(README).toMatch(/11–14 keep 3 and 4/);
    expect(README).toMatch(/7–10 keep 2\s+and 2/);
    expect(README).toMatch(/up to 6 are masked whole/);
  });
});
