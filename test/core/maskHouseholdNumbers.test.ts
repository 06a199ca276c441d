/** maskHouseholdNumbers (src/core/personalText.ts): numbers of 15+ digits in a text masked, nothing else. */
import { describe, expect, it } from 'vitest';
import { maskHouseholdNumbers } from '../../src/core/personalText.js';

describe('maskHouseholdNumbers', () => {
  it('masks a 户编号, a 人编号 and an ID number inside a text, and keeps shorter numbers and dates', () => {
    expect(maskHouseholdNumbers('替代5304261012020006')).toBe('替代5304********0006');
    expect(maskHouseholdNumbers('r/530426101202000601.csv[1 大布村]')).toBe('r/5304**********0601.csv[1 大布村]');
    expect(maskHouseholdNumbers('53042619590615413x')).toBe('5304**********413x');
    expect(maskHouseholdNumbers('2026-11 returns 20261105083000 530426')).toBe('2026-11 returns 20261105083000 530426');
    // Part of a longer code of letters and digits: not a household number.
    expect(maskHouseholdNumbers('AB5304261012020006')).toBe('AB5304261012020006');
  });
});
