/** The public notice of a funds draw (src/render/notice.ts). */
import { yuan } from '../../core/funds.js';
import type { NoticeInput } from '../../render/notice.js';
import type { CommitteeLook } from '../../render/look.js';
import { noticeOf, noticeTitle } from '../../render/notices.js';
import type { FundsRun } from './run.js';

/** The notice, titled from the committee's template (`title`, render/notices.ts) and in its look. */
export function fundsNotice(run: FundsRun, look: CommitteeLook, title: string): NoticeInput {
  const { draw, options, scope } = run;
  return noticeOf(
    run.manifest,
    noticeTitle(title, { month: options.month, level: 'prefecture', scope: scope.label, committee: look.committee }),
    [
      ['抽查范围', `${scope.label}：省级检查以外的县（区）`],
      ['抽查月份', options.month],
      [
        '抽取方法',
        options.method === 'coverage'
          ? `按随机顺序抽取，直至覆盖资金总量的 ${options.coverage.text}`
          : `按资金量成比例抽取 ${options.counties} 个县`,
      ],
      [
        '资金',
        `符合条件 ${yuan(draw.eligibleFen)} 元 · 抽中 ${yuan(draw.selectedFen)} 元（${(draw.coverageReached * 100).toFixed(1)}%）`,
      ],
    ],
    [
      {
        caption: '抽中的县（区）',
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
        caption: '不参加本次抽取的县（区）',
        columns: ['县（区）', '原因'],
        rows: [
          ...draw.excluded.map((entry) => [entry.county.name, '已被省级抽查']),
          ...draw.withoutFunds.map((entry) => [entry.county.name, '无资金']),
        ],
      },
    ],
    look,
  );
}
