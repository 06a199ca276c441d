/** What `spotcheck init` does when it runs (loaded by ./index.ts's action only): writes the plan file. */
import { lstat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { DEFAULT_PLAN } from '../../io/defaults.js';
import { FUNDS_NOTICE_TITLE } from '../../render/drawNames.js';
import { writeOutputFile } from '../../io/output.js';
import { json, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { INIT_OPTIONS, type InitOptions } from './spec.js';

/**
 * The plan as init writes it: the keys in a fixed order, the defaults written out (so that the file
 * documents them), the level, scope and notice title in the "monthly" section where the draws read
 * them, and for a prefecture the scope and notice title of its funds check in "funds". Keys and kinds are those of the plan schema (src/commands/planSchema.ts).
 */
function initPlan(options: InitOptions): Record<string, unknown> {
  return {
    committee: options.committee,
    time_zone: options.timeZone.name,
    complaint_line: options.complaintLine,
    problem_categories: [...options.problemCategories],
    encoding: options.encoding,
    excel: options.excel,
    xlsx: options.xlsx,
    ...(options.ledger === null ? {} : { ledger: options.ledger }),
    ...(options.seedSource === null ? {} : { seed_source: options.seedSource }),
    monthly: {
      level: options.level,
      ...(options.scope === null ? {} : { scope: options.scope }),
      notice_title: options.noticeTitle,
    },
    // A prefecture also checks funds (the counties the province did not check, ≥ 50% of the funds).
    ...(options.level === 'prefecture' && options.scope !== null
      ? { funds: { scope: options.scope, notice_title: FUNDS_NOTICE_TITLE } }
      : {}),
  };
}

/** Refuses to replace an existing plan file without --force, and anything but a file even with it. */
async function checkTarget(file: string, force: boolean): Promise<void> {
  const existing = await lstat(file).catch(() => null);
  if (existing === null) return;
  if (!existing.isFile()) throw new SpotcheckError('OUTPUT', msg('cmd.init.notAFile'), { file });
  if (!force) throw new SpotcheckError('OUTPUT', msg('cmd.init.exists'), { file, hint: msg('cmd.init.existsHint') });
}

/** Writes the plan file the options describe. */
export async function initAction(raw: RawOptions): Promise<void> {
  const options = normaliseOptions(INIT_OPTIONS, raw);
  const file = options.planFile;
  await checkTarget(file, options.force);
  const plan = initPlan(options);
  const text = json(plan);
  await writeOutputFile(dirname(resolve(file)), basename(file), text);
  if (options.json) {
    await writeStdout(text);
    return;
  }
  const next = t('cmd.init.next', { plan: file === DEFAULT_PLAN ? '' : ` --plan ${file}` });
  await writeStdout(`${t('cmd.init.written', { file })}\n${text}${next}\n`);
}
