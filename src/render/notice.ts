/**
 * The public notice of a draw (信息公开: 公开栏, 政府门户网站): one self-contained HTML page (no
 * external assets, no scripts) that prints on A4. It states what was drawn, from which seed and
 * where the seed came from, the units drawn and the number of households per village — never a
 * name or an ID number — and the manifest's SHA-256, with how anyone can check the draw.
 * Pure: data in, HTML text out.
 */

export interface NoticeTable {
  readonly caption: string;
  readonly columns: readonly string[];
  readonly rows: ReadonlyArray<ReadonlyArray<string | number>>;
}

export interface NoticeInput {
  /** e.g. "2026年12月 州（市）级巩固拓展脱贫攻坚成果监督检查 抽查结果公告" (render/notices.ts). */
  readonly title: string;
  /** Label → value lines (Chinese labels): level, scope, month, seed, seed source, time, sizes. */
  readonly facts: ReadonlyArray<readonly [string, string]>;
  readonly tables: readonly NoticeTable[];
  readonly manifestSha256: string;
  readonly toolVersion: string;
  readonly algorithm: string;
  /**
   * The 落款: the issuing committee (null: a blank to fill in and stamp), the day of the draw in the
   * committee's time zone ("2026年12月2日"), and the complaint channel line.
   */
  readonly closing: { readonly committee: string | null; readonly date: string; readonly complaint: string };
}

export const escapeHtml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (character) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[character]!,
  );

export const STYLE = `
  @page { size: A4; margin: 12mm 13mm; }
  * { box-sizing: border-box; }
  body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC", "SimHei", sans-serif;
         color: #111; margin: 0 auto; max-width: 184mm; padding: 6mm 0; font-size: 10pt; line-height: 1.35; }
  h1 { font-size: 15pt; text-align: center; margin: 0 0 3mm; }
  h2 { font-size: 11pt; margin: 3mm 0 1mm; border-bottom: 1.2px solid #333; padding-bottom: 0.5mm; }
  table { border-collapse: collapse; width: 100%; margin: 1mm 0; page-break-inside: auto; }
  tr { page-break-inside: avoid; }
  th, td { border: 1px solid #666; padding: 0.6mm 1.6mm; text-align: left; vertical-align: top; }
  th { background: #eef2f7; font-weight: bold; }
  td.number { text-align: right; font-variant-numeric: tabular-nums; }
  table.facts th { width: 20%; white-space: nowrap; }
  code, .hash { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", Consolas, monospace; word-break: break-all; font-size: 8.5pt; }
  .verify { font-size: 9pt; }
  .verify p { margin: 0.5mm 0; }
  .verify ol { margin: 0.5mm 0 0 5mm; padding: 0; }
  .closing { margin-top: 4mm; text-align: right; }
  .closing p { margin: 0.5mm 0; }
  .footer { margin-top: 2mm; font-size: 8.5pt; color: #444; }
  @media print { body { padding: 0; } }
`;
export function table(spec: NoticeTable, className = ''): string {
  const head = spec.columns.map((column) => `<th>${escapeHtml(column)}</th>`).join('');
  const body = spec.rows
    .map(
      (row) =>
        `<tr>${row.map((cell) => `<td${typeof cell === 'number' ? ' class="number"' : ''}>${escapeHtml(String(cell))}</td>`).join('')}</tr>`,
    )
    .join('\n');
  return `<table${className ? ` class="${className}"` : ''}>\n<caption hidden>${escapeHtml(spec.caption)}</caption>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

export function noticeHtml(input: NoticeInput): string {
  const facts = input.facts
    .map(([label, value]) => `<tr><th>${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`)
    .join('\n');
  const sections = input.tables.map((spec) => `<h2>${escapeHtml(spec.caption)}</h2>\n${table(spec)}`).join('\n');
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="spotcheck ${escapeHtml(input.toolVersion)}">
<title>${escapeHtml(input.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(input.title)}</h1>
<table class="facts" id="facts">
<tbody>
${facts}
<tr><th>抽查清单 SHA-256</th><td class="hash" id="manifest-sha256">${escapeHtml(input.manifestSha256)}</td></tr>
</tbody>
</table>
${sections}
<h2>如何核验</h2>
<div class="verify">
<p>本次抽取由公开的随机种子经 SHA-256 计算得出（算法 ${escapeHtml(input.algorithm)}），任何持有同一份登记册导出文件和抽查清单（<code>manifest.json</code>）的人都可以重新计算，并须得到完全相同的结果：</p>
<ol>
<li>用 spotcheck 核验：<code>spotcheck verify 抽查目录</code>（目录内含 <code>manifest.json</code> 及各 CSV 文件；登记册另放时加 <code>--registry 文件</code>），结果为 <code>verified</code> 即与公告一致；</li>
<li>或用独立核验程序（只需 Python 标准库）：<code>python3 docs/check_draw.py 抽查目录/manifest.json --registry 登记册.csv</code>；</li>
<li>核对抽查清单中的 <code>manifest_sha256</code> 与本公告所列 SHA-256 一致。</li>
</ol>
</div>
<div class="closing" id="closing">
${input.closing.committee === null ? '<p>发布单位：____________（盖章）</p>' : `<p class="issuer" id="issuer">${escapeHtml(input.closing.committee)}</p>`}
<p>${escapeHtml(input.closing.date)}</p>
</div>
<p class="complaint">${escapeHtml(input.closing.complaint)}</p>
<p class="footer">本公告不含姓名、证件号码等个人信息。由 spotcheck ${escapeHtml(input.toolVersion)} 生成。</p>
</body>
</html>
`;
}
