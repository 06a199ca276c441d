/** `spotcheck generate`: a deterministic synthetic registry for demos, drills and benchmarks. */
import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { SpotcheckError } from '../errors.js';
import { generateRows, generatedHeader, type GenerateParameters } from '../core/generate.js';
import { loadDivisions } from '../io/load.js';
import { parseEncodingChoice } from '../io/registry.js';
import { parsePositiveInteger, parseSeed } from '../options.js';

const HELP = `
What it does:
  Writes a synthetic registry: real county names and codes from the division table (Yunnan's by
  default), synthetic townships, villages, households and people. The same options give the same
  file byte for byte (seedrandom). Person-level files follow the national poverty information
  system's export (户编号, 人编号, 与户主关系 …; no prefecture or codes unless --with-codes);
  household-level files use the canonical English headers.

Cost: streamed; about one second per 100,000 households.

Examples:
  $ spotcheck generate --out demo.csv --households 1200 --counties 12 --seed demo
  $ spotcheck generate --out big.csv --households 1000000 --layout household --seed bench
  $ spotcheck generate --out gbk.csv --households 300 --encoding gbk --seed drill
`;

interface RawGenerateOptions {
  out?: string;
  households: string;
  counties?: string;
  prefecture?: string[];
  seed: string;
  layout: string;
  withCodes?: boolean;
  withFunds?: boolean;
  nonpoorShare: string;
  poorVillageShare: string;
  householdsPerVillage: string;
  encoding: string;
  bom?: boolean;
  crlf?: boolean;
  divisions?: string;
  force?: boolean;
  nonpoorOut?: string;
}

function parseShare(option: string, raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new SpotcheckError('USAGE', `${option} must be a number from 0 to 1, got "${raw}"`);
  }
  return value;
}

function csvLine(cells: readonly string[], newline: string): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',') + newline;
}

/** A CSV file written through a temporary file in the same directory and renamed into place on close. */
class CsvFileWriter {
  private readonly temporary: string;
  private readonly stream;
  private readonly failed: Promise<never>;
  private buffered: string;

  constructor(private readonly path: string, private readonly encoding: 'utf-8' | 'gbk', bom: boolean, private readonly newline: string) {
    this.temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
    this.stream = createWriteStream(this.temporary);
    this.failed = new Promise<never>((_, reject) => this.stream.once('error', reject));
    this.failed.catch(() => undefined);
    this.buffered = bom && encoding === 'utf-8' ? '\ufeff' : '';
  }

  private encode(text: string): Buffer {
    return this.encoding === 'gbk' ? iconv.encode(text, 'gbk') : Buffer.from(text, 'utf8');
  }

  async write(cells: readonly string[]): Promise<void> {
    this.buffered += csvLine(cells, this.newline);
    if (this.buffered.length < 1 << 16) return;
    const flushed = this.stream.write(this.encode(this.buffered));
    this.buffered = '';
    if (!flushed) await Promise.race([new Promise<void>((resolve) => this.stream.once('drain', () => resolve())), this.failed]);
  }

  async close(): Promise<void> {
    this.stream.end(this.encode(this.buffered));
    await Promise.race([new Promise<void>((resolve) => this.stream.once('finish', () => resolve())), this.failed]);
    await rename(this.temporary, this.path);
  }

  async abort(): Promise<void> {
    this.stream.destroy();
    await rm(this.temporary, { force: true });
  }
}

