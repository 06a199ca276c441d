/**
 * Issue 13, "done when": a property test drives random registries with hostile values — formula
 * starts, terminal escapes, resident IDs and mobile numbers in random columns, hostile headers,
 * shuffled columns and rows — through every output format of the built binary (plain CSV, CSV for
 * Excel, the check workbook, the public notice, --json, the terminal summary, verify and inspect)
 * and asserts: no cell of a spreadsheet file starts a formula, no unmasked ID or mobile number
 * anywhere, no raw escape on stdout or stderr, and every draw verifies.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isResidentId } from '../../src/core/personalText.js';
import { fragileNumber, startsFormula } from '../../src/core/spreadsheetText.js';
import { cli, DEMO, tempDir, type CliResult } from '../helpers.js';
import { mobile, residentId } from '../personalData.js';

const COUNTIES = ['峨山彝族自治县', '富宁县'];
const ESC = '\x1b';

/** The hostile values a cell may get: formula starts, escapes, IDs and phones alone or inside text. */
const hostileValue = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('=', '+', '-', '@', '\t', "'", "'="),
      fc.constantFrom('1+1', 'HYPERLINK("http://x.example","点此")', "cmd|' /C calc'!A0", 'SUM(A1:A9)', '村'),
    )
    .map(([start, rest]) => start + rest),
  fc.constantFrom(`${ESC}[31m红`, `${ESC}]0;pwned\x07`, '\u202e反向', `a${ESC}[2J`, '\x07\x08'),
  fc.nat().map((seed) => residentId(seed)),
  fc.nat().map((seed) => mobile(seed)),
  fc.nat().map((seed) => `户主电话${mobile(seed)}`),
  fc.nat().map((seed) => `证:${residentId(seed)}。`),
);

interface HostileRegistry {
  readonly text: string;
  /** Every resident ID and mobile number in the registry (none may leave unmasked). */
  readonly personal: readonly string[];
}

const demo = (() => {
  const [header, ...rows] = parse(readFileSync(DEMO, 'utf8'), { bom: true }) as string[][];
  return { header: header!, rows: rows.filter((row) => COUNTIES.includes(row[0]!)) };
})();

