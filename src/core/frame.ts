/**
 * The sampling frame: counties, townships, villages and households built from registry rows.
 * Pure: FrameBuilder takes each row's cells (as the CSV reader gives them) and returns plain data;
 * it never touches files. Person-level rows are grouped into households by household_id.
 *
 * Identity: a unit's key is its division code where the file has one, else its name path —
 * county code › township name › village name (names NFC-normalised, spaces folded). County codes
 * always exist because the division table fills them in by county name.
 *
 * The words the builders read (statuses, 是否贫困村 yes/no, 户主) are in vocabulary.ts. Problems are
 * collected as DataProblems, each with its message as a fact (a catalogue key and its values) that
 * the edge words (problemText); `throwOnErrors` turns the first error into a SpotcheckError with it.
 */
import { SpotcheckError } from '../errors.js';
import { msg, word, type Lang, type Message } from '../messages/render.js';
import type { ColumnMap, RegistryLayout } from './columns.js';
import { lookupCounty, type DivisionCounty, type DivisionTable } from './divisions.js';
import { compareCodePoints, normalizeName } from './text.js';
import { maskIdentifier, maskPersonalText, personalColumns } from './privacy.js';
import { holdsPersonalText } from './personalText.js';
import { UNCLASSIFIED_TYPE, isHeadWord, parseStatus, parseYesNo, type HouseholdStatus } from './vocabulary.js';

// The vocabulary (statuses and their words, yes/no, head of household) lives in vocabulary.ts;
// re-exported here for the modules that import it with the frame.
export { HOUSEHOLD_STATUSES, STATUS_LABELS, isHeadRelation, type HouseholdStatus } from './vocabulary.js';

export interface FrameCounty {
  readonly key: string;
  readonly code: string;
  readonly name: string;
  readonly prefectureCode: string;
  readonly prefecture: string;
  readonly povertyCounty: boolean | null;
}
export interface FrameTownship {
  readonly key: string;
  readonly code: string | null;
  readonly name: string;
  readonly countyKey: string;
}
export type StatusCounts = Readonly<Record<HouseholdStatus, number>>;
export interface FrameVillage {
  readonly key: string;
  readonly code: string | null;
  readonly name: string;
  readonly townshipKey: string;
  readonly countyKey: string;
  /** 是否贫困村: true, false, or null where the registry does not say. */
  readonly poorVillage: boolean | null;
  /** Households of the village by status (their 户主 rows, or every row of a household-level file). */
  readonly households: StatusCounts;
  /** People of the village by status (person rows; 人数 in household-level files). */
  readonly persons: StatusCounts;
  /** 帮扶资金 of its households in fen (1/100 yuan), where the registry has the column (TallyBuilder only). */
  readonly fundsFen?: number;
}
/** Where a household's representative row (the head's, else its first) is. */
export interface RowSource {
  readonly file: number;
  /** 0-based index among the file's data records (the header is not counted). */
  readonly record: number;
  readonly line: number;
}
export interface FrameHousehold {
  readonly key: string;
  readonly villageKey: string;
  readonly status: HouseholdStatus;
  /** 人数 where given, else the number of person rows (person-level files), else null. */
  readonly size: number | null;
  /** Person rows seen (人数, or 1, for household-level files). */
  readonly persons: number;
  readonly source: RowSource;
}
/**
 * The frame of the whole registry at the level of villages: every county, township and village with
 * its households counted by status. The households themselves are read only for the villages a draw
 * selects (FrameWithHouseholds holds them all, for small registries and tests).
 */
export interface Frame {
  readonly files: readonly string[];
  readonly counties: readonly FrameCounty[];
  readonly townships: readonly FrameTownship[];
  readonly villages: readonly FrameVillage[];
  /** Whether the registry marks villages as poor or not (any non-blank 是否贫困村). */
  readonly marksPoorVillages: boolean;
  /**
   * Registry files (not --nonpoor files) that mark some village (`marking`), and those that mark none
   * while a village first seen in them is left unmarked (`unmarked`): both non-empty means a rule that
   * keeps marked villages only would drop the second files' villages (§4.6).
   */
  readonly poorVillageFiles?: { readonly marking: readonly string[]; readonly unmarked: readonly string[] };
  /** County key → the value of the county attribute column asked for (see FileOptions), if any. */
  readonly countyAttributes: ReadonlyMap<string, string>;
}
export interface FrameWithHouseholds extends Frame {
  readonly households: readonly FrameHousehold[];
}

/** How a file feeds the frame. */
interface FileOptions {
  /** A file of non-registered rural households (--nonpoor): every household is 非贫困户. */
  readonly nonpoorOnly?: boolean;
  /** Column index of a per-county attribute to collect (e.g. a stratification column), or -1. */
  readonly countyAttributeColumn?: number;
}

