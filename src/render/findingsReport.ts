/**
 * The month's findings report page (issue 18, `spotcheck findings --html`): one self-contained HTML
 * page in Chinese (no external fonts, scripts or images; no script at all) with the month's counts,
 * bar charts of problems by 问题类别 and by prefecture, the monthly trend over --history, and the
 * integrity findings with their file and line. Charts are inline SVG; the page prints on A4.
 * Pure: the findings JSON (already masked unless --reveal-ids) in, HTML text out; every value escaped.
 */
import { escapeHtml } from './notice.js';

/** What the page shows: the parts of `spotcheck findings --json` it reads (src/commands/findings/summary.ts). */
export interface FindingsReportInput {
  readonly month: string | null;
  readonly findings: number;
  readonly totals: {
    readonly checked: number;
    readonly reached: number;
    readonly with_problems: number;
    readonly villages_checked: number;
    readonly villages_with_problems: number;
    readonly by_category: Readonly<Record<string, number>>;
    readonly by_prefecture: Readonly<Record<string, number>>;
  };
  readonly history: {
    readonly months: readonly { readonly month: string; readonly checked: number; readonly with_problems: number }[];
    readonly cumulative_problems: number;
    readonly cumulative_checked: number;
  } | null;
  /** The follow-up of last month's report (`--follow-up`), as `--json` gives it; absent without one. */
  readonly follow_up?: ReportFollowUp;
  readonly draws: readonly {
    readonly dir: string;
    readonly verified: boolean;
    readonly drawn: number;
    /** The draw's level (province … township), null for an evaluate draw; absent in older JSON. */
    readonly level?: string | null;
    /** Whether the draw is a probability sample of the frame with recorded weights; absent in older JSON. */
    readonly probability_sample?: boolean;
    /** The estimated problem rate (problemRate, src/core/findings.ts); null when none is given. */
    readonly rate?: ReportRate | null;
    readonly findings: readonly {
      readonly kind: string;
      readonly household: string;
      readonly file: string;
      readonly line: number;
      readonly got?: string;
    }[];
  }[];
}

/** The follow-up as `findings --json` gives it (src/commands/findings/followUp.ts), masked unless --reveal-ids. */
export interface ReportFollowUp {
  readonly file: string;
  readonly as_of: string;
  readonly problems: number;
  readonly open: number;
  readonly month?: string | null;
  readonly record?: string | null;
  /** How many open problems were carried into this month's list (absent in JSON written before). */
  readonly carried?: number;
  readonly overdue: readonly {
    readonly number?: string;
    readonly household: string;
    readonly category: string;
    readonly deadline: string;
    readonly status: string;
  }[];
  readonly unreadable_deadline: readonly {
    readonly number?: string;
    readonly household: string;
    readonly deadline: string;
  }[];
  readonly findings?: readonly {
    readonly kind: string;
    readonly number: string;
    readonly household: string;
    readonly line: number | null;
    readonly got?: string;
    readonly expected?: string;
  }[];
}

/** The follow-up's findings in Chinese (the words of src/messages/findings-report.ts, shortened for a table). */
const FOLLOW_UP_KIND_NAMES: Readonly<Record<string, string>> = {
  missing: '记录中的问题在表中缺失',
  householdChanged: '户编号与记录不符',
  categoryChanged: '问题类别与记录不符',
  unknownNumber: '问题编号为空或不在记录中',
  duplicateNumber: '问题编号重复',
  otherMonth: '报告工作簿不是上月的',
  recordMismatch: '问题清单与台账记录的校验值不符',
};

/**
 * The follow-up section: last month's problems, open, overdue (问题编号, household, 问题类别, 整改期限,
 * 整改情况), 整改期限 that are not days, and the follow-up's findings against the month's record.
 */