const quote = (cell: string) =>
  /[",\r\n]/.test(cell) || /^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;

/** The demo's rows of two counties, with hostile values planted, an extra column, columns and rows shuffled. */
const registryArbitrary = fc
  .record({
    villageNames: fc.array(hostileValue, { minLength: 1, maxLength: 4 }),
    householdIds: fc.array(fc.oneof(fc.nat().map(residentId), fc.constantFrom('=', '+', '@', '-')), {
      minLength: 1,
      maxLength: 8,
    }),
    cells: fc.array(fc.tuple(fc.constantFrom('自然村', '姓名', '证件号码', 'extra'), fc.nat(), hostileValue), {
      minLength: 1,
      maxLength: 30,
    }),
    extraHeader: fc.constantFrom('=cmd', `备注${ESC}[1m`, '@note', '联系电话', '户主身份证号码', 'note'),
    columnOrder: fc.array(fc.nat(), { minLength: 16, maxLength: 16 }),
    rowOrder: fc.nat(),
    /** Every household keyed by its head's ID number, as some exports do. */
    keyByHeadId: fc.boolean(),
  })
  .map(({ villageNames, householdIds, cells, extraHeader, columnOrder, rowOrder, keyByHeadId }): HostileRegistry => {
    const header = [...demo.header, extraHeader];
    const column = (name: string) => header.indexOf(name);
    const rows = demo.rows.map((row) => [...row, '']);
    // Rename some villages (every row of the village), re-key some households (every member).
    const villages = [...new Set(rows.map((row) => row[column('行政村')]!))];
    villageNames.forEach((name, index) => {
      const village = villages[(index * 7) % villages.length]!;
      for (const row of rows) if (row[column('行政村')] === village) row[column('行政村')] = `${name}${index}`;
    });
    if (keyByHeadId) {
      const headIds = new Map(
        rows
          .filter((row) => row[column('与户主关系')] === '户主')
          .map((row) => [row[column('户编号')]!, row[column('证件号码')]!]),
      );
      for (const row of rows) row[column('户编号')] = headIds.get(row[column('户编号')]!) ?? row[column('户编号')]!;
    }
    const households = [...new Set(rows.map((row) => row[column('户编号')]!))];
    householdIds.forEach((id, index) => {
      const household = households[(index * 13) % households.length]!;
      const replacement = id.length === 1 ? `${id}${household}` : id;
      for (const row of rows) if (row[column('户编号')] === household) row[column('户编号')] = replacement;
    });
    for (const [name, at, value] of cells)
      rows[at % rows.length]![name === 'extra' ? header.length - 1 : column(name)] = value;
    // Shuffle columns (a permutation from the random keys) and rows (a rotation and a reversal).
    const order = header
      .map((_, index) => index)
      .sort((a, b) => (columnOrder[a] ?? 0) - (columnOrder[b] ?? 0) || a - b);
    const rotated = [...rows.slice(rowOrder % rows.length), ...rows.slice(0, rowOrder % rows.length)];
    const shuffled = rowOrder % 2 === 0 ? rotated : rotated.reverse();
    const text = `${[order.map((index) => header[index]!), ...shuffled.map((row) => order.map((index) => row[index]!))].map((row) => row.map(quote).join(',')).join('\n')}\n`;
    const personal = new Set<string>();
    for (const match of text.matchAll(/(?<![0-9A-Za-z])(?:[0-9]{17}[0-9Xx]|1[3-9][0-9]{9})(?![0-9A-Za-z])/g)) {
      if (isResidentId(match[0]) || /^1[3-9][0-9]{9}$/.test(match[0])) personal.add(match[0]);
    }
    return { text, personal: [...personal] };
  });

function noRawControl(result: CliResult, what: string): void {
  const streams = result.stdout + result.stderr;
  expect(streams.includes(ESC), `raw ESC in ${what}`).toBe(false);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the test asserts no raw control character reaches the terminal
  const control = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/;
  expect(control.test(streams), `raw control character in ${what}`).toBe(false);
}

function noPersonal(text: string, personal: readonly string[], what: string): void {
  const leaked = personal.filter((value) => text.includes(value));
  expect(leaked, `unmasked ID or phone in ${what}`).toEqual([]);
}

/** The workbook's XML parts (sheets, shared strings, styles), via unzip. */
function workbookXml(path: string): string {
  const unzip = spawnSync('unzip', ['-p', path], { encoding: 'utf8', maxBuffer: 64 << 20 });
  expect(unzip.status, `unzip ${path}: ${unzip.stderr}`).toBe(0);
  return unzip.stdout;
}

function checkDrawFolder(dir: string, personal: readonly string[]): void {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (name.endsWith('.csv')) {
      const text = readFileSync(path, 'utf8');
      noPersonal(text, personal, name);
      const cells = (parse(text, { bom: true, relax_column_count: true }) as string[][]).flat();
      expect(cells.filter(startsFormula), `formula starts in ${name} (CSV for Excel)`).toEqual([]);
      // IDs and codes Excel would turn into numbers (5.30627E+15, a leading 0 dropped) stay text (§20).
      expect(cells.filter(fragileNumber), `bare long digits in ${name} (CSV for Excel)`).toEqual([]);
    } else if (name.endsWith('.xlsx')) {
      const xml = workbookXml(path);
      noPersonal(xml, personal, name);
      expect(xml, `a formula in ${name}`).not.toMatch(/<f[ >]/);
    } else {
      noPersonal(readFileSync(path, 'utf8'), personal, name);
    }
  }
}

