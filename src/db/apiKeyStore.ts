import { and, asc, count, eq, isNull, lt, or } from 'drizzle-orm';
import { isScope, type ApiKey, type ApiKeyStore } from '../domain/index.js';
import type { Database } from './database.js';
import { apiKeys } from './schema.js';

type Row = typeof apiKeys.$inferSelect;

function parseList(text: string | null): string[] | null {
  if (text === null) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** A row as the domain sees it; unreadable scopes become none, so a damaged row grants nothing. */
export function toApiKey(row: Row): ApiKey {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    hash: row.hash,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    scopes: (parseList(row.scopes) ?? []).filter(isScope),
    campaigns: parseList(row.campaigns),
    lastUsedAt: row.lastUsedAt,
  };
}

export function createApiKeyStore(db: Database): ApiKeyStore {
  return {
    async insert(key) {
      const { scopes, campaigns, ...rest } = key;
      const values = {
        ...rest,
        scopes: JSON.stringify(scopes),
        campaigns: campaigns === null ? null : JSON.stringify(campaigns),
      };
      const [row] = await db.insert(apiKeys).values(values).returning();
      return toApiKey(row!);
    },
    async byPrefix(prefix) {
      const [row] = await db.select().from(apiKeys).where(eq(apiKeys.prefix, prefix)).limit(1);
      return row ? toApiKey(row) : null;
    },
    async list() {
      return (await db.select().from(apiKeys).orderBy(asc(apiKeys.id))).map(toApiKey);
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
    async touch(id, at, staleBefore) {
      await db
        .update(apiKeys)
        .set({ lastUsedAt: at })
        .where(and(eq(apiKeys.id, id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, staleBefore + 1))))
        .returning({ id: apiKeys.id });
    },
  };
}
