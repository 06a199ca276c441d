/**
 * Limits on a workbook before and while it is streamed (issue 13: an 827 KB .xlsx took 115 s and
 * 3 GB). Before: the zip's central directory is read and the uncompressed sizes it declares are
 * summed; a workbook declaring more than XLSX_LIMITS.uncompressed bytes (or a ZIP64 size) is
 * refused. Declared sizes can lie, so then every entry is inflated once, by the same unzipper
 * exceljs reads with, counting the bytes it really inflates to (the same limit) and scanning the
 * XML of the parts exceljs parses: its sax parser holds a whole tag, comment or run of text, and
 * one element per level of nesting, and exceljs holds the text of one value and the elements of
 * the shared strings, styles and workbook. While streaming, in every sheet: at most
 * XLSX_LIMITS.rows rows (counted, and as numbered, in increasing order) and XLSX_LIMITS.cellsPerRow
 * cells a row. Each refusal is exit 2 with a message; the limits are stated in the README.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Duplex, Readable } from 'node:stream';
import { SpotcheckError } from '../errors.js';
import { msg, t, type MessageKey } from '../i18n.js';

const MiB = 1024 * 1024;
const XLSX_LIMITS = Object.freeze({
  /** The sum of the uncompressed sizes of the zip's entries: as declared, and as really inflated. */
  uncompressed: 1024 * MiB,
  /** The central directory itself. */
  directory: 16 * MiB,
  /** One XML tag (with its attributes), comment, CDATA section, declaration or processing instruction. */
  markup: MiB,
  /** The XML text exceljs gathers into one value: a cell's, a shared string's (elsewhere: one run). */
  text: MiB,
  /** XML nesting (a worksheet nests about 8 deep). */
  depth: 64,
  /** Elements of a part exceljs holds whole: the shared strings, the styles, the workbook, its relationships. */
  elements: 8 * MiB,
  /**
   * Elements of all the worksheets together: exceljs parses every one (about 1-2 µs each), so this
   * bounds the time a workbook can take to about that of the largest real one (a million rows of
   * 30 shared-string cells is 62 million elements).
   */
  sheetElements: 64 * MiB,
  /** <col> definitions in a worksheet (Excel has 16,384 columns). */
  columns: 16_384,
  /** Worksheets (each costs exceljs a reader and often a temporary file, whatever its size). */
  sheets: 1024,
  /** Excel's own maximum rows a sheet. */
  rows: 1_048_576,
  /** Cells a row (a registry has tens of columns; Excel's maximum is 16,384). */
  cellsPerRow: 1024,
  /** Cells in the sheet read. */
  cells: 50_000_000,
});

/** The limits a workbook is checked against, and the hint its refusal gives. */
type Limits = typeof XLSX_LIMITS & { readonly refusalHint?: MessageKey };

/**
 * The tighter limits of a workbook read whole (src/io/xlsx.ts, readWorkbookSheets: a returned check
 * workbook, a report workbook read back), where exceljs holds every cell at once. Measured (issue 18,
 * adversarial pass; /usr/bin/time -v, node bin/spotcheck findings on exceljs-written returns of 13
 * columns, 27 sheet elements a row): 36,500 rows (985,532 elements) peak at 543 MB RSS in 11 s,
 * 49,000 rows 823 MB, 100,000 rows (56 MB of XML) 948 MB in 69 s; the registry's 64 million elements
 * would take many GB. One million sheet elements (some 37,000 household rows, where a real check
 * workbook has a few thousand) and 64 MiB of XML are allowed.
 */
export const HELD_WORKBOOK_LIMITS: Limits = Object.freeze({
  ...XLSX_LIMITS,
  uncompressed: 64 * MiB,
  elements: 1_000_000,
  sheetElements: 1_000_000,
  refusalHint: 'safety.xlsxHeldHint',
});

type LimitKey = Exclude<Extract<MessageKey, `xlsxLimits.${string}`>, 'xlsxLimits.rowOrder'>;

const refuse = (
  path: string,
  what: LimitKey,
  size: number,
  limit: number,
  hint: MessageKey = 'safety.xlsxHint',
): never => {
  throw new SpotcheckError(
    'INPUT',
    msg('safety.xlsxTooLarge', { what: t(what), size: String(size), limit: String(limit) }),
    { file: path, hint: msg(hint) },
  );
};

