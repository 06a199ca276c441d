/**
 * The prefectures' fund-coverage check (各州市按照资金量不少于总量的50%对省级检查以外的县开展检查) as
 * a pure function: counties with their funds in, the counties to check out.
 *
 * Two methods:
 * - coverage: the eligible counties (in scope, not excluded, with funds) in ticket order, taken
 *   until the funds of those taken reach the coverage share of the eligible total. The number of
 *   counties is random; a county's inclusion probability is the chance, over uniformly random orders
 *   (which ticket order is), that the counties before it hold less than the target:
 *   π_i = Σ_{S ⊆ others, f(S) < target} |S|!(N−1−|S|)!/N!, computed exactly by enumeration for up to
 *   20 eligible counties (a prefecture has at most 14), else not given.
 * - pps: n counties by randomised systematic PPS on their funds (src/core/pps.ts), with exact
 *   π_i = n·f_i/F after taking certainty counties; the coverage it reaches is reported, not forced.
 */
import type { FrameCounty } from './frame.js';
import type { Scope } from './scope.js';
import { ppsInclusion, startFromTicket, systematicSelect } from './pps.js';
import { type Ranked, rankByTicket, ticket } from './tickets.js';

export type FundsMethod = 'coverage' | 'pps';

/** A share as an exact fraction of integers: "0.5" → 5/10. */
export interface Share {
  readonly text: string;
  readonly numerator: bigint;
  readonly denominator: bigint;
}

interface FundsParameters {
  readonly month: string;
  readonly seed: string;
  readonly scope: Scope;
  readonly method: FundsMethod;
  /** coverage: the share of the eligible funds to reach. */
  readonly coverage: Share;
  /** pps: the number of counties. */
  readonly counties: number | null;
  readonly excludedCounties: ReadonlySet<string>;
}

export interface CountyFunds {
  readonly county: FrameCounty;
  /** In fen (1/100 yuan). */
  readonly fundsFen: number;
}

export interface RankedCounty extends CountyFunds {
  readonly ticket: string;
  readonly rank: number;
  /** Funds of the counties up to and including this one in ticket order (coverage method). */
  readonly cumulativeFen: number;
  readonly selected: boolean;
  /** Exact inclusion probability, or null where it is not computed. */
  readonly probability: number | null;
  /** pps: taken with certainty (n·f/F ≥ 1). */
  readonly certainty: boolean;
}

export interface FundsDraw {
  readonly ticketContext: readonly string[];
  /** Eligible counties in ticket order, each marked selected or not. */
  readonly ranking: readonly RankedCounty[];
  readonly selected: readonly RankedCounty[];
  /** Counties in scope left out: excluded (checked by an earlier draw) or without funds. */
  readonly excluded: readonly CountyFunds[];
  readonly withoutFunds: readonly CountyFunds[];
  readonly eligibleFen: number;
  readonly targetFen: number;
  readonly selectedFen: number;
  /** selectedFen / eligibleFen. */
  readonly coverageReached: number;
  readonly probabilityNote: string;
}

/** Counties at most this many are enumerated for exact coverage-method probabilities. */
const EXACT_PROBABILITY_LIMIT = 20;

/** The context hashed into every ticket of a funds draw. */
const fundsTicketContext = (parameters: Pick<FundsParameters, 'month' | 'scope'>): string[] => [
  'funds',
  parameters.month,
  parameters.scope.level,
  parameters.scope.key,
];

/** Parses a share in (0, 1]: "0.5", "50%", "1". */
export function parseShare(raw: string): Share | null {
  const text = raw.trim();
  const percent = /^([0-9]{1,3})(?:\.([0-9]{1,6}))?%$/.exec(text);
  const decimal = /^([01])(?:\.([0-9]{1,6}))?$/.exec(text);
  const match = percent ?? decimal;
  if (!match) return null;
  const fraction = match[2] ?? '';
  let numerator = BigInt(`${match[1]}${fraction}`);
  let denominator = 10n ** BigInt(fraction.length) * (percent ? 100n : 1n);
  if (numerator <= 0n || numerator > denominator) return null;
  const divisor = gcd(numerator, denominator);
  numerator /= divisor;
  denominator /= divisor;
  return { text, numerator, denominator };
}

const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? a : gcd(b, a % b));

/** Whether funds `fen` have reached `share` of `totalFen`: fen/total ≥ num/den, in integers. */
const reached = (fen: number, totalFen: number, share: Share): boolean =>
  BigInt(fen) * share.denominator >= BigInt(totalFen) * share.numerator;

/**
 * Coverage-method inclusion probabilities by enumeration: county i is taken when the counties
 * before it in a uniformly random order hold less than the target.
 */
export function coverageProbabilities(funds: readonly number[], totalFen: number, share: Share): number[] | null {
  const count = funds.length;
  if (count > EXACT_PROBABILITY_LIMIT) return null;
  // A subset of k others comes first with chance k!(N−1−k)!/N! = 1/(N·C(N−1, k)): count the
  // subsets below the target by size, exactly, and divide once (all subsets: exactly 1).
  const binomials = Array.from({ length: count }, (_, k) => {
    let binomial = 1;
    for (let j = 1; j <= k; j++) binomial = (binomial * (count - 1 - k + j)) / j;
    return Math.round(binomial);
  });
  return funds.map((_, unit) => {
    const others = funds.filter((__, index) => index !== unit);
    const below = new Array<number>(count).fill(0);
    for (let mask = 0; mask < 1 << others.length; mask++) {
      let sum = 0;
      let size = 0;
      for (let bit = 0; bit < others.length; bit++) {
        if (mask & (1 << bit)) {
          sum += others[bit]!;
          size++;
        }
      }
      if (!reached(sum, totalFen, share)) below[size]!++;
    }
    return below.reduce((total, subsets, k) => total + subsets / binomials[k]!, 0) / count;
  });
}

