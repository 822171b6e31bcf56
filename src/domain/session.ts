/** A dashboard sign-in as stored: the cookie carries a random token, the store only its hash. */
export interface Session {
  /** Hex SHA-256 of the cookie's token. */
  tokenHash: string;
  /**
   * The stored API key that signed in; null when it was ADMIN_API_KEY. An admin session's
   * tokenHash is an HMAC of the token under the admin key's hash, so it ends when the key changes.
   */
  apiKeyId: number | null;
  /** Token the page must echo in a header on state-changing requests. */
  csrf: string;
  createdAt: number;
  expiresAt: number;
}

/** A session with the key it was opened with, so a revoked key ends its sessions at once. */
export interface SessionWithKey extends Session {
  key: {
    name: string;
    revokedAt: number | null;
    scopes: import('./access.js').Scope[];
    campaigns: string[] | null;
    lastUsedAt: number | null;
  } | null;
}

/** Where sessions live; async so D1 and better-sqlite3 both fit. */
export interface SessionStore {
  insert(session: Session): Promise<void>;
  byTokenHash(tokenHash: string): Promise<SessionWithKey | null>;
  remove(tokenHash: string): Promise<void>;
  /** Deletes sessions that ended at or before `now`; returns how many. */
  removeExpired(now: number): Promise<number>;
  /** Live sessions (not expired at `now`), oldest first, with their keys. */
  list(now: number): Promise<SessionWithKey[]>;
  /** Deletes every session; returns how many. */
  removeAll(): Promise<number>;
}

/** A sign-in lasts 30 days, then the key must be entered again. */
export const SESSION_TTL_MS = 30 * 24 * 60 * 60 * 1000;
