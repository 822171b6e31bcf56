import { linkSync, mkdirSync, readdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pruneDailyVisitors } from '../db/index.js';
import type { VisitorSaltStore } from '../domain/index.js';
import { randomToken } from '../services/secret.js';
import type { NodeDatabase } from './sqlite.js';

const SALT_FILE = /^(\d{4}-\d{2}-\d{2})\.salt$/;

/** The folder of daily salts beside a database file: `<DATABASE_PATH>-salts/`. */
export const saltDirFor = (databasePath: string) => `${databasePath}-salts`;

/**
 * Node keeps the daily visitor salts out of the database: one file per UTC day in a folder
 * beside it (owner-only), deleted with its day. The database, its WAL, its backups and its
 * exports then hold visitor keys nobody can recompute. Every process on the file (server,
 * click thread, CLI) agrees on a day's salt: the first to link its file wins.
 */
export function createNodeSaltStore(database: NodeDatabase): VisitorSaltStore {
  const path = database.sqlite.name;
  if (path === ':memory:' || path === '') return memorySalts(database);
  const dir = saltDirFor(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const read = (day: string) => {
    try {
      return readFileSync(join(dir, `${day}.salt`), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  };
  return {
    async saltFor(day, candidate) {
      const known = read(day);
      if (known) return known;
      // Written whole under a private name, then linked into place: never half a file, one winner.
      const temp = join(dir, `.${day}.${randomToken(8)}.tmp`);
      writeFileSync(temp, candidate, { mode: 0o600 });
      try {
        linkSync(temp, join(dir, `${day}.salt`));
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      } finally {
        unlinkSync(temp);
      }
      return read(day)!;
    },
    async pruneBefore(day) {
      for (const name of readdirSync(dir)) {
        const m = SALT_FILE.exec(name);
        if (m && m[1]! < day) unlinkSync(join(dir, name));
      }
      await pruneDailyVisitors(database.db, day);
    },
  };
}

/** An in-memory database keeps its salts in memory too. */
function memorySalts(database: NodeDatabase): VisitorSaltStore {
  const salts = new Map<string, string>();
  return {
    async saltFor(day, candidate) {
      if (!salts.has(day)) salts.set(day, candidate);
      return salts.get(day)!;
    },
    async pruneBefore(day) {
      for (const d of salts.keys()) if (d < day) salts.delete(d);
      await pruneDailyVisitors(database.db, day);
    },
  };
}
