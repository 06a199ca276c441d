// The floor of any single-threaded Node scanner: one pass over a file's bytes counting commas and
// line feeds, in 2 MiB chunks (what spotcheck's pass 1 must at least do). A measurement, not a test.
//
//   node bench/floor.mjs /tmp/spotcheck-bench/registry-household-5000000-v15k.csv
//   → 70000014 5000001 1091ms   (2026-11-30, this 2-core VM, page cache warm)
import { openSync, readSync } from 'node:fs';

const fd = openSync(process.argv[2]);
const buffer = Buffer.alloc(2 << 20);
let read;
let commas = 0;
let lines = 0;
const start = performance.now();
while ((read = readSync(fd, buffer, 0, buffer.length)) > 0) {
  for (let index = 0; index < read; index++) {
    const byte = buffer[index];
    if (byte === 44) commas++;
    else if (byte === 10) lines++;
  }
}
console.log(commas, lines, `${(performance.now() - start).toFixed(0)}ms`);
