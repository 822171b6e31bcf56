import type { MiddlewareHandler } from 'hono';
import { unauthorized } from '../domain/index.js';
import type { SessionStore } from '../domain/session.js';
import { verifyApiKey, type ApiKeyDeps, type Principal } from '../services/index.js';
import { findSession } from '../services/sessions.js';
import { checkCsrf, readSessionToken } from './session.js';

export type AuthEnv = { Variables: { principal: Principal } };

/**
 * Requires a Bearer API key, or the dashboard's session cookie, on every request it guards.
 * A Bearer header wins; cookie requests that change state must also carry the CSRF header.
 */
export function requireApiKey(deps: ApiKeyDeps & { sessions?: SessionStore }): MiddlewareHandler<AuthEnv> {
  return async function requireApiKeyMiddleware(c, next) {
    const token = readSessionToken(c);
    if (c.req.header('authorization') === undefined && token !== undefined && deps.sessions) {
      const session = await findSession({ ...deps, sessions: deps.sessions }, token);
      if (!session) throw unauthorized('Your dashboard session has ended; sign in again');
      checkCsrf(c, session);
      c.set('principal', session.principal);
      return next();
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    c.set('principal', await verifyApiKey(deps, match?.[1]));
    await next();
  };
}
