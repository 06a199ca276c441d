import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseColumnOverrides, recogniseHeader } from '../../src/core/columns.js';
import { FrameBuilder, problemText, throwOnErrors, type DataProblem } from '../../src/core/frame.js';
import { YUNNAN_COUNTIES_CSV } from '../../src/data/yunnanCounties.js';
import { buildDivisionTable } from '../../src/core/divisions.js';
import { SpotcheckError } from '../../src/errors.js';

const divisions = buildDivisionTable(
  YUNNAN_COUNTIES_CSV.trim()
    .split('\n')
    .map((line) => line.split(',')),
  'bundled',
);
const HEADER = ['行政县', '乡镇', '行政村', '户编号', '人编号', '与户主关系', '脱贫属性', '人数', '是否贫困村'];

/** A problem as the edge prints it in English (the builder returns its message as a fact). */
const text = (problem: DataProblem) => problemText(problem, 'en');

function build(rows: string[][], header = HEADER) {
  const layout = recogniseHeader(header, {}, 'r.csv');
  const builder = new FrameBuilder(divisions);
  const file = builder.addFile('r.csv', layout);
  for (const [index, row] of rows.entries()) builder.addRow(file, layout, row, index, index + 2);
  return builder.build();
}

describe('recogniseHeader', () => {
  it('recognises the national export and marks it person-level', () => {
    const layout = recogniseHeader(
      ['县(市、区、旗)', '乡(镇)', '行政村', '户编号', '人编号', '与户主关系', '脱贫属性'],
      {},
      'x.csv',
    );
    expect(layout.layout).toBe('person');
    expect(layout.columns.county).toBe(0);
    expect(layout.columns.township).toBe(1);
  });

  it('accepts full-width brackets and the canonical English names (household-level)', () => {
    expect(
      recogniseHeader(['县（市、区、旗）', '乡（镇）', '行政村', '户编号', '脱贫属性'], {}, 'x').columns.county,
    ).toBe(0);
    const layout = recogniseHeader(
      ['household_id', 'county', 'township', 'village', 'status', 'village_code'],
      {},
      'x',
    );
    expect(layout.layout).toBe('household');
    expect(layout.columns.village_code).toBe(5);
  });

  it('lists what is needed and the headers found when columns are missing', () => {
    expect(() => recogniseHeader(['姓名', '行政村'], {}, 'x.csv')).toThrow(
      /household_id \(户编号\).*Headers found: 姓名, 行政村/,
    );
  });

  it('maps other headers with --column', () => {
    const overrides = parseColumnOverrides(['household_id=户号']);
    const layout = recogniseHeader(['户号', '行政县', '乡镇', '行政村', '脱贫属性'], overrides, 'x');
    expect(layout.columns.household_id).toBe(0);
    expect(() => parseColumnOverrides(['nonsense=户号'])).toThrow(/--column must be field=Header/);
    expect(() => recogniseHeader(['行政县'], { household_id: '户号' }, 'x')).toThrow(/no header "户号"/);
  });
});

