import { and, inArray, lt, lte, sql } from 'drizzle-orm';
import type { ClickPruner } from '../domain/index.js';
import type { Database } from './database.js';
import { clicks } from './schema.js';

/**
 * Deletes raw clicks for CLICK_RETENTION_DAYS, the same on better-sqlite3 and D1: only clicks
 * already counted (up to counter_progress), so the counters keep every one.
 */
export function createClickPruner(db: Database): ClickPruner {
  return {
    async deleteBefore(before, limit) {
      const counted = sql`(SELECT through_click_id FROM counter_progress WHERE id = 1)`;
      const oldest = db
        .select({ id: clicks.id })
        .from(clicks)
        .where(and(lt(clicks.clickedAt, before), lte(clicks.id, counted)))
        .limit(limit);
      const deleted = await db.delete(clicks).where(inArray(clicks.id, oldest)).returning({ id: clicks.id });
      return deleted.length;
    },
  };
}
