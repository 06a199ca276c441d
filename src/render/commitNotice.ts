/**
 * The page that publishes a commitment before the seed exists (spotcheck commit --notice): one
 * self-contained HTML page in the style of the draw's notice (src/render/notice.ts). It states what
 * will be drawn, from which registry files (SHA-256), with which parameters, by which seed
 * procedure, and the commitment's SHA-256 — nothing drawn, no name, no ID number.
 * Pure: a commitment in, HTML text out.
 */
import type { Commitment } from '../core/commitment.js';
import type { Manifest } from '../core/manifest.js';
import { escapeHtml, STYLE, table } from './notice.js';
import { count } from '../core/textLayout.js';
import { localTime, type TimeZone } from '../core/localTime.js';
import { type CommitteeLook, dayOf } from './look.js';

const COMMANDS: Readonly<Record<string, string>> = {
  monthly: '月度监督检查抽查',
  evaluate: '第三方评估抽样',
  funds: '帮扶资金抽查',
};

/** Chinese labels of the parameters a manifest records (the key, a code, is shown beside as the file has it). */
const PARAMETER_LABELS: Readonly<Record<string, string>> = {
  month: '抽查月份',
  level: '抽查层级',
  scope: '抽查范围（输入）',
  scope_key: '抽查范围代码',
  scope_label: '抽查范围',
  counties: '抽取县数',
  villages: '每县抽取村数',
  households: '每村（每类）抽取户数',
  village_frame: '村抽样框',
  statuses: '户类别',
  spares: '备用户数',
  encoding: '登记数据编码',
  columns: '列映射',
  divisions: '行政区划表',
  sheet: '工作表',
  strata: '分层规则',
  allocation: '样本分配',
  county_selection: '县抽取方式',
  villages_per_county: '每县抽取村数',
  county_attributes: '县属性表',
  method: '抽取方法',
  coverage: '资金覆盖比例',
  funds_source: '资金来源',
};

/** The exclusion stages (county, village, household) in Chinese; another text is shown as it is. */
const STAGE_LABELS: Readonly<Record<string, string>> = { county: '县', village: '村', household: '户' };
const stages = (list: readonly string[]): string => list.map((stage) => STAGE_LABELS[stage] ?? stage).join('、');
/** Why a source is excluded, by the option that excluded it (the option itself is a code). */
const REASON_LABELS: Readonly<Record<string, string>> = { exclude: '--exclude', history: '--history（历史记录）' };

const value = (entry: unknown): string =>
  entry === null ? '—' : typeof entry === 'string' ? entry : JSON.stringify(entry);
const when = (iso: string, zone: TimeZone): string => localTime(iso, zone.offsetMinutes);