/** The eligible counties in rank order with their selection, and how their probabilities were found. */
interface FundsRanking {
  readonly ranking: RankedCounty[];
  readonly probabilityNote: string;
}

/**
 * docs/algorithm.md §15.3 `coverage`: counties selected in rank order up to and including the first whose
 * cumulative funds reach the share; exact probabilities for at most EXACT_PROBABILITY_LIMIT counties.
 */
function coverageRanking(
  ranked: readonly Ranked<CountyFunds>[],
  eligibleFen: number,
  parameters: FundsParameters,
): FundsRanking {
  const probabilities = coverageProbabilities(
    ranked.map((entry) => entry.unit.fundsFen),
    eligibleFen,
    parameters.coverage,
  );
  let cumulative = 0;
  let done = false;
  const ranking = ranked.map((entry, index) => {
    const selected = !done;
    cumulative += entry.unit.fundsFen;
    if (selected && reached(cumulative, eligibleFen, parameters.coverage)) done = true;
    return {
      ...entry.unit,
      ticket: entry.ticket,
      rank: entry.rank,
      cumulativeFen: cumulative,
      selected,
      probability: probabilities?.[index] ?? null,
      certainty: false,
    };
  });
  const probabilityNote = probabilities
    ? 'exact: the chance over random orders that the counties before it hold less than the target'
    : `not computed for more than ${EXACT_PROBABILITY_LIMIT} eligible counties`;
  return { ranking, probabilityNote };
}

/**
 * §15.3 `pps`: §14.4's PPS steps 1–6 with funds in fen as the size, every eligible county a unit in rank
 * order, the start from the "county-start" ticket of the scope.
 */
function ppsRanking(
  ranked: readonly Ranked<CountyFunds>[],
  parameters: FundsParameters,
  startTicket: string,
): FundsRanking {
  const units = ranked.map((entry) => ({ unit: entry, size: entry.unit.fundsFen }));
  const { inclusions, remainingSample } = ppsInclusion(units, parameters.counties ?? 1);
  const open = inclusions.filter((entry) => !entry.certainty && entry.probability > 0);
  const chosen = new Set(systematicSelect(open, remainingSample, startFromTicket(startTicket)));
  let cumulative = 0;
  const ranking = inclusions.map((entry) => {
    cumulative += entry.size;
    return {
      ...entry.unit.unit,
      ticket: entry.unit.ticket,
      rank: entry.unit.rank,
      cumulativeFen: cumulative,
      selected: entry.certainty || chosen.has(entry.unit),
      probability: entry.probability,
      certainty: entry.certainty,
    };
  });
  return { ranking, probabilityNote: 'exact: n·funds/total after certainty counties (systematic PPS in ticket order)' };
}

/**
 * The funds draw. `counties` are the scope's counties with their funds. Pure and deterministic.
 * Eligible counties as §15.1, ranked by ticket as §15.3, then selected by coverage or PPS.
 */
export function drawFunds(counties: readonly CountyFunds[], parameters: FundsParameters): FundsDraw {
  const context = fundsTicketContext(parameters);
  const excluded = counties.filter((entry) => parameters.excludedCounties.has(entry.county.key));
  const remaining = counties.filter((entry) => !parameters.excludedCounties.has(entry.county.key));
  const withoutFunds = remaining.filter((entry) => entry.fundsFen <= 0);
  const eligible = remaining.filter((entry) => entry.fundsFen > 0);
  const eligibleFen = eligible.reduce((sum, entry) => sum + entry.fundsFen, 0);
  const targetFen = Number(
    (BigInt(eligibleFen) * parameters.coverage.numerator + parameters.coverage.denominator - 1n) /
      parameters.coverage.denominator,
  );
  const ranked = rankByTicket(
    eligible,
    (entry) => entry.county.key,
    (key) => ticket(parameters.seed, context, 'county', key),
  );
  const { ranking, probabilityNote } =
    parameters.method === 'coverage'
      ? coverageRanking(ranked, eligibleFen, parameters)
      : ppsRanking(ranked, parameters, ticket(parameters.seed, context, 'county-start', parameters.scope.key));
  const selected = ranking.filter((entry) => entry.selected);
  const selectedFen = selected.reduce((sum, entry) => sum + entry.fundsFen, 0);
  return {
    ticketContext: context,
    ranking,
    selected,
    excluded,
    withoutFunds,
    eligibleFen,
    targetFen,
    selectedFen,
    coverageReached: eligibleFen === 0 ? 0 : selectedFen / eligibleFen,
    probabilityNote,
  };
}

/** Fen as yuan text with two decimals: 123450 → "1234.50". */
export const yuan = (fen: number): string => `${Math.floor(fen / 100)}.${String(fen % 100).padStart(2, '0')}`;
