/** Self-contained, shown and checked exclusions (excluded.csv, src/io/exclusionRecord.ts, src/render/exclusions.ts). */
import type { MessageSection } from './section.js';

export const EXCLUSION_MESSAGES = {
  // Help of the flags.
  'help.exclusions.otherRegistry': {
    en: "allow --exclude of a draw made from another registry (its files' SHA-256s differ from this draw's)",
    'zh-CN': '允许 --exclude 排除用其他登记数据（文件 SHA-256 与本次不同）做出的抽取',
  },
  'help.exclusions.otherMonth': {
    en: 'allow --exclude of a draw of another month than --month (--history finds earlier months by design)',
    'zh-CN': '允许 --exclude 排除与 --month 不同月份的抽取（--history 本就查找此前月份）',
  },
  'help.verify.exclusionsFrom': {
    en: 'folders (or files) where the draws and lists this draw excluded are, found by their SHA-256; without it they are looked for at the paths the manifest records, and where they are not found the draw is re-drawn from its excluded.csv alone',
    'zh-CN':
      '被本次抽取排除的抽取和名单所在的目录（或文件），按 SHA-256 查找；不给出时在清单记录的路径上查找，找不到时仅依据本次抽取目录中的 excluded.csv 复核',
  },
  // Refusals before a draw.
  'io.excluded.invalid': {
    en: 'excluded.csv is not the list spotcheck writes: {detail}',
    'zh-CN': 'excluded.csv 不是 spotcheck 写出的名单：{detail}',
  },
  'io.excluded.badRow': {
    en: 'excluded.csv row {row} is not a stage, a unit key and the SHA-256s of its sources',
    'zh-CN': 'excluded.csv 第 {row} 行不是“阶段、单位代码、来源 SHA-256”',
  },
  'io.excluded.drawFileAsList': {
    en: '{name} is a file of a spotcheck draw ({why}), not a list of units to exclude',
    'zh-CN': '{name} 是 spotcheck 抽取结果中的文件（{why}），不是排除名单',
  },
  'io.excluded.why.columns': { en: 'it has the columns {columns}', 'zh-CN': '含有 {columns} 列' },
  'io.excluded.why.manifest': { en: 'a manifest.json is beside it', 'zh-CN': '旁边有 manifest.json' },
  'io.excluded.drawFileAsListHint': {
    en: 'pass the draw folder instead (--exclude {dir}): its counties, villages and households are then excluded as recorded',
    'zh-CN': '请改为给出抽取目录（--exclude {dir}），按记录排除其县、村和户',
  },
  'io.excluded.maskedHouseholds': {
    en: 'the households of this draw cannot be excluded: {n} of its household IDs are ID or phone numbers, masked in its files (e.g. {example}), and match no household of the registry',
    'zh-CN':
      '无法排除该次抽取的户：其中 {n} 个户编号是身份证号或手机号，在抽取文件中已打码（如 {example}），与登记数据中的户对不上',
  },
  'io.excluded.personalKeys': {
    en: 'of the households to exclude, {n} have an ID or phone number as household ID (e.g. {example}); this draw masks IDs, so its excluded.csv cannot record them',
    'zh-CN':
      '要排除的户中有 {n} 个户编号是身份证号或手机号（如 {example}）；本次抽取对证件号码打码，其 excluded.csv 无法记录这些户编号',
  },
  'io.excluded.maskedHouseholdsHint': {
    en: 'exclude its villages instead (--exclude-stages or --cooldown-stages without household), or make the draws with --reveal-ids where the rules allow it',
    'zh-CN':
      '请改为排除其村（--exclude-stages 或 --cooldown-stages 不含 household），或在规定允许时以 --reveal-ids 抽取',
  },
  'io.excluded.otherRegistry': {
    en: 'the excluded draw was made from another registry ({theirs}) than this draw',
    'zh-CN': '被排除的抽取所用的登记数据（{theirs}）与本次抽取不同',
  },
  'io.excluded.otherRegistryHint': {
    en: 'draw from the registry the excluded draw used, or add --exclude-other-registry if excluding it is intended',
    'zh-CN': '请使用被排除抽取所用的登记数据；若确有此意，请加 --exclude-other-registry',
  },
  'io.excluded.otherMonth': {
    en: 'the excluded draw is of {theirs}, this draw of {ours}',
    'zh-CN': '被排除的抽取属于 {theirs}，本次抽取属于 {ours}',
  },
  'io.excluded.otherMonthHint': {
    en: 'exclude the draws of the same month, use --history DIR --cooldown N for earlier months, or add --exclude-other-month if this is intended',
    'zh-CN': '请排除同月的抽取；此前月份请用 --history DIR --cooldown N；若确有此意，请加 --exclude-other-month',
  },
  'io.excluded.listMatchesNothing': {
    en: 'none of the {keys} {stage} key(s) of the exclusion list is a {stage} of the registry (for example "{example}"): it would exclude nothing',
    'zh-CN': '排除名单中的 {keys} 个 {stage} 代码均不是登记数据中的 {stage} 单位（例如 "{example}"），排除不了任何单位',
  },
  'io.excluded.listMatchesNothingHint': {
    en: 'check that the list is of this registry and its keys are written as in the draws (county_code, village_key)',
    'zh-CN': '请确认名单属于本登记数据，且代码写法与抽取结果一致（county_code、village_key）',
  },
  // verify.
  'verify.excluded.fileChanged': {
    en: 'excluded.csv was changed after the draw (its SHA-256 is not the one the manifest records)',
    'zh-CN': 'excluded.csv 在抽取后被改动（其 SHA-256 与清单记录不符）',
  },
  'verify.excluded.unknownSource': {
    en: 'excluded.csv names a source {sha}… the manifest does not record',
    'zh-CN': 'excluded.csv 列出了清单未记录的来源 {sha}…',
  },
  'verify.excluded.unavailable': {
    en: 'not available here (manifest {sha}…): only the recorded list was used, excluded.csv ({rows} unit{s} from it); give its folder with --exclusions-from to check it too',
    'zh-CN':
      '此处没有该来源（清单 {sha}…）：仅依据已记录的名单 excluded.csv（其中 {rows} 个单位）复核；用 --exclusions-from 给出其目录可一并核对',
  },
  'verify.excluded.recomputed': {
    en: "present, sha256 {sha}… matches; its {rows} unit{s} equal excluded.csv's",
    'zh-CN': '来源在场，sha256 {sha}… 一致；其 {rows} 个单位与 excluded.csv 相同',
  },
  'verify.excluded.differs': {
    en: 'present, sha256 {sha}… matches, but it names {now} unit(s) where excluded.csv records {recorded}',
    'zh-CN': '来源在场，sha256 {sha}… 一致，但其列出 {now} 个单位，excluded.csv 记录的是 {recorded} 个',
  },
  'verify.excluded.badRecord': {
    en: 'the manifest has excluded.csv but no usable record of its sources (exclusions.sources)',
    'zh-CN': '清单列有 excluded.csv，但其来源记录（exclusions.sources）无法使用',
  },
  'verify.excluded.record': { en: 'exclusions record', 'zh-CN': '排除记录' },
  'verify.excluded.recordMatches': {
    en: 'the re-draw records the same sources and the same units leaving the frame',
    'zh-CN': '复核得到相同的排除来源和相同的移出单位数',
  },
  'verify.excluded.recordDiffers': {
    en: 'the re-draw does not record what the manifest records under exclusions (sources or units that left the frame)',
    'zh-CN': '复核结果与清单中的排除记录（来源或移出单位数）不符',
  },
  // Shown in the summary, the notice and the workbook.
  'excluded.units.county': { en: '{n} count{ies}', 'zh-CN': '{n} 个县' },
  'excluded.units.village': { en: '{n} village{s}', 'zh-CN': '{n} 个村' },
  'excluded.units.household': { en: '{n} household{s}', 'zh-CN': '{n} 户' },
  'excluded.separator': { en: ', ', 'zh-CN': '、' },
  'excluded.draw': {
    en: '{command} draw {level} {scope} {month}, manifest {sha}…',
    'zh-CN': '{month} {level} {scope} {command} 抽取，清单 {sha}…',
  },
  'excluded.list': { en: 'list {name}, sha256 {sha}…', 'zh-CN': '名单 {name}（SHA-256 {sha}…）' },
  'excluded.wholeRegistry': { en: '(whole registry)', 'zh-CN': '（全部登记数据）' },
  'excluded.otherRegistry': { en: ' [another registry, allowed]', 'zh-CN': '【其他登记数据，已允许】' },
  'excluded.otherMonth': { en: ' [another month, allowed]', 'zh-CN': '【其他月份，已允许】' },
  'excluded.byExclude': { en: '--exclude', 'zh-CN': '指定排除' },
  'excluded.byHistory': { en: '--history', 'zh-CN': '近期已抽查' },
  'excluded.line': {
    en: 'Excluded ({reason}): {what}: {units}{flags}',
    'zh-CN': '排除（{reason}）：{what}：{units}{flags}',
  },
  'excluded.left': {
    en: 'Left the frame: counties {counties}, villages {villages}, households of the drawn villages {households} (their keys: {file})',
    'zh-CN': '移出抽样框：{counties} 个县、{villages} 个村、抽中村内 {households} 户（代码见 {file}）',
  },
} as const satisfies MessageSection;
