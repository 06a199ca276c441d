/**
 * `spotcheck findings`' work: each draw verified and read back (its sampled households and spares),
 * each return read and matched to the draw its households belong to, and the integrity checks of
 * src/core/findings.ts run per draw.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import {
  type DrawnHousehold,
  type FindingsReport,
  findFindings,
  type HistoryMonth,
  type ProblemCounts,
  type ProblemRate,
  problemCounts,
  problemRate,
  type ReturnedRow,
} from '../../core/findings.js';
import { type ProblemRow, problemRows } from '../../core/findingsProblems.js';
import type { IntervalKind } from '../../core/estimate.js';
import { canonicalColumn } from '../../core/headings.js';
import type { Manifest } from '../../core/manifest.js';
import { maskHouseholdNumbers } from '../../core/personalText.js';
import { drawCellReader, unguardColumn } from '../../core/spreadsheetText.js';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { readManifest } from '../../io/manifest.js';
import { type EncodingChoice, streamRecords } from '../../io/registry.js';
import { parseEncodingChoice } from '../_shared/parse.js';
import { drawFailures } from '../verify/action.js';
import type { FindingsOptions } from './spec.js';
import { refuseColumnTwice, workbookReturns } from './workbookReturns.js';

/** A draw's findings: whether it verifies, the returns matched to it and, when it verifies, the checks' report. */
export interface DrawFindings {
  readonly dir: string;
  readonly command: string;
  readonly manifestSha256: string;
  /** The month the checks were dated against (--month, else the draw's month). */
  readonly month: string | null;
  /** The month the draw's manifest records (monthly draws); null for an evaluate draw. */
  readonly drawMonth: string | null;
  /** The failing checks of its verification; empty when it verifies. */
  readonly failures: readonly string[];
  readonly returns: readonly string[];
  readonly drawn: number;
  /** Null when the draw does not verify: its returns are not checked against it. */
  readonly report: FindingsReport | null;
  /** The counts by village, category and area; null when the draw does not verify. */
  readonly problems: ProblemCounts | null;
  /** The draw's level as its manifest records it (province … township); null for an evaluate draw. */
  readonly level: string | null;
  /** Whether it is a probability sample of the frame with recorded weights (see probabilitySample). */
  readonly probabilitySample: boolean;
  /** The problem rate (problemRate) of a probability sample that verifies; null otherwise. */
  readonly rate: ProblemRate | null;
  /** The households marked 有问题, one row each (the report workbook's follow-up sheet); empty when the draw does not verify. */
  readonly problemRows: readonly ProblemRow[];
}

/** A drawn household with what the problem rate needs: its recorded weight and design units. */
type WeightedHousehold = DrawnHousehold & {
  readonly weight: number | null;
  readonly design: { readonly stratum: string; readonly county: string; readonly countyProbability: number | null };
};

/** The columns a return's results are read from, by any of their names. */
const RETURN_COLUMNS = {
  result: ['核查结果', 'result'],
  checker: ['核查人', 'checker'],
  date: ['核查日期', 'check_date'],
  replaces: ['替代户编号', 'replaces'],
  category: ['问题类别', 'problem_category'],
  description: ['问题描述', 'problem_description'],
} as const;

/**
 * A CSV file's header and rows with their line numbers; `keep` (from the header) the columns a row
 * keeps, in that order (-1: an empty cell), so that a large return holds only what is read of it.
 */
async function readTable(
  path: string,
  encoding: EncodingChoice,
  keep: ((header: readonly string[]) => readonly number[]) | null = null,
) {
  let header: string[] = [];
  let kept: readonly number[] | null = null;
  const rows: { cells: string[]; line: number }[] = [];
  await streamRecords(path, encoding, {
    onHeader: (cells) => {
      header = cells;
      kept = keep === null ? null : keep(cells);
    },
    onRecord: (cells, _index, line) => {
      rows.push({ cells: kept === null ? cells : kept.map((column) => cells[column] ?? ''), line });
    },
  });
  return { header, rows };
}

