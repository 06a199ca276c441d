/** The findings report page's renderer (src/render/findingsReport.ts): escaping, proportional bars, the trend, no external URL. */
import { describe, expect, it } from 'vitest';
import { type FindingsReportInput, barChart, findingsReportHtml } from '../../src/render/findingsReport.js';

const INPUT: FindingsReportInput = {
  month: '2026-11',
  findings: 2,
  totals: {
    checked: 40,
    reached: 36,
    with_problems: 12,
    villages_checked: 8,
    villages_with_problems: 5,
    by_category: { 识别不精准: 6, 帮扶措施不到位: 4, '<script>alert(1)</script>': 2 },
    by_prefecture: { 昆明市: 9, '大理白族自治州"><img src=x onerror=alert(1)>': 3 },
  },
  history: {
    months: [
      { month: '2026-09', checked: 30, with_problems: 4 },
      { month: '2026-10', checked: 35, with_problems: 8 },
      { month: '2026-11', checked: 40, with_problems: 12 },
    ],
    cumulative_problems: 24,
    cumulative_checked: 105,
  },
  draws: [
    {
      dir: 'nov',
      verified: true,
      drawn: 40,
      level: 'province',
      probability_sample: true,
      rate: {
        estimate: 0.3125,
        standard_error: 0.04567,
        ci_lower: 0.18,
        ci_upper: 0.445,
        df: 11,
        respondents: 36,
        non_response: 4,
        flag: null,
      },
      findings: [
        { kind: 'notDrawn', household: '5301**********1234', file: 'nov.csv', line: 3 },
        { kind: 'resultInvalid', household: '5301**********5678', file: 'nov.csv', line: 9, got: '<b>有</b>' },
      ],
    },
  ],
};

/** The widths of the rect.bar elements of a chart, with their counts, in order. */
const bars = (html: string) =>
  [...html.matchAll(/<rect class="bar"[^>]*width="([\d.]+)"[^>]*data-count="(\d+)"/g)].map((match) => ({
    width: Number(match[1]),
    count: Number(match[2]),
  }));

