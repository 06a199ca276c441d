/** The public notice of an evaluation draw (src/render/notice.ts). */
import { HOUSEHOLD_STATUSES, STATUS_LABELS } from '../../core/frame.js';
import type { NoticeInput } from '../../render/notice.js';
import type { CommitteeLook } from '../../render/look.js';
import { noticeOf } from '../../render/notices.js';
import type { EvaluationRun } from './run.js';

/** The built-in strata rules as the notice names them (a column given by name is shown as it is). */
const STRATA_LABELS: Readonly<Record<'prefecture' | 'poverty-county', string>> = {
  prefecture: '州（市）',
  'poverty-county': '是否贫困县',
};

/** The minimum per stratum and the merging of small strata, when the draw used them (nothing otherwise). */
function designNote(run: EvaluationRun): string {
  const { minPerStratum, mergeStrata } = run.options;
  const merged = run.draw.strata.filter((stratum) => stratum.merged !== undefined).length;
  return [
    minPerStratum > 1 ? `，每层至少 ${minPerStratum} 个县` : '',
    mergeStrata ? `；小层按规则合并（共 ${run.draw.strata.length} 层，其中 ${merged} 层由小层合并而成）` : '',
  ].join('');
}

export function evaluationNotice(run: EvaluationRun, look: CommitteeLook): NoticeInput {
  const { draw } = run;
  const villages = run.tables.villages;
  const column = (name: string) => villages.columns.indexOf(name);
  const drawnIn = (villageKey: string, status: string) =>
    draw.households.filter(
      (entry) => entry.role === 'sample' && entry.village.village.key === villageKey && entry.stratum === status,
    ).length;
  return noticeOf(
    run.manifest,
    '第三方评估 抽样结果公告',
    [
      [
        '评估样本',
        `${draw.counties.length} 个县（区） · ${draw.villages.length} 个村 · ${draw.households.filter((entry) => entry.role === 'sample').length} 户`,
      ],
      [
        '分层',
        `${run.options.counties} 个县按 ${typeof run.options.strata === 'string' ? STRATA_LABELS[run.options.strata] : run.options.strata.column} 分层${designNote(run)}`,
      ],
    ],
    [
      {
        caption: '抽中的县（区）',
        columns: ['序号', '层', '州（市）', '县（区）'],
        rows: draw.counties.map((county, index) => [
          index + 1,
          county.stratum,
          county.county.prefecture,
          county.county.name,
        ]),
      },
      {
        caption: '抽中的村及各类户数',
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
    look,
  );
}
