import {
  msUntilBelow,
  NO_THROTTLE,
  rollWindow,
  windowEstimate,
  type Clock,
  type ThrottleStore,
} from '../domain/index.js';

const MINUTE_MS = 60_000;

/**
 * API_RATE_LIMIT: requests per minute per API key (ADMIN_API_KEY counts as one key), in a
 * sliding window. Returns a function that spends one request for a key and answers null, or
 * the milliseconds to wait when the key is over its limit (refused requests are not counted).
 */
export function createApiRateLimiter(deps: { store: ThrottleStore; clock: Clock; perMinute: number }) {
  return async function spend(keyId: string): Promise<number | null> {
    if (deps.perMinute <= 0) return null;
    const now = deps.clock();
    let waitMs: number | null = null;
    await deps.store.update(`api:${keyId}`, now, (current) => {
      const s = rollWindow(current ?? NO_THROTTLE, now, MINUTE_MS);
      if (windowEstimate(s, now, MINUTE_MS) + 1 > deps.perMinute) {
        // Room for one more once the estimate is at most perMinute − 1.
        waitMs = msUntilBelow(s, now, MINUTE_MS, deps.perMinute - 1 + 1e-6);
        return null;
      }
      return { state: { ...s, count: s.count + 1 }, expiresAt: s.windowStart + 2 * MINUTE_MS };
    });
    return waitMs;
  };
}
export type ApiRateLimiter = ReturnType<typeof createApiRateLimiter>;
