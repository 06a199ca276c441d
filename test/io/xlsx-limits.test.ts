/**
 * Resource bombs in an .xlsx registry (issue 13: an 827 KB workbook took 115 s and 3 GB). Each
 * hostile workbook is built here, at test time (test/xlsxBombs.ts), and given to the built CLI in a
 * process with a 384 MB heap, so that a memory blow-up crashes instead of passing: every one must end
 * in exit 2 with a message naming the limit, no stack trace, no output folder, in bounded time. The
 * bombs run one after another in one such process (test/cliProcess.ts: a node start costs more CPU
 * than most bombs); the control and the overrun (a hang that only the binary's own guard ends) run
 * the binary itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CliProcess } from '../cliProcess.js';
import { NATIONAL_HEADER, ROOT, tempDir } from '../helpers.js';
import {
  cell,
  frameParts,
  part,
  sheetHead,
  sheetPart,
  sheetTail,
  stringsHead,
  stringsTail,
  zip,
  type Part,
} from '../xlsxBombs.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const dir = tempDir('spotcheck-xlsx-bombs-');

const PERSON = [
  '峨山彝族自治县',
  '平通彝族乡',
  '弥鹤村',
  '新光村',
  '5304261012010001',
  '530426101201000101',
  '朱华',
  '530426195906154156',
  '1',
  '户主',
  '已脱贫',
  '2014',
  '低保贫困户',
  '是',
];
const column = (index: number): string => String.fromCharCode(65 + index);
const row = (number: number, values: readonly string[]): string =>
  `<row r="${number}">${values.map((value, index) => cell(`${column(index)}${number}`, value)).join('')}</row>`;
/** A header and one household: a registry monthly can draw from. */
const HONEST_ROWS = row(1, NATIONAL_HEADER) + row(2, PERSON);

/** A sheet part: the honest rows, then `body` `times` times inside <sheetData> (or after it), then the end. */
const sheetWith = (body: string, times: number, inRows = true): Part =>
  part(
    'xl/worksheets/sheet1.xml',
    sheetHead + HONEST_ROWS + (inRows ? '' : '</sheetData>'),
    body,
    times,
    `${inRows ? '</sheetData>' : ''}</worksheet>`,
  );

const write = (name: string, parts: readonly Part[], declare?: (p: Part) => number): string => {
  const path = join(dir, name);
  const sheets = parts.filter((p) => p.name.startsWith('xl/worksheets/')).length;
  writeFileSync(path, zip([...frameParts(sheets), ...parts], declare));
  return path;
};

interface Run {
  readonly status: number | null;
  readonly signal: string | null;
  readonly stderr: string;
  readonly seconds: number;
}

const ENV = {
  ...process.env,
  NODE_OPTIONS: '--max-old-space-size=384',
  NO_COLOR: '1',
  FORCE_COLOR: '0',
  LANG: 'C.UTF-8',
  LC_ALL: '',
  LC_MESSAGES: '',
};
const drawArgs = (path: string, out: string) => [
  'monthly',
  path,
  '--month',
  '2026-11',
  '--seed',
  'x',
  '--level',
  'province',
  '--out',
  out,
];

