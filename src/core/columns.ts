/**
 * Header recognition: the national poverty information system's export (one row per person), the
 * same fields under canonical English names, and --column field=Header for anything else.
 */
import { SpotcheckError } from '../errors.js';
import { msg, type Message } from '../messages/render.js';
import { normalizeName } from './text.js';

export const REGISTRY_FIELDS = [
  'prefecture',
  'prefecture_code',
  'county',
  'county_code',
  'township',
  'township_code',
  'village',
  'village_code',
  'natural_village',
  'household_id',
  'person_id',
  'name',
  'id_number',
  'phone',
  'household_size',
  'relation',
  'status',
  'exit_year',
  'poverty_type',
  'poor_village',
  'household_type',
  'funds',
] as const;
export type RegistryField = (typeof REGISTRY_FIELDS)[number];

/** Header names recognised for each field (compared after headerKey()). */
export const HEADER_ALIASES: Readonly<Record<RegistryField, readonly string[]>> = {
  prefecture: ['州市', '市州', '州(市)', '市(州)', '地州', '地市'],
  prefecture_code: ['州市代码', '市州代码', '州市编码', '地州代码'],
  county: ['行政县', '县(市、区、旗)', '县(市、区)', '县(市区)', '县区', '县市区', '县'],
  county_code: ['县代码', '县区代码', '行政县代码', '县编码'],
  township: ['乡镇', '乡(镇)', '乡(镇、街道)', '乡镇(街道)', '乡镇街道'],
  township_code: ['乡镇代码', '乡代码', '乡镇编码'],
  village: ['行政村', '行政村(社区)', '村(社区)'],
  village_code: ['村代码', '行政村代码', '村编码'],
  natural_village: ['自然村', '自然村(组)'],
  household_id: ['户编号', '户码'],
  person_id: ['人编号'],
  name: ['姓名'],
  id_number: ['证件号码', '身份证号', '身份证号码', '证件号'],
  phone: ['联系电话', '电话', '手机号码'],
  household_size: ['人数', '家庭人数', '户人数', '家庭人口数', '家庭人口', '户人口数', '家庭成员数'],
  relation: ['与户主关系'],
  status: ['脱贫属性', '脱贫状态'],
  exit_year: ['脱贫年度', '脱贫年份'],
  poverty_type: ['贫困户属性'],
  poor_village: ['是否贫困村', '贫困村'],
  household_type: ['户类型', '户状态'],
  funds: ['帮扶资金', '帮扶资金(元)', '扶贫资金', '扶贫资金(元)', '资金量', '资金(元)'],
};

