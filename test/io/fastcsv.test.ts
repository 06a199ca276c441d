/**
 * Differential test of the fast CSV path against csv-parse, the reference: on every fixture, the
 * bad-input cases and fuzzed corpora (quoted fields, embedded commas, quotes and newlines, CRLF, BOM,
 * GBK, random byte edits), whenever the fast scanner does not give up it yields exactly csv-parse's
 * records and line numbers, for every way of cutting the file into chunks; where csv-parse fails, the
 * fast scanner gives up.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FastCsvScanner, Unsure } from '../../src/io/fastcsv.js';
import { BOMS, decodeField, validUtf8 } from '../../src/io/fields.js';
import type { Encoding } from '../../src/io/registry.js';
import { benchVariants } from '../benchVariantsKit.js';
import { ROOT } from '../helpers.js';

type Parsed = { records: string[][]; lines: number[] } | 'error';

/** csv-parse with the options spotcheck uses, on the text decoded as spotcheck decodes it (one BOM stripped). */
function reference(bytes: Buffer, encoding: Encoding): Parsed {
  let text: string;
  try {
    text =
      encoding === 'utf-8' ? new TextDecoder('utf-8', { fatal: true }).decode(bytes) : iconv.decode(bytes, 'gb18030');
  } catch {
    return 'error';
  }
  try {
    const rows = parse(text, { skip_empty_lines: true, relax_column_count: false, info: true }) as {
      record: string[];
      info: { lines: number };
    }[];
    if (rows.length === 0) return 'error';
    return { records: rows.map((row) => row.record), lines: rows.map((row) => row.info.lines) };
  } catch {
    return 'error';
  }
}

/**
 * The fast scanner, fed in chunks of `chunk` bytes; 'unsure' when it gives up. The sink declares the
 * columns `declare` picks from the header's field count (every column unless told), and keeps only
 * those of each data record (the header whole).
 */
function fast(
  bytes: Buffer,
  encoding: Encoding,
  chunk: number,
  declare: (count: number) => readonly number[] = (count) => Array.from({ length: count }, (_, index) => index),
): Parsed | 'unsure' {
  if (encoding === 'utf-8' && !validUtf8(bytes)) return 'error';
  const records: string[][] = [];
  const lines: number[] = [];
  let declared: readonly number[] = [];
  const decode = (data: Uint8Array, starts: Int32Array, ends: Int32Array, columns: readonly number[]) =>
    columns.map((index) => decodeField(data, starts[index]!, ends[index]!, encoding));
  const scanner = new FastCsvScanner(
    {
      header(data, starts, ends, count, line) {
        records.push(decode(data, starts, ends, [...Array(count).keys()]));
        lines.push(line);
        declared = declare(count);
        return declared;
      },
      record(data, starts, ends, _count, line) {
        records.push(decode(data, starts, ends, declared));
        lines.push(line);
      },
    },
    BOMS[encoding],
  );
  try {
    for (let offset = 0; offset < bytes.length; offset += chunk) scanner.push(bytes.subarray(offset, offset + chunk));
    scanner.end();
  } catch (error) {
    if (error instanceof Unsure) return 'unsure';
    throw error;
  }
  return { records, lines };
}

let fastAccepted = 0;
function agree(bytes: Buffer, encoding: Encoding, chunks: readonly number[] = [1, 3, 17, 256, 1 << 20]): void {
  const expected = reference(bytes, encoding);
  for (const chunk of chunks) {
    const got = fast(bytes, encoding, chunk);
    if (got === 'unsure') continue;
    if (got === 'error') {
      expect(expected, `fast path found invalid ${encoding}, chunk ${chunk}`).toBe('error');
      continue;
    }
    fastAccepted++;
    expect(
      expected,
      `csv-parse failed where the fast path did not (chunk ${chunk}): ${JSON.stringify(bytes.toString('latin1').slice(0, 200))}`,
    ).not.toBe('error');
    expect(got, `chunk ${chunk}`).toEqual(expected);
  }
}

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : name.endsWith('.csv') ? [path] : [];
  });
}

