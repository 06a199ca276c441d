/** The month's problem list (src/core/findingsProblems.ts): one row per household marked 有问题, its 问题描述 carried, numbered in list order. */
import { describe, expect, it } from 'vitest';
import type { DrawnHousehold, ReturnedRow } from '../../src/core/findings.js';
import fc from 'fast-check';
import { numberProblems, problemRows } from '../../src/core/findingsProblems.js';
import { maskWrittenText } from '../../src/core/personalText.js';
import { maskPersonalText } from '../../src/core/personalText.js';

const drawn = (id: string): DrawnHousehold => ({
  id,
  role: 'sample',
  group: 'v1',
  spareOrder: null,
  source: { file: 'households.csv', line: 2 },
  area: { prefecture: '临沧市', county: '凤庆县', village: '新华村' },
});
const returned = (
  id: string,
  file: string,
  line: number,
  result: string,
  description?: string | null,
): ReturnedRow => ({
  id,
  result,
  checker: '张三',
  date: '2026-11-05',
  replaces: null,
  category: ' 政策落实 ',
  ...(description === undefined ? {} : { description }),
  source: { file, line },
});

describe('problemRows and numberProblems', () => {
  const households = ['a', 'b', 'c', 'd'].map(drawn);
  const rows = problemRows(households, [
    returned('c', 'r2.csv', 3, '有问题', ' 危房未改造 '),
    returned('a', 'r1.csv', 5, '有问题', null),
    returned('b', 'r1.csv', 2, '有问题'),
    returned('d', 'r1.csv', 4, '无问题', '无'),
    returned('a', 'r1.csv', 9, '有问题', '第二行不算'),
  ]);

  it('carries the 问题描述 trimmed (empty when the return has none), in file and line order', () => {
    expect(rows.map(({ household, description, category }) => [household, description, category])).toEqual([
      ['b', '', '政策落实'],
      ['a', '', '政策落实'],
      ['c', '危房未改造', '政策落实'],
    ]);
  });

  it('numbers the problems YYYY-MM-NNNN in list order, NNNN alone without a month', () => {
    expect(numberProblems(rows, '2026-11').map(({ number, household }) => [number, household])).toEqual([
      ['2026-11-0001', 'b'],
      ['2026-11-0002', 'a'],
      ['2026-11-0003', 'c'],
    ]);
    expect(numberProblems(rows, null).map(({ number }) => number)).toEqual(['0001', '0002', '0003']);
    const many = numberProblems(
      Array.from({ length: 10_000 }, () => rows[0]!),
      '2026-11',
    );
    expect([many[9998]!.number, many[9999]!.number]).toEqual(['2026-11-9999', '2026-11-10000']);
  });
});

describe('maskWrittenText: ID and mobile numbers as people type them in a 问题描述 or 整改情况', () => {
  const id = '532522194506060078';
  it('masks a mobile in groups, with +86, and an ID in groups or in full-width digits', () => {
    expect(maskWrittenText('电话 138 1234 5678，')).toBe('电话 138 **** 5678，');
    expect(maskWrittenText('138-1234-5678')).toBe('138-****-5678');
    expect(maskWrittenText('+86 138 1234 5678')).toBe('+86 138 **** 5678');
    expect(maskWrittenText('+8613812345678')).toBe('+86138****5678');
    expect(maskWrittenText('0086-13812345678')).toBe('0086-138****5678');
    expect(maskWrittenText('532522 19450606 0078')).toBe('5325** ******** 0078');
    expect(maskWrittenText('身份证５３２５２２１９４５０６０６００７８。')).toBe('身份证５３２５**********００７８。');
    expect(maskWrittenText('１３８１２３４５６７８')).toBe('１３８****５６７８');
    expect(maskWrittenText(`身份证号${id}。`)).toBe('身份证号5325**********0078。');
  });

  it('leaves numbers that are no ID or mobile as they are: dates, 问题编号, amounts; masks a 户编号 (15+ digits)', () => {
    expect(maskWrittenText('户 5328221010010030 漏登')).toBe('户 5328********0030 漏登');
    for (const text of ['2026-12-10', '2026-11-0001', '收入 12 000 元', '1234 5678 9012', '12月1日'])
      expect(maskWrittenText(text)).toBe(text);
  });

  it('masks whatever maskPersonalText masks, keeps the length and is idempotent', () => {
    const token = fc.constantFrom(id, '13812345678', '138 1234 5678', '2026', '１３', '号', '+86', '');
    const separator = fc.constantFrom('号', '，', ' ', '-');
    fc.assert(
      fc.property(fc.array(token, { maxLength: 12 }), separator, (parts, between) => {
        const text = parts.join(between);
        const masked = maskWrittenText(text);
        expect(masked.length).toBe(text.length);
        expect(maskWrittenText(masked)).toBe(masked);
        expect(maskWrittenText(maskPersonalText(text))).toBe(masked);
        for (const personal of [id, '13812345678', '1234 5678']) expect(masked).not.toContain(personal);
      }),
    );
  });
});