/** `spotcheck monthly BOMB --out DIR` on the built binary, with a 384 MB heap and a 30 s kill. */
function drawSpawned(path: string, out: string): Run {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'spotcheck'), ...drawArgs(path, out)], {
    cwd: dir,
    encoding: 'utf8',
    env: ENV,
    timeout: 30_000,
    maxBuffer: 16 * MiB,
  });
  return {
    status: result.status,
    signal: result.signal,
    stderr: result.stderr,
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

/** The process with a 384 MB heap that runs the bombs; a new one after a crash or a kill. */
const bombs = new CliProcess(ENV);
afterAll(() => bombs.stop());

/** `spotcheck monthly BOMB --out DIR` on the built CLI in a process with a 384 MB heap, killed after 30 s. */
const draw = (path: string, out: string): Promise<Run> => bombs.run(drawArgs(path, out), dir, 30);

/** Exit 2, the limit named, no stack trace, nothing written, in under 20 s. */
async function expectRefused(
  name: string,
  parts: readonly Part[],
  limit: RegExp,
  declare?: (p: Part) => number,
): Promise<void> {
  const path = write(name, parts, declare);
  const out = join(dir, `${name}.out`);
  const run = await draw(path, out);
  expect(run.signal, run.stderr).toBeNull();
  expect(run.status, run.stderr).toBe(2);
  expect(run.stderr).toContain(`${name}: workbook too large once uncompressed`);
  expect(run.stderr).toMatch(limit);
  expect(run.stderr).not.toMatch(/^\s+at /m);
  expect(existsSync(out)).toBe(false);
  expect(run.seconds).toBeLessThan(20);
}

describe('xlsx resource bombs (built binary, 384 MB heap)', { timeout: 60_000 }, () => {
  it('control: the honest workbook these bombs are built around is drawn from', () => {
    const path = write('honest.xlsx', [sheetPart(HONEST_ROWS)]);
    const run = drawSpawned(path, join(dir, 'honest.out'));
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(existsSync(join(dir, 'honest.out', 'manifest.json'))).toBe(true);
  });

  describe('a. sizes the zip declares', () => {
    it('a sheet declaring 2 GiB is refused before it is streamed', async () => {
      await expectRefused(
        'declared.xlsx',
        [sheetPart(HONEST_ROWS)],
        /the uncompressed size the zip declares is \d+, the limit is 1073741824/,
        (p) => (p.name.endsWith('sheet1.xml') ? 2 * GiB : p.size),
      );
    });

    it('a ZIP64 size (0xFFFFFFFF) is refused', async () => {
      await expectRefused('zip64.xlsx', [sheetPart(HONEST_ROWS)], /a ZIP64 size is 4294967295/, (p) =>
        p.name.endsWith('sheet1.xml') ? 0xffffffff : p.size,
      );
    });
  });

  describe('b. a lying zip: tiny declared sizes, parts that inflate to GiB', () => {
    it('2 GiB of cells in 2 MB, declared as 1,000 bytes a part: stopped once 1 GiB has inflated', async () => {
      const cells = `<row r="3">${cell('A3', 'x'.repeat(1000)).repeat(1000)}</row>`; // ~1 MiB, each value well within the limits
      await expectRefused(
        'lying.xlsx',
        [sheetWith(cells, 2 * 1024)],
        /the size its parts inflate to \(counted up to here\) is \d+, the limit is 1073741824/,
        () => 1000,
      );
    });

    it('2 GiB of whitespace after the last cell (one growing text for the sax parser) is stopped at 1 MiB', async () => {
      await expectRefused(
        'padded.xlsx',
        [sheetWith(' '.repeat(MiB), 2 * 1024)],
        /the XML text of one cell or shared string \(bytes\) is \d+, the limit is 1048576/,
        () => 1000,
      );
    });

    it('text cut by tags (exceljs appends it all to the last value) is counted as one value', async () => {
      await expectRefused(
        'split-text.xlsx',
        [sheetWith('abc<x/>'.repeat(MiB / 8), 64, false)],
        /the XML text of one cell or shared string/,
      );
    });
  });

  it('a part whose data runs past the end of the file (checked first, as exceljs would wait for it) ends in exit 2, not a hang', () => {
    const bytes = zip([...frameParts(), sheetPart(HONEST_ROWS)]);
    const local = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) - 30;
    bytes.writeUInt32LE(100 * MiB, local + 18); // its compressed size, in its local header
    const path = join(dir, 'overrun.xlsx');
    writeFileSync(path, bytes);
    const run = drawSpawned(path, join(dir, 'overrun.out'));
    expect(run.status, run.stderr).toBe(2);
    expect(run.stderr).toContain('overrun.xlsx: this .xlsx workbook cannot be read');
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(run.seconds).toBeLessThan(20);
  });

  describe('c. row and column limits', () => {
    it('a cell at column XFD (16,384) is refused by the cells-a-row limit', async () => {
      await expectRefused(
        'xfd.xlsx',
        [sheetPart(HONEST_ROWS + row(3, PERSON).replace('</row>', `${cell('XFD3', 'x')}</row>`))],
        /the cells in a row is 16385, the limit is 1024/,
      );
    });

    it('row number 1,048,577 is refused', async () => {
      await expectRefused(
        'row-number.xlsx',
        [sheetPart(HONEST_ROWS + row(1_048_577, PERSON))],
        /the row number is 1048577, the limit is 1048576/,
      );
    });

    it('1,048,577 rows without numbers are counted, not taken at their (missing) word', async () => {
      await expectRefused(
        'unnumbered.xlsx',
        [sheetWith('<row/>'.repeat(1024), 1025)],
        /the rows of the sheet is 1048577, the limit is 1048576/,
      );
    });

    it('one row repeated 262,144 times (a 1 MB file Excel would show as one row) is refused at its second copy', async () => {
      const path = write('repeated-row.xlsx', [sheetWith(row(3, PERSON).repeat(1024), 256)]);
      const run = await draw(path, join(dir, 'repeated-row.out'));
      expect(run.status, run.stderr).toBe(2);
      expect(run.stderr).toContain(
        'repeated-row.xlsx:3: row 3 comes after row 3: the rows of a worksheet are numbered in increasing order',
      );
      expect(run.stderr).not.toMatch(/^\s+at /m);
      expect(existsSync(join(dir, 'repeated-row.out'))).toBe(false);
      expect(run.seconds).toBeLessThan(20);
    });

    it('a sheet after the one read is under the same limits (its rows are parsed too)', async () => {
      const second = part('xl/worksheets/sheet2.xml', sheetHead, '<row/>'.repeat(1024), 1025, sheetTail);
      await expectRefused(
        'second-sheet.xlsx',
        [sheetPart(HONEST_ROWS), second],
        /the rows of the sheet is 1048577, the limit is 1048576/,
      );
    });

    it('one cell written again and again in one row (exceljs keeps the last; each is parsed) is refused at 1,025', async () => {
      await expectRefused(
        'same-cell.xlsx',
        [sheetWith(`<row r="3">${'<c r="A3"><v>1</v></c>'.repeat(64 * 1024)}</row>`, 1)],
        /the cells in a row is 1025, the limit is 1024/,
      );
    });

    it('70 million empty elements after the rows (each parsed by exceljs: 164 s for a 269 KB file before) are refused', async () => {
      await expectRefused(
        'element-flood.xlsx',
        [sheetWith('<x/>'.repeat(MiB / 4), 270, false)],
        /the XML elements of the worksheets is 67108865, the limit is 67108864/,
      );
    });

    it('30,000 small worksheets (each a reader and a temporary file for exceljs; 96 s before) are refused', async () => {
      const sheet = sheetPart(HONEST_ROWS);
      const sheets = Array.from({ length: 30_000 }, (_, index) => ({
        ...sheet,
        name: `xl/worksheets/sheet${index + 1}.xml`,
      }));
      await expectRefused('many-sheets.xlsx', sheets, /the worksheets of the workbook is 1025, the limit is 1024/);
    });

    it('<dimension ref="A1:XFD1048576"> allocates nothing: the workbook is read as the rows it has', async () => {
      const path = write('dimension.xlsx', [
        part(
          'xl/worksheets/sheet1.xml',
          sheetHead.replace('<sheetData>', '<dimension ref="A1:XFD1048576"/><sheetData>') + HONEST_ROWS + sheetTail,
        ),
      ]);
      const run = await draw(path, join(dir, 'dimension.out'));
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.seconds).toBeLessThan(20);
    });

    it('a million <col> definitions are refused', async () => {
      await expectRefused(
        'cols.xlsx',
        [
          part(
            'xl/worksheets/sheet1.xml',
            sheetHead.replace('<sheetData>', '<cols>'),
            '<col min="1" max="1" width="9"/>'.repeat(1024),
            1024,
            `</cols><sheetData>${HONEST_ROWS}${sheetTail}`,
          ),
        ],
        /the column definitions \(<col>\) of a sheet is 16385, the limit is 16384/,
      );
    });
  });

  describe('d. shared strings', () => {
    it('ten million tiny shared strings (a small sheet) are refused before they are held', async () => {
      const strings = part(
        'xl/sharedStrings.xml',
        stringsHead,
        '<si><t>ab</t></si>'.repeat(64 * 1024),
        160,
        stringsTail,
      );
      await expectRefused(
        'many-strings.xlsx',
        [strings, sheetPart(HONEST_ROWS)],
        /the XML elements of a part held in memory \(shared strings, styles, workbook\) is 8388609, the limit is 8388608/,
      );
    });

    it('one gigantic shared string is refused at 1 MiB', async () => {
      const strings = part(
        'xl/sharedStrings.xml',
        `${stringsHead}<si><t>`,
        'a'.repeat(MiB),
        512,
        `</t></si>${stringsTail}`,
      );
      await expectRefused(
        'giant-string.xlsx',
        [strings, sheetPart(HONEST_ROWS)],
        /the XML text of one cell or shared string \(bytes\) is \d+, the limit is 1048576/,
      );
    });

    it('millions of rich-text runs in one shared string are counted as elements', async () => {
      const strings = part(
        'xl/sharedStrings.xml',
        `${stringsHead}<si>`,
        '<r><t>a</t></r>'.repeat(64 * 1024),
        80,
        `</si>${stringsTail}`,
      );
      await expectRefused('runs.xlsx', [strings, sheetPart(HONEST_ROWS)], /the XML elements of a part held in memory/);
    });
  });

  describe('e. XML the sax parser would hold whole (each crashed a 384 MB heap before)', () => {
    it('nesting 100 million deep', async () => {
      await expectRefused(
        'deep.xlsx',
        [sheetWith('<a>'.repeat(MiB / 3), 300, false)],
        /the XML nesting depth is 65, the limit is 64/,
      );
    });

    it('one attribute of 300 MiB', async () => {
      await expectRefused(
        'attribute.xlsx',
        [
          part(
            'xl/worksheets/sheet1.xml',
            `${sheetHead + HONEST_ROWS}</sheetData><a b="`,
            'x'.repeat(MiB),
            300,
            '"/></worksheet>',
          ),
        ],
        /one XML tag, comment or declaration \(bytes\) is 1048577, the limit is 1048576/,
      );
    });

    it('millions of attributes on one tag', async () => {
      await expectRefused(
        'attributes.xlsx',
        [
          part(
            'xl/worksheets/sheet1.xml',
            `${sheetHead + HONEST_ROWS}</sheetData><a`,
            ' b="1"'.repeat(MiB / 6),
            300,
            '/></worksheet>',
          ),
        ],
        /one XML tag, comment or declaration/,
      );
    });

    it('a comment of 300 MiB (with "<" and ">" inside)', async () => {
      await expectRefused(
        'comment.xlsx',
        [
          part(
            'xl/worksheets/sheet1.xml',
            `${sheetHead + HONEST_ROWS}</sheetData><!--`,
            '<a>'.repeat(MiB / 3),
            300,
            '--></worksheet>',
          ),
        ],
        /one XML tag, comment or declaration/,
      );
    });

    it('a DOCTYPE whose internal subset runs to 300 MiB', async () => {
      const xml = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
      await expectRefused(
        'doctype.xlsx',
        [
          part(
            'xl/worksheets/sheet1.xml',
            `${xml}<!DOCTYPE worksheet [`,
            '<!ENTITY a "b">'.repeat(MiB / 16),
            300,
            `]>${sheetHead.slice(xml.length)}${HONEST_ROWS}${sheetTail}`,
          ),
        ],
        /one XML tag, comment or declaration/,
      );
    });
  });
});
