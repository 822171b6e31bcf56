import { z } from 'zod';
import { invalid, notFound } from '../domain/index.js';
import { SESSION_TTL_MS, type SessionStore } from '../domain/session.js';
import { FULL_ACCESS } from '../domain/index.js';
import { accessOf, noteKeyUse, verifyApiKey, type ApiKeyDeps, type Principal } from './apiKeys.js';
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
export async function startSession(deps: SessionDeps, raw: unknown): Promise<ActiveSession & { token: string }> {
  const { key } = parseInput(signInInput, raw);
  const principal = await verifyApiKey(deps, key);
  const now = deps.clock();
  await deps.sessions.removeExpired(now);
  const token = randomToken(TOKEN_LENGTH);
  const csrf = randomToken(CSRF_LENGTH);
  const expiresAt = now + SESSION_TTL_MS;
  await deps.sessions.insert({
    tokenHash: principal.kind === 'admin' ? await adminTokenHash(deps.adminKeyHash!, token) : await sha256Hex(token),
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
  // A key's session is found by the token's hash; an admin one only under today's admin key.
  const session =
    (await deps.sessions.byTokenHash(await sha256Hex(token))) ??
    (deps.adminKeyHash ? await deps.sessions.byTokenHash(await adminTokenHash(deps.adminKeyHash, token)) : null);
  if (!session || session.expiresAt <= deps.clock()) return null;
  let principal: Principal;
  if (session.apiKeyId === null) {
    if (!deps.adminKeyHash || session.tokenHash !== (await adminTokenHash(deps.adminKeyHash, token))) return null;
    principal = { kind: 'admin', access: FULL_ACCESS };
  } else {
    if (!session.key || session.key.revokedAt !== null) return null;
    // The key's scopes and campaigns as they are now: changing them reaches open sessions at once.
    principal = { kind: 'key', keyId: session.apiKeyId, name: session.key.name, access: accessOf(session.key) };
    await noteKeyUse(deps, { id: session.apiKeyId, lastUsedAt: session.key.lastUsedAt });
  }
  return { principal, csrf: session.csrf, expiresAt: session.expiresAt };
}

/** Signs out: the token stops working at once, whatever the browser keeps. */
export async function endSession(deps: SessionDeps, token: string | undefined): Promise<void> {
  if (!token || token.length > 200) return;
  await deps.sessions.remove(await sha256Hex(token));
  if (deps.adminKeyHash) await deps.sessions.remove(await adminTokenHash(deps.adminKeyHash, token));
}

/**
 * An admin session's stored hash: HMAC-SHA-256 of the token under the admin key's hash. A new
 * ADMIN_API_KEY finds none of the old sessions, and the table holds nothing derived from the
 * key alone (guessing the key from it would need the cookie's token too).
 */
async function adminTokenHash(adminKeyHash: string, token: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    'raw',
    new TextEncoder().encode(adminKeyHash),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(token));
  return [...new Uint8Array(mac)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** A session as `sessions list` shows it: an id (the start of its hash, not the token) and whose it is. */
export interface SessionListing {
  id: string;
  principal: string;
  createdAt: number;
  expiresAt: number;
}

/** The id a session is listed and revoked by: 12 hex digits of its stored hash. */
const sessionId = (tokenHash: string) => tokenHash.slice(0, 12);

/** Live sessions; ones whose key was revoked are ended on the way. */
export async function listSessions(deps: SessionDeps): Promise<SessionListing[]> {
  const now = deps.clock();
  await deps.sessions.removeExpired(now);
  const listed: SessionListing[] = [];
  for (const s of await deps.sessions.list(now)) {
    if (s.apiKeyId !== null && (!s.key || s.key.revokedAt !== null)) {
      await deps.sessions.remove(s.tokenHash);
      continue;
    }
    const principal = s.apiKeyId === null ? 'ADMIN_API_KEY' : `key #${s.apiKeyId} "${s.key!.name}"`;
    listed.push({ id: sessionId(s.tokenHash), principal, createdAt: s.createdAt, expiresAt: s.expiresAt });
  }
  return listed;
}

/** Ends one session by its listed id, or all of them; returns how many ended. */
export async function revokeSessions(deps: SessionDeps, which: { id: string } | { all: true }): Promise<number> {
  if ('all' in which) return deps.sessions.removeAll();
  const id = which.id.trim().toLowerCase();
  if (!/^[0-9a-f]{12}$/.test(id))
    throw invalid('invalid_input', 'a session id is the 12 hex digits that sessions list shows');
  const match = (await deps.sessions.list(deps.clock())).filter((s) => sessionId(s.tokenHash) === id);
  if (match.length === 0) throw notFound('session_not_found', `no live session with id ${id}`);
  for (const s of match) await deps.sessions.remove(s.tokenHash);
  return match.length;
}