describe('FrameBuilder', () => {
  it('groups person rows into households, taking status and size from the head', () => {
    const { frame, errorCount, problems } = build([
      ['元阳县', '新街镇', '土锅寨村', 'H1', 'P1', '户主', '已脱贫', '3', '是'],
      ['元阳县', '新街镇', '土锅寨村', 'H1', 'P2', '配偶', '已脱贫', '3', '是'],
      ['元阳县', '新街镇', '土锅寨村', 'H1', 'P3', '之子', '已脱贫', '3', '是'],
      ['元阳县', '新街镇', '土锅寨村', 'H2', 'P4', '户主', '未脱贫', '1', '是'],
    ]);
    expect(errorCount).toBe(0);
    expect(problems).toEqual([]);
    expect(frame.households.map((h) => [h.key, h.status, h.size, h.persons])).toEqual([
      ['H1', 'exited', 3, 3],
      ['H2', 'poor', 1, 1],
    ]);
    expect(frame.counties).toEqual([
      {
        key: '532528',
        code: '532528',
        name: '元阳县',
        prefectureCode: '532500',
        prefecture: '红河哈尼族彝族自治州',
        povertyCounty: true,
      },
    ]);
    expect(frame.villages[0]).toMatchObject({ key: '532528›新街镇›土锅寨村', poorVillage: true });
  });

  it('gives the same frame whatever the row order', () => {
    const rows = [
      ['元阳县', '新街镇', '土锅寨村', 'H1', 'P1', '户主', '已脱贫', '2', '是'],
      ['元阳县', '新街镇', '土锅寨村', 'H1', 'P2', '之女', '已脱贫', '2', '是'],
      ['红河县', '迤萨镇', '东门村', 'H3', 'P5', '户主', '未脱贫', '1', '否'],
    ];
    const forward = build(rows).frame;
    const backward = build([...rows].reverse()).frame;
    expect(backward.counties).toEqual(forward.counties);
    expect(backward.villages).toEqual(forward.villages);
    expect(backward.households.map(({ source: _s, ...h }) => h)).toEqual(
      forward.households.map(({ source: _s, ...h }) => h),
    );
  });

  it('reports a household whose rows disagree on location, naming both lines', () => {
    const { errorCount, problems } = build([
      ['元阳县', '新街镇', '土锅寨村', 'H1', 'P1', '户主', '已脱贫', '2', '是'],
      ['元阳县', '新街镇', '箐口村', 'H1', 'P2', '之女', '已脱贫', '2', '是'],
    ]);
    expect(errorCount).toBe(1);
    expect(problems[0]).toMatchObject({ severity: 'error', line: 3 });
    expect(text(problems[0]!)).toMatch(/household H1 is in village .*土锅寨村 at r\.csv:2 but in .*箐口村 here/);
    expect(() => throwOnErrors(problems, errorCount)).toThrow(SpotcheckError);
  });

  it('suggests the closest county names for a county not in the table', () => {
    const { problems } = build([['禄劝县', '茂山镇', '某村', 'H1', 'P1', '户主', '已脱贫', '1', '是']]);
    expect(text(problems[0]!)).toMatch(
      /county "禄劝县" is not in the division table.*closest names: 禄劝彝族苗族自治县/,
    );
  });

  it('rejects unknown statuses, non-numeric sizes, blank household IDs and duplicate persons', () => {
    const { problems, errorCount } = build([
      ['元阳县', '新街镇', '土锅寨村', 'H1', 'P1', '户主', '返贫', '1', '是'],
      ['元阳县', '新街镇', '土锅寨村', 'H2', 'P2', '户主', '已脱贫', '三', '是'],
      ['元阳县', '新街镇', '土锅寨村', '', 'P3', '户主', '已脱贫', '1', '是'],
      ['元阳县', '新街镇', '土锅寨村', 'H4', 'P4', '户主', '已脱贫', '1', '是'],
      ['元阳县', '新街镇', '土锅寨村', 'H4', 'P4', '户主', '已脱贫', '1', '是'],
    ]);
    expect(errorCount).toBe(4);
    expect(problems.map((problem) => problem.line)).toEqual([2, 3, 4, 6]);
    expect(text(problems[0]!)).toMatch(/unknown status \(脱贫属性\) "返贫"/);
    expect(text(problems[1]!)).toMatch(/must be a positive whole number, got "三"/);
    expect(text(problems[2]!)).toMatch(/household ID \(户编号\) is blank/);
    expect(text(problems[3]!)).toMatch(/person P4 appears twice/);
  });

  it('uses division codes as keys where the file has them and checks a village stays under one county', () => {
    const header = ['县代码', '行政县', '乡镇', '乡镇代码', '行政村', '村代码', '户编号', '脱贫属性', '户类型'];
    const { frame, problems } = build(
      [
        ['532528', '元阳县', '新街镇', '532528101', '土锅寨村', '532528101201', 'H1', '已脱贫', '贫困户'],
        ['532528', '元阳县', '新街镇', '532528101', '土锅寨村', '532528101201', 'H2', '', '非贫困户'],
        ['532529', '红河县', '迤萨镇', '532529101', '东门村', '532528101201', 'H3', '未脱贫', '贫困户'],
      ],
      header,
    );
    expect(frame.villages.map((village) => village.key)).toEqual(['532528101201']);
    expect(frame.households.map((household) => household.status)).toEqual(['exited', 'nonpoor']);
    expect(text(problems[0]!)).toMatch(/village 532528101201 lies under county 532528,/);
  });
});

