import { utcDay } from './click.js';

/** What the first-of-day rule reads of a click. */
export interface DailyVisit {
  linkId: number;
  clickedAt: number;
  bot: boolean;
  visitor: string;
}

/**
 * Which clicks are their visitor's first human click on their link that UTC day (a unique), in
 * the order given. A bot's click never is; a human's is unless its (day, link, visitor) came
 * earlier in the list or `seenBefore` says so. One rule for both runtimes: D1 asks the
 * daily_visitors rows read before its batch, Node's counting asks the daily_visitors insert
 * (which finds the row or adds it), each click in id order.
 */
export function firstOfDay(
  clicks: readonly DailyVisit[],
  seenBefore: (day: string, linkId: number, visitor: string) => boolean,
): boolean[] {
  const seen = new Set<string>();
  return clicks.map((c) => {
    if (c.bot) return false;
    const day = utcDay(c.clickedAt);
    const key = `${day}|${c.linkId}|${c.visitor}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return !seenBefore(day, c.linkId, c.visitor);
  });
}
