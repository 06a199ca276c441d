/** The tests "the draw ledger" from test/hardening.test.ts (moved, issue 14). */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { REDRAW } from '../seedLedgerKit.js';
import { DRAW, ID_NUMBER, BIN } from '../../countyDrawKit.js';

describe('the draw ledger', () => {
  const ledgerDraw = async (ledger: string, seed: string, extra: string[] = []) =>
    await cli(['monthly', DEMO, ...DRAW, '--seed', seed, '--ledger', ledger, ...REDRAW, ...extra]);
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
    // The repeated draws' times in Beijing time by default, in the committee's zone with --time-zone.
    expect((await cli(['ledger', 'verify', ledger])).stdout).toMatch(/\d\d:\d\d:\d\d \+08:00/);
    const urumqi = (await cli(['ledger', 'verify', ledger, '--time-zone', 'Asia/Urumqi'])).stdout;
    expect(urumqi).toMatch(/\d\d:\d\d:\d\d \+06:00/);
    expect(urumqi).not.toContain('+08:00');
    // A province draw has no scope: the repeat names the whole registry (it printed "province · :").
    expect(
      (await cli(['monthly', DEMO, '--month', '2026-11', '--seed', 'again', '--ledger', ledger, ...REDRAW])).status,
    ).toBe(0);
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
        spawn(process.execPath, [BIN, 'monthly', DEMO, ...DRAW, '--seed', seed, '--ledger', ledger, ...REDRAW], {
          stdio: 'ignore',
        }).once('exit', (code) => resolve(code ?? -1)),
      );
    expect(await Promise.all([run('a'), run('b'), run('c')])).toEqual([0, 0, 0]);
    expect(JSON.parse((await verifyLedger(ledger)).stdout)).toMatchObject({ intact: true, entries: 3 });
  });
});
