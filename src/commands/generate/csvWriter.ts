/** The CSV file `spotcheck generate` writes: encoded as asked, through a temporary file renamed into place. */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { iconv } from '../../io/packages.js';

function csvLine(cells: readonly string[], newline: string): string {
  return cells.map((cell) => (/[",\r\n]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell)).join(',') + newline;
}

/** A CSV file written through a temporary file in the same directory and renamed into place on close. */
export class CsvFileWriter {
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
    return this.encoding === 'gbk' ? iconv().encode(text, 'gbk') : Buffer.from(text, 'utf8');
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