/** Reads the zip's end record and central directory and refuses absurd declared sizes. */
export async function checkDeclaredSizes(path: string, size: number, limits: Limits = XLSX_LIMITS): Promise<void> {
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
    if (directorySize === 0xffffffff || directoryOffset === 0xffffffff || entries === 0xffff)
      refuse(path, 'xlsxLimits.zip64', 0xffffffff, limits.uncompressed, limits.refusalHint);
    if (directorySize > limits.directory)
      refuse(path, 'xlsxLimits.directory', directorySize, limits.directory, limits.refusalHint);
    const directory = Buffer.alloc(directorySize);
    await handle.read(directory, 0, directorySize, directoryOffset);
    let total = 0;
    for (let at = 0; at + 46 <= directory.length && directory.readUInt32LE(at) === 0x02014b50; ) {
      const uncompressed = directory.readUInt32LE(at + 24);
      if (uncompressed === 0xffffffff)
        refuse(path, 'xlsxLimits.zip64', 0xffffffff, limits.uncompressed, limits.refusalHint);
      total += uncompressed;
      if (total > limits.uncompressed)
        refuse(path, 'xlsxLimits.declared', total, limits.uncompressed, limits.refusalHint);
      at += 46 + directory.readUInt16LE(at + 28) + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
    }
  } finally {
    await handle.close();
  }
}

/**
 * Counts rows (as numbered, and as read: a <row> may lack its number) and cells while streaming;
 * refuses past the limits, and a row numbered no higher than the one before (Excel writes rows in
 * increasing order; one row repeated a million times is a bomb, and rows Excel would not show).
 */
export function cellCounter(path: string): (row: number, cells: number) => void {
  let total = 0;
  let rows = 0;
  let previous = 0;
  return (row, cells) => {
    if (row > XLSX_LIMITS.rows) refuse(path, 'xlsxLimits.rowNumber', row, XLSX_LIMITS.rows);
    if (++rows > XLSX_LIMITS.rows) refuse(path, 'xlsxLimits.rows', rows, XLSX_LIMITS.rows);
    if (Number.isFinite(row)) {
      if (row <= previous)
        throw new SpotcheckError('INPUT', msg('xlsxLimits.rowOrder', { row, previous }), {
          file: path,
          line: row,
          hint: msg('io.xlsx.unreadableHint'),
        });
      previous = row;
    }
    if (cells > XLSX_LIMITS.cellsPerRow) refuse(path, 'xlsxLimits.rowCells', cells, XLSX_LIMITS.cellsPerRow);
    total += cells;
    if (total > XLSX_LIMITS.cells) refuse(path, 'xlsxLimits.cells', total, XLSX_LIMITS.cells);
  };
}

interface ZipEntry extends Readable {
  readonly path: string;
}

/** exceljs' own unzipper (a dependency of exceljs), so that the check reads the entries exceljs will read. */
const unzipper = (): { Parse(options: { forceStream: boolean }): Duplex } => {
  const here = createRequire(import.meta.url);
  return createRequire(here.resolve('exceljs'))('unzipper') as { Parse(options: { forceStream: boolean }): Duplex };
};

/** The parts exceljs' WorkbookReader parses (node_modules/exceljs/lib/stream/xlsx/workbook-reader.js), and how. */
function partKind(name: string): 'sheet' | 'strings' | 'held' | null {
  if (/xl\/worksheets\/sheet\d+[.]xml/.test(name)) return 'sheet';
  if (name === 'xl/sharedStrings.xml') return 'strings';
  if (name === 'xl/workbook.xml' || name === 'xl/_rels/workbook.xml.rels' || name === 'xl/styles.xml') return 'held';
  return null;
}

/**
 * Inflates every entry of the workbook once, counting the bytes each really inflates to (whatever
 * the zip declares) and scanning the XML of the parts exceljs parses; refuses past XLSX_LIMITS.
 */
