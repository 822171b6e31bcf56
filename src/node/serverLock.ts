import Sqlite from 'better-sqlite3';

export class ServerLockError extends Error {}

export interface ServerLock {
  release(): void;
}

/**
 * One server per database file: the server holds an exclusive SQLite lock on a small file
 * beside the database (`<DATABASE_PATH>.server-lock`) for as long as it runs. The operating
 * system drops the lock when the process ends, even by kill -9, so a crash leaves nothing
 * stale; the CLI and other readers never take it. An in-memory database needs none.
 */
export function acquireServerLock(databasePath: string): ServerLock {
  if (databasePath === ':memory:') return { release() {} };
  const path = `${databasePath}.server-lock`;
  const lock = new Sqlite(path, { timeout: 0 });
  try {
    lock.pragma('journal_mode = DELETE');
    lock.exec('BEGIN EXCLUSIVE');
  } catch (err) {
    lock.close();
    if ((err as { code?: string }).code === 'SQLITE_BUSY') {
      throw new ServerLockError(
        `another linkpost server is already running on ${databasePath} (it holds ${path}); stop it first, or give this one its own DATABASE_PATH`,
      );
    }
    throw err;
  }
  return {
    release() {
      if (!lock.open) return;
      lock.exec('ROLLBACK');
      lock.close();
    },
  };
}
