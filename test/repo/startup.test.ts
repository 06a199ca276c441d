/**
 * Start-up (issue 16): `--version` and the help load no command's run code and none of the heavy
 * packages, each only on the path that uses it. A check of which modules load (test/loadedModules.mjs
 * logs them), not of time: the time is a benchmark (bench/startup.mjs).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Command, Help } from 'commander';
import { describe, expect, it } from 'vitest';
import { cli, DEMO, ROOT, tempDir } from '../helpers.js';

/** The modules `node bin/spotcheck ARGS` loads, as paths under the repository or node_modules/PACKAGE/…. */
function modulesLoaded(args: readonly string[]): string[] {
  const log = join(tempDir(), 'loaded.txt');
  const result = spawnSync(
    process.execPath,
    ['--import', join(ROOT, 'test/loadedModules.mjs'), join(ROOT, 'bin/spotcheck'), ...args],
    { cwd: ROOT, encoding: 'utf8', env: { ...process.env, SPOTCHECK_LOADED_LOG: log, LANG: 'C' } },
  );
  expect(result.status, result.stderr).toBe(0);
  return readFileSync(log, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) =>
      decodeURI(line.replace(/^(esm|cjs) (file:\/\/)?/, ''))
        .replace(/^.*\/node_modules\//, 'node_modules/')
        .replace(`${ROOT}/`, ''),
    );
}

/** Packages only some commands need: a draw's CSV, GB18030, workbooks, the generator, the progress bar, colour. */
const HEAVY = ['exceljs', 'csv-parse', 'csv-stringify', 'iconv-lite', 'seedrandom', 'cli-progress', 'chalk'];
const heavy = (modules: readonly string[]) =>
  HEAVY.filter((name) => modules.some((module) => module.startsWith(`node_modules/${name}/`)));
/**
 * What a command's help may load of src/io/: the names and defaults its options show (io/defaults.ts),
 * the exclusion stages' shapes, and the commitment reader --commitment checks with (and its bounded read).
 */
const HELP_IO = ['dist/io/commitment.js', 'dist/io/defaults.js', 'dist/io/exclusionSources.js', 'dist/io/safeRead.js'];
/** Modules a draw loads and the help no longer does (issue 16): the readers, writers, notices, SQL and the frame. */
const NOT_FOR_HELP = [
  'dist/commands/_shared/drawRun.js',
  'dist/core/frame.js',
  'dist/core/sql/index.js',
  'dist/io/output.js',
  'dist/io/plan.js',
  'dist/io/drawVerifier.js',
  'dist/render/notices.js',
];

/**
 * What a draw without a workbook registry, --xlsx, --notice or --ledger does not load: the workbook
 * reader and writer, the notice's modules, the ledger's.
 */
const NOT_FOR_A_PLAIN_DRAW =
  /^dist\/(io\/(xlsx|workbook|ledger)|core\/ledger|render\/(notice|commitNotice)|commands\/(_shared\/workbookForm|monthly\/notice))/;

/** A command's run code: what its action loads (action.ts, run.ts, summary.ts, notice.ts, verify's checks). */
const RUN_CODE = /^dist\/commands\/(?!_shared\/)[^/]+\/(?!index\.js$|spec\.js$)[^/]+$/;