/** The key a header is compared by: NFC, no spaces, full-width brackets folded, lower case. */
export function headerKey(header: string): string {
  return normalizeName(header).replace(/\s+/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}

/** Field → column index; -1 where the file does not have it. */
export type ColumnMap = Readonly<Record<RegistryField, number>>;

/** How one file lays out the registry: its header, which column holds which field, its layout. */
export interface RegistryLayout {
  readonly header: readonly string[];
  readonly columns: ColumnMap;
  /** "person": one row per person, grouped into households by household_id. */
  readonly layout: 'person' | 'household';
}

export function isRegistryField(name: string): name is RegistryField {
  return (REGISTRY_FIELDS as readonly string[]).includes(name);
}

/**
 * Recognises a header. `overrides` maps a field to the header that holds it (--column). Throws
 * INPUT, listing what is needed and what was found, when a required field is missing (a status is
 * not required of a file of non-poor households, whose status is known).
 */
export function recogniseHeader(
  header: readonly string[],
  overrides: Readonly<Partial<Record<RegistryField, string>>>,
  file: string,
  requireStatus = true,
): RegistryLayout {
  const keys = header.map(headerKey);
  keys.forEach((key, index) => {
    const first = keys.indexOf(key);
    if (key !== '' && first < index) {
      throw new SpotcheckError(
        'INPUT',
        msg('core.columns.duplicateHeader', { name: header[index]!, first: first + 1, second: index + 1 }),
        { file, line: 1, column: index + 1 },
      );
    }
  });
  const columns = {} as Record<RegistryField, number>;
  for (const field of REGISTRY_FIELDS) {
    const override = overrides[field];
    if (override !== undefined) {
      const index = keys.indexOf(headerKey(override));
      if (index < 0) {
        throw new SpotcheckError(
          'INPUT',
          msg('core.columns.overrideNotFound', { field, header: override, headers: header.join(', ') }),
          { file, line: 1 },
        );
      }
      columns[field] = index;
      continue;
    }
    const names = [field, ...HEADER_ALIASES[field]].map(headerKey);
    columns[field] = keys.findIndex((key) => names.includes(key));
  }
  const missing: Message[] = [];
  if (columns.household_id < 0) missing.push(msg('core.columns.required.householdId'));
  if (columns.county < 0 && columns.county_code < 0) missing.push(msg('core.columns.required.county'));
  if (columns.township < 0) missing.push(msg('core.columns.required.township'));
  if (columns.village < 0) missing.push(msg('core.columns.required.village'));
  if (requireStatus && columns.status < 0 && columns.household_type < 0)
    missing.push(msg('core.columns.required.status'));
  if (missing.length > 0) {
    throw new SpotcheckError(
      'INPUT',
      msg('core.columns.missingRequired', {
        missing: { items: missing, separator: msg('core.columns.required.separator') },
        headers: header.join(', ') || msg('io.list.none'),
      }),
      { file, line: 1, hint: msg('core.columns.missingRequiredHint') },
    );
  }
  const layout = columns.person_id >= 0 || columns.relation >= 0 ? 'person' : 'household';
  return { header, columns, layout };
}

/** Parses repeated --column field=Header options. */
export function parseColumnOverrides(specs: readonly string[]): Partial<Record<RegistryField, string>> {
  const overrides: Partial<Record<RegistryField, string>> = {};
  for (const spec of specs) {
    const equals = spec.indexOf('=');
    const field = equals > 0 ? spec.slice(0, equals).trim() : '';
    const headerName = equals > 0 ? spec.slice(equals + 1).trim() : '';
    if (!isRegistryField(field) || headerName === '') {
      throw new SpotcheckError(
        'USAGE',
        msg('core.columns.overrideSyntax', { fields: REGISTRY_FIELDS.join(', '), got: spec }),
      );
    }
    overrides[field] = headerName;
  }
  return overrides;
}

/** How many data records of each file are looked at for IDs Excel turned into numbers. */
export const SCIENTIFIC_ID_RECORDS = 64;

/** A value as Excel writes a long number it has rounded: 5.30426E+15, 5E+17 (always with "E+", so an ID such as 3E10 is not one). */
const SCIENTIFIC_NUMBER = /^[0-9](?:\.[0-9]+)?E\+[0-9]+$/i;

/**
 * The first ID cell of a record (户编号, 人编号) that Excel has turned into a number in scientific
 * notation, as [header, value], or null. Excel keeps 15 significant digits, so a 16-digit 户编号
 * or an 18-digit 人编号 saved this way is lost: households merge and people repeat. Such a file is
 * refused once, saying why, rather than with an error for every record.
 */
function scientificId(
  layout: RegistryLayout,
  cell: (column: number) => string,
): readonly [header: string, value: string] | null {
  for (const column of [layout.columns.household_id, layout.columns.person_id]) {
    if (column < 0) continue;
    const value = cell(column).trim();
    if (SCIENTIFIC_NUMBER.test(value)) return [layout.header[column] ?? '', value];
  }
  return null;
}

/** Refuses a file whose IDs Excel turned into numbers (scientificId), at the record's line. */
export function refuseScientificIds(
  layout: RegistryLayout,
  cell: (column: number) => string,
  file: string,
  line: number,
): void {
  const found = scientificId(layout, cell);
  if (found === null) return;
  throw new SpotcheckError('INPUT', msg('core.columns.scientificId', { column: found[0], value: found[1] }), {
    file,
    line,
    hint: msg('core.columns.scientificIdHint'),
  });
}
