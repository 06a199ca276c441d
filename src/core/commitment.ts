/**
 * Commitments (docs/algorithm.md, "Commitments"): what a draw will be made from and how, fixed and
 * published before its seed exists, so that nobody can change the registry or a parameter once the
 * seed is known and re-draw until the sample suits.
 *
 * A commitment is the part of a draw's manifest that does not depend on the seed — the command,
 * the algorithm, the parameters (less the seed and the presentation options), the inputs' sizes and
 * SHA-256s, the division table's, and the exclusion sources' — with the seed procedure that will
 * give the seed, a time stamp and a SHA-256 over its own canonical JSON. A draw made with
 * --commitment derives the same part from its own manifest and refuses if anything differs.
 * Pure: values in, values out; no personal data (names and ID numbers never reach a manifest).
 */
import { createHash } from 'node:crypto';
import { SpotcheckError } from '../errors.js';
import { msg, type Message } from '../messages/render.js';
import { canonicalJson, type Manifest } from './manifest.js';

export const COMMITMENT_FORMAT = 'spotcheck-commitment-1';
/** The name of the commitment's copy in a draw's folder (and of the manifest's record of it). */
export const COMMITMENT_FILE = 'commitment.json';

/**
 * Manifest parameters a commitment does not fix: the seed and its source (chosen after), and the
 * presentation of the outputs (CSV for Excel, headings' language, unmasked IDs), which change
 * no unit drawn.
 */
const UNCOMMITTED_PARAMETERS: readonly string[] = [
  'seed',
  'seed_source',
  'redraw_reason',
  'excel',
  'columns_lang',
  'reveal_ids',
  'masking',
  'formula_guard',
];

interface CommittedInput {
  readonly name: string;
  readonly role?: 'nonpoor';
  readonly bytes: number;
  readonly sha256: string;
}

interface CommittedFile {
  readonly name: string;
  readonly sha256: string;
}

interface CommittedExclusions {
  /** Each excluded draw (its manifest_sha256) or list (its file's SHA-256), with its stages. */
  readonly sources: ReadonlyArray<{
    readonly sha256: string;
    readonly stages: readonly string[];
    readonly reason: string;
  }>;
  readonly history: { readonly cooldown: number; readonly stages: readonly string[] } | null;
}

/** What a commitment fixes about a draw: everything in its manifest that the seed does not decide. */
interface CommittedDraw {
  readonly command: Manifest['command'];
  readonly algorithm: { readonly name: string; readonly version: number };
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly inputs: readonly CommittedInput[];
  readonly divisions: { readonly source: string; readonly sha256: string };
  readonly county_attributes: CommittedFile | null;
  readonly funds_table: CommittedFile | null;
  readonly exclusions: CommittedExclusions | null;
}

export interface Commitment extends CommittedDraw {
  readonly format: typeof COMMITMENT_FORMAT;
  readonly tool: { readonly name: 'spotcheck'; readonly version: string };
  /** How the seed will be made, in words, e.g. "福利彩票3D 2026-12-05 开奖号码". */
  readonly seed_procedure: string;
  readonly created_at: string;
  /** SHA-256 of the canonical JSON of every other field. */
  readonly commitment_sha256: string;
}

/** The manifest's record of the commitment a draw was held to. */
export interface CommitmentRecord {
  readonly sha256: string;
  readonly created_at: string;
  readonly seed_procedure: string;
  readonly path: typeof COMMITMENT_FILE;
}

const record = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
const file = (value: unknown): CommittedFile | null => {
  const entry = record(value);
  return typeof entry.sha256 === 'string' ? { name: String(entry.name ?? ''), sha256: entry.sha256 } : null;
};

/** The exclusions part of a manifest, without paths (which depend on where the draw is written). */
function committedExclusions(value: unknown): CommittedExclusions | null {
  if (value === undefined || value === null) return null;
  const exclusions = record(value);
  const sources = Array.isArray(exclusions.sources) ? exclusions.sources.map(record) : [];
  const history = exclusions.history === null || exclusions.history === undefined ? null : record(exclusions.history);
  return {
    sources: sources.map((source) => ({
      sha256: String(source.sha256),
      stages: Array.isArray(source.stages) ? source.stages.map(String) : [],
      reason: String(source.reason),
    })),
    history:
      history === null
        ? null
        : {
            cooldown: Number(history.cooldown),
            stages: Array.isArray(history.stages) ? history.stages.map(String) : [],
          },
  };
}

/** A manifest's input as a commitment records it: name, role, size and SHA-256 (no path). */
export const committedInput = (input: Manifest['inputs'][number]): CommittedInput => ({
  name: input.name,
  ...(input.role ? { role: input.role } : {}),
  bytes: input.bytes,
  sha256: input.sha256,
});

