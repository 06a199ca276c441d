/** End-to-end runs of the built binary: stdout, stderr and exit codes as a user sees them. */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, spawnCli, tempDir } from './helpers.js';

const DRAW = ['--month', '2026-11', '--seed', 'demo-2026-11'];

function demoLines(): { header: string; rows: string[] } {
  const text = readFileSync(DEMO, 'utf8').replace(/^\ufeff/, '');
  const [header, ...rows] = text.split('\r\n').filter((line) => line !== '');
  return { header: header!, rows };
}

/** A deterministic shuffle (no Math.random in this project, tests included). */
function shuffled<T>(items: readonly T[]): T[] {
  return items
    .map((item, index) => ({ item, order: (index * 2654435761) % 4294967296 }))
    .sort((a, b) => a.order - b.order)
    .map((entry) => entry.item);
}

describe('help and version', () => {
  it('prints the commands, and each command explains itself with defaults and an example', async () => {
    const top = await cli(['--help']);
    expect(top.status).toBe(0);
    for (const command of ['monthly', 'verify', 'inspect', 'generate']) expect(top.stdout).toContain(command);
    const monthly = await cli(['monthly', '--help']);
    expect(monthly.status).toBe(0);
    expect(monthly.stdout).toMatch(/--level <level>.*\(default: "province"\)/s);
    expect(monthly.stdout).toMatch(/province \(省\).*4 × 2 × 5/);
    expect(monthly.stdout).toContain('$ spotcheck monthly');
    expect(monthly.stdout).toContain('Cost:');
    for (const command of ['verify', 'inspect', 'generate']) {
      const help = await cli([command, '--help']);
      expect(help.status).toBe(0);
      expect(help.stdout).toContain(`$ spotcheck ${command}`);
    }
    // Spawned: the binary itself (bin/spotcheck's shim) starts, prints and exits 0.
    expect(spawnCli(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe('monthly', () => {
  it('prints a summary of the draw on the terminal', async () => {
    // Spawned: a whole draw through the real binary, exit 0 and nothing else on its stderr (no warning).
    const result = spawnCli(['monthly', DEMO, ...DRAW]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/Frame: 12 counties · 68 villages \(poor villages\) · 1,459 households/);
    expect(result.stdout).toMatch(/Drawn: 4 counties · 8 villages · 40 households/);
    expect(result.stdout).not.toContain('\u001b['); // NO_COLOR
  });

  it('prints the whole result as JSON with stable English keys', async () => {
    const result = await cli(['monthly', DEMO, ...DRAW, '--json']);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout);
    expect(Object.keys(parsed)).toEqual(['manifest', 'counties', 'villages', 'households']);
    expect(parsed.households).toHaveLength(40);
    const household = parsed.households[0];
    for (const key of [
      'household_id',
      'prefecture',
      'county',
      'township',
      'village',
      'status',
      'ticket',
      'rank',
      'probability',
      'weight',
      'registry',
    ]) {
      expect(household).toHaveProperty(key);
    }
    expect(household.ticket).toMatch(/^[0-9a-f]{64}$/);
    expect(household.weight * household.probability).toBeCloseTo(1, 10);
    expect(household.registry.户编号).toBe(household.household_id);
    expect(parsed.manifest.parameters).toMatchObject({
      month: '2026-11',
      seed: 'demo-2026-11',
      level: 'province',
      counties: 4,
      villages: 2,
      households: 5,
    });
    expect(JSON.stringify(parsed.manifest)).not.toMatch(/证件号码|姓名/);
  });

  it('writes the four files, refuses a non-empty directory without --force, and replaces with it', async () => {
    const out = join(tempDir(), 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--out', out])).status).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8'));
    expect(Object.keys(manifest.outputs)).toEqual(['counties.csv', 'villages.csv', 'households.csv']);
    expect(manifest.outputs['households.csv'].rows).toBe(40);
    const again = await cli(['monthly', DEMO, ...DRAW, '--out', out]);
    expect(again.status).toBe(2);
    expect(again.stderr).toMatch(/output directory is not empty.*\n.*--force/);
    expect((await cli(['monthly', DEMO, ...DRAW, '--out', out, '--force'])).status).toBe(0);
  });

  it.each([
    [['--month', '2026-13', '--seed', 'x'], /--month must be YYYY-MM with a month from 01 to 12, got "2026-13"/],
    [['--month', '2026-11', '--seed', '  '], /--seed must not be empty/],
    [['--month', '2026-11'], /--seed is required/],
    [['--month', '2026-11', '--seed', 'x', '--villages', '-3'], /--villages must be a positive integer, got "-3"/],
    [
      ['--month', '2026-11', '--seed', 'x', '--households', '2.5'],
      /--households must be a positive integer, got "2.5"/,
    ],
    [['--month', '2026-11', '--seed', 'x', '--counties', '0'], /--counties must be a positive integer, got "0"/],
    [
      ['--month', '2026-11', '--seed', 'x', '--level', 'village'],
      /--level must be province, prefecture, county or township/,
    ],
    [['--month', '2026-11', '--seed', 'x', '--level', 'county'], /--scope is required at county level/],
    [
      ['--month', '2026-11', '--seed', 'x', '--level', 'county', '--scope', '永胜'],
      /--scope "永胜" is not a county of this registry\n {2}closest names: 永胜县/,
    ],
    [
      ['--month', '2026-11', '--seed', 'x', '--level', 'county', '--scope', '永胜县', '--counties', '2'],
      /--counties does not apply at county level/,
    ],
  ])('refuses bad options with a clear message and exit 2: %j', async (args, message) => {
    const result = await cli(['monthly', DEMO, ...args]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(result.stdout).toBe('');
  });

  it('refuses unreadable, empty and malformed registries with file and line', async () => {
    const dir = tempDir();
    const missing = await cli(['monthly', join(dir, 'nope.csv'), ...DRAW]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/nope\.csv: cannot read the registry file: there is no such file/);
    writeFileSync(join(dir, 'empty.csv'), '');
    expect((await cli(['monthly', join(dir, 'empty.csv'), ...DRAW])).stderr).toMatch(
      /empty\.csv: the registry file is empty/,
    );
    writeFileSync(join(dir, 'cols.csv'), '姓名,证件号码\n张三,1\n');
    expect((await cli(['monthly', join(dir, 'cols.csv'), ...DRAW])).stderr).toMatch(
      /lacks required columns: household_id \(户编号\).*Headers found: 姓名, 证件号码/,
    );
    writeFileSync(join(dir, 'quote.csv'), '户编号,行政县,乡镇,行政村,脱贫属性\n1,"元阳县,新街镇,村,已脱贫\n');
    const quote = await cli(['monthly', join(dir, 'quote.csv'), ...DRAW]);
    expect(quote.status).toBe(2);
    expect(quote.stderr).toMatch(/quote\.csv.*not valid CSV/);
    writeFileSync(join(dir, 'county.csv'), '户编号,行政县,乡镇,行政村,脱贫属性\n1,禄劝县,镇,村,已脱贫\n');
    const county = await cli(['monthly', join(dir, 'county.csv'), ...DRAW]);
    expect(county.status).toBe(2);
    expect(county.stderr).toMatch(
      /county\.csv:2: county "禄劝县" is not in the division table.*closest names: 禄劝彝族苗族自治县/s,
    );
    const directory = await cli(['monthly', dir, ...DRAW]);
    expect(directory.stderr).toMatch(/is a directory/);
  });

  it('prints an error as JSON on stdout too when --json is given', async () => {
    const result = await cli(['monthly', DEMO, '--month', '2026-13', '--seed', 'x', '--json']);
    expect(result.status).toBe(2);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'USAGE' });
  });
});

describe('reproducibility across row order, file split and encoding', () => {
  let expected: unknown;
  let dir: string;
  const tables = (stdout: string) => {
    const { counties, villages, households } = JSON.parse(stdout);
    return { counties, villages, households };
  };
  beforeAll(async () => {
    dir = tempDir();
    expected = tables((await cli(['monthly', DEMO, ...DRAW, '--json'])).stdout);
  });

  it('a shuffled registry gives the identical sample', async () => {
    const { header, rows } = demoLines();
    writeFileSync(join(dir, 'shuffled.csv'), `${[header, ...shuffled(rows)].join('\n')}\n`);
    expect(tables((await cli(['monthly', join(dir, 'shuffled.csv'), ...DRAW, '--json'])).stdout)).toEqual(expected);
  });

  it('a registry split into county files, given in any order, gives the identical sample', async () => {
    const { header, rows } = demoLines();
    const byCounty = new Map<string, string[]>();
    for (const row of rows) byCounty.set(row.split(',')[0]!, [...(byCounty.get(row.split(',')[0]!) ?? []), row]);
    const files = [...byCounty.entries()].map(([_county, countyRows], index) => {
      const path = join(dir, `part-${index}.csv`);
      writeFileSync(path, `${[header, ...countyRows].join('\r\n')}\r\n`);
      return path;
    });
    expect(files.length).toBe(12);
    expect(tables((await cli(['monthly', ...files.reverse(), ...DRAW, '--json'])).stdout)).toEqual(expected);
  });

  it('the same registry in GBK (as Excel on Chinese Windows saves it) gives the identical sample', async () => {
    const text = readFileSync(DEMO, 'utf8').replace(/^\ufeff/, '');
    writeFileSync(join(dir, 'gbk.csv'), iconv.encode(text, 'gbk'));
    const result = await cli(['monthly', join(dir, 'gbk.csv'), ...DRAW, '--json']);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).manifest.inputs[0].encoding).toBe('gb18030');
    expect(tables(result.stdout)).toEqual(expected);
    const forced = await cli(['monthly', join(dir, 'gbk.csv'), ...DRAW, '--json', '--encoding', 'utf-8']);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(/not valid UTF-8.*\n.*--encoding gbk/);
  });
});

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

describe('inspect', () => {
  it('summarises the registry and lists problems with file and line (exit 1 when there are errors)', async () => {
    const clean = await cli(['inspect', DEMO]);
    expect(clean.status).toBe(0);
    expect(clean.stdout).toMatch(/10 prefectures · 12 counties · 16 townships · 112 villages \(68 poor villages\)/);
    expect(clean.stdout).toMatch(/households: 未脱贫 279 · 已脱贫 1,521 · 非贫困户 0/);
    expect(clean.stdout).toMatch(/No data problems/);
    const dir = tempDir();
    const path = join(dir, 'bad.csv');
    writeFileSync(
      path,
      '户编号,人编号,与户主关系,行政县,乡镇,行政村,脱贫属性\nH1,P1,户主,元阳县,新街镇,甲村,已脱贫\nH1,P2,之子,元阳县,新街镇,乙村,已脱贫\nH2,P3,之子,元阳县,新街镇,甲村,未脱贫\n',
    );
    const bad = await cli(['inspect', path]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(
      /error\s+.*bad\.csv:3: household H1 is in village .*甲村 at bad\.csv:2 but in .*乙村 here/,
    );
    expect(bad.stdout).toMatch(
      /error\s+.*bad\.csv:4: household H2 has no 户主 row \(与户主关系 = 户主\); every household needs exactly one/,
    );
    const json = JSON.parse((await cli(['inspect', path, '--json'])).stdout);
    expect(json.errors).toBe(2);
  });
});

describe('output safety', () => {
  it('refuses an output directory whose parent does not exist, writing nothing', async () => {
    const dir = tempDir();
    const result = await cli(['monthly', DEMO, ...DRAW, '--out', join(dir, 'missing', 'draw')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot create the output directory: its parent directory .* does not exist/);
  });

  it.skipIf(process.getuid?.() === 0)('refuses a read-only output directory', async () => {
    const dir = tempDir();
    chmodSync(dir, 0o555);
    expect((await cli(['monthly', DEMO, ...DRAW, '--out', join(dir, 'draw')])).status).toBe(2);
  });
});

describe('found in review: verify, options and data', () => {
  const draw = async (cwd: string, out: string, registries: string[]) =>
    await cli(['monthly', ...registries, ...DRAW, '--out', out], { cwd });

  it('verify fails when an output file is missing, accepts the directory, and matches --registry files by hash in any order', async () => {
    const dir = tempDir();
    const { header, rows } = demoLines();
    const half = Math.floor(rows.length / 2);
    writeFileSync(join(dir, 'a.csv'), `${[header, ...rows.slice(0, half)].join('\n')}\n`);
    writeFileSync(join(dir, 'b.csv'), `${[header, ...rows.slice(half)].join('\n')}\n`);
    expect((await draw(dir, 'draw', ['a.csv', 'b.csv'])).status).toBe(0);
    expect((await cli(['verify', join(dir, 'draw')])).status).toBe(0);
    const swapped = await cli([
      'verify',
      join(dir, 'draw', 'manifest.json'),
      '--registry',
      join(dir, 'b.csv'),
      join(dir, 'a.csv'),
    ]);
    expect(swapped.stdout).toMatch(/verified/);
    expect(swapped.status).toBe(0);
    rmSync(join(dir, 'draw', 'villages.csv'));
    const missing = await cli(['verify', join(dir, 'draw')]);
    expect(missing.status).toBe(1);
    expect(missing.stdout).toMatch(/DIFF villages\.csv: villages\.csv is missing beside the manifest/);
  });

  it('verify of a moved draw says which recorded path is missing and how to give the registry', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'registry.csv'), readFileSync(DEMO));
    expect((await draw(dir, 'draw', ['registry.csv'])).status).toBe(0);
    mkdirSync(join(dir, 'moved'));
    renameSync(join(dir, 'draw'), join(dir, 'moved', 'draw'));
    const result = await cli(['verify', join(dir, 'moved', 'draw'), '--json']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /cannot read the registry registry\.csv at the path recorded in the manifest \(\.\.\/registry\.csv.*\n.*--registry FILE/,
    );
    expect(JSON.parse(result.stdout)).toMatchObject({ verified: false, error: { code: 'INPUT' } });
    expect((await cli(['verify', join(dir, 'moved', 'draw'), '--registry', join(dir, 'registry.csv')])).status).toBe(0);
  });

  it('refuses a repeated single-valued option, a file given twice, and an empty frame', async () => {
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'other'])).stderr).toMatch(
      /--seed was given twice \("demo-2026-11" and "other"\); give it once/,
    );
    const dir = tempDir();
    writeFileSync(join(dir, 'copy.csv'), readFileSync(DEMO));
    const twice = await cli(['monthly', DEMO, DEMO, ...DRAW]);
    expect(twice.status).toBe(2);
    expect(twice.stderr).toMatch(/is given twice/);
    expect((await cli(['monthly', DEMO, join(dir, 'copy.csv'), ...DRAW])).stderr).toMatch(
      /are the same file \(same SHA-256\)/,
    );
    const empty = await cli(['monthly', DEMO, ...DRAW, '--statuses', 'nonpoor']);
    expect(empty.status).toBe(2);
    expect(empty.stderr).toMatch(/the frame is empty: the registry has no 非贫困户 household in a poor village/);
  });

  it('reports a village whose 是否贫困村 disagrees once, as an error', async () => {
    const dir = tempDir();
    const path = join(dir, 'marks.csv');
    writeFileSync(
      path,
      '户编号,行政县,乡镇,行政村,脱贫属性,是否贫困村\nH1,元阳县,新街镇,甲村,已脱贫,否\nH2,元阳县,新街镇,甲村,已脱贫,是\nH3,元阳县,新街镇,甲村,已脱贫,否\nH4,元阳县,新街镇,甲村,已脱贫,否\n',
    );
    const result = JSON.parse((await cli(['inspect', path, '--json'])).stdout);
    expect(result.errors).toBe(1);
    expect(result.problems).toEqual([
      {
        severity: 'error',
        message: 'village 甲村: 是否贫困村 is 否 at marks.csv:2 but 是 here; a village is poor or not on every row',
        file: 'marks.csv',
        line: 3,
      },
    ]);
  });

  it('accepts a township scope as printed (州市 › 县 › 乡镇), and prints JSON for option errors', async () => {
    expect(
      (await cli(['monthly', DEMO, ...DRAW, '--level', 'township', '--scope', '丽江市 › 永胜县 › 启江镇'])).status,
    ).toBe(0);
    const unknown = await cli(['monthly', DEMO, '--json', '--bogus']);
    expect(unknown.status).toBe(2);
    expect(JSON.parse(unknown.stdout).error.message).toBe("unknown option '--bogus'");
    expect(unknown.stderr).toMatch(/^spotcheck: error: unknown option/);
  });

  it.skipIf(!existsSync('/dev/full'))('reports a failed write to standard output', () => {
    const result = spawnSync(
      'sh',
      ['-c', `node bin/spotcheck monthly "${DEMO}" --month 2026-11 --seed x --json > /dev/full`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/cannot write to standard output/);
  });

  it('refuses a household with two 户主 rows (it would be counted twice)', async () => {
    const dir = tempDir();
    const path = join(dir, 'heads.csv');
    writeFileSync(
      path,
      '户编号,人编号,与户主关系,行政县,乡镇,行政村,脱贫属性\nH1,P1,户主,元阳县,新街镇,甲村,已脱贫\nH1,P2,户主,元阳县,新街镇,甲村,已脱贫\n',
    );
    const result = await cli(['monthly', path, '--month', '2026-11', '--seed', 's']);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /heads\.csv:3: household H1 has a second 户主 row \(first at heads\.csv:2\); every household needs exactly one/,
    );
  });

  it('counts people from 人数 in household-level files', async () => {
    const dir = tempDir();
    const path = join(dir, 'households.csv');
    writeFileSync(
      path,
      'household_id,county,township,village,status,household_size\nH1,元阳县,新街镇,甲村,poor,4\nH2,元阳县,新街镇,甲村,exited,2\n',
    );
    const summary = JSON.parse((await cli(['inspect', path, '--json'])).stdout).summary;
    expect(summary.persons).toEqual({ poor: 4, exited: 2, nonpoor: 0 });
  });
});

