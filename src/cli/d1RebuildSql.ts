/**
 * `npm run --silent d1:rebuild-sql [-- --retention-days N] > rebuild.sql`, then
 * `npx wrangler d1 execute DB --remote --file rebuild.sql`: the counters rebuild of D1, where
 * there is no CLI beside the database. It prints the statements `counters rebuild` runs on
 * Node, as SQL; D1 runs a file as one unit. Nothing is read or written here: an in-memory
 * database only builds the statements.
 */
import { pathToFileURL } from 'node:url';
import Sqlite from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { rebuildStatements } from '../db/counterRebuild.js';
import { schema } from '../db/schema.js';
import { rawClicksFrom } from '../domain/index.js';

/** The rebuild as SQL text; with `retentionDays`, counter rows before the raw clicks' window stay. */
export function rebuildSql(now: number, retentionDays: number | null): string {
  const db = drizzle(new Sqlite(':memory:'), { schema });
  const keepBefore = retentionDays === null ? null : rawClicksFrom(now, retentionDays);
  return rebuildStatements(db, keepBefore)
    .map((statement) => {
      const { sql, params } = (statement as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
      // Every value in the rebuild is a constant written into its SQL; a bound one could not be printed safely.
      if (params.length > 0) throw new Error(`a rebuild statement has bound parameters: ${sql}`);
      return `${sql};`;
    })
    .join('\n');
}

function main(argv: string[]) {
  const at = argv.indexOf('--retention-days');
  const days = at === -1 ? null : Number(argv[at + 1]);
  if (days !== null && !(Number.isInteger(days) && days > 0)) {
    process.stderr.write('usage: d1:rebuild-sql [-- --retention-days N], N a whole number of days\n');
    process.exit(2);
  }
  process.stdout.write(`${rebuildSql(Date.now(), days)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main(process.argv.slice(2));
