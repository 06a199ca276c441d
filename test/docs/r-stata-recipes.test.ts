/**
 * The R and Stata recipes of README.md (`spotcheck evaluate`, "R and Stata") and docs/evaluation.md
 * §5, executed as written (issue 17: the recipes gave wrong answers when followed — blanks counted
 * as 否, 16-digit household ids merged when read as numbers).
 *
 * R: the ```r blocks of each document run, verbatim and in order, in one Rscript in a directory where
 * the path their read.csv names holds a frame, on three frames: the example frame
 * (fixtures/eval-results.csv, SRS counties), a PPS draw on fixtures/eval-registry.csv, and an SRS
 * draw on the same registry with its first village of each township coded …200 (as real 村委会 codes
 * are), whose household ids 5301021012000001 … 0004 R turns into the same label when it reads them
 * as numbers. What the blocks print is compared with `spotcheck estimate --json` to 1e-9; a test-owned
 * epilogue then checks that every id column R holds is the frame's text, and that the full design's
 * weights are the frame's `weight` and its sample sizes the frame's counts, row by row. Live when
 * Rscript with the survey package is installed (.ci/run installs Debian's r-base-core and
 * r-cran-survey); skipped with a message otherwise.
 *
 * Stata cannot be installed here (proprietary): the ```stata blocks are checked without it — every
 * variable they name is a frame column whose heading `import delimited` keeps as its name, or one
 * they create; every column is read as text (stringcols(_all)); the weights and fpc are the columns
 * destring converts, and the ids and strata are not converted.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, ROOT, tempDir } from '../helpers.js';
import { rSurveyAvailable } from '../rKit.js';

const README = join(ROOT, 'README.md');
const EVALUATION = join(ROOT, 'docs', 'evaluation.md');
const EXAMPLE_FRAME = join(ROOT, 'fixtures', 'eval-results.csv');
const REGISTRY = join(ROOT, 'fixtures', 'eval-registry.csv');
const NONPOOR = join(ROOT, 'fixtures', 'eval-nonpoor.csv');
const MEASURE = '识别准确';

/** The text of a Markdown document's section from `heading` to the next heading of its level or higher. */
function section(text: string, heading: string): string {
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`no heading ${heading}`);
  const level = /^#+/.exec(heading)![0].length;
  const rest = text.slice(start + heading.length);
  const next = new RegExp(`^#{1,${level}} `, 'm').exec(rest);
  return text.slice(start, start + heading.length + (next ? next.index : rest.length));
}

/** The README's section of a command: from its `### \`spotcheck NAME\`` heading to the next command's (R comments start with "# "). */
function commandSection(text: string, command: string): string {
  const start = text.indexOf(`### \`spotcheck ${command}\``);
  if (start < 0) throw new Error(`no section for spotcheck ${command}`);
  const next = text.indexOf('\n### `spotcheck ', start + 1);
  return text.slice(start, next < 0 ? text.length : next);
}

/** The fenced code blocks of `language` in `text`, in order. */
function blocks(text: string, language: string): string[] {
  return [...text.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\``, 'gm'))].map((match) => match[1]!);
}

/**
 * Where the recipes are: the README's `spotcheck evaluate` section ("R and Stata") and evaluation.md
 * §5. (The estimate section's R lines for calibration are run by test/commands/estimate/calibration.test.ts.)
 */
const DOCUMENTS = [
  {
    name: 'README.md',
    text: commandSection(readFileSync(README, 'utf8'), 'evaluate'),
  },
  {
    name: 'docs/evaluation.md §5',
    text: section(readFileSync(EVALUATION, 'utf8'), '## 5. Analysis in R and Stata'),
  },
];

const hasR = rSurveyAvailable('test/docs/r-stata-recipes.test.ts', "the README's R recipes are NOT RUN");

/** 是 / 否 / blank from the household id's SHA-256 (about 5% blank, 70% 是): synthetic, deterministic. */
function syntheticAnswer(householdId: string): string {
  const byte = createHash('sha256').update(householdId).digest()[0]!;
  return byte < 12 ? '' : byte < 190 ? '是' : '否';
}

/** Adds the measure's column to a drawn frame.csv, answered by syntheticAnswer. */
function answered(frameCsv: string): string {
  const rows = parse(readFileSync(frameCsv, 'utf8'), { bom: true }) as string[][];
  const id = rows[0]!.indexOf('household_id');
  return stringify([[...rows[0]!, MEASURE], ...rows.slice(1).map((row) => [...row, syntheticAnswer(row[id]!)])]);
}

/**
 * The registry (or non-poor file) with each township's village …201 recoded …200, and its households'
 * ids with it: 16-digit ids such as 5301021012000001 that R writes back as 5.301021012e+15.
 */
