import { and, eq, lt } from 'drizzle-orm';
import type { VisitorSaltStore } from '../domain/index.js';
import type { SaltSealer } from '../services/saltSeal.js';
import type { Database } from './database.js';
import { dailyVisitors, visitorSalts } from './schema.js';

/** Forgets which visitors were seen on days before `day` (the unique-click index). */
export async function pruneDailyVisitors(db: Database, day: string): Promise<void> {
  await db.delete(dailyVisitors).where(lt(dailyVisitors.day, day));
}

/**
 * Daily salts in the database, sealed (Workers + D1, where isolates share nothing else). Only
 * sealed salts are written: the file, its backups and Time Travel copies hold none in clear.
 */
export function createVisitorSaltStore(db: Database, sealer: SaltSealer): VisitorSaltStore {
  const read = async (day: string) =>
    (await db.select({ salt: visitorSalts.salt }).from(visitorSalts).where(eq(visitorSalts.day, day)))[0]?.salt ?? null;
  return {
    async saltFor(day, candidate, now) {
      // Insert-or-keep, then read back: concurrent writers (Workers isolates) agree on one salt.
      const mine = await sealer.seal(day, candidate);
      await db.insert(visitorSalts).values({ day, salt: mine, createdAt: now }).onConflictDoNothing();
      const stored = (await read(day))!;
      const salt = await sealer.open(day, stored);
      if (salt !== null) return salt;
      // Sealed under an earlier VISITOR_SECRET: the day starts over with a salt we can read.
      await db
        .update(visitorSalts)
        .set({ salt: mine, createdAt: now })
        .where(and(eq(visitorSalts.day, day), eq(visitorSalts.salt, stored)));
      return (await sealer.open(day, (await read(day))!)) ?? candidate;
    },
    async pruneBefore(day) {
      await db.delete(visitorSalts).where(lt(visitorSalts.day, day));
      await pruneDailyVisitors(db, day);
    },
  };
}