describe('start-up loads only what the command needs', () => {
  it("--version loads no command, no catalogue, no package; the root help only the commands' heads; a command's help its options, none of their run code", () => {
    const version = modulesLoaded(['--version']);
    expect(version).toContain('dist/version.js');
    expect(version.filter((module) => module.startsWith('dist/') && module !== 'dist/version.js')).toEqual([]);
    expect(heavy(version)).toEqual([]);

    const help = modulesLoaded(['--help']);
    // The log sees both loaders: ES modules (src/commands/heads.ts) and require() (commander's CommonJS).
    expect(help).toContain('node_modules/commander/index.js');
    // The root help lists the commands from their heads: no command's module, no spec, no io/.
    expect(help.filter((module) => module.startsWith('dist/commands/'))).toEqual(['dist/commands/heads.js']);
    expect(help.filter((module) => /^dist\/(io|render)\//.test(module))).toEqual([]);
    expect(heavy(help)).toEqual([]);

    const monthlyHelp = modulesLoaded(['monthly', '--help']);
    expect(monthlyHelp).toContain('dist/commands/monthly/index.js');
    expect(monthlyHelp.filter((module) => /^dist\/commands\/(?!monthly\/|_shared\/|heads\.js$)/.test(module))).toEqual(
      [],
    );
    expect(heavy(monthlyHelp)).toEqual([]);
    expect(monthlyHelp.filter((module) => RUN_CODE.test(module))).toEqual([]);
    expect(monthlyHelp.filter((module) => module.startsWith('dist/io/')).sort()).toEqual(HELP_IO);
    expect(monthlyHelp.filter((module) => NOT_FOR_HELP.includes(module))).toEqual([]);
  });

  it("each command's head (what the root help lists) is the command's own name, summary, description, arguments and options", async () => {
    const cli = (await import(pathToFileURL(join(ROOT, 'dist/cli.js')).href)) as typeof import('../../src/cli.js');
    const heads = (await import(
      pathToFileURL(join(ROOT, 'dist/commands/heads.js')).href
    )) as typeof import('../../src/commands/heads.js');
    const listed = (await cli.buildProgram(['--help'])).commands;
    expect(listed.map((command) => command.name())).toEqual(heads.COMMAND_NAMES);
    const facts = (command: Command) => ({
      name: command.name(),
      summary: command.summary(),
      description: command.description(),
      arguments: command.registeredArguments.map((argument) => [argument.name(), argument.description]),
    });
    for (const name of heads.COMMAND_NAMES) {
      const [full] = (await cli.buildProgram([name])).commands;
      const head = listed.find((command) => command.name() === name)!;
      expect(facts(head)).toEqual(facts(full!));
      // The root help's term from the head is commander's own term of the full command (" [options]" with its options).
      expect(heads.headTerm(name)).toBe(new Help().subcommandTerm(full!));
    }
  });

  it("a demo draw, uncoloured and with the bundled divisions, loads no CSV parser, progress bar, colour, workbook, notice or ledger, nor another command's spec", () => {
    const draw = modulesLoaded([
      'monthly',
      DEMO,
      '--month',
      '2026-11',
      '--seed',
      'x',
      '--out',
      join(tempDir(), 'draw'),
    ]);
    expect(draw).toContain('dist/commands/monthly/action.js');
    // csv-stringify writes the draw's CSV files; csv-parse reads only --divisions FILE and lists.
    expect(heavy(draw)).toEqual(['csv-stringify']);
    expect(draw.filter((module) => NOT_FOR_A_PLAIN_DRAW.test(module))).toEqual([]);
    // Without a plan file, no plan keys: no other command's spec, no src/commands/planSchema.ts.
    expect(
      draw.filter((module) => /^dist\/commands\/(?!monthly\/|_shared\/|heads\.js$|plannedOptions\.js$)/.test(module)),
    ).toEqual([]);
  });

  it("a commitment normalises the draw's options from the draw's spec: it loads no draw command's action", () => {
    const commit = modulesLoaded(['commit', 'monthly', DEMO, '--month', '2026-11', '--seed-procedure', 'lottery']);
    expect(commit).toContain('dist/commands/commit/action.js');
    expect(commit).toContain('dist/commands/monthly/run.js');
    expect(commit.filter((module) => /^dist\/commands\/(monthly|evaluate|funds)\/action\.js$/.test(module))).toEqual(
      [],
    );
  });

  it('each run clears the state of modules it never loads itself: a plan that revealed IDs is forgotten by a --version run', async () => {
    // src/main.ts imports none of the modules with run state (the help loads none): they register
    // their reset in src/runState.ts when they load, and each run() clears what is registered.
    const plan = (await import(
      pathToFileURL(join(ROOT, 'dist/io/plan.js')).href
    )) as typeof import('../../src/io/plan.js');
    const loaded = { raw: { revealIds: true }, record: { path: 'plan.json', sha256: '0', applied: [] } };
    const stderr = process.stderr.write;
    process.stderr.write = () => true;
    try {
      plan.withPlan(loaded as never, {}, () => []);
    } finally {
      process.stderr.write = stderr;
    }
    expect(plan.planRevealingIds()).toBe('plan.json');
    expect((await cli(['--version'])).status).toBe(0);
    expect(plan.planRevealingIds()).toBeNull();
  });
});
