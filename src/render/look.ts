/**
 * How a committee presents its draws on paper (its settings: --committee, --time-zone,
 * --complaint-line): the issuing body in the 落款, times in its zone, its complaint channel. They
 * change no sample and are not recorded in the manifest. Pure.
 */
import { DEFAULT_TIME_ZONE, localTime, type TimeZone } from '../core/localTime.js';

/**
 * The complaint channel printed under every notice by default: 12317, the national hotline for
 * supervising poverty alleviation (a committee may set its own: --complaint-line).
 */
export const DEFAULT_COMPLAINT_LINE = '监督举报电话：12317';

/** How a committee presents its draws (its settings: --committee, --time-zone, --complaint-line). */
export interface CommitteeLook {
  /** The issuing body, or null: the notice then leaves a blank to fill in. */
  readonly committee: string | null;
  readonly timeZone: TimeZone;
  readonly complaintLine: string;
}

/** "2026年12月2日" — the day of an instant in the committee's time zone (localTime), for a 落款. */
export const dayOf = (iso: string, zone: TimeZone = DEFAULT_TIME_ZONE): string => {
  const day = /^(\d{4})-(\d\d)-(\d\d) /.exec(localTime(iso, zone.offsetMinutes));
  return day ? `${day[1]}年${Number(day[2])}月${Number(day[3])}日` : iso;
};
