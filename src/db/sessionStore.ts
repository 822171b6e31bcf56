import { asc, eq, gt, lte } from 'drizzle-orm';
import type { SessionStore } from '../domain/session.js';
import type { Database } from './database.js';
import { toApiKey } from './apiKeyStore.js';
import { apiKeys, sessions } from './schema.js';

/** The session's key as the session needs it: who it is and what it may do. */
function keyOf(row: typeof apiKeys.$inferSelect | null) {
  if (!row) return null;
  const { name, revokedAt, scopes, campaigns, lastUsedAt } = toApiKey(row);
  return { name, revokedAt, scopes, campaigns, lastUsedAt };
}

/** Dashboard sessions in SQLite (better-sqlite3 or D1): one indexed lookup per request. */
export function createSessionStore(db: Database): SessionStore {
  return {
    async insert(session) {
      await db.insert(sessions).values(session).returning({ tokenHash: sessions.tokenHash });
    },

    async byTokenHash(tokenHash) {
      const [row] = await db
        .select({ session: sessions, key: apiKeys })
        .from(sessions)
        .leftJoin(apiKeys, eq(apiKeys.id, sessions.apiKeyId))
        .where(eq(sessions.tokenHash, tokenHash))
        .limit(1);
      if (!row) return null;
      return { ...row.session, key: keyOf(row.key) };
    },

    async remove(tokenHash) {
      await db.delete(sessions).where(eq(sessions.tokenHash, tokenHash)).returning({ tokenHash: sessions.tokenHash });
    },

    async list(now) {
      const rows = await db
        .select({ session: sessions, key: apiKeys })
        .from(sessions)
        .leftJoin(apiKeys, eq(apiKeys.id, sessions.apiKeyId))
        .where(gt(sessions.expiresAt, now))
        .orderBy(asc(sessions.createdAt));
      return rows.map((row) => ({ ...row.session, key: keyOf(row.key) }));
    },

    async removeAll() {
      const rows = await db.delete(sessions).returning({ tokenHash: sessions.tokenHash });
      return rows.length;
    },

    async removeExpired(now) {
      const rows = await db
        .delete(sessions)
        .where(lte(sessions.expiresAt, now))
        .returning({ tokenHash: sessions.tokenHash });
      return rows.length;
    },
  };
}
