/** The tests "help and version" from test/e2e.test.ts (moved, issue 14). */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cli, spawnCli } from '../helpers.js';

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
