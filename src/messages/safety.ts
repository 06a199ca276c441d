/**
 * Hostile values (issue 13): files that are not regular or too large, JSON nested too deep, plan
 * keys that reach a prototype, a plan that turns ID masking off, fields and workbooks past the
 * limits, manifest paths verify will not follow, control characters in SQL table names.
 * Keys: safety.*
 */
import type { MessageSection } from './section.js';

export const SAFETY_MESSAGES = {
  'safety.notRegularFile': {
    en: 'not a regular file (a device, a FIFO or a socket); spotcheck reads only regular files here',
    'zh-CN': '不是普通文件（设备、FIFO 管道或套接字）；spotcheck 此处只读取普通文件',
  },
  'safety.notRegularFileHint': { en: 'give the path of the file itself', 'zh-CN': '请给出文件本身的路径' },
  'safety.tooLarge': {
    en: 'file too large: {bytes} bytes, the limit here is {limit} bytes',
    'zh-CN': '文件过大：{bytes} 字节，此处上限为 {limit} 字节',
  },
  'safety.jsonTooDeep': {
    en: 'JSON nested more than {max} levels deep; refused',
    'zh-CN': 'JSON 嵌套超过 {max} 层，拒绝读取',
  },
  'safety.forbiddenKey': {
    en: 'key "{key}" is not allowed in a plan (it could change how objects behave)',
    'zh-CN': '计划文件中不允许使用键 "{key}"（它可能改变对象的行为）',
  },
  'safety.forbiddenKeyHint': { en: 'remove the key from the plan file', 'zh-CN': '请从计划文件中删除该键' },
  'safety.revealIdsWarning': {
    en: 'warning: the plan file {file} sets reveal_ids: ID numbers and phone numbers are NOT masked in the outputs',
    'zh-CN': '警告：计划文件 {file} 设置了 reveal_ids：输出中的证件号码和电话号码不作遮蔽',
  },
  'safety.revealIdsSummary': {
    en: 'ID numbers not masked: reveal_ids set by the plan file {file}',
    'zh-CN': '证件号码未遮蔽：由计划文件 {file} 的 reveal_ids 设置',
  },
  'safety.fieldTooLarge': {
    en: 'a row (record) longer than {limit} characters; refused (a registry row is never that long: is this the right file?)',
    'zh-CN': '一行（一条记录）超过 {limit} 个字符，拒绝读取（登记表的一行不会这么长：文件是否正确？）',
  },
  'safety.xlsxTooLarge': {
    en: 'workbook too large once uncompressed: {what} is {size}, the limit is {limit}',
    'zh-CN': '工作簿解压后过大：{what} 为 {size}，上限为 {limit}',
  },
  'safety.xlsxHint': {
    en: 'export the sheet as CSV (UTF-8) and give the CSV file',
    'zh-CN': '请将工作表导出为 CSV（UTF-8）后给出该 CSV 文件',
  },
  'safety.manifestPath': {
    en: 'the manifest records the path {path} for {what}; verify follows only relative paths, and output names without a folder',
    'zh-CN': '抽取清单为{what}记录的路径 {path} 不被接受；verify 只接受相对路径，输出文件名不得含文件夹',
  },
  'safety.recordedFileChanged': {
    en: 'missing, or not the file the draw read (sha256 {recorded}… recorded); not read',
    'zh-CN': '文件缺失，或不是抽取时读取的文件（记录的 sha256 为 {recorded}…），未读取',
  },
  'safety.sql.tableControl': {
    en: '{option} must not contain control characters (a newline would end the SQL comment); got {got}',
    'zh-CN': '{option} 不得含控制字符（换行会结束 SQL 注释）；实际给出 {got}',
  },
} as const satisfies MessageSection;