export interface DataProblem {
  readonly severity: 'error' | 'warning';
  /** What is wrong, as a fact: worded by problemText (the edge), or by the SpotcheckError it becomes. */
  readonly message: Message;
  readonly file: string;
  readonly line: number;
  readonly field?: string;
}

/** A problem's message in `lang`; problems quote cells: resident IDs and mobile numbers in them are masked (§17), always. */
export function problemText(problem: DataProblem, lang: Lang): string {
  return maskPersonalText(word(problem.message, lang));
}

interface HouseholdAccumulator {
  key: string;
  villageKey: string;
  status: HouseholdStatus;
  size: number | null;
  persons: number;
  source: RowSource;
  hasHead: boolean;
  personLevel: boolean;
  fileName: string;
  fromNonpoorFile: boolean;
  /** 人编号 of the representative row ('' when the file has none). */
  personId: string;
  /** Whether its file has 与户主关系 (then a household without a 户主 row is an error). */
  relationColumn: boolean;
  /** The 人数 its rows give (blank ones aside): one value, or 'differ'; null when none gives one. */
  agreedSize: number | null | 'differ';
}

/** One person or household row of FrameBuilder.addRow, resolved. */
interface HouseholdRow {
  readonly householdId: string;
  readonly villageKey: string;
  readonly status: HouseholdStatus;
  readonly size: number | null;
  readonly personId: string;
  readonly isHead: boolean;
  readonly fromNonpoorFile: boolean;
  readonly fileName: string;
  readonly fileIndex: number;
  readonly record: number;
  readonly line: number;
}

interface VillageAccumulator {
  key: string;
  code: string | null;
  name: string;
  townshipKey: string;
  countyKey: string;
  poorVillage: boolean | null;
  file: string;
  line: number;
  /** Where 是否贫困村 was first given, and whether a disagreement was already reported. */
  markedAt: { file: string; line: number } | null;
  markConflict: boolean;
  households: Record<HouseholdStatus, number>;
  persons: Record<HouseholdStatus, number>;
  fundsFen: number;
}

const zeroCounts = (): Record<HouseholdStatus, number> => ({ poor: 0, exited: 0, nonpoor: 0 });

/** A record's county and the keys, codes and names of its township and village (docs/algorithm.md §4.1–§4.3). */
interface RecordPlace {
  readonly county: DivisionCounty;
  readonly townshipKey: string;
  readonly townshipCode: string | null;
  readonly townshipName: string;
  readonly villageKey: string;
  readonly villageCode: string | null;
  readonly villageName: string;
  readonly fileName: string;
  readonly line: number;
}

/** A cell reader over one record: normalised text of a column, '' for a missing column. */
type CellReader = (column: number) => string;

/**
 * What both builders share: the division table lookup, unit keys and their consistency checks
 * (a village or township under two counties, codes given on some rows only, 是否贫困村 conflicts,
 * county attributes), statuses, and the list of problems.
 */
abstract class UnitBuilder {
  private readonly counties = new Map<string, FrameCounty>();
  private readonly townships = new Map<string, FrameTownship>();
  private readonly townshipFirstRows = new Map<string, { file: string; line: number }>();
  protected readonly villages = new Map<string, VillageAccumulator>();
  private readonly countyCache = new Map<string, DivisionCounty | SpotcheckError>();
  /** Rows that named each unknown county after the first (reported once, with the count). */
  private readonly countyErrorRows = new Map<SpotcheckError, { problem: number; rows: number }>();
  protected readonly problems: DataProblem[] = [];
  protected readonly files: string[] = [];
  protected readonly fileOptions: FileOptions[] = [];
  private readonly countyAttributes = new Map<string, { value: string; file: string; line: number }>();
  private errorCount = 0;
  /** Per file: whether one of its records marks a village (是否贫困村 yes or no). */
  private readonly fileMarks: boolean[] = [];
  /** Whether a file had a 帮扶资金 column (TallyBuilder sums it per village). */
  protected hasFunds = false;

  constructor(
    private readonly divisions: DivisionTable,
    private readonly maxErrors = 1000,
  ) {}

  /** Registers a file; returns its index for the rows. */
  addFile(name: string, _layout: RegistryLayout, options: FileOptions = {}): number {
    this.files.push(name);
    this.fileOptions.push(options);
    return this.files.length - 1;
  }

  /** Records a problem found outside the builder (e.g. by a fast scanner) at a file's line. */
  problem(severity: DataProblem['severity'], message: Message, file: string, line: number, field?: string): void {
    if (severity === 'error') this.errorCount++;
    if (this.problems.length < this.maxErrors) {
      const problem: DataProblem =
        field === undefined ? { severity, message, file, line } : { severity, message, file, line, field };
      this.problems.push(problem);
    }
  }