describe('FrameBuilder consistency checks', () => {
  const header = ['县代码', '行政县', '乡镇', '乡镇代码', '行政村', '村代码', '户编号', '脱贫属性', '是否贫困村'];

  it('refuses a township code used in two counties', () => {
    const { problems } = build(
      [
        ['532528', '元阳县', '新街镇', '532528101', '甲村', '', 'H1', '已脱贫', '是'],
        ['532529', '红河县', '迤萨镇', '532528101', '乙村', '', 'H2', '已脱贫', '是'],
      ],
      header,
    );
    expect(problems[0]).toMatchObject({ severity: 'error', line: 3 });
    expect(text(problems[0]!)).toMatch(/township 532528101 lies under county 532528 at r\.csv:2 but under 532529 here/);
  });

  it('refuses a village with 村代码 on some rows and none on others', () => {
    const { problems } = build(
      [
        ['532528', '元阳县', '新街镇', '', '甲村', '532528101201', 'H1', '已脱贫', '是'],
        ['532528', '元阳县', '新街镇', '', '甲村', '', 'H2', '已脱贫', '是'],
      ],
      header,
    );
    expect(problems.filter((problem) => problem.severity === 'error').map(text)).toEqual([
      'village 甲村 has 村代码 532528101201 at r.csv:2 but none here; fill in the code on every row',
    ]);
  });

  it('refuses a county code that disagrees with the county name, or is not in the table', () => {
    const { problems } = build(
      [
        ['532529', '元阳县', '新街镇', '', '甲村', '', 'H1', '已脱贫', '是'],
        ['999999', '元阳县', '新街镇', '', '甲村', '', 'H2', '已脱贫', '是'],
      ],
      header,
    );
    expect(text(problems[0]!)).toMatch(
      /county code \(县代码\) 532529 is 红河县 in the division table bundled, but the row says "元阳县"/,
    );
    expect(text(problems[1]!)).toMatch(/county code \(县代码\) 999999 of "元阳县" is not in the division table/);
  });

  it('marks poor villages only when some row says 是 or 否', () => {
    expect(
      build([['532528', '元阳县', '新街镇', '', '甲村', '', 'H1', '已脱贫', '']], header).frame.marksPoorVillages,
    ).toBe(false);
    expect(
      build([['532528', '元阳县', '新街镇', '', '甲村', '', 'H1', '已脱贫', '否']], header).frame.marksPoorVillages,
    ).toBe(true);
  });
});

describe('FrameBuilder.addRow: which records stand for their households', () => {
  it("names, over any row order, exactly the records that build() gives as the households' sources (property)", () => {
    const member = fc.record({
      household: fc.constantFrom('H1', 'H2', 'H3'),
      head: fc.boolean(),
      person: fc.constantFrom('', 'P1', 'P2', 'P3', 'P10', 'P4', 'P5'),
    });
    fc.assert(
      fc.property(fc.array(member, { maxLength: 12 }), (members) => {
        const layout = recogniseHeader(HEADER, {}, 'r.csv');
        const builder = new FrameBuilder(divisions);
        const file = builder.addFile('r.csv', layout);
        // The cells pass 2 would keep: a record's that stands, until another stands instead of it.
        const standing = new Set<number>();
        for (const [index, { household, head, person }] of members.entries()) {
          const row = ['元阳县', '新街镇', '土锅寨村', household, person, head ? '户主' : '之子', '已脱贫', '3', '是'];
          const replaced = builder.addRow(file, layout, row, index, index + 2);
          if (replaced === false) continue;
          if (replaced !== null) {
            expect(standing.has(replaced.record)).toBe(true);
            standing.delete(replaced.record);
          }
          standing.add(index);
        }
        // At most one a household; a refused registry (no 户主 row …) may have households build() leaves out.
        const { frame, errorCount } = builder.build();
        const sources = frame.households.map((household) => household.source.record).sort((a, b) => a - b);
        expect(standing.size).toBeLessThanOrEqual(new Set(members.map(({ household }) => household)).size);
        if (errorCount === 0) expect([...standing].sort((a, b) => a - b)).toEqual(sources);
        else for (const source of sources) expect(standing.has(source)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
