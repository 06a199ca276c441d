/** The tests 4 blocks from test/safety-force.test.ts (moved, issue 14). */
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../helpers.js';
import { hashes } from '../forceKit.js';
import { REDRAW } from '../commands/seedLedgerKit.js';

const DRAW = ['--month', '2026-11', '--level', 'county', '--scope', '永胜县'];
const BIN = join(ROOT, 'bin', 'spotcheck');
const FUNDS_REGISTRY = join(ROOT, 'fixtures', 'funds-registry.csv');
const FUNDS_TABLE = join(ROOT, 'fixtures', 'county-funds-wenshan.csv');
const WENSHAN = '文山壮族苗族自治州';

/** The user's files of a folder: a registry and a few tables and notes. */
function userFolder(names: readonly string[]): string {
  const dir = tempDir();
  for (const name of names) writeFileSync(join(dir, name), `${name}: the user's own file\n1,2,3\n`);
  return dir;
}

const spotcheckEntries = (dir: string) => readdirSync(dir).filter((name) => name.startsWith('.spotcheck-'));

/** Starts a draw that stops at a failpoint; resolves when it is paused there. */
async function paused(args: readonly string[], point: string, cwd = ROOT) {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, SPOTCHECK_FAILPOINT: point, NO_COLOR: '1', LANG: 'C.UTF-8' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (data: Buffer) => {
      stderr += data.toString();
      if (stderr.includes('spotcheck: failpoint: paused')) resolve();
    });
    child.once('exit', () => reject(new Error(`exited before the failpoint: ${stderr}`)));
  });
  const kill = async () => {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
  };
  return { pid: child.pid!, kill };
}