/** The index of the first column whose canonical name is `name`, or a refusal naming the file. */
function requiredColumn(header: readonly string[], names: readonly string[], path: string): number {
  const index = header.findIndex((heading) => names.includes(canonicalColumn(heading.trim())));
  if (index < 0)
    throw new SpotcheckError('DATA', msg('cmd.findings.columnMissing', { column: names.join(' / ') }), {
      file: path,
      line: 1,
    });
  return index;
}

/** The sampled households and spares of a monthly or evaluate draw, from its recorded CSV files. */
async function drawnHouseholds(dir: string, manifest: Manifest): Promise<WeightedHousehold[]> {
  const read = drawCellReader(manifest.parameters);
  const utf8 = parseEncodingChoice('utf-8');
  const files: [string, 'sample' | 'spare'][] = [
    [manifest.command === 'evaluate' ? 'frame.csv' : 'households.csv', 'sample'],
  ];
  if (manifest.outputs['spares.csv'] !== undefined) files.push(['spares.csv', 'spare']);
  const households: WeightedHousehold[] = [];
  for (const [name, role] of files) {
    const path = join(dir, name);
    const { header, rows } = await readTable(path, utf8);
    const id = requiredColumn(header, ['household_id'], path);
    const village = requiredColumn(header, ['village_key'], path);
    const status = requiredColumn(header, ['status'], path);
    const order = role === 'spare' ? requiredColumn(header, ['spare_order'], path) : -1;
    const [prefecture, county, weight, countyCode, countyProbability, countyStratum] = [
      'prefecture',
      'county',
      'weight',
      'county_code',
      'county_probability',
      'county_stratum',
    ].map((name) => header.findIndex((heading) => canonicalColumn(heading.trim()) === name)) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    const optional = (cells: readonly string[], index: number) => (index < 0 ? '' : read(cells[index] ?? '').trim());
    for (const { cells, line } of rows) {
      const group =
        manifest.command === 'evaluate'
          ? `${read(cells[village]!)}\u001f${read(cells[status]!)}`
          : read(cells[village]!);
      households.push({
        id: read(cells[id]!).trim(),
        role,
        group,
        spareOrder: order < 0 ? null : Number(read(cells[order]!)),
        source: { file: path, line },
        area: {
          prefecture: optional(cells, prefecture),
          county: optional(cells, county),
          village: read(cells[village]!),
        },
        weight: weight < 0 ? null : Number(optional(cells, weight) || Number.NaN),
        design: {
          // A monthly draw's counties come from one stratum, its scope (docs/algorithm.md §7).
          stratum: countyStratum < 0 ? 'scope' : optional(cells, countyStratum),
          county: optional(cells, countyCode),
          countyProbability: countyProbability < 0 ? null : Number(optional(cells, countyProbability) || Number.NaN),
        },
      });
    }
  }
  return households;
}

/** The index of the first column named by one of `names` (canonically for the required ones), -1 if none. */
const returnColumn = (header: readonly string[], names: readonly string[], canonical: boolean) =>
  header.findIndex((heading) => names.includes(canonical ? canonicalColumn(heading.trim()) : heading.trim()));

/**
 * A return's rows: the household and the result columns (the id read without a spreadsheet guard's
 * apostrophe). Only those seven columns of each row are held (a return of 300,000 rows, 141 MB, took
 * 597 MB whole).
 */
async function returnedRows(path: string, encoding: EncodingChoice): Promise<ReturnedRow[]> {
  const columnsOf = (header: readonly string[]) => [
    returnColumn(header, ['household_id'], true),
    ...(['result', 'checker', 'date'] as const).map((column) => returnColumn(header, RETURN_COLUMNS[column], true)),
    ...(['replaces', 'category', 'description'] as const).map((column) =>
      returnColumn(header, RETURN_COLUMNS[column], false),
    ),
  ];
  const { header, rows } = await readTable(path, encoding, columnsOf);
  requiredColumn(header, ['household_id'], path);
  for (const column of ['result', 'checker', 'date'] as const) requiredColumn(header, RETURN_COLUMNS[column], path);
  for (const column of ['result', 'checker', 'date', 'replaces', 'category', 'description'] as const)
    refuseColumnTwice(header, RETURN_COLUMNS[column], path, 1);
  const [, , , , replaces, category, description] = columnsOf(header) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const ids = unguardColumn(rows.map(({ cells }) => cells[0]!.trim()));
  return rows.map(({ cells, line }, index) => ({
    id: ids[index]!,
    result: cells[1]!,
    checker: cells[2]!,
    date: cells[3]!,
    replaces: replaces < 0 ? null : unguardColumn([cells[4]!.trim()])[0]!,
    category: category < 0 ? null : cells[5]!,
    description: description < 0 ? null : cells[6]!,
    source: { file: maskHouseholdNumbers(path), line },
  }));
}

