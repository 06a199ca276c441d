/**
 * What reading a registry file yields, shared by src/io/registry.ts (CSV), src/io/xlsx.ts (workbooks)
 * and src/io/fields.ts (decoding): whether a path is a workbook, its encoding, its facts, and the
 * callbacks that receive its records. Apart from src/io/registry.ts, which re-exports them, so that
 * the readers it calls do not import it back (no import cycle).
 */

/** Whether a registry path names an Excel workbook (read by src/io/xlsx.ts, loaded for workbooks only). */
export const isWorkbookPath = (path: string): boolean => /\.xlsx$/i.test(path);

export type Encoding = 'utf-8' | 'gb18030';
export type EncodingChoice = 'auto' | Encoding;

export interface FileFacts {
  readonly name: string;
  readonly bytes: number;
  readonly sha256: string;
  readonly encoding: Encoding;
  readonly bom: boolean;
  /** Data records (the header not counted). */
  readonly records: number;
  /** Which parser read the file: the fast scanner, or csv-parse where the scanner was unsure. */
  readonly parser: 'fast' | 'csv-parse';
  /** Modification time when it was read (recorded only: a second pass compares bytes and SHA-256, not times). */
  readonly mtimeMs: number;
  /** "xlsx" for an Excel workbook (src/io/xlsx.ts); absent for CSV. */
  readonly format?: 'xlsx';
}

export interface RecordHandlers {
  /** Called with the header record before any data record. */
  onHeader(header: string[]): void;
  /** Called with each data record, its 0-based index among data records, and its line number. */
  onRecord(cells: string[], record: number, line: number): void;
}
