/**
 * The one message catalogue: every text spotcheck prints for people, in English and Chinese,
 * gathered from its sections (one file per area, so that each stays readable). A test checks
 * that no key is defined in two sections and that both languages have every key with the same
 * {placeholders}.
 */
import { COMMITMENT_MESSAGES } from './commitment.js';
import { COMMITTEE_MESSAGES } from './committee.js';
import { DRAW_COMMAND_MESSAGES } from './commands-draw.js';
import { ESTIMATE_INFERENCE_MESSAGES } from './estimate-inference.js';
import { TOOL_COMMAND_MESSAGES } from './commands-tools.js';
import { CORE_ERROR_MESSAGES } from './errors-core.js';
import { IO_ERROR_MESSAGES } from './errors-io.js';
import { PROGRAM_MESSAGES } from './help-program.js';
import { SUMMARY_MESSAGES } from './summary.js';
import { VERIFY_INTEGRITY_MESSAGES } from './verify-integrity.js';
import { EXCLUSION_MESSAGES } from './exclusions.js';
import { EXCLUSION_INTEGRITY_MESSAGES } from './exclusion-integrity.js';
import { SEED_LEDGER_MESSAGES } from './integrity-seeds-ledger.js';
import { SAFETY_MESSAGES } from './safety.js';
import { SILENT_MESSAGES } from './silent.js';
import { OUTPUT_SAFETY_MESSAGES } from './output-safety.js';
import { XLSX_LIMIT_MESSAGES } from './xlsx-limits.js';
import { PLAN_SAMPLE_MESSAGES } from './plan-sample.js';
import { FINDINGS_MESSAGES } from './findings.js';
import { FINDINGS_COUNTS_MESSAGES } from './findings-counts.js';
import { FINDINGS_HTML_MESSAGES } from './findings-html.js';
import { FINDINGS_REPORT_MESSAGES } from './findings-report.js';
import { FINDINGS_ADVERSARIAL_MESSAGES } from './findings-adversarial.js';
import { FIELDWORK_MESSAGES } from './fieldwork.js';
import { CALIBRATION_MESSAGES } from './calibration.js';

export const CATALOGUE_SECTIONS = [
  SUMMARY_MESSAGES,
  PROGRAM_MESSAGES,
  DRAW_COMMAND_MESSAGES,
  TOOL_COMMAND_MESSAGES,
  IO_ERROR_MESSAGES,
  CORE_ERROR_MESSAGES,
  VERIFY_INTEGRITY_MESSAGES,
  COMMITMENT_MESSAGES,
  EXCLUSION_MESSAGES,
  EXCLUSION_INTEGRITY_MESSAGES,
  SEED_LEDGER_MESSAGES,
  OUTPUT_SAFETY_MESSAGES,
  SILENT_MESSAGES,
  SAFETY_MESSAGES,
  XLSX_LIMIT_MESSAGES,
  COMMITTEE_MESSAGES,
  PLAN_SAMPLE_MESSAGES,
  ESTIMATE_INFERENCE_MESSAGES,
  FIELDWORK_MESSAGES,
  CALIBRATION_MESSAGES,
  FINDINGS_MESSAGES,
  FINDINGS_COUNTS_MESSAGES,
  FINDINGS_HTML_MESSAGES,
  FINDINGS_REPORT_MESSAGES,
  FINDINGS_ADVERSARIAL_MESSAGES,
] as const;

export const CATALOGUE = {
  ...SUMMARY_MESSAGES,
  ...PROGRAM_MESSAGES,
  ...DRAW_COMMAND_MESSAGES,
  ...TOOL_COMMAND_MESSAGES,
  ...IO_ERROR_MESSAGES,
  ...CORE_ERROR_MESSAGES,
  ...VERIFY_INTEGRITY_MESSAGES,
  ...COMMITMENT_MESSAGES,
  ...EXCLUSION_MESSAGES,
  ...EXCLUSION_INTEGRITY_MESSAGES,
  ...SEED_LEDGER_MESSAGES,
  ...OUTPUT_SAFETY_MESSAGES,
  ...SILENT_MESSAGES,
  ...SAFETY_MESSAGES,
  ...XLSX_LIMIT_MESSAGES,
  ...COMMITTEE_MESSAGES,
  ...PLAN_SAMPLE_MESSAGES,
  ...ESTIMATE_INFERENCE_MESSAGES,
  ...FIELDWORK_MESSAGES,
  ...CALIBRATION_MESSAGES,
  ...FINDINGS_MESSAGES,
  ...FINDINGS_COUNTS_MESSAGES,
  ...FINDINGS_HTML_MESSAGES,
  ...FINDINGS_REPORT_MESSAGES,
  ...FINDINGS_ADVERSARIAL_MESSAGES,
} as const;
