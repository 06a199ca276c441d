/**
 * Synthetic registries for demos, drills and benchmarks: real county names and codes from the
 * division table, synthetic townships, villages, households and people. Deterministic: seedrandom's
 * ARC4 generator, seeded with the --seed text, is the only source of chance. Nothing here describes
 * a real person.
 */
import seedrandom from 'seedrandom';
import type { DivisionCounty, DivisionTable } from './divisions.js';

export interface GenerateParameters {
  readonly seed: string;
  readonly households: number;
  /** How many counties to spread the households over (taken from the table at random), or null for all. */
  readonly counties: number | null;
  /** Restrict counties to these prefecture names or codes (empty: all). */
  readonly prefectures: readonly string[];
  readonly layout: 'person' | 'household';
  /** Add 州市 and division code columns (a province-level export); county exports lack them. */
  readonly withCodes: boolean;
  /** Share of households that are not registered (非贫困户), written with 户类型. */
  readonly nonpoorShare: number;
  /** Share of villages marked 是否贫困村 = 是. */
  readonly poorVillageShare: number;
  /** Average households per village. */
  readonly householdsPerVillage: number;
  /** Add a 帮扶资金 column (yuan per household; on each person row, the 户主 row counts) from its own random stream. */
  readonly withFunds?: boolean;
}

const SYLLABLES = Array.from(
  '安宝布朝大德东峨丰福富光海和河红鹤华会江金景开兰澜莲临龙鲁禄马茂勐孟弥南宁平普启清仁瑞沙山上石双顺松太腾田通文西祥新兴秀雅盐永玉元岳云哲者中竹',
);
const TOWNSHIP_SUFFIXES = ['镇', '镇', '乡', '乡', '彝族乡'];
const VILLAGE_SUFFIXES = ['村', '村', '村', '社区'];
const NATURAL_VILLAGE_SUFFIXES = ['组', '村', '寨', '营'];
const SURNAMES = Array.from('李王张刘杨陈赵黄周吴徐孙马朱胡郭何罗高林普者沙白段字罕岩刀');
const GIVEN = Array.from('明华国忠志成文建春秀英兰芳玉云丽红梅桂珍学德富贵有福金荣海林平顺安家');
const RELATIONS = ['配偶', '之子', '之女', '之子', '之女', '之孙子', '之孙女', '之儿媳', '之父', '之母'];
const POVERTY_TYPES = ['一般贫困户', '一般贫困户', '一般贫困户', '低保贫困户', '低保贫困户', '特困供养贫困户'];

const PERSON_COLUMNS = [
  '行政县',
  '乡镇',
  '行政村',
  '自然村',
  '户编号',
  '人编号',
  '姓名',
  '证件号码',
  '人数',
  '与户主关系',
  '脱贫属性',
  '脱贫年度',
  '贫困户属性',
  '是否贫困村',
];
const PERSON_CODE_COLUMNS = ['州市', '县代码', '乡镇代码', '村代码'];
const HOUSEHOLD_LAYOUT_COLUMNS = [
  'household_id',
  'prefecture',
  'county_code',
  'county',
  'township_code',
  'township',
  'village_code',
  'village',
  'natural_village',
  'head_name',
  'household_size',
  'status',
  'exit_year',
  'poverty_type',
  'poor_village',
];

type Random = () => number;
const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
const pad = (value: number, width: number) => String(value).padStart(width, '0');

function syntheticName(random: Random, length: number): string {
  let name = '';
  for (let i = 0; i < length; i++) name += pick(random, SYLLABLES);
  return name;
}

/** A two-syllable name with one of the suffixes, not yet in `used` (which it joins). */
function uniqueName(random: Random, used: Set<string>, suffixes: readonly string[]): string {
  let name: string;
  do name = syntheticName(random, 2) + pick(random, suffixes);
  while (used.has(name));
  used.add(name);
  return name;
}

/** GB 11643 check character, so synthetic ID numbers have the real layout. */
function idCheckCharacter(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * weights[i]!;
  return '10X98765432'[sum % 11]!;
}

interface SyntheticVillage {
  readonly county: DivisionCounty;
  readonly townshipCode: string;
  readonly township: string;
  readonly villageCode: string;
  readonly village: string;
  readonly poor: boolean;
  readonly households: number;
}