/**
 * The committee's list of 问题类别 from a text file: one a line, trimmed, UTF-8 (a byte-order mark
 * dropped); blank lines and lines starting with # are ignored. Refused when it names none.
 */
async function readCategories(path: string): Promise<string[]> {
  const text = await readFile(path, 'utf8').catch((error: unknown) => {
    throw new SpotcheckError('INPUT', msg('cmd.findings.categoriesUnreadable', { reason: String(error) }), {
      file: path,
    });
  });
  const categories = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
  if (categories.length === 0) throw new SpotcheckError('DATA', msg('cmd.findings.categoriesEmpty'), { file: path });
  return categories;
}

/**
 * Whether a draw is a probability sample of the frame with recorded weights: an evaluate draw, or a
 * monthly draw at province or prefecture level (issue 18: county and township draws are not samples
 * of the frame), and every sampled household has a positive weight recorded.
 */
function probabilitySample(manifest: Manifest, households: readonly WeightedHousehold[]): boolean {
  const level = manifest.parameters.level;
  const ofTheFrame = manifest.command === 'evaluate' || level === 'province' || level === 'prefecture';
  const sampled = households.filter((household) => household.role === 'sample');
  return (
    ofTheFrame &&
    sampled.length > 0 &&
    sampled.every(({ weight }) => weight !== null && Number.isFinite(weight) && weight > 0)
  );
}

/**
 * The problem rate of a probability sample's sampled households (problemRate), each with the result
 * of its first returned row (as problemCounts matches them); spares are not in it.
 */
function sampleRate(
  households: readonly WeightedHousehold[],
  rows: readonly ReturnedRow[],
  interval: IntervalKind,
): ProblemRate {
  const firstResults = new Map<string, string>();
  for (const row of rows) if (!firstResults.has(row.id)) firstResults.set(row.id, row.result);
  return problemRate(
    households
      .filter((household) => household.role === 'sample')
      .map((household) => ({
        ...household.design,
        village: household.area?.village ?? null,
        weight: household.weight!,
        result: firstResults.get(household.id) ?? '',
      })),
    interval,
  );
}

/**
 * The earlier months of a --history folder: every *.json file in it, read as a findings JSON output
 * (its `month` and `totals`: counts that are whole, not negative, with_problems at most checked), in
 * file-name order; anything else is refused with its file.
 */
export async function readHistory(dir: string): Promise<HistoryMonth[]> {
  const names = await readdir(dir).catch(() => {
    throw new SpotcheckError('USAGE', msg('cmd.findings.historyNotFolder'), { file: dir });
  });
  const months: HistoryMonth[] = [];
  for (const name of names.filter((entry) => entry.endsWith('.json')).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const file = join(dir, name);
    const bad = () => new SpotcheckError('DATA', msg('cmd.findings.historyBadFile'), { file });
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readFile(file, 'utf8'));
    } catch {
      throw bad();
    }
    const { month, totals } = (parsed ?? {}) as { month?: unknown; totals?: Record<string, unknown> };
    const count = (value: unknown) =>
      Number.isSafeInteger(value) && (value as number) >= 0 ? (value as number) : null;
    const checked = count(totals?.checked);
    const withProblems = count(totals?.with_problems);
    const findings = count(totals?.findings);
    if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month) || checked === null) throw bad();
    // More households with a problem than checked is no month's count (a forged or hand-edited file).
    if (withProblems === null || findings === null || withProblems > checked) throw bad();
    months.push({ month, checked, withProblems, findings, file });
  }
  return months;
}

