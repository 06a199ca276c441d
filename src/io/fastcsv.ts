/**
 * A byte-level CSV scanner for the hot loop: it finds the fields of each record as byte ranges
 * without decoding them, so that a pass over millions of records only decodes the few distinct
 * values it needs. It accepts exactly the RFC 4180 subset it can be sure of — LF or CRLF line ends
 * (one style per file), fields quoted or not, "" inside quotes, every record as long as the header —
 * and throws `Unsure` on anything else (a quote inside an unquoted field, text after a closing quote,
 * a bare CR, mixed line ends, a short or long record, an unterminated quote), where the caller falls
 * back to csv-parse, the reference parser, for the whole file. test/io/fastcsv.test.ts proves on
 * fixtures, bad inputs and a fuzzed corpus that it yields csv-parse's records whenever it does not
 * throw. A field with "" is unescaped only in the columns the sink declares it reads (RecordSink).
 *
 * Byte scanning is sound for UTF-8 and for GB18030/GBK alike: the bytes of `,` `"` CR and LF never
 * occur inside a multi-byte character of either encoding.
 */

const COMMA = 0x2c;
const QUOTE = 0x22;
const LF = 0x0a;
const CR = 0x0d;

/** How far nextQuote looks byte by byte before it calls indexOf. */
const NEAR_QUOTE_BYTES = 48;

/**
 * The first quote at or after `from`, or -1: the next NEAR_QUOTE_BYTES bytes looked at here, the
 * rest by indexOf. A registry's quoted cells are short (a name, a code, an amount), and a native
 * indexOf costs more to call (about 100 ns) than this loop takes over a short cell; a long free-text
 * cell still gets memchr's speed for its tail.
 */
function nextQuote(buffer: Buffer, from: number): number {
  const near = Math.min(buffer.length, from + NEAR_QUOTE_BYTES);
  for (let index = from; index < near; index++) if (buffer[index] === QUOTE) return index;
  return near < buffer.length ? buffer.indexOf(QUOTE, near) : -1;
}

/** The longest record (row) the fast path holds, in bytes: a longer one goes to csv-parse, which refuses it. */
const MAX_RECORD_BYTES = 1024 * 1024;

/** The fast path cannot be sure this file parses as csv-parse parses it. */
export class Unsure extends Error {
  constructor(readonly reason: string) {
    super(`fast CSV path unsure: ${reason}`);
  }
}

/**
 * Receives records as byte ranges of `bytes` (valid until the call returns). A sink reads only the
 * columns it declared (header's answer): the fields of the others are handed over as their raw
 * bytes between the quotes, "" pairs not unescaped.
 */
export interface RecordSink {
  /**
   * The header record, already split. Returns the columns the sink reads from the data records (their
   * "" pairs unescaped), or nothing when it reads every column.
   */
  header(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    count: number,
    line: number,
  ): readonly number[] | undefined;
  /**
   * A data record; `line` is the line its last byte is on (as csv-parse's info.lines), `offset` the
   * file offset of its first byte (-1 where unknown) and `firstLine` the line it starts on.
   */
  record(
    bytes: Uint8Array,
    starts: Int32Array,
    ends: Int32Array,
    count: number,
    line: number,
    offset: number,
    firstLine: number,
  ): void;
}

export class FastCsvScanner {
  private remainder: Buffer | null = null;
  private line = 1;
  private style: 'lf' | 'crlf' | null = null;
  private fieldCount = -1;
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private scratch = Buffer.alloc(4096);
  /** The fields of the quoted record in hand that hold "" and are read (quotedRecord), in order. */
  private escaped = new Int32Array(16);
  /** 1 for each column the sink reads (its "" unescaped), or null when it reads every column. */
  private read: Uint8Array | null = null;
  private first = true;

  /** File offset of byte 0 of the buffer being scanned. */
  private base = 0;
  /** File offset of the first byte of the remainder (or of the next chunk). */
  private next = 0;

  /**
   * `resume` continues a file from a known record boundary (pass 2 reads only some byte ranges):
   * the header's field count, the line and the file offset where the range starts.
   */
  constructor(
    private readonly sink: RecordSink,
    private readonly bom: Uint8Array | null,
    resume?: { fieldCount: number; line: number; offset: number },
  ) {
    if (resume) {
      this.fieldCount = resume.fieldCount;
      this.line = resume.line;
      this.next = resume.offset;
      this.first = false;
    }
  }

