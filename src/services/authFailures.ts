import {
  NO_THROTTLE,
  rollWindow,
  windowEstimate,
  type Clock,
  type ThrottleState,
  type ThrottleStore,
} from '../domain/index.js';
import { randomToken } from './secret.js';

/** How hard guessing keys is made. A person mistyping a key never meets these. */
export const AUTH_FAILURE_POLICY = {
  /** Failed authentications per client in a sliding window before it is blocked. */
  limit: 10,
  windowMs: 60_000,
  /** The first block; each failure after a block doubles it. */
  firstBlockMs: 1_000,
  maxBlockMs: 15 * 60_000,
};
export type AuthFailurePolicy = typeof AUTH_FAILURE_POLICY;

export interface AuthFailureDeps {
  store: ThrottleStore;
  clock: Clock;
  log: (message: string) => void;
  policy?: AuthFailurePolicy;
  /**
   * Attempts under way per client in this process. Checked with the stored failures so a burst
   * of parallel guesses cannot all start before the first one is counted. Long-lived (per
   * process or isolate), since the limiter itself may be built per request.
   */
  pending?: Map<string, number>;
  /**
   * Fingerprints of credentials that just worked, with when that stops counting: a client's
   * parallel requests with a key or cookie it already proved are not held to the cap on
   * attempts under way. Long-lived like `pending`.
   */
  recentlyGood?: Map<string, number>;
  /**
   * Key of the client tags that name a client in the store and the log instead of its address.
   * Random per process by default; Workers pass one derived from VISITOR_SECRET so isolates agree.
   */
  tagSecret?: string;
}

export type Admission = { ok: true; settle(failed: boolean): Promise<void> } | { ok: false; retryAfterMs: number };

/**
 * Limits failed authentication (sign-in, Bearer key, session cookie) per client bucket (an
 * address, or an IPv6 /64). Past the limit the client is refused at once for a block that
 * doubles with every failure after it; a block is forgiven one window after it ends.
 */
export function createAuthFailureLimiter(deps: AuthFailureDeps) {
  const policy = deps.policy ?? AUTH_FAILURE_POLICY;
  const pending = deps.pending ?? new Map<string, number>();
  const recentlyGood = deps.recentlyGood ?? new Map<string, number>();
  const isRecentlyGood = (fingerprint: string | null, now: number) => {
    if (fingerprint === null) return false;
    const until = recentlyGood.get(fingerprint);
    if (until !== undefined && until <= now) recentlyGood.delete(fingerprint);
    return until !== undefined && until > now;
  };
  const tagSecret = deps.tagSecret ?? randomToken(32);
  const keyOf = async (bucket: string) => `auth:${await clientTag(bucket, tagSecret)}`;
  const inPenalty = (s: ThrottleState, now: number) => s.strikes > 0 && now < s.blockedUntil + policy.windowMs;

  /** Records one failure: counts it, and blocks the client when it is one too many. */
  async function fail(bucket: string) {
    const now = deps.clock();
    let blockedNow: ThrottleState | null = null;
    const key = await keyOf(bucket);
    await deps.store.update(key, now, (current) => {
      let s = rollWindow(current ?? NO_THROTTLE, now, policy.windowMs);
      if (s.strikes > 0 && !inPenalty(s, now)) s = { ...s, strikes: 0 }; // forgiven
      s = { ...s, count: s.count + 1 };
      if (inPenalty(s, now) || windowEstimate(s, now, policy.windowMs) >= policy.limit) {
        const strikes = s.strikes + 1;
        const block = Math.min(policy.firstBlockMs * 2 ** (strikes - 1), policy.maxBlockMs);
        s = { ...s, strikes, blockedUntil: now + block };
        if (now - s.loggedAt >= policy.windowMs) blockedNow = s = { ...s, loggedAt: now };
      }
      return { state: s, expiresAt: Math.max(s.blockedUntil + policy.windowMs, s.windowStart + 2 * policy.windowMs) };
    });
    if (blockedNow) {
      const s = blockedNow as ThrottleState;
      const failures = Math.round(windowEstimate(s, now, policy.windowMs));
      deps.log(
        `auth: client ${key.slice(5, 13)} blocked for ${Math.ceil((s.blockedUntil - now) / 1000)} s ` +
          `after ${failures} failed attempts in ${policy.windowMs / 1000} s (block ${s.strikes} in a row)`,
      );
    }
    if (Math.random() < 0.01) await deps.store.prune(now);
  }

  function rememberGood(fingerprint: string) {
    recentlyGood.delete(fingerprint);
    recentlyGood.set(fingerprint, deps.clock() + policy.windowMs);
    if (recentlyGood.size > 10_000) recentlyGood.delete(recentlyGood.keys().next().value as string);
  }

  return {
    policy,
    /**
     * Whether the client may try to authenticate now. A refused client gets the time until
     * its block ends; an admitted one must settle the attempt once its outcome is known.
     */
    async admit(bucket: string, fingerprint: string | null = null): Promise<Admission> {
      const now = deps.clock();
      const stored = await deps.store.get(await keyOf(bucket), now);
      const s = rollWindow(stored ?? NO_THROTTLE, now, policy.windowMs);
      if (s.blockedUntil > now) return { ok: false, retryAfterMs: s.blockedUntil - now };
      // A credential that worked a moment ago is no guess: no cap on how many run at once.
      if (isRecentlyGood(fingerprint, now)) {
        return {
          ok: true,
          async settle(failed) {
            if (failed) {
              if (fingerprint !== null) recentlyGood.delete(fingerprint);
              await fail(bucket);
            }
          },
        };
      }
      const underWay = pending.get(bucket) ?? 0;
      // After a block, one attempt at a time; before one, no more at once than the limit has left.
      const room = inPenalty(s, now) ? 1 : policy.limit - windowEstimate(s, now, policy.windowMs);
      if (underWay >= room) return { ok: false, retryAfterMs: 1000 };
      pending.set(bucket, underWay + 1);
      let settled = false;
      return {
        ok: true,
        async settle(failed) {
          if (settled) return;
          settled = true;
          // Counted before it stops being under way, so no admit sees neither.
          try {
            if (failed) await fail(bucket);
            else if (fingerprint !== null) rememberGood(fingerprint);
          } finally {
            const left = (pending.get(bucket) ?? 1) - 1;
            if (left > 0) pending.set(bucket, left);
            else pending.delete(bucket);
          }
        },
      };
    },
  };
}
export type AuthFailureLimiter = ReturnType<typeof createAuthFailureLimiter>;

const tagKeys = new Map<string, Promise<CryptoKey>>();

/** HMAC of the client bucket: the same client, the same tag; the address is never kept or logged. */
async function clientTag(bucket: string, secret: string): Promise<string> {
  let key = tagKeys.get(secret);
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
    ]);
    tagKeys.set(secret, key);
  }
  const mac = await crypto.subtle.sign('HMAC', await key, new TextEncoder().encode(bucket));
  return [...new Uint8Array(mac, 0, 16)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
