/** Error messages and hints of src/io/* (keys io.*). */
import type { MessageSection } from './section.js';

export const IO_ERROR_MESSAGES = {
  // Words shared by several files: why a file cannot be read or written, an empty list, "or".
  'io.reason.noSuchFile': { en: 'there is no such file', 'zh-CN': '文件不存在' },
  'io.reason.permissionDenied': { en: 'permission denied', 'zh-CN': '没有权限' },
  'io.reason.readOnly': { en: 'the file system is read-only', 'zh-CN': '文件系统为只读' },
  'io.reason.diskFull': { en: 'the disk is full', 'zh-CN': '磁盘已满' },
  'io.reason.quotaUsedUp': { en: 'the disk quota is used up', 'zh-CN': '磁盘配额已用完' },
  'io.reason.error': { en: 'error', 'zh-CN': '未知错误' },
  'io.reason.unknownError': { en: 'unknown error', 'zh-CN': '未知错误' },
  'io.list.none': { en: '(none)', 'zh-CN': '（无）' },
  'io.list.or': { en: ' or ', 'zh-CN': ' 或 ' },

  // src/io/exclude.ts
  'io.exclude.badStage': {
    en: '{option} takes county, village, household (县, 村, 户), got "{got}"',
    'zh-CN': '{option} 的取值为 county、village、household（县、村、户），实际为 "{got}"',
  },
  'io.exclude.noStage': {
    en: '{option} must name at least one stage, got "{got}"',
    'zh-CN': '{option} 须至少给出一个阶段，实际为 "{got}"',
  },
  'io.exclude.invalidCsv': {
    en: 'an exclusion list is not valid CSV: {detail}',
    'zh-CN': '排除名单不是有效的 CSV：{detail}',
  },
  'io.exclude.noKeyColumn': {
    en: 'an exclusion list needs a column of unit keys ({wanted}); headers found: {found}',
    'zh-CN': '排除名单须有一列单位代码（{wanted}）；找到的表头：{found}',
  },
  'io.exclude.noKeyColumnHint': {
    en: 'give the output directory or manifest.json of an earlier draw, or a CSV with one of those columns',
    'zh-CN': '请给出以往抽取的输出目录或 manifest.json，或含上述任一列的 CSV',
  },
  'io.exclude.unreadable': { en: 'cannot read {what}: {reason}', 'zh-CN': '无法读取{what}：{reason}' },
  'io.exclude.theList': { en: 'the exclusion list', 'zh-CN': '排除名单' },
  'io.exclude.theDrawFile': { en: "the excluded draw's {name}", 'zh-CN': '被排除抽取的 {name}' },
  'io.exclude.keepWholeHint': {
    en: 'an excluded draw must be kept whole (its manifest and CSV files) for the draws that exclude it to verify',
    'zh-CN': '被排除的抽取须完整保留（抽取清单及 CSV 文件），排除它的抽取才能通过核验',
  },
  'io.exclude.missing': { en: 'an excluded draw or list does not exist', 'zh-CN': '被排除的抽取或名单不存在' },
  'io.exclude.missingHint': {
    en: 'give the output directory or manifest.json of an earlier draw, or a CSV of unit keys',
    'zh-CN': '请给出以往抽取的输出目录或 manifest.json，或列有单位代码的 CSV',
  },
  'io.exclude.stageMismatch': {
    en: 'the exclusion list names {present} units, but the stages excluded here are {stages}',
    'zh-CN': '排除名单列出的是 {present} 单位，而此处排除的阶段是 {stages}',
  },
  'io.exclude.stageMismatchHint': { en: 'give a list with a {columns} column', 'zh-CN': '请给出含 {columns} 列的名单' },
  'io.exclude.stageMismatchHintExclude': {
    en: 'give a list with a {columns} column, or change --exclude-stages',
    'zh-CN': '请给出含 {columns} 列的名单，或修改 --exclude-stages',
  },
  'io.exclude.drawFileChanged': {
    en: "the excluded draw's {name} was changed after the draw (its SHA-256 is not the one its manifest records)",
    'zh-CN': '被排除抽取的 {name} 在抽取后被修改（其 SHA-256 与抽取清单记载的不符）',
  },
  'io.exclude.drawFileChangedHint': {
    en: 'restore the draw as it was written; `spotcheck verify` on it names the change',
    'zh-CN': '请将该抽取恢复为写出时的原样；对其运行 `spotcheck verify` 可指出改动之处',
  },
  'io.exclude.historyNotDirectory': {
    en: '--history must name a directory of earlier draws',
    'zh-CN': '--history 须指向存放以往抽取结果的目录',
  },

  // src/io/ledger.ts
  'io.ledger.isDirectory': { en: 'the ledger is a directory, not a file', 'zh-CN': '抽查台账是目录，不是文件' },
  'io.ledger.isDirectoryHint': { en: 'give a file such as draws.ledger', 'zh-CN': '请给出一个文件，如 draws.ledger' },
  'io.ledger.unreadable': { en: 'cannot read the ledger: {reason}', 'zh-CN': '无法读取抽查台账：{reason}' },
  'io.ledger.noDirectory': {
    en: "the ledger's directory {dir} does not exist",
    'zh-CN': '抽查台账所在目录 {dir} 不存在',
  },
  'io.ledger.noDirectoryHint': {
    en: 'create it first, or give another --ledger file',
    'zh-CN': '请先创建该目录，或另给 --ledger 文件',
  },
  'io.ledger.broken': {
    en: "the ledger's chain is broken ({problem}); no draw is added to a broken ledger",
    'zh-CN': '抽查台账的链已断裂（{problem}）；不向断裂的台账追加抽取',
  },
  'io.ledger.brokenHint': {
    en: 'run `spotcheck ledger verify` on it, and start a new ledger file (keep the broken one as evidence)',
    'zh-CN': '请对其运行 `spotcheck ledger verify`，并另建新的台账文件（保留断裂的台账作为证据）',
  },
  'io.ledger.lockFailed': { en: 'cannot lock the ledger ({reason})', 'zh-CN': '无法锁定抽查台账（{reason}）' },
  'io.ledger.locked': {
    en: 'the ledger is locked by another draw (its lock file has stayed for 30 seconds); nothing was drawn',
    'zh-CN': '抽查台账已被另一次抽取锁定（锁文件已存在 30 秒）；未进行抽取',
  },
  'io.ledger.lockedHint': {
    en: 'if no other spotcheck is running, a crashed one left the lock: delete the .lock file and draw again',
    'zh-CN': '如没有其他 spotcheck 在运行，则是异常退出的进程留下了锁：请删除 .lock 文件后重新抽取',
  },

  // src/io/load.ts
  'io.load.divisionUnreadable': {
    en: 'division table cannot be read ({reason})',
    'zh-CN': '无法读取行政区划表（{reason}）',
  },
  'io.load.divisionInvalidCsv': {
    en: 'division table is not valid CSV: {detail}',
    'zh-CN': '行政区划表不是有效的 CSV：{detail}',
  },
  'io.load.sheetWithoutWorkbook': {
    en: '--sheet applies to .xlsx registries, and none was given (got --sheet "{sheet}")',
    'zh-CN': '--sheet 仅适用于 .xlsx 登记数据，但未给出 .xlsx 文件（收到 --sheet "{sheet}"）',
  },
  'io.load.fileGivenTwice': {
    en: 'the file {path} is given twice; give each registry file once',
    'zh-CN': '文件 {path} 给出了两次；每个登记数据文件只能给出一次',
  },
  'io.load.sameFile': {
    en: '{path} and {twin} are the same file (same SHA-256); give each registry file once',
    'zh-CN': '{path} 与 {twin} 是同一文件（SHA-256 相同）；每个登记数据文件只能给出一次',
  },
  'io.load.noHeaderRow': { en: 'the registry file has no header row', 'zh-CN': '登记数据文件没有表头' },
  'io.load.countyTableUnreadable': {
    en: 'county table cannot be read ({reason})',
    'zh-CN': '无法读取县属性表（{reason}）',
  },
  'io.load.countyTableInvalidCsv': {
    en: 'county table is not valid CSV: {detail}',
    'zh-CN': '县属性表不是有效的 CSV：{detail}',
  },
  'io.load.countyTableEmpty': { en: 'the county table is empty', 'zh-CN': '县属性表为空' },

  // src/io/manifest.ts
  'io.manifest.unreadable': { en: 'manifest cannot be read ({reason})', 'zh-CN': '无法读取抽取清单（{reason}）' },
  'io.manifest.invalidJson': {
    en: 'manifest is not valid JSON: {detail}',
    'zh-CN': '抽取清单不是有效的 JSON：{detail}',
  },
  'io.manifest.notSpotcheck': {
    en: 'not a spotcheck manifest (format must be {format}, got {got})',
    'zh-CN': '不是 spotcheck 的抽取清单（format 应为 {format}，实际为 {got}）',
  },
  'io.manifest.unknownAlgorithm': {
    en: 'unknown algorithm {name} version {version}; this spotcheck knows {known} version {knownVersion}',
    'zh-CN': '未知的算法 {name}（版本 {version}）；本 spotcheck 支持 {known} 版本 {knownVersion}',
  },
  'io.manifest.unknownAlgorithmHint': {
    en: 'verify it with the spotcheck version named in the manifest',
    'zh-CN': '请用抽取清单中记载的 spotcheck 版本核验',
  },
  'io.manifest.edited': {
    en: 'the manifest was edited after the draw: its manifest_sha256 does not match its content',
    'zh-CN': '抽取清单在抽取后被修改：其 manifest_sha256 与内容不符',
  },
  'io.manifest.malformed': {
    en: 'the manifest is not one spotcheck writes: {field} must be {rule}',
    'zh-CN': '抽取清单不是 spotcheck 写出的格式：{field} 应为{rule}',
  },
  'io.manifest.malformedHint': {
    en: 'use the manifest exactly as the draw wrote it; a manifest edited and resealed by hand cannot be checked',
    'zh-CN': '请使用抽取时写出的原始抽取清单；手工修改并重新封存的清单无法核验',
  },
  'io.manifest.rule.object': { en: 'an object', 'zh-CN': '对象' },
  'io.manifest.rule.inputs': { en: 'a non-empty list of input files', 'zh-CN': '非空的输入文件列表' },
  'io.manifest.rule.text': { en: 'a non-empty text', 'zh-CN': '非空文本' },
  'io.manifest.rule.textOrNull': { en: 'a text or null', 'zh-CN': '文本或 null' },
  'io.manifest.rule.sha256': {
    en: '64 lowercase hexadecimal digits (a SHA-256)',
    'zh-CN': '64 位小写十六进制数字（SHA-256）',
  },
  'io.manifest.rule.count': { en: 'a whole number of 0 or more', 'zh-CN': '不小于 0 的整数' },
  'io.manifest.rule.time': {
    en: 'a UTC time such as 2026-12-02T03:16:08.123Z',
    'zh-CN': 'UTC 时间，如 2026-12-02T03:16:08.123Z',
  },
  'io.manifest.rule.sources': { en: 'an object with a list of sources', 'zh-CN': '含来源列表的对象' },
  'io.manifest.editedHint': {
    en: 'use the manifest exactly as the draw wrote it',
    'zh-CN': '请使用抽取时写出的原始抽取清单',
  },

  // src/io/output.ts
  'io.output.notDirectory': { en: '--out names a file, not a directory', 'zh-CN': '--out 指向的是文件，不是目录' },
  'io.output.notDirectoryHint': { en: 'choose a new --out directory', 'zh-CN': '请另选一个新的 --out 目录' },
  'io.output.notEmpty': {
    en: 'the output directory is not empty ({entries} entries)',
    'zh-CN': '输出目录不为空（有 {entries} 项）',
  },
  'io.output.notEmptyHint': {
    en: 'choose a new --out directory, or add --force to replace the draw in it',
    'zh-CN': '请另选一个新的 --out 目录，或加 --force 替换其中的抽取结果',
  },
  'io.output.noParent': {
    en: 'cannot create the output directory: its parent directory {parent} does not exist',
    'zh-CN': '无法创建输出目录：其上级目录 {parent} 不存在',
  },
  'io.output.noParentHint': {
    en: 'create the parent directory first, or choose another --out',
    'zh-CN': '请先创建上级目录，或另选 --out',
  },
  'io.output.cannotCreateIn': {
    en: 'cannot create the output directory in {parent}: {reason}',
    'zh-CN': '无法在 {parent} 中创建输出目录：{reason}',
  },
  'io.output.writableHint': {
    en: 'choose an --out directory you may write to',
    'zh-CN': '请选择有写入权限的 --out 目录',
  },
  'io.output.cannotCreate': {
    en: 'cannot create the output directory: {reason}',
    'zh-CN': '无法创建输出目录：{reason}',
  },
  'io.output.cannotWriteFiles': {
    en: 'cannot write the output files: {reason}',
    'zh-CN': '无法写入输出文件：{reason}',
  },
  'io.output.cannotWriteFilesHint': {
    en: 'nothing was replaced; free space or choose another --out, then draw again',
    'zh-CN': '未替换任何文件；请释放磁盘空间或另选 --out，然后重新抽取',
  },
  'io.output.cannotWriteFile': { en: 'cannot write {name}: {reason}', 'zh-CN': '无法写入 {name}：{reason}' },

  // src/io/plan.ts
  'io.plan.kind.string': { en: 'a string', 'zh-CN': '字符串' },
  'io.plan.kind.path': { en: 'a path (a string)', 'zh-CN': '路径（字符串）' },
  'io.plan.kind.count': { en: 'a whole number', 'zh-CN': '整数' },
  'io.plan.kind.share': { en: 'a number or a string such as "50%"', 'zh-CN': '数字或 "50%" 这样的字符串' },
  'io.plan.kind.boolean': { en: 'true or false', 'zh-CN': '布尔值 true 或 false' },
  'io.plan.kind.list': {
    en: 'a list of strings, or one comma-separated string',
    'zh-CN': '字符串列表，或一个以逗号分隔的字符串',
  },
  'io.plan.kind.paths': { en: 'a list of paths', 'zh-CN': '路径列表' },
  'io.plan.kind.columns': {
    en: 'an object of field → header, e.g. {example}',
    'zh-CN': '字段 → 表头的对象，例如 {example}',
  },
  'io.plan.kind.sizes': {
    en: 'an object such as {example}, or a string "poor=5,exited=5"',
    'zh-CN': '形如 {example} 的对象，或字符串 "poor=5,exited=5"',
  },
  'io.plan.badValue': {
    en: 'plan file: "{key}" must be {expected}, got {got}',
    'zh-CN': '方案文件："{key}" 应为{expected}，实际为 {got}',
  },
  'io.plan.notRegistryField': {
    en: 'plan file: "{key}" is not a registry field',
    'zh-CN': '方案文件："{key}" 不是登记数据字段',
  },
  'io.plan.fieldsHint': {
    en: 'fields: household_id, county, township, village, status, id_number, funds …',
    'zh-CN': '可用字段：household_id, county, township, village, status, id_number, funds …',
  },
  'io.plan.columnHeader': {
    en: 'plan file: "{key}" must be the header of a column (a string), got {got}',
    'zh-CN': '方案文件："{key}" 应为某一列的表头（字符串），实际为 {got}',
  },
  'io.plan.unreadable': { en: 'cannot read the plan file: {reason}', 'zh-CN': '无法读取方案文件：{reason}' },
  'io.plan.invalidJson': {
    en: 'the plan file is not valid JSON: {detail}',
    'zh-CN': '方案文件不是有效的 JSON：{detail}',
  },
  'io.plan.notObject': { en: 'the plan file must hold a JSON object', 'zh-CN': '方案文件的内容须为一个 JSON 对象' },
  'io.plan.sectionNotObject': {
    en: 'plan file: "{key}" must be an object of {key}\'s settings',
    'zh-CN': '方案文件："{key}" 应为对象，内含 {key} 命令的设置',
  },
  'io.plan.unknownKey': { en: 'plan file: unknown key "{key}"', 'zh-CN': '方案文件：未知的键 "{key}"' },
  'io.plan.knownAtTop': { en: 'known at the top: {keys}', 'zh-CN': '顶层可用的键：{keys}' },
  'io.plan.knownInSection': { en: 'known in "{section}": {keys}', 'zh-CN': '"{section}" 中可用的键：{keys}' },

  // src/io/registry.ts
  'io.registry.badEncoding': {
    en: '--encoding must be auto, utf-8, gbk or gb18030; got "{got}"',
    'zh-CN': '--encoding 应为 auto、utf-8、gbk 或 gb18030；实际为 "{got}"',
  },
  'io.registry.isDirectory': { en: 'is a directory, not a registry file', 'zh-CN': '是目录，不是登记数据文件' },
  'io.registry.isDirectoryHint': { en: 'name the CSV files inside it', 'zh-CN': '请给出其中的 CSV 文件' },
  'io.registry.unreadable': {
    en: 'cannot read the registry file: {reason}',
    'zh-CN': '无法读取登记数据文件：{reason}',
  },
  'io.registry.checkPathHint': {
    en: 'check the path (a relative path is taken from the current directory)',
    'zh-CN': '请检查路径（相对路径以当前目录为起点）',
  },
  'io.registry.seedWordsHint': {
    en: '"{file}" looks like a word of the seed, not a file: a seed with spaces must be quoted, e.g. --seed "{seed}"',
    'zh-CN': '“{file}”像是种子中的一个词，而不是文件：含空格的种子须加引号，例如 --seed "{seed}"',
  },
  'io.registry.checkPermissionHint': {
    en: 'check that the file may be read by this user',
    'zh-CN': '请检查当前用户是否有权读取该文件',
  },
  'io.registry.empty': { en: 'the registry file is empty', 'zh-CN': '登记数据文件为空' },
  'io.registry.emptyHint': {
    en: 'export the registry again; it needs a header row and data rows',
    'zh-CN': '请重新导出登记数据；文件须包含表头和数据行',
  },
  'io.registry.sampleUnreadable': {
    en: 'registry file cannot be read ({reason})',
    'zh-CN': '无法读取登记数据文件（{reason}）',
  },
  'io.registry.xls': {
    en: 'this is an old Excel workbook (.xls), which spotcheck does not read',
    'zh-CN': '这是旧版 Excel 工作簿（.xls），spotcheck 不能读取',
  },
  'io.registry.xlsHint': {
    en: 'open it in Excel and save it as .xlsx (Excel 工作簿) or as "CSV UTF-8 (逗号分隔)"',
    'zh-CN': '请用 Excel 打开，另存为 .xlsx（Excel 工作簿）或 "CSV UTF-8 (逗号分隔)"',
  },
  'io.registry.xlsxRenamed': {
    en: 'this is an Excel workbook (.xlsx, a zip file) under another name',
    'zh-CN': '这是改了扩展名的 Excel 工作簿（.xlsx，即 zip 文件）',
  },
  'io.registry.xlsxRenamedHint': {
    en: 'give it the .xlsx extension to read it as a workbook, or save it as CSV',
    'zh-CN': '请将扩展名改为 .xlsx 以按工作簿读取，或另存为 CSV',
  },
  'io.registry.binary': {
    en: 'this is a binary file, not a CSV registry (it contains NUL bytes)',
    'zh-CN': '这是二进制文件，不是 CSV 登记数据（含有 NUL 字节）',
  },
  'io.registry.binaryHint': {
    en: 'give the registry as CSV (UTF-8 or GBK) or as an .xlsx workbook',
    'zh-CN': '请提供 CSV（UTF-8 或 GBK）或 .xlsx 工作簿格式的登记数据',
  },
  'io.registry.invalidUtf8Cut': {
    en: 'the file is not valid UTF-8: it ends in the middle of a character (at offset {offset}): the file was cut off',
    'zh-CN': '文件不是有效的 UTF-8：文件结束于一个字符中间（偏移量 {offset}）：文件不完整',
  },
  'io.registry.invalidUtf8Byte': {
    en: 'the file is not valid UTF-8: byte {byte} at offset {offset} cannot start or continue a character',
    'zh-CN': '文件不是有效的 UTF-8：偏移量 {offset} 处的字节 {byte} 不能作为字符的首字节或后续字节',
  },
  'io.registry.gbkHint': {
    en: 'it reads as GBK (as Excel on Chinese Windows saves it): use --encoding gbk, or leave --encoding auto',
    'zh-CN':
      '该文件可按 GBK 读取（中文 Windows 上的 Excel 即以此编码保存）：请用 --encoding gbk，或保留 --encoding auto',
  },
  'io.registry.reexportHint': {
    en: 'export the registry again as UTF-8 (or GBK), or try --encoding gbk',
    'zh-CN': '请将登记数据重新导出为 UTF-8（或 GBK），或尝试 --encoding gbk',
  },
  'io.registry.changedWhileRead': {
    en: 'the file changed while it was read ({before} bytes before, {after} after)',
    'zh-CN': '文件在读取过程中发生变化（读取前 {before} 字节，读取后 {after} 字节）',
  },
  'io.registry.invalidEncodingNear': {
    en: 'the file is not valid {encoding} near byte {byte}',
    'zh-CN': '文件在第 {byte} 字节附近不是有效的 {encoding}',
  },
  'io.registry.invalidEncodingCut': {
    en: 'the file is not valid {encoding}: it ends in the middle of a character',
    'zh-CN': '文件不是有效的 {encoding}：文件结束于一个字符中间',
  },
  'io.registry.forceUtf8Hint': {
    en: 'check the file, or force --encoding utf-8',
    'zh-CN': '请检查文件，或强制使用 --encoding utf-8',
  },
  'io.registry.invalidCsv': { en: 'not valid CSV: {detail}', 'zh-CN': '不是有效的 CSV：{detail}' },
  'io.registry.invalidCsvFieldCount': {
    en: 'not valid CSV: rows have different numbers of fields: {detail}',
    'zh-CN': '不是有效的 CSV：各行字段数不一致：{detail}',
  },
  'io.registry.invalidCsvHint': {
    en: 'every row needs as many fields as the header, and quotes must be balanced',
    'zh-CN': '每行的字段数须与表头相同，引号须成对',
  },
  'io.registry.noRows': { en: 'the registry file has no rows', 'zh-CN': '登记数据文件没有任何行' },

  // src/io/scan.ts
  'io.scan.fundsNeedRelation': {
    en: "a person-level file with a funds column ({column}) needs 与户主关系 to count each household's funds once",
    'zh-CN': '含帮扶资金列（{column}）的人员级文件须有 与户主关系 列，才能使每户的帮扶资金只计一次',
  },
  'io.scan.fundsNeedRelationHint': {
    en: 'add the 与户主关系 column, or give the funds per county with --funds FILE',
    'zh-CN': '请添加 与户主关系 列，或用 --funds FILE 按县给出帮扶资金',
  },
  'io.scan.noDataRows': { en: 'the registry has a header but no data rows', 'zh-CN': '登记数据只有表头，没有数据行' },
  'io.scan.noDataRowsInFiles': {
    en: 'the registry has a header but no data rows (in any of its {files} files)',
    'zh-CN': '登记数据只有表头，没有数据行（{files} 个文件均如此）',
  },
  'io.scan.noDataRowsHint': {
    en: 'export the registry again with its rows; a header alone cannot be drawn from',
    'zh-CN': '请连同数据行重新导出登记数据；仅有表头无法抽取',
  },
  'io.scan.changedDuringDraw': {
    en: 'the registry file changed during the draw; run it again on a file nobody is writing to',
    'zh-CN': '登记数据文件在抽取过程中发生变化；请对无人写入的文件重新运行',
  },
  'io.spill.failed': {
    en: "cannot write or read the registry check's temporary files in {dir} (a registry this large keeps the hashes of its 户编号 and 人编号 on disk, encrypted): {reason}",
    'zh-CN':
      '无法在 {dir} 读写登记数据核查的临时文件（登记数据量大时，户编号、人编号的哈希值经随机加密后暂存在磁盘上）：{reason}',
  },
  'io.spill.failedHint': {
    en: 'free some space there, or set TMPDIR to a writable directory with room, and run it again',
    'zh-CN': '请清理该处的磁盘空间，或将环境变量 TMPDIR 设为有足够空间且可写入的目录，然后重新运行',
  },

  // src/io/xlsx.ts
  'io.xlsx.notZip': {
    en: 'this is not an .xlsx workbook: an .xlsx file is a zip archive, and this one does not start as one',
    'zh-CN': '这不是 .xlsx 工作簿：.xlsx 文件是 zip 压缩包，而此文件的开头不是 zip 格式',
  },
  'io.xlsx.notZipHint': {
    en: 'give the workbook saved by Excel or WPS as .xlsx (a CSV or .xls file renamed .xlsx is not one)',
    'zh-CN': '请提供由 Excel 或 WPS 另存为 .xlsx 的工作簿（将 CSV 或 .xls 文件改名为 .xlsx 不行）',
  },
  'io.xlsx.cutOff': {
    en: 'this .xlsx workbook is incomplete: it was cut off (its zip directory is missing)',
    'zh-CN': '该 .xlsx 工作簿不完整：文件被截断（缺少 zip 目录）',
  },
  'io.xlsx.cutOffHint': {
    en: 'copy or download the workbook again, or save it again in Excel',
    'zh-CN': '请重新复制或下载该工作簿，或在 Excel 中重新保存',
  },
  'io.xlsx.numericId': {
    en: 'a cell holds {value} as a number: Excel keeps only 15 digits of a number, so an ID stored this way has lost its last digits',
    'zh-CN': '有单元格以数字形式保存了 {value}：Excel 的数字只保留 15 位有效数字，以此方式保存的编号已丢失末尾几位',
  },
  'io.xlsx.numericIdHint': {
    en: 'format the ID columns as text (文本) in the export and save again',
    'zh-CN': '请在导出时将编号列设为文本格式，然后重新保存',
  },
  'io.xlsx.tooManyCells': {
    en: 'row {row} has {cells} cells after a header of {width}',
    'zh-CN': '第 {row} 行有 {cells} 个单元格，而表头只有 {width} 列',
  },
  'io.xlsx.tooManyCellsHint': {
    en: 'every row needs the columns of the header and no more',
    'zh-CN': '每行的列数不得多于表头',
  },
  'io.xlsx.unreadable': {
    en: 'this .xlsx workbook cannot be read: {detail}',
    'zh-CN': '无法读取该 .xlsx 工作簿：{detail}',
  },
  'io.xlsx.unreadableHint': {
    en: 'open it in Excel and save it again as .xlsx, or as CSV',
    'zh-CN': '请用 Excel 打开，重新另存为 .xlsx 或 CSV',
  },
  'io.xlsx.noWorksheet': { en: 'the workbook has no worksheet', 'zh-CN': '工作簿中没有工作表' },
  'io.xlsx.noSheet': { en: 'the workbook has no sheet "{sheet}"', 'zh-CN': '工作簿中没有名为 "{sheet}" 的工作表' },
  'io.xlsx.sheetsHint': { en: 'its sheets: {sheets}', 'zh-CN': '其中的工作表：{sheets}' },
  'io.xlsx.emptySheet': { en: 'the worksheet is empty', 'zh-CN': '工作表为空' },
  'io.xlsx.emptySheetHint': {
    en: 'the first row must be the header, then one row per person or household',
    'zh-CN': '第一行须为表头，其后每行为一人或一户',
  },
} as const satisfies MessageSection;
