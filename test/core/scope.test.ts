/** The tests "resolveScope" from test/monthly.test.ts (moved, issue 14). */
import { describe, expect, it } from 'vitest';
import { resolveScope } from '../../src/core/scope.js';
import type { SpotcheckError } from '../../src/errors.js';
import { syntheticFrame } from '../synthetic.js';

// 6 counties; villages with 12, 8, 3 … households (poor + exited count is 3/4 of each, rounded up).
const frame = syntheticFrame([[12, 8], [16, 4, 9], [7], [10, 10, 10, 10], [3, 5], [20, 2, 6]]);

describe('resolveScope', () => {
  it('matches codes and names, and suggests the closest names for an unknown scope', () => {
    expect(resolveScope(frame, 'prefecture', '红河哈尼族彝族自治州').key).toBe('532500');
    expect(resolveScope(frame, 'county', '532503').name).toBe('县3');
    expect(() => resolveScope(frame, 'prefecture', '红河州')).toThrow(/not a prefecture of this registry/);
    try {
      resolveScope(frame, 'prefecture', '红河州');
    } catch (error) {
      expect((error as SpotcheckError).hint).toMatch(/closest names: 红河哈尼族彝族自治州/);
    }
    expect(() => resolveScope(frame, 'township', '镇')).toThrow(/matches 6 township units/);
    expect(() => resolveScope(frame, 'county', null)).toThrow(/--scope is required at county level/);
    expect(() => resolveScope(frame, 'province', 'x')).toThrow(/--scope does not apply at province level/);
  });
});
