import { createClickWriter, humansPerLink } from '../../db/index.js';
import type { Click, ClickWriter } from '../../domain/index.js';
import type { NodeDatabase } from '../sqlite.js';

/**
 * The Node click store: the shared drizzle store for reading, and for writing a hot path of
 * prepared better-sqlite3 statements in one transaction (building drizzle inserts per batch
 * was the largest cost of capture in `npm run bench:redirect`). It writes the clicks and the
 * per-post human count only: counting (count.ts) follows, and decides each visitor's first
 * click of the day there, so the clicks it returns have `firstOfDay` false for now.
 */
export function createSqliteClickWriter(database: NodeDatabase): ClickWriter {
  const shared = createClickWriter(database.db, database.batch, { maxParams: 32_000 });
  const { sqlite } = database;
  const insertClick = sqlite.prepare(
    `INSERT INTO clicks (link_id, clicked_at, referrer, referrer_host, source, device, os, browser,
       country, region, city, bot, visitor, qr, user_agent, first_of_day)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
  );
  const countHumans = sqlite.prepare('UPDATE links SET human_clicks = human_clicks + ? WHERE id = ?');

  const write = sqlite.transaction((batch: Click[]) => {
    for (const c of batch) {
      insertClick.run(
        c.linkId, c.clickedAt, c.referrer, c.referrerHost, c.source, c.device, c.os, c.browser,
        c.country, c.region, c.city, c.bot ? 1 : 0, c.visitor, c.qr ? 1 : 0, c.userAgent,
      );
    }
    // maxClicks reads this, so it moves with the clicks, not with the counters.
    for (const [linkId, n] of humansPerLink(batch)) countHumans.run(n, linkId);
  });

  return {
    ...shared,
    async insertBatch(newClicks) {
      const batch: Click[] = newClicks.map((c) => ({ ...c, firstOfDay: false }));
      if (batch.length > 0) write(batch);
      return batch;
    },
  };
}
