import { Hono } from 'hono';
import { invalid, type ApiKey } from '../../domain/index.js';
import { createApiKey, listApiKeys, revokeApiKey, type ApiKeyDeps } from '../../services/index.js';
import { readJson } from '../body.js';
import type { keyBody } from '../openapi/keyResponses.js';
import type { z } from 'zod';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A key as the API shows it: never its secret or hash, only the prefix that names it. */
export function keyView(k: ApiKey): z.output<typeof keyBody> {
  return {
    id: k.id,
    name: k.name,
    prefix: `lp_${k.prefix}_`,
    scopes: k.scopes,
    campaigns: k.campaigns,
    createdAt: iso(k.createdAt)!,
    lastUsedAt: iso(k.lastUsedAt),
    revokedAt: iso(k.revokedAt),
  };
}

/** /api/keys: issue (the secret shown once), list and revoke keys; admin only (routeScopes.ts). */
export function keyRoutes(deps: ApiKeyDeps) {
  return new Hono()
    .post('/', async (c) => {
      const { key, apiKey } = await createApiKey(deps, await readJson(c));
      return c.json({ ...keyView(apiKey), key }, 201);
    })
    .get('/', async (c) => c.json({ keys: (await listApiKeys(deps)).map(keyView) }))
    .delete('/:id', async (c) => {
      const id = c.req.param('id');
      if (!/^\d{1,15}$/.test(id)) throw invalid('invalid_input', 'id: a key id is a number (see GET /api/keys)');
      await revokeApiKey(deps, Number(id));
      return c.body(null, 204);
    });
}
