/**
 * Hardening: personal data masked, interrupted writes leave the previous draw intact, broken pipes
 * end quietly, the draw ledger's chain catches edits, deletions and re-draws, and draws written by
 * earlier versions still verify.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { maskIdentifier, maskRow } from '../src/core/privacy.js';
import { cli, DEMO, ROOT, tempDir } from './helpers.js';

const DRAW = ['--month', '2026-11', '--level', 'county', '--scope', '永胜县'];
const SEED = ['--seed', 'hardening'];
const BIN = join(ROOT, 'bin', 'spotcheck');
/** A resident ID number: region, birth date, sequence, check digit (人编号 and 户编号 do not match). */
const ID_NUMBER = /[0-9]{6}(19|20)[0-9]{2}(0[1-9]|1[0-2])(0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9X]/;

describe('personal data', () => {
  it('masks ID numbers and phone numbers by their length', () => {
    expect(maskIdentifier('530722195906154156')).toBe('5307**********4156');
    expect(maskIdentifier('53072219590615415X')).toBe('5307**********415X');
    expect(maskIdentifier('13812345678')).toBe('138****5678');
    expect(maskIdentifier('8812345')).toBe('88***45');
    expect(maskIdentifier('123456')).toBe('******');
    expect(maskIdentifier('  ')).toBe('');
    const layout = {
      header: ['姓名', '证件号码', '联系电话', '村', '身份证号', '手机号'],
      columns: { name: 0, id_number: 1, phone: 2 },
    } as unknown as Parameters<typeof maskRow>[1];
    // The recognised columns, and every other column whose header names an ID or a phone number.
    expect(
      maskRow(['张三', '530722195906154156', '13812345678', 'x', '530722195906154156', '13900001111'], layout),
    ).toEqual(['张三', '5307**********4156', '138****5678', 'x', '5307**********4156', '139****1111']);
  });

  it('households.csv and --json hold masked IDs by default, unmasked with --reveal-ids; the manifest holds none', async () => {
    const dir = tempDir();
    const masked = await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', join(dir, 'masked'), '--json']);
    expect(masked.status).toBe(0);
    const rows = parse(readFileSync(join(dir, 'masked', 'households.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(rows.length).toBe(20);
    for (const row of rows) expect(row.证件号码).toMatch(/^[0-9]{4}\*{10}[0-9X]{4}$/);
    expect(masked.stdout).not.toMatch(ID_NUMBER);
    expect(JSON.parse(masked.stdout).households[0].registry.证件号码).toMatch(/^[0-9]{4}\*{10}/);
    const manifest = readFileSync(join(dir, 'masked', 'manifest.json'), 'utf8');
    expect(manifest).not.toMatch(ID_NUMBER);
    for (const row of rows) expect(manifest).not.toContain(row.姓名);
    expect(JSON.parse(manifest).parameters.reveal_ids).toBe(false);

    const revealed = await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', join(dir, 'revealed'), '--reveal-ids']);
    expect(revealed.status).toBe(0);
    const full = parse(readFileSync(join(dir, 'revealed', 'households.csv'), 'utf8'), { columns: true }) as Array<
      Record<string, string>
    >;
    expect(full.map((row) => row.户编号)).toEqual(rows.map((row) => row.户编号));
    for (const row of full) expect(row.证件号码).toMatch(/^[0-9]{17}[0-9X]$/);
    expect(revealed.stdout).not.toMatch(ID_NUMBER);
    // Both verify: the manifest records whether IDs were revealed.
    expect((await cli(['verify', join(dir, 'masked')])).status).toBe(0);
    expect((await cli(['verify', join(dir, 'revealed')])).status).toBe(0);
  });

  it('draws written by spotcheck 0.1.0 (before masking) still verify', async () => {
    for (const name of readdirSync(join(ROOT, 'test', 'legacy'))) {
      const result = await cli(['verify', join(ROOT, 'test', 'legacy', name)]);
      expect(result.stdout, name).toMatch(/verified: the draw is reproduced exactly/);
      expect(result.status, name).toBe(0);
    }
  });
});

describe('nothing lost, nothing half-written', () => {
  /** The files of a draw directory, hidden temporary files included. */
  const contents = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir)
        .sort()
        .map((name) => [name, readFileSync(join(dir, name), 'utf8')]),
    );

  it('a run killed while its files are staged leaves the previous draw intact; the next run sweeps its leftovers', async () => {
    const dir = join(tempDir(), 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir])).status).toBe(0);
    const before = contents(dir);
    const child = spawn(
      process.execPath,
      [BIN, 'monthly', DEMO, ...DRAW, '--seed', 'another', '--out', dir, '--force'],
      {
        env: { ...process.env, SPOTCHECK_FAILPOINT: 'pause-before-rename', NO_COLOR: '1' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (data: Buffer) => data.toString().includes('paused before renaming') && resolve()),
    );
    // Issue 13: the new draw is staged whole in a sibling directory, to be swapped with the old one.
    const staged = readdirSync(join(dir, '..')).filter((name) => name.endsWith('.tmp'));
    expect(staged.length).toBe(1);
    expect(readdirSync(join(dir, '..', staged[0]!)).length).toBe(4);
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    const after = contents(dir);
    for (const name of Object.keys(before)) expect(after[name], name).toBe(before[name]);
    expect((await cli(['verify', dir])).status).toBe(0);
    // The next draw into the directory removes the leftovers.
    expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir, '--force'])).status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['counties.csv', 'households.csv', 'manifest.json', 'villages.csv']);
    expect(readdirSync(join(dir, '..'))).toEqual(['draw']);
  });

  it('Ctrl-C (SIGINT) or SIGTERM while staged removes the temporary files and keeps the previous draw', async () => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      const dir = join(tempDir(), 'draw');
      expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir])).status).toBe(0);
      const before = contents(dir);
      const child = spawn(
        process.execPath,
        [BIN, 'monthly', DEMO, ...DRAW, '--seed', 'another', '--out', dir, '--force'],
        {
          env: { ...process.env, SPOTCHECK_FAILPOINT: 'pause-before-rename' },
          stdio: ['ignore', 'ignore', 'pipe'],
        },
      );
      await new Promise<void>((resolve) =>
        child.stderr.on('data', (data: Buffer) => data.toString().includes('paused before renaming') && resolve()),
      );
      child.kill(signal);
      const code = await new Promise((resolve) => child.once('exit', (exitCode) => resolve(exitCode)));
      expect(code).toBe(signal === 'SIGINT' ? 130 : 143);
      expect(contents(dir), signal).toEqual(before);
      expect(readdirSync(join(dir, '..')), signal).toEqual(['draw']);
    }
  });

  it('a full disk while writing leaves the previous draw intact, with exit 2 and no temporary files', async () => {
    const dir = join(tempDir(), 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, ...SEED, '--out', dir])).status).toBe(0);
    const before = contents(dir);
    const result = await cli(['monthly', DEMO, ...DRAW, '--seed', 'another', '--out', dir, '--force'], {
      env: { SPOTCHECK_FAILPOINT: 'enospc-on-file-2' },
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot write the output files: the disk is full\n.*nothing was replaced/);
    expect(contents(dir)).toEqual(before);
  });

  it('a closed pipe (spotcheck … --json | head) ends quietly with exit 0', () => {
    const result = spawnSync(
      'bash',
      [
        '-c',
        `set -o pipefail; "${process.execPath}" "${BIN}" evaluate fixtures/eval-registry.csv --seed e --json | head -c 100 >/dev/null; echo "status \${PIPESTATUS[0]}"`,
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.stdout.trim()).toBe('status 0');
    expect(result.stderr).toBe('');
  });
});