  /** A registry file that had no data rows at all is worth a warning. */
  noteEmptyFile(fileIndex: number): void {
    this.problem('warning', msg('core.frame.emptyFile'), this.files[fileIndex]!, 1);
  }

  /**
   * Resolves a record's county, township and village (creating them on first sight, checking them
   * after), its 是否贫困村 mark and county attribute. Returns the village, or null after a problem.
   * Keys as docs/algorithm.md §4.1–§4.3.
   */
  protected resolveLocation(
    fileIndex: number,
    layout: RegistryLayout,
    cell: CellReader,
    line: number,
    householdId: string,
  ): VillageAccumulator | null {
    const columns: ColumnMap = layout.columns;
    const fileName = this.files[fileIndex]!;
    const county = this.resolveCounty(
      cell(columns.county),
      cell(columns.county_code),
      cell(columns.prefecture),
      fileName,
      line,
    );
    if (!county) return null;
    const townshipName = cell(columns.township);
    const villageName = cell(columns.village);
    if (townshipName === '' || villageName === '') {
      this.problem('error', msg('core.frame.blankTownshipOrVillage', { household: householdId }), fileName, line);
      return null;
    }
    const townshipCode = cell(columns.township_code) || null;
    const villageCode = cell(columns.village_code) || null;
    const place: RecordPlace = {
      county,
      townshipKey: townshipCode ?? `${county.code}›${townshipName}`,
      townshipCode,
      townshipName,
      villageKey: villageCode ?? `${county.code}›${townshipName}›${villageName}`,
      villageCode,
      villageName,
      fileName,
      line,
    };
    if (this.holdsPersonalDivision(place, householdId)) return null;
    if (!this.resolveTownship(place)) return null;
    const village = this.resolveVillage(place, fileIndex, parseYesNo(cell(columns.poor_village)));
    if (!village) return null;
    if (!this.checkCountyAttribute(fileIndex, layout, cell, county, fileName, line)) return null;
    return village;
  }

  /**
   * Names and codes of townships and villages are keys and labels of every output, never masked
   * (docs/algorithm.md §17, §4.5): one that carries an ID or mobile number is refused (the message
   * masks it). Checked where a township or village is first seen, the row whose names the outputs
   * show. True after a problem.
   */
  private holdsPersonalDivision(place: RecordPlace, householdId: string): boolean {
    if (this.villages.has(place.villageKey) && this.townships.has(place.townshipKey)) return false;
    const personal = (
      [
        ['乡镇', place.townshipName],
        ['行政村', place.villageName],
        ['乡镇代码', place.townshipCode],
        ['村代码', place.villageCode],
      ] as const
    ).find(([, value]) => value !== null && holdsPersonalText(value));
    if (!personal) return false;
    this.problem(
      'error',
      msg('core.frame.personalInDivision', { household: householdId, what: personal[0], value: personal[1]! }),
      place.fileName,
      place.line,
    );
    return true;
  }

  /** §4.2: a township is created by its first record; a later one under another county is an error. False after a problem. */
  private resolveTownship(place: RecordPlace): boolean {
    const { townshipKey, county, fileName, line } = place;
    const township = this.townships.get(townshipKey);
    if (!township) {
      this.townships.set(townshipKey, {
        key: townshipKey,
        code: place.townshipCode,
        name: place.townshipName,
        countyKey: county.code,
      });
      this.townshipFirstRows.set(townshipKey, { file: fileName, line });
      return true;
    }
    if (township.countyKey === county.code) return true;
    this.problem(
      'error',
      msg('core.frame.townshipInTwoCounties', {
        township: townshipKey,
        firstCounty: township.countyKey,
        firstAt: at(this.townshipFirstRows.get(townshipKey)),
        county: county.code,
      }),
      fileName,
      line,
    );
    return false;
  }

  /** §4.3: a village is created by its first record (with its 是否贫困村 mark), checked on the later ones. Null after a problem. */
  private resolveVillage(
    place: RecordPlace,
    fileIndex: number,
    poorVillage: boolean | null,
  ): VillageAccumulator | null {
    const { villageKey, fileName, line } = place;
    if (poorVillage !== null) this.fileMarks[fileIndex] = true;
    const village = this.villages.get(villageKey);
    if (village) {
      const consistent = this.checkVillage(
        village,
        place.county,
        place.townshipKey,
        place.townshipName,
        place.villageName,
        place.villageCode,
        poorVillage,
        fileName,
        line,
      );
      return consistent ? village : null;
    }
    const created: VillageAccumulator = {
      key: villageKey,
      code: place.villageCode,
      name: place.villageName,
      townshipKey: place.townshipKey,
      countyKey: place.county.code,
      poorVillage,
      file: fileName,
      line,
      markedAt: poorVillage === null ? null : { file: fileName, line },
      markConflict: false,
      households: zeroCounts(),
      persons: zeroCounts(),
      fundsFen: 0,
    };
    this.villages.set(villageKey, created);
    return created;
  }

