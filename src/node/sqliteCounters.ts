import type Sqlite from 'better-sqlite3';
import { campaignRows, counterRows } from '../db/counters.js';
import type { BatchStatement } from '../db/database.js';
import type { Click } from '../domain/index.js';

const ADD = 'DO UPDATE SET clicks = clicks + excluded.clicks, uniques = uniques + excluded.uniques';

/**
 * The Node `extraStatements`: the same counter rows as `counterStatements`, upserted with
 * prepared better-sqlite3 statements inside the click transaction. Building drizzle inserts
 * of thousands of rows cost more than running them (measured while seeding 1M clicks).
 */
export function sqliteCounterStatements(sqlite: Sqlite.Database) {
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
  return (batch: Click[]): BatchStatement[] => {
    const run = () => {
      const rows = counterRows(batch);
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
    const statement: BatchStatement = {
      run,
      then: (onFulfilled, onRejected) => Promise.resolve().then(run).then(onFulfilled, onRejected),
    };
    return [statement];
  };
}
