/** What `spotcheck commit` does when it runs (loaded by ./index.ts's actions only): the trial draw, the commitment, its files and summary. */
import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { SpotcheckError } from '../../errors.js';
import { msg, t } from '../../i18n.js';
import { buildCommitment, type Commitment } from '../../core/commitment.js';
import type { Manifest } from '../../core/manifest.js';
import type { ScanOptions } from '../../io/scan.js';
import { loadPlan, withPlan } from '../../io/plan.js';
import { planSchema } from '../planSchema.js';
import { MONTHLY_OPTIONS, monthlyPlanInapplicable } from '../monthly/spec.js';
import { checkOutputFile, writeOutputFile } from '../../io/output.js';
import { commitmentNoticeHtml } from '../../render/commitNotice.js';
import { progressBar } from '../../render/progress.js';
import { runEvaluation } from '../evaluate/run.js';
import { runFunds } from '../funds/run.js';
import { runMonthly } from '../monthly/run.js';
import { EVALUATE_OPTIONS, evaluatePlanInapplicable } from '../evaluate/spec.js';
import { FUNDS_FIXED_OPTIONS, FUNDS_OPTIONS, fundsPlanInapplicable } from '../funds/spec.js';
import { json, totalBytes, writeStdout } from '../_shared/draw.js';
import { normaliseOptions, type RawOptions } from '../_shared/optionSpec.js';
import { COMMITTEE_OPTIONS, normaliseDrawOptions } from '../_shared/options.js';
import { COMMIT_OPTIONS } from './spec.js';

export type Kind = 'monthly' | 'evaluate' | 'funds';

/**
 * The seed of the trial draw that checks the registry and gives the manifest. Any seed would do:
 * nothing the seed decides enters the commitment.
 */
const TRIAL_SEED = 'spotcheck-commit-trial';

/** How each kind of draw is normalised, made and described. */
const KINDS: Readonly<
  Record<
    Kind,
    {
      draw: (
        registries: string[],
        raw: Record<string, unknown>,
      ) => Promise<{ manifest: Manifest; inputs: readonly string[] }>;
      what: (p: Record<string, unknown>) => string;
      /** Plan keys that do not apply given the command line (dropped, not refused). */
      inapplicable: (merged: Readonly<Record<string, unknown>>) => readonly string[];
    }
  >
> = {
  monthly: {
    inapplicable: monthlyPlanInapplicable,
    draw: (registries, raw) => {
      const options = normaliseDrawOptions(MONTHLY_OPTIONS, registries, raw);
      return trial(options, options.registries, runMonthly);
    },
    what: (p) =>
      [p.month, p.level, p.scope_label].filter((part) => typeof part === 'string' && part !== '').join(' · '),
  },
  evaluate: {
    inapplicable: evaluatePlanInapplicable,
    draw: (registries, raw) => {
      const options = normaliseDrawOptions(EVALUATE_OPTIONS, registries, raw);
      return trial(options, [...options.registries, ...options.nonpoor], runEvaluation);
    },
    what: (p) => [t('summary.counties', { n: Number(p.counties) }), p.strata, p.county_selection].join(' · '),
  },
  funds: {
    inapplicable: fundsPlanInapplicable,
    draw: (registries, raw) => {
      const options = normaliseDrawOptions(FUNDS_OPTIONS, registries, raw, FUNDS_FIXED_OPTIONS);
      return trial(options, options.registries, runFunds);
    },
    what: (p) =>
      [p.month, p.scope_label, p.method].filter((part) => typeof part === 'string' && part !== '').join(' · '),
  },
};

/** The trial draw of the normalised options by the draw's run, with a progress bar over its inputs: they and its manifest. */
async function trial<Options extends { readonly quiet: boolean }>(
  options: Options,
  inputs: readonly string[],
  run: (options: Options, baseDir: string, onProgress: ScanOptions['onProgress']) => Promise<{ manifest: Manifest }>,
): Promise<{ manifest: Manifest; inputs: readonly string[] }> {
  const progress = progressBar(await totalBytes(inputs), options.quiet);
  const { manifest } = await run(options, resolve('.'), (file, bytes, records) =>
    progress.update(file, bytes, records),
  ).finally(() => progress.stop());
  return { manifest, inputs };
}