  /**
   * A village seen before, met again: it must lie under the same township and county and keep its
   * name under one 村代码; its 是否贫困村 mark is taken or compared. False after a problem.
   */
  private checkVillage(
    village: VillageAccumulator,
    county: DivisionCounty,
    townshipKey: string,
    townshipName: string,
    villageName: string,
    villageCode: string | null,
    poorVillage: boolean | null,
    fileName: string,
    line: number,
  ): boolean {
    if (village.countyKey !== county.code || village.townshipKey !== townshipKey) {
      this.problem(
        'error',
        msg('core.frame.villageInTwoPlaces', {
          village: village.key,
          firstCounty: village.countyKey,
          firstTownship: village.townshipKey,
          firstAt: `${village.file}:${village.line}`,
          county: county.code,
          township: townshipKey,
        }),
        fileName,
        line,
      );
      return false;
    }
    // One 村代码 for two villages (another name): the check is one string comparison a location group.
    if (villageCode !== null && village.name !== villageName) {
      this.problem(
        'error',
        msg('core.frame.villageCodeTwoVillages', {
          code: villageCode,
          firstVillage: village.name,
          firstTownship: this.townships.get(village.townshipKey)?.name ?? village.townshipKey,
          firstAt: `${village.file}:${village.line}`,
          village: villageName,
          township: townshipName,
        }),
        fileName,
        line,
      );
      return false;
    }
    if (poorVillage !== null) {
      if (village.poorVillage === null) {
        village.poorVillage = poorVillage;
        village.markedAt = { file: fileName, line };
      } else if (village.poorVillage !== poorVillage && !village.markConflict) {
        village.markConflict = true;
        this.problem(
          'error',
          msg('core.frame.poorVillageConflict', {
            village: villageName,
            first: village.poorVillage ? '是' : '否',
            firstAt: at(village.markedAt ?? undefined),
            value: poorVillage ? '是' : '否',
          }),
          fileName,
          line,
        );
      }
    }
    return true;
  }

  /** The county attribute column (if asked for) must hold one value per county. False after a problem. */
  private checkCountyAttribute(
    fileIndex: number,
    layout: RegistryLayout,
    cell: CellReader,
    county: DivisionCounty,
    fileName: string,
    line: number,
  ): boolean {
    const attributeColumn = this.fileOptions[fileIndex]!.countyAttributeColumn ?? -1;
    if (attributeColumn >= 0) {
      const value = cell(attributeColumn);
      const seen = this.countyAttributes.get(county.code);
      if (!seen) this.countyAttributes.set(county.code, { value, file: fileName, line });
      else if (seen.value !== value) {
        this.problem(
          'error',
          msg('core.frame.countyAttributeConflict', {
            county: county.name,
            column: String(layout.header[attributeColumn]),
            first: seen.value,
            firstAt: at(seen),
            value,
          }),
          fileName,
          line,
        );
        return false;
      }
    }
    return true;
  }

  private resolveCounty(
    name: string,
    code: string,
    prefecture: string,
    file: string,
    line: number,
  ): DivisionCounty | null {
    const cacheKey = `${name}\u001f${code}\u001f${prefecture}`;
    let found = this.countyCache.get(cacheKey);
    if (found === undefined) {
      try {
        found = lookupCounty(this.divisions, name, code || null, prefecture || null);
      } catch (error) {
        if (!(error instanceof SpotcheckError)) throw error;
        found = error;
      }
      this.countyCache.set(cacheKey, found);
      if (!(found instanceof SpotcheckError) && !this.counties.has(found.code)) {
        this.counties.set(found.code, {
          key: found.code,
          code: found.code,
          name: found.name,
          prefectureCode: found.prefectureCode,
          prefecture: found.prefecture,
          povertyCounty: found.povertyCounty,
        });
      }
    }
    if (found instanceof SpotcheckError) {
      const seen = this.countyErrorRows.get(found);
      if (seen === undefined) {
        const before = this.problems.length;
        this.problem(
          'error',
          found.context.hint
            ? msg('core.frame.countyWithHint', { problem: found.fact, hint: found.context.hint })
            : msg('core.frame.problem', { problem: found.fact }),
          file,
          line,
        );
        this.countyErrorRows.set(found, { problem: this.problems.length > before ? before : -1, rows: 0 });
      } else {
        seen.rows++;
      }
      return null;
    }
    return found;
  }