const HANDWRITTEN: readonly string[] = [
  'a,b\n1,2\n',
  'a,b\r\n1,2\r\n',
  'a,b\n1,2',
  'a,b\r\n1,2',
  '\ufeffa,b\n1,2\n',
  'a,b\n\n1,2\n\n',
  'a,b\r\n\r\n1,2\r\n',
  'a,b\n"1,5","2"\n',
  'a,b\n"x ""quoted"" y",2\n',
  'a,b\n"multi\nline",2\n3,4\n',
  'a,b\r\n"multi\r\nline",2\r\n3,4\r\n',
  'a,b\n"",""\n',
  'a,b\n,\n',
  '户编号,行政县\nH1,元阳县\n"H2","红河县"\n',
  'a,b\n1,2,3\n',
  'a,b\n1\n',
  'a,b\n"1,2\n',
  'a,b\n1"x,2\n',
  'a,b\n"1"x,2\n',
  'a,b\n1\r2,3\n',
  'a,b\n1,2\r\n3,4\n',
  'a,b\r\n1,2\n3,4\r\n',
  'a,b\n1,2\r',
  'a,b\n 1 , 2 \n',
  'a\n\n\n',
  '',
  '\n\n',
  'a,b\n"a\rb",2\n',
  'a,b\n"q"\r\n',
  // Quoted records read in place, and those with "" copied once and unescaped (issue 16): several
  // escaped fields, escapes beside line breaks inside quotes, a quote or CR in an unquoted field of
  // a quoted record, an escape at the end of the file.
  'a,b,c\n"x""y",plain,"""z"""\n1,"2",3\n',
  'a,b,c\n"1\n""2""\r\n3","",x\r\n',
  'a,b,c\n"ok",1"x,2\n',
  'a,b,c\n"ok",1\r2,3\n',
  'a,b,c\n"ok",+(1) !&,"p""q"',
  'a,b\n"1""',
  // A bare CR inside an unquoted record of a CRLF file (found by the comma loop, not by indexOf).
  'a,b\r\n1\r2,3\r\n',
  'a,b\r\n1,2\r\r\n',
  'a,b\r\n\r1,2\r\n',
  // ... and of an LF file (the same loop), at the start, the middle and the end of a record and of the file.
  'a,b\n1\r2,3\n',
  'a,b\n\r1,2\n',
  'a,b\n1,2\r',
  'a,b\n1,2\n3,\r4\n5,6\n',
  // CRs inside quoted fields of a CRLF file after unquoted records (the next CR not known: counted
  // from the field's bytes), and a quoted field with a CR before one with CRLF.
  'a,b\r\n1,2\r\n"x\ry","z\r\nw"\r\n3,4\r\n"p","q"\r\n',
  'a,b\r\n"1",2\r\n"\r\r","\r\n"\r\n',
];