/** The part of a manifest (sealed or not) that a commitment fixes. */
export function committedDraw(manifest: Omit<Manifest, 'manifest_sha256'>): CommittedDraw {
  return {
    command: manifest.command,
    algorithm: { name: manifest.algorithm.name, version: manifest.algorithm.version },
    parameters: Object.fromEntries(
      Object.entries(manifest.parameters).filter(([key]) => !UNCOMMITTED_PARAMETERS.includes(key)),
    ),
    inputs: manifest.inputs.map(committedInput),
    divisions: { source: manifest.divisions.source, sha256: manifest.divisions.sha256 },
    county_attributes: file(manifest.county_attributes),
    funds_table: file(manifest.funds_table),
    exclusions: committedExclusions(manifest.exclusions),
  };
}

function commitmentDigest(
  commitment: Omit<Commitment, 'commitment_sha256'> & { readonly commitment_sha256?: string },
): string {
  const { commitment_sha256: _ignored, ...rest } = commitment;
  return createHash('sha256').update(canonicalJson(rest), 'utf8').digest('hex');
}

/** A sealed commitment to the draw `manifest` describes (a draw made without a seed of any meaning). */
export function buildCommitment(
  manifest: Omit<Manifest, 'manifest_sha256'>,
  seedProcedure: string,
  createdAt: string,
): Commitment {
  const { command, ...draw } = committedDraw(manifest);
  const unsealed = {
    format: COMMITMENT_FORMAT,
    command,
    seed_procedure: seedProcedure,
    tool: { ...manifest.tool },
    ...draw,
    created_at: createdAt,
  } as const;
  return { ...unsealed, commitment_sha256: commitmentDigest(unsealed) };
}

/** Why a value is not a commitment this spotcheck can use, or null when it is one (format, shape, self-hash). */
export function commitmentProblem(value: unknown): 'format' | 'shape' | 'edited' | null {
  const commitment = record(value);
  if (commitment.format !== COMMITMENT_FORMAT) return 'format';
  const shaped =
    ['monthly', 'evaluate', 'funds'].includes(commitment.command as string) &&
    typeof commitment.seed_procedure === 'string' &&
    typeof commitment.created_at === 'string' &&
    typeof commitment.commitment_sha256 === 'string' &&
    commitment.parameters !== null &&
    typeof commitment.parameters === 'object' &&
    Array.isArray(commitment.inputs) &&
    commitment.inputs.every(
      (input) => typeof record(input).sha256 === 'string' && typeof record(input).name === 'string',
    ) &&
    typeof record(commitment.divisions).sha256 === 'string' &&
    typeof record(commitment.algorithm).name === 'string';
  if (!shaped) return 'shape';
  return commitmentDigest(value as Commitment) === commitment.commitment_sha256 ? null : 'edited';
}

/** One way a draw differs from its commitment: a message fact, worded by whoever prints it. */
type CommitmentDifference = Message;

const shown = (value: unknown): string | Message =>
  value === undefined ? msg('commit.diff.absent') : JSON.stringify(value);
const short = (sha: string): string => sha.slice(0, 16);

/** The option that sets a manifest parameter, as the user types it. */
function parameterFlag(key: string): string {
  if (key === 'columns') return '--column';
  if (key === 'scope_key' || key === 'scope_label') return '--scope';
  if (key === 'funds_source') return '--funds';
  if (key === 'strata') return '--strata';
  return `--${key.replace(/_/g, '-')}`;
}

/**
 * Every way `drawn` (all or part of a draw's committed part) differs from `committed`, as messages
 * naming the file or option; empty when it keeps to the commitment. Only the fields `drawn` has
 * are compared, so that a draw can be checked as soon as it has hashed its inputs.
 */