  /** The status of a record of a file (a non-poor household file: always nonpoor), or null after a problem. */
  protected resolveStatus(
    fileIndex: number,
    layout: RegistryLayout,
    cell: CellReader,
    line: number,
  ): HouseholdStatus | null {
    if (this.fileOptions[fileIndex]!.nonpoorOnly === true) return 'nonpoor';
    const file = this.files[fileIndex]!;
    const statusText = cell(layout.columns.status);
    const typeText = cell(layout.columns.household_type);
    const typeStatus = typeText === '' ? null : parseStatus(typeText);
    if (typeStatus === 'nonpoor') return 'nonpoor';
    if (typeText !== '' && typeStatus === null && typeText !== UNCLASSIFIED_TYPE) {
      this.problem(
        'error',
        msg('core.frame.householdTypeUnknown', { type: typeText }),
        file,
        line,
        layout.header[layout.columns.household_type],
      );
      return null;
    }
    if (statusText === '') {
      if (typeStatus) return typeStatus;
      this.problem('error', msg('core.frame.statusBlank'), file, line, layout.header[layout.columns.status]);
      return null;
    }
    const status = parseStatus(statusText);
    if (!status) {
      this.problem(
        'error',
        msg('core.frame.statusUnknown', { status: statusText }),
        file,
        line,
        layout.header[layout.columns.status],
      );
      return null;
    }
    return status;
  }

  /** 人数 of a record: a positive whole number, null when blank; undefined after a problem. */
  protected resolveSize(
    fileIndex: number,
    layout: RegistryLayout,
    cell: CellReader,
    line: number,
  ): number | null | undefined {
    const text = cell(layout.columns.household_size);
    if (text === '') return null;
    const size = /^[0-9]+$/.test(text) ? Number(text) : NaN;
    if (!Number.isInteger(size) || size <= 0) {
      this.problem(
        'error',
        msg('core.frame.householdSize', { got: text }),
        this.files[fileIndex]!,
        line,
        layout.header[layout.columns.household_size],
      );
      return undefined;
    }
    return size;
  }

  /**
   * A unit keyed by its code on some rows and by its name path on others (a 村代码 or 乡镇代码 left
   * blank on some rows) would count twice: that is an error naming the first row of each.
   */
  private checkCodedAndUncodedUnits(): void {
    const townshipName = (key: string) => this.townships.get(key)?.name ?? key;
    const codedVillages = new Map<string, VillageAccumulator>();
    for (const village of this.villages.values()) {
      if (village.code !== null)
        codedVillages.set(`${village.countyKey}›${townshipName(village.townshipKey)}›${village.name}`, village);
    }
    for (const village of this.villages.values()) {
      const coded = village.code === null ? codedVillages.get(village.key) : undefined;
      if (coded) {
        this.problem(
          'error',
          msg('core.frame.villageCodeMissing', {
            village: village.name,
            code: String(coded.code),
            codedAt: `${coded.file}:${coded.line}`,
          }),
          village.file,
          village.line,
        );
      }
    }
    const codedTownships = new Map<string, FrameTownship>();
    for (const township of this.townships.values()) {
      if (township.code !== null) codedTownships.set(`${township.countyKey}›${township.name}`, township);
    }
    for (const township of this.townships.values()) {
      const coded = township.code === null ? codedTownships.get(township.key) : undefined;
      if (coded) {
        const first = this.townshipFirstRows.get(township.key)!;
        this.problem(
          'error',
          msg('core.frame.townshipCodeMissing', {
            township: township.name,
            code: String(coded.code),
            codedAt: at(this.townshipFirstRows.get(coded.key)),
          }),
          first.file,
          first.line,
        );
      }
    }
  }

  /** Which registry files mark villages (是否贫困村) and which leave theirs unmarked (Frame.poorVillageFiles). */
  private poorVillageFiles(): NonNullable<Frame['poorVillageFiles']> {
    const registryFiles = this.files.filter((_, index) => this.fileOptions[index]!.nonpoorOnly !== true);
    const marking = new Set(
      this.files.filter((_, index) => this.fileMarks[index] === true && this.fileOptions[index]!.nonpoorOnly !== true),
    );
    const unmarkedVillageFiles = new Set(
      [...this.villages.values()].filter((village) => village.poorVillage === null).map((village) => village.file),
    );
    return {
      marking: registryFiles.filter((file) => marking.has(file)),
      unmarked: registryFiles.filter((file) => !marking.has(file) && unmarkedVillageFiles.has(file)),
    };
  }