describe('--force replaces only a draw', () => {
  it('--out . --force in the folder of a registry named households.csv leaves the registry as it was', async () => {
    const dir = tempDir();
    copyFileSync(DEMO, join(dir, 'households.csv'));
    writeFileSync(join(dir, 'notes.txt'), 'notes\n');
    const before = hashes(dir);
    const result = await cli(
      ['monthly', 'households.csv', ...DRAW, '--seed', 's', '--out', '.', '--force', ...REDRAW],
      {
        cwd: dir,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/--out names the current directory, which holds no spotcheck draw/);
    expect(result.stderr).toMatch(/nothing was changed/);
    expect(hashes(dir)).toEqual(before);
    // Named otherwise than ".", the same folder is refused for holding no draw, its files named.
    const named = await cli([
      'monthly',
      join(dir, 'households.csv'),
      ...DRAW,
      '--seed',
      's',
      '--out',
      dir,
      '--force',
      ...REDRAW,
    ]);
    expect(named.status).toBe(2);
    expect(named.stderr).toMatch(
      /--force replaces only a spotcheck draw, and this directory holds none \(there is no manifest\.json\); it holds 2 entries: "households\.csv", "notes\.txt"/,
    );
    expect(hashes(dir)).toEqual(before);
  });

  it('a --funds table named counties.csv in the --out directory is not overwritten', async () => {
    const dir = tempDir();
    copyFileSync(FUNDS_TABLE, join(dir, 'counties.csv'));
    const before = hashes(dir);
    const result = await cli([
      'funds',
      FUNDS_REGISTRY,
      '--month',
      '2026-11',
      '--seed',
      'f',
      '--scope',
      WENSHAN,
      '--funds',
      join(dir, 'counties.csv'),
      '--out',
      dir,
      '--force',
      ...REDRAW,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/holds none \(there is no manifest\.json\); it holds 1 entries: "counties\.csv"/);
    expect(hashes(dir)).toEqual(before);
  });

  it('--out $HOME --force deletes nothing from a home directory', async () => {
    const home = userFolder([
      'frame.csv',
      'strata.csv',
      'ranking.csv',
      'spares.csv',
      'check-workbook.xlsx',
      'households.csv',
    ]);
    mkdirSync(join(home, '.config'));
    writeFileSync(join(home, '.config', 'x'), 'y\n');
    const before = hashes(home);
    for (const out of [home, '~']) {
      const result = await cli(
        ['monthly', DEMO, ...DRAW, '--seed', 's', '--out', out === '~' ? home : out, '--force', ...REDRAW],
        { env: { HOME: home } },
      );
      expect(result.status).toBe(2);
      expect(result.stderr).toMatch(/--out names your home directory, which holds no spotcheck draw/);
    }
    // Run from inside it too.
    const inside = await cli(
      ['evaluate', join(ROOT, 'fixtures', 'eval-registry.csv'), '--seed', 'e', '--out', '.', '--force', ...REDRAW],
      { cwd: home, env: { HOME: home } },
    );
    expect(inside.status).toBe(2);
    expect(hashes(home)).toEqual(before);
  });

  it('a draw directory with files the draw did not write is refused, even with --force', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out])).status).toBe(0);
    writeFileSync(join(out, 'my-notes.docx'), 'fieldwork notes\n');
    const before = hashes(dir);
    const result = await cli(['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, '--force', ...REDRAW]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(
      /holds a spotcheck draw and also 1 entries that draw did not write: "my-notes\.docx"/,
    );
    expect(hashes(dir)).toEqual(before);
  });

  it('a manifest.json that is not a spotcheck manifest does not make a directory a draw', async () => {
    const dir = userFolder(['households.csv']);
    writeFileSync(join(dir, 'manifest.json'), '{"name":"my-web-app","version":"1.0.0"}\n');
    const before = hashes(dir);
    const result = await cli(['monthly', DEMO, ...DRAW, '--seed', 's', '--out', dir, '--force', ...REDRAW]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/its manifest\.json is not a spotcheck manifest/);
    expect(hashes(dir)).toEqual(before);
  });

  it('without --force a directory holding anything is refused as before', async () => {
    const dir = userFolder(['a.csv']);
    const before = hashes(dir);
    const result = await cli(['monthly', DEMO, ...DRAW, '--seed', 's', '--out', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the output directory is not empty \(1 entries\)/);
    expect(hashes(dir)).toEqual(before);
  });

  it("--force replaces a draw directory as a whole: the old draw's files go, verify passes, nothing else is left", async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect(
      (await cli(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out, '--spares', '2', '--xlsx'])).status,
    ).toBe(0);
    const result = await cli([
      'monthly',
      DEMO,
      ...DRAW,
      '--seed',
      'two',
      '--out',
      out,
      '--force',
      ...REDRAW,
      '--notice',
      join(out, 'notice.html'),
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'counties.csv',
      'households.csv',
      'manifest.json',
      'notice.html',
      'villages.csv',
    ]);
    expect(readdirSync(dir)).toEqual(['draw']);
    expect((await cli(['verify', out])).status).toBe(0);
    // The notice it wrote there is one of the files the next --force with the same --notice replaces.
    expect(
      (
        await cli([
          'monthly',
          DEMO,
          ...DRAW,
          '--seed',
          'three',
          '--out',
          out,
          '--force',
          ...REDRAW,
          '--notice',
          join(out, 'notice.html'),
        ])
      ).status,
    ).toBe(0);
    expect(readdirSync(dir)).toEqual(['draw']);
  });
});