/** The facts table's rows: draw, seed procedure, time, algorithm, and the SHA-256 of each table used. */
function commitmentFactRows(commitment: Commitment, zone: TimeZone): string {
  const facts: Array<readonly [string, string]> = [
    ['抽取类型', COMMANDS[commitment.command] ?? commitment.command],
    ['种子产生方式', commitment.seed_procedure],
    ['承诺时间', when(commitment.created_at, zone)],
    ['算法', `${commitment.algorithm.name} v${commitment.algorithm.version}`],
    ['行政区划表', `${commitment.divisions.source}（SHA-256 ${commitment.divisions.sha256}）`],
    ...(commitment.county_attributes
      ? [
          [
            '县属性表',
            `${commitment.county_attributes.name}（SHA-256 ${commitment.county_attributes.sha256}）`,
          ] as const,
        ]
      : []),
    ...(commitment.funds_table
      ? [['资金表', `${commitment.funds_table.name}（SHA-256 ${commitment.funds_table.sha256}）`] as const]
      : []),
  ];
  return facts.map(([label, text]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(text)}</td></tr>`).join('\n');
}

/** The parameters table: every recorded parameter in key order, with its Chinese label. */
function parametersTable(p: Record<string, unknown>): string {
  return table({
    caption: '抽取参数',
    columns: ['参数', '键', '值'],
    rows: Object.keys(p)
      .sort()
      .map((key) => [PARAMETER_LABELS[key] ?? key, key, value(p[key])]),
  });
}

/** The registry files table: name (non-poor files marked), bytes, SHA-256. */
function inputsTable(commitment: Commitment): string {
  return table({
    caption: '登记数据文件',
    columns: ['文件', '字节数', 'SHA-256'],
    rows: commitment.inputs.map((input) => [
      `${input.name}${input.role === 'nonpoor' ? '（非建档立卡户）' : ''}`,
      count(input.bytes),
      input.sha256,
    ]),
  });
}

/** The exclusions section (heading, sources table, the --history cooldown), or '' without exclusions. */
function exclusionsSection(commitment: Commitment): string {
  if (!commitment.exclusions) return '';
  const sources = table({
    caption: '排除的此前抽取或名单',
    columns: ['SHA-256', '环节', '依据'],
    rows: commitment.exclusions.sources.map((source) => [
      source.sha256,
      stages(source.stages),
      REASON_LABELS[source.reason] ?? source.reason,
    ]),
  });
  const history = commitment.exclusions.history
    ? `\n<p>按历史记录排除：冷却期 ${escapeHtml(String(commitment.exclusions.history.cooldown))} 个月（${escapeHtml(stages(commitment.exclusions.history.stages))}）。</p>`
    : '';
  return `<h2>排除的此前抽取或名单</h2>\n${sources}${history}`;
}

/** The commitment's public page: facts, registry files, parameters, exclusions, and what the commitment fixes. */
export function commitmentNoticeHtml(commitment: Commitment, look: CommitteeLook): string {
  const p = commitment.parameters as Record<string, unknown>;
  const month = typeof p.month === 'string' ? `${p.month.slice(0, 4)}年${Number(p.month.slice(5, 7))}月 ` : '';
  const title = `${month}${COMMANDS[commitment.command] ?? commitment.command} 抽取承诺公告`;
  const factRows = commitmentFactRows(commitment, look.timeZone);
  const parameters = parametersTable(p);
  const inputs = inputsTable(commitment);
  const exclusions = exclusionsSection(commitment);
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="spotcheck ${escapeHtml(commitment.tool.version)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<table class="facts" id="facts">
<tbody>
${factRows}
<tr><th>承诺 SHA-256</th><td class="hash" id="commitment-sha256">${escapeHtml(commitment.commitment_sha256)}</td></tr>
</tbody>
</table>
<h2>登记数据文件</h2>
${inputs}
<h2>抽取参数</h2>
${parameters}
${exclusions}
<h2>承诺的作用</h2>
<div class="verify">
<p>本公告在随机种子产生之前公布。抽取将使用上列登记数据文件（以 SHA-256 标识）和上列参数，种子按上述方式公开产生。抽取时须以 <code>--commitment</code> 给出本承诺：任何登记数据文件、表或参数与承诺不符，程序即拒绝抽取；抽取清单（<code>manifest.json</code>）记录本承诺的 SHA-256，抽取目录中保存承诺副本（<code>commitment.json</code>）。</p>
<ol>
<li>抽取后，<code>spotcheck verify 抽查目录</code> 会核对承诺副本并显示其 SHA-256：须与本公告所列一致。</li>
<li>核对抽取公告中的种子来源与上述种子产生方式一致。</li>
</ol>
</div>
<div class="closing" id="closing">
${look.committee === null ? '<p>发布单位：____________（盖章）</p>' : `<p class="issuer" id="issuer">${escapeHtml(look.committee)}</p>`}
<p>${escapeHtml(dayOf(commitment.created_at, look.timeZone))}</p>
</div>
<p class="complaint">${escapeHtml(look.complaintLine)}</p>
<p class="footer">本公告不含姓名、证件号码等个人信息。由 spotcheck ${escapeHtml(commitment.tool.version)} 生成。</p>
</body>
</html>
`;
}

/** The draw notice's lines about the commitment the draw kept to (none for a draw without one). */
export function commitmentFacts(manifest: Manifest, zone: TimeZone): Array<readonly [string, string]> {
  if (manifest.commitment === undefined) return [];
  return [
    [
      '抽取承诺',
      `SHA-256 ${manifest.commitment.sha256}（${when(manifest.commitment.created_at, zone)} 作出，须与种子产生前公布的一致）`,
    ],
    ['承诺的种子产生方式', manifest.commitment.seed_procedure],
  ];
}