  /** The frame of units (villages with their counts), after the final checks. */
  protected buildUnits(): { frame: Frame; problems: readonly DataProblem[]; errorCount: number } {
    this.checkCodedAndUncodedUnits();
    for (const { problem, rows } of this.countyErrorRows.values()) {
      const first = this.problems[problem];
      if (rows > 0 && first) {
        const message = msg('core.frame.sameCountyRows', { problem: first.message, rows, n: rows });
        this.problems[problem] = { ...first, message };
      }
    }
    const byKey = <T extends { key: string }>(values: Iterable<T>): T[] =>
      [...values].sort((a, b) => compareCodePoints(a.key, b.key));
    const frame: Frame = {
      files: [...this.files],
      counties: byKey(this.counties.values()),
      townships: byKey(this.townships.values()),
      villages: byKey(this.villages.values()).map(
        ({ key, code, name, townshipKey, countyKey, poorVillage, households, persons, fundsFen }) => ({
          key,
          code,
          name,
          townshipKey,
          countyKey,
          poorVillage,
          households: { ...households },
          persons: { ...persons },
          ...(this.hasFunds ? { fundsFen } : {}),
        }),
      ),
      marksPoorVillages: [...this.villages.values()].some((village) => village.poorVillage !== null),
      poorVillageFiles: this.poorVillageFiles(),
      countyAttributes: new Map([...this.countyAttributes].map(([key, { value }]) => [key, value])),
    };
    return { frame, problems: [...this.problems], errorCount: this.errorCount };
  }
}

/**
 * Accumulates registry rows into a frame with every household (person-level rows grouped by
 * household_id). Exact, and its memory grows with the households: used for the rows of the villages a
 * draw selects, and by `inspect`, which checks every household.
 */
export class FrameBuilder extends UnitBuilder {
  private readonly households = new Map<string, HouseholdAccumulator>();
  private readonly personRows = new Map<string, string>();

  /**
   * Adds one data record. `record` is its 0-based index among the file's data records. Returns
   * whether it stands for its household now (its representative record, §4.4): false if not, null
   * if it is a household's first, or the source of the record it stands instead of (pass 2 keeps the
   * cells of the records that stand, no others).
   */
  addRow(
    fileIndex: number,
    layout: RegistryLayout,
    cells: readonly string[],
    record: number,
    line: number,
  ): RowSource | null | false {
    const columns: ColumnMap = layout.columns;
    const fileName = this.files[fileIndex]!;
    const cell: CellReader = (column) => (column < 0 ? '' : normalizeName(cells[column] ?? ''));

    const householdId = cell(columns.household_id);
    if (householdId === '') {
      this.problem('error', msg('core.frame.householdIdBlank'), fileName, line, layout.header[columns.household_id]);
      return false;
    }
    const village = this.resolveLocation(fileIndex, layout, cell, line, householdId);
    if (!village) return false;
    const villageKey = village.key;
    const fromNonpoorFile = this.fileOptions[fileIndex]!.nonpoorOnly === true;
    const status = this.resolveStatus(fileIndex, layout, cell, line);
    if (!status) return false;
    const size = this.resolveSize(fileIndex, layout, cell, line);
    if (size === undefined) return false;

    const personId = layout.layout === 'person' ? cell(columns.person_id) : '';
    if (!this.checkPerson(layout, personId, fileName, line)) return false;
    const isHead = layout.layout === 'household' || isHeadWord(cell(columns.relation).toLowerCase());
    const existing = this.households.get(householdId);
    if (!existing) {
      this.households.set(householdId, {
        key: householdId,
        villageKey,
        status,
        size,
        persons: 1,
        source: { file: fileIndex, record, line },
        hasHead: isHead,
        personLevel: layout.layout === 'person',
        fileName,
        fromNonpoorFile,
        personId,
        relationColumn: columns.relation >= 0,
        agreedSize: size,
      });
      return null;
    }
    return this.addToHousehold(existing, layout, {
      householdId,
      villageKey,
      status,
      size,
      personId,
      isHead,
      fromNonpoorFile,
      fileName,
      fileIndex,
      record,
      line,
    });
  }

  /** A 人编号 seen on an earlier row is an error (a row counted twice); false after the problem. */
  private checkPerson(layout: RegistryLayout, personId: string, fileName: string, line: number): boolean {
    const columns: ColumnMap = layout.columns;
    if (personId !== '') {
      const seen = this.personRows.get(personId);
      if (seen !== undefined) {
        // A person key from a personal column (--column person_id=证件号码) is never shown whole.
        const person = personalColumns(layout).includes(columns.person_id) ? maskIdentifier(personId) : personId;
        this.problem('error', msg('core.frame.personTwice', { person, firstAt: seen }), fileName, line);
        return false;
      }
      this.personRows.set(personId, `${fileName}:${line}`);
    }
    return true;
  }

