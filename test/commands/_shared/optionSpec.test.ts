/**
 * One definition per option (src/commands/_shared/optionSpec.ts): what a draw records in
 * manifest.parameters is read back by `verify` from the same spec entries that wrote it. For real
 * draws of each kind — non-default options, Chinese headings, --excel, a plan file — reading the
 * recorded parameters back and recording them again gives the same bytes; a parameter the spec does
 * not know, or one placed out of the frozen order, is a programming error caught here.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Command } from 'commander';
import { flag, readRecorded, recordParameters, single, specCommand } from '../../../src/commands/_shared/optionSpec.js';
import { EVALUATE_OPTIONS, EVALUATION_PARAMETER_ORDER } from '../../../src/commands/evaluate/spec.js';
import { FUNDS_OPTIONS, FUNDS_PARAMETER_ORDER } from '../../../src/commands/funds/spec.js';
import { MONTHLY_OPTIONS, MONTHLY_PARAMETER_ORDER } from '../../../src/commands/monthly/spec.js';
import { planSchema } from '../../../src/commands/planSchema.js';
import { cli, DEMO, ROOT, tempDir } from '../../helpers.js';

const SPECS = {
  monthly: [MONTHLY_OPTIONS, MONTHLY_PARAMETER_ORDER],
  evaluate: [EVALUATE_OPTIONS, EVALUATION_PARAMETER_ORDER],
  funds: [FUNDS_OPTIONS, FUNDS_PARAMETER_ORDER],
} as const;

/** The manifest keys the spec's options record (the rest of manifest.parameters are facts of the draw). */
function recordedKeys(spec: object): string[] {
  return Object.values(spec)
    .map((option: { manifest?: { key: string } }) => option.manifest?.key)
    .filter((key): key is string => key !== undefined);
}

/** Reads the parameters back through the spec and records them again, the draw's facts kept as they were. */
function roundTrip(command: keyof typeof SPECS, parameters: Record<string, unknown>): Record<string, unknown> {
  const [spec, order] = SPECS[command];
  const own = new Set(recordedKeys(spec));
  const facts = Object.fromEntries(Object.entries(parameters).filter(([key]) => !own.has(key)));
  const read = readRecorded(spec, parameters, (key) => {
    throw new Error(`verify could not read back ${key}`);
  });
  return recordParameters(spec, read as never, order, facts);
}

async function drawManifest(args: string[]): Promise<Record<string, unknown>> {
  const out = join(tempDir('spec-'), 'draw');
  const result = await cli([...args, '--out', out]);
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Record<string, unknown>;
}