/** Chooses counties and lays out townships and villages, with each village's household count. */
function layoutVillages(table: DivisionTable, parameters: GenerateParameters, random: Random): SyntheticVillage[] {
  const wanted = new Set(parameters.prefectures);
  let counties = table.counties.filter(
    (county) => wanted.size === 0 || wanted.has(county.prefecture) || wanted.has(county.prefectureCode),
  );
  if (parameters.counties !== null && parameters.counties < counties.length) {
    const shuffled = [...counties];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    const chosen = new Set(shuffled.slice(0, parameters.counties).map((county) => county.code));
    counties = counties.filter((county) => chosen.has(county.code));
  }
  const villageCount = Math.max(counties.length, Math.round(parameters.households / parameters.householdsPerVillage));
  const villagesPerCounty = Math.max(1, Math.round(villageCount / counties.length));
  const plan: Array<Omit<SyntheticVillage, 'households'> & { weight: number }> = [];
  for (const county of counties) {
    const townships = Math.max(1, Math.round(villagesPerCounty / (4 + random() * 6)));
    const usedNames = new Set<string>();
    for (let t = 1; t <= townships; t++) {
      const township = uniqueName(random, usedNames, TOWNSHIP_SUFFIXES);
      const townshipCode = `${county.code}${pad(100 + t, 3)}`;
      const villages = Math.max(1, Math.round((villagesPerCounty / townships) * (0.6 + random() * 0.8)));
      const villageNames = new Set<string>();
      for (let v = 1; v <= villages; v++) {
        const village = uniqueName(random, villageNames, VILLAGE_SUFFIXES);
        const poor = random() < parameters.poorVillageShare;
        plan.push({
          county,
          townshipCode,
          township,
          villageCode: `${townshipCode}${pad(200 + v, 3)}`,
          village,
          poor,
          weight: (poor ? 1.6 : 0.6) * (0.5 + random()),
        });
      }
    }
  }
  // Households per village: proportional to the weights, rounded by largest remainder so the total is exact.
  const totalWeight = plan.reduce((sum, entry) => sum + entry.weight, 0);
  const quotas = plan.map((entry) => (parameters.households * entry.weight) / totalWeight);
  const counts = quotas.map(Math.floor);
  let remaining = parameters.households - counts.reduce((sum, value) => sum + value, 0);
  const order = quotas
    .map((quota, index) => ({ index, remainder: quota - Math.floor(quota) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (let i = 0; remaining > 0; i = (i + 1) % order.length, remaining--) counts[order[i]!.index]!++;
  return plan.map(({ weight: _weight, ...village }, index) => ({ ...village, households: counts[index]! }));
}

/** The header row of the generated file. */
export function generatedHeader(parameters: GenerateParameters): string[] {
  const funds = parameters.withFunds ? ['帮扶资金'] : [];
  if (parameters.layout === 'household') return [...HOUSEHOLD_LAYOUT_COLUMNS, ...funds];
  const columns = parameters.withCodes ? [...PERSON_CODE_COLUMNS.slice(0, 1), ...PERSON_COLUMNS] : [...PERSON_COLUMNS];
  if (parameters.withCodes) columns.push('县代码', '乡镇代码', '村代码');
  if (parameters.nonpoorShare > 0) columns.push('户类型');
  return [...columns, ...funds];
}

/** One synthetic household's attributes, drawn from `random` in this order (the order fixes the file's bytes). */
interface SyntheticHousehold {
  readonly householdId: string;
  readonly nonpoor: boolean;
  readonly status: string;
  readonly exitYear: string;
  readonly povertyType: string;
  readonly size: number;
  readonly naturalVillage: string;
  readonly surname: string;
  readonly poorVillage: string;
}

/** A household's 帮扶资金 cell (yuan): a county-wide scale, drawn once per county, times a household draw. */
function householdFunds(village: SyntheticVillage, fundsRandom: Random, countyScale: Map<string, number>): string {
  if (!countyScale.has(village.county.code)) countyScale.set(village.county.code, 0.3 + fundsRandom() * 3);
  return (Math.round(countyScale.get(village.county.code)! * (2000 + fundsRandom() * 18000) * 100) / 100).toFixed(2);
}

/** Draws household `h` of a village: status, exit year, poverty type, size, natural village, surname. */
function syntheticHousehold(
  village: SyntheticVillage,
  h: number,
  random: Random,
  parameters: GenerateParameters,
): SyntheticHousehold {
  const householdId = `${village.villageCode}${pad(h, 4)}`;
  const nonpoor = random() < parameters.nonpoorShare;
  const exited = !nonpoor && random() < 0.85;
  const status = nonpoor ? '' : exited ? '已脱贫' : '未脱贫';
  const exitYear = exited ? String(2014 + Math.floor(random() * 7)) : '';
  const povertyType = nonpoor ? '' : pick(random, POVERTY_TYPES);
  const size = 1 + Math.min(7, Math.floor(-Math.log(1 - random()) * 2.6));
  const naturalVillage = syntheticName(random, 2) + pick(random, NATURAL_VILLAGE_SUFFIXES);
  const surname = pick(random, SURNAMES);
  const poorVillage = village.poor ? '是' : '否';
  return { householdId, nonpoor, status, exitYear, povertyType, size, naturalVillage, surname, poorVillage };
}

/** The household layout's one row of a household (HOUSEHOLD_LAYOUT_COLUMNS, then the funds cell if any). */
function householdLayoutRow(
  village: SyntheticVillage,
  household: SyntheticHousehold,
  random: Random,
  funds: readonly string[],
): string[] {
  return [
    household.householdId,
    village.county.prefecture,
    village.county.code,
    village.county.name,
    village.townshipCode,
    village.township,
    village.villageCode,
    village.village,
    household.naturalVillage,
    household.surname + pick(random, GIVEN) + (random() < 0.6 ? pick(random, GIVEN) : ''),
    String(household.size),
    household.nonpoor ? '非贫困户' : household.status,
    household.exitYear,
    household.povertyType,
    household.poorVillage,
    ...funds,
  ];
}

/** The person layout's row of person `p` (1 = the 户主): relation, name, a valid-looking ID number, then codes, 户类型, funds. */
function personRow(
  village: SyntheticVillage,
  household: SyntheticHousehold,
  p: number,
  random: Random,
  parameters: GenerateParameters,
  funds: readonly string[],
): string[] {
  const { householdId, size, surname } = household;
  const relation = p === 1 ? '户主' : p === 2 && size > 1 && random() < 0.8 ? '配偶' : pick(random, RELATIONS.slice(1));
  const born = p === 1 || relation === '配偶' ? 1950 + Math.floor(random() * 40) : 1975 + Math.floor(random() * 45);
  const birth = `${born}${pad(1 + Math.floor(random() * 12), 2)}${pad(1 + Math.floor(random() * 28), 2)}`;
  const first17 = `${village.county.code}${birth}${pad(Math.floor(random() * 1000), 3)}`;
  const name =
    (relation === '配偶' || relation === '之儿媳' ? pick(random, SURNAMES) : surname) +
    pick(random, GIVEN) +
    (random() < 0.6 ? pick(random, GIVEN) : '');
  const row = [
    village.county.name,
    village.township,
    village.village,
    household.naturalVillage,
    householdId,
    `${householdId}${pad(p, 2)}`,
    name,
    first17 + idCheckCharacter(first17),
    String(size),
    relation,
    household.status,
    household.exitYear,
    household.povertyType,
    household.poorVillage,
  ];
  const withCodes = parameters.withCodes
    ? [village.county.prefecture, ...row, village.county.code, village.townshipCode, village.villageCode]
    : row;
  if (parameters.nonpoorShare > 0) withCodes.push(household.nonpoor ? '非贫困户' : '贫困户');
  return [...withCodes, ...funds];
}

/** Yields the data rows of a synthetic registry, household by household (person rows together). */
export function* generateRows(table: DivisionTable, parameters: GenerateParameters): Generator<string[]> {
  const random: Random = seedrandom(parameters.seed);
  const villages = layoutVillages(table, parameters, random);
  // Funds come from a stream of their own, so that files without them stay byte for byte as they were.
  const fundsRandom: Random = seedrandom(`${parameters.seed}/funds`);
  const countyScale = new Map<string, number>();
  for (const village of villages) {
    for (let h = 1; h <= village.households; h++) {
      const funds = parameters.withFunds ? [householdFunds(village, fundsRandom, countyScale)] : [];
      const household = syntheticHousehold(village, h, random, parameters);
      if (parameters.layout === 'household') {
        yield householdLayoutRow(village, household, random, funds);
        continue;
      }
      for (let p = 1; p <= household.size; p++) yield personRow(village, household, p, random, parameters, funds);
    }
  }
}
