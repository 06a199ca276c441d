/** Decoding the byte ranges of the fast scanner: UTF-8 or GB18030, and UTF-8 validity. */
import { isUtf8 } from 'node:buffer';
import { iconv } from './packages.js';
import type { Encoding } from './registryFacts.js';

/**
 * The text of bytes[start, end) in the file's encoding. A GB18030 field of ASCII bytes only (codes,
 * numbers, dates: most fields) is its own text, as in UTF-8, and is read without iconv-lite's
 * decoder, which costs a decoder a call.
 */
export function decodeField(bytes: Uint8Array, start: number, end: number, encoding: Encoding): string {
  if (start === end) return '';
  if (encoding === 'utf-8') return asBuffer(bytes).toString('utf8', start, end);
  let index = start;
  while (index < end && bytes[index]! < 0x80) index++;
  if (index === end) return asBuffer(bytes).toString('latin1', start, end);
  return iconv().decode(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start), 'gb18030', {
    stripBOM: false,
  });
}

/** The bytes as a Buffer: the scanner hands out Buffers, so this rarely has to make a view. */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Whether bytes[start, end) are valid UTF-8. */
export function validUtf8(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  return isUtf8(Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start));
}

/** The byte-order marks the scanner skips at the start of a file. */
export const BOMS: Readonly<Record<Encoding, Uint8Array>> = {
  'utf-8': Uint8Array.of(0xef, 0xbb, 0xbf),
  gb18030: Uint8Array.of(0x84, 0x31, 0x95, 0x33),
};