  /** Records seen so far (the header not counted). */
  records = 0;

  /** The line the scanner is on (1 + the line feeds consumed, from where it started). */
  get currentLine(): number {
    return this.line;
  }

  /** Feeds the next chunk of the file. */
  push(chunk: Buffer): void {
    if (this.remainder && !this.first) {
      // Finish the record cut by the previous chunk on a small joined buffer, then scan this chunk in
      // place (no copy of the whole chunk), unless the cut record spans more than one line.
      const lineFeed = chunk.indexOf(LF);
      if (lineFeed >= 0) {
        const joined = Buffer.concat([this.remainder, chunk.subarray(0, lineFeed + 1)]);
        this.base = this.next;
        const used = this.scan(joined, false);
        if (used === joined.length) {
          this.remainder = null;
          this.next += used;
          chunk = chunk.subarray(lineFeed + 1);
        }
      }
    }
    let buffer = this.remainder ? Buffer.concat([this.remainder, chunk]) : chunk;
    if (this.first) {
      // Wait for enough bytes to tell whether the file starts with a byte-order mark.
      if (
        this.bom &&
        buffer.length < this.bom.length &&
        this.bom.subarray(0, buffer.length).every((byte, index) => buffer[index] === byte)
      ) {
        this.remainder = Buffer.from(buffer);
        return;
      }
      this.first = false;
      if (this.bom && buffer.length >= this.bom.length && this.bom.every((byte, index) => buffer[index] === byte)) {
        buffer = buffer.subarray(this.bom.length);
        this.next += this.bom.length;
      }
    }
    this.base = this.next;
    const used = this.scan(buffer, false);
    this.next += used;
    this.remainder = used < buffer.length ? Buffer.from(buffer.subarray(used)) : null;
    // A record longer than any registry row (a field of hundreds of MiB): csv-parse, with its
    // max_record_size, refuses it in bounded memory (src/io/registry.ts MAX_RECORD_CHARS).
    if (this.remainder !== null && this.remainder.length > MAX_RECORD_BYTES) throw new Unsure('record too long');
  }

  /** Ends the file. */
  end(): void {
    if (this.first && this.remainder && this.bom && this.remainder.length === this.bom.length) this.remainder = null;
    this.base = this.next;
    if (this.remainder) this.scan(this.remainder, true);
    this.remainder = null;
    if (this.fieldCount < 0) throw new Unsure('no header');
  }

  private grow(count: number): void {
    if (count < this.starts.length) return;
    const size = Math.max(count + 1, this.starts.length * 2);
    const starts = new Int32Array(size);
    const ends = new Int32Array(size);
    starts.set(this.starts);
    ends.set(this.ends);
    this.starts = starts;
    this.ends = ends;
  }

  private checkStyle(crlf: boolean): void {
    const style = crlf ? 'crlf' : 'lf';
    if (this.style === null) this.style = style;
    else if (this.style !== style) throw new Unsure('mixed line ends');
  }

  private emit(bytes: Uint8Array, count: number, line: number, start: number, firstLine = line): void {
    if (this.fieldCount < 0) {
      this.fieldCount = count;
      const columns = this.sink.header(bytes, this.starts, this.ends, count, line);
      if (columns) {
        this.read = new Uint8Array(count);
        for (const column of columns) if (column >= 0 && column < count) this.read[column] = 1;
      }
      return;
    }
    if (count !== this.fieldCount) throw new Unsure(`record of ${count} fields after a header of ${this.fieldCount}`);
    this.records++;
    this.sink.record(bytes, this.starts, this.ends, count, line, this.base + start, firstLine);
  }