function villagesCoded200(file: string): string {
  return readFileSync(file, 'utf8').replace(
    /^(\d{9})201(\d{4}),(.*),(\d{9})201,/gm,
    (_all, prefix: string, serial: string, middle: string, township: string) =>
      `${prefix}200${serial},${middle},${township}200,`,
  );
}

/** Draws an evaluation frame with `args` and returns its frame.csv with synthetic answers, as text. */
async function drawnFrame(args: readonly string[]): Promise<string> {
  const out = join(tempDir(), 'draw');
  const result = await cli(['evaluate', ...args, '--lang', 'en', '--out', out]);
  expect(result.status, result.stderr).toBe(0);
  return answered(join(out, 'frame.csv'));
}

interface Estimate {
  estimate: number;
  standardError: number;
  lower: number;
  upper: number;
}

/** spotcheck estimate --json on a frame: "all" and each household stratum. */
async function spotcheckEstimates(frameCsv: string): Promise<Map<string, Estimate>> {
  const result = await cli(['estimate', frameCsv, '--measure', `${MEASURE}=是`, '--by', 'household_stratum', '--json']);
  expect(result.status, result.stderr).toBe(0);
  const json = JSON.parse(result.stdout) as {
    measures: Array<{
      estimates: Array<{
        domain: string;
        estimate: number;
        standard_error: number;
        ci_lower: number;
        ci_upper: number;
      }>;
    }>;
  };
  return new Map(
    json.measures[0]!.estimates.map((row) => [
      row.domain,
      { estimate: row.estimate, standardError: row.standard_error, lower: row.ci_lower, upper: row.ci_upper },
    ]),
  );
}

const BLOCK_MARK = '@@block';

/**
 * Checks run after the recipe, in the same R session (not part of the recipe): each id column R
 * holds is the frame's text, cell by cell; the full design's weights are the frame's `weight` and
 * its sample sizes per stage the frame's counts drawn.
 */
const EPILOGUE = `
cat("\\n@@epilogue\\n")
raw <- read.csv(frame_path_for_test, encoding = "UTF-8", colClasses = "character", na.strings = character(0), check.names = FALSE)
id_columns <- grep("(_code|_key|_id)$", names(raw), value = TRUE)
for (column in id_columns) {
  held <- frame[[column]]
  ok <- is.character(held) && identical(ifelse(is.na(held), "", held), raw[[column]])
  cat("@@id", column, if (ok) "text" else "NOT-TEXT", "\\n")
}
if (exists("full")) {
  cat("@@weights", sprintf("%.17g", max(abs(weights(full) / as.numeric(raw$weight) - 1))), "\\n")
  drawn <- cbind(as.numeric(raw$counties_drawn), as.numeric(raw$villages_drawn), as.numeric(raw$households_drawn))
  cat("@@sample-size-mismatches", sum(full$fpc$sampsize != drawn), "\\n")
}
`;

interface RecipeRun {
  /** What each block printed (block k at index k). */
  printed: string[];
  epilogue: string;
}

/** Runs a document's R blocks, verbatim and in order, in `cwd` (where their frame path exists), then the epilogue. */
function runRecipe(rBlocks: readonly string[], cwd: string, framePath: string): RecipeRun {
  const script = [
    `frame_path_for_test <- ${JSON.stringify(framePath)}`,
    ...rBlocks.map((block, index) => `cat("\\n${BLOCK_MARK} ${index}\\n")\n${block}`),
    EPILOGUE,
  ].join('\n');
  const scriptFile = join(tempDir(), 'recipe.R');
  writeFileSync(scriptFile, script);
  const run = spawnSync('Rscript', [scriptFile], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
  expect(run.status, `Rscript failed:\n${run.stderr}`).toBe(0);
  const [recipeOutput, epilogue] = run.stdout.split('\n@@epilogue\n');
  const printed = recipeOutput!.split(new RegExp(`\\n${BLOCK_MARK} \\d+\\n`)).slice(1);
  return { printed, epilogue: epilogue ?? '' };
}

/** The rows `report()` printed: label, estimate, SE, lower, upper. */
function printedRows(printed: string): Array<{ label: string; numbers: number[] }> {
  const number = String.raw`-?\d+(?:\.\d+)?(?:e[-+]?\d+)?`;
  const row = new RegExp(`^(\\S+)((?:\\s+${number}){4})\\s*$`);
  return printed
    .split('\n')
    .map((line) => row.exec(line))
    .filter((match) => match !== null)
    .map((match) => ({ label: match[1]!, numbers: match[2]!.trim().split(/\s+/).map(Number) }));
}

interface Frame {
  name: string;
  csv: () => Promise<string>;
}

const FRAMES: Frame[] = [
  { name: 'the example frame (SRS counties)', csv: async () => readFileSync(EXAMPLE_FRAME, 'utf8') },
  {
    name: 'a PPS draw',
    csv: () => drawnFrame([REGISTRY, '--nonpoor', NONPOOR, '--seed', '2026 第三方评估', '--county-selection', 'pps']),
  },
  {
    name: 'an SRS draw whose household ids collide as numbers (villages coded …200)',
    csv: async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'registry.csv'), villagesCoded200(REGISTRY));
      writeFileSync(join(dir, 'nonpoor.csv'), villagesCoded200(NONPOOR));
      return drawnFrame([join(dir, 'registry.csv'), '--nonpoor', join(dir, 'nonpoor.csv'), '--seed', 'v3']);
    },
  },
];

