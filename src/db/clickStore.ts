import { eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm';
import { firstOfDay, utcDay, type Click, type ClickFilter, type ClickWriter } from '../domain/index.js';
import type { BatchStatement, BatchWriter, Database } from './database.js';
import { insertJsonRows, jsonParts, selectJson } from './jsonRows.js';
import { clicks, dailyVisitors, links } from './schema.js';

export interface ClickWriterOptions {
  /** Extra statements written in the same unit as the clicks (pre-aggregated counters). */
  extraStatements?: (clicks: Click[]) => BatchStatement[];
}

/** Human clicks per link in a batch, for the links.human_clicks counter (maxClicks). */
export function humansPerLink(batch: Click[]): Map<number, number> {
  const perLink = new Map<number, number>();
  for (const c of batch) if (!c.bot) perLink.set(c.linkId, (perLink.get(c.linkId) ?? 0) + 1);
  return perLink;
}

/** Which clicks to keep for a bots=… filter. */
export function botCondition(bots: ClickFilter['bots']): SQL | undefined {
  if (bots === 'exclude') return eq(clicks.bot, false);
  if (bots === 'only') return eq(clicks.bot, true);
  return undefined;
}

/** The WHERE of a click filter; shared by listing and export. */
export function clickConditions(filter: Omit<ClickFilter, 'limit'>): SQL[] {
  const where: SQL[] = [];
  if (filter.within) where.push(inArray(links.campaign, [...filter.within]));
  if (filter.linkIds) where.push(inArray(clicks.linkId, filter.linkIds));
  if (filter.slug !== undefined) where.push(eq(links.slug, filter.slug));
  if (filter.campaign !== undefined) where.push(eq(links.campaign, filter.campaign));
  if (filter.network !== undefined) where.push(eq(links.network, filter.network));
  if (filter.from !== undefined) where.push(gte(clicks.clickedAt, filter.from));
  if (filter.to !== undefined) where.push(lt(clicks.clickedAt, filter.to));
  if (filter.beforeId !== undefined) where.push(lt(clicks.id, filter.beforeId));
  const bots = botCondition(filter.bots);
  if (bots) where.push(bots);
  return where;
}

export const clickRowColumns = {
  id: clicks.id,
  linkId: clicks.linkId,
  clickedAt: clicks.clickedAt,
  slug: links.slug,
  campaign: links.campaign,
  network: links.network,
  source: clicks.source,
  referrer: clicks.referrer,
  referrerHost: clicks.referrerHost,
  device: clicks.device,
  os: clicks.os,
  browser: clicks.browser,
  country: clicks.country,
  region: clicks.region,
  city: clicks.city,
  bot: clicks.bot,
  visitor: clicks.visitor,
  qr: clicks.qr,
};

/**
 * The click store on drizzle: a batch of clicks is a handful of statements whatever its size
 * (the clicks, the day's new visitors, the links' human counts, each as one JSON parameter),
 * plus `extraStatements`, all in one unit, after one read of the day's known visitors.
 */
export function createClickWriter(db: Database, batch: BatchWriter, options: ClickWriterOptions): ClickWriter {
  async function seenToday(keys: { day: string; linkId: number; visitor: string }[]) {
    const seen = new Set<string>();
    for (const json of jsonParts(keys.map((k) => [k.day, k.linkId, k.visitor]))) {
      const rows = await db
        .select({ day: dailyVisitors.day, linkId: dailyVisitors.linkId, visitor: dailyVisitors.visitor })
        .from(dailyVisitors)
        .where(
          sql`(${dailyVisitors.day}, ${dailyVisitors.linkId}, ${dailyVisitors.visitor}) IN (${selectJson(json, 3)})`,
        );
      for (const r of rows) seen.add(`${r.day}|${r.linkId}|${r.visitor}`);
    }
    return seen;
  }

  return {
    async insertBatch(newClicks) {
      if (newClicks.length === 0) return [];
      // Decide uniques before the batch: D1 batches cannot branch on a statement's result.
      // Concurrent isolates may both count one visitor's first click; the rows stay consistent.
      const humans = newClicks.filter((c) => !c.bot);
      const seen =
        humans.length === 0
          ? new Set<string>()
          : await seenToday(humans.map((c) => ({ day: utcDay(c.clickedAt), linkId: c.linkId, visitor: c.visitor })));
      const firsts = firstOfDay(newClicks, (day, linkId, visitor) => seen.has(`${day}|${linkId}|${visitor}`));
      const batchClicks: Click[] = newClicks.map((c, i) => ({ ...c, firstOfDay: firsts[i]! }));

      const statements: BatchStatement[] = insertJsonRows(db, clicks, batchClicks);
      const firstVisits = batchClicks
        .filter((c) => c.firstOfDay)
        .map((c) => ({ day: utcDay(c.clickedAt), linkId: c.linkId, visitor: c.visitor }));
      for (const insert of insertJsonRows(db, dailyVisitors, firstVisits))
        statements.push(insert.onConflictDoNothing());
      for (const json of jsonParts([...humansPerLink(batchClicks)])) {
        // One UPDATE for every link of the batch: each adds its own human clicks from the JSON.
        const perLink = selectJson(json, ['link_id', 'n']);
        statements.push(
          db
            .update(links)
            .set({
              humanClicks: sql`${links.humanClicks} + (SELECT p.n FROM (${perLink}) AS p WHERE p.link_id = ${links.id})`,
            })
            .where(sql`${links.id} IN (SELECT p.link_id FROM (${perLink}) AS p)`),
        );
      }
      if (options.extraStatements) statements.push(...options.extraStatements(batchClicks));
      await batch(statements);
      return batchClicks;
    },
  };
}
