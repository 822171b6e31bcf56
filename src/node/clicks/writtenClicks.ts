import type { Click } from '../../domain/index.js';

/** A click as counting reads it from the clicks table (count.ts's `uncounted`), id first. */
export type UncountedRow = [
  id: number,
  linkId: number,
  clickedAt: number,
  bot: number,
  visitor: string,
  source: string,
  country: string | null,
  device: string,
  referrerHost: string | null,
  city: string | null,
  os: string | null,
  browser: string | null,
  qr: number,
];

/**
 * The clicks this thread wrote and has not counted yet, as the rows counting would read back:
 * the count a second later takes them from here instead of from the table. Only ids that follow
 * each other from the counted mark are handed out, and count.ts checks that the table still
 * holds every one of them; anything else is read from the table as before. Past `maxRows`
 * (counting failing for a long spell) it forgets everything and counting reads it all back.
 */
export function createWrittenClicks(maxRows = 50_000) {
  let rows: UncountedRow[] = [];
  return {
    /** After a write committed: its clicks with the ids SQLite gave them. */
    add(ids: readonly number[], clicks: readonly Click[]) {
      if (rows.length + clicks.length > maxRows) rows = [];
      clicks.forEach((c, i) =>
        rows.push([
          ids[i]!,
          c.linkId,
          c.clickedAt,
          c.bot ? 1 : 0,
          c.visitor,
          c.source,
          c.country,
          c.device,
          c.referrerHost,
          c.city,
          c.os,
          c.browser,
          c.qr ? 1 : 0,
        ]),
      );
    },
    /** Up to `limit` rows with ids through+1, through+2, …; none if the next id is not here. */
    after(through: number, limit: number): UncountedRow[] {
      let start = 0;
      while (start < rows.length && rows[start]![0] <= through) start++;
      if (start > 0) rows = rows.slice(start); // counted (here or by another process)
      let n = 0;
      while (n < rows.length && n < limit && rows[n]![0] === through + n + 1) n++;
      return rows.slice(0, n);
    },
  };
}
export type WrittenClicks = ReturnType<typeof createWrittenClicks>;
