import type { Clock } from '../domain/index.js';

export type StorageState = 'ok' | 'degraded';

export interface StorageHealth {
  /** A write (or read) failed because of the database itself: full disk, I/O error, lock. */
  failed(): void;
  /** A write went through. */
  succeeded(): void;
  state(): StorageState;
}

/**
 * Whether the database takes writes, as the last attempts saw it: degraded from a failure
 * until a write succeeds, or until `forgetAfterMs` pass without another failure (a server with
 * no traffic has nothing to retry, and a monitor should not page forever on one old failure).
 */
export function createStorageHealth(clock: Clock, forgetAfterMs = 60_000): StorageHealth {
  let failedAt: number | null = null;
  return {
    failed: () => void (failedAt = clock()),
    succeeded: () => void (failedAt = null),
    state() {
      if (failedAt !== null && clock() - failedAt >= forgetAfterMs) failedAt = null;
      return failedAt === null ? 'ok' : 'degraded';
    },
  };
}
