/**
 * Limits on a workbook before and while it is streamed (issue 13: an 827 KB .xlsx took 115 s and
 * 3 GB). Before: the zip's central directory is read and the uncompressed sizes it declares are
 * summed; a workbook declaring more than XLSX_LIMITS.uncompressed bytes (or a ZIP64 size) is
 * refused. While streaming: at most XLSX_LIMITS.rows rows and XLSX_LIMITS.cellsPerRow cells a row.
 * Each refusal is exit 2 with a message; the limits are stated in the README.
 */
import { open } from 'node:fs/promises';
import { SpotcheckError } from '../errors.js';
import { msg } from '../i18n.js';

const MiB = 1024 * 1024;
export const XLSX_LIMITS = Object.freeze({
  /** The sum of the declared uncompressed sizes of the zip's entries. */
  uncompressed: 1024 * MiB,
  /** The central directory itself. */
  directory: 16 * MiB,
  /** Excel's own maximum rows a sheet. */
  rows: 1_048_576,
  /** Cells a row (a registry has tens of columns; Excel's maximum is 16,384). */
  cellsPerRow: 1024,
  /** Cells in the sheet read. */
  cells: 50_000_000,
});

const refuse = (path: string, what: string, size: number | string, limit: number): never => {
  throw new SpotcheckError('INPUT', msg('safety.xlsxTooLarge', { what, size: String(size), limit: String(limit) }), { file: path, hint: msg('safety.xlsxHint') });
};

/** Reads the zip's end record and central directory and refuses absurd declared sizes. */
export async function checkDeclaredSizes(path: string, size: number): Promise<void> {
  const handle = await open(path, 'r');
  try {
    const length = Math.min(size, 65_557);
    const tail = Buffer.alloc(length);
    await handle.read(tail, 0, length, size - length);
    const end = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
    if (end < 0 || end + 22 > tail.length) return; // refuseCutZip says what is wrong
    const entries = tail.readUInt16LE(end + 10);
    const directorySize = tail.readUInt32LE(end + 12);
    const directoryOffset = tail.readUInt32LE(end + 16);
    if (directorySize === 0xffffffff || directoryOffset === 0xffffffff || entries === 0xffff) refuse(path, 'ZIP64', 'ZIP64', XLSX_LIMITS.uncompressed);
    if (directorySize > XLSX_LIMITS.directory) refuse(path, 'central directory', directorySize, XLSX_LIMITS.directory);
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    let total = 0;
    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50; ) {
      const uncompressed = directory.readUInt32LE(at + 24);
      if (uncompressed === 0xffffffff) refuse(path, 'ZIP64', 'ZIP64', XLSX_LIMITS.uncompressed);
      total += uncompressed;
      if (total > XLSX_LIMITS.uncompressed) refuse(path, 'uncompressed size', total, XLSX_LIMITS.uncompressed);
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
  } finally {
    await handle.close();
  }
}

/** Counts rows and cells while streaming; refuses past the limits. */
export function cellCounter(path: string): (row: number, cells: number) => void {
  let total = 0;
  return (row, cells) => {
    if (row > XLSX_LIMITS.rows) refuse(path, 'row number', row, XLSX_LIMITS.rows);
    if (cells > XLSX_LIMITS.cellsPerRow) refuse(path, 'cells in a row', cells, XLSX_LIMITS.cellsPerRow);
    total += cells;
    if (total > XLSX_LIMITS.cells) refuse(path, 'cells', total, XLSX_LIMITS.cells);
  };
}
