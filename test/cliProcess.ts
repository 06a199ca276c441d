/**
 * The built CLI run many times in one real node process (test/cliServer.mjs), for tests that need a
 * process of their own (a small heap that a memory blow-up must crash, a read that could block for
 * ever) but not a new one for each run: a node start that loads dist/ costs more CPU than most runs.
 * A run that does not answer in time kills the process (reported as its signal); the next run starts
 * a new one.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';

const SCRIPT = join(import.meta.dirname, 'cliServer.mjs');

interface ProcessRun {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

export class CliProcess {
  private child: ChildProcess | null = null;

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** `spotcheck ...args` in `cwd`; killed (SIGKILL) when it has not answered after `seconds`. */
  run(args: readonly string[], cwd: string, seconds: number): Promise<ProcessRun> {
    this.child ??= spawn(process.execPath, [SCRIPT], {
      cwd,
      env: this.env,
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const child = this.child;
    const started = process.hrtime.bigint();
    let crash = '';
    const onStderr = (data: Buffer) => {
      crash += data.toString();
    };
    return new Promise((resolve) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), seconds * 1000);
      const finish = (run: ProcessRun) => {
        clearTimeout(timer);
        child.off('message', onMessage).off('exit', onExit);
        child.stderr!.off('data', onStderr);
        resolve(run);
      };
      const onMessage = (answer: { status: number; stdout: string; stderr: string; seconds: number }) =>
        finish({ ...answer, signal: null });
      const onExit = (code: number | null, signal: string | null) => {
        if (this.child === child) this.child = null;
        const elapsed = Number(process.hrtime.bigint() - started) / 1e9;
        finish({ status: code, signal, stdout: '', stderr: crash, seconds: elapsed });
      };
      child.on('message', onMessage).on('exit', onExit);
      child.stderr!.on('data', onStderr);
      child.send({ args, cwd });
    });
  }

  /** Ends the process and waits for it: reaped here, its CPU time is counted with the test run's. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = null;
    if (child === null || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise((resolve) => {
      child.once('exit', resolve);
      child.disconnect();
    });
  }
}
