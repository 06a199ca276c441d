/** Options shared by the commands that read a registry, and small output helpers. */
import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { ChalkInstance } from 'chalk';
import { Option, type Command } from 'commander';
import { parseColumnOverrides, type RegistryField } from '../core/columns.js';
import { parseEncodingChoice, type EncodingChoice } from '../io/registry.js';
import type { Manifest } from '../core/manifest.js';
import { appendToLedger, checkLedgerWritable } from '../io/ledger.js';
import { checkOutputDirectory, writeOutputDirectory } from '../io/output.js';
import { collect, singleOption } from '../options.js';
import { progressBar } from '../render/progress.js';
import { styleFor } from '../render/style.js';

export interface RawRegistryOptions {
  encoding?: string;
  column?: string[];
  divisions?: string;
}

/** The output options of the drawing commands, as commander gives them. */
export interface RawOutputOptions {
  out?: string;
  force?: boolean;
  json?: boolean;
  quiet?: boolean;
  revealIds?: boolean;
  ledger?: string;
}

/** The output options, normalised. */
export interface DrawOutputOptions {
  readonly out: string | null;
  readonly force: boolean;
  readonly json: boolean;
  readonly quiet: boolean;
  readonly revealIds: boolean;
  readonly ledger: string | null;
}

/** --out (described per command), --force, --quiet, --json, --reveal-ids and --ledger. */
export function addDrawOutputOptions(command: Command, outDescription: string, personalData = true): Command {
  command.addOption(singleOption('--out <dir>', outDescription)).addOption(new Option('--force', 'replace the files of a non-empty --out directory'));
  if (personalData) command.addOption(new Option('--reveal-ids', 'write ID numbers (证件号码) and phone numbers unmasked in the output files and JSON (default: masked, 5325**********1234)'));
  return command
    .addOption(singleOption('--ledger <file>', 'append this draw to a tamper-evident ledger file (one SHA-256-chained line per draw; see `spotcheck ledger verify`)'))
    .addOption(new Option('--quiet', 'no progress bar on stderr (it shows only on a terminal, for large registries)'))
    .addOption(new Option('--json', 'print the whole result as JSON on stdout'));
}

export function normaliseDrawOutput(raw: RawOutputOptions): DrawOutputOptions {
  return { out: raw.out ?? null, force: raw.force === true, json: raw.json === true, quiet: raw.quiet === true, revealIds: raw.revealIds === true, ledger: raw.ledger ?? null };
}

/** Checks, before anything is read, that the outputs asked for can be written. */
async function checkDrawOutputs(options: DrawOutputOptions): Promise<void> {
  if (options.out !== null) await checkOutputDirectory(options.out, options.force);
  if (options.ledger !== null) await checkLedgerWritable(options.ledger);
}

/**
 * A drawing command's whole action at the edge: check the outputs can be written, draw with a
 * progress bar over `inputs`, then write, append to the ledger and print (finishDraw).
 */
export async function performDraw<Run extends { readonly files: ReadonlyMap<string, string>; readonly manifest: Manifest }>(
  options: DrawOutputOptions,
  inputs: readonly string[],
  draw: (baseDir: string, onProgress: (file: string, bytes: number, records: number) => void) => Promise<Run>,
  asJson: (run: Run) => Record<string, unknown>,
  summary: (run: Run, style: ChalkInstance) => string,
): Promise<void> {
  await checkDrawOutputs(options);
  const progress = progressBar(await totalBytes(inputs), options.quiet);
  const run = await draw(resolve(options.out ?? '.'), (file, bytes, records) => progress.update(file, bytes, records)).finally(() => progress.stop());
  await finishDraw(options, run, () => asJson(run), () => summary(run, styleFor(process.stdout)));
}

/**
 * Finishes a draw at the edge: writes the output directory (files and manifest, atomically),
 * appends the ledger entry, then prints the JSON or the terminal summary.
 */
async function finishDraw(
  options: DrawOutputOptions,
  run: { readonly files: ReadonlyMap<string, string>; readonly manifest: Manifest },
  asJson: () => Record<string, unknown>,
  summary: () => string,
): Promise<void> {
  if (options.out !== null) {
    const files = new Map<string, string>(run.files);
    files.set('manifest.json', json(run.manifest));
    await writeOutputDirectory(options.out, files, options.force);
  }
  const head = options.ledger === null ? null : await appendToLedger(options.ledger, run.manifest, options.out);
  if (options.json) await writeStdout(json(head === null ? asJson() : { ...asJson(), ledger: { file: options.ledger, ...head } }));
  else await writeStdout(head === null ? summary() : `${summary()}Ledger: entry ${head.sequence} appended to ${options.ledger} (head sha256 ${head.hash})\n`);
}

export interface RegistryReadOptions {
  readonly encoding: EncodingChoice;
  readonly columns: Readonly<Partial<Record<RegistryField, string>>>;
  readonly divisions: string | null;
}

export function addRegistryOptions(command: Command): Command {
  return command
    .addOption(singleOption('--encoding <name>', 'registry encoding: auto, utf-8 or gbk (GB18030)', '"auto"'))
    .addOption(new Option('--column <field=Header>', 'read a field from another header (repeatable), e.g. household_id=户号').argParser(collect))
    .addOption(singleOption('--divisions <file>', "division table CSV (prefecture_code, prefecture, county_code, county) for another province; default: Yunnan's bundled table"));
}

export function normaliseRegistryOptions(raw: RawRegistryOptions): RegistryReadOptions {
  return {
    encoding: parseEncodingChoice(raw.encoding ?? 'auto'),
    columns: parseColumnOverrides(raw.column ?? []),
    divisions: raw.divisions ?? null,
  };
}

/** Writes to stdout; resolves when flushed (so large JSON is not cut by process exit). */
export function writeStdout(text: string): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.write(text)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The summed size of files (0 for one that cannot be read: the reader reports that properly). */
export async function totalBytes(paths: readonly string[]): Promise<number> {
  const sizes = await Promise.all(paths.map((path) => stat(path).then((info) => info.size, () => 0)));
  return sizes.reduce((sum, size) => sum + size, 0);
}
