import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { rankByTicket, ticket, ticketText, TICKET_ALGORITHM } from '../../src/core/tickets.js';

describe('ticket', () => {
  it('is the SHA-256 of the parts joined by U+001F', () => {
    const text = ticketText('seed', ['monthly', '2026-11', 'province', ''], 'county', '530102');
    expect(text).toBe(
      `${TICKET_ALGORITHM}\u001fseed\u001fmonthly\u001f2026-11\u001fprovince\u001f\u001fcounty\u001f530102`,
    );
    expect(ticket('seed', ['monthly', '2026-11', 'province', ''], 'county', '530102')).toBe(
      createHash('sha256').update(Buffer.from(text, 'utf8')).digest('hex'),
    );
  });

  it('changes with every part', () => {
    const base = ticket('s', ['monthly', '2026-11', 'province', ''], 'village', 'k');
    expect(ticket('t', ['monthly', '2026-11', 'province', ''], 'village', 'k')).not.toBe(base);
    expect(ticket('s', ['monthly', '2026-12', 'province', ''], 'village', 'k')).not.toBe(base);
    expect(ticket('s', ['monthly', '2026-11', 'county', ''], 'village', 'k')).not.toBe(base);
    expect(ticket('s', ['monthly', '2026-11', 'province', ''], 'household', 'k')).not.toBe(base);
    expect(ticket('s', ['monthly', '2026-11', 'province', ''], 'village', 'j')).not.toBe(base);
  });
});

describe('rankByTicket', () => {
  const units = ['a', 'b', 'c', 'd', 'e', 'f'];
  const ticketOf = (key: string) => ticket('seed', ['ctx'], 'stage', key);

  it('orders units by ticket and numbers the ranks from 1', () => {
    const ranked = rankByTicket(units, (unit) => unit, ticketOf);
    expect(ranked.map((entry) => entry.rank)).toEqual([1, 2, 3, 4, 5, 6]);
    const tickets = ranked.map((entry) => entry.ticket);
    expect([...tickets].sort()).toEqual(tickets);
  });

  it('does not depend on input order, and removing a unit only promotes the next ones', () => {
    const ranked = rankByTicket(units, (unit) => unit, ticketOf).map((entry) => entry.unit);
    const reversed = rankByTicket([...units].reverse(), (unit) => unit, ticketOf).map((entry) => entry.unit);
    expect(reversed).toEqual(ranked);
    const without = rankByTicket(
      units.filter((unit) => unit !== ranked[1]),
      (unit) => unit,
      ticketOf,
    ).map((entry) => entry.unit);
    expect(without).toEqual(ranked.filter((unit) => unit !== ranked[1]));
  });

  it('breaks equal tickets by key in code point order', () => {
    const ranked = rankByTicket(
      ['b', 'a', '\u{20000}', '\uff5e'],
      (unit) => unit,
      () => 'same',
    );
    expect(ranked.map((entry) => entry.unit)).toEqual(['a', 'b', '\uff5e', '\u{20000}']);
  });
});
