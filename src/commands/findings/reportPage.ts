/** `spotcheck findings --html`: the report page's file checked before the run reads anything, and written after. */
import { join, basename, dirname, resolve } from 'node:path';
import { checkOutputFile, writeOutputFile } from '../../io/output.js';
import { type FindingsReportInput, findingsReportHtml } from '../../render/findingsReport.js';
import type { FindingsOptions } from './spec.js';

/** Refuses a --html file that is one of the run's inputs (a return, the category list, a draw's manifest). */
export async function checkReportPage(file: string, dirs: readonly string[], options: FindingsOptions): Promise<void> {
  const inputs = [
    ...options.returns,
    ...(options.categories === null ? [] : [options.categories]),
    ...dirs.flatMap((dir) =>
      ['manifest.json', 'households.csv', 'spares.csv', 'frame.csv'].map((name) => join(dir, name)),
    ),
  ];
  await checkOutputFile(file, inputs);
}

/** Writes the report page of the findings JSON (masked unless --reveal-ids) to `file`. */
export async function writeReportPage(file: string, output: FindingsReportInput): Promise<void> {
  await writeOutputFile(dirname(resolve(file)), basename(file), findingsReportHtml(output));
}
