import type Sqlite from 'better-sqlite3';
import { campaignRows, counterRows, type CountedClick } from '../../db/counters.js';

const ADD = 'DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques';

/**
 * Adds clicks to the counters with prepared better-sqlite3 statements: the same rows as the
 * shared `counterStatements`, without building drizzle inserts of thousands of rows, which
 * cost more than running them. Call inside a transaction.
 */
export function sqliteCounterUpserts(sqlite: Sqlite.Database): (clicks: readonly CountedClick[]) => void {
  const totals = sqlite.prepare(
    `INSERT INTO counter_totals (dim, grain, bucket, bot, value, clicks, uniques) VALUES (?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (dim, grain, bucket, bot, value) ${ADD}`,
  );
  const perLink = sqlite.prepare(
    `INSERT INTO counter_links (link_id, dim, grain, bucket, bot, value, clicks, uniques) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (link_id, dim, grain, bucket, bot, value) ${ADD}`,
  );
  const profiles = sqlite.prepare(
    `INSERT INTO counter_profiles (link_id, grain, bucket, bot, source, country, device, referrer, city, os, browser, clicks, uniques)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (link_id, grain, bucket, bot, source, country, device, referrer, city, os, browser) ${ADD}`,
  );
  const campaigns = sqlite.prepare(
    `INSERT INTO counter_campaigns (campaign, dim, grain, bucket, bot, value, clicks, uniques) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (campaign, dim, grain, bucket, bot, value) ${ADD}`,
  );
  const campaignOfLink = sqlite.prepare('SELECT campaign FROM links WHERE id = ?').pluck();
  return (clicks) => {
    const rows = counterRows(clicks);
    const known = new Map<number, string | null>();
    const campaignOf = (linkId: number) => {
      if (!known.has(linkId)) known.set(linkId, (campaignOfLink.get(linkId) as string | null | undefined) ?? null);
      return known.get(linkId)!;
    };
    for (const r of campaignRows(rows.links, campaignOf)) {
      campaigns.run(r.campaign, r.dim, r.grain, r.bucket, r.bot ? 1 : 0, r.value, r.clicks, r.uniques);
    }
    for (const r of rows.totals) totals.run(r.dim, r.grain, r.bucket, r.bot ? 1 : 0, r.value, r.clicks, r.uniques);
    for (const r of rows.links) perLink.run(r.linkId, r.dim, r.grain, r.bucket, r.bot ? 1 : 0, r.value, r.clicks, r.uniques);
    for (const r of rows.profiles) {
      profiles.run(r.linkId, r.grain, r.bucket, r.bot ? 1 : 0, r.source, r.country, r.device, r.referrer, r.city, r.os, r.browser, r.clicks, r.uniques);
    }
  };
}
