/**
 * Issue 12, hole 3: verify recomputes everything it certifies. An insider holds the draw folder,
 * edits outputs and recorded values, and reseals the manifest (manifest_sha256 is a self-hash, so
 * anyone can). verify must compare the whole re-drawn manifest and every output file; --expect
 * HASH pins the manifest published in the notice, the only defence against a self-consistent forgery.
 */
import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { ForgedJson } from '../../forgedJson.js';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';

type Json = ForgedJson;
const { manifestDigest } = (await import(join(ROOT, 'dist', 'core', 'manifest.js'))) as {
  manifestDigest: (manifest: Json) => string;
};

// Many draws and re-draws per test on a shared machine.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 120_000 });

const sha256 = (text: string | Buffer) => createHash('sha256').update(text).digest('hex');
const readManifest = (dir: string): Json => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));

/** Copies a draw folder beside it (same depth: recorded relative paths still hold), edits it as an insider would, and reseals the manifest. */
function forge(draw: string, name: string, edit: (manifest: Json, dir: string) => void): string {
  const dir = join(draw, '..', name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(draw, dir, { recursive: true });
  const manifest = readManifest(dir);
  edit(manifest, dir);
  delete manifest.manifest_sha256;
  manifest.manifest_sha256 = manifestDigest(manifest);
  writeFileSync(join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return dir;
}

/** Replaces an output file and records its new hash and row count, as a thorough forger would. */
function replaceOutput(manifest: Json, dir: string, name: string, text: string) {
  writeFileSync(join(dir, name), text);
  manifest.outputs[name] = { sha256: sha256(text), rows: text.trimEnd().split('\n').length - 1 };
}

const SEED = ['--month', '2026-11', '--seed', 'demo-2026-11'];

describe('verify recomputes everything it certifies: monthly', () => {
  let root: string;
  let draw: string;
  let original: Json;
  beforeAll(async () => {
    root = tempDir();
    draw = join(root, 'draw');
    const result = await cli(['monthly', DEMO, ...SEED, '--level', 'province', '--spares', '3', '--out', draw]);
    expect(result.status, result.stderr).toBe(0);
    original = readManifest(draw);
    expect((await cli(['verify', draw])).status).toBe(0);
  });

  it('(a) spares = 0 with a swapped spares.csv, resealed: not verified, naming the field and the file', async () => {
    const other = join(root, 'other');
    expect(
      (
        await cli([
          'monthly',
          DEMO,
          '--month',
          '2026-11',
          '--seed',
          'another seed',
          '--level',
          'province',
          '--spares',
          '3',
          '--out',
          other,
        ])
      ).status,
    ).toBe(0);
    const forged = forge(draw, 'a', (manifest, dir) => {
      manifest.parameters.spares = 0;
      replaceOutput(manifest, dir, 'spares.csv', readFileSync(join(other, 'spares.csv'), 'utf8'));
    });
    // The re-draw takes the recorded parameters (spares 0): it draws no spares, so the recorded
    // spare count and the recorded spares.csv are not re-drawn.
    const result = await cli(['verify', forged]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/DIFF manifest sample: sample\.spares: recorded 24, re-drawn \(absent\)/);
    expect(result.stdout).toMatch(
      /DIFF spares\.csv: the manifest records spares\.csv but the re-draw does not produce it/,
    );
    expect(result.stdout).not.toMatch(/^verified/m);
    expect(result.stdout).toMatch(/NOT verified/);
    // The same with the spare count dropped from the sample too: every recorded value is re-drawn,
    // but spares.csv is recorded and the re-draw does not produce it.
    const quiet = forge(draw, 'a2', (manifest, dir) => {
      manifest.parameters.spares = 0;
      delete manifest.sample.spares;
      replaceOutput(manifest, dir, 'spares.csv', readFileSync(join(other, 'spares.csv'), 'utf8'));
    });
    const json = await cli(['verify', quiet, '--json']);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: false });
    expect(JSON.parse(json.stdout).checks).toContainEqual({
      check: 'spares.csv',
      ok: false,
      detail: 'the manifest records spares.csv but the re-draw does not produce it',
    });
  });

  it('(a) a recorded output the re-draw does not produce fails, and so does a missing one', async () => {
    const extra = forge(draw, 'a4', (manifest, dir) => replaceOutput(manifest, dir, 'strata.csv', 'stratum\nx\n'));
    const result = await cli(['verify', extra]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /DIFF strata\.csv: the manifest records strata\.csv but the re-draw does not produce it/,
    );
    const missing = forge(draw, 'a5', (_manifest, dir) => rmSync(join(dir, 'spares.csv')));
    const gone = await cli(['verify', missing]);
    expect(gone.status).toBe(1);
    expect(gone.stdout).toMatch(/DIFF spares\.csv: spares\.csv is missing beside the manifest/);
  });

  it('(b) a self-consistent forgery (spares cut to 2 everywhere) verifies alone but fails against the published hash', async () => {
    const two = join(root, 'two');
    expect((await cli(['monthly', DEMO, ...SEED, '--level', 'province', '--spares', '2', '--out', two])).status).toBe(
      0,
    );
    const forged = forge(draw, 'b', (manifest, dir) => {
      manifest.parameters.spares = 2;
      manifest.sample.spares = readManifest(two).sample.spares;
      replaceOutput(manifest, dir, 'spares.csv', readFileSync(join(two, 'spares.csv'), 'utf8'));
    });
    expect(readManifest(forged).sample.spares).toBeLessThan(original.sample.spares);
    const alone = await cli(['verify', forged]);
    expect(alone.stdout).toMatch(/verified: the draw is reproduced exactly/);
    expect(alone.status).toBe(0);
    const pinned = await cli(['verify', forged, '--expect', original.manifest_sha256]);
    expect(pinned.status).toBe(1);
    expect(pinned.stdout).toMatch(
      /DIFF published manifest hash: this manifest is not the one published: its manifest_sha256 is [0-9a-f]{16}…, the published hash is [0-9a-f]{64}/,
    );
    expect(pinned.stdout).toMatch(/NOT verified/);
    const json = JSON.parse(
      (await cli(['verify', forged, '--expect', original.manifest_sha256.slice(0, 16), '--json'])).stdout,
    );
    expect(json).toMatchObject({
      verified: false,
      expected: {
        hash: original.manifest_sha256.slice(0, 16),
        manifest_sha256: readManifest(forged).manifest_sha256,
        matches: false,
      },
    });
  });

  it('(c) forged sample counts, frame sizes, shortfalls, input records and output rows each fail, naming the field', async () => {
    const cases: Array<[string, (manifest: Json) => void, RegExp]> = [
      [
        'sample',
        (m) => (m.sample.households += 1),
        /DIFF manifest sample: sample\.households: recorded 41, re-drawn 40/,
      ],
      [
        'frame',
        (m) => (m.frame.sizes.households -= 7),
        /DIFF manifest frame: frame\.sizes\.households: recorded 1452, re-drawn 1459/,
      ],
      [
        'shortfalls',
        (m) => m.shortfalls.push({ stage: 'village', wanted: 2, drawn: 1 }),
        /DIFF manifest shortfalls: shortfalls: recorded \[\{.*\}\], re-drawn \[\]/,
      ],
      [
        'inputs',
        (m) => (m.inputs[0].records = 5000),
        /DIFF manifest inputs: inputs\[0\]\.records: recorded 5000, re-drawn 5456/,
      ],
      [
        'ticket',
        (m) => (m.ticket_context[1] = '2026-10'),
        /DIFF manifest ticket_context: ticket_context\[1\]: recorded "2026-10", re-drawn "2026-11"/,
      ],
      [
        'scope',
        (m) => (m.parameters.scope_label = '文山壮族苗族自治州'),
        /DIFF manifest parameters: parameters\.scope_label: recorded "文山壮族苗族自治州", re-drawn "province"/,
      ],
      [
        'added',
        (m) => (m.reviewed_by = 'the committee'),
        /DIFF manifest reviewed_by: reviewed_by: recorded "the committee", re-drawn \(absent\)/,
      ],
      ['outputs', (m) => (m.outputs = null), /DIFF counties\.csv: the manifest records no such output/],
      [
        'rows',
        (m) => (m.outputs['households.csv'].rows = 39),
        /DIFF households\.csv: the manifest's record of households\.csv differs from the re-draw: outputs\.households\.csv\.rows: recorded 39, re-drawn 40/,
      ],
    ];
    for (const [name, edit, expected] of cases) {
      const result = await cli(['verify', forge(draw, `c-${name}`, edit)]);
      expect(result.stdout, name).toMatch(expected);
      expect(result.stdout, name).toMatch(/NOT verified/);
      expect(result.status, name).toBe(1);
    }
  });

  it('(c) created_at is informative: editing it verifies alone, and only --expect catches it', async () => {
    const forged = forge(draw, 'c-created', (m) => (m.created_at = '2026-11-01T08:00:00.000Z'));
    const alone = await cli(['verify', forged]);
    expect(alone.status).toBe(0);
    expect(alone.stdout).toMatch(
      /ok {3}manifest: every recorded value is re-drawn identically; not recomputed: created_at, tool\.version \(only --expect pins them\)/,
    );
    const pinned = await cli(['verify', forged, '--expect', original.manifest_sha256]);
    expect(pinned.status).toBe(1);
    expect(pinned.stdout).toMatch(/is not the one published/);
  });

  it('a field missing from a manifest passes only as a 0.1.0 manifest would lack it, with the default that reproduces the draw', async () => {
    const dropped = forge(draw, 'old-dropped', (m) => delete m.parameters.excel);
    expect((await cli(['verify', dropped])).stdout).toMatch(
      /DIFF manifest parameters: parameters\.excel: recorded \(absent\), re-drawn false/,
    );
    // Claiming 0.1.0 allows only the fields 0.1.0 did not write, read at their default: reveal_ids
    // absent means revealed IDs, which re-draws other files than this (masked) draw's.
    const old = forge(draw, 'old-claimed', (m) => {
      m.tool.version = '0.1.0';
      delete m.parameters.reveal_ids;
    });
    const result = await cli(['verify', old]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/DIFF households\.csv re-draw: the re-draw differs from the recorded draw/);
    const frame = forge(draw, 'old-frame', (m) => {
      m.tool.version = '0.1.0';
      delete m.frame.sizes;
    });
    expect((await cli(['verify', frame])).stdout).toMatch(/DIFF manifest frame: frame\.sizes: recorded \(absent\)/);
  });

  it('(e) --expect: the full hash or a 16-digit prefix passes, another fails, a malformed one is a usage error', async () => {
    const hash = original.manifest_sha256 as string;
    const full = await cli(['verify', draw, '--expect', hash]);
    expect(full.status).toBe(0);
    expect(full.stdout).toMatch(
      new RegExp(`ok {3}published manifest hash: manifest_sha256 ${hash.slice(0, 16)}… is the published ${hash}`),
    );
    expect((await cli(['verify', draw, '--expect', hash.slice(0, 16).toUpperCase()])).status).toBe(0);
    const json = JSON.parse((await cli(['verify', draw, '--expect', hash, '--json'])).stdout);
    expect(json).toMatchObject({ verified: true, expected: { hash, manifest_sha256: hash, matches: true } });
    const wrong = await cli(['verify', draw, '--expect', `${hash.slice(0, 20)}${hash[20] === '0' ? '1' : '0'}`]);
    expect(wrong.status).toBe(1);
    expect(wrong.stdout).toMatch(/DIFF published manifest hash: this manifest is not the one published/);
    for (const bad of ['xyz', hash.slice(0, 15), `${hash}0`, `sha256:${hash}`]) {
      const result = await cli(['verify', draw, '--expect', bad]);
      expect(result.status, bad).toBe(2);
      expect(result.stderr, bad).toMatch(
        /--expect must be the manifest hash published in the notice or ledger: 64 hexadecimal digits, or the first 16 or more of them/,
      );
      expect(result.stdout, bad).toBe('');
    }
    const zh = await cli(['verify', draw, '--expect', 'xyz', '--lang', 'zh-CN']);
    expect(zh.status).toBe(2);
    expect(zh.stderr).toMatch(/--expect 必须是公示或台账中公布的抽取清单哈希值/);
    expect((await cli(['verify', '--help'])).stdout).toMatch(/--expect <hash>/);
  });

  it('files the verifier gives elsewhere (--registry, --divisions) may have other names and paths, not other content', async () => {
    const dir = tempDir();
    const table = join(ROOT, 'fixtures', 'divisions', 'yunnan-counties.csv');
    const drawn = join(dir, 'draw');
    expect(
      (await cli(['monthly', DEMO, ...SEED, '--level', 'province', '--divisions', table, '--out', drawn])).status,
    ).toBe(0);
    const moved = join(dir, 'elsewhere');
    cpSync(drawn, join(moved, 'draw'), { recursive: true });
    writeFileSync(join(moved, 'export (1).csv'), readFileSync(DEMO));
    writeFileSync(join(moved, '区划.csv'), readFileSync(table));
    const given = await cli([
      'verify',
      join(moved, 'draw'),
      '--registry',
      join(moved, 'export (1).csv'),
      '--divisions',
      join(moved, '区划.csv'),
    ]);
    expect(given.stdout).toMatch(/verified: the draw is reproduced exactly/);
    expect(given.status).toBe(0);
    // The names and paths are the verifier's; the recorded SHA-256s are still compared.
    const forged = forge(drawn, 'forged-divisions', (m) => (m.divisions.sha256 = '0'.repeat(64)));
    const result = await cli([
      'verify',
      forged,
      '--registry',
      join(moved, 'export (1).csv'),
      '--divisions',
      join(moved, '区划.csv'),
    ]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /DIFF manifest divisions: divisions\.sha256: recorded "0{64}", re-drawn "[0-9a-f]{64}"/,
    );
  });

  it('exclusions: the units a draw left out are recomputed', async () => {
    const second = join(root, 'second');
    expect(
      (await cli(['monthly', DEMO, ...SEED, '--level', 'province', '--out', second, '--exclude', draw])).status,
    ).toBe(0);
    expect((await cli(['verify', second])).status).toBe(0);
    const forged = forge(second, 'second-forged', (m) => (m.exclusions.excluded.villages += 1));
    const result = await cli(['verify', forged]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /DIFF manifest exclusions: exclusions\.excluded\.villages: recorded \d+, re-drawn \d+/,
    );
  });
});