describe('fast CSV path agrees with csv-parse', () => {
  it('on every CSV fixture and golden file, UTF-8 and re-encoded as GBK, in any chunking', () => {
    for (const path of [...files(join(ROOT, 'fixtures')), ...files(join(ROOT, 'test', 'golden'))]) {
      const bytes = readFileSync(path);
      agree(bytes, 'utf-8', [7, 4096, 1 << 20]);
      const text = bytes.toString('utf8').replace(/^\ufeff/, '');
      agree(iconv.encode(text, 'gbk'), 'gb18030', [4096, 1 << 20]);
    }
  });

  it("on the benchmark's registry variants (bench/variants.mjs): reordered and Chinese headers, extra columns, GBK + CRLF, split", async () => {
    // 40 households: a few KB per variant, every shape of the big files (quoted cells, padded
    // names, "" quotes and commas in free text, a line break in a quoted cell, BOM, CRLF, GBK).
    const variants = await benchVariants(40);
    for (const [variant, outputs] of variants) {
      for (const [name, bytes] of Object.entries(outputs)) {
        const encoding: Encoding = variant === 'person-gbk' ? 'gb18030' : 'utf-8';
        agree(bytes, encoding, [1, 5, 64, 4096, 1 << 20]);
        // The fast path must not give up on them: these are the files the benchmark times.
        expect(fast(bytes, encoding, 4096), `${variant} ${name}: the fast path gave up`).not.toBe('unsure');
      }
    }
    const extra = variants.get('hh-extra')!['hh-extra.csv']!.toString('utf8');
    expect(extra).toMatch(/"[^"\n]*""[^"\n]*""/); // "" quotes inside a quoted cell
    expect(extra).toMatch(/"[^"]*\n（续）/); // a line break inside a quoted cell
  });

  it("yields csv-parse's fields in the declared columns when a sink declares only some, on every variant shape", async () => {
    const variants = await benchVariants(40);
    let compared = 0;
    for (const [variant, outputs] of variants) {
      for (const [name, bytes] of Object.entries(outputs)) {
        const encoding: Encoding = variant === 'person-gbk' ? 'gb18030' : 'utf-8';
        const expected = reference(bytes, encoding);
        if (expected === 'error') throw new Error(`csv-parse failed on ${variant} ${name}`);
        const width = expected.records[0]!.length;
        // Each column alone, every other column (both ways), and none.
        const subsets = [
          ...Array.from({ length: width }, (_, column) => [column]),
          Array.from({ length: width }, (_, column) => column).filter((column) => column % 2 === 0),
          Array.from({ length: width }, (_, column) => column).filter((column) => column % 2 === 1),
          [],
        ];
        for (const subset of subsets) {
          for (const chunk of [5, 4096]) {
            const got = fast(bytes, encoding, chunk, () => subset);
            expect(got, `${variant} ${name}: the fast path gave up`).not.toBe('unsure');
            expect(got).toEqual({
              records: expected.records.map((record, index) =>
                index === 0 ? record : subset.map((column) => record[column]),
              ),
              lines: expected.lines,
            });
            compared++;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('on fuzzed well-formed CSV with a random subset of columns declared', () => {
    const field = fc
      .array(fc.constantFrom('x', '汉', ',', '"', '""', '\n', '\r\n', ' '), { maxLength: 5 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(field, fc.boolean()), { minLength: 4, maxLength: 4 }), {
          minLength: 2,
          maxLength: 6,
        }),
        fc.subarray([0, 1, 2, 3]),
        fc.boolean(),
        (rows, subset, crlf) => {
          const quote = ([value, always]: [string, boolean]) =>
            always || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
          const bytes = Buffer.from(rows.map((row) => row.map(quote).join(',')).join(crlf ? '\r\n' : '\n'), 'utf8');
          const expected = reference(bytes, 'utf-8');
          for (const chunk of [1, 3, 1 << 20]) {
            const got = fast(bytes, 'utf-8', chunk, () => subset);
            if (got === 'unsure') continue;
            expect(expected).not.toBe('error');
            if (expected === 'error' || got === 'error') continue;
            expect(got.lines).toEqual(expected.lines);
            expect(got.records).toEqual(
              expected.records.map((record, index) => (index === 0 ? record : subset.map((column) => record[column]))),
            );
          }
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('leaves a field the sink does not read as its raw bytes, and the record in place (no copy)', () => {
    // Column 1 holds "" and is not declared: nothing to unescape, so the record is handed over
    // where it lies in the chunk, its field 1 as the bytes between its quotes.
    const chunk = Buffer.from('a,b,c\n"1","x ""y"" z","2""3"\n', 'utf8');
    const seen: { same: boolean; fields: string[] }[] = [];
    const scanner = new FastCsvScanner(
      {
        header: () => [0, 2],
        record(data, starts, ends, count) {
          seen.push({
            same: data === chunk,
            fields: Array.from({ length: count }, (_, index) =>
              decodeField(data, starts[index]!, ends[index]!, 'utf-8'),
            ),
          });
        },
      },
      null,
    );
    scanner.push(chunk);
    scanner.end();
    // Column 2 is declared: unescaped, so this record is copied (the scratch buffer).
    expect(seen).toEqual([{ same: false, fields: ['1', 'x ""y"" z', '2"3'] }]);
    seen.length = 0;
    const inPlace = Buffer.from('a,b,c\n"1","x ""y"" z",23\n', 'utf8');
    const again = new FastCsvScanner(
      {
        header: () => [0, 2],
        record(data, starts, ends, count) {
          seen.push({
            same: data === inPlace,
            fields: Array.from({ length: count }, (_, index) =>
              decodeField(data, starts[index]!, ends[index]!, 'utf-8'),
            ),
          });
        },
      },
      null,
    );
    again.push(inPlace);
    again.end();
    expect(seen).toEqual([{ same: true, fields: ['1', 'x ""y"" z', '23'] }]);
  });

  it('on hand-written cases: quotes, embedded commas, quotes and newlines, CRLF, BOM, empty lines, and bad input', () => {
    for (const text of HANDWRITTEN) {
      agree(Buffer.from(text, 'utf8'), 'utf-8');
      agree(iconv.encode(text, 'gbk'), 'gb18030');
    }
  });

  it('on quoted cells around the length where the closing quote is looked for by indexOf (48 bytes), "" on either side, in any chunking', () => {
    const cells: string[] = [];
    for (const length of [0, 1, 46, 47, 48, 49, 50, 95, 96, 97, 300]) {
      const plain = 'x'.repeat(length);
      cells.push(plain, `${plain}""`, `""${plain}`, `${plain.slice(0, length >> 1)}""${plain.slice(length >> 1)}`);
      cells.push('帮'.repeat(Math.ceil(length / 3)), `${'x'.repeat(Math.max(0, length - 1))},`);
    }
    const rows = cells.map(
      (cell, index) => `${index},"${cell}",${index % 2 ? `"${cells[cells.length - 1 - index]}"` : 'end'}`,
    );
    // A quote never closed, after more than 48 bytes: unsure, as csv-parse refuses it.
    const wellFormed = [`a,b,c\n${rows.join('\n')}\n`, `a,b,c\r\n${rows.join('\r\n')}`];
    for (const text of wellFormed)
      for (const chunk of [1, 5, 47, 48, 49, 64, 1 << 20])
        expect(fast(Buffer.from(text, 'utf8'), 'utf-8', chunk), `chunk ${chunk}`).not.toBe('unsure');
    // A quote never closed, after more than 48 bytes: unsure, as csv-parse refuses it.
    for (const text of [...wellFormed, `a,b,c\n1,"${'y'.repeat(60)},2\n`]) {
      agree(Buffer.from(text, 'utf8'), 'utf-8', [1, 5, 47, 48, 49, 64, 1 << 20]);
      agree(iconv.encode(text, 'gbk'), 'gb18030', [7, 49, 1 << 20]);
    }
  });

  it('on fuzzed CSV text (quotes, commas, newlines, CR, Chinese)', () => {
    const alphabet = fc.constantFrom(
      'a',
      'b',
      '1',
      '汉',
      '字',
      ',',
      ',',
      '"',
      '"',
      '\n',
      '\n',
      '\r\n',
      '\r',
      ' ',
      '\ufeff',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }),
        fc.constantFrom<Encoding>('utf-8', 'gb18030'),
        (parts, encoding) => {
          const text = parts.join('');
          agree(encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gbk'), encoding, [
            1,
            2,
            5,
            1 << 20,
          ]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('on fuzzed well-formed CSV (random quoting of random fields)', () => {
    const field = fc
      .array(fc.constantFrom('x', '汉', ',', '"', '\n', '\r\n', ' ', '9'), { maxLength: 6 })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.array(fc.array(fc.tuple(field, fc.boolean()), { minLength: 4, maxLength: 4 }), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        (width, rows, crlf) => {
          const quote = ([value, always]: [string, boolean]) =>
            always || /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
          const text = rows.map((row) => row.slice(0, width).map(quote).join(',')).join(crlf ? '\r\n' : '\n');
          agree(Buffer.from(text, 'utf8'), 'utf-8', [1, 3, 1 << 20]);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('on random byte edits of a fixture (mutation fuzz)', () => {
    const sample = readFileSync(join(ROOT, 'fixtures', 'eval-results.csv')).subarray(0, 3000);
    const bytes = fc.constantFrom(0x22, 0x2c, 0x0a, 0x0d, 0x20, 0x41, 0xe6, 0x80, 0x00);
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.nat({ max: sample.length - 1 }), bytes), { minLength: 1, maxLength: 6 }),
        (edits) => {
          const mutated = Buffer.from(sample);
          for (const [at, value] of edits) mutated[at] = value;
          agree(mutated, 'utf-8', [64, 1 << 20]);
        },
      ),
      { numRuns: 1500 },
    );
    expect(fastAccepted).toBeGreaterThan(1000);
  });
});

describe('decodeField', () => {
  it('reads a GB18030 field as iconv-lite does, whether it is all ASCII (read without the decoder) or not', () => {
    const byte = fc.oneof(
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 0x7f }) },
      { weight: 1, arbitrary: fc.integer({ min: 0x80, max: 0xff }) },
    );
    fc.assert(
      fc.property(fc.array(byte, { maxLength: 24 }), fc.nat({ max: 24 }), fc.nat({ max: 24 }), (values, a, b) => {
        const bytes = Buffer.from(values);
        const start = Math.min(a, b, bytes.length);
        const end = Math.min(Math.max(a, b), bytes.length);
        expect(decodeField(bytes, start, end, 'gb18030')).toBe(
          iconv.decode(bytes.subarray(start, end), 'gb18030', { stripBOM: false }),
        );
      }),
      { numRuns: 2000 },
    );
    // Every ASCII byte, and a field after a multi-byte character in the same buffer.
    const ascii = Buffer.from(Array.from({ length: 128 }, (_, index) => index));
    expect(decodeField(ascii, 0, 128, 'gb18030')).toBe(iconv.decode(ascii, 'gb18030'));
    const mixed = iconv.encode('张三,530722', 'gb18030');
    expect(decodeField(mixed, 5, mixed.length, 'gb18030')).toBe('530722');
    expect(decodeField(mixed, 0, 4, 'gb18030')).toBe('张三');
  });
});
