/**
 * The tests "the Chinese CSV headings (a file format: verify compares the bytes of draws made in Chinese)" from
 * test/golden.test.ts (moved, issue 14).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { CHINESE_HEADINGS, REGISTRY_PREFIX } from '../../src/core/columnHeadings.js';

describe('the Chinese CSV headings (a file format: verify compares the bytes of draws made in Chinese)', () => {
  it('keeps every released heading and the registry prefix unchanged (new columns may only add headings)', () => {
    const frozen = JSON.parse(readFileSync(join(ROOT, 'test/golden/chinese-headings.json'), 'utf8')) as {
      headings: Record<string, string>;
      registry_prefix: Record<string, string>;
    };
    for (const [column, heading] of Object.entries(frozen.headings))
      expect(CHINESE_HEADINGS[column], column).toBe(heading);
    expect({ ...REGISTRY_PREFIX }).toEqual(frozen.registry_prefix);
    // One heading per column: a draw's header maps back to its columns without ambiguity.
    expect(new Set(Object.values(CHINESE_HEADINGS)).size).toBe(Object.keys(CHINESE_HEADINGS).length);
  });
});
