/** The public notice of a monthly draw (src/render/notice.ts). */
import type { NoticeInput } from '../../render/notice.js';
import { LEVEL_LABELS, monthLabel, noticeOf } from '../../render/notices.js';
import { count } from '../../render/style.js';
import type { MonthlyRun } from './run.js';

export function monthlyNotice(run: MonthlyRun): NoticeInput {
  const { draw, options, scope } = run;
  const level = LEVEL_LABELS[options.level] ?? options.level;
  return noticeOf(
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