describe('findingsReportHtml', () => {
  const html = findingsReportHtml(INPUT);

  it('escapes every value: no tag or attribute from the data survives', () => {
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>有</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).toContain('&lt;b&gt;有&lt;/b&gt;');
  });

  it('draws one bar per category and per prefecture, widths proportional to the counts', () => {
    const drawn = bars(html);
    expect(drawn.map(({ count }) => count)).toEqual([6, 4, 2, 9, 3]);
    const category = drawn.slice(0, 3);
    for (const { width, count } of category) expect(width / category[0]!.width).toBeCloseTo(count / 6, 3);
    const prefecture = drawn.slice(3);
    expect(prefecture[1]!.width / prefecture[0]!.width).toBeCloseTo(3 / 9, 3);
    expect(bars(barChart('x', { a: 0, b: 5 })).map(({ width }) => width)).toEqual([420, 0]);
  });

  it('draws the trend with one point per month, higher for more problems, only with --history', () => {
    const points = [...html.matchAll(/<circle class="point" cx="[\d.]+" cy="([\d.]+)"[^>]*data-count="(\d+)"/g)];
    expect(points.map((match) => Number(match[2]))).toEqual([4, 8, 12]);
    const ys = points.map((match) => Number(match[1]));
    expect(ys[0]).toBeGreaterThan(ys[1]!);
    expect(ys[1]).toBeGreaterThan(ys[2]!);
    expect(findingsReportHtml({ ...INPUT, history: null })).not.toContain('<circle');
  });

  it('is self-contained: no URL, no script, no external font or image; A4 print CSS', () => {
    expect(html).not.toMatch(/https?:|url\(|@import|<script|<link|<img|<iframe|<object|<[^>]*\s(src|href)=/i);
    expect(html).toContain('@page { size: A4');
    expect(html).toContain('<html lang="zh-CN">');
  });

  it('shows the households as given (masked) and the findings in Chinese', () => {
    expect(html).toContain('5301**********1234');
    expect(html).toContain('交回的农户不在抽中名单中');
    expect(html).toContain('2026年11月 监督检查发现问题报告');
    expect(html).toContain('nov.csv:9');
  });

  it('gives each draw its problem rate with SE, t interval and df, or says why there is none', () => {
    expect(html).toMatch(
      /<td>nov<\/td><td>省级<\/td><td class="n rate">31\.25%<\/td><td>4\.57%<\/td><td>18\.00% – 44\.50%（t 分布）<\/td><td class="n">11<\/td><td>36 \/ 4<\/td>/,
    );
    const county = {
      dir: 'county',
      verified: true,
      drawn: 10,
      level: 'county',
      probability_sample: false,
      rate: null,
      findings: [],
    };
    const unverified = { ...county, dir: 'forged', level: 'province', verified: false };
    const onePsu = {
      ...county,
      dir: 'one',
      level: 'prefecture',
      probability_sample: true,
      rate: {
        estimate: 0.2,
        standard_error: null,
        ci_lower: null,
        ci_upper: null,
        df: 0,
        respondents: 5,
        non_response: 0,
        flag: 'one-psu' as const,
      },
    };
    const page = findingsReportHtml({ ...INPUT, draws: [county, unverified, onePsu] });
    expect(page).toMatch(
      /<td>county<\/td><td>县（市、区）级<\/td><td colspan="5" class="none">不是记录了权数的总体概率样本/,
    );
    expect(page).toMatch(/<td>forged<\/td><td>省级<\/td><td colspan="5" class="none">抽样结果未通过校验/);
    expect(page).toMatch(/<td class="n rate">20\.00%<\/td><td>—<\/td><td>—（入户家庭均在一个县/);
    expect(page.match(/class="n rate"/g)).toHaveLength(1);
    // A t interval past 0% says so and names Korn–Graubard's; a Korn–Graubard interval names itself.
    const wide = { ...INPUT.draws[0]!, rate: { ...INPUT.draws[0]!.rate!, ci_lower: -0.05 } };
    expect(findingsReportHtml({ ...INPUT, draws: [wide] })).toContain(
      '-5.00% – 44.50%（t 分布；区间超出 0–100%，县数少时可用 --interval korn-graubard）',
    );
    const zero = {
      ...INPUT.draws[0]!,
      rate: { ...INPUT.draws[0]!.rate!, estimate: 0, standard_error: 0, ci_lower: 0, ci_upper: 0 },
    };
    expect(findingsReportHtml({ ...INPUT, draws: [zero] })).toContain(
      '0.00% – 0.00%（t 分布；区间宽度为 0（均无问题或均有问题），可用 --interval korn-graubard）',
    );
    const kg = { ...INPUT.draws[0]!, rate: { ...INPUT.draws[0]!.rate!, interval: 'korn-graubard' } };
    expect(findingsReportHtml({ ...INPUT, draws: [kg] })).toContain('18.00% – 44.50%（Korn–Graubard 法）');
  });

  it("shows last month's follow-up only when there is one: counts, overdue problems, findings against the record", () => {
    expect(html).not.toContain('上月问题整改跟踪');
    const page = findingsReportHtml({
      ...INPUT,
      follow_up: {
        file: 'r11.xlsx',
        as_of: '2026-12-31',
        problems: 3,
        open: 2,
        month: '2026-11',
        record: 'ledger/findings-2026-11.json',
        carried: 2,
        overdue: [
          {
            number: '2026-11-0002',
            household: '5306********0009',
            category: '识别不精准',
            deadline: '2026-12-15',
            status: '<b>正在核实</b>',
          },
        ],
        unreadable_deadline: [],
        findings: [
          {
            kind: 'missing',
            number: '2026-11-0003',
            household: '5325********0007',
            line: null,
            expected: '帮扶措施不到位',
          },
        ],
      },
    });
    expect(page).toContain('<h2>上月问题整改跟踪（截至 2026-12-31）</h2>');
    expect(page).toMatch(/<th>逾期未整改<\/th><td class="n">1<\/td>/);
    expect(page).toMatch(/<th>转入本月问题清单（直至已整改）<\/th><td class="n">2<\/td>/);
    expect(page).toContain(
      '<td>2026-11-0002</td><td>5306********0009</td><td>识别不精准</td><td>2026-12-15</td><td>&lt;b&gt;正在核实&lt;/b&gt;</td>',
    );
    expect(page).toContain(
      '<td>2026-11-0003</td><td>5325********0007</td><td>记录中的问题在表中缺失</td><td>帮扶措施不到位</td>',
    );
    expect(page).toContain('已核对（ledger/findings-2026-11.json）');
    const unchecked = findingsReportHtml({
      ...INPUT,
      follow_up: {
        file: 'r.xlsx',
        as_of: '2026-12-31',
        problems: 0,
        open: 0,
        overdue: [],
        unreadable_deadline: [],
        record: null,
      },
    });
    expect(unchecked).toContain('未核对：删改的行无法发现（需 --history）');
    expect(unchecked).toContain('无逾期未整改的问题。');
    expect(unchecked).not.toContain('follow-up-findings');
    expect(unchecked).not.toContain('转入本月问题清单');
  });

  it('says so when there are no problems and no findings', () => {
    const empty = findingsReportHtml({
      ...INPUT,
      findings: 0,
      totals: { ...INPUT.totals, by_category: {}, by_prefecture: {} },
      history: null,
      draws: [{ dir: 'nov', verified: true, drawn: 40, findings: [] }],
    });
    expect(empty).not.toContain('<svg');
    expect(empty).toContain('未发现抽样完整性问题');
  });
});
