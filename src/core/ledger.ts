/**
 * The draw ledger: one JSON line per draw, chained by SHA-256 like a hash chain (each entry holds
 * the previous entry's hash, and its own hash over its canonical JSON), so that editing or deleting
 * a past entry breaks the chain, and a month re-drawn with another seed stands next to the first.
 * Deleting the newest entries, or rewriting the chain, is only visible against a copy of the head
 * hash published earlier (`spotcheck ledger verify --head HASH`), which must be the entry_sha256 of
 * an entry of an intact chain. Pure: text in, entries and findings out.
 */
import { jsonTooDeep } from './safeText.js';
import { createHash } from 'node:crypto';
import { msg, type Message } from '../messages/render.js';
import { canonicalJson, type Manifest } from './manifest.js';

export const LEDGER_FORMAT = 'spotcheck-ledger-1';
const GENESIS = '0'.repeat(64);

/** What makes two draws "the same draw": command, month, level and scope. */
export interface DrawKey {
  readonly command: string;
  readonly month: string | null;
  readonly level: string | null;
  readonly scope: string | null;
}

export interface LedgerEntry {
  readonly format: typeof LEDGER_FORMAT;
  readonly sequence: number;
  readonly time: string;
  readonly tool: Manifest['tool'];
  readonly algorithm: { readonly name: string; readonly version: number };
  readonly draw: DrawKey;
  readonly seed: string;
  readonly parameters: Manifest['parameters'];
  readonly inputs: ReadonlyArray<{ readonly name: string; readonly sha256: string; readonly bytes: number }>;
  readonly outputs: Readonly<Record<string, string>>;
  readonly manifest_sha256: string;
  /** The --out directory as given, or null when nothing was written. */
  readonly out: string | null;
  readonly previous: string;
  readonly entry_sha256: string;
}

export const entryDigest = (entry: Omit<LedgerEntry, 'entry_sha256'> & { entry_sha256?: string }): string => {
  const { entry_sha256: _ignored, ...rest } = entry;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
};

/** The draw key of a manifest. */
function drawKey(manifest: Manifest): DrawKey {
  const p = manifest.parameters as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  return {
    command: manifest.command,
    month: text(p.month),
    level: text(p.level),
    scope: text(p.scope_key) ?? text(p.scope_label) ?? text(p.scope),
  };
}

/** The next entry for a sealed manifest, chained to `previous` (the head hash, GENESIS for the first). */
export function ledgerEntry(
  manifest: Manifest,
  previous: { sequence: number; hash: string },
  time: string,
  out: string | null,
): LedgerEntry {
  const entry = {
    format: LEDGER_FORMAT,
    sequence: previous.sequence + 1,
    time,
    tool: manifest.tool,
    algorithm: { name: manifest.algorithm.name, version: manifest.algorithm.version },
    draw: drawKey(manifest),
    seed: String((manifest.parameters as Record<string, unknown>).seed),
    parameters: manifest.parameters,
    inputs: manifest.inputs.map((input) => ({ name: input.name, sha256: input.sha256, bytes: input.bytes })),
    outputs: Object.fromEntries(Object.entries(manifest.outputs).map(([name, output]) => [name, output.sha256])),
    manifest_sha256: manifest.manifest_sha256 ?? '',
    out,
    previous: previous.hash,
  } as const;
  return { ...entry, entry_sha256: entryDigest(entry) };
}

/** A line that breaks the chain, and what is wrong with it (a message fact, worded by the edge). */
export interface LedgerProblem {
  readonly line: number;
  readonly message: Message;
}

export interface RepeatedDraw {
  readonly draw: DrawKey;
  readonly entries: ReadonlyArray<{
    readonly line: number;
    readonly sequence: number;
    readonly time: string;
    readonly seed: string;
    readonly manifest_sha256: string;
  }>;
  /** Whether the repeats used more than one seed (a re-draw until the sample suits someone). */
  readonly differentSeeds: boolean;
}

export interface LedgerCheck {
  readonly entries: number;
  /** The chain is unbroken from the first line to the last. */
  readonly intact: boolean;
  readonly problems: readonly LedgerProblem[];
  /** The last entry's hash and sequence (GENESIS and 0 for an empty ledger). */
  readonly head: { readonly sequence: number; readonly hash: string };
  readonly repeats: readonly RepeatedDraw[];
  /**
   * The head published earlier (--head), looked up among the parsed entries' entry_sha256 (never as
   * text anywhere in the file): the entry it names, if any; found only where the chain is intact.
   * Null when no head was given.
   */
  readonly publishedHead: {
    readonly hash: string;
    readonly found: boolean;
    readonly sequence: number | null;
    readonly line: number | null;
  } | null;
}

/** Whether a parsed line has the fields checkLedger reads, of the right types. */
function wellFormed(entry: LedgerEntry): boolean {
  const draw = entry.draw as unknown as Record<string, unknown> | null;
  const text = (value: unknown) => typeof value === 'string';
  const textOrNull = (value: unknown) => value === null || typeof value === 'string';
  return (
    Number.isInteger(entry.sequence) &&
    text(entry.time) &&
    text(entry.seed) &&
    text(entry.manifest_sha256) &&
    text(entry.previous) &&
    text(entry.entry_sha256) &&
    draw !== null &&
    typeof draw === 'object' &&
    text(draw.command) &&
    textOrNull(draw.month) &&
    textOrNull(draw.level) &&
    textOrNull(draw.scope)
  );
}

