/**
 * Pass 1's key hashes and person-level households spilled to disk (src/io/spill.ts, KeyHashes and
 * HouseholdRuns in src/io/householdChecks.ts), forced by a budget of two hashes: the draw is the same
 * as in memory, the same error is given, and the private temporary directory is gone after a draw and
 * after an error.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, tempDir, writeCsv } from '../helpers.js';

const rows = readFileSync(join(import.meta.dirname, '../bad-inputs/duplicate-person/registry.csv'), 'utf8')
  .trimEnd()
  .split('\n')
  .map((line) => line.split(','));
// The person row given twice, and the registry without it.
const twice = rows;
const once = rows.filter(
  (row, index) => index === 0 || rows.findIndex((other) => other.join() === row.join()) === index,
);

describe('pass 1 with its key hashes spilled to disk', () => {
  const dir = tempDir();
  const spillParent = tempDir('spotcheck-spill-parent-');
  const spilling = { env: { SPOTCHECK_SPILL_BUDGET: '16', TMPDIR: spillParent } };
  const draw = (registry: string, out: string) => [
    'monthly',
    registry,
    '--month',
    '2026-11',
    '--seed',
    'spill',
    '--level',
    'county',
    '--scope',
    '永胜县',
    '--out',
    join(dir, out),
    '--lang',
    'en',
  ];

  /** Draws the registry in memory and spilled: the same households, and no temporary directory left. */
  async function expectSameDrawSpilled(registry: string, prefix: string): Promise<void> {
    const inMemory = await cli(draw(registry, `${prefix}memory`));
    expect(inMemory.status, inMemory.stderr).toBe(0);
    const spilled = await cli(draw(registry, `${prefix}spilled`), spilling);
    expect(spilled.status, spilled.stderr).toBe(0);
    expect(readFileSync(join(dir, `${prefix}spilled`, 'households.csv'))).toEqual(
      readFileSync(join(dir, `${prefix}memory`, 'households.csv')),
    );
    expect(readdirSync(spillParent)).toEqual([]);
  }

  it('draws the same households from a household-level file, and leaves no temporary directory', async () => {
    const registry = writeCsv(dir, 'households.csv', [
      ['household_id', 'county_code', 'county', 'township', 'village_code', 'village', 'status', 'household_size'],
      ...Array.from({ length: 40 }, (_, index) => [
        `H${index}`,
        '530722',
        '永胜县',
        '启江镇',
        `53072210220${index % 4}`,
        `村${index % 4}`,
        index % 3 === 0 ? '未脱贫' : '已脱贫',
        '2',
      ]),
    ]);
    await expectSameDrawSpilled(registry, '');
    // Its output's reader gone before the draw is written (`| head` that has quit): the process ends
    // at once on EPIPE (src/main.ts), before the run's clean-up, and still leaves no directory.
    const child = spawn(
      process.execPath,
      [join(import.meta.dirname, '../../bin/spotcheck'), ...draw(registry, 'gone').slice(0, -4), '--json'],
      {
        env: { ...process.env, ...spilling.env, NO_COLOR: '1' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    child.stdout!.destroy();
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(status, stderr).toBe(0);
    expect(readdirSync(spillParent)).toEqual([]);
  });

  it('draws the same households from a person-level file, or gives the error of a person twice, and leaves no temporary directory', async () => {
    const registry = writeCsv(dir, 'once.csv', once);
    await expectSameDrawSpilled(registry, 'persons-');
    const result = await cli(draw(writeCsv(dir, 'twice.csv', twice), 'twice'), spilling);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/530722102201000102/);
    expect(readdirSync(spillParent)).toEqual([]);
    // A temporary directory that cannot be made is an error that says where and why.
    const missing = join(spillParent, 'missing');
    const refused = await cli(draw(registry, 'no-temporary'), { env: { ...spilling.env, TMPDIR: missing } });
    expect(refused.stderr).toContain(`cannot write or read the registry check's temporary files in ${missing}`);
    expect(refused.stderr).toMatch(/ENOENT/);
    expect(refused.status).toBe(2);
  });

  // A person-level registry whose households' rows are scattered (every 户主 row first, then the
  // others backwards): each household is several runs, merged only at the end, bucket by bucket.
  const header = rows[0]!;
  const villages = ['腾光社区', '启明村', '新华村'];
  const scattered = (movedVillage: string | null) => {
    const people = Array.from({ length: 30 }, (_, index) => {
      const household = `53072210220${String(index).padStart(5, '0')}`;
      const village = villages[index % 3]!;
      const size = 1 + (index % 3);
      return Array.from({ length: size }, (_, member) => [
        '永胜县',
        '启江镇',
        member === 1 && index === 7 && movedVillage !== null ? movedVillage : village,
        '一组',
        household,
        `${household}0${member + 1}`,
        `人${index}-${member}`,
        '',
        String(size),
        member === 0 ? '户主' : '子女',
        index % 4 === 0 ? '未脱贫' : '已脱贫',
        index % 4 === 0 ? '' : '2019',
        '一般贫困户',
        '是',
      ]);
    });
    return [
      header,
      ...people.map((members) => members[0]!),
      ...people.flatMap((members) => members.slice(1)).reverse(),
    ];
  };

  it('draws the same households from a person-level file whose households are scattered, spilled or not', async () => {
    await expectSameDrawSpilled(writeCsv(dir, 'scattered.csv', scattered(null)), 'scattered-');
    // Its households spill (not only its persons): without a 人编号 and without a temporary directory, it fails.
    const anonymous = scattered(null).map((row, index) => (index === 0 ? row : row.with(5, '')));
    const refused = await cli(draw(writeCsv(dir, 'anonymous.csv', anonymous), 'anonymous'), {
      env: { ...spilling.env, TMPDIR: join(spillParent, 'missing') },
    });
    expect(refused.stderr).toContain("cannot write or read the registry check's temporary files");
    expect(refused.status).toBe(2);
  });

  it('refuses a scattered household with rows in two villages with the same error, spilled or not', async () => {
    const registry = writeCsv(dir, 'two-villages.csv', scattered('新华村'));
    const inMemory = await cli(draw(registry, 'two-villages-memory'));
    const spilled = await cli(draw(registry, 'two-villages-spilled'), spilling);
    expect(inMemory.status, inMemory.stderr).toBe(2);
    expect(inMemory.stderr).toMatch(/5307221022000007/);
    expect(spilled.status).toBe(2);
    expect(spilled.stderr).toBe(inMemory.stderr);
    expect(readdirSync(spillParent)).toEqual([]);
  });
});
