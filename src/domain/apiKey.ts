/** An API key as stored: never the secret itself, only its SHA-256 hash. */
export interface ApiKey {
  id: number;
  name: string;
  prefix: string;
  hash: string;
  createdAt: number;
  revokedAt: number | null;
  scopes: import('./access.js').Scope[];
  /** The campaigns the key is limited to; null means every campaign. */
  campaigns: string[] | null;
  lastUsedAt: number | null;
}

/** lastUsedAt moves at most this often per key, so authenticating stays a read. */
export const LAST_USED_EVERY_MS = 60_000;

export const KEY_PREFIX_LENGTH = 8;

/** Keys look like lp_<8-char prefix>_<secret>; the prefix finds the row, the hash proves it. */
export function keyPrefix(key: string): string | null {
  const m = /^lp_([A-Za-z0-9]{8})_[A-Za-z0-9]{20,}$/.exec(key);
  return m ? m[1]! : null;
}

/** Compares two equal-purpose strings without an early exit, so timing says nothing. */
export function constantTimeEqual(a: string, b: string): boolean {
  const len = Math.max(a.length, b.length);
  let diff = a.length ^ b.length;
  for (let i = 0; i < len; i++) diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}
