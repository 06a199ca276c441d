/**
 * Issue 13, "hostile values", end to end on the built binary: control characters from files reach
 * the terminal escaped, values in messages are cut, plan files cannot reach a prototype and announce
 * reveal_ids, resource bombs (deep JSON, /dev/zero, FIFOs, huge fields) end in exit 2 quickly, verify
 * follows only relative recorded paths and never quotes a file that is not the recorded one, and
 * sql --table cannot end its SQL comment.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliProcess } from './cliProcess.js';
import type { ForgedJson } from './forgedJson.js';
import { cli, DEMO, ROOT, tempDir, type CliResult } from './helpers.js';

const ESC = '\x1b';
const DRAW = ['monthly', DEMO, '--month', '2026-11', '--seed', 'hostile'];

/** A real process for the runs that could block or blow up (FIFOs, devices, a 20 MB field), reused between runs. */
const guarded = new CliProcess({
  ...process.env,
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  LANG: 'C.UTF-8',
  LC_ALL: '',
  LC_MESSAGES: '',
});
afterAll(() => guarded.stop());

/** The CLI with a time limit, in that process: a hang is a failure (the process killed), not a stuck test run. */
async function timed(
  args: readonly string[],
  seconds = 20,
  cwd = ROOT,
): Promise<CliResult & { signal: string | null }> {
  const result = await guarded.run(args, cwd, seconds);
  return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

/**
 * The CLI in-process, for inputs that cannot block it (no FIFO, no device, no memory bomb): as with
 * `timed`, a run longer than `seconds` fails.
 */
async function quick(args: readonly string[], seconds = 20): Promise<CliResult> {
  const started = Date.now();
  const result = await cli(args);
  expect(Date.now() - started, args.join(' ')).toBeLessThan(seconds * 1000);
  return result;
}

const demoLines = (): string[] =>
  readFileSync(DEMO, 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .filter((line) => line !== '');

/** The demo registry with `edit` applied to its header and rows. */
function hostileRegistry(dir: string, edit: (header: string, rows: string[]) => [string, string[]]): string {
  const [header, ...rows] = demoLines();
  const [newHeader, newRows] = edit(header!, rows);
  const path = join(dir, 'registry.csv');
  writeFileSync(path, `${[newHeader, ...newRows].join('\n')}\n`);
  return path;
}

const noRawEscape = (result: CliResult) => {
  expect(result.stdout.includes(ESC), 'raw ESC on stdout').toBe(false);
  expect(result.stderr.includes(ESC), 'raw ESC on stderr').toBe(false);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test asserts no raw control character reaches the terminal
  expect(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(result.stdout + result.stderr), 'raw control character').toBe(false);
};

describe('terminal escapes are shown, never obeyed', () => {
  it('a village name with an escape sequence: summary, inspect and JSON carry it escaped', async () => {
    const dir = tempDir();
    const registry = hostileRegistry(dir, (header, rows) => [
      header,
      rows.map((row) => row.replaceAll('弥鹤村', `弥鹤村${ESC}]0;pwned\x07${ESC}[2J`)),
    ]);
    for (const args of [
      ['inspect', registry],
      ['monthly', registry, '--month', '2026-11', '--seed', 'hostile'],
      ['monthly', registry, '--month', '2026-11', '--seed', 'hostile', '--json'],
    ]) {
      const result = await cli(args);
      expect(result.status, result.stderr).toBeLessThan(2);
      noRawEscape(result);
    }
    const json = await cli([
      'monthly',
      registry,
      '--month',
      '2026-11',
      '--seed',
      'hostile',
      '--level',
      'county',
      '--scope',
      '峨山彝族自治县',
      '--villages',
      '50',
      '--json',
    ]);
    expect(json.status, json.stderr).toBe(0);
    noRawEscape(json);
    expect(() => JSON.parse(json.stdout)).not.toThrow();
  });

  it('an escape in a header name and in a status value reaches the error message escaped', async () => {
    const dir = tempDir();
    const badHeader = hostileRegistry(dir, (header, rows) => [header.replace('脱贫属性', `脱贫属性${ESC}[31m`), rows]);
    const header = await cli(['inspect', badHeader]);
    expect(header.status).toBe(2);
    noRawEscape(header);
    expect(header.stderr).toContain('\\u001b[31m');
    const badStatus = hostileRegistry(dir, (head, rows) => [
      head,
      rows.map((row, index) => (index === 2 ? row.replace('已脱贫', `已脱贫${ESC}[2J${ESC}[H\r`) : row)),
    ]);
    const status = await cli([...DRAW.slice(0, 1), badStatus, ...DRAW.slice(2)]);
    expect(status.status).toBe(2);
    noRawEscape(status);
    expect(status.stderr).toMatch(/unknown status/);
  });

  it('a file name with control characters is printed escaped', async () => {
    const dir = tempDir();
    const name = join(dir, `reg${ESC}[31m\r.csv`);
    writeFileSync(name, 'a,b\n1,2\n');
    const result = await cli(['inspect', name]);
    expect(result.status).toBe(2);
    noRawEscape(result);
  });
});

describe('values in messages are cut to a short prefix', () => {
  it('a 10 KB status value is quoted as 80 characters and "…"', async () => {
    const dir = tempDir();
    const long = 'x'.repeat(10_000);
    const registry = hostileRegistry(dir, (header, rows) => [
      header,
      rows.map((row, index) => (index === 2 ? row.replace('已脱贫', long) : row)),
    ]);
    const result = await cli([...DRAW.slice(0, 1), registry, ...DRAW.slice(2)]);
    expect(result.status).toBe(2);
    expect(result.stderr).not.toContain('x'.repeat(81));
    expect(result.stderr).toContain(`${'x'.repeat(80)}…`);
    expect(result.stderr.length).toBeLessThan(2000);
    const json = await cli([...DRAW.slice(0, 1), registry, ...DRAW.slice(2), '--json']);
    expect(json.stdout).not.toContain('x'.repeat(81));
  });
});

describe('plan files', () => {
  it('__proto__, constructor and prototype keys are refused at any depth, naming the key', async () => {
    const dir = tempDir();
    const cases: Array<[string, string]> = [
      ['{"__proto__": {"excel": true}}', '__proto__'],
      ['{"monthly": {"constructor": {"prototype": {"x": 1}}}}', 'prototype'],
      ['{"constructor": 1}', 'constructor'],
      ['{"columns": {"__proto__": "户号"}}', '__proto__'],
    ];
    for (const [content, key] of cases) {
      writeFileSync(join(dir, 'plan.json'), content);
      const result = await cli([...DRAW, '--plan', join(dir, 'plan.json')]);
      expect(result.status, content).toBe(2);
      expect(result.stderr, content).toMatch(/^spotcheck: error: .*plan\.json: /);
      expect(result.stderr, content).toContain(`"${key}"`);
      expect(result.stdout).toBe('');
    }
  });

  it('a plan that sets reveal_ids is announced on stderr, in the summary and in --json', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), JSON.stringify({ reveal_ids: true }));
    const result = await cli([...DRAW, '--plan', join(dir, 'plan.json'), '--out', join(dir, 'draw')]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stderr).toMatch(/warning: the plan file .*plan\.json sets reveal_ids/);
    expect(result.stdout).toMatch(/ID numbers not masked: reveal_ids set by the plan file .*plan\.json/);
    const json = await cli([...DRAW, '--plan', join(dir, 'plan.json'), '--json']);
    expect(json.status, json.stderr).toBe(0);
    expect(json.stderr).toMatch(/sets reveal_ids/);
    expect(JSON.parse(json.stdout).ids_revealed_by_plan).toMatch(/plan\.json$/);
    // Chosen on the command line, it is the user's own choice: no warning.
    const flag = await cli([...DRAW, '--plan', join(dir, 'plan.json'), '--reveal-ids']);
    expect(flag.stderr).toBe('');
  });
});