describe('verify recomputes everything it certifies: evaluate and funds', () => {
  it('(d) evaluate: a forged frame.csv or strata record fails', async () => {
    const root = tempDir();
    const draw = join(root, 'eval');
    expect(
      (
        await cli([
          'evaluate',
          join(ROOT, 'fixtures', 'eval-registry.csv'),
          '--seed',
          'e1',
          '--nonpoor',
          join(ROOT, 'fixtures', 'eval-nonpoor.csv'),
          '--out',
          draw,
        ])
      ).status,
    ).toBe(0);
    expect((await cli(['verify', draw])).status).toBe(0);
    const frameCsv = readFileSync(join(draw, 'frame.csv'), 'utf8').split('\n');
    const frame = forge(draw, 'frame', (m, dir) =>
      replaceOutput(m, dir, 'frame.csv', [frameCsv[0], ...frameCsv.slice(2)].join('\n')),
    );
    const framed = await cli(['verify', frame]);
    expect(framed.status).toBe(1);
    expect(framed.stdout).toMatch(/DIFF frame\.csv re-draw: the re-draw differs from the recorded draw/);
    expect(framed.stdout).toMatch(/DIFF manifest sample|NOT verified/);
    const strata = forge(draw, 'strata', (m) => (m.strata[0].allocated += 1));
    const stratified = await cli(['verify', strata]);
    expect(stratified.status).toBe(1);
    expect(stratified.stdout).toMatch(/DIFF manifest strata: strata\[0\]\.allocated: recorded \d+, re-drawn \d+/);
    const strataCsv = readFileSync(join(draw, 'strata.csv'), 'utf8');
    const file = forge(draw, 'strata-file', (m, dir) =>
      replaceOutput(m, dir, 'strata.csv', strataCsv.replace(/\n[^\n]*\n$/, '\n')),
    );
    expect((await cli(['verify', file])).stdout).toMatch(
      /DIFF strata\.csv re-draw: the re-draw differs from the recorded draw/,
    );
    const sizes = forge(draw, 'sizes', (m) => (m.frame.households.poor += 1));
    expect((await cli(['verify', sizes])).stdout).toMatch(
      /DIFF manifest frame: frame\.households\.poor: recorded \d+, re-drawn \d+/,
    );
  });

  it('(d) funds: a forged ranking.csv or result fails', async () => {
    const root = tempDir();
    const draw = join(root, 'funds');
    expect(
      (
        await cli([
          'funds',
          join(ROOT, 'fixtures', 'funds-registry.csv'),
          '--month',
          '2026-11',
          '--seed',
          'funds',
          '--scope',
          '文山壮族苗族自治州',
          '--out',
          draw,
        ])
      ).status,
    ).toBe(0);
    expect((await cli(['verify', draw])).status).toBe(0);
    const ranking = readFileSync(join(draw, 'ranking.csv'), 'utf8');
    const forged = forge(draw, 'ranking', (m, dir) =>
      replaceOutput(m, dir, 'ranking.csv', ranking.replace(',selected,', ',not selected,')),
    );
    const result = await cli(['verify', forged]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/DIFF ranking\.csv re-draw: the re-draw differs from the recorded draw/);
    const reached = forge(draw, 'result', (m) => (m.result.coverage_reached = 0.9));
    const claimed = await cli(['verify', reached]);
    expect(claimed.status).toBe(1);
    expect(claimed.stdout).toMatch(/DIFF manifest result: result\.coverage_reached: recorded 0\.9, re-drawn 0\.68/);
  });
});