/** Each draw's findings, in the order the draws were given. */
export async function runFindings(dirs: readonly string[], options: FindingsOptions): Promise<DrawFindings[]> {
  const categories = options.categories === null ? null : await readCategories(options.categories);
  const draws = [];
  for (const dir of dirs) {
    const isFolder = await stat(dir).then(
      (info) => info.isDirectory(),
      () => false,
    );
    if (!isFolder) throw new SpotcheckError('USAGE', msg('cmd.findings.notDrawFolder'), { file: dir });
    const manifest = await readManifest(join(dir, 'manifest.json'));
    if (manifest.command === 'funds') throw new SpotcheckError('USAGE', msg('cmd.findings.fundsDraw'), { file: dir });
    const failures = await drawFailures(dir);
    draws.push({ dir, manifest, failures, households: await drawnHouseholds(dir, manifest) });
  }
  const returnsOf = draws.map((): { path: string; rows: readonly ReturnedRow[] }[] => []);
  for (const path of options.returns) {
    if (/\.xlsx$/i.test(path)) {
      // A workbook's village sheets go to the draw whose manifest hash they carry.
      for (const { sheet, manifestSha256, rows } of await workbookReturns(path)) {
        const draw = draws.findIndex(({ manifest }) => manifest.manifest_sha256 === manifestSha256.toLowerCase());
        if (draw < 0)
          throw new SpotcheckError(
            'DATA',
            // What was typed over the hash may be a household number: shown masked.
            msg('cmd.findings.workbookHashMatchesNoDraw', {
              sheet,
              sha: maskHouseholdNumbers(manifestSha256.slice(0, 16)),
            }),
            { file: maskHouseholdNumbers(path), hint: msg('cmd.findings.workbookHashMatchesNoDrawHint') },
          );
        returnsOf[draw]!.push({ path: maskHouseholdNumbers(path), rows });
      }
      continue;
    }
    const rows = await returnedRows(path, options.encoding);
    // The draw holding the most of the return's households (a tie between two draws is refused).
    const held = draws.map(({ households }) => {
      const ids = new Set(households.map((household) => household.id));
      return rows.filter((row) => ids.has(row.id)).length;
    });
    const best = held.indexOf(Math.max(...held));
    // As many households of two draws: matched to either, the other half would be called swapped.
    const tied = held.findIndex((count, index) => index > best && count === held[best]! && count > 0);
    if (tied >= 0)
      throw new SpotcheckError(
        'DATA',
        msg('cmd.findings.returnMatchesTwoDraws', {
          n: held[best]!,
          first: draws[best]!.dir,
          second: draws[tied]!.dir,
        }),
        { file: path, hint: msg('cmd.findings.returnMatchesTwoDrawsHint') },
      );
    if (held[best]! === 0)
      throw new SpotcheckError('DATA', msg('cmd.findings.returnMatchesNoDraw', { rows: rows.length }), {
        file: path,
        hint: msg('cmd.findings.returnMatchesNoDrawHint'),
      });
    returnsOf[best]!.push({ path: maskHouseholdNumbers(path), rows });
  }
  return draws.map(({ dir, manifest, failures, households }, index) => {
    const recordedMonth = manifest.parameters.month;
    const drawMonth = typeof recordedMonth === 'string' ? recordedMonth : null;
    const month = options.month ?? drawMonth;
    const returns = returnsOf[index]!;
    const rows = returns.flatMap(({ rows }) => rows);
    const level = manifest.parameters.level;
    const isProbabilitySample = probabilitySample(manifest, households);
    return {
      dir,
      command: manifest.command,
      manifestSha256: manifest.manifest_sha256 ?? '',
      month,
      drawMonth,
      failures,
      returns: [...new Set(returns.map(({ path }) => path))],
      drawn: households.filter((household) => household.role === 'sample').length,
      report: failures.length > 0 ? null : findFindings(households, rows, month, categories),
      problems: failures.length > 0 ? null : problemCounts(households, rows),
      level: typeof level === 'string' ? level : null,
      probabilitySample: isProbabilitySample,
      rate: failures.length === 0 && isProbabilitySample ? sampleRate(households, rows, options.interval) : null,
      problemRows: failures.length > 0 ? [] : problemRows(households, rows),
    };
  });
}
