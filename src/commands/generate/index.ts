/** `spotcheck generate`: a deterministic synthetic registry for demos, drills and benchmarks. */
import { Command, Option } from 'commander';
import { createWriteStream } from 'node:fs';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import iconv from 'iconv-lite';
import { SpotcheckError } from '../../errors.js';
import { generateRows, generatedHeader, type GenerateParameters } from '../../core/generate.js';
import { loadDivisions } from '../../io/load.js';
import { parseEncodingChoice } from '../../io/registry.js';
import { msg, t } from '../../i18n.js';
import { parseLayout, parsePositiveInteger, parseSeed } from '../_shared/parse.js';

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
    throw new SpotcheckError('USAGE', msg('cmd.generate.shareInvalid', { option, got: raw }));
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

  constructor(
    private readonly path: string,
    private readonly encoding: 'utf-8' | 'gbk',
    bom: boolean,
    private readonly newline: string,
  ) {
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
    if (!flushed)
      await Promise.race([new Promise<void>((resolve) => this.stream.once('drain', () => resolve())), this.failed]);
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
    .summary(t('help.generate.summary'))
    .description(t('help.generate.description'))
    .addOption(new Option('--out <file>', t('help.generate.out')))
    .addOption(new Option('--households <n>', t('help.generate.households')).default('1000'))
    .addOption(new Option('--counties <n>', t('help.generate.counties')))
    .addOption(
      new Option('--prefecture <name|code>', t('help.generate.prefecture')).argParser(
        (value: string, previous: string[] = []) => [...previous, value],
      ),
    )
    .addOption(new Option('--seed <text>', t('help.generate.seed')).default('spotcheck-synthetic'))
    .addOption(new Option('--layout <layout>', t('help.generate.layout')).default('person'))
    .addOption(new Option('--with-codes', t('help.generate.withCodes')))
    .addOption(new Option('--with-funds', t('help.generate.withFunds')))
    .addOption(new Option('--nonpoor-share <share>', t('help.generate.nonpoorShare')).default('0'))
    .addOption(new Option('--nonpoor-out <file>', t('help.generate.nonpoorOut')))
    .addOption(new Option('--poor-village-share <share>', t('help.generate.poorVillageShare')).default('0.4'))
    .addOption(new Option('--households-per-village <n>', t('help.generate.householdsPerVillage')).default('60'))
    .addOption(new Option('--encoding <name>', t('help.generate.encoding')).default('utf-8'))
    .addOption(new Option('--bom', t('help.generate.bom')))
    .addOption(new Option('--crlf', t('help.generate.crlf')))
    .addOption(new Option('--divisions <file>', t('help.generate.divisions')))
    .addOption(new Option('--force', t('help.generate.force')))
    .addHelpText('after', t('help.generate.after'))
    .action(async (raw: RawGenerateOptions) => {
      if (raw.out === undefined) throw new SpotcheckError('USAGE', msg('cmd.generate.outRequired'));
      const parameters: GenerateParameters = Object.freeze({
        seed: parseSeed(raw.seed),
        households: parsePositiveInteger(
          '--households',
          raw.households === undefined ? '1000' : raw.households,
          100_000_000,
        ),
        counties: raw.counties === undefined ? null : parsePositiveInteger('--counties', raw.counties),
        prefectures: raw.prefecture ?? [],
        layout: parseLayout(raw.layout),
        withCodes: raw.withCodes === true,
        withFunds: raw.withFunds === true,
        nonpoorShare: parseShare('--nonpoor-share', raw.nonpoorShare),
        poorVillageShare: parseShare('--poor-village-share', raw.poorVillageShare),
        householdsPerVillage: parsePositiveInteger('--households-per-village', raw.householdsPerVillage),
      });
      const encoding = parseEncodingChoice(raw.encoding);
      if (raw.bom && encoding !== 'utf-8') throw new SpotcheckError('USAGE', msg('cmd.generate.bomNeedsUtf8'));
      const divisions = await loadDivisions(raw.divisions ?? null);
      const header = generatedHeader(parameters);
      const targets = [raw.out, ...(raw.nonpoorOut === undefined ? [] : [raw.nonpoorOut])];
      if (raw.nonpoorOut !== undefined && parameters.nonpoorShare === 0) {
        throw new SpotcheckError('USAGE', msg('cmd.generate.nonpoorOutNeedsShare'));
      }
      if (!raw.force) {
        for (const target of targets) {
          const exists = await stat(target).then(
            () => true,
            () => false,
          );
          if (exists) throw new SpotcheckError('OUTPUT', msg('cmd.generate.fileExists'), { file: target });
        }
      }
      // Non-registered households go to --nonpoor-out when given: recognised by 户类型 / status = 非贫困户.
      const typeColumn = Math.max(
        header.indexOf('户类型'),
        parameters.layout === 'household' ? header.indexOf('status') : -1,
      );
      const writers = targets.map(
        (target) =>
          new CsvFileWriter(
            target,
            encoding === 'gb18030' ? 'gbk' : 'utf-8',
            raw.bom === true,
            raw.crlf ? '\r\n' : '\n',
          ),
      );
      try {
        for (const writer of writers) await writer.write(header);
        const rows = [0, 0];
        for (const row of generateRows(divisions.table, parameters)) {
          const target = typeColumn >= 0 && row[typeColumn] === '非贫困户' && writers.length > 1 ? 1 : 0;
          await writers[target]!.write(row);
          rows[target]!++;
        }
        for (const writer of writers) await writer.close();
        const [first, second] = targets.map((target, index) =>
          t('cmd.generate.file', { file: target, rows: rows[index]! }),
        );
        const files = second === undefined ? first! : t('cmd.generate.twoFiles', { first: first!, second });
        const layout = t(parameters.layout === 'person' ? 'cmd.layout.person' : 'cmd.layout.household');
        process.stdout.write(
          `${t('cmd.generate.wrote', { households: parameters.households, layout, encoding: encoding === 'gb18030' ? 'GBK' : 'UTF-8', files })}\n`,
        );
      } catch (error) {
        await Promise.all(writers.map((writer) => writer.abort()));
        if (error instanceof SpotcheckError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new SpotcheckError(
          'OUTPUT',
          msg('cmd.generate.writeFailed', { reason: code ?? (error as Error).message }),
          { file: raw.out },
        );
      }
    });
}
