/**
 * Text normalisation and comparison that never depends on the locale: NFC, full-width and other
 * Unicode spaces folded to ASCII space, runs of space collapsed, trimmed. Ordering compares Unicode
 * code points (the order of UTF-8 bytes), never localeCompare or Intl.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: C0 control characters in names fold to a space, as the normalisation rule says
const SPACES = /[\s\x00-\x1f\x7f\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]+/gu;

/**
 * Han characters, as fixed code point ranges (not \p{Script=Han}, which follows the engine's Unicode
 * version): CJK radicals, 々 〇 〡–〩 〸–〻, extension A, unified ideographs, compatibility
 * ideographs, and the supplementary ideographic planes.
 */
const HAN =
  '\u2e80-\u2fdf\u3005\u3007\u3021-\u3029\u3038-\u303b\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u{20000}-\u{323af}';
/** A space next to a Han character: never meaningful in a Chinese name ("平通 彝族乡" = "平通彝族乡"). */
const SPACE_BY_HAN = new RegExp(`(?<=[${HAN}]) | (?=[${HAN}])`, 'gu');

/**
 * NFC; spaces (including U+3000 full-width space) and control characters folded to one space, the
 * spaces next to a Han character removed, trimmed.
 */
export function normalizeName(raw: string): string {
  return raw.normalize('NFC').replace(SPACES, ' ').replace(SPACE_BY_HAN, '').trim();
}

/** Compares two strings by Unicode code points (the same order as their UTF-8 bytes). */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (U+D800–DFFF) stand for code points above U+FFFF, which sort after U+E000–FFFF.
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys) return xs ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

/** Levenshtein distance over code points. */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      const substitution = previous[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[y.length]!;
}

const ETHNIC =
  '(?:彝|白|哈尼|傣|壮|苗|回|傈僳|拉祜|佤|纳西|瑶|藏|景颇|布朗|布依|普米|怒|阿昌|基诺|蒙古|独龙|满|水|德昂|土家|侗|羌)族';
const DIVISION_SUFFIX = new RegExp(
  `(?:(?:${ETHNIC})*自治(?:县|州|旗)|特区|街道|社区|村委会|居委会|县|市|区|州|盟|旗|乡|镇|村)$`,
  'u',
);

/** A division name without its administrative suffix: 禄劝彝族苗族自治县 → 禄劝, 红河县 → 红河. */
export function coreName(name: string): string {
  const stripped = name.replace(DIVISION_SUFFIX, '');
  return stripped === '' ? name : stripped;
}

/**
 * The names closest to `wanted`, for "did you mean" hints: scored by the edit distance of the names
 * without their administrative suffixes (so 禄劝县 finds 禄劝彝族苗族自治县), then of the full
 * names; names containing the wanted text (or contained in it) first; ties by code point order.
 */
export function closestNames(wanted: string, candidates: Iterable<string>, howMany = 3): string[] {
  const target = normalizeName(wanted);
  const targetCore = coreName(target);
  const scored: Array<{ name: string; score: number }> = [];
  for (const name of new Set(candidates)) {
    const contains = target.length > 0 && (name.includes(target) || target.includes(name));
    const score = editDistance(targetCore, coreName(name)) * 100 + editDistance(target, name) - (contains ? 10_000 : 0);
    scored.push({ name, score });
  }
  scored.sort((p, q) => p.score - q.score || compareCodePoints(p.name, q.name));
  return scored.slice(0, howMany).map((entry) => entry.name);
}
