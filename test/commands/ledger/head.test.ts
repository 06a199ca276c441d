/**
 * The tests "ledger verify --head: only an entry of an intact chain" from test/integrity-seeds-ledger.test.ts
 * (moved, issue 14).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../../src/core/manifest.js';
import { entryDigest, type LedgerEntry } from '../../../src/core/ledger.js';
import { cli, DEMO, tempDir } from '../../helpers.js';
import { REDRAW } from '../seedLedgerKit.js';

describe('ledger verify --head: only an entry of an intact chain', () => {
  const draw = async (ledger: string, seed: string, scope = '永胜县') =>
    await cli([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--level',
      'county',
      '--scope',
      scope,
      '--seed',
      seed,
      '--ledger',
      ledger,
      ...REDRAW,
    ]);
  const check = async (ledger: string, head: string) =>
    await cli(['ledger', 'verify', ledger, '--head', head, '--json']);

  it('names the sequence of the published head', async () => {
    const ledger = join(tempDir(), 'draws.ledger');
    for (const seed of ['one', 'two', 'three']) expect((await draw(ledger, seed)).status).toBe(0);
    const lines = readFileSync(ledger, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LedgerEntry);
    const result = await check(ledger, lines[1]!.entry_sha256);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ intact: true, head_found: true, head_sequence: 2 });
    const text = await cli(['ledger', 'verify', ledger, '--head', lines[1]!.entry_sha256.toUpperCase()]);
    expect(text.status).toBe(0);
    expect(text.stdout).toContain(`published head ${lines[1]!.entry_sha256} is entry #2 (line 2)`);
    const unknown = await check(ledger, 'ab'.repeat(32));
    expect(unknown.status).toBe(1);
    expect(JSON.parse(unknown.stdout)).toMatchObject({ intact: true, head_found: false, head_sequence: null });
  });

  it('fails a rewritten ledger: a re-draw deleted, the chain recomputed, the old head hidden in a later entry', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    expect((await draw(ledger, 'first')).status).toBe(0);
    expect((await draw(ledger, 'second')).status).toBe(0); // the re-draw someone wants forgotten
    const published = (JSON.parse(readFileSync(ledger, 'utf8').split('\n')[1]!) as LedgerEntry).entry_sha256;
    expect((await check(ledger, published)).status).toBe(0);
    expect((await draw(ledger, 'later', '丘北县')).status).toBe(0);
    const [first, , later] = readFileSync(ledger, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as LedgerEntry);
    // Rewrite: entry 3 becomes entry 2, chained to entry 1, carrying the old head as text in its parameters.
    const { entry_sha256: _old, ...rest } = later!;
    const rewritten = {
      ...rest,
      sequence: 2,
      previous: first!.entry_sha256,
      parameters: { ...later!.parameters, note: { entry_sha256: published } },
    };
    const forged = { ...rewritten, entry_sha256: entryDigest(rewritten) };
    const file = join(dir, 'rewritten.ledger');
    writeFileSync(file, `${canonicalJson(first)}\n${canonicalJson(forged)}\n`);
    expect(readFileSync(file, 'utf8')).toContain(`"entry_sha256":"${published}"`);
    const plain = await cli(['ledger', 'verify', file, '--json']);
    expect(JSON.parse(plain.stdout).intact).toBe(true); // the chain alone cannot tell …
    const result = await check(file, published);
    expect(result.status).toBe(1); // … the published head can
    expect(JSON.parse(result.stdout)).toMatchObject({ intact: true, head_found: false, head_sequence: null });
    const text = await cli(['ledger', 'verify', file, '--head', published]);
    expect(text.status).toBe(1);
    expect(text.stdout).toMatch(/BROKEN the published head [0-9a-f]{64} is not the hash of any entry/);
  });

  it('does not accept a head that names an entry of a broken chain', async () => {
    const dir = tempDir();
    const ledger = join(dir, 'draws.ledger');
    for (const seed of ['one', 'two']) expect((await draw(ledger, seed)).status).toBe(0);
    const lines = readFileSync(ledger, 'utf8').split('\n').filter(Boolean);
    const head = (JSON.parse(lines[1]!) as LedgerEntry).entry_sha256;
    writeFileSync(ledger, `${lines[0]!.replace('"seed":"one"', '"seed":"uno"')}\n${lines[1]}\n`);
    const result = await check(ledger, head);
    expect(result.status).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ intact: false, head_found: false });
  });
});
