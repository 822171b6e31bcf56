import { z } from 'zod';
import {
  constantTimeEqual, keyPrefix, notFound, unauthorized, type ApiKey,
} from '../domain/index.js';
import type { CoreDeps } from './deps.js';
import { storedText } from './linkInput.js';
import { parseInput } from './parse.js';
import { randomToken, sha256Hex } from './secret.js';

export type ApiKeyDeps = Pick<CoreDeps, 'apiKeys' | 'clock' | 'adminKeyHash'>;

/** Who a request acts as: a stored key, or the ADMIN_API_KEY from the settings. */
export type Principal = { kind: 'key'; keyId: number; name: string } | { kind: 'admin' };

const createKeyInput = z.object({ name: storedText().trim().min(1).max(100) }).strict();

/** Issues a new key; the returned secret is shown once and only its hash is kept. */
export async function createApiKey(
  deps: ApiKeyDeps,
  raw: unknown,
): Promise<{ key: string; apiKey: ApiKey }> {
  const { name } = parseInput(createKeyInput, raw);
  const prefix = randomToken(8);
  const key = `lp_${prefix}_${randomToken(32)}`;
  const apiKey = await deps.apiKeys.insert({
    name,
    prefix,
    hash: await sha256Hex(key),
    createdAt: deps.clock(),
    revokedAt: null,
  });
  return { key, apiKey };
}

/** Checks a presented key; throws 401 unless it is a live stored key or the admin key. */
export async function verifyApiKey(deps: ApiKeyDeps, presented: string | null | undefined): Promise<Principal> {
  if (!presented) throw unauthorized('Send an API key as "Authorization: Bearer <key>"');
  const hash = await sha256Hex(presented);
  if (deps.adminKeyHash && constantTimeEqual(hash, deps.adminKeyHash)) return { kind: 'admin' };
  const prefix = keyPrefix(presented);
  const stored = prefix ? await deps.apiKeys.byPrefix(prefix) : null;
  // Compare against a dummy hash when nothing matched, so a miss costs what a hit costs.
  const ok = constantTimeEqual(hash, stored?.hash ?? '0'.repeat(64)) && stored !== null;
  if (!ok || stored.revokedAt !== null) throw unauthorized('The API key is not valid or was revoked');
  return { kind: 'key', keyId: stored.id, name: stored.name };
}

export async function listApiKeys(deps: ApiKeyDeps): Promise<ApiKey[]> {
  return deps.apiKeys.list();
}

export async function revokeApiKey(deps: ApiKeyDeps, id: number): Promise<void> {
  if (!(await deps.apiKeys.revoke(id, deps.clock()))) {
    throw notFound('key_not_found', `no active API key with id ${id}`);
  }
}

/**
 * First start: with no stored key and no ADMIN_API_KEY nobody could sign in,
 * so one key is created and returned for printing once.
 */
export async function ensureFirstKey(deps: ApiKeyDeps): Promise<string | null> {
  if (deps.adminKeyHash || (await deps.apiKeys.countActive()) > 0) return null;
  const { key } = await createApiKey(deps, { name: 'first key' });
  return key;
}
