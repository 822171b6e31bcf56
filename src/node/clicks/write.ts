import { humansPerLink } from '../../db/index.js';
import type { Click, ClickWriter } from '../../domain/index.js';
import type { NodeDatabase } from '../sqlite.js';

/**
 * The Node click writer: prepared better-sqlite3 statements in one transaction, since building
 * drizzle inserts per batch costs more than running them. It writes the clicks and each post's
 * human count only: the click thread counts them afterwards (count.ts) and decides each
 * visitor's first click of the day there, so the clicks it returns have `firstOfDay` false.
 */
export function createSqliteClickWriter(
  database: NodeDatabase,
  /** Told, after each commit, the ids the batch's clicks got (the click thread's counting keeps them). */
  onWritten?: (ids: number[], clicks: Click[]) => void,
): ClickWriter {
  const { sqlite } = database;
  const insertClick = sqlite.prepare(
    `INSERT INTO clicks (link_id, clicked_at, referrer, referrer_host, source, device, os, browser,
       country, region, city, bot, visitor, qr, user_agent, first_of_day)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const countHumans = sqlite.prepare('UPDATE links SET human_clicks = human_clicks + ? WHERE id = ?');

  const write = sqlite.transaction((batch: Click[]): number[] => {
    const ids: number[] = [];
    for (const c of batch) {
      const { lastInsertRowid } = insertClick.run(
        c.linkId,
        c.clickedAt,
        c.referrer,
        c.referrerHost,
        c.source,
        c.device,
        c.os,
        c.browser,
        c.country,
        c.region,
        c.city,
        c.bot ? 1 : 0,
        c.visitor,
        c.qr ? 1 : 0,
        c.userAgent,
      );
      ids.push(Number(lastInsertRowid));
    }
    // maxClicks reads this, so it moves with the clicks, not with the counters.
    for (const [linkId, n] of humansPerLink(batch)) countHumans.run(n, linkId);
    return ids;
  });

  return {
    async insertBatch(newClicks) {
      const batch: Click[] = newClicks.map((c) => ({ ...c, firstOfDay: false }));
      if (batch.length > 0) {
        const ids = write(batch);
        onWritten?.(ids, batch);
      }
      return batch;
    },
  };
}