  /**
   * Another row of a household already seen: refused when it comes from the other kind of file, from
   * a household-level file, or from another village; else counted, and the representative row (the
   * 户主's, else the smallest 人编号's) chosen as FrameBuilder's rules say, whatever the row order.
   */
  private addToHousehold(existing: HouseholdAccumulator, layout: RegistryLayout, row: HouseholdRow): RowSource | false {
    if (!this.groupsWith(existing, layout, row)) return false;
    existing.persons++;
    if (row.size !== null && existing.agreedSize !== row.size)
      existing.agreedSize = existing.agreedSize === null ? row.size : 'differ';
    return this.chooseRepresentative(existing, row);
  }

  /**
   * docs/algorithm.md §4.4 "Grouping": a later row joins its household only from the same kind of file
   * (registry or --nonpoor), from a person-level file, and in the same village. False after the problem.
   */
  private groupsWith(existing: HouseholdAccumulator, layout: RegistryLayout, row: HouseholdRow): boolean {
    const { householdId, villageKey, fileName, line } = row;
    const firstAt = () => `${existing.fileName}:${existing.source.line}`;
    if (existing.fromNonpoorFile !== row.fromNonpoorFile) {
      this.problem(
        'error',
        msg('core.frame.householdRegisteredAndNonpoor', { household: householdId, firstAt: firstAt() }),
        fileName,
        line,
      );
      return false;
    }
    if (layout.layout === 'household') {
      this.problem(
        'error',
        msg('core.frame.householdTwice', { household: householdId, firstAt: firstAt() }),
        fileName,
        line,
      );
      return false;
    }
    if (existing.villageKey !== villageKey) {
      this.problem(
        'error',
        msg('core.frame.householdInTwoVillages', {
          household: householdId,
          firstVillage: existing.villageKey,
          firstAt: firstAt(),
          village: villageKey,
        }),
        fileName,
        line,
      );
      return false;
    }
    return true;
  }

  /**
   * §4.4's representative row: the 户主 row (a second one is an error; a status differing from the
   * head's is a warning), else the row with the smallest 人编号 in code point order, whatever the row order.
   * Returns the source the row replaced, or false if it does not stand for the household.
   */
  private chooseRepresentative(existing: HouseholdAccumulator, row: HouseholdRow): RowSource | false {
    const before = existing.source;
    const { householdId, status, size, personId, isHead, fileName, fileIndex, record, line } = row;
    if (isHead) {
      if (existing.hasHead) {
        // Counts kept without households count every 户主 row: a second one would count the household twice.
        this.problem(
          'error',
          msg('core.frame.secondHead', {
            household: householdId,
            firstAt: `${existing.fileName}:${existing.source.line}`,
          }),
          fileName,
          line,
        );
      } else {
        if (existing.status !== status) {
          this.problem(
            'warning',
            msg('core.frame.headStatusDiffers', { household: householdId, status }),
            fileName,
            line,
          );
        }
        existing.status = status;
        existing.size = size;
        existing.source = { file: fileIndex, record, line };
        existing.hasHead = true;
        existing.fileName = fileName;
        existing.personId = personId;
        return before;
      }
    } else if (existing.hasHead) {
      if (existing.status !== status)
        this.problem(
          'warning',
          msg('core.frame.memberStatusDiffers', { household: householdId, status, headStatus: existing.status }),
          fileName,
          line,
        );
    } else if (personId !== '' && (existing.personId === '' || compareCodePoints(personId, existing.personId) < 0)) {
      // No 户主 row yet: the row with the smallest 人编号 stands for the household, whatever the row order.
      existing.status = status;
      existing.size = size;
      existing.source = { file: fileIndex, record, line };
      existing.fileName = fileName;
      existing.personId = personId;
      return before;
    }
    return false;
  }

  build(): { frame: FrameWithHouseholds; problems: readonly DataProblem[]; errorCount: number } {
    const households: FrameHousehold[] = [];
    for (const household of this.households.values()) {
      if (household.personLevel && !household.hasHead && household.relationColumn) {
        // A household is counted by its 户主 row (also when only counts are kept, without households).
        this.problem(
          'error',
          msg('core.frame.noHead', { household: household.key }),
          household.fileName,
          household.source.line,
        );
        continue;
      }
      // 人数: the representative row's; else the one the other rows agree on; else (rows that give
      // none, or disagree) the person rows counted. Never the row order (docs/algorithm.md §4.4).
      const size = household.size ?? (typeof household.agreedSize === 'number' ? household.agreedSize : null);
      if (household.personLevel && size !== null && size !== household.persons) {
        this.problem(
          'warning',
          msg('core.frame.sizeDiffers', {
            household: household.key,
            size,
            persons: household.persons,
            n: household.persons,
          }),
          household.fileName,
          household.source.line,
        );
      }
      const persons = household.personLevel ? household.persons : (size ?? 1);
      const village = this.villages.get(household.villageKey)!;
      village.households[household.status]++;
      village.persons[household.status] += persons;
      households.push({
        key: household.key,
        villageKey: household.villageKey,
        status: household.status,
        size: size ?? (household.personLevel ? household.persons : null),
        persons,
        source: household.source,
      });
    }
    households.sort((a, b) => compareCodePoints(a.key, b.key));
    const { frame, problems, errorCount } = this.buildUnits();
    return { frame: { ...frame, households }, problems, errorCount };
  }
}