  /** Scans complete records of `buffer`; returns how many bytes were consumed. */
  private scan(buffer: Buffer, final: boolean): number {
    const length = buffer.length;
    let position = 0;
    let nextQuote = buffer.indexOf(QUOTE, 0);
    if (nextQuote < 0) nextQuote = length;
    let nextCarriageReturn = buffer.indexOf(CR, 0);
    if (nextCarriageReturn < 0) nextCarriageReturn = length;
    while (position < length) {
      let lineFeed = buffer.indexOf(LF, position);
      if (lineFeed < 0) {
        if (!final) return position;
        lineFeed = length;
      }
      if (nextQuote < position) {
        nextQuote = buffer.indexOf(QUOTE, position);
        if (nextQuote < 0) nextQuote = length;
      }
      if (nextQuote < lineFeed) {
        if (nextCarriageReturn < position) {
          nextCarriageReturn = buffer.indexOf(CR, position);
          if (nextCarriageReturn < 0) nextCarriageReturn = length;
        }
        const next = this.quotedRecord(buffer, position, final, lineFeed, nextCarriageReturn);
        if (next < 0) return position;
        position = next;
        continue;
      }
      // A record without quotes: split at commas. A CR may only end the line (one inside is found by
      // the loop that looks at every byte for commas, splitUnquoted).
      let lineEnd = lineFeed;
      const crlf = lineEnd > position && buffer[lineEnd - 1] === CR;
      if (crlf) lineEnd--;
      if (lineFeed < length) this.checkStyle(crlf);
      else if (crlf) throw new Unsure('a bare CR at the end of the file');
      if (lineEnd === position) {
        // An empty line: skipped, as csv-parse's skip_empty_lines does.
        if (lineFeed < length) this.line++;
        position = lineFeed + 1;
        continue;
      }
      const count = this.splitUnquoted(buffer, position, lineEnd);
      this.emit(buffer, count, this.line, position);
      if (lineFeed < length) this.line++;
      position = lineFeed + 1;
    }
    return length;
  }

  /**
   * Splits the unquoted record buffer[start, lineEnd) (a CRLF record's CR excluded) at commas into
   * starts and ends; a CR inside it is a bare CR. Returns the field count. Every byte is looked at
   * once; those above the comma (digits, letters, every byte of a Chinese character) with one test.
   */
  private splitUnquoted(buffer: Buffer, start: number, lineEnd: number): number {
    let count = 0;
    let fieldStart = start;
    for (let index = start; index < lineEnd; index++) {
      const byte = buffer[index]!;
      if (byte > COMMA) continue;
      if (byte === COMMA) {
        if (count + 1 >= this.starts.length) this.grow(count + 1);
        this.starts[count] = fieldStart;
        this.ends[count] = index;
        count++;
        fieldStart = index + 1;
      } else if (byte === CR) throw new Unsure('a bare CR inside a record');
    }
    if (count + 1 >= this.starts.length) this.grow(count + 1);
    this.starts[count] = fieldStart;
    this.ends[count] = lineEnd;
    return count + 1;
  }