/** Checks, before the registry is read, that the commitment and the notice can be written where asked. */
async function checkTarget(path: string | null, force: boolean): Promise<void> {
  if (path === null) return;
  const parent = dirname(resolve(path));
  if (
    !(await stat(parent).then(
      (info) => info.isDirectory(),
      () => false,
    ))
  ) {
    throw new SpotcheckError('OUTPUT', msg('cmd.shared.noticeDirectoryMissing', { dir: parent }), {
      file: path,
      hint: msg('cmd.shared.noticeDirectoryMissingHint'),
    });
  }
  if (
    !force &&
    (await stat(path).then(
      () => true,
      () => false,
    ))
  )
    throw new SpotcheckError('OUTPUT', msg('commit.fileExists'), { file: path, hint: msg('commit.fileExistsHint') });
}

/** Commits to a draw of this kind of the registries, with the draw's options and commit's as given. */
export async function commitAction(kind: Kind, registries: string[], raw: RawOptions): Promise<void> {
  const { seedProcedure: procedure, out, notice, force, json: asJson } = normaliseOptions(COMMIT_OPTIONS, raw);
  await checkTarget(out, force);
  await checkTarget(notice, force);
  // What is left is the draw's options, as its command gave them.
  const { seedProcedure: _procedure, out: _out, notice: _notice, force: _force, json: _json, ...drawRaw } = raw;
  const plan = await loadPlan(kind, raw.plan as string | undefined, planSchema);
  // The plan's output keys (ledger, xlsx, excel, seed source, a commitment) are the draw's, not the commitment's.
  const planned = withPlan(plan, drawRaw, KINDS[kind].inapplicable, false) as Record<string, unknown>;
  for (const key of ['ledger', 'xlsx', 'excel', 'revealIds', 'seedSource', 'commitment']) delete planned[key];
  // The committee's settings (its name, time zone, complaint line) present the commitment's notice.
  const settings = normaliseOptions(COMMITTEE_OPTIONS, planned);
  const { manifest } = await KINDS[kind].draw(registries, { ...planned, seed: TRIAL_SEED });
  const { manifest_sha256: _sealed, ...unsealed } = manifest;
  const commitment = buildCommitment(unsealed, procedure, new Date().toISOString());
  const text = json(commitment);
  // Neither file replaces one the commitment was made from (a plan is JSON too).
  const inputs = [
    ...registries,
    ...[raw.plan, planned.divisions, planned.funds, planned.countyAttributes, planned.nonpoor, planned.exclude]
      .flat()
      .filter((path): path is string => typeof path === 'string'),
  ];
  for (const path of [out, notice]) if (path !== null) await checkOutputFile(path, inputs);
  if (out !== null) await writeOutputFile(dirname(resolve(out)), basename(out), text);
  if (notice !== null)
    await writeOutputFile(dirname(resolve(notice)), basename(notice), commitmentNoticeHtml(commitment, settings));
  await writeStdout(asJson ? text : summary(kind, commitment, out, notice));
}

function summary(kind: Kind, commitment: Commitment, out: string | null, notice: string | null): string {
  const p = commitment.parameters as Record<string, unknown>;
  const lines = [
    t('commit.summary.head', { command: kind, what: KINDS[kind].what(p) }),
    ...commitment.inputs.map((input) =>
      t('commit.summary.input', { name: input.name, bytes: input.bytes, sha: input.sha256 }),
    ),
    t('commit.summary.procedure', { procedure: commitment.seed_procedure }),
    t('commit.summary.hash', { hash: commitment.commitment_sha256 }),
    out === null ? t('commit.summary.nothingWritten') : t('commit.summary.written', { file: out }),
    ...(notice === null ? [] : [t('commit.summary.notice', { file: notice })]),
    t('commit.summary.next', { procedure: commitment.seed_procedure, file: out ?? 'FILE.json' }),
  ];
  return `${lines.join('\n')}\n`;
}
