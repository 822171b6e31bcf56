import { z } from 'zod';
import { SESSION_TTL_MS, type SessionStore } from '../domain/session.js';
import { verifyApiKey, type ApiKeyDeps, type Principal } from './apiKeys.js';
import { parseInput } from './parse.js';
import { randomToken, sha256Hex } from './secret.js';

export type SessionDeps = ApiKeyDeps & { sessions: SessionStore };

/** A session as the HTTP layer needs it: who it is, and the CSRF token to expect. */
export interface ActiveSession {
  principal: Principal;
  csrf: string;
  expiresAt: number;
}

export const signInInput = z.object({ key: z.string().trim().min(1, 'enter an API key').max(200) }).strict();

// 43 alphanumerics ≈ 256 bits: unguessable, and short enough for a cookie.
const TOKEN_LENGTH = 43;
const CSRF_LENGTH = 32;

/**
 * Exchanges a valid API key for a new session. The returned token goes into the cookie
 * and is never stored; expired sessions are swept on the way.
 */
export async function startSession(
  deps: SessionDeps,
  raw: unknown,
): Promise<ActiveSession & { token: string }> {
  const { key } = parseInput(signInInput, raw);
  const principal = await verifyApiKey(deps, key);
  const now = deps.clock();
  await deps.sessions.removeExpired(now);
  const token = randomToken(TOKEN_LENGTH);
  const csrf = randomToken(CSRF_LENGTH);
  const expiresAt = now + SESSION_TTL_MS;
  await deps.sessions.insert({
    tokenHash: await sha256Hex(token),
    apiKeyId: principal.kind === 'key' ? principal.keyId : null,
    csrf,
    createdAt: now,
    expiresAt,
  });
  return { token, principal, csrf, expiresAt };
}

/**
 * The live session a cookie token names; null when it is unknown, expired, or its key
 * was revoked (or, for ADMIN_API_KEY sessions, no admin key is configured any more).
 */
export async function findSession(deps: SessionDeps, token: string | undefined): Promise<ActiveSession | null> {
  if (!token || token.length > 200) return null;
  const session = await deps.sessions.byTokenHash(await sha256Hex(token));
  if (!session || session.expiresAt <= deps.clock()) return null;
  let principal: Principal;
  if (session.apiKeyId === null) {
    if (!deps.adminKeyHash) return null;
    principal = { kind: 'admin' };
  } else {
    if (!session.key || session.key.revokedAt !== null) return null;
    principal = { kind: 'key', keyId: session.apiKeyId, name: session.key.name };
  }
  return { principal, csrf: session.csrf, expiresAt: session.expiresAt };
}

/** Signs out: the token stops working at once, whatever the browser keeps. */
export async function endSession(deps: SessionDeps, token: string | undefined): Promise<void> {
  if (token && token.length <= 200) await deps.sessions.remove(await sha256Hex(token));
}
