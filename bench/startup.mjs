#!/usr/bin/env node
// spotcheck start-up benchmark (issue 16): how long `--version`, `--help`, a demo draw and `verify`
// of a demo draw take, wall and CPU, as medians of N runs. A measurement, not a test.
//
//   node bench/startup.mjs [--runs 10] [ROOT …]
//
// ROOT is a spotcheck checkout with dist/ built (default: this one). With several roots (an older
// build copied aside, say) the runs alternate between them, and between the four commands, so that
// what else the machine is doing falls on every column alike. CPU is user + system time from GNU
// time (/usr/bin/time) when it is installed; wall time is measured here around each process.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
let runs = 10;
const roots = [];
for (let index = 0; index < args.length; index++) {
  if (args[index] === '--runs') runs = Number(args[++index]);
  else if (args[index] === '-h' || args[index] === '--help') {
    process.stdout.write('usage: node bench/startup.mjs [--runs 10] [ROOT …]\n');
    process.exit(0);
  } else roots.push(resolve(args[index]));
}
if (!Number.isInteger(runs) || runs < 1) {
  process.stderr.write(`startup: --runs must be a positive integer, got ${args[args.indexOf('--runs') + 1]}\n`);
  process.exit(2);
}
// Named in the output by position, never by path (the output is committed: no machine paths).
const rootsGiven = roots.length > 0;
if (!rootsGiven) roots.push(resolve(HERE, '..'));

const TIME = '/usr/bin/time';
const gnuTime = existsSync(TIME) && `${spawnSync(TIME, ['--version'], { encoding: 'utf8' }).stdout}`.includes('GNU');
const work = mkdtempSync(join(tmpdir(), 'spotcheck-startup-'));

const draw = (root, out) => [
  'monthly',
  join(root, 'fixtures/demo-registry.csv'),
  '--month',
  '2026-11',
  '--seed',
  'x',
  '--out',
  out,
  '--force',
];

/** Runs bin/spotcheck of a root once (or `node -e 0` for root null): wall seconds, CPU seconds (null without GNU time). */
function once(root, argv) {
  const command = root === null ? ['node', '-e', '0'] : ['node', join(root, 'bin/spotcheck'), ...argv];
  const started = process.hrtime.bigint();
  const result = gnuTime
    ? spawnSync(TIME, ['-f', '%U %S', ...command], { encoding: 'utf8', env: { ...process.env, LANG: 'C' } })
    : spawnSync(command[0], command.slice(1), { encoding: 'utf8', env: { ...process.env, LANG: 'C' } });
  const wall = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) {
    process.stderr.write(`startup: ${command.join(' ')} exited ${result.status}\n${result.stderr}`);
    process.exit(1);
  }
  const times = gnuTime ? result.stderr.trim().split('\n').at(-1).split(' ').map(Number) : null;
  return { wall, cpu: times === null ? null : times[0] + times[1] };
}

const commands = roots.map((root, index) => {
  // verify re-checks a draw made once here; the timed draws go to another directory.
  const made = join(work, `draw-${index}`);
  once(root, draw(root, made));
  return [
    ['--version', ['--version']],
    ['--help', ['--help']],
    ['demo draw', draw(root, join(work, `timed-${index}`))],
    ['verify', ['verify', made]],
  ];
});

const samples = commands.map((list) => list.map(() => ({ wall: [], cpu: [] })));
const floor = { wall: [], cpu: [] };
const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
// Warm the page cache and Node's compile cache alike for every root before timing.
for (const [rootIndex, root] of roots.entries()) for (const [, argv] of commands[rootIndex]) once(root, argv);
for (let run = 0; run < runs; run++) {
  // `node -e 0`, the floor, is measured among the others, under the same load.
  const { wall, cpu } = once(null, []);
  floor.wall.push(wall);
  if (cpu !== null) floor.cpu.push(cpu);
  for (let commandIndex = 0; commandIndex < 4; commandIndex++)
    for (const [rootIndex, root] of roots.entries()) {
      const { wall, cpu } = once(root, commands[rootIndex][commandIndex][1]);
      samples[rootIndex][commandIndex].wall.push(wall);
      if (cpu !== null) samples[rootIndex][commandIndex].cpu.push(cpu);
    }
}
const loadAfter = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
rmSync(work, { recursive: true, force: true });

const median = (values) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};
const seconds = (value) => (value === null ? '-' : value.toFixed(3));
const floorWall = median(floor.wall);
const floorCpu = median(floor.cpu);
const TARGETS = [0.15, 0.15, 0.3, 0.35];

process.stdout.write(
  `- ${cpus().length} cores · ${cpus()[0]?.model ?? '?'} · Node ${process.version} · ${runs} runs each, alternating` +
    ` · load average ${loadBefore} before, ${loadAfter} after` +
    ` · \`node -e 0\` ${seconds(floorWall)} s wall, ${seconds(floorCpu)} s CPU\n\n`,
);
for (const rootIndex of roots.keys()) {
  process.stdout.write(
    `${rootsGiven ? `ROOT ${rootIndex + 1} of the command line` : 'this checkout'}\n\n| command | median wall s | median CPU s | wall over \`node -e 0\` s | target wall s |\n|---|---:|---:|---:|---:|\n`,
  );
  for (const [commandIndex, [name]] of commands[rootIndex].entries()) {
    const { wall, cpu } = samples[rootIndex][commandIndex];
    const over = median(wall) - floorWall;
    process.stdout.write(
      `| ${name} | ${seconds(median(wall))} | ${seconds(median(cpu))} | ${seconds(over)} | ≤ ${TARGETS[commandIndex].toFixed(2)} |\n`,
    );
  }
  process.stdout.write('\n');
}
