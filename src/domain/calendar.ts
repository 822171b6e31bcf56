/**
 * The one rule for dates in input: the fields must name a day and time that exist. Date.parse
 * rolls 2026-02-30 over into March 2 and reads 24:00 as the next midnight; we refuse both,
 * with the same message for every field (postedAt, expiresAt, every from and to).
 */

const PARTS = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?(?:Z|[+-](\d{2}):?(\d{2}))?$/i;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** The message every date field gives for a date or time that does not exist. */
export const impossibleDateMessage = (value: string) =>
  `${value} is not a real date and time (check the day of the month, hours 00–23, minutes and seconds 00–59)`;

/**
 * Whether an ISO 8601 date or date-time names a day and time that exist. Text in other shapes
 * is left to each field's own format check, so this answers true for it.
 */
export function isRealDate(value: string): boolean {
  const m = PARTS.exec(value.trim());
  if (!m) return true;
  const [year, month, day, hour = 0, minute = 0, second = 0, offH = 0, offM = 0] = m
    .slice(1)
    .map((p) => (p === undefined ? undefined : Number(p)));
  if (month! < 1 || month! > 12 || day! < 1 || day! > daysIn(year!, month!)) return false;
  return hour! <= 23 && minute! <= 59 && second! <= 59 && offH! <= 23 && offM! <= 59;
}