describe('progress', () => {
  const hasScript = spawnSync('sh', ['-c', 'command -v script'], { encoding: 'utf8' }).status === 0;
  it.skipIf(!hasScript)(
    'shows a progress bar on a terminal for a large registry, and --quiet silences it',
    async () => {
      const dir = tempDir();
      const big = join(dir, 'big.csv');
      expect((await cli(['generate', '--out', big, '--households', '60000', '--seed', 'progress'])).status).toBe(0);
      const run = (extra: string) =>
        spawnSync(
          'script',
          ['-qc', `node bin/spotcheck monthly "${big}" --month 2026-11 --seed s ${extra} > /dev/null`, '/dev/null'],
          { cwd: ROOT, encoding: 'utf8' },
        ).stdout;
      expect(run('')).toMatch(/reading big\.csv \[[=-]+\] \d+% · \d+\/\d+ MB · \d+ rows · \d+ MB\/s · ETA/);
      expect(run('--quiet')).not.toMatch(/reading/);
    },
  );
});

describe('large files', () => {
  it('checks UTF-8 and hashes a large file on a worker thread: an invalid byte near the end is refused', async () => {
    const dir = tempDir();
    const { header, rows } = demoLines();
    const body = Buffer.from(`${rows.join('\n')}\n`);
    const copies = Math.ceil((33 << 20) / body.length);
    const parts = [Buffer.from(`${header}\n`)];
    for (let copy = 0; copy < copies; copy++) {
      parts.push(
        Buffer.from(
          body
            .toString('utf8')
            .replace(
              /,(\d{16}),(\d{18}),/g,
              (_, household: string, person: string) => `,${household}${copy},${person}${copy},`,
            ),
        ),
      );
    }
    const good = Buffer.concat(parts);
    writeFileSync(join(dir, 'big.csv'), good);
    const result = await cli(['monthly', join(dir, 'big.csv'), ...DRAW, '--json']);
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout).manifest.inputs[0].sha256).toBe(createHash('sha256').update(good).digest('hex'));
    const bad = Buffer.concat([good, Buffer.from([0xff, 0x0a])]);
    writeFileSync(join(dir, 'bad.csv'), bad);
    const refused = await cli(['monthly', join(dir, 'bad.csv'), ...DRAW]);
    expect(refused.status).toBe(2);
    const lines = good.toString('utf8').split('\n').length; // the 0xff byte starts the last line
    expect(refused.stderr).toContain(
      `bad.csv:${lines}:1: the file is not valid UTF-8: byte 0xff at offset ${good.length}`,
    );
  });
});