export function commitmentDifferences(committed: CommittedDraw, drawn: Partial<CommittedDraw>): CommitmentDifference[] {
  const differences: CommitmentDifference[] = [];
  if (drawn.command !== undefined && drawn.command !== committed.command) {
    differences.push(msg('commit.diff.command', { drawn: drawn.command, committed: committed.command }));
    return differences;
  }
  if (drawn.algorithm !== undefined && canonicalJson(drawn.algorithm) !== canonicalJson(committed.algorithm)) {
    differences.push(
      msg('commit.diff.algorithm', {
        drawn: `${drawn.algorithm.name} ${drawn.algorithm.version}`,
        committed: `${committed.algorithm.name} ${committed.algorithm.version}`,
      }),
    );
  }
  if (drawn.inputs !== undefined) differences.push(...inputDifferences(committed.inputs, drawn.inputs));
  if (drawn.divisions !== undefined && drawn.divisions.sha256 !== committed.divisions.sha256) {
    differences.push(
      msg('commit.diff.divisions', {
        drawn: `${drawn.divisions.source} ${short(drawn.divisions.sha256)}…`,
        committed: `${committed.divisions.source} ${short(committed.divisions.sha256)}…`,
      }),
    );
  }
  if (drawn.parameters !== undefined) {
    const flags = new Set<string>();
    const keys = [...new Set([...Object.keys(committed.parameters), ...Object.keys(drawn.parameters)])].sort();
    for (const key of keys) {
      if (canonicalJson(committed.parameters[key] ?? null) === canonicalJson(drawn.parameters[key] ?? null)) continue;
      const flag = parameterFlag(key);
      if (flags.has(flag)) continue;
      flags.add(flag);
      differences.push(
        msg('commit.diff.parameter', {
          flag,
          drawn: shown(drawn.parameters[key]),
          committed: shown(committed.parameters[key]),
        }),
      );
    }
  }
  for (const [field, flag] of [
    ['county_attributes', '--county-attributes'],
    ['funds_table', '--funds'],
  ] as const) {
    if (!(field in drawn)) continue;
    const a = committed[field];
    const b = drawn[field] ?? null;
    if ((a?.sha256 ?? null) === (b?.sha256 ?? null)) continue;
    differences.push(
      msg('commit.diff.table', {
        flag,
        drawn: b === null ? msg('commit.diff.none') : `${b.name} ${short(b.sha256)}…`,
        committed: a === null ? msg('commit.diff.none') : `${a.name} ${short(a.sha256)}…`,
      }),
    );
  }
  if (
    'exclusions' in drawn &&
    canonicalJson(drawn.exclusions ?? null) !== canonicalJson(committed.exclusions ?? null)
  ) {
    const list = (exclusions: CommittedExclusions | null | undefined): string | Message =>
      exclusions == null || (exclusions.sources.length === 0 && exclusions.history === null)
        ? msg('commit.diff.none')
        : exclusions.sources.map((source) => `${short(source.sha256)}… (${source.stages.join(',')})`).join(', ') ||
          msg('commit.diff.none');
    differences.push(
      msg('commit.diff.exclusions', { drawn: list(drawn.exclusions), committed: list(committed.exclusions) }),
    );
  }
  return differences;
}

/** Registry files matched by SHA-256 (their order and names do not decide anything), then named. */
function inputDifferences(
  committed: readonly CommittedInput[],
  drawn: readonly CommittedInput[],
): CommitmentDifference[] {
  const unmatched = [...drawn];
  const missing: CommittedInput[] = [];
  for (const input of committed) {
    const index = unmatched.findIndex(
      (candidate) =>
        candidate.sha256 === input.sha256 &&
        candidate.bytes === input.bytes &&
        (candidate.role ?? null) === (input.role ?? null),
    );
    if (index >= 0) unmatched.splice(index, 1);
    else missing.push(input);
  }
  const differences: CommitmentDifference[] = [];
  for (const input of missing) {
    const index = unmatched.findIndex((candidate) => candidate.name === input.name);
    if (index >= 0) {
      const now = unmatched.splice(index, 1)[0]!;
      differences.push(
        msg('commit.diff.inputChanged', {
          name: input.name,
          sha: now.sha256,
          bytes: now.bytes,
          committed: input.sha256,
          committedBytes: input.bytes,
        }),
      );
    } else {
      differences.push(
        msg('commit.diff.inputMissing', { name: input.name, committed: input.sha256, committedBytes: input.bytes }),
      );
    }
  }
  for (const input of unmatched)
    differences.push(msg('commit.diff.inputExtra', { name: input.name, sha: input.sha256, bytes: input.bytes }));
  return differences;
}

/** Throws, naming every difference, when a draw does not keep to its commitment. */
export function refuseDifferences(differences: readonly CommitmentDifference[], commitmentFile: string): void {
  if (differences.length === 0) return;
  throw new SpotcheckError(
    'USAGE',
    msg('commit.drawDiffers', { differences: { items: differences, separator: '', bullet: '\n  - ' } }),
    {
      file: commitmentFile,
      hint: msg('commit.drawDiffersHint'),
    },
  );
}

/** The manifest's record of a commitment. */
export function commitmentRecord(commitment: Commitment): CommitmentRecord {
  return {
    sha256: commitment.commitment_sha256,
    created_at: commitment.created_at,
    seed_procedure: commitment.seed_procedure,
    path: COMMITMENT_FILE,
  };
}
