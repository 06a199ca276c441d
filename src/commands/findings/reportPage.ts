/** `spotcheck findings --html`: the report page written after the checks (checked against the run's inputs first, in ./action.ts). */
import { basename, dirname, resolve } from 'node:path';
import { writeOutputFile } from '../../io/output.js';
import { type FindingsReportInput, findingsReportHtml } from '../../render/findingsReport.js';

/** Writes the report page of the findings JSON (masked unless --reveal-ids) to `file`. */
export async function writeReportPage(file: string, output: FindingsReportInput): Promise<void> {
  await writeOutputFile(dirname(resolve(file)), basename(file), findingsReportHtml(output));
}
