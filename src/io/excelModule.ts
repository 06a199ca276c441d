/**
 * exceljs, loaded on first use: it and its dependencies cost about 0.3–0.6 s of start-up, which
 * every command paid although only .xlsx registries and --xlsx workbooks need it (issue 16).
 */
import type ExcelJSModule from 'exceljs';

let loading: Promise<typeof ExcelJSModule> | null = null;

export function loadExcelJS(): Promise<typeof ExcelJSModule> {
  loading ??= import('exceljs').then((module) => module.default);
  return loading;
}
