/** What the check workbook's village sheets print beside their table (src/io/workbook.ts), from a draw's manifest. */
import type { Manifest } from '../../core/manifest.js';
import { render } from '../../i18n.js';
import type { WorkbookForm } from '../../io/workbook.js';
import { LEVEL_LABELS } from '../../render/drawNames.js';
import { monthLabel } from '../../render/notices.js';
import type { CommitteeSettings } from './options.js';

/** What each drawing command's check is called on paper. */
const COMMAND_LABELS: Readonly<Record<string, string>> = {
  monthly: '监督检查抽查',
  funds: '资金量抽查',
  evaluate: '第三方评估抽样',
};

/**
 * workbookForm takes the page header's draw from the committee (when set) and the manifest's
 * parameters (month, level, scope: those a draw has), the spare rule from the catalogue and the
 * 问题类别 list from the committee's settings. All are in Chinese whatever --lang is: the village
 * sheets are a Chinese form, like their column names.
 */
export function workbookForm(manifest: Manifest, settings: CommitteeSettings): WorkbookForm {
  const p = manifest.parameters as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  const heading = [
    settings.committee ?? '',
    /^\d{4}-\d{2}$/.test(text(p.month)) ? monthLabel(text(p.month)) : '',
    LEVEL_LABELS[text(p.level)] ?? '',
    text(p.scope_label),
    COMMAND_LABELS[manifest.command] ?? '',
  ]
    .filter((part) => part !== '')
    .join(' ');
  return {
    heading,
    spareRule: render('summary.spareRule', 'zh-CN', {}),
    problemCategories: settings.problemCategories,
  };
}
