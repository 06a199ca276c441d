/**
 * The seed rule (docs/algorithm.md §2.2): which texts may be a seed, and how a seed is shown to a
 * person. A seed is chosen in public and typed by hand; two seeds that look the same must be the
 * same seed, or a committee could try look-alike variants of the public result and publish the one
 * whose sample it likes. So after NFC and trimming, every code point must be in a fixed allowlist
 * of visible characters (explicit ranges, not Unicode properties, so that the rule does not depend
 * on a Unicode version), and a space may only stand alone between two other characters.
 * Pure: text in, problems and display text out.
 */
import { createHash } from 'node:crypto';

/** The allowed code points, as inclusive [first, last] ranges (besides U+0020, see SPACE rule). */
const SEED_ALLOWED_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0021, 0x007e], // printable ASCII (U+0020 space: see below)
  [0x00a1, 0x00ac], // Latin-1 printable, without U+00A0 no-break space …
  [0x00ae, 0x00ff], // … and without U+00AD soft hyphen
  [0x0100, 0x017f], // Latin Extended-A
  [0x2014, 0x2014], // — (not U+2013 en dash, which passes for a hyphen)
  [0x2018, 0x2019], // ‘ ’
  [0x201c, 0x201d], // “ ” (not the low and reversed quotes ‚ ‛ „ ‟)
  [0x2026, 0x2026], // …
  // Not U+2E80–U+2FDF (CJK and Kangxi radicals): ⼀ U+2F00 looks exactly like 一 U+4E00 and NFC keeps it.
  [0x3001, 0x3029], // CJK symbols and punctuation 、。〃〄々〆〇〈〉《》「」『』【】… 〡–〩; not U+3000 (ideographic space)
  [0x3030, 0x303e], // 〰 … 〾; not U+302A–U+302F (combining tone marks) nor U+303F (half fill space)
  // Han ideographs: only assigned code points (Unicode 15.1), since unassigned ones all show as the same box.
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xf900, 0xfa6d], // CJK Compatibility Ideographs (NFC maps all but twelve to the unified ones) …
  [0xfa70, 0xfad9], // … and their supplement
  [0xff01, 0xff5e], // full-width forms ！ … ～
  [0xffe0, 0xffe6], // ￠ ￡ ￢ ￣ ￤ ￥ ￦
  [0x20000, 0x2a6df], // CJK Extension B
  [0x2a700, 0x2b739], // CJK Extension C
  [0x2b740, 0x2b81d], // CJK Extension D
  [0x2b820, 0x2cea1], // CJK Extension E
  [0x2ceb0, 0x2ebe0], // CJK Extension F
  [0x2ebf0, 0x2ee5d], // CJK Extension I
  [0x30000, 0x3134a], // CJK Extension G
  [0x31350, 0x323af], // CJK Extension H
];

/** Names of the code points most likely to slip into a seed unseen (Unicode character names). */
const NAMES: Readonly<Record<number, string>> = {
  0x0009: 'CHARACTER TABULATION',
  0x000a: 'LINE FEED',
  0x000d: 'CARRIAGE RETURN',
  0x0020: 'SPACE',
  0x007f: 'DELETE',
  0x00a0: 'NO-BREAK SPACE',
  0x00ad: 'SOFT HYPHEN',
  0x0300: 'COMBINING GRAVE ACCENT',
  0x0301: 'COMBINING ACUTE ACCENT',
  0x0302: 'COMBINING CIRCUMFLEX ACCENT',
  0x0303: 'COMBINING TILDE',
  0x0304: 'COMBINING MACRON',
  0x0308: 'COMBINING DIAERESIS',
  0x030c: 'COMBINING CARON',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x1680: 'OGHAM SPACE MARK',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x2000: 'EN QUAD',
  0x2001: 'EM QUAD',
  0x2002: 'EN SPACE',
  0x2003: 'EM SPACE',
  0x2004: 'THREE-PER-EM SPACE',
  0x2005: 'FOUR-PER-EM SPACE',
  0x2006: 'SIX-PER-EM SPACE',
  0x2007: 'FIGURE SPACE',
  0x2008: 'PUNCTUATION SPACE',
  0x2009: 'THIN SPACE',
  0x200a: 'HAIR SPACE',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x202f: 'NARROW NO-BREAK SPACE',
  0x205f: 'MEDIUM MATHEMATICAL SPACE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3000: 'IDEOGRAPHIC SPACE',
  0x302a: 'IDEOGRAPHIC LEVEL TONE MARK',
  0x302b: 'IDEOGRAPHIC RISING TONE MARK',
  0x302c: 'IDEOGRAPHIC DEPARTING TONE MARK',
  0x302d: 'IDEOGRAPHIC ENTERING TONE MARK',
  0x302e: 'HANGUL SINGLE DOT TONE MARK',
  0x302f: 'HANGUL DOUBLE DOT TONE MARK',
  0x303f: 'IDEOGRAPHIC HALF FILL SPACE',
  0x3164: 'HANGUL FILLER',
  0xfe0f: 'VARIATION SELECTOR-16',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0xfffc: 'OBJECT REPLACEMENT CHARACTER',
  0xfffd: 'REPLACEMENT CHARACTER',
};

