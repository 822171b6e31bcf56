import { eq } from 'drizzle-orm';
import type { LinkVersionReader } from '../domain/index.js';
import type { Database } from './database.js';
import { linksVersion } from './schema.js';

/** The links_version row that triggers on `links` bump (drizzle/0008_links_version.sql). */
export function createLinkVersionReader(db: Database): LinkVersionReader {
  return {
    async current() {
      const row = await db
        .select({ version: linksVersion.version })
        .from(linksVersion)
        .where(eq(linksVersion.id, 1))
        .get();
      return row?.version ?? 0;
    },
  };
}