export async function checkInflatedParts(path: string, limits: Limits = XLSX_LIMITS): Promise<void> {
  const file = createReadStream(path);
  const zip = unzipper().Parse({ forceStream: true });
  let entry: ZipEntry | null = null;
  let failure: Error | null = null;
  zip.on('error', (error: Error) => {
    failure ??= error;
    entry?.destroy(error);
  });
  file.on('error', (error) => zip.destroy(error));
  file.pipe(zip);
  let inflated = 0;
  let sheets = 0;
  const sheetElements = { count: 0 };
  try {
    for await (const next of zip as AsyncIterable<ZipEntry>) {
      entry = next;
      next.on('error', () => undefined); // its error ends the loop below, or is zip's (handled above)
      const kind = partKind(next.path);
      if (kind === 'sheet' && ++sheets > limits.sheets)
        refuse(path, 'xlsxLimits.sheets', sheets, limits.sheets, limits.refusalHint);
      const xml = kind === null ? null : new XmlScan(path, kind, sheetElements, limits);
      for await (const chunk of next as AsyncIterable<Buffer>) {
        inflated += chunk.length;
        if (inflated > limits.uncompressed)
          refuse(path, 'xlsxLimits.inflated', inflated, limits.uncompressed, limits.refusalHint);
        xml?.scan(chunk);
      }
      entry = null;
    }
    if (failure) throw failure;
  } catch (error) {
    if (error instanceof SpotcheckError) throw error;
    throw new SpotcheckError('INPUT', msg('io.xlsx.unreadable', { detail: (error as Error).message }), {
      file: path,
      hint: msg('io.xlsx.unreadableHint'),
    });
  } finally {
    file.destroy();
    zip.destroy();
  }
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;
const QUESTION = 0x3f;
const EXCLAMATION = 0x21;
const DOUBLE_QUOTE = 0x22;
const SINGLE_QUOTE = 0x27;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const DASH = 0x2d;

/** Where the scanner is: in text, or in one kind of markup. */
enum At {
  Text,
  Open, // just after "<"
  Name, // a tag's name
  Tag, // a tag's attributes
  Bang, // after "<!"
  Comment,
  Cdata,
  Instruction,
  Declaration,
}

/**
 * A tag name as three numbers, compared without making a string: its length and its first 6 and
 * next 6 bytes (exact up to 12 bytes; a longer name matches none of the names below).
 */
interface Name {
  length: number;
  head: number;
  tail: number;
}
const nameOf = (text: string): Name => {
  const name: Name = { length: 0, head: 0, tail: 0 };
  for (const char of text) addToName(name, char.charCodeAt(0));
  return name;
};
function addToName(name: Name, byte: number): void {
  if (name.length < 6) name.head = name.head * 256 + byte;
  else if (name.length < 12) name.tail = name.tail * 256 + byte;
  name.length++;
}
const NAMES = {
  sheetData: nameOf('sheetData'),
  row: nameOf('row'),
  c: nameOf('c'),
  v: nameOf('v'),
  t: nameOf('t'),
  is: nameOf('is'),
  f: nameOf('f'),
  col: nameOf('col'),
  si: nameOf('si'),
  r: nameOf('r'),
};
const same = (a: Name, b: Name): boolean => a.length === b.length && a.head === b.head && a.tail === b.tail;

/**
 * A byte scanner of one XML part, just enough to bound what exceljs and its sax parser (saxes)
 * hold: the markup token being read, the text gathered into one value, the nesting, and the
 * elements of a part held whole. For worksheets it follows the reader's own state (sheetData, row,
 * c) to know when a value starts, as exceljs appends text to the last value until a new one starts;
 * for shared strings, a string's text starts over at <si>, <t> and </r>, as in exceljs.
 */
class XmlScan {
  private at = At.Text;
  private markup = 0;
  private text = 0;
  private depth = 0;
  private elements = 0;
  private rowCells = 0;
  private columns = 0;
  private quote = 0;
  private brackets = 0;
  private endTag = false;
  private readonly name: Name = { length: 0, head: 0, tail: 0 };
  private bang = '';
  private last = 0;
  private beforeLast = 0;
  private inRows = false;
  private inRow = false;
  private inCell = false;

  constructor(
    private readonly path: string,
    private readonly kind: 'sheet' | 'strings' | 'held',
    /** The elements of all worksheets, counted across their scans. */
    private readonly sheetElements: { count: number },
    private readonly limits: Limits,
  ) {}

  /** One chunk of the part (a plain loop: a flood of tiny tags must scan fast too). */
  scan(chunk: Buffer): void {
    for (let i = 0; i < chunk.length; i++) {
      const byte = chunk[i]!;
      if (this.at === At.Text) {
        if (byte === LT) {
          this.at = At.Open;
          this.markup = 1;
        } else {
          // The rest of this run of text at once: a short run in this loop, a long one natively.
          let stop = i + 1;
          const quick = Math.min(chunk.length, i + 64);
          while (stop < quick && chunk[stop] !== LT) stop++;
          if (stop === quick && quick < chunk.length) {
            const found = chunk.indexOf(LT, quick);
            stop = found < 0 ? chunk.length : found;
          }
          this.text += stop - i;
          if (this.text > this.limits.text)
            refuse(this.path, 'xlsxLimits.text', this.text, this.limits.text, this.limits.refusalHint);
          this.last = chunk[stop - 1]!;
          i = stop - 1;
          continue;
        }
      } else {
        if (++this.markup > this.limits.markup)
          refuse(this.path, 'xlsxLimits.markup', this.markup, this.limits.markup, this.limits.refusalHint);
        switch (this.at) {
          case At.Open:
            this.quote = 0;
            this.name.length = this.name.head = this.name.tail = 0;
            this.endTag = byte === SLASH;
            if (byte === SLASH) this.at = At.Name;
            else if (byte === QUESTION) this.at = At.Instruction;
            else if (byte === EXCLAMATION) {
              this.at = At.Bang;
              this.bang = '';
            } else {
              this.at = At.Name;
              addToName(this.name, byte);
            }
            break;
          case At.Name:
            if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === SLASH) this.at = At.Tag;
            else if (byte === GT) this.endOfTag();
            else addToName(this.name, byte);
            break;
          case At.Tag:
            if (this.quote !== 0) {
              if (byte === this.quote) this.quote = 0;
            } else if (byte === GT) this.endOfTag();
            else if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) this.quote = byte;
            break;
          case At.Bang:
            this.bang += String.fromCharCode(byte);
            if (this.bang === '--') this.at = At.Comment;
            else if (this.bang === '[CDATA[') this.at = At.Cdata;
            else if (!'--'.startsWith(this.bang) && !'[CDATA['.startsWith(this.bang)) {
              this.at = At.Declaration; // <!DOCTYPE …>: never in a workbook; bounded like any markup
              this.brackets = 0;
              this.quote = 0;
              this.declarationByte(byte);
            }
            break;
          case At.Comment:
            if (byte === GT && this.last === DASH && this.beforeLast === DASH) this.at = At.Text;
            break;
          case At.Cdata:
            if (byte === GT && this.last === CLOSE_BRACKET && this.beforeLast === CLOSE_BRACKET) this.at = At.Text;
            break;
          case At.Instruction:
            if (byte === GT && this.last === QUESTION) this.at = At.Text;
            break;
          case At.Declaration:
            this.declarationByte(byte);
            break;
        }
      }
      this.beforeLast = this.last;
      this.last = byte;
    }
  }

  private declarationByte(byte: number): void {
    if (this.quote !== 0) {
      if (byte === this.quote) this.quote = 0;
    } else if (byte === DOUBLE_QUOTE || byte === SINGLE_QUOTE) this.quote = byte;
    else if (byte === OPEN_BRACKET) this.brackets++;
    else if (byte === CLOSE_BRACKET) this.brackets--;
    else if (byte === GT && this.brackets <= 0) this.at = At.Text;
  }

  /** The ">" of a start or end tag ("/>": a start tag that is also its end). */
  private endOfTag(): void {
    this.at = At.Text;
    if (this.endTag) {
      this.close();
      return;
    }
    this.open();
    if (this.last === SLASH) this.close();
  }

  private open(): void {
    const name = this.name;
    if (this.kind !== 'sheet' && ++this.elements > this.limits.elements)
      refuse(this.path, 'xlsxLimits.elements', this.elements, this.limits.elements, this.limits.refusalHint);
    if (++this.depth > this.limits.depth)
      refuse(this.path, 'xlsxLimits.depth', this.depth, this.limits.depth, this.limits.refusalHint);
    if (this.kind === 'sheet') {
      if (++this.sheetElements.count > this.limits.sheetElements)
        refuse(
          this.path,
          'xlsxLimits.sheetElements',
          this.sheetElements.count,
          this.limits.sheetElements,
          this.limits.refusalHint,
        );
      if (same(name, NAMES.col) && ++this.columns > this.limits.columns)
        refuse(this.path, 'xlsxLimits.columns', this.columns, this.limits.columns, this.limits.refusalHint);
      if (same(name, NAMES.sheetData)) this.inRows = true;
      else if (same(name, NAMES.row) && this.inRows) {
        this.inRow = true;
        this.rowCells = 0;
      } else if (same(name, NAMES.c) && this.inRow) {
        this.inCell = true; // a row's <c> elements, even for one column again and again, are its cells
        if (++this.rowCells > this.limits.cellsPerRow)
          refuse(this.path, 'xlsxLimits.rowCells', this.rowCells, this.limits.cellsPerRow, this.limits.refusalHint);
      } else if (
        this.inCell &&
        (same(name, NAMES.v) || same(name, NAMES.t) || same(name, NAMES.is) || same(name, NAMES.f))
      )
        this.text = 0; // a new value
    } else if (this.kind === 'strings') {
      if (same(name, NAMES.si) || same(name, NAMES.t)) this.text = 0;
    } else {
      this.text = 0;
    }
  }

  private close(): void {
    const name = this.name;
    if (this.depth > 0) this.depth--; // an unmatched end tag: saxes stops there
    if (this.kind === 'sheet') {
      if (same(name, NAMES.sheetData)) this.inRows = false;
      else if (same(name, NAMES.row)) this.inRow = false;
      else if (same(name, NAMES.c) && this.inRow) this.inCell = false;
    } else if (this.kind === 'strings') {
      if (same(name, NAMES.r) || same(name, NAMES.si)) this.text = 0;
    } else {
      this.text = 0;
    }
  }
}
