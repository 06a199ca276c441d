/** Writing a draw at the edge (outputs staged, ledger entry, notice, workbook, summary or JSON) and the stdout helpers commands share. */
import { readFile, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { Manifest } from '../../core/manifest.js';
import type { LedgerLock } from '../../io/ledger.js';
import { checkOutputDirectory, checkOutputFile, stageDrawOutputs, why } from '../../io/output.js';
import { runInputs } from './runInputs.js';
import { WORKBOOK_NAME } from '../../io/defaults.js';
import type { WorkbookInput } from '../../io/workbook.js';
import type { NoticeInput } from '../../render/notice.js';
import { planRevealingIds } from '../../io/plan.js';
import { msg, t } from '../../i18n.js';
import { completedWork, SpotcheckError } from '../../errors.js';
import { progressBar } from '../../render/progress.js';
import { showSeed } from '../../core/seed.js';
import { colourLevel, type Style, styleFor } from '../../render/style.js';
import { escapeTerminal } from '../../core/safeText.js';
import { maskPersonalOutput } from '../../core/personalText.js';
import { exclusionLines } from '../../render/exclusions.js';
import type { CommitteeSettings, DrawOutputOptions } from './options.js';
import { localTime } from '../../core/localTime.js';

/** Checks, before anything is read, that the outputs asked for can be written. */
async function checkDrawOutputs(options: DrawOutputOptions, inputs: readonly string[]): Promise<void> {
  // A notice written into the draw's own directory is one of the files it may replace there.
  const noticeInOut =
    options.notice !== null && options.out !== null && dirname(resolve(options.notice)) === resolve(options.out);
  if (options.out !== null)
    await checkOutputDirectory(options.out, options.force, inputs, noticeInOut ? [basename(options.notice!)] : []);
  if (options.notice !== null) await checkOutputFile(options.notice, inputs);
  if (options.notice !== null) {
    const parent = dirname(resolve(options.notice));
    if (
      !(await stat(parent).then(
        (info) => info.isDirectory(),
        () => false,
      ))
    ) {
      throw new SpotcheckError('OUTPUT', msg('cmd.shared.noticeDirectoryMissing', { dir: parent }), {
        file: options.notice,
        hint: msg('cmd.shared.noticeDirectoryMissingHint'),
      });
    }
    const existing = await stat(options.notice).catch(() => null);
    if (existing !== null && !options.force) {
      throw new SpotcheckError('OUTPUT', msg('cmd.shared.noticeExists'), {
        file: options.notice,
        hint: msg('cmd.shared.noticeExistsHint'),
      });
    }
    // --force replaces a notice file, never a directory or a device (found before the draw, not after the ledger entry).
    if (existing !== null && !existing.isFile())
      throw new SpotcheckError('OUTPUT', msg('cmd.shared.outputNotAFile', { what: '--notice' }), {
        file: options.notice,
      });
  }
  if (options.out !== null && options.xlsx) {
    const workbook = await stat(join(options.out, WORKBOOK_NAME)).catch(() => null);
    if (workbook !== null && !workbook.isFile())
      throw new SpotcheckError('OUTPUT', msg('cmd.shared.outputNotAFile', { what: '--xlsx' }), {
        file: join(options.out, WORKBOOK_NAME),
      });
  }
}

/** How a command presents its draw: JSON, terminal summary, and optionally workbook and notice. */
interface DrawPresenters<Run> {
  readonly json: (run: Run) => Record<string, unknown>;
  readonly summary: (run: Run, style: Style) => string;
  readonly workbook?: (run: Run, settings: CommitteeSettings) => Omit<WorkbookInput, 'form'>;
  /** The notice's content (a command's notice module is loaded by it, with --notice only). */
  readonly notice?: (run: Run, settings: CommitteeSettings) => Promise<NoticeInput>;
}

/**
 * A drawing command's whole action at the edge: check that the outputs can be written, draw with a
 * progress bar over `inputs`, then build the check workbook and the public notice, stage every
 * output under a temporary name, append to the ledger, put the outputs in place (removed again if
 * that fails), and print the JSON or the summary.
 */
export async function performDraw<
  Run extends { readonly files: ReadonlyMap<string, string>; readonly manifest: Manifest },
>(
  options: DrawOutputOptions,
  inputs: readonly string[],
  draw: (baseDir: string, onProgress: (file: string, bytes: number, records: number) => void) => Promise<Run>,
  present: DrawPresenters<Run>,
): Promise<void> {
  const protectedInputs = await runInputs(options);
  await checkDrawOutputs(options, protectedInputs);
  // The ledger is held from before the draw to its entry: a draw it cannot record is not made.
  // The ledger's modules, and the notice's, load only when the draw has one (start-up, issue 16).
  const ledger = options.ledger === null ? null : await (await import('../../io/ledger.js')).lockLedger(options.ledger);
  try {
    await drawAndWrite(options, inputs, draw, present, ledger, protectedInputs);
  } finally {
    await ledger?.release();
  }
}

/**
 * besideOutputs builds the outputs other than the draw directory's files, before anything is
 * written: the check workbook (--xlsx, into --out) and the public notice (--notice, masked as the
 * summary is), with the lines that name them in the summary.
 */
async function besideOutputs<Run extends { readonly manifest: Manifest }>(
  options: DrawOutputOptions,
  present: DrawPresenters<Run>,
  run: Run,
  shown: (text: string) => string,
): Promise<{ others: Array<{ dir: string; name: string; content: Buffer | string }>; written: string[] }> {
  const others: Array<{ dir: string; name: string; content: Buffer | string }> = [];
  const written: string[] = [];
  if (options.out !== null && options.xlsx && present.workbook) {
    // The workbook's modules (and exceljs, which they load) only for --xlsx (start-up, issue 16).
    const [{ checkWorkbook }, { workbookForm }] = await Promise.all([
      import('../../io/workbook.js'),
      import('./workbookForm.js'),
    ]);
    others.push({
      dir: options.out,
      name: WORKBOOK_NAME,
      content: await checkWorkbook({ ...present.workbook(run, options), form: workbookForm(run.manifest, options) }),
    });
    written.push(t('output.workbook', { path: join(options.out, WORKBOOK_NAME) }));
  }
  if (options.notice !== null && present.notice) {
    const { noticeHtml } = await import('../../render/notice.js');
    others.push({
      dir: dirname(resolve(options.notice)),
      name: basename(options.notice),
      content: shown(noticeHtml(await present.notice(run, options))),
    });
    written.push(t('output.notice', { path: options.notice }));
  }
  return { others, written };
}

/**
 * appendAndPlace appends the ledger entry (--ledger), then puts the staged outputs in place: a draw
 * whose entry cannot be appended is discarded; outputs that cannot be placed are refused with a
 * message that says whether the draw is already in the ledger. Returns the ledger's new head.
 */
async function appendAndPlace(
  options: DrawOutputOptions,
  staged: Awaited<ReturnType<typeof stageDrawOutputs>> | null,
  ledger: LedgerLock | null,
  manifest: Manifest,
): Promise<{ sequence: number; hash: string } | null> {
  let head: { sequence: number; hash: string } | null = null;
  if (ledger !== null) {
    try {
      head = await ledger.append(manifest, options.out);
    } catch (error) {
      await staged?.discard();
      throw new SpotcheckError('LEDGER', msg('seed.ledger.appendFailed', { reason: why(error) }), {
        file: options.ledger!,
        hint: msg('seed.ledger.appendFailedHint'),
      });
    }
  }
  try {
    await staged?.place();
  } catch (error) {
    if (head === null)
      throw new SpotcheckError('OUTPUT', msg('io.output.cannotWriteFiles', { reason: why(error) }), {
        file: options.out ?? options.notice ?? '',
        hint: msg('io.output.cannotWriteFilesHint'),
      });
    throw new SpotcheckError('OUTPUT', msg('seed.output.notPlaced', { reason: why(error) }), {
      file: options.out ?? options.notice ?? '',
      hint: msg('seed.output.notPlacedHint'),
    });
  }
  return head;
}

/** The manifest of the draw --force would replace in `out`, if there is one that reads as JSON. */
async function replacedManifest(out: string): Promise<Record<string, unknown> | null> {
  try {
    const text = await readFile(join(out, 'manifest.json'), 'utf8');
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * redrawWarning finds whether this draw re-draws an earlier one with another seed: the draw --force
 * replaces in --out, or a ledger entry of the same command, month, level and scope (the same seed
 * again is the same draw, not a re-draw). A re-draw is refused without --redraw-reason; with it, the
 * warning naming the earlier seed and time (in the committee's time zone; for stderr and the summary).
 * Null when it is no re-draw.
 */
async function redrawWarning(
  options: DrawOutputOptions,
  manifest: Manifest,
  ledger: LedgerLock | null,
): Promise<string | null> {
  const seed = String((manifest.parameters as Record<string, unknown>).seed);
  const replaced = options.out !== null && options.force ? await replacedManifest(options.out) : null;
  const replacedSeed = (replaced?.parameters as Record<string, unknown> | undefined)?.seed;
  const earlier: string[] = [];
  if (typeof replacedSeed === 'string' && replacedSeed !== seed)
    earlier.push(
      t('seed.redraw.earlierInOut', {
        dir: options.out!,
        seed: showSeed(replacedSeed),
        time: localTime(String(replaced!.created_at ?? '?'), options.timeZone.offsetMinutes),
      }),
    );
  const entry = (ledger?.earlier(manifest) ?? []).filter((draw) => draw.seed !== seed).at(-1);
  if (entry)
    earlier.push(
      t('seed.redraw.earlierInLedger', {
        n: entry.sequence,
        seed: showSeed(entry.seed),
        time: localTime(entry.time, options.timeZone.offsetMinutes),
      }),
    );
  if (earlier.length === 0) return null;
  const what = earlier.join(t('excluded.separator'));
  if (options.redrawReason === null)
    throw new SpotcheckError('USAGE', msg('seed.redraw.refused', { earlier: what }), {
      hint: msg('seed.redraw.refusedHint'),
    });
  return t('seed.redraw.warning', { seed: showSeed(seed), earlier: what, reason: options.redrawReason });
}

/** drawOutputs' work with the ledger held: draw, build every output, stage, append, place, print. */
async function drawAndWrite<Run extends { readonly files: ReadonlyMap<string, string>; readonly manifest: Manifest }>(
  options: DrawOutputOptions,
  inputs: readonly string[],
  draw: (baseDir: string, onProgress: (file: string, bytes: number, records: number) => void) => Promise<Run>,
  present: DrawPresenters<Run>,
  ledger: LedgerLock | null,
  protectedInputs: readonly string[] = [],
): Promise<void> {
  const progress = progressBar(await totalBytes(inputs), options.quiet);
  const run = await draw(resolve(options.out ?? '.'), (file, bytes, records) =>
    progress.update(file, bytes, records),
  ).finally(() => progress.stop());
  // Everything that can fail is built before anything is written: the files, the workbook, the notice.
  const files = new Map<string, string>(run.files);
  files.set('manifest.json', json(run.manifest));
  // The summary and the notice show registry values (household keys, village names): IDs and mobile
  // numbers among them are masked as in the files, unless --reveal-ids.
  const seed = String((run.manifest.parameters as Record<string, unknown>).seed ?? '');
  const shown = options.revealIds ? (text: string) => text : (text: string) => maskPersonalOutput(text, [seed]);
  // A re-draw is refused without a reason before anything is written, and said loudly with one.
  const redraw = await redrawWarning(options, run.manifest, ledger);
  if (redraw !== null) process.stderr.write(escapeTerminal(`spotcheck: ${shown(redraw)}\n`));
  const { others, written } = await besideOutputs(options, present, run, shown);
  if (redraw !== null) written.unshift(redraw);
  // Staged under temporary names; the ledger entry is appended before any output takes its name, so
  // a draw whose entry cannot be written leaves no output, and a draw with outputs is in the ledger.
  const staged =
    options.out === null && others.length === 0
      ? null
      : await stageDrawOutputs(
          options.out,
          options.out === null ? new Map() : files,
          options.force,
          others,
          protectedInputs,
        );
  const head = await appendAndPlace(options, staged, ledger, run.manifest);
  if (head !== null) written.push(t('output.ledger', { n: head.sequence, file: options.ledger!, hash: head.hash }));
  if (staged || head !== null)
    completedWork.note = t('output.madeDespite', {
      where: [options.out, options.notice, head === null ? null : `${options.ledger} #${head.sequence}`]
        .filter((part) => part !== null)
        .join(', '),
    });
  const revealing = planRevealingIds();
  if (revealing !== null) written.push(t('safety.revealIdsSummary', { file: revealing }));
  // On a terminal, where to find the files Excel reads (plain CSV is UTF-8 without a byte-order mark).
  if (options.out !== null && !options.excel && !options.xlsx && process.stdout.isTTY === true)
    written.push(t('output.excelHint'));
  const extra = revealing === null ? {} : { ids_revealed_by_plan: revealing };
  if (options.json)
    await writeStdout(
      json(
        head === null
          ? { ...present.json(run), ...extra }
          : { ...present.json(run), ...extra, ledger: { file: options.ledger, ...head } },
      ),
    );
  else
    await writeStdout(
      shown(`${present.summary(run, await styleFor(process.stdout))}${written.map((line) => `${line}\n`).join('')}`),
    );
}

/**
 * The summary sheet's lines for any draw: the committee (when set), what, when (in its time zone),
 * the seed, the manifest's SHA-256, how to verify.
 */
export function workbookSummary(
  manifest: Manifest,
  what: string,
  settings: CommitteeSettings,
): Array<readonly [string, string | number]> {
  const p = manifest.parameters as Record<string, unknown>;
  return [
    ...(settings.committee === null ? [] : [['抽查单位', settings.committee] as const]),
    ['抽查', what],
    ['月份', String(p.month ?? '')],
    ['随机种子', showSeed(String(p.seed))],
    ['种子来源', typeof p.seed_source === 'string' ? p.seed_source : '未注明'],
    ...(typeof p.redraw_reason === 'string' ? [['重抽原因', p.redraw_reason] as const] : []),
    ['抽取规模', sampleText(manifest.sample)],
    ['清单 SHA-256', manifest.manifest_sha256 ?? ''],
    ['算法', `${manifest.algorithm.name} 第 ${manifest.algorithm.version} 版`],
    ['工具', `${manifest.tool.name} ${manifest.tool.version}`],
    ['抽取时间', localTime(manifest.created_at, settings.timeZone.offsetMinutes)],
    ['核验', '任何人可用同一登记数据复核：spotcheck verify 本次抽查的文件夹（含 manifest.json）'],
    ['说明', '证件号码已脱敏；本工作簿为入户核查用的副本，以 CSV 文件和 manifest.json 为准'],
    ...exclusionLines(manifest, 'zh-CN').map((line) => ['排除', line] as const),
  ];
}

/** The units of manifest.sample in Chinese: "1 个县、4 个村、20 户、备用 8 户". */
function sampleText(sample: Readonly<Record<string, number>>): string {
  const words: Readonly<Record<string, (n: number) => string>> = {
    counties: (n) => `${n} 个县`,
    villages: (n) => `${n} 个村`,
    households: (n) => `${n} 户`,
    spares: (n) => `备用 ${n} 户`,
  };
  return Object.entries(sample)
    .map(([unit, value]) => (words[unit] ?? ((n: number) => `${unit} ${n}`))(value))
    .join('、');
}

/**
 * Writes to stdout; resolves when flushed (so large JSON is not cut by process exit). Control
 * characters from files are shown as \uXXXX (src/core/safeText.ts); spotcheck's own colours stay
 * when colour is on. In JSON this is the same escape JSON uses, so the values read back unchanged.
 */
export function writeStdout(text: string): Promise<void> {
  const safe = escapeTerminal(text, colourLevel(process.stdout) > 0);
  return new Promise((resolve) => {
    if (process.stdout.write(safe)) resolve();
    else process.stdout.once('drain', () => resolve());
  });
}

export const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** The summed size of files (0 for one that cannot be read: the reader reports that properly). */
export async function totalBytes(paths: readonly string[]): Promise<number> {
  const sizes = await Promise.all(
    paths.map((path) =>
      stat(path).then(
        (info) => info.size,
        () => 0,
      ),
    ),
  );
  return sizes.reduce((sum, size) => sum + size, 0);
}
