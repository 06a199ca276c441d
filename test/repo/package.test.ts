/**
 * `npm pack` makes a package that installs and runs from a clean directory: the tarball holds the
 * built CLI, the docs, the demo registry and the division table, and nothing else of the repository.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers.js';

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_fund: 'false', npm_config_audit: 'false', npm_config_update_notifier: 'false' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });

describe('npm pack', () => {
  it('installs in a clean directory and runs spotcheck', () => {
    const packDir = tempDir();
    // --ignore-scripts: `prepare` and `prepack` would each run tsc again (25 CPU-seconds) to rebuild the
    // dist/ that `npm test` (its pretest) has just built with the same command: the same tarball.
    const [packed] = JSON.parse(
      npm(['pack', '--ignore-scripts', '--json', '--pack-destination', packDir], ROOT),
    ) as Array<{
      filename: string;
      files: Array<{ path: string }>;
    }>;
    const paths = packed!.files.map((file) => file.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'bin/spotcheck',
        'dist/main.js',
        'dist/io/digestWorker.js',
        'README.md',
        'CHANGELOG.md',
        'package.json',
        'docs/algorithm.md',
        'fixtures/demo-registry.csv',
        'fixtures/divisions/yunnan-counties.csv',
      ]),
    );
    for (const path of paths)
      expect(path).toMatch(/^(bin|dist|docs|fixtures)\/|^(README\.md|CHANGELOG\.md|package\.json|LICENSE)$/);
    expect(paths.some((path) => path.startsWith('test/') || path.startsWith('src/'))).toBe(false);

    const app = tempDir('spotcheck-install-');
    writeFileSync(join(app, 'package.json'), '{ "name": "install-check", "private": true }\n');
    npm(['install', '--prefer-offline', '--no-audit', '--no-fund', join(packDir, packed!.filename)], app);
    const bin = join(app, 'node_modules', '.bin', 'spotcheck');
    const version = execFileSync(bin, ['--version'], { cwd: app, encoding: 'utf8' }).trim();
    expect(version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    const demo = join(app, 'node_modules', 'spotcheck', 'fixtures', 'demo-registry.csv');
    const draw = JSON.parse(
      execFileSync(bin, ['monthly', demo, '--month', '2026-11', '--seed', 'demo-2026-11', '--json'], {
        cwd: app,
        encoding: 'utf8',
      }),
    );
    expect(draw.manifest.inputs[0].sha256).toBe('d15c8b4b734fdb5c234eca42b51bd76f7fc355540009d4212041dc43705cc53b');
    expect(draw.households).toHaveLength(40);
  }, 240_000);
});
