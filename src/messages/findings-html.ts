/**
 * `spotcheck findings --html`, issue 18 third part (src/render/findingsReport.ts): the report page.
 * Keys: help.findings.html
 */
import type { MessageSection } from './section.js';

export const FINDINGS_HTML_MESSAGES = {
  'help.findings.html': {
    en: 'write the report page to this file: one self-contained HTML page in Chinese with charts (problems by category and by prefecture, the monthly trend with --history) drawn as inline SVG, printable on A4; IDs masked unless --reveal-ids',
    'zh-CN':
      '将报告页面写入该文件：一个独立的中文 HTML 页面，含图表（按问题类别、按州市统计的问题数，及有 --history 时的逐月趋势），图表为内嵌 SVG，可用 A4 打印；除非 --reveal-ids，农户编号均遮盖',
  },
} as const satisfies MessageSection;