const R_DOCUMENTS = DOCUMENTS.filter((document) => blocks(document.text, 'r').length > 0);

describe('the README’s R recipes', () => {
  it('exist, name the frame they read and print with report()', () => {
    // The README's are the evaluate section's; evaluation.md §5 may add its own (run the same way).
    expect(blocks(DOCUMENTS[0]!.text, 'r').length).toBeGreaterThanOrEqual(2);
    for (const document of R_DOCUMENTS)
      expect(blocks(document.text, 'r')[0], document.name).toMatch(/read\.csv\("[^"]+"/);
  });

  describe.skipIf(!hasR).each(FRAMES)('on $name', (frame) => {
    let frameCsv = '';
    let expected = new Map<string, Estimate>();
    beforeAll(async () => {
      frameCsv = await frame.csv();
      const file = join(tempDir(), 'frame.csv');
      writeFileSync(file, frameCsv);
      expected = await spotcheckEstimates(file);
    });

    it.each(R_DOCUMENTS)(
      '$name: prints spotcheck estimate’s numbers; ids stay text; the full design gives the frame’s weights',
      (document) => {
        const rBlocks = blocks(document.text, 'r');
        const framePath = /read\.csv\("([^"]+)"/.exec(rBlocks[0]!)![1]!;
        const cwd = tempDir();
        mkdirSync(dirname(join(cwd, framePath)), { recursive: true });
        writeFileSync(join(cwd, framePath), frameCsv);
        const { printed, epilogue } = runRecipe(rBlocks, cwd, framePath);
        expect(printed).toHaveLength(rBlocks.length);

        for (const [index, block] of rBlocks.entries()) {
          const rows = printedRows(printed[index]!);
          expect(
            rows.length,
            `block ${index + 1} of ${document.name} prints no estimate:\n${printed[index]}`,
          ).toBeGreaterThan(0);
          const fullDesign = /nest = TRUE/.test(block);
          const seen = new Set<string>();
          for (const { label, numbers } of rows) {
            const domain = label === 'accurate' ? 'all' : label;
            const ours = expected.get(domain);
            expect(ours, `block ${index + 1} prints a row "${label}" spotcheck has no domain for`).toBeDefined();
            seen.add(domain);
            // The full three-stage design has the same estimate; its SE is another design's.
            const compared = fullDesign
              ? [[numbers[0]!, ours!.estimate]]
              : [
                  [numbers[0]!, ours!.estimate],
                  [numbers[1]!, ours!.standardError],
                  [numbers[2]!, ours!.lower],
                  [numbers[3]!, ours!.upper],
                ];
            for (const [theirs, mine] of compared)
              expect(
                Math.abs(theirs! - mine!),
                `block ${index + 1}, ${label}: R ${theirs} vs spotcheck ${mine}`,
              ).toBeLessThan(1e-9);
          }
          // spotcheck's design: every domain estimate prints (all, poor, exited, nonpoor).
          if (!fullDesign) expect([...seen].sort(), `block ${index + 1}`).toEqual([...expected.keys()].sort());
        }

        // Every id column R holds is the frame's text (a number loses ids and leading zeros).
        const ids = [...epilogue.matchAll(/^@@id (\S+) (\S+)/gm)].map((match) => [match[1], match[2]]);
        expect(ids.map(([column]) => column)).toEqual(
          expect.arrayContaining(['county_code', 'village_key', 'household_id', 'household_stratum_key']),
        );
        expect(
          ids.filter(([, kind]) => kind !== 'text'),
          'id columns R did not keep as the frame’s text',
        ).toEqual([]);

        // The full design: its weights are 1/probability of every row, its stage sample sizes the frame's.
        const weights = /^@@weights (\S+)/m.exec(epilogue);
        expect(weights, 'the recipe defines no full design `full`').not.toBeNull();
        expect(
          Number(weights![1]),
          'largest relative difference of weights(full) from the frame’s weight',
        ).toBeLessThan(1e-12);
        expect(/^@@sample-size-mismatches (\d+)/m.exec(epilogue)![1], 'sample sizes that are not the frame’s').toBe(
          '0',
        );
      },
    );
  });
});

