import type { MiddlewareHandler } from 'hono';
import { verifyApiKey, type ApiKeyDeps, type Principal } from '../services/index.js';

export type AuthEnv = { Variables: { principal: Principal } };

/** Requires a Bearer API key on every request it guards. */
export function requireApiKey(deps: ApiKeyDeps): MiddlewareHandler<AuthEnv> {
  return async function requireApiKeyMiddleware(c, next) {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    c.set('principal', await verifyApiKey(deps, match?.[1]));
    await next();
  };
}
