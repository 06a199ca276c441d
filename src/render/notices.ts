/** The public notice of each kind of draw: what it drew, in the notice's terms (src/render/notice.ts). */
import { STATUS_LABELS, HOUSEHOLD_STATUSES } from '../core/frame.js';
import { yuan } from '../core/funds.js';
import type { Manifest } from '../core/manifest.js';
import type { EvaluationRun } from '../run/evaluate.js';
import type { FundsRun } from '../run/funds.js';
import type { MonthlyRun } from '../run/monthly.js';
import type { NoticeInput } from './notice.js';
import { commitmentFacts } from './commitNotice.js';
import { count } from './style.js';
import { exclusionLines } from './exclusions.js';
import { showSeed } from '../core/seed.js';

const LEVEL_LABELS: Readonly<Record<string, string>> = {
  province: '省级',
  prefecture: '州（市）级',
  county: '县级',
  township: '乡镇级',
};

/** "2026年11月" from "2026-11". */
const monthLabel = (month: string): string => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

function commonFacts(manifest: Manifest): Array<readonly [string, string]> {
  const p = manifest.parameters as Record<string, unknown>;
  return [
    ['随机种子 Seed', showSeed(String(p.seed))],
    ['种子来源 Seed source', typeof p.seed_source === 'string' ? p.seed_source : '未注明 (not given)'],
    ['抽取时间 Drawn at', manifest.created_at.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
    [
      '登记册 Registry',
      manifest.inputs
        .map((input) => `${input.name}（SHA-256 ${input.sha256.slice(0, 16)}…，${count(input.records)} 行）`)
        .join('；'),
    ],
    ...(manifest.exclusions ? [['排除 Excluded', exclusionLines(manifest).join('；')] as const] : []),
  ];
}

function base(
  manifest: Manifest,
  title: string,
  facts: Array<readonly [string, string]>,
  tables: NoticeInput['tables'],
): NoticeInput {
  return {
    title,
    facts: [...facts, ...commonFacts(manifest), ...commitmentFacts(manifest)],
    tables,
    manifestSha256: manifest.manifest_sha256 ?? '',
    toolVersion: manifest.tool.version,
    algorithm: `${manifest.algorithm.name} v${manifest.algorithm.version}`,
  };
}

export function monthlyNotice(run: MonthlyRun): NoticeInput {
  const { draw, options, scope } = run;
  const level = LEVEL_LABELS[options.level] ?? options.level;
  return base(
    run.manifest,
    `${monthLabel(options.month)} ${level}脱贫攻坚监督检查 抽查结果公告`,
    [
      ['抽查层级 Level', `${level}（${options.level}）`],
      ['抽查范围 Scope', scope.level === 'province' ? '全省 (province)' : scope.label],
      ['抽查月份 Month', options.month],
      [
        '抽取规模 Sample',
        `${draw.counties.length} 个县（区） · ${draw.villages.length} 个村 · ${draw.households.length} 户${draw.spares.length > 0 ? ` · 备用 ${draw.spares.length} 户` : ''}`,
      ],
      [
        '抽样框 Frame',
        `${count(draw.frame.sizes.counties)} 个县 · ${count(draw.frame.sizes.villages)} 个村（${draw.frame.definition.villageFrameNote}） · ${count(draw.frame.sizes.households)} 户`,
      ],
    ],
    [
      {
        caption: '抽中的县（区） Counties drawn',
        columns: ['序号', '州（市）', '县（区）', '代码'],
        rows: draw.counties.map((county, index) => [
          index + 1,
          county.county.prefecture,
          county.county.name,
          county.county.code,
        ]),
      },
      {
        caption: '抽中的村及户数 Villages drawn and households per village',
        columns: ['序号', '县（区）', '乡镇', '行政村', '抽中户数', '村内建档立卡户数'],
        rows: draw.villages.map((village, index) => [
          index + 1,
          village.county.name,
          village.township.name,
          village.village.name,
          draw.households.filter((entry) => entry.village.key === village.village.key).length,
          village.frameHouseholds,
        ]),
      },
    ],
  );
}

export function evaluationNotice(run: EvaluationRun): NoticeInput {
  const { draw } = run;
  const villages = run.tables.villages;
  const column = (name: string) => villages.columns.indexOf(name);
  const drawnIn = (villageKey: string, status: string) =>
    draw.households.filter(
      (entry) => entry.role === 'sample' && entry.village.village.key === villageKey && entry.stratum === status,
    ).length;
  return base(
    run.manifest,
    '第三方评估 抽样结果公告',
    [
      [
        '评估 Evaluation',
        `${draw.counties.length} 个县（区） · ${draw.villages.length} 个村 · ${draw.households.filter((entry) => entry.role === 'sample').length} 户`,
      ],
      [
        '分层 Strata',
        `${run.options.counties} 个县按 ${typeof run.options.strata === 'string' ? run.options.strata : run.options.strata.column} 分层`,
      ],
    ],
    [
      {
        caption: '抽中的县（区） Counties drawn',
        columns: ['序号', '层 Stratum', '州（市）', '县（区）'],
        rows: draw.counties.map((county, index) => [
          index + 1,
          county.stratum,
          county.county.prefecture,
          county.county.name,
        ]),
      },
      {
        caption: '抽中的村及各类户数 Villages drawn and households per status',
        columns: ['序号', '县（区）', '乡镇', '行政村', ...HOUSEHOLD_STATUSES.map((status) => STATUS_LABELS[status])],
        rows: villages.rows.map((row, index) => [
          index + 1,
          String(row[column('county')]),
          String(row[column('township')]),
          String(row[column('village')]),
          ...HOUSEHOLD_STATUSES.map((status) => drawnIn(String(row[column('village_key')]), status)),
        ]),
      },
    ],
  );
}

export function fundsNotice(run: FundsRun): NoticeInput {
  const { draw, options, scope } = run;
  return base(
    run.manifest,
    `${monthLabel(options.month)} ${scope.label} 资金量抽查 抽查结果公告`,
    [
      ['抽查范围 Scope', `${scope.label}：省级检查以外的县（区）`],
      ['抽查月份 Month', options.month],
      [
        '方法 Method',
        options.method === 'coverage'
          ? `按随机顺序抽取，直至覆盖资金总量的 ${options.coverage.text}`
          : `按资金量成比例抽取 ${options.counties} 个县（PPS）`,
      ],
      [
        '资金 Funds',
        `符合条件 ${yuan(draw.eligibleFen)} 元 · 抽中 ${yuan(draw.selectedFen)} 元（${(draw.coverageReached * 100).toFixed(1)}%）`,
      ],
    ],
    [
      {
        caption: '抽中的县（区） Counties drawn',
        columns: ['顺序', '县（区）', '代码', '资金（元）', '累计（元）'],
        rows: draw.selected.map((entry) => [
          entry.rank,
          entry.county.name,
          entry.county.code,
          yuan(entry.fundsFen),
          yuan(entry.cumulativeFen),
        ]),
      },
      {
        caption: '不参加本次抽取的县（区） Counties left out',
        columns: ['县（区）', '原因'],
        rows: [
          ...draw.excluded.map((entry) => [entry.county.name, '已被省级抽查']),
          ...draw.withoutFunds.map((entry) => [entry.county.name, '无资金']),
        ],
      },
    ],
  );
}
