import { z } from 'zod';
import {
  constantTimeEqual,
  FULL_ACCESS,
  invalid,
  keyPrefix,
  LAST_USED_EVERY_MS,
  notFound,
  SCOPES,
  unauthorized,
  type Access,
  type ApiKey,
} from '../domain/index.js';
import type { CoreDeps } from './deps.js';
import { storedText } from './linkInput.js';
import { parseInput } from './parse.js';
import { randomToken, sha256Hex } from './secret.js';

export type ApiKeyDeps = Pick<CoreDeps, 'apiKeys' | 'clock' | 'adminKeyHash'>;

/** Who a request acts as, and what it may do: a stored key, or the ADMIN_API_KEY from the settings. */
export type Principal = ({ kind: 'key'; keyId: number; name: string } | { kind: 'admin' }) & { access: Access };

export const createKeyInput = z
  .object({
    name: storedText().trim().min(1).max(100),
    scopes: z.array(z.enum(SCOPES)).min(1, 'give at least one scope').max(SCOPES.length).default(['admin']),
    campaigns: z.array(storedText().trim().min(1).max(200)).min(1).max(50, 'at most 50 campaigns per key').nullish(),
  })
  .strict();

/** A key's access as stored on its row. */
export const accessOf = (key: Pick<ApiKey, 'scopes' | 'campaigns'>): Access => ({
  scopes: key.scopes,
  campaigns: key.campaigns,
});

/** Issues a new key; the returned secret is shown once and only its hash is kept. */
export async function createApiKey(deps: ApiKeyDeps, raw: unknown): Promise<{ key: string; apiKey: ApiKey }> {
  const input = parseInput(createKeyInput, raw);
  const scopes = [...new Set(input.scopes)];
  const campaigns = input.campaigns ? [...new Set(input.campaigns)] : null;
  // An admin manages keys, so a campaign-limited admin could make itself an unlimited key.
  if (campaigns && scopes.includes('admin')) {
    throw invalid('invalid_input', 'campaigns: an admin key sees every campaign; give it other scopes to limit it');
  }
  const prefix = randomToken(8);
  const key = `lp_${prefix}_${randomToken(32)}`;
  const apiKey = await deps.apiKeys.insert({
    name: input.name,
    prefix,
    hash: await sha256Hex(key),
    createdAt: deps.clock(),
    revokedAt: null,
    scopes,
    campaigns,
    lastUsedAt: null,
  });
  return { key, apiKey };
}

/** Checks a presented key; throws 401 unless it is a live stored key or the admin key. */
export async function verifyApiKey(deps: ApiKeyDeps, presented: string | null | undefined): Promise<Principal> {
  if (!presented) throw unauthorized('Send an API key as "Authorization: Bearer <key>"');
  const hash = await sha256Hex(presented);
  if (deps.adminKeyHash && constantTimeEqual(hash, deps.adminKeyHash)) return { kind: 'admin', access: FULL_ACCESS };
  const prefix = keyPrefix(presented);
  const stored = prefix ? await deps.apiKeys.byPrefix(prefix) : null;
  // Compare against a dummy hash when nothing matched, so a miss costs what a hit costs.
  const ok = constantTimeEqual(hash, stored?.hash ?? '0'.repeat(64)) && stored !== null;
  if (!ok || stored.revokedAt !== null) throw unauthorized('The API key is not valid or was revoked');
  await noteKeyUse(deps, stored);
  return { kind: 'key', keyId: stored.id, name: stored.name, access: accessOf(stored) };
}

/** Records that a key was used, when its last record is a minute old or more. */
export async function noteKeyUse(deps: ApiKeyDeps, key: Pick<ApiKey, 'id' | 'lastUsedAt'>): Promise<void> {
  const now = deps.clock();
  if (key.lastUsedAt !== null && now - key.lastUsedAt < LAST_USED_EVERY_MS) return;
  await deps.apiKeys.touch(key.id, now, now - LAST_USED_EVERY_MS);
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
