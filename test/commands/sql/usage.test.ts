/** The tests "spotcheck sql: usage" from test/sql.test.ts (moved, issue 14). */
import { describe, expect, it } from 'vitest';
import { cli } from '../../helpers.js';
import { DEMO_HEADER } from './sqlKit.js';

describe('spotcheck sql: usage', () => {
  it('needs a dialect and refuses options of the other mode and unsupported strata', async () => {
    expect((await cli(['sql', '--month', '2026-11', '--seed', 's'])).stderr).toMatch(/--dialect is required/);
    expect(
      (await cli(['sql', '--dialect', 'duckdb', '--month', '2026-11', '--seed', 's', '--spares', '2'])).stderr,
    ).toMatch(/--spares does not apply to --mode monthly/);
    expect(
      (await cli(['sql', '--dialect', 'duckdb', '--mode', 'evaluate', '--seed', 's', '--strata', '县类型'])).stderr,
    ).toMatch(/prefecture or poverty-county only/);
    expect(
      (
        await cli([
          'sql',
          '--dialect',
          'duckdb',
          '--month',
          '2026-11',
          '--seed',
          's',
          '--level',
          'county',
          '--scope',
          '不存在县',
        ])
      ).stderr,
    ).toMatch(/is not a county of the division table/);
    expect(
      (
        await cli([
          'sql',
          '--dialect',
          'duckdb',
          '--month',
          '2026-11',
          '--seed',
          's',
          '--layout',
          'household',
          '--table-columns',
          DEMO_HEADER.join(','),
        ])
      ).stderr,
    ).toMatch(/contradicts --table-columns/);
    const help = await cli(['sql', '--help']);
    expect(help.stdout).toMatch(/What it does:/);
    expect(help.stdout).toMatch(/Cost:/);
  });

  it('--villages is the villages per county in both modes (default by mode); its former name --villages-per-county still works, not both', async () => {
    const sql = async (args: readonly string[]) => {
      const result = await cli(['sql', '--dialect', 'duckdb', '--seed', 's', ...args]);
      expect(result.status, result.stderr).toBe(0);
      return result.stdout;
    };
    const evaluate = ['--mode', 'evaluate'];
    const monthly = ['--month', '2026-11'];
    expect(await sql(evaluate)).toMatch(/villages per county 3;/);
    const byName = await sql([...evaluate, '--villages', '2']);
    expect(byName).toMatch(/villages per county 2;/);
    expect(await sql([...evaluate, '--villages-per-county', '2'])).toBe(byName);
    expect(await sql(monthly)).toMatch(/; villages 2;/);
    const monthlyByName = await sql([...monthly, '--villages', '3']);
    expect(monthlyByName).toMatch(/; villages 3;/);
    expect(await sql([...monthly, '--villages-per-county', '3'])).toBe(monthlyByName);
    for (const mode of [evaluate, monthly]) {
      const both = await cli([
        'sql',
        '--dialect',
        'duckdb',
        '--seed',
        's',
        ...mode,
        '--villages',
        '2',
        '--villages-per-county',
        '2',
      ]);
      expect(both.status).toBe(2);
      expect(both.stderr).toMatch(/--villages and --villages-per-county are the same option/);
    }
    const bad = await cli(['sql', '--dialect', 'duckdb', '--seed', 's', ...evaluate, '--villages-per-county', '0']);
    expect(bad.stderr).toMatch(/--villages must be a positive integer, got "0"/);
    expect((await cli(['sql', '--help'])).stdout).not.toMatch(/--villages-per-county/);
  });

  it('prints the ticket of docs/algorithm.md vector 1 in the SQL for both dialects', async () => {
    for (const dialect of ['duckdb', 'postgres']) {
      const result = await cli([
        'sql',
        '--dialect',
        dialect,
        '--month',
        '2026-11',
        '--seed',
        'demo-2026-11',
        '--select',
        'counties',
      ]);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(
        "concat_ws(chr(31), 'spotcheck-ticket-1', 'demo-2026-11', 'monthly', '2026-11', 'province', (SELECT scope_key FROM settings), 'county', c.county_key)",
      );
      expect(result.stdout).toMatch(
        dialect === 'duckdb' ? /sha256\(concat_ws/ : /encode\(sha256\(convert_to\(concat_ws/,
      );
    }
  });
});