  /**
   * A record with at least one quote. Its fields are found where they are, a quoted field's bytes
   * between its quotes, each closing quote by nextQuote, and the CRs and LFs inside quotes counted by
   * indexOf too (`lineFeed` and `carriageReturn` are the first of each at or after `start`, or
   * `buffer.length`): nothing is copied, unless a field the sink reads holds "" — then the record is
   * copied whole into the scratch buffer (one native copy) and each such field unescaped there. Returns the
   * position after the record, or -1 when it is not complete in this buffer (more data will come).
   * Long on purpose: the loop of every quoted record (the per-record hot path) is kept inline, its
   * state in locals; a call per field would cost on every quoted record. Do not split it.
   */
  private quotedRecord(
    buffer: Buffer,
    start: number,
    final: boolean,
    lineFeed: number,
    carriageReturn: number,
  ): number {
    const length = buffer.length;
    let position = start;
    let count = 0;
    let newlines = 0;
    let escapedCount = 0;
    const read = this.read;
    let starts = this.starts;
    let ends = this.ends;
    for (;;) {
      if (count + 1 >= starts.length) {
        this.grow(count + 1);
        starts = this.starts;
        ends = this.ends;
      }
      let fieldStart: number;
      let fieldEnd: number;
      if (position < length && buffer[position] === QUOTE) {
        fieldStart = position + 1;
        let quote = nextQuote(buffer, fieldStart);
        for (;;) {
          if (quote < 0) {
            if (final) throw new Unsure('an unterminated quote');
            return -1;
          }
          if (quote + 1 >= length && !final) return -1;
          if (buffer[quote + 1] !== QUOTE) break;
          // "" inside quotes: one quote of the field's text, unescaped once the record is complete
          // when the sink reads the field (a field it does not read keeps its raw bytes).
          if (
            (read === null || read[count] === 1) &&
            (escapedCount === 0 || this.escaped[escapedCount - 1] !== count)
          ) {
            if (escapedCount >= this.escaped.length) {
              const bigger = new Int32Array(this.escaped.length * 2);
              bigger.set(this.escaped);
              this.escaped = bigger;
            }
            this.escaped[escapedCount++] = count;
          }
          quote = nextQuote(buffer, quote + 2);
        }
        // Every CR and every LF inside quotes is a line, as csv-parse counts them.
        while (lineFeed < quote) {
          newlines++;
          lineFeed = buffer.indexOf(LF, lineFeed + 1);
          if (lineFeed < 0) lineFeed = length;
        }
        while (carriageReturn < quote) {
          newlines++;
          carriageReturn = buffer.indexOf(CR, carriageReturn + 1);
          if (carriageReturn < 0) carriageReturn = length;
        }
        fieldEnd = quote;
        position = quote + 1;
      } else {
        let index = position;
        for (;;) {
          // The bytes that end or break an unquoted field (, " CR LF) are all at most 0x2c: one test
          // a byte passes the others (digits, letters, the bytes of every Chinese character).
          while (index < length && buffer[index]! > COMMA) index++;
          if (index >= length) break;
          const byte = buffer[index]!;
          if (byte === COMMA || byte === LF || byte === CR) break;
          if (byte === QUOTE) throw new Unsure('a quote inside an unquoted field');
          index++;
        }
        if (index >= length && !final) return -1;
        fieldStart = position;
        fieldEnd = index;
        position = index;
      }
      starts[count] = fieldStart;
      ends[count] = fieldEnd;
      count++;
      // After a field: a comma, a line end, or the end of the file.
      let next: number;
      if (position >= length) {
        if (!final) return -1;
        next = length;
      } else {
        const byte = buffer[position];
        if (byte === COMMA) {
          position++;
          continue;
        }
        if (byte === CR) {
          if (position + 1 >= length) {
            if (!final) return -1;
            throw new Unsure('a bare CR at the end of the file');
          }
          if (buffer[position + 1] !== LF) throw new Unsure('a bare CR after a field');
          this.checkStyle(true);
          next = position + 2;
        } else if (byte === LF) {
          this.checkStyle(false);
          next = position + 1;
        } else throw new Unsure('text after a closing quote');
      }
      const bytes = escapedCount === 0 ? buffer : this.unescape(buffer, start, position, count, escapedCount);
      this.emit(bytes, count, this.line + newlines, start, this.line);
      // The line after the record's last: its line end, if it has one, is one more line.
      this.line += newlines + (next > position ? 1 : 0);
      return next;
    }
  }

  /**
   * Copies the record buffer[start, end) into the scratch buffer and unescapes there each field of
   * `this.escaped` (its "" pairs made one quote, the field shortened in place); the fields' starts
   * and ends are moved to the scratch buffer. Returns the scratch buffer.
   */
  private unescape(buffer: Buffer, start: number, end: number, count: number, escapedCount: number): Buffer {
    if (end - start > this.scratch.length) this.scratch = Buffer.alloc(Math.max(this.scratch.length * 2, end - start));
    const scratch = this.scratch;
    buffer.copy(scratch, 0, start, end);
    const starts = this.starts;
    const ends = this.ends;
    for (let field = 0; field < count; field++) {
      starts[field] = starts[field]! - start;
      ends[field] = ends[field]! - start;
    }
    for (let index = 0; index < escapedCount; index++) {
      const field = this.escaped[index]!;
      const fieldEnd = ends[field]!;
      let out = starts[field]!;
      for (let at = out; at < fieldEnd; at++) {
        const byte = scratch[at]!;
        scratch[out++] = byte;
        if (byte === QUOTE) at++; // the second quote of the pair
      }
      ends[field] = out;
    }
    return scratch;
  }
}
