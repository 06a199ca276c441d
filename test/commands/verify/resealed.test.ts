/**
 * The tests "verify and resealed manifests of another shape" from test/integrity-review.test.ts (moved, issue 14).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { manifestDigest, type Manifest } from '../../../src/core/manifest.js';
import { cli, tempDir, STACK } from '../../helpers.js';
import { DRAW } from '../provinceDrawKit.js';

/** A copy of `draw` beside it, with `edit` applied to its manifest, resealed. */
function resealed(
  draw: string,
  name: string,
  edit: (manifest: Record<string, unknown> & { parameters: Record<string, unknown> }) => void,
): string {
  const copy = join(draw, '..', name);
  cpSync(draw, copy, { recursive: true });
  const manifest = JSON.parse(readFileSync(join(copy, 'manifest.json'), 'utf8'));
  delete manifest.manifest_sha256;
  edit(manifest);
  writeFileSync(
    join(copy, 'manifest.json'),
    JSON.stringify({ ...manifest, manifest_sha256: manifestDigest(manifest as Manifest) }, null, 2),
  );
  return copy;
}

describe('verify and resealed manifests of another shape', () => {
  let draw: string;
  beforeAll(async () => {
    draw = join(tempDir(), 'draw');
    expect((await cli([...DRAW, '--seed', 'review-1', '--out', draw])).status).toBe(0);
  });

  const cases: Array<[string, (m: Record<string, unknown> & { parameters: Record<string, unknown> }) => void, RegExp]> =
    [
      ['no inputs', (m) => (m.inputs = []), /inputs must be a non-empty list of input files/],
      [
        'input path null',
        (m) => ((m.inputs as Array<Record<string, unknown>>)[0]!.path = null),
        /inputs\[0\]\.path must be a non-empty text/,
      ],
      [
        'input sha256 not a hash',
        (m) => ((m.inputs as Array<Record<string, unknown>>)[0]!.sha256 = 'zz'),
        /inputs\[0\]\.sha256 must be 64 lowercase hexadecimal digits/,
      ],
      [
        'exclusions without a list',
        (m) => (m.exclusions = { sources: 'x' }),
        /exclusions\.sources must be an object with a list of sources/,
      ],
      ['divisions null', (m) => (m.divisions = null), /divisions must be an object/],
      ['created_at not a time', (m) => (m.created_at = { a: 1 }), /created_at must be a UTC time/],
      [
        'parameters a list',
        (m) => (m.parameters = [] as unknown as Record<string, unknown>),
        /parameters must be an object/,
      ],
    ];
  it.each(cases)('%s: exit 2 with a message naming the field, no stack trace', async (name, edit, expected) => {
    const result = await cli(['verify', resealed(draw, `shape-${name.replace(/\W+/g, '-')}`, edit)]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(expected);
    expect(result.stderr).toMatch(/a manifest edited and resealed by hand cannot be checked/);
    expect(result.stderr).not.toMatch(STACK);
  });

  it('a swapped seed source, resealed, verifies only as a value that is not recomputed, and --expect catches it', async () => {
    const original = JSON.parse(readFileSync(join(draw, 'manifest.json'), 'utf8')) as Manifest;
    const swapped = resealed(draw, 'seed-source', (m) => (m.parameters.seed_source = '福彩3D 2026-11-30'));
    const alone = await cli(['verify', swapped]);
    expect(alone.status).toBe(0);
    expect(alone.stdout).toMatch(
      /not recomputed: created_at, tool\.version, parameters\.seed_source \(only --expect pins them\)/,
    );
    const pinned = await cli(['verify', swapped, '--expect', original.manifest_sha256!]);
    expect(pinned.status).toBe(1);
  });
});
