/**
 * Tickets: the one function through which every random choice of a draw flows.
 *
 * Consistent sampling (Rivest, "Consistent Sampling with Replacement", 2018; the consistent_sampler
 * used by post-election audits such as VotingWorks Arlo): every unit gets a ticket computed from the
 * public seed, the draw's context, the stage and the unit's stable key; within a stratum the units
 * with the smallest tickets are taken. The ticket does not depend on row order, on how the registry
 * is split into files, or on the other units, so excluding one unit promotes the next ticket and
 * leaves the rest of the sample as it was. docs/algorithm.md specifies it byte for byte.
 */
import { createHash } from 'node:crypto';
import { SpotcheckError } from '../errors.js';
import { msg } from '../messages/render.js';
import { compareCodePoints } from './text.js';

/** The algorithm's name and version; recorded in every manifest. A frozen draw never changes. */
export const TICKET_ALGORITHM = 'spotcheck-ticket-1';
export const ALGORITHM_VERSION = 1;

/** U+001F UNIT SEPARATOR joins the parts; no part may contain it (keys and seeds are checked). */
const TICKET_SEPARATOR = '\u001f';

/**
 * The ticket text: TICKET_ALGORITHM, seed, the context parts, stage and unit key joined by U+001F.
 * Exposed so that docs, tests and SQL generators can show exactly what is hashed.
 */
export function ticketText(seed: string, context: readonly string[], stage: string, unitKey: string): string {
  const parts = [TICKET_ALGORITHM, seed, ...context, stage, unitKey];
  if (parts.some((part) => part.includes(TICKET_SEPARATOR))) {
    throw new SpotcheckError('INTERNAL', msg('core.tickets.separatorInPart'));
  }
  return parts.join(TICKET_SEPARATOR);
}

/** The ticket: lowercase hexadecimal SHA-256 of the UTF-8 bytes of ticketText(…). */
export function ticket(seed: string, context: readonly string[], stage: string, unitKey: string): string {
  return createHash('sha256')
    .update(ticketText(seed, context, stage, unitKey), 'utf8')
    .digest('hex');
}

/** A unit ranked by its ticket within its stratum (rank 1 = smallest ticket). */
export interface Ranked<T> {
  readonly unit: T;
  readonly ticket: string;
  readonly rank: number;
}

/**
 * Orders a stratum's units by ticket (ascending hex, i.e. numeric order of the 256-bit value), ties
 * broken by unit key in code point order, and returns them all with their ranks. Taking the first n
 * is a simple random sample without replacement of size min(n, N).
 */
export function rankByTicket<T>(
  units: readonly T[],
  keyOf: (unit: T) => string,
  ticketOf: (unitKey: string) => string,
): Ranked<T>[] {
  const withTickets = units.map((unit) => ({ unit, key: keyOf(unit), ticket: ticketOf(keyOf(unit)) }));
  withTickets.sort((a, b) => (a.ticket < b.ticket ? -1 : a.ticket > b.ticket ? 1 : compareCodePoints(a.key, b.key)));
  return withTickets.map((entry, index) => ({ unit: entry.unit, ticket: entry.ticket, rank: index + 1 }));
}
