#!/usr/bin/env node
/**
 * `spotcheck` for a shell script run by a test (test/readmeKit.ts): sends its
 * arguments and working directory to the test process, which runs the built CLI (dist/main.js run(),
 * as bin/spotcheck does) in-process with cli(), and prints what it printed and exits with its status.
 * Why: a node start that loads dist/ costs more CPU than most runs; this one loads nothing.
 */
import { connect } from 'node:net';

const socket = connect(process.env.SPOTCHECK_TEST_SOCKET);
const chunks = [];
socket.on('data', (chunk) => chunks.push(chunk));
socket.on('end', () => {
  const { status, stdout, stderr } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  process.stdout.write(stdout);
  process.stderr.write(stderr, () => process.exit(status));
});
socket.on('error', (error) => {
  process.stderr.write(`spotcheck (test client): ${error.message}\n`);
  process.exit(70);
});
socket.end(JSON.stringify({ cwd: process.cwd(), args: process.argv.slice(2) }));
