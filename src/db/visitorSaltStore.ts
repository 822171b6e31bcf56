import { eq, lt } from 'drizzle-orm';
import type { VisitorSaltStore } from '../domain/index.js';
import type { Database } from './database.js';
import { dailyVisitors, visitorSalts } from './schema.js';

export function createVisitorSaltStore(db: Database): VisitorSaltStore {
  return {
    async saltFor(day, candidate, now) {
      // Insert-or-keep, then read back: concurrent writers (Workers isolates) agree on one salt.
      await db.insert(visitorSalts).values({ day, salt: candidate, createdAt: now }).onConflictDoNothing();
      const [row] = await db.select({ salt: visitorSalts.salt }).from(visitorSalts).where(eq(visitorSalts.day, day));
      return row!.salt;
    },
    async pruneBefore(day) {
      await db.delete(visitorSalts).where(lt(visitorSalts.day, day));
      await db.delete(dailyVisitors).where(lt(dailyVisitors.day, day));
    },
  };
}
