/** The public notice of a monthly draw (src/render/notice.ts). */
import type { NoticeInput } from '../../render/notice.js';
import { levelLabel } from '../../render/drawNames.js';
import type { CommitteeLook } from '../../render/look.js';
import { noticeOf, noticeTitle } from '../../render/notices.js';
import { count } from '../../render/style.js';
import type { MonthlyRun } from './run.js';

/**
 * The 抽样框 row's note in Chinese, worded from the frame's definition and the --village-frame asked for (the
 * core's English note stays in the manifest): poor villages only, or every village and why.
 */
function frameNote(run: MonthlyRun): string {
  if (run.draw.frame.definition.villageFrame === 'poor') return '仅贫困村（是否贫困村 = 是）';
  return run.options.villageFrame === 'auto' ? '登记册未标注是否贫困村，全部村纳入' : '全部村';
}

/** The notice, titled from the committee's template (`title`, render/notices.ts) and in its look. */
export function monthlyNotice(run: MonthlyRun, look: CommitteeLook, title: string): NoticeInput {
  const { draw, options, scope } = run;
  const level = levelLabel(options.level);
  const scopeLabel = scope.level === 'province' ? '全省' : scope.label;
  return noticeOf(
    run.manifest,
    noticeTitle(title, { month: options.month, level: options.level, scope: scopeLabel, committee: look.committee }),
    [
      ['抽查层级', level],
      ['抽查范围', scopeLabel],
      ['抽查月份', options.month],
      [
        '抽取规模',
        `${draw.counties.length} 个县（区） · ${draw.villages.length} 个村 · ${draw.households.length} 户${draw.spares.length > 0 ? ` · 备用 ${draw.spares.length} 户` : ''}`,
      ],
      [
        '抽样框',
        `${count(draw.frame.sizes.counties)} 个县 · ${count(draw.frame.sizes.villages)} 个村（${frameNote(run)}） · ${count(draw.frame.sizes.households)} 户`,
      ],
    ],
    [
      {
        caption: '抽中的县（区）',
        columns: ['序号', '州（市）', '县（区）', '代码'],
        rows: draw.counties.map((county, index) => [
          index + 1,
          county.county.prefecture,
          county.county.name,
          county.county.code,
        ]),
      },
      {
        caption: '抽中的村及户数',
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
    look,
  );
}