/** A ledger line parsed, or the message saying why it is not a ledger entry (not JSON, another format, fields missing). */
function parseLedgerLine(raw: string): LedgerEntry | Message {
  let entry: LedgerEntry;
  try {
    if (jsonTooDeep(raw)) throw new RangeError('nested too deep');
    entry = JSON.parse(raw) as LedgerEntry;
  } catch {
    return msg('core.ledger.notJson');
  }
  if (entry === null || typeof entry !== 'object' || entry.format !== LEDGER_FORMAT)
    return msg('core.ledger.wrongFormat', { format: LEDGER_FORMAT });
  if (!wellFormed(entry)) return msg('core.ledger.missingFields');
  return entry;
}

/** An entry against the chain so far: its own hash right, the previous entry's hash, the next sequence number. */
function chainProblems(entry: LedgerEntry, head: { sequence: number; hash: string }): Message[] {
  const problems: Message[] = [];
  if (entryDigest(entry) !== entry.entry_sha256) problems.push(msg('core.ledger.edited', { sequence: entry.sequence }));
  if (entry.previous !== head.hash) {
    problems.push(
      head.sequence === 0
        ? msg('core.ledger.firstNotStart')
        : msg('core.ledger.notFollowing', { sequence: entry.sequence }),
    );
  }
  if (entry.sequence !== head.sequence + 1)
    problems.push(msg('core.ledger.wrongSequence', { sequence: entry.sequence, expected: head.sequence + 1 }));
  return problems;
}

/** Draws of the same command, month, level and scope (the canonical JSON of `draw`) entered more than once. */
function repeatedDraws(entries: ReadonlyArray<{ line: number; entry: LedgerEntry }>): RepeatedDraw[] {
  const byDraw = new Map<string, Array<{ line: number; entry: LedgerEntry }>>();
  for (const item of entries) {
    const key = canonicalJson(item.entry.draw);
    byDraw.set(key, [...(byDraw.get(key) ?? []), item]);
  }
  return [...byDraw.values()]
    .filter((group) => group.length > 1)
    .map((group) => ({
      draw: group[0]!.entry.draw,
      entries: group.map(({ line, entry }) => ({
        line,
        sequence: entry.sequence,
        time: entry.time,
        seed: entry.seed,
        manifest_sha256: entry.manifest_sha256,
      })),
      differentSeeds: new Set(group.map(({ entry }) => entry.seed)).size > 1,
    }));
}

/** An earlier entry of the same draw (command, month, level, scope) as a new manifest. */
export interface EarlierDraw {
  readonly sequence: number;
  readonly time: string;
  readonly seed: string;
}

/**
 * earlierDraws lists the entries of an (intact) ledger's text that drew the same command, month,
 * level and scope as `manifest`, as `ledger verify` groups repeats, so a re-draw is found when it is
 * made rather than when the ledger is checked.
 */
export function earlierDraws(text: string, manifest: Manifest): EarlierDraw[] {
  const key = canonicalJson(drawKey(manifest));
  return text
    .split('\n')
    .filter((raw) => raw !== '')
    .map(parseLedgerLine)
    .filter((entry): entry is LedgerEntry => 'format' in entry && canonicalJson(entry.draw) === key)
    .map((entry) => ({ sequence: entry.sequence, time: entry.time, seed: entry.seed }));
}

/**
 * Checks a ledger's text: every line parses, has the format, a correct entry_sha256, the previous
 * line's hash and the next sequence number. Lists draws of the same command, month, level and scope.
 * With `publishedHead`, finds the entry whose entry_sha256 it is.
 */
export function checkLedger(text: string, publishedHead: string | null = null): LedgerCheck {
  const problems: LedgerProblem[] = [];
  const entries: Array<{ line: number; entry: LedgerEntry }> = [];
  let head = { sequence: 0, hash: GENESIS };
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  else if (text !== '') problems.push({ line: lines.length, message: msg('core.ledger.noFinalLineEnd') });
  lines.forEach((raw, index) => {
    const line = index + 1;
    const entry = parseLedgerLine(raw);
    if (!('format' in entry)) {
      problems.push({ line, message: entry });
      head = { sequence: head.sequence + 1, hash: '' };
      return;
    }
    for (const message of chainProblems(entry, head)) problems.push({ line, message });
    head = { sequence: entry.sequence, hash: entry.entry_sha256 };
    entries.push({ line, entry });
  });
  const intact = problems.length === 0;
  // Only an entry whose own hash is right can be named by a head; a head hidden elsewhere in a line is text, not an entry.
  const named =
    publishedHead === null
      ? undefined
      : entries.find(({ entry }) => entry.entry_sha256 === publishedHead && entryDigest(entry) === entry.entry_sha256);
  return {
    entries: lines.length,
    intact,
    problems,
    head,
    repeats: repeatedDraws(entries),
    publishedHead:
      publishedHead === null
        ? null
        : {
            hash: publishedHead,
            found: intact && named !== undefined,
            sequence: named?.entry.sequence ?? null,
            line: named?.line ?? null,
          },
  };
}