describe('the draw ledger', () => {
  const ledgerDraw = async (ledger: string, seed: string, extra: string[] = []) =>
    await cli(['monthly', DEMO, ...DRAW, '--seed', seed, '--ledger', ledger, ...extra]);
  const verifyLedger = async (ledger: string, extra: string[] = []) =>
    await cli(['ledger', 'verify', ledger, '--json', ...extra]);

  it('chains draws, and names the line of an edit, a deletion or a truncation against the published head', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    for (const seed of ['one', 'two', 'three']) expect((await ledgerDraw(ledger, seed)).status).toBe(0);
    const intact = await verifyLedger(ledger);
    expect(intact.status).toBe(0);
    const report = JSON.parse(intact.stdout);
    expect(report).toMatchObject({ intact: true, entries: 3, head: { sequence: 3 } });
    const lines = readFileSync(ledger, 'utf8').split('\n').filter(Boolean);
    expect(lines.map((line) => JSON.parse(line).seed)).toEqual(['one', 'two', 'three']);
    expect(lines.join('\n')).not.toMatch(ID_NUMBER);

    const edited = join(dir, 'edited.ledger');
    writeFileSync(edited, [lines[0], lines[1]!.replace('"seed":"two"', '"seed":"TWO"'), lines[2], ''].join('\n'));
    const afterEdit = await verifyLedger(edited);
    expect(afterEdit.status).toBe(1);
    expect(JSON.parse(afterEdit.stdout).problems).toEqual([
      { line: 2, message: 'entry 2 was edited: its entry_sha256 does not match its content' },
    ]);

    const deleted = join(dir, 'deleted.ledger');
    writeFileSync(deleted, [lines[0], lines[2], ''].join('\n'));
    const afterDelete = await cli(['ledger', 'verify', deleted]);
    expect(afterDelete.status).toBe(1);
    expect(afterDelete.stdout).toMatch(/BROKEN line 2: entry 3 does not follow the entry before it/);

    const truncated = join(dir, 'truncated.ledger');
    writeFileSync(truncated, [lines[0], lines[1], ''].join('\n'));
    expect((await verifyLedger(truncated)).status).toBe(0); // a chain cannot tell its end was cut …
    const againstHead = await verifyLedger(truncated, ['--head', report.head.hash]);
    expect(againstHead.status).toBe(1); // … the published head can
    expect(JSON.parse(againstHead.stdout).head_found).toBe(false);
    expect((await verifyLedger(ledger, ['--head', report.head.hash])).status).toBe(0);
  });

  it('lists the same month and scope drawn again with another seed', async () => {
    const ledger = join(tempDir(), 'draws.ledger');
    expect((await ledgerDraw(ledger, 'first')).status).toBe(0);
    expect((await ledgerDraw(ledger, 'second')).status).toBe(0);
    expect((await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'first', '--ledger', ledger])).status).toBe(0);
    const result = await verifyLedger(ledger);
    expect(result.status).toBe(0);
    const { repeats } = JSON.parse(result.stdout);
    expect(repeats).toHaveLength(1);
    expect(repeats[0]).toMatchObject({
      draw: { command: 'monthly', month: '2026-11', level: 'county', scope: '530722' },
      differentSeeds: true,
    });
    expect(repeats[0].entries.map((entry: { seed: string }) => entry.seed)).toEqual(['first', 'second']);
    expect((await cli(['ledger', 'verify', ledger])).stdout).toMatch(
      /REPEAT monthly · 2026-11 · county · 530722: drawn 2 times with different seeds/,
    );
    // A province draw has no scope: the repeat names the whole registry (it printed "province · :").
    expect((await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'again', '--ledger', ledger])).status).toBe(0);
    expect((await cli(['ledger', 'verify', ledger])).stdout).toMatch(
      /REPEAT monthly · 2026-11 · province · whole registry: drawn 2 times with different seeds/,
    );
  });

  it('refuses to add a draw to a broken ledger, before reading the registry, writing nothing', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    expect((await ledgerDraw(ledger, 'one')).status).toBe(0);
    writeFileSync(ledger, readFileSync(ledger, 'utf8').replace('"seed":"one"', '"seed":"uno"'));
    const broken = readFileSync(ledger, 'utf8');
    const result = await ledgerDraw(ledger, 'two', ['--out', join(dir, 'draw')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/draws\.ledger:1: the ledger's chain is broken \(entry 1 was edited/);
    expect(readFileSync(ledger, 'utf8')).toBe(broken);
    expect(existsSync(join(dir, 'draw'))).toBe(false);
  });

  it('keeps the chain when two draws append at once', async () => {
    const ledger = join(tempDir(), 'draws.ledger');
    const run = (seed: string) =>
      new Promise<number>((resolve) =>
        spawn(process.execPath, [BIN, 'monthly', DEMO, ...DRAW, '--seed', seed, '--ledger', ledger], {
          stdio: 'ignore',
        }).once('exit', (code) => resolve(code ?? -1)),
      );
    expect(await Promise.all([run('a'), run('b'), run('c')])).toEqual([0, 0, 0]);
    expect(JSON.parse((await verifyLedger(ledger)).stdout)).toMatchObject({ intact: true, entries: 3 });
  });
});

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
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'other', '--out', dir, '--force'])).status).toBe(0);
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
    // A draw's households.csv itself is refused (test/integrity-exclusions.test.ts): a plain list of its keys is taken.
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