/**
 * Stata 14+ variable names (Stata User's Guide [U] 11.3, help varname): 1 to 32 Unicode letters,
 * digits or "_", beginning with a letter or "_". `import delimited` lower-cases headings (its
 * default case(lower)), drops the characters a name cannot hold, and names a column v# (its
 * position) when that leaves no valid new name.
 */
function stataName(heading: string, position: number, taken: ReadonlySet<string>): string {
  const name = heading.toLowerCase().replace(/[^\p{L}\p{N}_]/gu, '');
  return /^[\p{L}_][\p{L}\p{N}_]{0,31}$/u.test(name) && !taken.has(name) ? name : `v${position}`;
}

/** The frame's columns as `import delimited` names them, heading → name. */
function stataNames(header: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const [index, heading] of header.entries()) {
    const name = stataName(heading, index + 1, taken);
    taken.add(name);
    names.set(heading, name);
  }
  return names;
}

/** Stata's words in the recipes (commands, options, option values): anything else is a variable. */
const STATA_WORDS = new Set(
  'import delimited using encoding stringcols _all clear destring replace generate if svyset pweight strata singleunit centered fpc svy mean over proportion cond'.split(
    ' ',
  ),
);

/** A Stata block as statements: comments dropped, /// continuations joined. */
function stataStatements(block: string): string[] {
  return block
    .replace(/\s*\/\/\/[^\n]*\n\s*/g, ' ')
    .split('\n')
    .map((line) => line.replace(/\s\/\/ .*$/, '').trim())
    .filter((line) => line !== '' && !line.startsWith('*'));
}

describe('the Stata recipes (checked without Stata)', () => {
  const header = (parse(readFileSync(EXAMPLE_FRAME, 'utf8'), { to: 1 }) as string[][])[0]!;
  const names = stataNames(header);
  const stataBlocks = DOCUMENTS.flatMap((document) =>
    blocks(document.text, 'stata').map((block, index) => ({
      where: `${document.name} stata block ${index + 1}`,
      block,
    })),
  );

  it('import delimited (as docs/evaluation.md §5 states its rule) renames registry:… columns and keeps the design columns’ names', () => {
    expect(names.get('registry:household_id')).toBe('registryhousehold_id');
    expect(names.get('registry:county_code')).toBe('registrycounty_code');
    for (const column of ['county_code', 'village_key', 'household_id', 'household_stratum_key', 'weight', MEASURE])
      expect(names.get(column)).toBe(column);
  });

  it.each(stataBlocks)(
    '$where: names only frame columns (as import delimited names them) or ones it creates',
    ({ block }) => {
      const statements = stataStatements(block);
      const created = new Set(
        statements.flatMap(
          (statement) => /^generate\s+(?:\w+\s+)?([\p{L}_][\p{L}\p{N}_]*)\s*=/u.exec(statement)?.[1] ?? [],
        ),
      );
      // Only headings import delimited keeps as they are (already valid lower-case names): the recipes
      // must not depend on how it renames the others.
      const columns = new Set(header.filter((heading) => names.get(heading) === heading));
      for (const statement of statements) {
        const words = statement.replace(/"[^"]*"/g, ' ').match(/[\p{L}_][\p{L}\p{N}_]*/gu) ?? [];
        for (const word of words.filter((word) => !STATA_WORDS.has(word)))
          expect(columns.has(word) || created.has(word), `"${word}" in: ${statement}`).toBe(true);
      }
    },
  );

  it.each(stataBlocks)(
    '$where: reads every column as text; destrings the weights and fpc, never the ids or strata',
    ({ block }) => {
      const statements = stataStatements(block);
      const imports = statements.filter((statement) => statement.startsWith('import delimited'));
      const destringed = new Set(
        statements.flatMap((statement) => /^destring\s+([^,]+),/.exec(statement)?.[1]?.trim().split(/\s+/) ?? []),
      );
      for (const statement of imports) expect(statement).toMatch(/stringcols\(_all\)/);
      for (const statement of statements.filter((statement) => statement.startsWith('svyset'))) {
        const numbers = [...statement.matchAll(/(?:pweight\s*=\s*|fpc\()([\p{L}_][\p{L}\p{N}_]*)/gu)].map(
          (match) => match[1]!,
        );
        const identifiers = [...statement.matchAll(/(?:^svyset\s+|\|\|\s*|strata\()([\p{L}_][\p{L}\p{N}_]*)/gu)].map(
          (match) => match[1]!,
        );
        for (const name of numbers)
          expect(destringed.has(name), `${name} (a number svyset uses) is not destringed`).toBe(true);
        for (const name of identifiers)
          expect(destringed.has(name), `${name} (an id or stratum) is destringed`).toBe(false);
        expect(statement).toMatch(/singleunit\(centered\)/);
      }
    },
  );
});
