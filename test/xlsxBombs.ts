/**
 * Hostile .xlsx files built at test time (issue 13, resource bombs): a zip written by hand (local
 * headers, central directory, end record) around raw-deflated parts, so that a test can make the
 * sizes a zip DECLARES differ from what its parts really inflate to. Huge parts are never held in
 * memory: a part is a deflate stream of independently compressed, sync-flushed pieces, so 1 MiB of
 * repeated XML compressed once and repeated a thousand times is 1 GiB once inflated.
 */
import { constants, deflateRawSync } from 'node:zlib';

/** A zip entry: its name, its raw-deflated bytes and the uncompressed size the zip declares. */
export interface Part {
  readonly name: string;
  readonly deflated: Buffer;
  /** What the XML really inflates to. */
  readonly size: number;
}

/** A deflate stream of `head`, then `body` `times` times, then `tail` (inflated size: exact). */
export function part(name: string, head: string, body = '', times = 0, tail = ''): Part {
  const sync = (text: string): Buffer => deflateRawSync(Buffer.from(text), { finishFlush: constants.Z_SYNC_FLUSH });
  const pieces = [sync(head)];
  if (times > 0) pieces.push(...Array<Buffer>(times).fill(sync(body))); // each piece stands alone: the same bytes repeat
  pieces.push(deflateRawSync(Buffer.from(tail))); // the final block
  return {
    name,
    deflated: Buffer.concat(pieces),
    size: Buffer.byteLength(head) + Buffer.byteLength(body) * times + Buffer.byteLength(tail),
  };
}

/**
 * The zip of `parts`, each declaring `declare(part)` as its uncompressed size (its real size unless a
 * test lies). CRCs are 0: neither unzipper nor exceljs checks them, and these bytes are not an archive
 * for anyone else.
 */
export function zip(parts: readonly Part[], declare: (part: Part) => number = (p) => p.size): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(p.deflated.length, 18);
    local.writeUInt32LE(declare(p), 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4); // made by
    entry.writeUInt16LE(20, 6); // needed
    entry.writeUInt16LE(8, 10);
    entry.writeUInt16LE(0x21, 14);
    entry.writeUInt32LE(p.deflated.length, 20);
    entry.writeUInt32LE(declare(p), 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, p.deflated);
    central.push(entry, name);
    offset += local.length + name.length + p.deflated.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** The parts around the sheets: content types, relationships and a workbook naming sheets "Sheet1" … "SheetN". */
export const frameParts = (sheets = 1): Part[] => {
  const numbers = Array.from({ length: sheets }, (_, index) => index + 1);
  return [
    part(
      '[Content_Types].xml',
      `${XML}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${numbers.map((n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`).join('')}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    part(
      '_rels/.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    part(
      'xl/_rels/workbook.xml.rels',
      `${XML}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${numbers.map((n) => `<Relationship Id="rId${n}" Type="${REL}/worksheet" Target="worksheets/sheet${n}.xml"/>`).join('')}<Relationship Id="rIdStrings" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    part(
      'xl/workbook.xml',
      `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>${numbers.map((n) => `<sheet name="Sheet${n}" sheetId="${n}" r:id="rId${n}"/>`).join('')}</sheets></workbook>`,
    ),
  ];
};

/** A worksheet part: `rows` is the XML inside <sheetData> (or a head/body/tail to repeat). */
export const sheetHead = `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}"><sheetData>`;
export const sheetTail = '</sheetData></worksheet>';
export const sheetPart = (rows: string): Part => part('xl/worksheets/sheet1.xml', sheetHead + rows + sheetTail);
export const stringsHead = `${XML}<sst xmlns="${MAIN}">`;
export const stringsTail = '</sst>';

/** An inline-string cell. */
export const cell = (ref: string, text: string): string => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