function followUpSection(followUp: ReportFollowUp): string {
  const facts: [string, string | number][] = [
    ['报告表中的问题', followUp.problems],
    ['未整改', followUp.open],
    ['逾期未整改', followUp.overdue.length],
    ['整改期限无法识别', followUp.unreadable_deadline.length],
    ...(followUp.carried === undefined
      ? []
      : [['转入本月问题清单（直至已整改）', followUp.carried] as [string, number]]),
    ['与台账核对', followUp.record ? `已核对（${followUp.record}）` : '未核对：删改的行无法发现（需 --history）'],
  ];
  const overdue = followUp.overdue.map(
    (row) =>
      `<tr>${cell(row.number ?? '')}${cell(row.household)}${cell(row.category || '—')}${cell(row.deadline)}${cell(row.status || '—')}</tr>`,
  );
  const findings = (followUp.findings ?? []).map(
    (finding) =>
      `<tr>${cell(finding.number || '—')}${cell(finding.household || '—')}${cell(FOLLOW_UP_KIND_NAMES[finding.kind] ?? finding.kind)}${cell([finding.got, finding.expected].filter((part) => part !== undefined && part !== '').join(' / '))}</tr>`,
  );
  return [
    `<h2>${escapeHtml(`上月问题整改跟踪（截至 ${followUp.as_of}）`)}</h2>`,
    `<table class="follow-up"><tbody>${facts.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th>${cell(value)}</tr>`).join('')}</tbody></table>`,
    overdue.length === 0
      ? '<p class="none">无逾期未整改的问题。</p>'
      : `<table class="overdue"><thead><tr><th>问题编号</th><th>农户编号</th><th>问题类别</th><th>整改期限</th><th>整改情况</th></tr></thead><tbody>${overdue.join('')}</tbody></table>`,
    findings.length === 0
      ? ''
      : `<table class="follow-up-findings"><thead><tr><th>问题编号</th><th>农户编号</th><th>整改跟踪问题</th><th>表中 / 记录</th></tr></thead><tbody>${findings.join('')}</tbody></table>`,
  ].join('');
}

/** The problem rate as `findings --json` gives it (src/commands/findings/summary.ts, rateJson). */
export interface ReportRate {
  readonly estimate: number | null;
  readonly standard_error: number | null;
  readonly ci_lower: number | null;
  readonly ci_upper: number | null;
  readonly df: number;
  readonly respondents: number;
  readonly non_response: number;
  readonly flag: 'one-psu' | 'no-df' | 'no-respondents' | null;
  /** How the interval was made (--interval); absent in older JSON, where it is t. */
  readonly interval?: string;
}

/** The interval methods in Chinese. */
const INTERVAL_NAMES: Readonly<Record<string, string>> = {
  t: 't 分布',
  normal: '正态分布',
  'korn-graubard': 'Korn–Graubard 法',
};

/** The finding kinds in Chinese (the words of src/messages/findings*.ts, shortened for a table). */
const KIND_NAMES: Readonly<Record<string, string>> = {
  notDrawn: '交回的农户不在抽中名单中（替换）',
  idStoredAsNumber: '户编号被存为数字，位数已丢失',
  idNotAsDrawn: '户编号含全角或不可见字符，与抽中名单不一致',
  duplicate: '同一农户重复交回',
  missing: '抽中农户未交回',
  spareWithoutUnreachable: '使用备选户但被替代户未标记“未能入户”',
  spareOutOfOrder: '备选户未按顺序使用',
  resultInvalid: '核查结果不在规定选项内',
  dateOutsideMonth: '核查日期不在本月',
  checkerMissing: '未填写核查人',
  categoryInvalid: '问题类别不在委员会清单内',
  returnFromOtherMonth: '交回的是其他月份的核查',
};

const STYLE = `
  @page { size: A4; margin: 12mm 13mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif;
         color: #111; margin: 0 auto; max-width: 184mm; font-size: 10.5pt; line-height: 1.5; }
  h1 { font-size: 17pt; text-align: center; margin: 4mm 0 3mm; }
  h2 { font-size: 12.5pt; margin: 5mm 0 2mm; border-bottom: 1px solid #999; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #888; padding: 1mm 2mm; text-align: left; vertical-align: top; }
  td.n { text-align: right; }
  figure { margin: 2mm 0; break-inside: avoid; page-break-inside: avoid; }
  figcaption { font-weight: bold; margin-bottom: 1mm; }
  svg text { font-family: inherit; font-size: 11px; fill: #111; }
  .bar { fill: #4a6fa5; }
  .line { fill: none; stroke: #b03a2e; stroke-width: 2; }
  .point { fill: #b03a2e; }
  .axis { stroke: #555; stroke-width: 1; }
  .none { color: #555; }
  @media print { body { max-width: none; } tr { break-inside: avoid; } }
`;

const WIDTH = 640;
const BAR_HEIGHT = 18;
const BAR_GAP = 6;
const LABEL_WIDTH = 170;
const VALUE_WIDTH = 50;

/** The tally's entries, most first, then in code-point order of the name (no locale). */
const sortedEntries = (tally: Readonly<Record<string, number>>): [string, number][] =>
  Object.entries(tally).sort(([a, m], [b, n]) => n - m || (a < b ? -1 : a > b ? 1 : 0));

/** A horizontal bar chart of a tally: one `rect.bar` per name, its width proportional to the count. */
export function barChart(caption: string, tally: Readonly<Record<string, number>>): string {
  const entries = sortedEntries(tally);
  if (entries.length === 0)
    return `<figure><figcaption>${escapeHtml(caption)}</figcaption><p class="none">本月无问题记录。</p></figure>`;
  const max = Math.max(...entries.map(([, n]) => n));
  const span = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const height = entries.length * (BAR_HEIGHT + BAR_GAP) + BAR_GAP;
  const bars = entries.map(([name, n], index) => {
    const y = BAR_GAP + index * (BAR_HEIGHT + BAR_GAP);
    const width = max === 0 ? 0 : (n / max) * span;
    return [
      `<text x="${LABEL_WIDTH - 6}" y="${y + 13}" text-anchor="end">${escapeHtml(name)}</text>`,
      `<rect class="bar" x="${LABEL_WIDTH}" y="${y}" width="${width.toFixed(2)}" height="${BAR_HEIGHT}" data-count="${n}"><title>${escapeHtml(name)}：${n}</title></rect>`,
      `<text x="${(LABEL_WIDTH + width + 4).toFixed(2)}" y="${y + 13}">${n}</text>`,
    ].join('');
  });
  return `<figure><figcaption>${escapeHtml(caption)}</figcaption><svg role="img" aria-label="${escapeHtml(caption)}" width="100%" viewBox="0 0 ${WIDTH} ${height}">${bars.join('')}</svg></figure>`;
}

/** A line chart of households with problems month by month: one `circle.point` per month. */
function trendChart(months: readonly { readonly month: string; readonly with_problems: number }[]): string {
  const height = 200;
  const [left, right, top, bottom] = [40, 20, 20, 30];
  const max = Math.max(1, ...months.map((entry) => entry.with_problems));
  const step = months.length > 1 ? (WIDTH - left - right) / (months.length - 1) : 0;
  const points = months.map((entry, index) => ({
    ...entry,
    x: months.length > 1 ? left + index * step : WIDTH / 2,
    y: top + (1 - entry.with_problems / max) * (height - top - bottom),
  }));
  const path = points.map(({ x, y }) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' ');
  return [
    '<figure><figcaption>逐月发现问题户数</figcaption>',
    `<svg role="img" aria-label="逐月发现问题户数" width="100%" viewBox="0 0 ${WIDTH} ${height}">`,
    `<line class="axis" x1="${left}" y1="${height - bottom}" x2="${WIDTH - right}" y2="${height - bottom}"/>`,
    `<polyline class="line" points="${path}"/>`,
    ...points.map(
      ({ month, with_problems, x, y }) =>
        `<circle class="point" cx="${x.toFixed(2)}" cy="${y.toFixed(2)}" r="4" data-count="${with_problems}"><title>${escapeHtml(month)}：${with_problems}</title></circle>` +
        `<text x="${x.toFixed(2)}" y="${(y - 8).toFixed(2)}" text-anchor="middle">${with_problems}</text>` +
        `<text x="${x.toFixed(2)}" y="${height - 10}" text-anchor="middle">${escapeHtml(month)}</text>`,
    ),
    '</svg></figure>',
  ].join('');
}

/** The draw levels in Chinese. */
const LEVEL_NAMES: Readonly<Record<string, string>> = {
  province: '省级',
  prefecture: '州（市）级',
  county: '县（市、区）级',
  township: '乡（镇）级',
};

/** A proportion as a percentage with two decimals, as the terminal summary prints it; — when none. */
const percent = (value: number | null) => (value === null ? '—' : `${(100 * value).toFixed(2)}%`);

/** Why a rate has no interval (or no estimate), in Chinese; '' when it has one. */
const RATE_NOTES: Readonly<Record<string, string>> = {
  'one-psu': '入户家庭均在一个县（一个初级抽样单元），无标准误和置信区间',
  'no-df': '设计自由度为 0（每层只有一个初级抽样单元），无置信区间',
  'no-respondents': '样本户均未入户，无法估计',
};

/**
 * The problem rate table: per draw, the estimated share of the frame's households with a problem,
 * its SE, 95% t interval and design df (a probability sample), or why no rate is given.
 */
function rateTable(draws: FindingsReportInput['draws']): string {
  const rows = draws.map((draw) => {
    const level =
      draw.level === undefined ? '' : draw.level === null ? '第三方评估' : (LEVEL_NAMES[draw.level] ?? draw.level);
    const rate = draw.rate ?? null;
    if (rate === null) {
      const why = !draw.verified
        ? '抽样结果未通过校验，不给出发生率'
        : '不是记录了权数的总体概率样本，不给出发生率（仅计数）';
      return `<tr>${cell(draw.dir)}${cell(level)}<td colspan="5" class="none">${escapeHtml(why)}</td></tr>`;
    }
    const interval =
      rate.ci_lower === null || rate.ci_upper === null ? '—' : `${percent(rate.ci_lower)} – ${percent(rate.ci_upper)}`;
    const method = rate.interval ?? 't';
    const outside =
      method === 'korn-graubard'
        ? ''
        : rate.standard_error === 0
          ? '；区间宽度为 0（均无问题或均有问题），可用 --interval korn-graubard'
          : (rate.ci_lower !== null && rate.ci_lower < 0) || (rate.ci_upper !== null && rate.ci_upper > 1)
            ? '；区间超出 0–100%，县数少时可用 --interval korn-graubard'
            : '';
    const note =
      rate.flag === null
        ? `（${INTERVAL_NAMES[method] ?? method}${outside}）`
        : `（${RATE_NOTES[rate.flag] ?? rate.flag}）`;
    return `<tr>${cell(draw.dir)}${cell(level)}<td class="n rate">${escapeHtml(percent(rate.estimate))}</td>${cell(percent(rate.standard_error))}${cell(`${interval}${note}`)}${cell(rate.df)}${cell(`${rate.respondents} / ${rate.non_response}`)}</tr>`;
  });
  return [
    '<table class="rates"><thead><tr><th>抽查批次</th><th>级别</th><th>问题发生率</th><th>标准误</th><th>95% 置信区间</th><th>设计自由度</th><th>入户 / 无应答</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    '<p class="none">问题发生率：记录了权数的概率样本（省、州两级抽查和第三方评估）中，已入户家庭“有问题”的加权比例（Horvitz–Thompson 比率估计，按抽样设计计算标准误）；县、乡两级抽查不是总体的概率样本，只计数。</p>',
  ].join('');
}

const cell = (value: string | number) =>
  typeof value === 'number' ? `<td class="n">${value}</td>` : `<td>${escapeHtml(value)}</td>`;

/** The report page of a findings run. */
export function findingsReportHtml(input: FindingsReportInput): string {
  const { totals } = input;
  const title = `${input.month === null ? '' : `${input.month.replace(/^(\d{4})-(\d{2})$/, (_, y, m) => `${y}年${Number(m)}月`)} `}监督检查发现问题报告`;
  const facts: [string, string | number][] = [
    ['核查农户', totals.checked],
    ['入户核查', totals.reached],
    ['发现问题户', totals.with_problems],
    ['核查村', totals.villages_checked],
    ['有问题的村', totals.villages_with_problems],
    ['抽样完整性问题', input.findings],
  ];
  if (input.history !== null) {
    facts.push(['累计发现问题户', input.history.cumulative_problems]);
    facts.push(['累计核查农户', input.history.cumulative_checked]);
  }
  const findingRows = input.draws.flatMap((draw) =>
    draw.verified
      ? draw.findings.map(
          (finding) =>
            `<tr>${cell(`${finding.file}:${finding.line}`)}${cell(finding.household)}${cell(KIND_NAMES[finding.kind] ?? finding.kind)}${cell(finding.got ?? '')}</tr>`,
        )
      : [`<tr>${cell(draw.dir)}${cell('')}${cell('抽样结果未通过校验，交回文件未核对')}${cell('')}</tr>`],
  );
  return [
    '<!DOCTYPE html>',
    '<html lang="zh-CN"><head><meta charset="utf-8">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    '<h2>本月概况</h2>',
    `<table><tbody>${facts.map(([label, value]) => `<tr><th>${escapeHtml(label)}</th>${cell(value)}</tr>`).join('')}</tbody></table>`,
    '<h2>问题发生率</h2>',
    rateTable(input.draws),
    '<h2>图表</h2>',
    barChart('按问题类别', totals.by_category),
    barChart('按州（市）', totals.by_prefecture),
    ...(input.history === null ? [] : [trendChart(input.history.months)]),
    '<h2>抽样完整性问题</h2>',
    findingRows.length === 0
      ? '<p class="none">未发现抽样完整性问题。</p>'
      : `<table><thead><tr><th>文件:行</th><th>农户编号</th><th>问题</th><th>填写内容</th></tr></thead><tbody>${findingRows.join('')}</tbody></table>`,
    ...(input.follow_up === undefined ? [] : [followUpSection(input.follow_up)]),
    '<p class="none">由 spotcheck findings 生成；农户编号已遮盖（--reveal-ids 除外）。</p>',
    '</body></html>',
    '',
  ].join('\n');
}
