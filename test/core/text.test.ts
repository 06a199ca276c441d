import { describe, expect, it } from 'vitest';
import { closestNames, compareCodePoints, coreName, editDistance, normalizeName } from '../../src/core/text.js';

describe('normalizeName', () => {
  it('folds full-width and other spaces, trims and applies NFC', () => {
    expect(normalizeName('\u3000元阳县  新街镇\t')).toBe('元阳县新街镇');
    expect(normalizeName('平通 彝族乡')).toBe('平通彝族乡');
    expect(normalizeName(' Hua  shan ')).toBe('Hua shan');
    expect(normalizeName('e\u0301')).toBe('\u00e9');
    expect(normalizeName('\ufeff户编号')).toBe('户编号');
  });
});

describe('compareCodePoints', () => {
  it('orders by code point, with astral characters after the BMP (unlike UTF-16 order)', () => {
    expect(compareCodePoints('a', 'b')).toBeLessThan(0);
    expect(compareCodePoints('ab', 'a')).toBeGreaterThan(0);
    // U+FF5E (BMP, above the surrogates) < U+20000 (astral), though its UTF-16 code unit is larger.
    expect(compareCodePoints('\uff5e', '\u{20000}')).toBeLessThan(0);
    expect('\uff5e' < '\u{20000}').toBe(false);
    expect(compareCodePoints('县', '县')).toBe(0);
  });
});

describe('closestNames', () => {
  it('suggests names containing the wanted text first, then by edit distance', () => {
    expect(editDistance('元阳县', '元江县')).toBe(1);
    expect(closestNames('元阳', ['元阳县', '元江哈尼族彝族傣族自治县', '红河县'])[0]).toBe('元阳县');
    expect(closestNames('禄劝县', ['禄劝彝族苗族自治县', '禄丰市', '五华区'], 2)).toEqual([
      '禄劝彝族苗族自治县',
      '禄丰市',
    ]);
    expect(closestNames('红河州', ['红河哈尼族彝族自治州', '红河县', '文山壮族苗族自治州'], 1)).toEqual(['红河县']);
    expect(coreName('红河哈尼族彝族自治州')).toBe('红河');
  });
});
