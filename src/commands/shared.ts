/** Options shared by the commands that read a registry, and small output helpers. */
import { stat } from 'node:fs/promises';
import { Option, type Command } from 'commander';
import { parseColumnOverrides, type RegistryField } from '../core/columns.js';
import { parseEncodingChoice, type EncodingChoice } from '../io/registry.js';
import { collect, singleOption } from '../options.js';

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