/** A code point that breaks the seed rule, where it stands (1-based, counted in code points of the normalised seed). */
export interface SeedProblem {
  /** "U+200B". */
  readonly codePoint: string;
  /** Its Unicode name where spotcheck knows it ("ZERO WIDTH SPACE"), else null. */
  readonly name: string | null;
  readonly position: number;
  /** Why: a character outside the allowlist, a space next to another space, or the seed is not in its normal form. */
  readonly kind: 'notAllowed' | 'doubleSpace' | 'notNormalised';
}

/** The seed as hashed: NFC, then trimmed of white space at both ends (String.prototype.trim). */
export const normaliseSeed = (raw: string): string => raw.normalize('NFC').trim();

const allowed = (code: number): boolean => SEED_ALLOWED_RANGES.some(([first, last]) => code >= first && code <= last);

const hex = (code: number): string => `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;

/** "U+200B ZERO WIDTH SPACE" or "U+0E01". */
export const describeCodePoint = (problem: Pick<SeedProblem, 'codePoint' | 'name'>): string =>
  problem.name === null ? problem.codePoint : `${problem.codePoint} ${problem.name}`;

/**
 * The problems of a seed under the rule of §2.2, in order; [] for a seed that may be used. `seed`
 * is checked as given: a seed that is not already normalised (NFC, trimmed) is a problem too, so
 * that a recorded seed is checked as strictly as a typed one (callers normalise typed seeds first).
 */
export function seedProblems(seed: string): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const points = [...seed];
  points.forEach((character, index) => {
    const code = character.codePointAt(0)!;
    const problem = (kind: SeedProblem['kind']) =>
      problems.push({ codePoint: hex(code), name: NAMES[code] ?? null, position: index + 1, kind });
    if (code === 0x20) {
      // One space between two characters that are not spaces: a run of spaces shows as one in HTML.
      if (index > 0 && points[index - 1] === ' ') problem('doubleSpace');
      return;
    }
    if (!allowed(code)) problem('notAllowed');
  });
  if (problems.length === 0 && normaliseSeed(seed) !== seed) {
    const first = points.findIndex((character, index) => [...normaliseSeed(seed)][index] !== character);
    const code = points[Math.max(first, 0)]!.codePointAt(0)!;
    problems.push({
      codePoint: hex(code),
      name: NAMES[code] ?? null,
      position: Math.max(first, 0) + 1,
      kind: 'notNormalised',
    });
  }
  return problems;
}

/** "SHA-256 " and the first 16 hex digits of the SHA-256 of the seed's UTF-8 bytes. */
function seedFingerprint(seed: string): string {
  return `SHA-256 ${createHash('sha256').update(seed, 'utf8').digest('hex').slice(0, 16)}`;
}

/**
 * The seed as shown to a person: in double quotes (a " or \ in it escaped as in JSON, so that
 * where it ends is never in doubt), then its fingerprint: `"demo-2026-11" SHA-256 1f0c…`.
 */
export function showSeed(seed: string): string {
  return `${JSON.stringify(seed)} ${seedFingerprint(seed)}`;
}
