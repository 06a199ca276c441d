/**
 * The problems of a month's returns, one per household marked 有问题 (issue 18, third part): the rows
 * of the report workbook's follow-up sheet. Plain data in, plain rows out; written by
 * src/io/findingsWorkbook.ts. A household returned twice counts once, by its first row, as in
 * problemCounts (src/core/findings.ts).
 */
import type { DrawnHousehold, ReturnedRow, RowSource } from './findings.js';
import { isPersonalValue, maskIdentifier, maskPersonalText } from './personalText.js';

/** A problem to follow up: the household, where it lives, its 问题类别 and 问题描述 and the row it was returned in. */
export interface ProblemRow {
  readonly household: string;
  readonly prefecture: string;
  readonly county: string;
  readonly village: string;
  /** 问题类别 as written, trimmed ('' when none). */
  readonly category: string;
  /** 问题描述 as written, trimmed ('' when none). */
  readonly description: string;
  readonly source: RowSource;
}

/** A problem with its 问题编号 (numberProblems). */
interface NumberedProblem extends ProblemRow {
  readonly number: string;
}

/** The returned rows marked 有问题 for a drawn household (its first row only), in file and line order. */
export function problemRows(drawn: readonly DrawnHousehold[], returned: readonly ReturnedRow[]): ProblemRow[] {
  const drawnById = new Map(drawn.map((household) => [household.id, household]));
  const seen = new Set<string>();
  const rows: ProblemRow[] = [];
  for (const row of returned) {
    const household = drawnById.get(row.id);
    if (household === undefined || seen.has(row.id)) continue;
    seen.add(row.id);
    if (row.result.trim() !== '有问题') continue;
    rows.push({
      household: row.id,
      prefecture: household.area?.prefecture ?? '',
      county: household.area?.county ?? '',
      village: household.area?.village ?? household.group,
      category: row.category?.trim() ?? '',
      description: row.description?.trim() ?? '',
      source: row.source,
    });
  }
  return rows.sort((a, b) =>
    a.source.file < b.source.file ? -1 : a.source.file > b.source.file ? 1 : a.source.line - b.source.line,
  );
}

/**
 * The month's problem list numbered: 问题编号 `YYYY-MM-NNNN` (the run's month, then the problem's
 * place in the list from 0001; more digits past 9999), or `NNNN` alone when the run has no single
 * month. The list's order is the rows' as given: the draws by manifest SHA-256 (monthProblems,
 * src/commands/findings/summary.ts, so that the order the draws are given in changes nothing), then
 * file and line within a draw (problemRows); the number says nothing of the household.
 */
export function numberProblems(rows: readonly ProblemRow[], month: string | null): NumberedProblem[] {
  return rows.map((row, index) => {
    const place = String(index + 1).padStart(4, '0');
    return { ...row, number: month === null ? place : `${month}-${place}` };
  });
}

/** Full-width digits (０–９) and check character (Ｘ) as ASCII, one UTF-16 unit for one. */
const asciiDigits = (text: string) =>
  text.replace(/[０-９Ｘｘ]/g, (c) =>
    c === 'Ｘ' || c === 'ｘ' ? 'X' : String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48),
  );

/** A run of digit groups with one space, hyphen or full-width space or hyphen between them, not inside a longer word. */
const DIGIT_RUN = /(?<![0-9０-９A-Za-z])[0-9０-９]+(?:[ \-－\u3000\u00a0][0-9０-９]+)*[XxＸｘ]?(?![0-9０-９A-Za-z])/g;

/** How a run of digits (ASCII) is masked: the stretch that is a resident ID, a mobile, or 86/0086 and a mobile. */
function personalDigits(digits: string): { from: number; masked: string } | null {
  if (isPersonalValue(digits)) return { from: 0, masked: maskIdentifier(digits) };
  const prefix = /^(?:0086|86)/.exec(digits)?.[0];
  if (prefix !== undefined && /^1[3-9][0-9]{9}$/.test(digits.slice(prefix.length)))
    return { from: prefix.length, masked: maskIdentifier(digits.slice(prefix.length)) };
  return null;
}

/**
 * A text written into a return or the report (a 问题描述, 整改情况) with its resident ID and mobile
 * numbers masked as people type them: what maskPersonalText masks (src/core/personalText.ts), and
 * also a number in groups (138 1234 5678, 138-1234-5678, 532522 19450606 0078), after +86 or 0086,
 * or in full-width digits. The groups of a run are tried from the left, the longest stretch first;
 * separators and the length are kept, each masked digit a *.
 */
export function maskWrittenText(text: string): string {
  return maskPersonalText(text).replace(DIGIT_RUN, (run) => {
    const groups = [...run.matchAll(/[0-9０-９]+[XxＸｘ]?/g)].map((group) => ({
      at: group.index,
      digits: asciiDigits(group[0]),
    }));
    const characters = [...run];
    for (let first = 0; first < groups.length; first++)
      for (let last = groups.length - 1; last >= first; last--) {
        const stretch = groups.slice(first, last + 1);
        const found = personalDigits(stretch.map(({ digits }) => digits).join(''));
        if (found === null) continue;
        // The masked digits' places in the run: each group's characters in turn (one unit per digit).
        const places = stretch.flatMap(({ at, digits }) => [...digits].map((_, index) => at + index));
        [...found.masked].forEach((character, index) => {
          if (character === '*') characters[places[found.from + index]!] = '*';
        });
        first = last;
        break;
      }
    return characters.join('');
  });
}