describe('resource bombs end in exit 2 quickly', () => {
  const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;

  it('deeply nested JSON in a manifest, a plan, a ledger line and a commitment', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'manifest.json'), `{"format": ${deep(200_000)}}`);
    const manifest = await quick(['verify', join(dir, 'manifest.json')]);
    expect(manifest.status, manifest.stderr).toBe(2);
    expect(manifest.stderr).toMatch(/nested more than 64 levels/);
    writeFileSync(join(dir, 'plan.json'), `{"monthly": ${deep(200_000)}}`);
    const plan = await quick([...DRAW, '--plan', join(dir, 'plan.json')]);
    expect(plan.status, plan.stderr).toBe(2);
    expect(plan.stderr).toMatch(/nested more than 64 levels/);
    writeFileSync(join(dir, 'ledger.jsonl'), `{"format": ${deep(200_000)}}\n`);
    const ledger = await quick([...DRAW, '--ledger', join(dir, 'ledger.jsonl'), '--out', join(dir, 'draw')]);
    expect(ledger.status, ledger.stderr).toBe(2);
    expect(existsSync(join(dir, 'draw'))).toBe(false);
    writeFileSync(join(dir, 'commitment.json'), `{"format": ${deep(200_000)}}`);
    const commitment = await quick([...DRAW, '--commitment', join(dir, 'commitment.json')]);
    expect(commitment.status, commitment.stderr).toBe(2);
    expect(commitment.stderr).toMatch(/nested more than 64 levels/);
  });

  it('a plan over 1 MiB is refused', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.json'), `{"description": "${'x'.repeat(2 * 1024 * 1024)}"}`);
    const result = await quick([...DRAW, '--plan', join(dir, 'plan.json')]);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/file too large/);
  });

  it('a manifest, --exclude, --history or a plan at /dev/zero or a FIFO: exit 2 within seconds', async () => {
    const dir = tempDir();
    execFileSync('mkfifo', [join(dir, 'fifo.json')]);
    mkdirSync(join(dir, 'history', 'draw'), { recursive: true });
    execFileSync('mkfifo', [join(dir, 'history', 'draw', 'manifest.json')]);
    const attempts: string[][] = [
      ['verify', '/dev/zero'],
      ['verify', join(dir, 'fifo.json')],
      [...DRAW, '--exclude', '/dev/zero'],
      [...DRAW, '--exclude', join(dir, 'fifo.json')],
      [...DRAW, '--plan', '/dev/zero'],
      [...DRAW, '--plan', join(dir, 'fifo.json')],
      [...DRAW, '--history', join(dir, 'history'), '--cooldown', '3'],
      [...DRAW, '--commitment', '/dev/zero'],
      [...DRAW, '--ledger', '/dev/zero'],
    ];
    for (const args of attempts) {
      const started = Date.now();
      const result = await timed(args, 15);
      expect(result.signal, args.join(' ')).toBeNull();
      expect(result.status, `${args.join(' ')}\n${result.stderr}`).toBe(2);
      expect(result.stderr, args.join(' ')).toMatch(/not a regular file/);
      expect(Date.now() - started).toBeLessThan(15_000);
    }
  });

  it('a registry with a 20 MB field: exit 2, in bounded memory', async () => {
    const dir = tempDir();
    const registry = hostileRegistry(dir, (header, rows) => [
      header,
      rows.map((row, index) => (index === 0 ? row.replace('已脱贫', `"${'y'.repeat(20 * 1024 * 1024)}"`) : row)),
    ]);
    const result = await timed(['inspect', registry], 60);
    expect(result.status, result.stderr.slice(0, 500)).toBe(2);
    expect(result.stderr).toMatch(/longer than 1048576 characters/);
    expect(result.stderr.length).toBeLessThan(2000);
  });
});

