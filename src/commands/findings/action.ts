/** What `spotcheck findings` does when it runs (loaded by ./index.ts's action only): the checks and what it prints; exit 1 when there are findings (the follow-up's included). */
import { mkdir, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { historyTrend } from '../../core/findings.js';
import { SpotcheckError } from '../../errors.js';
import { msg } from '../../i18n.js';
import { checkOutputFile, writeOutputFile } from '../../io/output.js';
import { styleFor } from '../../render/style.js';
import { json, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { writeReportPage } from './reportPage.js';
import { followUp, followUpDate } from './followUp.js';
import { writeReportWorkbook } from './reportWorkbook.js';
import { readHistory, runFindings } from './run.js';
import { FINDINGS_OPTIONS, type FindingsOptions } from './spec.js';
import { findingsJson, findingsSummary, findingsTotal, monthCounts } from './summary.js';

/**
 * The run's input files, which --html and --xlsx never replace: the returns, the category list, the
 * follow-up workbook, every file of each draw folder (its manifest, CSV files and check workbook) and
 * of the --history folder.
 */
async function runInputs(dirs: readonly string[], options: FindingsOptions): Promise<string[]> {
  const filesIn = async (dir: string) => (await readdir(dir).catch(() => [])).map((name) => join(dir, name));
  const folders = [...dirs, ...(options.history === null ? [] : [options.history])];
  return [
    ...options.returns,
    ...[options.categories, options.followUp].filter((file): file is string => file !== null),
    ...(await Promise.all(folders.map(filesIn))).flat(),
  ];
}

/** Checks the returns against the draws given; with --history the trend, with --out this month's JSON written. */
export async function findingsAction(dirs: string[], raw: RawOptions): Promise<void> {
  const options = normaliseOptions(FINDINGS_OPTIONS, raw);
  // Both reports are checked before anything is read or written: neither replaces an input.
  const inputs = await runInputs(dirs, options);
  for (const file of [options.html, options.xlsx]) if (file !== null) await checkOutputFile(file, inputs);
  const draws = await runFindings(dirs, options);
  const months = [...new Set(draws.map((draw) => draw.month ?? '—'))];
  const month = options.month ?? (months.length === 1 && months[0] !== '—' ? months[0]! : null);
  if (month === null && (options.history !== null || options.out !== null))
    throw new SpotcheckError('USAGE', msg('cmd.findings.oneMonthNeeded', { months: months.join(', ') }));
  let trend = null;
  if (options.history !== null && month !== null) {
    const counts = monthCounts(draws);
    trend = historyTrend(
      { month, checked: counts.checked, withProblems: counts.withProblems, findings: findingsTotal(draws) },
      await readHistory(options.history),
    );
    if (!trend.ok)
      throw trend.reason === 'notEarlier'
        ? new SpotcheckError('USAGE', msg('cmd.findings.historyNotEarlier', { current: month, month: trend.month }), {
            file: trend.file,
            hint: msg('cmd.findings.historyNotEarlierHint'),
          })
        : new SpotcheckError('USAGE', msg('cmd.findings.historyRepeated', { month: trend.month }), {
            file: trend.file,
          });
  }
  const followed =
    options.followUp === null
      ? null
      : await followUp(options.followUp, followUpDate(options.asOf, month), options.revealIds, options.history, month);
  // `findings` is every finding of the run, the follow-up's included, as the exit code is.
  const output = {
    ...findingsJson(draws, options.revealIds, month, trend, followed?.carried ?? null),
    findings: findingsTotal(draws) + (followed?.findings ?? 0),
    ...(followed === null ? {} : { follow_up: followed.json }),
  };
  if (options.out !== null && month !== null) {
    await mkdir(options.out, { recursive: true }).catch(() => undefined); // writeOutputFile reports a folder it cannot write
    await writeOutputFile(options.out, `findings-${month}.json`, json(output));
  }
  // The page's 抽样完整性问题 are the returns' findings, the ones it lists; the follow-up is not on the page.
  if (options.html !== null) await writeReportPage(options.html, { ...output, findings: findingsTotal(draws) });
  // With --follow-up, last month's open problems are carried into this month's list (整改销号).
  const carried =
    followed === null || options.followUp === null
      ? null
      : { problems: followed.carried, file: basename(options.followUp) };
  if (options.xlsx !== null) await writeReportWorkbook(options.xlsx, inputs, draws, options.revealIds, month, carried);
  await writeStdout(
    options.json
      ? json(output)
      : findingsSummary(draws, options.revealIds, await styleFor(process.stdout), trend, followed),
  );
  if (output.findings > 0) process.exitCode = 1;
}
