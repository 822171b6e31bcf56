import { Hono, type Context } from 'hono';
import { AppError } from '../../domain/index.js';
import type { SessionStore } from '../../domain/session.js';
import type { ApiKeyDeps } from '../../services/index.js';
import { endSession, findSession, startSession, type SessionDeps } from '../../services/sessions.js';
import { readJson } from '../body.js';
import { checkCsrf, clearSessionCookie, readSessionToken, sessionView, setSessionCookie } from '../session.js';

export type SessionRouteDeps = ApiKeyDeps & { sessions?: SessionStore; publicUrl: string };

/**
 * /api/session: sign in with an API key (POST), ask whether signed in (GET), sign out
 * (DELETE). Mounted before the API-key guard, since signing in is how one gets past it.
 */
export function sessionRoutes(deps: SessionRouteDeps) {
  const withStore = (): SessionDeps => {
    if (!deps.sessions) {
      throw new AppError('unavailable', 'sessions_unavailable', 'this server has no session store; use an API key');
    }
    return { ...deps, sessions: deps.sessions };
  };
  const noStore = (c: Context) => c.header('Cache-Control', 'no-store');

  return new Hono()
    .post('/', async (c) => {
      noStore(c);
      const session = await startSession(withStore(), await readJson(c));
      setSessionCookie(c, session.token, session.expiresAt, deps.publicUrl);
      return c.json(sessionView(session), 201);
    })
    .get('/', async (c) => {
      noStore(c);
      const token = readSessionToken(c);
      const session = token && deps.sessions ? await findSession(withStore(), token) : null;
      if (session) return c.json(sessionView(session));
      if (token) clearSessionCookie(c, deps.publicUrl);
      return c.json({ signedIn: false as const });
    })
    .delete('/', async (c) => {
      noStore(c);
      const token = readSessionToken(c);
      if (token && deps.sessions) {
        const store = withStore();
        const session = await findSession(store, token);
        if (session) checkCsrf(c, session);
        await endSession(store, token);
      }
      clearSessionCookie(c, deps.publicUrl);
      return c.body(null, 204);
    });
}
