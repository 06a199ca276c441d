/**
 * What an .xlsx workbook went past (issue 13, resource bombs; src/io/xlsxLimits.ts): the {what} of
 * safety.xlsxTooLarge; and rows out of order. Keys: xlsxLimits.*
 */
import type { MessageSection } from './section.js';

export const XLSX_LIMIT_MESSAGES = {
  'xlsxLimits.zip64': { en: 'a ZIP64 size', 'zh-CN': 'ZIP64 大小' },
  'xlsxLimits.directory': { en: 'the zip central directory', 'zh-CN': 'zip 中央目录' },
  'xlsxLimits.declared': { en: 'the uncompressed size the zip declares', 'zh-CN': 'zip 声明的解压后大小' },
  'xlsxLimits.inflated': {
    en: 'the size its parts inflate to (counted up to here)',
    'zh-CN': '各部件实际解压后的大小（计至此处）',
  },
  'xlsxLimits.markup': {
    en: 'one XML tag, comment or declaration (bytes)',
    'zh-CN': '一个 XML 标签、注释或声明（字节）',
  },
  'xlsxLimits.text': {
    en: 'the XML text of one cell or shared string (bytes)',
    'zh-CN': '一个单元格或共享字符串的 XML 文本（字节）',
  },
  'xlsxLimits.depth': { en: 'the XML nesting depth', 'zh-CN': 'XML 嵌套层数' },
  'xlsxLimits.elements': {
    en: 'the XML elements of a part held in memory (shared strings, styles, workbook)',
    'zh-CN': '需整体载入内存的部件（共享字符串、样式、工作簿）的 XML 元素数',
  },
  'xlsxLimits.sheetElements': { en: 'the XML elements of the worksheets', 'zh-CN': '各工作表的 XML 元素总数' },
  'xlsxLimits.columns': { en: 'the column definitions (<col>) of a sheet', 'zh-CN': '工作表的列定义（<col>）数' },
  'xlsxLimits.sheets': { en: 'the worksheets of the workbook', 'zh-CN': '工作簿的工作表数' },
  'xlsxLimits.rowNumber': { en: 'the row number', 'zh-CN': '行号' },
  'xlsxLimits.rows': { en: 'the rows of the sheet', 'zh-CN': '工作表的行数' },
  'xlsxLimits.rowCells': { en: 'the cells in a row', 'zh-CN': '一行的单元格数' },
  'xlsxLimits.cells': { en: 'the cells of the sheet', 'zh-CN': '工作表的单元格数' },
  'xlsxLimits.rowOrder': {
    en: 'row {row} comes after row {previous}: the rows of a worksheet are numbered in increasing order (a repeated or out-of-order row would be read where Excel does not show it)',
    'zh-CN':
      '第 {row} 行出现在第 {previous} 行之后：工作表的行号应递增（重复或乱序的行会被读取，而 Excel 中并不如此显示）',
  },
} as const satisfies MessageSection;
