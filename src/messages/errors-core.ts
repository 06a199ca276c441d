/** Error messages and hints of src/core/, the draw commands' runs (src/commands/<name>/run.ts) and the option parsers (src/commands/_shared/parse.ts): keys core.*, run.*, options.*. */
import type { MessageSection } from './section.js';

export const CORE_ERROR_MESSAGES = {
  // src/core/columns.ts
  'core.columns.scientificId': {
    en: 'the {column} column holds {value}, a number in scientific notation: the file was saved by Excel, which keeps only 15 digits of a long number, so its IDs are lost (households merge, people repeat)',
    'zh-CN':
      '{column} 列的值为 {value}，是科学计数法数字：该文件经 Excel 保存过，Excel 只保留长数字的 15 位有效数字，编号已经丢失（不同的户会合并、人员会重复）',
  },
  'core.columns.scientificIdHint': {
    en: 'export the registry again from the system and give that file unchanged; to look at it in Excel, import it with the ID columns as Text (Data → From Text/CSV) and do not save it as CSV',
    'zh-CN':
      '请从系统重新导出登记数据，并原样使用导出的文件；如需在 Excel 中查看，请通过“数据 → 从文本/CSV”导入并把编号列设为“文本”，且不要另存为 CSV',
  },
  'core.columns.duplicateHeader': {
    en: 'the header has two columns named "{name}" (columns {first} and {second}); rename or remove one',
    'zh-CN': '表头有两列同名 "{name}"（第 {first} 列和第 {second} 列）；请重命名或删除其中一列',
  },
  'core.columns.overrideNotFound': {
    en: '--column {field}={header}: no header "{header}" in this file; headers found: {headers}',
    'zh-CN': '--column {field}={header}：该文件没有名为 "{header}" 的表头；现有表头：{headers}',
  },
  'core.columns.missingRequired': {
    en: 'the registry lacks required columns: {missing}. Headers found: {headers}',
    'zh-CN': '登记数据缺少必需的列：{missing}。现有表头：{headers}',
  },
  'core.columns.required.householdId': { en: 'household_id (户编号)', 'zh-CN': 'household_id（户编号）' },
  'core.columns.required.county': {
    en: 'county (行政县) or county_code (县代码)',
    'zh-CN': 'county（行政县）或 county_code（县代码）',
  },
  'core.columns.required.township': { en: 'township (乡镇)', 'zh-CN': 'township（乡镇）' },
  'core.columns.required.village': { en: 'village (行政村)', 'zh-CN': 'village（行政村）' },
  'core.columns.required.status': {
    en: 'status (脱贫属性) or household_type (户类型)',
    'zh-CN': 'status（脱贫属性）或 household_type（户类型）',
  },
  'core.columns.required.separator': { en: '; ', 'zh-CN': '；' },
  'core.columns.missingRequiredHint': {
    en: 'map another header to a field with --column field=Header, e.g. --column household_id=户号',
    'zh-CN': '可用 --column 字段=表头 将其他表头对应到字段，例如 --column household_id=户号',
  },
  'core.columns.overrideSyntax': {
    en: '--column must be field=Header with a field among {fields}; got "{got}"',
    'zh-CN': '--column 须为 字段=表头 的形式，字段取 {fields} 之一；实际为 "{got}"',
  },

  // src/core/divisions.ts
  'core.divisions.missingColumns': {
    en: 'division table needs the columns {required}; missing {missing}; found {found}',
    'zh-CN': '行政区划表须有以下列：{required}；缺少 {missing}；现有 {found}',
  },
  'core.divisions.noHeader': { en: 'no header', 'zh-CN': '无表头' },
  'core.divisions.personal': {
    en: 'the division table holds an ID or mobile number in a code or name ({value}); those names are printed in every output and cannot be masked',
    'zh-CN': '行政区划表的代码或名称中含有身份证号或手机号（{value}）；这些名称会出现在所有输出中，无法打码',
  },
  'core.divisions.emptyCounty': {
    en: 'division table row has an empty county code or name',
    'zh-CN': '行政区划表该行的县代码或县名为空',
  },
  'core.divisions.duplicateCode': {
    en: 'division table lists county code {code} twice',
    'zh-CN': '行政区划表中县代码 {code} 出现了两次',
  },
  'core.divisions.codeNotFound': {
    en: 'county code (县代码) {code} is not in the division table {table}',
    'zh-CN': '县代码 {code} 不在行政区划表 {table} 中',
  },
  'core.divisions.codeNotFoundNamed': {
    en: 'county code (县代码) {code} of "{name}" is not in the division table {table}',
    'zh-CN': '县代码 {code}（"{name}"）不在行政区划表 {table} 中',
  },
  'core.divisions.codeNotFoundHint': {
    en: "check the code, or give the right province's table with --divisions FILE",
    'zh-CN': '请核对县代码，或用 --divisions 文件 指定正确省份的行政区划表',
  },
  'core.divisions.codeNameMismatch': {
    en: 'county code (县代码) {code} is {tableName} in the division table {table}, but the row says "{name}"',
    'zh-CN': '县代码 {code} 在行政区划表 {table} 中是 {tableName}，但该行写的是 "{name}"',
  },
  'core.divisions.codeNameMismatchHint': { en: 'the code and the name must agree', 'zh-CN': '县代码与县名必须一致' },
  'core.divisions.ambiguousName': {
    en: 'county name "{name}" is ambiguous in the division table ({matches})',
    'zh-CN': '县名 "{name}" 在行政区划表中不唯一（{matches}）',
  },
  'core.divisions.ambiguousNameHint': {
    en: 'add a prefecture (州市) or county code (县代码) column, or map one with --column',
    'zh-CN': '请增加州市或县代码列，或用 --column 指定对应的列',
  },
  'core.divisions.nameNotFound': {
    en: 'county "{name}" is not in the division table {table}',
    'zh-CN': '县 "{name}" 不在行政区划表 {table} 中',
  },
  'core.divisions.nameNotFoundCoded': {
    en: 'county "{name}" (code {code}) is not in the division table {table}',
    'zh-CN': '县 "{name}"（代码 {code}）不在行政区划表 {table} 中',
  },
  'core.divisions.nameNotFoundHint': {
    en: "closest names: {names}; give another province's table with --divisions FILE",
    'zh-CN': '最接近的名称：{names}；也可用 --divisions 文件 指定其他省份的行政区划表',
  },

  // src/core/frame.ts: data problems (listed by `spotcheck inspect`; the first error stops a draw)
  'core.frame.problem': { en: '{problem}', 'zh-CN': '{problem}' },
  'core.frame.emptyFile': { en: 'the file has a header but no data rows', 'zh-CN': '该文件只有表头，没有数据行' },
  'core.frame.personalInDivision': {
    en: 'household {household}: the {what} "{value}" holds an ID or mobile number; a township or village name or code is printed in every output and cannot be masked',
    'zh-CN': '户 {household}：{what}“{value}”中含有身份证号或手机号；乡镇、村的名称和代码会出现在所有输出中，无法打码',
  },
  'core.frame.blankTownshipOrVillage': {
    en: 'household {household}: township (乡镇) and village (行政村) must not be blank',
    'zh-CN': '户 {household}：乡镇和行政村不得为空',
  },
  'core.frame.townshipInTwoCounties': {
    en: 'township {township} lies under county {firstCounty} at {firstAt} but under {county} here',
    'zh-CN': '乡镇 {township} 在 {firstAt} 属于县 {firstCounty}，此处却属于 {county}',
  },
  'core.frame.villageInTwoPlaces': {
    en: 'village {village} lies under county {firstCounty}, township {firstTownship} at {firstAt} but under county {county}, township {township} here',
    'zh-CN':
      '村 {village} 在 {firstAt} 属于县 {firstCounty}、乡镇 {firstTownship}，此处却属于县 {county}、乡镇 {township}',
  },
  'core.frame.poorVillageConflict': {
    en: 'village {village}: 是否贫困村 is {first} at {firstAt} but {value} here; a village is poor or not on every row',
    'zh-CN': '村 {village}：是否贫困村 在 {firstAt} 为 {first}，此处却为 {value}；同一村在每一行上必须一致',
  },
  'core.frame.countyAttributeConflict': {
    en: 'county {county}: column {column} is "{first}" at {firstAt} but "{value}" here; it must be the same on every row of a county',
    'zh-CN': '县 {county}：列 {column} 在 {firstAt} 为 "{first}"，此处却为 "{value}"；同一县的每一行必须相同',
  },
  'core.frame.countyWithHint': { en: '{problem} ({hint})', 'zh-CN': '{problem}（{hint}）' },
  'core.frame.sameCountyRows': {
    en: '{problem}; {rows} more row{s} name the same county',
    'zh-CN': '{problem}；另有 {rows} 行为同一县',
  },
  'core.frame.householdTypeUnknown': {
    en: 'unknown household type (户类型) "{type}"; expected 贫困户, 脱贫户 or 非贫困户',
    'zh-CN': '未知的户类型 "{type}"；应为 贫困户、脱贫户 或 非贫困户',
  },
  'core.frame.statusBlank': { en: 'status (脱贫属性) is blank', 'zh-CN': '脱贫属性为空' },
  'core.frame.statusUnknown': {
    en: 'unknown status (脱贫属性) "{status}"; expected 未脱贫, 已脱贫 or 非贫困户 (poor, exited, nonpoor)',
    'zh-CN': '未知的脱贫属性 "{status}"；应为 未脱贫、已脱贫 或 非贫困户（poor、exited、nonpoor）',
  },
  'core.frame.householdSize': {
    en: 'household size (人数) must be a positive whole number, got "{got}"',
    'zh-CN': '人数须为正整数，实际为 "{got}"',
  },
  'core.frame.villageCodeMissing': {
    en: 'village {village} has 村代码 {code} at {codedAt} but none here; fill in the code on every row',
    'zh-CN': '村 {village} 在 {codedAt} 有村代码 {code}，此处却没有；请在每一行都填写代码',
  },
  'core.frame.townshipCodeMissing': {
    en: 'township {township} has 乡镇代码 {code} at {codedAt} but none here; fill in the code on every row',
    'zh-CN': '乡镇 {township} 在 {codedAt} 有乡镇代码 {code}，此处却没有；请在每一行都填写代码',
  },
  'core.frame.householdIdBlank': { en: 'household ID (户编号) is blank', 'zh-CN': '户编号为空' },
  'core.frame.personTwice': {
    en: 'person {person} appears twice (first at {firstAt})',
    'zh-CN': '人员 {person} 出现了两次（首次在 {firstAt}）',
  },
  'core.frame.householdRegisteredAndNonpoor': {
    en: 'household {household} is both a registered household and in a non-poor household file (first at {firstAt})',
    'zh-CN': '户 {household} 既是建档立卡户，又出现在非贫困户文件中（首次在 {firstAt}）',
  },
  'core.frame.householdTwice': {
    en: 'household {household} appears twice in a household-level file (first at {firstAt})',
    'zh-CN': '户 {household} 在户级文件中出现了两次（首次在 {firstAt}）',
  },
  'core.frame.householdInTwoVillages': {
    en: 'household {household} is in village {firstVillage} at {firstAt} but in {village} here',
    'zh-CN': '户 {household} 在 {firstAt} 属于村 {firstVillage}，此处却属于 {village}',
  },
  'core.frame.secondHead': {
    en: 'household {household} has a second 户主 row (first at {firstAt}); every household needs exactly one',
    'zh-CN': '户 {household} 有第二个户主行（首次在 {firstAt}）；每户必须恰有一个户主行',
  },
  'core.frame.headStatusDiffers': {
    en: "household {household}: status {status} on the 户主 row differs from earlier rows; using the 户主's",
    'zh-CN': '户 {household}：户主行的状态 {status} 与此前各行不同；以户主行为准',
  },
  'core.frame.memberStatusDiffers': {
    en: "household {household}: status {status} differs from the 户主 row's {headStatus}",
    'zh-CN': '户 {household}：状态 {status} 与户主行的 {headStatus} 不同',
  },
  'core.frame.noHead': {
    en: 'household {household} has no 户主 row (与户主关系 = 户主); every household needs exactly one',
    'zh-CN': '户 {household} 没有户主行（与户主关系 = 户主）；每户必须恰有一个户主行',
  },
  'core.frame.sizeDiffers': {
    en: 'household {household}: 人数 is {size} but it has {persons} person row{s}',
    'zh-CN': '户 {household}：人数为 {size}，但有 {persons} 个人员行',
  },
  'core.frame.funds': {
    en: 'funds (帮扶资金) must be an amount in yuan with at most 2 decimals, got "{got}"',
    'zh-CN': '帮扶资金须为以元为单位、至多两位小数的金额，实际为 "{got}"',
  },
  'core.frame.inspectHint': {
    en: 'run `spotcheck inspect` on the registry to list every problem',
    'zh-CN': '对登记数据运行 `spotcheck inspect` 可列出全部问题',
  },
  'core.frame.moreErrorsInspectHint': {
    en: '{more} more error{s} in the registry; run `spotcheck inspect` on the registry to list every problem',
    'zh-CN': '登记数据中另有 {more} 个错误；对登记数据运行 `spotcheck inspect` 可列出全部问题',
  },

  // src/core/ledger.ts: why a ledger's chain is broken (`spotcheck ledger verify`)
  'core.ledger.noFinalLineEnd': {
    en: 'the last line has no line end (an interrupted or hand-made write)',
    'zh-CN': '最后一行没有换行符（写入中断或经手工编辑）',
  },
  'core.ledger.notJson': { en: 'not a JSON entry', 'zh-CN': '不是 JSON 记录' },
  'core.ledger.wrongFormat': { en: 'not a {format} entry', 'zh-CN': '不是 {format} 记录' },
  'core.ledger.missingFields': {
    en: 'the entry lacks fields a ledger entry has (sequence, time, draw, seed, manifest_sha256, previous, entry_sha256)',
    'zh-CN': '该记录缺少台账记录应有的字段（sequence、time、draw、seed、manifest_sha256、previous、entry_sha256）',
  },
  'core.ledger.edited': {
    en: 'entry {sequence} was edited: its entry_sha256 does not match its content',
    'zh-CN': '第 {sequence} 条记录被修改过：其 entry_sha256 与内容不符',
  },
  'core.ledger.firstNotStart': {
    en: 'the first entry does not start the chain (an entry before it was deleted?)',
    'zh-CN': '第一条记录不是链的起点（其前的记录可能已被删除）',
  },
  'core.ledger.notFollowing': {
    en: 'entry {sequence} does not follow the entry before it (an entry was deleted, edited or moved)',
    'zh-CN': '第 {sequence} 条记录与前一条记录接不上（有记录被删除、修改或移动）',
  },
  'core.ledger.wrongSequence': {
    en: 'entry number {sequence} where {expected} was expected (an entry was deleted or inserted)',
    'zh-CN': '记录编号为 {sequence}，应为 {expected}（有记录被删除或插入）',
  },

  // src/core/scope.ts
  'core.scope.level.province': { en: 'province', 'zh-CN': '省' },
  'core.scope.level.prefecture': { en: 'prefecture', 'zh-CN': '州市' },
  'core.scope.level.county': { en: 'county', 'zh-CN': '县' },
  'core.scope.level.township': { en: 'township', 'zh-CN': '乡镇' },
  'core.scope.levelInvalid': {
    en: '--level must be province, prefecture, county or township (省, 州市, 县, 乡镇); got "{got}"',
    'zh-CN': '--level 须为 province、prefecture、county 或 township（省、州市、县、乡镇）；实际为 "{got}"',
  },
  'core.scope.notAtProvince': {
    en: '--scope does not apply at province level (got "{got}"); the province level draws from the whole registry',
    'zh-CN': '省级不适用 --scope（实际为 "{got}"）；省级从全部登记数据中抽取',
  },
  'core.scope.required': {
    en: "--scope is required at {level} level: give the {level}'s code or name",
    'zh-CN': '{level}层级须给出 --scope：{level}的代码或名称',
  },
  'core.scope.requiredHint': {
    en: 'list the units with `spotcheck inspect REGISTRY`',
    'zh-CN': '可用 `spotcheck inspect REGISTRY` 列出各单位',
  },
  'core.scope.ambiguous': {
    en: '--scope "{scope}" matches {found} {level} units: {matches}',
    'zh-CN': '--scope "{scope}" 匹配到 {found} 个{level}：{matches}',
  },
  'core.scope.ambiguousHint': {
    en: 'give the code, or the county and township as 县›乡镇',
    'zh-CN': '请给出代码，或按 县›乡镇 的形式给出县和乡镇',
  },
  'core.scope.notFound': {
    en: '--scope "{scope}" is not a {level} of this registry',
    'zh-CN': '--scope "{scope}" 不是本登记数据中的{level}',
  },
  'core.scope.closestNames': { en: 'closest names: {names}', 'zh-CN': '最接近的名称：{names}' },
  'core.scope.noUnits': {
    en: 'the registry has no {level} units in the frame; list what it holds with `spotcheck inspect REGISTRY`',
    'zh-CN': '登记数据的抽样框中没有任何{level}；可用 `spotcheck inspect REGISTRY` 查看其内容',
  },

  // src/core/strata.ts
  'core.strata.empty': {
    en: '--strata must be prefecture, poverty-county or a column name, got ""',
    'zh-CN': '--strata 须为 prefecture、poverty-county 或列名，实际为 ""',
  },
  'core.strata.countyTableColumns': {
    en: 'the county table needs a county_code (县代码) or county (行政县) column; found {found}',
    'zh-CN': '县表须有 county_code（县代码）或 county（行政县）列；现有 {found}',
  },
  'core.strata.countyTwice': {
    en: 'the county table lists {county} ({code}) twice',
    'zh-CN': '县表中 {county}（{code}）出现了两次',
  },
  'core.strata.countyTwiceHint': {
    en: 'keep one row per county: which row counts must not depend on their order',
    'zh-CN': '每个县只保留一行：以哪一行为准不能取决于行的顺序',
  },
  'core.strata.noPovertyColumn': {
    en: '--strata poverty-county needs to know the poverty counties: the division table has no poverty_county column',
    'zh-CN': '--strata poverty-county 需要知道哪些县是贫困县：行政区划表没有 poverty_county 列',
  },
  'core.strata.noPovertyColumnHint': {
    en: 'give the list of poverty counties with --county-attributes FILE (a CSV with county_code or county)',
    'zh-CN': '请用 --county-attributes 文件 给出贫困县名单（含 county_code 或 county 列的 CSV）',
  },
  'core.strata.missingValues': {
    en: 'the county table gives no "{column}" for {counties} count{ies} of the registry: {names}{more}',
    'zh-CN': '县表中登记数据的 {counties} 个县没有 "{column}" 的值：{names}{more}',
  },
  'core.strata.noSuchColumn': {
    en: '--strata {column}: no such column in the registry',
    'zh-CN': '--strata {column}：登记数据中没有该列',
  },
  'core.strata.noSuchColumnInEither': {
    en: '--strata {column}: no such column in the registry nor in {file}',
    'zh-CN': '--strata {column}：登记数据中没有该列，{file} 中也没有',
  },
  'core.strata.personal': {
    en: 'a stratum value holds an ID or mobile number ({value}); stratum labels are printed in every output and cannot be masked',
    'zh-CN': '分层取值中含有身份证号或手机号（{value}）；分层标签会出现在所有输出中，无法打码',
  },
  'core.strata.closest': { en: 'closest: {names}', 'zh-CN': '最接近的：{names}' },
  'core.strata.noSuchColumnHint': {
    en: 'use prefecture, poverty-county, or the header of a registry column that is the same on every row of a county',
    'zh-CN': '请使用 prefecture、poverty-county，或登记数据中同一县各行取值都相同的某列的表头',
  },
  'core.strata.countyNoValue': {
    en: 'county {county} has no value in column "{column}"',
    'zh-CN': '县 {county} 在列 "{column}" 中没有值',
  },
  'core.strata.countyNoValueHint': { en: 'every county needs a stratum', 'zh-CN': '每个县都必须属于某一层' },
  // src/core/evaluate.ts (--min-per-stratum, --merge-strata)
  'core.evaluate.minPerStratumTooFew': {
    en: '--min-per-stratum {min} needs {needed} counties (at least {min} in each of the {strata} strata, all of a smaller one), but --counties is {counties}',
    'zh-CN':
      '--min-per-stratum {min} 需要 {needed} 个县（{strata} 层每层至少 {min} 个，县数不足的层全取），但 --counties 为 {counties}',
  },
  'core.evaluate.minPerStratumTooFewHint': {
    en: 'merge small strata with --merge-strata (docs/algorithm.md §14.3.1), ask for --counties {needed}, or lower --min-per-stratum {min}',
    'zh-CN':
      '可用 --merge-strata 合并小层（docs/algorithm.md §14.3.1），或设 --counties {needed}，或调低 --min-per-stratum {min}',
  },
  'core.evaluate.mergedNameTaken': {
    en: '--merge-strata made a stratum named "{name}", which is also the name of another stratum',
    'zh-CN': '--merge-strata 合并得到的层名 "{name}" 与另一层的名称相同',
  },
  'core.evaluate.mergedNameTakenHint': {
    en: 'merged strata are named by their parts joined with "+": rename the strata whose names contain "+"',
    'zh-CN': '合并层的名称由各组成层名称用 "+" 连接而成：请修改名称中含 "+" 的层',
  },
  'core.evaluate.minPerStratumTooFewMergedHint': {
    en: 'even one stratum of all counties cannot get {min}: ask for --counties {needed} or more, or lower --min-per-stratum',
    'zh-CN': '即使全部县合为一层也达不到每层 {min} 个：请设 --counties 不少于 {needed}，或调低 --min-per-stratum',
  },

  // src/core/tickets.ts
  'core.tickets.separatorInPart': {
    en: 'a ticket part contains U+001F; seeds and keys must be checked before drawing',
    'zh-CN': '抽签值的某一组成部分含有 U+001F；种子和单位键须在抽取前检查',
  },

  // src/commands/evaluate/run.ts
  'run.evaluate.emptyFrame': {
    en: 'the frame is empty: the registry has no household',
    'zh-CN': '抽样框为空：登记数据中没有任何户',
  },
  'run.evaluate.emptyFrameHint': {
    en: '`spotcheck inspect` the registry',
    'zh-CN': '请用 `spotcheck inspect` 检查登记数据',
  },

  // src/commands/funds/run.ts
  'run.funds.noAmountColumn': {
    en: 'the funds table needs an amount column (funds, 资金, 金额 or 帮扶资金, in yuan); found {found}',
    'zh-CN': '资金表须有金额列（funds、资金、金额 或 帮扶资金，单位为元）；现有 {found}',
  },
  'run.funds.missingCounties': {
    en: 'the funds table has no row for {counties} count{ies} of {scope}: {names}',
    'zh-CN': '资金表缺少 {scope} 的 {counties} 个县：{names}',
  },
  'run.funds.missingCountiesHint': {
    en: 'add a row for each county of the prefecture (0 for a county without funds)',
    'zh-CN': '请为该州市的每个县各加一行（无资金的县填 0）',
  },
  'run.funds.badAmount': {
    en: 'the funds of {county} must be an amount in yuan with at most 2 decimals, got "{got}"',
    'zh-CN': '{county} 的资金须为以元为单位、至多两位小数的金额，实际为 "{got}"',
  },
  'run.funds.noFundsColumn': { en: 'the registry has no funds column (帮扶资金)', 'zh-CN': '登记数据没有帮扶资金列' },
  'run.funds.noFundsColumnHint': {
    en: 'map one with --column funds=HEADER, or give the funds per county with --funds FILE',
    'zh-CN': '请用 --column funds=表头 指定该列，或用 --funds 文件 给出各县资金',
  },
  'run.funds.nothingToDraw': { en: 'nothing to draw: {why}', 'zh-CN': '无可抽取的县：{why}' },
  'run.funds.allExcluded': {
    en: 'every county of {scope} ({counties}) was checked by the excluded draw(s)',
    'zh-CN': '{scope} 的全部县（{counties} 个）均已在被排除的抽取中核查过',
  },
  'run.funds.noneWithFunds': {
    en: 'no county of {scope} left after the exclusions has funds ({without} with none)',
    'zh-CN': '{scope} 排除后剩余的县均无帮扶资金（{without} 个县无资金）',
  },
  'run.funds.nothingToDrawHint': {
    en: 'check the --exclude draws and the funds; there is no county for the prefecture to check',
    'zh-CN': '请检查 --exclude 指定的抽取和帮扶资金；该州市没有可供核查的县',
  },

  // src/commands/monthly/run.ts
  'run.monthly.emptyFrame.poor': {
    en: 'the frame is empty: the registry has no {statuses} household in a poor village (是否贫困村 = 是)',
    'zh-CN': '抽样框为空：登记数据中贫困村（是否贫困村 = 是）均没有状态为 {statuses} 的户',
  },
  'run.monthly.emptyFrame.poorExcluded': {
    en: "the frame is empty: the registry has no {statuses} household in a poor village (是否贫困村 = 是) once the excluded draws' {villages} village(s) are left out",
    'zh-CN':
      '抽样框为空：登记数据中贫困村（是否贫困村 = 是）均没有状态为 {statuses} 的户（排除此前抽取的 {villages} 个村之后）',
  },
  'run.monthly.emptyFrame.poorScoped': {
    en: 'the frame is empty: the registry has no {statuses} household in a poor village (是否贫困村 = 是) of {scope}',
    'zh-CN': '抽样框为空：登记数据中{scope}的贫困村（是否贫困村 = 是）均没有状态为 {statuses} 的户',
  },
  'run.monthly.emptyFrame.poorScopedExcluded': {
    en: "the frame is empty: the registry has no {statuses} household in a poor village (是否贫困村 = 是) of {scope} once the excluded draws' {villages} village(s) are left out",
    'zh-CN':
      '抽样框为空：登记数据中{scope}的贫困村（是否贫困村 = 是）均没有状态为 {statuses} 的户（排除此前抽取的 {villages} 个村之后）',
  },
  'run.monthly.emptyFrame.any': {
    en: 'the frame is empty: the registry has no {statuses} household in any village',
    'zh-CN': '抽样框为空：登记数据中各村均没有状态为 {statuses} 的户',
  },
  'run.monthly.emptyFrame.anyExcluded': {
    en: "the frame is empty: the registry has no {statuses} household in any village once the excluded draws' {villages} village(s) are left out",
    'zh-CN': '抽样框为空：登记数据中各村均没有状态为 {statuses} 的户（排除此前抽取的 {villages} 个村之后）',
  },
  'run.monthly.emptyFrame.anyScoped': {
    en: 'the frame is empty: the registry has no {statuses} household in any village of {scope}',
    'zh-CN': '抽样框为空：登记数据中{scope}的各村均没有状态为 {statuses} 的户',
  },
  'run.monthly.emptyFrame.anyScopedExcluded': {
    en: "the frame is empty: the registry has no {statuses} household in any village of {scope} once the excluded draws' {villages} village(s) are left out",
    'zh-CN': '抽样框为空：登记数据中{scope}的各村均没有状态为 {statuses} 的户（排除此前抽取的 {villages} 个村之后）',
  },
  'run.monthly.emptyFrameExcludedHint': {
    en: 'every unit of the frame was drawn before; exclude fewer stages (--exclude-stages, --cooldown-stages) or a shorter --cooldown',
    'zh-CN': '抽样框中的单位此前均已被抽取；请减少排除的阶段（--exclude-stages、--cooldown-stages）或缩短 --cooldown',
  },
  'run.monthly.emptyFrameExcludedByHint': {
    en: '{advice}. {breakdown}',
    'zh-CN': '{advice}。{breakdown}',
  },
  'run.monthly.emptyFrame.excludedBy': {
    en: 'Excluding {source} at the {stages} stage(s) leaves out {units} of the frame.',
    'zh-CN': '按{stages}阶段排除 {source}，抽样框因此少了 {units}。',
  },
  'run.monthly.emptyFrameHint': {
    en: 'nothing to draw; check --statuses, --village-frame all and --scope, or `spotcheck inspect` the registry',
    'zh-CN': '无可抽取的户；请检查 --statuses、--village-frame all 和 --scope，或用 `spotcheck inspect` 检查登记数据',
  },

  // src/options.ts
  'options.positiveInteger': {
    en: '{option} must be a positive integer, got {got}',
    'zh-CN': '{option} 须为正整数，实际为 {got}',
  },
  'options.sameOption': {
    en: '{first} and {second} are the same option (one is its former name): give only one',
    'zh-CN': '{first} 与 {second} 是同一个选项（其一为旧名称）：只能给出一个',
  },
  'options.atMost': {
    en: '{option} must be at most {max}, got {got}',
    'zh-CN': '{option} 不得大于 {max}，实际为 {got}',
  },
  'options.wholeNumber': {
    en: '{option} must be a whole number ≥ 0, got {got}',
    'zh-CN': '{option} 须为不小于 0 的整数，实际为 {got}',
  },
  'options.monthRequired': {
    en: '--month is required: the month of the draw as YYYY-MM, e.g. --month 2026-11',
    'zh-CN': '缺少 --month：抽取月份，格式为 YYYY-MM，例如 --month 2026-11',
  },
  'options.monthFormat': {
    en: '--month must be YYYY-MM with a month from 01 to 12, got "{got}"',
    'zh-CN': '--month 须为 YYYY-MM 格式，月份为 01 至 12，实际为 "{got}"',
  },
  'options.monthFormatHint': {
    en: 'e.g. --month 2026-12 (2026/12, 2026.12, 2026-1, 202612 and 2026年12月 are read as well)',
    'zh-CN': '例如 --month 2026-12（也可写作 2026年12月、2026/12、2026.12、2026-1 或 202612）',
  },
  'options.seedRequired': {
    en: '--seed is required: the seed chosen in public, e.g. --seed "2026-11 lottery 03 17 25"',
    'zh-CN': '缺少 --seed：公开选定的种子，例如 --seed "2026-11 公开摇号 03 17 25"',
  },
  'options.seedEmpty': { en: '--seed must not be empty', 'zh-CN': '--seed 不得为空' },
  'options.statusUnknown': {
    en: '--statuses takes poor, exited, nonpoor (未脱贫, 已脱贫, 非贫困户); got "{got}"',
    'zh-CN': '--statuses 的取值为 poor、exited、nonpoor（未脱贫、已脱贫、非贫困户）；实际为 "{got}"',
  },
  'options.statusesEmpty': {
    en: '--statuses must name at least one status, got "{got}"',
    'zh-CN': '--statuses 须至少给出一种状态，实际为 "{got}"',
  },
  'options.villageFrame': {
    en: '--village-frame must be auto, poor or all, got "{got}"',
    'zh-CN': '--village-frame 须为 auto、poor 或 all，实际为 "{got}"',
  },
  'options.householdsFormat': {
    en: '--households must be like poor=5,exited=5,nonpoor=5 (未脱贫=5,已脱贫=5,非贫困户=5); got "{got}"',
    'zh-CN': '--households 的格式应如 poor=5,exited=5,nonpoor=5（未脱贫=5,已脱贫=5,非贫困户=5）；实际为 "{got}"',
  },
  'options.householdsNone': {
    en: '--households must ask for at least one household, got "{got}"',
    'zh-CN': '--households 须至少要求抽取 1 户，实际为 "{got}"',
  },
  'options.givenTwice': {
    en: '{option} was given twice ("{first}" and "{second}"); give it once',
    'zh-CN': '{option} 给出了两次（"{first}" 和 "{second}"）；只能给出一次',
  },
  // Choices shared by several commands (src/options.ts)
  'options.allocationInvalid': {
    en: '--allocation must be proportional, equal or households, got "{got}"',
    'zh-CN': '--allocation 只能是 proportional、equal 或 households，实际为 "{got}"',
  },
  'options.countySelectionInvalid': {
    en: '--county-selection must be srs or pps, got "{got}"',
    'zh-CN': '--county-selection 只能是 srs 或 pps，实际为 "{got}"',
  },
  'options.layoutInvalid': {
    en: '--layout must be person or household, got "{got}"',
    'zh-CN': '--layout 只能是 person 或 household，实际为 "{got}"',
  },
} as const satisfies MessageSection;