describe('an input of the run is never replaced', () => {
  it('the same directory in --exclude and in --out --force: refused, the excluded draw intact', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out])).status).toBe(0);
    const before = hashes(dir);
    const result = await cli([
      'monthly',
      DEMO,
      ...DRAW,
      '--seed',
      'two',
      '--exclude',
      out,
      '--out',
      out,
      '--force',
      ...REDRAW,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/is read by this draw and is part of the draw directory --force would replace/);
    expect(hashes(dir)).toEqual(before);
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it('a registry inside the draw directory, directly, through a symbolic link or a hard link: refused', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out])).status).toBe(0);
    symlinkSync(join(out, 'households.csv'), join(dir, 'link.csv'));
    linkSync(join(out, 'villages.csv'), join(dir, 'hard.csv'));
    const before = hashes(out);
    for (const registry of [join(out, 'households.csv'), join(dir, 'link.csv'), join(dir, 'hard.csv')]) {
      const result = await cli([
        'monthly',
        registry,
        '--month',
        '2026-11',
        '--seed',
        'two',
        '--out',
        out,
        '--force',
        ...REDRAW,
      ]);
      expect(result.status, registry).toBe(2);
      expect(result.stderr, registry).toMatch(
        /is read by this draw and is part of the draw directory --force would replace/,
      );
      expect(hashes(out)).toEqual(before);
    }
  });

  it('a ledger inside the draw directory is an input too', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out])).status).toBe(0);
    writeFileSync(join(out, 'draws.ledger'), '');
    const before = hashes(out);
    const result = await cli([
      'monthly',
      DEMO,
      ...DRAW,
      '--seed',
      'two',
      '--out',
      out,
      '--force',
      ...REDRAW,
      '--ledger',
      join(out, 'draws.ledger'),
    ]);
    expect(result.status).toBe(2);
    expect(hashes(out)).toEqual(before);
  });

  it('a --notice that is (a hard link to) an input is not overwritten, even with --force', async () => {
    const dir = tempDir();
    const registry = join(dir, 'registry.csv');
    copyFileSync(DEMO, registry);
    linkSync(registry, join(dir, 'notice.html'));
    const before = hashes(dir);
    const result = await cli([
      'monthly',
      registry,
      ...DRAW,
      '--seed',
      's',
      '--out',
      join(dir, 'draw'),
      '--notice',
      join(dir, 'notice.html'),
      '--force',
      ...REDRAW,
    ]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/this file is read by the draw .*registry\.csv.* and is never replaced by an output/);
    expect(hashes(dir)).toEqual(before);
    expect(existsSync(join(dir, 'draw'))).toBe(false);
  });
});

describe('temporary files', () => {
  it(".thesis.2024.tmp and .db.5432.tmp are the user's: they count, and are left alone", async () => {
    const dir = userFolder(['.thesis.2024.tmp', '.db.5432.tmp']);
    const before = hashes(dir);
    const result = await cli(['monthly', DEMO, ...DRAW, '--seed', 's', '--out', dir]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/the output directory is not empty \(2 entries\)/);
    expect(hashes(dir)).toEqual(before);
    // Beside a draw, with --force: still the user's.
    const out = join(tempDir(), 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out])).status).toBe(0);
    writeFileSync(join(out, '.thesis.2024.tmp'), 'chapter 1\n');
    const drawBefore = hashes(out);
    const forced = await cli(['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, '--force', ...REDRAW]);
    expect(forced.status).toBe(2);
    expect(forced.stderr).toMatch(/did not write: "\.thesis\.2024\.tmp"/);
    expect(hashes(out)).toEqual(drawBefore);
  });

  it("a live draw's temporaries are not deleted by another draw; once it is gone, the next run sweeps them", async () => {
    const out = join(tempDir(), 'draw');
    const first = await paused(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out], 'pause-before-rename');
    try {
      const staged = hashes(out);
      expect(Object.keys(staged).length).toBe(4);
      expect(Object.keys(staged).every((name) => name.startsWith(`.spotcheck-${first.pid}-`))).toBe(true);
      for (const force of [[], ['--force', ...REDRAW]]) {
        const second = await cli(['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, ...force]);
        expect(second.status).toBe(2);
        expect(second.stderr).toMatch(
          new RegExp(`another spotcheck \\(process ${first.pid}\\) is writing into this directory now`),
        );
        expect(hashes(out)).toEqual(staged);
      }
    } finally {
      await first.kill();
    }
    // Its process gone, its temporaries are leftovers: swept, and the directory counts as empty.
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out])).status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['counties.csv', 'households.csv', 'manifest.json', 'villages.csv']);
  });

  it('a live --force swap of the same directory is not disturbed by another', async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out])).status).toBe(0);
    const first = await paused(
      ['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, '--force', ...REDRAW],
      'pause-before-rename',
    );
    try {
      const before = hashes(dir);
      const second = await cli(['monthly', DEMO, ...DRAW, '--seed', 'three', '--out', out, '--force', ...REDRAW]);
      expect(second.status).toBe(2);
      expect(second.stderr).toMatch(/another spotcheck \(process \d+\) is writing into this directory now/);
      expect(hashes(dir)).toEqual(before);
    } finally {
      await first.kill();
    }
  });
});