describe('verify reads only what the draw names', () => {
  /** A real draw whose manifest is then edited (and its hash recomputed, as an attacker would). */
  async function craftedDraw(edit: (manifest: ForgedJson) => void): Promise<string> {
    const dir = tempDir();
    const draw = join(dir, 'draw');
    const made = await cli([...DRAW, '--out', draw]);
    expect(made.status, made.stderr).toBe(0);
    const { manifestDigest } = await import(join(ROOT, 'dist', 'core', 'manifest.js'));
    const manifest = JSON.parse(readFileSync(join(draw, 'manifest.json'), 'utf8'));
    edit(manifest);
    manifest.manifest_sha256 = manifestDigest(manifest);
    writeFileSync(join(draw, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
    return draw;
  }

  it('an absolute recorded path is refused', async () => {
    const draw = await craftedDraw((manifest) => {
      manifest.inputs[0].path = '/dev/zero';
    });
    const result = await timed(['verify', draw]);
    expect(result.status, result.stderr).toBe(2);
    expect(result.stderr).toMatch(/verify follows only relative paths/);
  });

  it('a recorded path to a FIFO is refused, not waited on', async () => {
    const draw = await craftedDraw((manifest) => {
      manifest.inputs[0].path = 'fifo.csv';
    });
    execFileSync('mkfifo', [join(draw, 'fifo.csv')]);
    const result = await timed(['verify', draw]);
    expect(result.signal).toBeNull();
    expect(result.status, result.stderr).toBe(2);
  });

  it('a division table that is not the recorded one is never parsed nor quoted', async () => {
    const secret = 'SECRET-FIRST-LINE-do-not-print';
    const draw = await craftedDraw((manifest) => {
      manifest.divisions.path = 'secret.txt';
    });
    writeFileSync(join(draw, 'secret.txt'), `${secret}\nmore\n`);
    const result = await quick(['verify', draw]);
    expect(result.status).toBe(1);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });

  it('an exclusion list that is not the recorded one is never parsed nor quoted', async () => {
    const secret = 'SECRET-HEADER-do-not-print';
    const draw = await craftedDraw((manifest) => {
      manifest.exclusions = {
        sources: [{ path: 'secret.csv', sha256: '0'.repeat(64), stages: ['household'], reason: 'exclude' }],
      };
    });
    writeFileSync(join(draw, 'secret.csv'), `${secret},x\n1,2\n`);
    const result = await quick(['verify', draw]);
    expect(result.stdout + result.stderr).not.toContain(secret);
  });
});

describe('sql --table', () => {
  it('a table name with a newline or another control character is refused', async () => {
    for (const name of ['registry\nDROP TABLE x; --', 'reg\rx', `reg${ESC}[2J`]) {
      const result = await cli(['sql', '--dialect', 'duckdb', '--table', name]);
      expect(result.status, name).toBe(2);
      expect(result.stderr).toMatch(/--table must not contain control characters/);
      noRawEscape(result);
    }
    const nonpoor = await cli(['sql', '--dialect', 'duckdb', '--mode', 'evaluate', '--nonpoor-table', 'np\nx']);
    expect(nonpoor.status).toBe(2);
  });
});

describe('docs/check_draw.py shows what it finds, never obeys it', () => {
  it.skipIf(spawnSync('python3', ['--version']).status !== 0)(
    'escapes in an edited draw file reach its output escaped (exit 1)',
    async () => {
      const dir = tempDir();
      const out = join(dir, 'draw');
      expect((await cli([...DRAW, '--out', out])).status).toBe(0);
      const path = join(out, 'households.csv');
      const lines = readFileSync(path, 'utf8').split('\n');
      const cells = lines[1]!.split(',');
      cells[cells.length - 8] = `刀${ESC}]0;pwned\x07${ESC}[2J\u202e明海\x9b`;
      lines[1] = cells.join(',');
      writeFileSync(path, lines.join('\n'));
      const checked = spawnSync(
        'python3',
        [join(ROOT, 'docs', 'check_draw.py'), join(out, 'manifest.json'), '--registry', DEMO],
        { encoding: 'utf8' },
      );
      expect(checked.status).toBe(1);
      expect(checked.stdout).toContain('\\u001b]0;pwned');
      noRawEscape({ status: checked.status ?? -1, stdout: checked.stdout, stderr: checked.stderr });
    },
  );
});
