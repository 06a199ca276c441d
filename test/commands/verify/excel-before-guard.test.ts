/**
 * The tests "a draw made with --excel before the guard (0.4.0) still verifies" from test/safety-formulas.test.ts
 * (moved, issue 14).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unguardCell } from '../../../src/core/spreadsheetText.js';
import { sealManifest, type Manifest } from '../../../src/core/manifest.js';
import { cli, tempDir } from '../../helpers.js';
import { checkDraw, pythonOnPath } from '../../pythonChecker.js';
import { hostileRegistry, DRAW, manifestOf, readCsv, HYPERLINK } from '../formulasKit.js';

const hasPython = pythonOnPath();

describe('a draw made with --excel before the guard (0.4.0) still verifies', () => {
  it('its manifest has no formula_guard and its files hold the raw values: verify and check_draw.py re-draw it unguarded', async () => {
    const dir = tempDir('spotcheck-formulas-legacy-');
    const registry = hostileRegistry(dir);
    const out = join(dir, 'draw');
    expect((await cli([...DRAW(registry), '--excel', '--out', out])).status).toBe(0);
    // Rewrite it as 0.4.0 wrote it: the same cells without apostrophes, no formula_guard.
    const { manifest_sha256: _old, ...manifest } = manifestOf(out);
    delete manifest.parameters.formula_guard;
    for (const name of Object.keys(manifest.outputs)) {
      const rows = readCsv(join(out, name)).map((row) => row.map(unguardCell));
      const text = `\ufeff${rows.map((row) => row.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',')).join('\r\n')}\r\n`;
      writeFileSync(join(out, name), text);
      manifest.outputs[name] = {
        ...manifest.outputs[name]!,
        sha256: execFileSync('sha256sum', [join(out, name)], { encoding: 'utf8' }).slice(0, 64),
      };
    }
    writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(sealManifest(manifest as Manifest), null, 2)}\n`);
    expect(readCsv(join(out, 'households.csv')).flat()).toContain(HYPERLINK);
    const verified = await cli(['verify', out, '--registry', registry]);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    if (hasPython) {
      const checked = await checkDraw([join(out, 'manifest.json'), '--registry', registry]);
      expect(checked.status, checked.stdout + checked.stderr).toBe(0);
    }
  });
});
