/**
 * The committee's settings (issue 15: the issuing body, time zone, notice title, complaint line,
 * problem categories) and `spotcheck init`, which writes them into a plan file.
 * Keys: help.shared.* and options.* of the settings, help.init.*, cmd.init.*.
 */
import type { MessageSection } from './section.js';

export const COMMITTEE_MESSAGES = {
  'help.shared.committee': {
    en: 'the issuing committee, printed in the notice\'s sign-off (落款), the workbook\'s page header and summary (e.g. "彝良县纪委监委")',
    'zh-CN': '发布单位（纪委监委名称），印在公告落款、核查工作簿页眉和概要中（如"彝良县纪委监委"）',
  },
  'help.shared.timeZone': {
    en: 'time zone of the times shown to people (notice, workbook): Asia/Shanghai, Asia/Urumqi, UTC or an offset such as +08:00; manifests keep UTC',
    'zh-CN':
      '公告、工作簿等给人看的时间所用的时区：Asia/Shanghai、Asia/Urumqi、UTC 或 +08:00 这样的时差；抽取清单仍用 UTC',
  },
  'help.ledger.verify.timeZone': {
    en: "time zone of the repeated draws' times: Asia/Shanghai, Asia/Urumqi, UTC or an offset such as +08:00 (the ledger keeps UTC)",
    'zh-CN': '重复抽取的时间所用的时区：Asia/Shanghai、Asia/Urumqi、UTC 或 +08:00 这样的时差（台账仍用 UTC）',
  },
  'help.shared.complaintLine': {
    en: 'the complaint channel printed under the notice',
    'zh-CN': '公告末尾的监督举报渠道',
  },
  'help.shared.problemCategories': {
    en: "the workbook's 问题类别 drop-down, items separated by commas or 、 (no double quote; at most 255 characters in all)",
    'zh-CN': '工作簿"问题类别"下拉列表的选项，以逗号或顿号分隔（不得含双引号；合计不超过 255 个字符）',
  },
  'help.shared.noticeTitle': {
    en: "the notice's title, a template in which {placeholders} become the draw's month, level and scope and the committee",
    'zh-CN': '公告标题（模板）：其中 {placeholders} 依次替换为本次抽取的月份、层级、范围和发布单位',
  },
  'options.settingControl': {
    en: '{option} is printed on the notice and the workbook: one line without control or format characters, got "{got}"',
    'zh-CN': '{option} 会印在公告和工作簿上：须为一行文字，不得含控制字符或格式字符，实际为 "{got}"',
  },
  'options.settingTooLong': {
    en: '{option} may have at most {max} characters, got {got}',
    'zh-CN': '{option} 最多 {max} 个字符，实际为 {got} 个',
  },
  'options.timeZoneUnknown': {
    en: '--time-zone takes a zone without daylight saving ({accepted}) or an offset such as +08:00 or UTC+8, got "{got}"',
    'zh-CN': '--time-zone 只接受不实行夏令时的时区（{accepted}）或 +08:00、UTC+8 这样的时差，实际为 "{got}"',
  },
  'options.categoryEmpty': {
    en: '{option}: item {n} is empty',
    'zh-CN': '{option}：第 {n} 项为空',
  },
  'options.categoryComma': {
    en: '{option}: an item of an Excel drop-down cannot hold a comma or a double quote, got "{got}"',
    'zh-CN': '{option}：Excel 下拉列表的选项不能含逗号或双引号，实际为 "{got}"',
  },
  'options.categoryTwice': {
    en: '{option}: each item once, got "{got}" twice',
    'zh-CN': '{option}：每个选项只能出现一次，"{got}" 出现了两次',
  },
  'options.categoriesTooLong': {
    en: '{option}: Excel takes a drop-down list of at most {max} characters (items joined by commas), got {got}',
    'zh-CN': '{option}：Excel 下拉列表合计（以逗号连接）最多 {max} 个字符，实际为 {got} 个',
  },
  'options.titlePlaceholder': {
    en: '{option} may use {known}, got {got}',
    'zh-CN': '{option} 只能使用 {known}，实际含有 {got}',
  },
  'options.titleWithoutCommittee': {
    en: '{option} uses {placeholder} but no committee is set: give --committee (or "committee" in the plan file)',
    'zh-CN': '{option} 使用了 {placeholder}，但未设置发布单位：请给出 --committee（或在方案文件中设置 "committee"）',
  },
  'io.plan.kind.texts': {
    en: 'a list of strings, such as ["识别不准", "退出不实"]',
    'zh-CN': '字符串列表，如 ["识别不准", "退出不实"]',
  },
  'help.init.summary': {
    en: "write the committee's plan file (spotcheck.config.json) in one command",
    'zh-CN': '一条命令写出本纪委的方案文件（spotcheck.config.json）',
  },
  'help.init.description': {
    en: 'Set a committee up: write the plan file the draws read (its name, level, scope, time zone, notice title, problem categories and output defaults), every value checked as a draw checks it.',
    'zh-CN':
      '设置一个纪委：写出各次抽取读取的方案文件（单位名称、层级、范围、时区、公告标题、问题类别和输出默认值），每个值都按抽取时的规则检查。',
  },
  'help.init.level': {
    en: 'the level: province, prefecture, county or township',
    'zh-CN': '层级：province（省）、prefecture（州市）、county（县）或 township（乡镇）',
  },
  'help.init.scope': {
    en: 'the prefecture, county or township the committee draws in (not at province level); checked against the registry at the first draw',
    'zh-CN': '本纪委抽取的州市、县或乡镇（省级不填）；首次抽取时与登记数据核对',
  },
  'help.init.plan': {
    en: 'the plan file to write (default: ./{file}, which the draws read by themselves)',
    'zh-CN': '要写出的方案文件（默认：./{file}，抽取时会自动读取）',
  },
  'help.init.ledger': {
    en: 'the draw ledger every draw appends to (see `spotcheck ledger verify`); relative to the plan file',
    'zh-CN': '每次抽取都追加记录的抽查台账文件（见 `spotcheck ledger verify`）；路径相对于方案文件',
  },
  'help.init.seedSource': {
    en: 'where the seeds come from, as the notices and manifests say it (e.g. "县纪委 公开摇号")',
    'zh-CN': '种子的来源，按公告和抽取清单的写法（如"县纪委 公开摇号"）',
  },
  'help.init.force': { en: 'replace an existing plan file', 'zh-CN': '替换已有的方案文件' },
  'help.init.json': { en: 'print the plan written, as JSON', 'zh-CN': '以 JSON 输出写出的方案' },
  'help.init.noXlsx': {
    en: 'do not make the check workbook the default (written: "xlsx": false)',
    'zh-CN': '不默认生成核查工作簿（写入 "xlsx": false）',
  },
  'help.init.noExcel': {
    en: 'do not make CSV files for Excel the default (written: "excel": false)',
    'zh-CN': '不默认生成适合 Excel 的 CSV 文件（写入 "excel": false）',
  },
  'help.init.after': {
    en: `
What it does:
  Checks every value with the rules a draw applies (the scope is checked against the registry at
  the first draw), then writes the plan file: pretty JSON in UTF-8, keys in a fixed order, with
  the defaults written out so that the file documents them. By default the draws then write CSV
  files for Excel and, with --out, the check workbook ("excel": true, "xlsx": true). It refuses to
  replace an existing file without --force. Paths in the plan (--ledger) are relative to it.

Cost: reads nothing, writes one small file; instant.

Examples:
  $ spotcheck init --committee 彝良县纪委监委 --level county --scope 彝良县
  $ spotcheck init --committee 新疆某县纪委监委 --level county --scope 某县 --time-zone Asia/Urumqi --no-xlsx
  $ spotcheck init --committee 文山州纪委监委 --level prefecture --scope 文山壮族苗族自治州 \\
      --problem-categories "识别不准,退出不实,其他" --ledger draws.ledger --plan wenshan.json
`,
    'zh-CN': `
功能：
  按抽取时的规则检查每个值（范围在首次抽取时与登记数据核对），然后写出方案文件：UTF-8 编码、
  缩进排版的 JSON，键的顺序固定，默认值也明确写出，文件本身即说明各项设置。默认情况下，之后的
  抽取会生成适合 Excel 的 CSV 文件，给出 --out 时还会生成核查工作簿（"excel": true、
  "xlsx": true）。已有方案文件时，不加 --force 不予替换。方案中的路径（--ledger）相对于方案文件。

耗时：不读取任何文件，只写一个小文件，即时完成。

示例：
  $ spotcheck init --committee 彝良县纪委监委 --level county --scope 彝良县
  $ spotcheck init --committee 新疆某县纪委监委 --level county --scope 某县 --time-zone Asia/Urumqi --no-xlsx
  $ spotcheck init --committee 文山州纪委监委 --level prefecture --scope 文山壮族苗族自治州 \\
      --problem-categories "识别不准,退出不实,其他" --ledger draws.ledger --plan wenshan.json
`,
  },
  'cmd.init.committeeRequired': {
    en: 'init sets a committee up: give its name with --committee (e.g. --committee 彝良县纪委监委)',
    'zh-CN': 'init 用于设置一个纪委：请用 --committee 给出单位名称（如 --committee 彝良县纪委监委）',
  },
  'cmd.init.levelRequired': {
    en: "give the committee's level with --level: province, prefecture, county or township",
    'zh-CN': '请用 --level 给出本纪委的层级：province、prefecture、county 或 township',
  },
  'cmd.init.scopeRequired': {
    en: 'a {level} committee draws in one area: give it with --scope (its name or code)',
    'zh-CN': '{level}级纪委须指定抽取范围：请用 --scope 给出其名称或代码',
  },
  'cmd.init.scopeAtProvince': {
    en: 'a province-level draw covers the whole province: --scope is not taken at province level, got "{got}"',
    'zh-CN': '省级抽取覆盖全省：省级不使用 --scope，实际给出了 "{got}"',
  },
  'cmd.init.exists': {
    en: 'the plan file already exists; init does not replace it',
    'zh-CN': '方案文件已存在，init 不会替换它',
  },
  'cmd.init.existsHint': {
    en: 'edit it, write another with --plan FILE, or replace it with --force',
    'zh-CN': '可直接编辑该文件，或用 --plan FILE 另写一个，或加 --force 替换',
  },
  'cmd.init.notAFile': {
    en: 'the plan file to write is a directory or a device, not a file',
    'zh-CN': '要写出的方案文件是目录或设备，不是普通文件',
  },
  'cmd.init.written': { en: 'wrote {file}:', 'zh-CN': '已写出 {file}：' },
  'cmd.init.next': {
    en: 'Next: draw a month with it, e.g.\n  spotcheck monthly REGISTRY.csv --month YYYY-MM --seed "the public seed" --out DIR{plan} --notice notice.html',
    'zh-CN':
      '下一步：用它抽取一个月的样本，例如\n  spotcheck monthly 登记数据.csv --month YYYY-MM --seed "公开产生的种子" --out 目录{plan} --notice 公告.html',
  },
} as const satisfies MessageSection;
