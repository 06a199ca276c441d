/**
 * The README's shell walk-throughs run by tests (test/docs/readme-*.test.ts): a fenced block found
 * under its heading, and a script run with bash -euo pipefail in a folder, as an inspector with
 * LANG=zh_CN.UTF-8 would run it. `spotcheck` on the script's PATH is test/spotcheckClient.mjs, which
 * has this process run the built CLI in-process (cli(), dist/main.js run() as bin/spotcheck runs it)
 * instead of starting node and loading dist/ for every command.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT, cli, tempDir } from './helpers.js';

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** The first fenced block of `language` (```bash, ```sh …) under `heading` in README.md. */
export function readmeBlock(heading: string, language: string): string {
  const at = README.indexOf(heading);
  const block = new RegExp(`\`\`\`${language}\n([\\s\\S]*?)\`\`\``).exec(README.slice(Math.max(at, 0)));
  if (at < 0 || !block) throw new Error(`README.md has no ${heading} with a ${language} block`);
  return block[1]!;
}

/** Runs `script` with bash -euo pipefail in `cwd`, each `spotcheck` served by cli() in this process. */
export async function runScript(
  script: string,
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const bin = join(tempDir(), 'bin');
  mkdirSync(bin);
  symlinkSync(join(ROOT, 'test', 'spotcheckClient.mjs'), join(bin, 'spotcheck'));
  const socket = join(tempDir(), 'cli.sock');
  // Half-open: the client ends its side once it has sent the request, and waits for the answer.
  const server = createServer({ allowHalfOpen: true }, (connection) => {
    const chunks: Buffer[] = [];
    connection.on('data', (chunk: Buffer) => chunks.push(chunk));
    connection.on('end', async () => {
      const request = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { cwd: string; args: string[] };
      const result = await cli(request.args, { cwd: request.cwd, env: { LANG: 'zh_CN.UTF-8' } }).catch(
        (error: unknown) => ({ status: 70, stdout: '', stderr: `test server: ${String(error)}\n` }),
      );
      connection.end(JSON.stringify(result));
    });
  });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  try {
    const child = spawn('bash', ['-e', '-u', '-o', 'pipefail', '-c', script], {
      cwd,
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, SPOTCHECK_TEST_SOCKET: socket, LANG: 'zh_CN.UTF-8' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (text: string) => (stdout += text));
    child.stderr.setEncoding('utf8').on('data', (text: string) => (stderr += text));
    const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
    return { status, stdout, stderr };
  } finally {
    server.close();
  }
}