describe('a SIGKILL at any point of a --force swap leaves a whole draw', () => {
  const setUp = async () => {
    const dir = tempDir();
    const out = join(dir, 'draw');
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'one', '--out', out])).status).toBe(0);
    return { dir, out, old: hashes(out) };
  };
  const seedOf = (out: string) =>
    (JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { parameters: { seed: string } }).parameters.seed;

  it('killed with the new draw staged: the old draw is in place; the next run sweeps the staged copy', async () => {
    const { dir, out, old } = await setUp();
    const run = await paused(
      ['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, '--force', ...REDRAW],
      'pause-before-rename',
    );
    // The new draw is staged beside the old one, which is untouched.
    expect(spotcheckEntries(dir)).toEqual([
      expect.stringMatching(new RegExp(`^\\.spotcheck-${run.pid}-[0-9a-f]{16}\\.new\\.draw\\.tmp$`)),
    ]);
    expect(hashes(out)).toEqual(old);
    await run.kill();
    expect(hashes(out)).toEqual(old);
    expect((await cli(['verify', out])).status).toBe(0);
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'three', '--out', out, '--force', ...REDRAW])).status).toBe(
      0,
    );
    expect(readdirSync(dir)).toEqual(['draw']);
    expect(seedOf(out)).toBe('three');
  });

  it('killed between the two renames: the next run puts the whole new draw in place before anything else', async () => {
    const { dir, out, old } = await setUp();
    const run = await paused(
      ['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, '--force', ...REDRAW],
      'pause-between-renames',
    );
    await run.kill();
    // The old draw whole under its clearly named sibling, the new one whole under the other.
    const siblings = spotcheckEntries(dir).sort();
    expect(siblings.map((name) => name.replace(/^\.spotcheck-\d+-[0-9a-f]{16}\./, '')).sort()).toEqual([
      'new.draw.tmp',
      'old.draw.tmp',
    ]);
    const oldSibling = join(dir, siblings.find((name) => name.includes('.old.'))!);
    expect(hashes(oldSibling)).toEqual(old);
    expect((await cli(['verify', oldSibling])).status).toBe(0);
    expect((await cli(['verify', join(dir, siblings.find((name) => name.includes('.new.'))!)])).status).toBe(0);
    // Any later draw into it (even one refused) first completes the swap.
    const refused = await cli(['monthly', DEMO, ...DRAW, '--seed', 'three', '--out', out]);
    expect(refused.status).toBe(2);
    expect(readdirSync(dir)).toEqual(['draw']);
    expect(seedOf(out)).toBe('two');
    expect((await cli(['verify', out])).status).toBe(0);
  });

  it("killed after the swap: the new draw is in place; the old one's sibling is swept by the next run", async () => {
    const { dir, out } = await setUp();
    const run = await paused(
      ['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, '--force', ...REDRAW],
      'pause-before-cleanup',
    );
    await run.kill();
    expect(seedOf(out)).toBe('two');
    expect((await cli(['verify', out])).status).toBe(0);
    expect(spotcheckEntries(dir).map((name) => name.replace(/^\.spotcheck-\d+-[0-9a-f]{16}\./, ''))).toEqual([
      'old.draw.tmp',
    ]);
    expect((await cli(['monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, '--force', ...REDRAW])).status).toBe(0);
    expect(readdirSync(dir)).toEqual(['draw']);
  });

  it('SIGINT between the two renames puts the old draw back', async () => {
    const { dir, out, old } = await setUp();
    const child = spawn(
      process.execPath,
      [BIN, 'monthly', DEMO, ...DRAW, '--seed', 'two', '--out', out, '--force', ...REDRAW],
      {
        env: { ...process.env, SPOTCHECK_FAILPOINT: 'pause-between-renames' },
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (data: Buffer) => data.toString().includes('failpoint: paused') && resolve()),
    );
    child.kill('SIGINT');
    expect(await new Promise((resolve) => child.once('exit', (code) => resolve(code)))).toBe(130);
    expect(hashes(out)).toEqual(old);
    expect(readdirSync(dir)).toEqual(['draw']);
    expect(statSync(out).isDirectory()).toBe(true);
  });
});