describe('option specs: what a draw records is read back from the same definitions', () => {
  it('places every recorded option in its command’s frozen parameter order', () => {
    for (const [command, [spec, order]] of Object.entries(SPECS))
      for (const key of recordedKeys(spec)) expect(order, `${command}: ${key}`).toContain(key);
  });

  it('round-trips the parameters of real draws byte for byte (monthly, evaluate, funds; zh-CN, --excel, a plan)', async () => {
    const plan = join(tempDir('spec-plan-'), 'plan.json');
    writeFileSync(plan, JSON.stringify({ monthly: { village_frame: 'all', spares: 1 }, seed_source: '公开摇号' }));
    const draws: Array<[keyof typeof SPECS, string[]]> = [
      [
        'monthly',
        ['monthly', DEMO, '--month', '2026-11', '--seed', 's1', '--level', 'prefecture', '--scope', '丽江市'],
      ],
      [
        'monthly',
        [
          'monthly',
          DEMO,
          '--month',
          '2026-12',
          '--seed',
          's2',
          '--villages',
          '3',
          '--households',
          '4',
          '--statuses',
          'poor',
          '--excel',
          '--lang',
          'zh-CN',
          '--plan',
          plan,
        ],
      ],
      [
        'evaluate',
        [
          'evaluate',
          join(ROOT, 'fixtures', 'eval-registry.csv'),
          '--seed',
          'e1',
          '--counties',
          '6',
          '--county-selection',
          'pps',
          '--villages',
          '2',
          '--households',
          'poor=3,exited=2,nonpoor=0',
        ],
      ],
      [
        'evaluate',
        [
          'evaluate',
          join(ROOT, 'fixtures', 'eval-registry.csv'),
          '--seed',
          'e2',
          '--counties',
          '12',
          '--min-per-stratum',
          '2',
          '--merge-strata',
        ],
      ],
      [
        'funds',
        [
          'funds',
          join(ROOT, 'fixtures', 'funds-registry.csv'),
          '--month',
          '2026-11',
          '--seed',
          'f1',
          '--scope',
          '文山壮族苗族自治州',
          '--coverage',
          '0.6',
        ],
      ],
    ];
    for (const [command, args] of draws) {
      const manifest = await drawManifest(args);
      const parameters = manifest.parameters as Record<string, unknown>;
      expect(JSON.stringify(roundTrip(command, parameters)), args.join(' ')).toBe(JSON.stringify(parameters));
    }
  });

  it('reads the manifests of spotcheck 0.1.0 with their fallbacks (no reveal_ids: IDs were unmasked; no excel)', () => {
    for (const [command, dir] of [
      ['monthly', 'monthly-0.1.0'],
      ['evaluate', 'evaluate-0.1.0'],
    ] as const) {
      const manifest = JSON.parse(readFileSync(join(ROOT, 'test/legacy', dir, 'manifest.json'), 'utf8'));
      const read = readRecorded(SPECS[command][0], manifest.parameters, (key) => {
        throw new Error(`${dir}: ${key}`);
      }) as Record<string, unknown>;
      expect(read.revealIds, dir).toBe(true);
      expect(read.excel, dir).toBe(false);
    }
  });

  it('refuses a recorded parameter the order does not place (a new key must be given its place)', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'test/legacy/monthly-0.1.0/manifest.json'), 'utf8'));
    const values = readRecorded(MONTHLY_OPTIONS, manifest.parameters, (key) => {
      throw new Error(key);
    });
    expect(() => recordParameters(MONTHLY_OPTIONS, values, MONTHLY_PARAMETER_ORDER, { scope_key: '' })).not.toThrow();
    expect(() => recordParameters(MONTHLY_OPTIONS, values, MONTHLY_PARAMETER_ORDER, { surprise: 1 })).toThrow(
      /surprise/,
    );
  });

  it('takes the plan file’s keys from the specs (the documented keys, each once)', () => {
    const schema = planSchema();
    expect(Object.keys(schema.sections.monthly!).sort()).toEqual(
      [
        'cooldown',
        'cooldown_stages',
        'counties',
        'exclude_stages',
        'history',
        'households',
        'level',
        'notice_title',
        'scope',
        'spares',
        'statuses',
        'village_frame',
        'villages',
      ].sort(),
    );
    expect(Object.keys(schema.sections.funds!).sort()).toEqual([
      'counties',
      'coverage',
      'funds',
      'method',
      'notice_title',
      'scope',
    ]);
    expect(Object.keys(schema.sections.evaluate!)).toContain('villages');
    expect(Object.keys(schema.common).sort()).toEqual(
      [
        'columns',
        'commitment',
        'committee',
        'complaint_line',
        'divisions',
        'encoding',
        'excel',
        'lang',
        'ledger',
        'problem_categories',
        'quiet',
        'reveal_ids',
        'seed_source',
        'sheet',
        'time_zone',
        'xlsx',
      ].sort(),
    );
  });
});

describe('specCommand: a command from its head, its spec, its help texts and its lazy action', () => {
  const SPEC = {
    size: single({ flags: '--size <n>', help: () => 'how many', normalise: (raw?: string) => raw }),
    quiet: flag({ flags: '--quiet', help: () => 'say less' }),
  };

  it('adds the options and the texts after the help, in order, and gives the action its arguments and raw options only', async () => {
    const calls: unknown[][] = [];
    let loads = 0;
    const command = specCommand(
      new Command('try').argument('<file...>', 'files'),
      SPEC,
      ['first after', 'second after'],
      async () => {
        loads++;
        // Every argument it is called with is kept, whatever it declares.
        return (async (...args: unknown[]) => {
          calls.push(args);
        }) as (files: string[], raw: Readonly<Record<string, unknown>>) => Promise<void>;
      },
    );
    expect(command.options.map((option) => option.long)).toEqual(['--size', '--quiet']);
    let help = '';
    command.configureOutput({ writeOut: (text) => (help += text) }).outputHelp();
    expect(help.indexOf('first after')).toBeGreaterThan(help.indexOf('--quiet'));
    expect(help.indexOf('second after')).toBeGreaterThan(help.indexOf('first after'));
    expect(loads).toBe(0);
    await command.parseAsync(['a.csv', 'b.csv', '--size', '3'], { from: 'user' });
    expect(loads).toBe(1);
    // Not the Command commander passes last: the action sees exactly what the command line gave.
    expect(calls).toEqual([[['a.csv', 'b.csv'], { size: '3' }]]);
  });
});
