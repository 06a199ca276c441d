/** The tests "verify" from test/e2e.test.ts (moved, issue 14). */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, DEMO, spawnCli, tempDir } from '../../helpers.js';
import { DRAW } from '../../demoDrawKit.js';

describe('verify', () => {
  let dir: string;
  let out: string;
  beforeAll(async () => {
    dir = tempDir();
    mkdirSync(join(dir, 'data'));
    writeFileSync(join(dir, 'data', 'registry.csv'), readFileSync(DEMO));
    out = join(dir, 'draw');
    expect(
      (
        await cli(
          [
            'monthly',
            'data/registry.csv',
            ...DRAW,
            '--level',
            'prefecture',
            '--scope',
            '文山壮族苗族自治州',
            '--out',
            'draw',
          ],
          { cwd: dir },
        )
      ).status,
    ).toBe(0);
  });

  it('passes on an untouched draw, from any working directory', async () => {
    const result = await cli(['verify', join(out, 'manifest.json')]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/verified: the draw is reproduced exactly/);
    const json = await cli(['verify', join(out, 'manifest.json'), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: true });
  });

  it('fails with exit 1 on an edited output, naming the file and the first differing line', async () => {
    const copy = join(dir, 'edited');
    mkdirSync(copy);
    for (const file of ['manifest.json', 'counties.csv', 'villages.csv'])
      writeFileSync(join(copy, file), readFileSync(join(out, file)));
    const households = readFileSync(join(out, 'households.csv'), 'utf8').split('\n');
    households[2] = households[2]!.replace(/,exited,|,poor,/, ',nonpoor,');
    writeFileSync(join(copy, 'households.csv'), households.join('\n'));
    // Spawned: "verify found a difference" is the binary's exit status 1 (process.exitCode), not only run()'s.
    const result = spawnCli(['verify', join(copy, 'manifest.json'), '--registry', join(dir, 'data', 'registry.csv')]);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /DIFF households\.csv: households\.csv beside the manifest was changed after the draw: 1 line\(s\) differ; first at line 3/,
    );
    expect(result.stdout).toMatch(/NOT verified/);
  });

  it('fails with exit 1 on a changed registry, naming the file', async () => {
    const changed = join(dir, 'changed.csv');
    writeFileSync(changed, readFileSync(DEMO, 'utf8').replace('已脱贫', '未脱贫'));
    const result = await cli(['verify', join(out, 'manifest.json'), '--registry', changed, '--json']);
    expect(result.status).toBe(1);
    const parsed = JSON.parse(result.stdout);
    expect(parsed.verified).toBe(false);
    expect(parsed.checks[0].detail).toMatch(/the registry changed: recorded sha256 .* file .*changed\.csv has/);
  });

  it('refuses a manifest edited by hand, or not JSON, with exit 2', async () => {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    manifest.parameters.seed = 'a better seed';
    const edited = join(dir, 'edited-manifest.json');
    writeFileSync(edited, JSON.stringify(manifest));
    // Spawned: a refusal is the binary's exit status 2, with its message and no stack trace.
    const result = spawnCli(['verify', edited, '--registry', join(dir, 'data', 'registry.csv')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/manifest was edited after the draw/);
    writeFileSync(join(dir, 'bad.json'), '{ not json');
    expect((await cli(['verify', join(dir, 'bad.json')])).stderr).toMatch(/manifest is not valid JSON/);
  });
});
