/**
 * Times shown to people (the public notice, the check workbook, the commitment notice) in the
 * committee's local time with its offset; manifests, ledgers and --json keep UTC with `Z`. China
 * has kept UTC+8 without daylight saving since 1991, so Beijing time is a fixed offset and needs
 * no time-zone database (nor the clock: the instant is the one recorded). The committee's zone (a
 * plan setting, `--time-zone`) is one of the fixed-offset zones below or an explicit offset: a zone
 * with daylight saving would need the database, and is refused at the edge.
 */

/** Beijing time: UTC+08:00. */
const BEIJING_OFFSET_MINUTES = 480;

/** A fixed-offset time zone: the name as the committee gave it, and its offset from UTC. */
export interface TimeZone {
  readonly name: string;
  readonly offsetMinutes: number;
}

/** The default zone of a committee: Beijing time. */
export const DEFAULT_TIME_ZONE: TimeZone = Object.freeze({
  name: 'Asia/Shanghai',
  offsetMinutes: BEIJING_OFFSET_MINUTES,
});

/** The named zones accepted, all without daylight saving: China's (and its aliases), Xinjiang time, UTC. */
export const FIXED_ZONES: Readonly<Record<string, number>> = {
  'Asia/Shanghai': BEIJING_OFFSET_MINUTES,
  'Asia/Chongqing': BEIJING_OFFSET_MINUTES,
  'Asia/Harbin': BEIJING_OFFSET_MINUTES,
  PRC: BEIJING_OFFSET_MINUTES,
  'Asia/Urumqi': 360,
  UTC: 0,
};

/** The largest offset of any zone in use (UTC+14:00, Line Islands; UTC-12:00 is the lowest). */
const MAX_OFFSET_MINUTES = 14 * 60;

/**
 * The zone a text names, or null: a name of FIXED_ZONES (letter case ignored), or an explicit
 * offset "+08:00", "-05:30", "UTC+8", "UTC+05:45".
 */
export function fixedOffsetZone(text: string): TimeZone | null {
  const name = text.trim();
  const named = Object.keys(FIXED_ZONES).find((zone) => zone.toLowerCase() === name.toLowerCase());
  if (named !== undefined) return { name: named, offsetMinutes: FIXED_ZONES[named]! };
  const offset = /^(?:UTC)?([+-])(\d{1,2})(?::(\d\d))?$/i.exec(name);
  if (offset === null) return null;
  const hours = Number(offset[2]);
  const minutes = Number(offset[3] ?? '0');
  const total = hours * 60 + minutes;
  if (minutes >= 60 || total > MAX_OFFSET_MINUTES) return null;
  return { name, offsetMinutes: offset[1] === '-' ? -total : total };
}

const two = (value: number): string => String(value).padStart(2, '0');

/** "2026-12-01T23:30:05.123Z" → "2026-12-02 07:30:05 +08:00"; a text that is not such an instant is returned as it is. */
export function localTime(iso: string, offsetMinutes: number = BEIJING_OFFSET_MINUTES): string {
  if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/.test(iso)) return iso;
  const instant = Date.parse(iso);
  if (Number.isNaN(instant)) return iso;
  const shifted = new Date(instant + offsetMinutes * 60_000);
  const sign = offsetMinutes < 0 ? '-' : '+';
  const offset = Math.abs(offsetMinutes);
  return (
    `${shifted.getUTCFullYear()}-${two(shifted.getUTCMonth() + 1)}-${two(shifted.getUTCDate())} ` +
    `${two(shifted.getUTCHours())}:${two(shifted.getUTCMinutes())}:${two(shifted.getUTCSeconds())} ` +
    `${sign}${two(Math.floor(offset / 60))}:${two(offset % 60)}`
  );
}
