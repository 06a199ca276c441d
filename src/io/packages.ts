/**
 * The CSV and encoding packages, loaded when first used rather than when spotcheck starts (issue 16):
 * `spotcheck --version`, `--help` and the commands that read no CSV do not pay for them. They are
 * required synchronously (their CommonJS builds, through createRequire), so that the functions that
 * use them stay synchronous; each is loaded once and the same module serves every caller.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type Iconv = typeof import('iconv-lite');
type CsvParse = typeof import('csv-parse');
type CsvParseSync = typeof import('csv-parse/sync');
type CsvStringifySync = typeof import('csv-stringify/sync');
type CliProgress = typeof import('cli-progress');

let iconvModule: Iconv | undefined;
let csvParseModule: CsvParse | undefined;
let csvParseSyncModule: CsvParseSync | undefined;
let csvStringifySyncModule: CsvStringifySync | undefined;
let cliProgressModule: CliProgress | undefined;

/** iconv-lite: GB18030/GBK decoding and encoding. */
export const iconv = (): Iconv => (iconvModule ??= require('iconv-lite') as Iconv);

/** csv-parse: the streaming CSV parser (and its CsvError). */
export const csvParse = (): CsvParse => (csvParseModule ??= require('csv-parse') as CsvParse);

/** csv-parse/sync: a whole small CSV text parsed at once. */
export const csvParseSync = (): CsvParseSync => (csvParseSyncModule ??= require('csv-parse/sync') as CsvParseSync);

/**
 * A small CSV text (a division or county-attribute table, an exclusion list) parsed at once, as all
 * of them are read: a BOM dropped, empty lines skipped, every record as long as the header.
 */
export const parseSmallCsv = (text: string): string[][] =>
  csvParseSync().parse(text, { bom: true, skip_empty_lines: true, relax_column_count: false }) as string[][];

/** csv-stringify/sync: a table written as CSV text. */
export const csvStringifySync = (): CsvStringifySync =>
  (csvStringifySyncModule ??= require('csv-stringify/sync') as CsvStringifySync);

/** cli-progress: the progress bar of long reads (src/render/progress.ts). */
export const cliProgress = (): CliProgress => (cliProgressModule ??= require('cli-progress') as CliProgress);