describe('hostile registries through every output (property, built binary)', () => {
  it('monthly and evaluate: CSV for Excel, workbook, notice, JSON, summary, verify, inspect', async () => {
    const dir = tempDir('spotcheck-fuzz-');
    let run = 0;
    let drawn = 0;
    const result = await fc.check(
      fc.asyncProperty(registryArbitrary, async ({ text, personal }) => {
        run += 1;
        const registry = join(dir, `registry-${run}.csv`);
        writeFileSync(registry, text);
        const inspect = await cli(['inspect', registry]);
        noRawControl(inspect, 'inspect');
        noPersonal(inspect.stdout + inspect.stderr, personal, 'inspect');
        // A planted value may make the registry invalid (a household ID in two villages …): then the
        // refusal is what is checked, for escapes and IDs, and nothing is written.
        const out = join(dir, `monthly-${run}`);
        const notice = join(dir, `notice-${run}.html`);
        const monthly = await cli([
          'monthly',
          registry,
          '--month',
          '2026-11',
          '--seed',
          `fuzz-${run}`,
          '--level',
          'county',
          '--scope',
          '峨山彝族自治县',
          '--villages',
          '4',
          '--households',
          '3',
          '--spares',
          '1',
          '--village-frame',
          'all',
          '--excel',
          '--xlsx',
          '--notice',
          notice,
          '--out',
          out,
        ]);
        noRawControl(monthly, 'monthly');
        noPersonal(monthly.stdout + monthly.stderr, personal, 'the monthly summary');
        if (monthly.status !== 0) {
          expect(monthly.status, monthly.stderr).toBe(2);
          expect(existsSync(out)).toBe(false);
          return;
        }
        drawn += 1;
        checkDrawFolder(out, personal);
        noPersonal(readFileSync(notice, 'utf8'), personal, 'the notice');
        const verify = await cli(['verify', out, '--registry', registry]);
        expect(verify.status, verify.stdout + verify.stderr).toBe(0);
        noRawControl(verify, 'verify');
        noPersonal(verify.stdout + verify.stderr, personal, 'verify');
        const json = await cli([
          'monthly',
          registry,
          '--month',
          '2026-11',
          '--seed',
          `fuzz-${run}`,
          '--level',
          'county',
          '--scope',
          '峨山彝族自治县',
          '--villages',
          '4',
          '--households',
          '3',
          '--village-frame',
          'all',
          '--json',
        ]);
        expect(json.status, json.stderr).toBe(0);
        noRawControl(json, 'monthly --json');
        noPersonal(json.stdout + json.stderr, personal, 'monthly --json');
        const evaluation = join(dir, `evaluate-${run}`);
        const evaluate = await cli([
          'evaluate',
          registry,
          '--seed',
          `fuzz-${run}`,
          '--counties',
          '2',
          '--villages-per-county',
          '2',
          '--excel',
          '--xlsx',
          '--out',
          evaluation,
        ]);
        noRawControl(evaluate, 'evaluate');
        noPersonal(evaluate.stdout + evaluate.stderr, personal, 'the evaluate summary');
        expect(evaluate.status, evaluate.stderr).toBe(0);
        checkDrawFolder(evaluation, personal);
        const verifyEvaluation = await cli(['verify', evaluation, '--registry', registry]);
        expect(verifyEvaluation.status, verifyEvaluation.stdout + verifyEvaluation.stderr).toBe(0);
      }),
      {
        numRuns: Number(process.env.FUZZ_RUNS ?? 6),
        seed: Number(process.env.FUZZ_SEED ?? 20261202),
        endOnFailure: true,
      },
    );
    // The counterexample is a whole registry: report where it is on disk, not its text.
    if (result.failed)
      expect.fail(
        `run ${run} failed (registry ${join(dir, `registry-${run}.csv`)}; FUZZ_SEED=${result.seed} FUZZ_RUNS=${result.numRuns}): ${(result.errorInstance as Error)?.message}`,
      );
    // Most registries must draw, or the outputs would go untested.
    expect(drawn, `${drawn} of ${run} registries drew`).toBeGreaterThanOrEqual(Math.ceil(run / 2));
  }, 600_000);
});