/**
 * Accumulates counts into a frame of villages without keeping households: memory grows with the
 * villages, not with the registry. Fed with groups of records that share their location and
 * attributes (as a scanner counts them): a group's households are its 户主 rows (every row in a
 * household-level file), its people its rows (人数 in a household-level file).
 */
export class TallyBuilder extends UnitBuilder {
  /**
   * Adds `rows` records sharing one location and attributes; `cells` holds their cells (only the
   * columns the frame needs are read), `line` the first of them, `heads` how many are 户主 rows and
   * `sizeSum` the sum of their 人数.
   */
  addGroup(
    fileIndex: number,
    layout: RegistryLayout,
    cells: readonly string[],
    line: number,
    rows: number,
    heads: number,
    sizeSum: number,
    fundsFen = 0,
  ): string | null {
    const cell: CellReader = (column) => (column < 0 ? '' : normalizeName(cells[column] ?? ''));
    const village = this.resolveLocation(fileIndex, layout, cell, line, cell(layout.columns.household_id));
    if (!village) return null;
    const status = this.resolveStatus(fileIndex, layout, cell, line);
    if (!status) return village.key;
    if (layout.layout === 'person') {
      village.households[status] += heads;
      village.persons[status] += rows;
    } else {
      village.households[status] += rows;
      village.persons[status] += layout.columns.household_size >= 0 ? sizeSum : rows;
    }
    if (layout.columns.funds >= 0) {
      this.hasFunds = true;
      village.fundsFen += fundsFen;
    }
    return village.key;
  }

  /** A raw 帮扶资金 in fen (blank: 0), or undefined after a problem reported at the line. */
  fundsOf(fileIndex: number, layout: RegistryLayout, raw: string, line: number): number | undefined {
    const fen = parseAmountFen(raw);
    if (fen !== null) return fen;
    this.problem(
      'error',
      msg('core.frame.funds', { got: raw }),
      this.files[fileIndex]!,
      line,
      layout.header[layout.columns.funds],
    );
    return undefined;
  }

  /** Checks a record's 户编号 (not blank) at its line; false after a problem. */
  checkHouseholdId(fileIndex: number, layout: RegistryLayout, householdId: string, line: number): boolean {
    if (normalizeName(householdId) !== '') return true;
    this.problem(
      'error',
      msg('core.frame.householdIdBlank'),
      this.files[fileIndex]!,
      line,
      layout.header[layout.columns.household_id],
    );
    return false;
  }

  /** A raw 人数 as a number (null when blank), or undefined after a problem reported at the line. */
  sizeOf(fileIndex: number, layout: RegistryLayout, raw: string, line: number): number | null | undefined {
    return this.resolveSize(
      fileIndex,
      layout,
      (column) => (column === layout.columns.household_size ? normalizeName(raw) : ''),
      line,
    );
  }

  build(): { frame: Frame; problems: readonly DataProblem[]; errorCount: number } {
    return this.buildUnits();
  }
}

/** "1234.5" → 123450 fen; "" → 0; "1,234.50" (thousands separators) too; anything else → null. */
export function parseAmountFen(raw: string): number | null {
  const text = normalizeName(raw).replace(/[,，](?=[0-9]{3}(?:[.]|$|[,，]))/g, '');
  if (text === '') return 0;
  const match = /^([0-9]{1,13})(?:\.([0-9]{1,2}))?$/.exec(text);
  if (!match) return null;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

const at = (row: { file: string; line: number } | undefined): string => (row ? `${row.file}:${row.line}` : '?');

/** Throws the first error among `problems` as a DATA error, mentioning how many more there are. */
export function throwOnErrors(problems: readonly DataProblem[], errorCount: number): void {
  const first = problems.find((problem) => problem.severity === 'error');
  if (!first) return;
  const more = errorCount - 1;
  throw new SpotcheckError('DATA', first.message, {
    file: first.file,
    line: first.line,
    ...(first.field === undefined ? {} : { field: first.field }),
    hint: more > 0 ? msg('core.frame.moreErrorsInspectHint', { more, n: more }) : msg('core.frame.inspectHint'),
  });
}
