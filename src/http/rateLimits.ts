import type { Context, MiddlewareHandler } from 'hono';
import { addressBucket } from '../domain/index.js';
import type { ApiRateLimiter } from '../services/apiRateLimit.js';
import type { AuthFailureLimiter } from '../services/authFailures.js';
import type { AuthEnv } from './auth.js';
import { getCookie } from 'hono/cookie';
import { sha256Hex } from '../services/secret.js';
import { errorBody } from './errors.js';
import { SESSION_COOKIE } from './session.js';

export interface RateLimitOptions {
  /** The client's address, per runtime (socket, TRUST_PROXY, CF-Connecting-IP). */
  clientAddress(c: Context): string | null;
  /** Failed authentication per client: sign-in, Bearer key, session cookie. */
  authFailures: AuthFailureLimiter;
  /** Requests per minute per key (API_RATE_LIMIT); absent means unlimited. */
  apiRate?: ApiRateLimiter;
}

/** 429 at once, never a held connection: the client learns when to come back. */
function tooMany(c: Context, retryAfterMs: number, code: string, message: string) {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return c.json(errorBody(code, `${message}; try again in ${seconds} s`), 429, {
    'Retry-After': String(seconds),
    'Cache-Control': 'no-store',
  });
}

/**
 * Guards every route that authenticates: a client blocked for failing too often is refused
 * before its credentials are looked at (so a right guess during a block tells it nothing),
 * and every 401 answered to a client counts against it.
 */
export function limitFailedAuth(options: RateLimitOptions): MiddlewareHandler {
  return async function limitFailedAuthMiddleware(c, next) {
    const bucket = addressBucket(options.clientAddress(c));
    const admission = await options.authFailures.admit(bucket, await credentialFingerprint(c));
    if (!admission.ok) {
      return tooMany(
        c,
        admission.retryAfterMs,
        'too_many_failures',
        'Too many failed sign-ins or API keys from your network',
      );
    }
    try {
      await next();
    } finally {
      await admission.settle(authFailed(c));
    }
  };
}

/**
 * Whether the request failed to authenticate: a 401, or a route whose API answers bad keys
 * otherwise (YOURLS says 403 "Please log in") and marks it with markAuthFailed.
 */
const authFailed = (c: Context) => c.res.status === 401 || (c as Context<FailureEnv>).get('authFailed') === true;

type FailureEnv = { Variables: { authFailed?: boolean } };

/** Counts this request as a failed authentication, whatever status its API answers with. */
export function markAuthFailed(c: Context): void {
  (c as Context<FailureEnv>).set('authFailed', true);
}

/** A hash of the credential a request carries (Bearer key, X-Api-Key or session cookie), or null. */
async function credentialFingerprint(c: Context): Promise<string | null> {
  const credential = c.req.header('authorization') ?? c.req.header('x-api-key') ?? getCookie(c, SESSION_COOKIE);
  if (!credential) return null;
  return sha256Hex(credential);
}

/** API_RATE_LIMIT per key, after authentication has said which key it is. */
export function limitPerKey(apiRate: ApiRateLimiter): MiddlewareHandler<AuthEnv> {
  return async function limitPerKeyMiddleware(c, next) {
    const refused = await overKeyRate(c, apiRate, c.get('principal'));
    if (refused) return refused;
    await next();
  };
}

/** The 429 for a key past API_RATE_LIMIT, or null when the request fits (and is counted). */
export async function overKeyRate(
  c: Context,
  apiRate: ApiRateLimiter,
  principal: AuthEnv['Variables']['principal'],
): Promise<Response | null> {
  const waitMs = await apiRate(principal.kind === 'admin' ? 'admin' : `key:${principal.keyId}`);
  return waitMs === null ? null : tooMany(c, waitMs, 'rate_limited', 'This API key made too many requests');
}
