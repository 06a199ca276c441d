/**
 * Times shown to people (the public notice, the check workbook, the commitment notice) in the
 * committee's local time with its offset; manifests, ledgers and --json keep UTC with `Z`. China
 * has kept UTC+8 without daylight saving since 1991, so Beijing time is a fixed offset and needs
 * no time-zone database (nor the clock: the instant is the one recorded).
 */

/** Beijing time: UTC+08:00. */
const BEIJING_OFFSET_MINUTES = 480;

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
