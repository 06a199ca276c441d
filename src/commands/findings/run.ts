/**
 * `spotcheck findings`' work: each draw verified and read back (its sampled households and spares),
 * each return read and matched to the draw its households belong to, and the integrity checks of
 * src/core/findings.ts run per draw.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { type DrawnHousehold, type FindingsReport, findFindings, type ReturnedRow } from '../../core/findings.js';
import { canonicalColumn } from '../../core/headings.js';
import type { Manifest } from '../../core/manifest.js';
import { drawCellReader, unguardColumn } from '../../core/spreadsheetText.js';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { readManifest } from '../../io/manifest.js';
import { type EncodingChoice, streamRecords } from '../../io/registry.js';
import { parseEncodingChoice } from '../_shared/parse.js';
import { drawFailures } from '../verify/action.js';
import type { FindingsOptions } from './spec.js';
import { workbookReturns } from './workbookReturns.js';

/** A draw's findings: whether it verifies, the returns matched to it and, when it verifies, the checks' report. */
export interface DrawFindings {
  readonly dir: string;
  readonly command: string;
  readonly manifestSha256: string;
  /** The month the checks were dated against (--month, else the draw's month). */
  readonly month: string | null;
  /** The failing checks of its verification; empty when it verifies. */
  readonly failures: readonly string[];
  readonly returns: readonly string[];
  readonly drawn: number;
  /** Null when the draw does not verify: its returns are not checked against it. */
  readonly report: FindingsReport | null;
}

/** The columns a return's results are read from, by any of their names. */
const RETURN_COLUMNS = {
  result: ['核查结果', 'result'],
  checker: ['核查人', 'checker'],
  date: ['核查日期', 'check_date'],
  replaces: ['替代户编号', 'replaces'],
} as const;

/** A CSV file's header and rows with their line numbers. */
async function readTable(path: string, encoding: EncodingChoice) {
  let header: string[] = [];
  const rows: { cells: string[]; line: number }[] = [];
  await streamRecords(path, encoding, {
    onHeader: (cells) => {
      header = cells;
    },
    onRecord: (cells, _index, line) => {
      rows.push({ cells, line });
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
async function drawnHouseholds(dir: string, manifest: Manifest): Promise<DrawnHousehold[]> {
  const read = drawCellReader(manifest.parameters);
  const utf8 = parseEncodingChoice('utf-8');
  const files: [string, 'sample' | 'spare'][] = [
    [manifest.command === 'evaluate' ? 'frame.csv' : 'households.csv', 'sample'],
  ];
  if (manifest.outputs['spares.csv'] !== undefined) files.push(['spares.csv', 'spare']);
  const households: DrawnHousehold[] = [];
  for (const [name, role] of files) {
    const path = join(dir, name);
    const { header, rows } = await readTable(path, utf8);
    const id = requiredColumn(header, ['household_id'], path);
    const village = requiredColumn(header, ['village_key'], path);
    const status = requiredColumn(header, ['status'], path);
    const order = role === 'spare' ? requiredColumn(header, ['spare_order'], path) : -1;
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
      });
    }
  }
  return households;
}

/** A return's rows: the household and the result columns (the id read without a spreadsheet guard's apostrophe). */
async function returnedRows(path: string, encoding: EncodingChoice): Promise<ReturnedRow[]> {
  const { header, rows } = await readTable(path, encoding);
  const id = requiredColumn(header, ['household_id'], path);
  const [result, checker, date] = (['result', 'checker', 'date'] as const).map((column) =>
    requiredColumn(header, RETURN_COLUMNS[column], path),
  ) as [number, number, number];
  const replaces = header.findIndex((heading) =>
    (RETURN_COLUMNS.replaces as readonly string[]).includes(heading.trim()),
  );
  const ids = unguardColumn(rows.map(({ cells }) => cells[id]!.trim()));
  return rows.map(({ cells, line }, index) => ({
    id: ids[index]!,
    result: cells[result]!,
    checker: cells[checker]!,
    date: cells[date]!,
    replaces: replaces < 0 ? null : unguardColumn([cells[replaces]!.trim()])[0]!,
    source: { file: path, line },
  }));
}

/** Each draw's findings, in the order the draws were given. */
export async function runFindings(dirs: readonly string[], options: FindingsOptions): Promise<DrawFindings[]> {
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
            msg('cmd.findings.workbookHashMatchesNoDraw', { sheet, sha: manifestSha256.slice(0, 16) }),
            { file: path, hint: msg('cmd.findings.workbookHashMatchesNoDrawHint') },
          );
        returnsOf[draw]!.push({ path, rows });
      }
      continue;
    }
    const rows = await returnedRows(path, options.encoding);
    // The draw holding the most of the return's households (the first given on a tie).
    const held = draws.map(({ households }) => {
      const ids = new Set(households.map((household) => household.id));
      return rows.filter((row) => ids.has(row.id)).length;
    });
    const best = held.indexOf(Math.max(...held));
    if (held[best]! === 0)
      throw new SpotcheckError('DATA', msg('cmd.findings.returnMatchesNoDraw', { rows: rows.length }), {
        file: path,
        hint: msg('cmd.findings.returnMatchesNoDrawHint'),
      });
    returnsOf[best]!.push({ path, rows });
  }
  return draws.map(({ dir, manifest, failures, households }, index) => {
    const recordedMonth = manifest.parameters.month;
    const month = options.month ?? (typeof recordedMonth === 'string' ? recordedMonth : null);
    const returns = returnsOf[index]!;
    return {
      dir,
      command: manifest.command,
      manifestSha256: manifest.manifest_sha256 ?? '',
      month,
      failures,
      returns: [...new Set(returns.map(({ path }) => path))],
      drawn: households.filter((household) => household.role === 'sample').length,
      report:
        failures.length > 0
          ? null
          : findFindings(
              households,
              returns.flatMap(({ rows }) => rows),
              month,
            ),
    };
  });
}
