import { and, asc, count, eq, isNull } from 'drizzle-orm';
import type { ApiKeyStore } from '../domain/index.js';
import type { Database } from './database.js';
import { apiKeys } from './schema.js';

export function createApiKeyStore(db: Database): ApiKeyStore {
  return {
    async insert(key) {
      const [row] = await db.insert(apiKeys).values(key).returning();
      return row!;
    },
    async byPrefix(prefix) {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1);
      return row ?? null;
    },
    async list() {
      return db.select().from(apiKeys).orderBy(asc(apiKeys.id));
    },
    async revoke(id, at) {
      const rows = await db
        .update(apiKeys)
        .set({ revokedAt: at })
        .where(and(eq(apiKeys.id, id), isNull(apiKeys.revokedAt)))
        .returning({ id: apiKeys.id });
      return rows.length > 0;
    },
    async countActive() {
      const [row] = await db.select({ n: count() }).from(apiKeys).where(isNull(apiKeys.revokedAt));
      return row?.n ?? 0;
    },
  };
}
