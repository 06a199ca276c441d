/** The tests "found in review" from test/hardening.test.ts (moved, issue 14). */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';
import { REDRAW } from '../seedLedgerKit.js';
import { DRAW, SEED } from '../../countyDrawKit.js';

describe('found in review', () => {
  it('a workbook cut off in a copy is refused (it used to hang and exit 0)', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const dir = tempDir();
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('人口信息');
    for (const line of readFileSync(DEMO, 'utf8')
      .replace(/^\ufeff/, '')
      .split('\r\n')
      .filter(Boolean))
      sheet.addRow(line.split(','));
    const whole = Buffer.from(await workbook.xlsx.writeBuffer());
    writeFileSync(join(dir, 'cut.xlsx'), whole.subarray(0, Math.floor(whole.length / 2)));
    const result = await cli(['monthly', join(dir, 'cut.xlsx'), ...DRAW, ...SEED, '--out', join(dir, 'draw')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cut\.xlsx: this \.xlsx workbook is incomplete: it was cut off/);
    expect(existsSync(join(dir, 'draw'))).toBe(false);
  });

  it('a ledger locked by another draw stops the draw before anything is written', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    writeFileSync(`${ledger}.lock`, '');
    const result = await cli(
      [
        'monthly',
        DEMO,
        ...DRAW,
        ...SEED,
        '--ledger',
        ledger,
        '--out',
        join(dir, 'draw'),
        '--notice',
        join(dir, 'notice.html'),
      ],
      { env: { SPOTCHECK_TEST_LEDGER_WAIT: '1' } },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/draws\.ledger\.lock: the ledger is locked by another draw .*nothing was drawn/);
    expect(existsSync(join(dir, 'draw'))).toBe(false);
    expect(existsSync(join(dir, 'notice.html'))).toBe(false);
  }, 60_000);

  it('--force over another draw removes its files that the new draw does not write; verify names a stray one', async () => {
    const dir = join(tempDir(), 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir, '--spares', '2', '--xlsx'])).status).toBe(0);
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'other', '--out', dir, '--force', ...REDRAW])).status).toBe(
      0,
    );
    expect(readdirSync(dir).sort()).toEqual(['counties.csv', 'households.csv', 'manifest.json', 'villages.csv']);
    expect((await cli(['verify', dir])).status).toBe(0);
    writeFileSync(join(dir, 'spares.csv'), 'household_id\n1\n');
    const stray = await cli(['verify', dir]);
    expect(stray.status).toBe(1);
    expect(stray.stdout).toMatch(/DIFF spares\.csv: spares\.csv is beside the manifest but not part of this draw/);
  });

  it('ledger verify reports malformed entries as a broken chain (exit 1), not a crash', async () => {
    const ledger = join(tempDir(), 'odd.ledger');
    writeFileSync(
      ledger,
      '{"format":"spotcheck-ledger-1"}\n{"format":"spotcheck-ledger-1","draw":{"command":"monthly"}}\n',
    );
    const result = await cli(['ledger', 'verify', ledger]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/BROKEN line 1: the entry lacks fields/);
    expect(result.stderr).toBe('');
  });

  it('a UTF-8 file cut inside a character is a clear error for inspect and for a draw', async () => {
    const dir = tempDir();
    const path = join(dir, 'cut.csv');
    writeFileSync(path, Buffer.concat([readFileSync(DEMO), Buffer.from([0xe6, 0x9d])]));
    for (const args of [
      ['inspect', path],
      ['monthly', path, ...DRAW, ...SEED],
    ]) {
      const result = await cli(args);
      expect(result.status, args[0]).toBe(2);
      expect(result.stderr, args[0]).toMatch(
        /cut\.csv:\d+:\d+: the file is not valid UTF-8: it ends in the middle of a character/,
      );
    }
  });

  it('a county listed twice in a --funds table is refused (the order of rows must not matter)', async () => {
    const dir = tempDir();
    const table = join(dir, 'funds.csv');
    writeFileSync(
      table,
      `${readFileSync(join(ROOT, 'fixtures', 'county-funds-wenshan.csv'), 'utf8')}532624,麻栗坡县,1\n`,
    );
    const result = await cli([
      'funds',
      join(ROOT, 'fixtures', 'funds-registry.csv'),
      '--month',
      '2026-11',
      '--seed',
      'x',
      '--scope',
      '文山壮族苗族自治州',
      '--funds',
      table,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the county table lists 麻栗坡县 \(532624\) twice/);
  });

  it('an exclusion list names the units of its most specific column: a list of households with their villages leaves out households, not their villages', async () => {
    const dir = tempDir();
    const first = join(dir, 'first');
    expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', first])).status).toBe(0);
    const second = join(dir, 'second');
    // A draw's households.csv itself is refused (test/commands/verify/exclusions.test.ts): a plain list of its keys is taken.
    const drawn = parse(readFileSync(join(first, 'households.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    writeFileSync(
      join(dir, 'checked.csv'),
      `village_key,household_id\n${drawn.map((row) => `${row.village_key},${row.household_id}`).join('\n')}\n`,
    );
    expect(
      (await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', second, '--exclude', join(dir, 'checked.csv')])).status,
    ).toBe(0);
    const manifest = JSON.parse(readFileSync(join(second, 'manifest.json'), 'utf8'));
    expect(manifest.exclusions.excluded).toMatchObject({ counties: 0, villages: 0, households: 20 });
    expect(manifest.exclusions.sources[0].units).toEqual({ county: 0, village: 0, household: 20 });
    expect((await cli(['verify', second])).status).toBe(0);
    // funds excludes counties: a list of household IDs alone names none, and says so.
    writeFileSync(join(dir, 'ids.csv'), '户编号\n5326261012020002\n');
    const funds = await cli([
      'funds',
      join(ROOT, 'fixtures', 'funds-registry.csv'),
      '--month',
      '2026-11',
      '--seed',
      'x',
      '--scope',
      '文山壮族苗族自治州',
      '--exclude',
      join(dir, 'ids.csv'),
    ]);
    expect(funds.status).toBe(2);
    expect(funds.stderr).toMatch(
      /ids\.csv: the exclusion list names household units, but the stages excluded here are county/,
    );
  });

  it("a plan's keys that do not apply to the command line's choice are dropped, not refused", async () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'spotcheck.config.json'),
      JSON.stringify({
        monthly: {
          level: 'prefecture',
          scope: '文山壮族苗族自治州',
          counties: 2,
          exclude_stages: 'village',
          cooldown_stages: 'household',
        },
        funds: { coverage: 0.6 },
      }),
    );
    expect((await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'x'], { cwd: dir })).status).toBe(0);
    expect(
      (await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'x', '--level', 'province'], { cwd: dir })).status,
    ).toBe(0);
    expect(
      (
        await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'x', '--level', 'county', '--scope', '丘北县'], {
          cwd: dir,
        })
      ).status,
    ).toBe(0);
    const pps = await cli(
      [
        'funds',
        join(ROOT, 'fixtures', 'funds-registry.csv'),
        '--month',
        '2026-11',
        '--seed',
        'x',
        '--scope',
        '文山壮族苗族自治州',
        '--method',
        'pps',
        '--counties',
        '2',
      ],
      { cwd: dir },
    );
    expect(pps.status, pps.stderr).toBe(0);
  });
});