export function generateCommand(): Command {
  return new Command('generate')
    .summary('write a deterministic synthetic registry (demo, drills, benchmarks)')
    .description('Write a synthetic registry in the national export layout (person-level) or the canonical household layout.')
    .addOption(new Option('--out <file>', 'the CSV file to write (required)'))
    .addOption(new Option('--households <n>', 'number of households').default('1000'))
    .addOption(new Option('--counties <n>', 'spread over this many counties chosen at random (default: all in the table)'))
    .addOption(new Option('--prefecture <name|code>', 'only counties of this prefecture (repeatable)').argParser((value: string, previous: string[] = []) => [...previous, value]))
    .addOption(new Option('--seed <text>', 'seed of the synthetic data').default('spotcheck-synthetic'))
    .addOption(new Option('--layout <layout>', 'person (national export, one row per person) or household').default('person'))
    .addOption(new Option('--with-codes', 'add 州市, 县代码, 乡镇代码 and 村代码 columns (person layout)'))
    .addOption(new Option('--with-funds', 'add a 帮扶资金 column (synthetic yuan per household, for `spotcheck funds`)'))
    .addOption(new Option('--nonpoor-share <share>', 'share of non-registered households (非贫困户, adds 户类型)').default('0'))
    .addOption(new Option('--nonpoor-out <file>', 'write the non-registered households to this separate file (for evaluate --nonpoor)'))
    .addOption(new Option('--poor-village-share <share>', 'share of villages marked 是否贫困村 = 是').default('0.4'))
    .addOption(new Option('--households-per-village <n>', 'average households per village').default('60'))
    .addOption(new Option('--encoding <name>', 'utf-8 or gbk').default('utf-8'))
    .addOption(new Option('--bom', 'start a UTF-8 file with a byte-order mark (as Excel writes)'))
    .addOption(new Option('--crlf', 'end lines with CRLF (as Windows tools write)'))
    .addOption(new Option('--divisions <file>', 'division table to take counties from (default: bundled Yunnan)'))
    .addOption(new Option('--force', 'replace an existing file'))
    .addHelpText('after', HELP)
    .action(async (raw: RawGenerateOptions) => {
      if (raw.out === undefined) throw new SpotcheckError('USAGE', '--out is required: the CSV file to write');
      if (raw.layout !== 'person' && raw.layout !== 'household') {
        throw new SpotcheckError('USAGE', `--layout must be person or household, got "${raw.layout}"`);
      }
      const parameters: GenerateParameters = Object.freeze({
        seed: parseSeed(raw.seed),
        households: parsePositiveInteger('--households', raw.households === undefined ? '1000' : raw.households, 100_000_000),
        counties: raw.counties === undefined ? null : parsePositiveInteger('--counties', raw.counties),
        prefectures: raw.prefecture ?? [],
        layout: raw.layout,
        withCodes: raw.withCodes === true,
        withFunds: raw.withFunds === true,
        nonpoorShare: parseShare('--nonpoor-share', raw.nonpoorShare),
        poorVillageShare: parseShare('--poor-village-share', raw.poorVillageShare),
        householdsPerVillage: parsePositiveInteger('--households-per-village', raw.householdsPerVillage),
      });
      const encoding = parseEncodingChoice(raw.encoding);
      if (raw.bom && encoding !== 'utf-8') throw new SpotcheckError('USAGE', '--bom goes with --encoding utf-8 (a GBK file has no byte-order mark)');
      const divisions = await loadDivisions(raw.divisions ?? null);
      const header = generatedHeader(parameters);
      const targets = [raw.out, ...(raw.nonpoorOut === undefined ? [] : [raw.nonpoorOut])];
      if (raw.nonpoorOut !== undefined && parameters.nonpoorShare === 0) {
        throw new SpotcheckError('USAGE', '--nonpoor-out needs --nonpoor-share above 0');
      }
      if (!raw.force) {
        for (const target of targets) {
          const exists = await stat(target).then(() => true, () => false);
          if (exists) throw new SpotcheckError('OUTPUT', 'the file exists; add --force to replace it', { file: target });
        }
      }
      // Non-registered households go to --nonpoor-out when given: recognised by 户类型 / status = 非贫困户.
      const typeColumn = Math.max(header.indexOf('户类型'), parameters.layout === 'household' ? header.indexOf('status') : -1);
      const writers = targets.map((target) => new CsvFileWriter(target, encoding === 'gb18030' ? 'gbk' : 'utf-8', raw.bom === true, raw.crlf ? '\r\n' : '\n'));
      try {
        for (const writer of writers) await writer.write(header);
        const rows = [0, 0];
        for (const row of generateRows(divisions.table, parameters)) {
          const target = typeColumn >= 0 && row[typeColumn] === '非贫困户' && writers.length > 1 ? 1 : 0;
          await writers[target]!.write(row);
          rows[target]!++;
        }
        for (const writer of writers) await writer.close();
        const written = targets.map((target, index) => `${target} (${rows[index]} rows)`).join(' and ');
        process.stdout.write(`Wrote ${parameters.households} synthetic households, ${parameters.layout}-level, ${encoding === 'gb18030' ? 'GBK' : 'UTF-8'}: ${written}\n`);
      } catch (error) {
        await Promise.all(writers.map((writer) => writer.abort()));
        if (error instanceof SpotcheckError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new SpotcheckError('OUTPUT', `cannot write the registry (${code ?? (error as Error).message})`, { file: raw.out });
      }
    });
}
