import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { AppError, constantTimeEqual } from '../domain/index.js';
import type { ActiveSession } from '../services/sessions.js';

/** The dashboard's session cookie: HttpOnly, SameSite=Strict, whole site. */
export const SESSION_COOKIE = 'lp_session';
/** Header carrying the CSRF token on cookie-authenticated POST, PATCH, PUT and DELETE. */
export const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export const readSessionToken = (c: Context): string | undefined => getCookie(c, SESSION_COOKIE);

/** Secure when the request or the public URL is https; plain http on loopback must still work. */
const isSecure = (c: Context, publicUrl: string) =>
  new URL(c.req.url).protocol === 'https:' || publicUrl.startsWith('https:');

export function setSessionCookie(c: Context, token: string, expiresAt: number, publicUrl: string) {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    secure: isSecure(c, publicUrl),
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(c: Context, publicUrl: string) {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Strict', path: '/', secure: isSecure(c, publicUrl) });
}

/**
 * A cookie comes with every same-site request, so a state-changing one must also prove it
 * was sent by our page: it echoes the session's CSRF token in a header no form can set.
 */
export function checkCsrf(c: Context, session: ActiveSession): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const sent = c.req.header(CSRF_HEADER);
  if (!sent || !constantTimeEqual(sent, session.csrf)) {
    throw new AppError(
      'forbidden',
      'csrf_failed',
      `cookie-authenticated ${c.req.method} requests need the session's ${CSRF_HEADER} header`,
    );
  }
}

/** What the dashboard learns about its session; never the cookie token itself. */
export function sessionView(session: ActiveSession) {
  return {
    signedIn: true as const,
    csrfToken: session.csrf,
    expiresAt: new Date(session.expiresAt).toISOString(),
    principal:
      session.principal.kind === 'admin'
        ? { kind: 'admin' as const, name: 'ADMIN_API_KEY' }
        : { kind: 'key' as const, name: session.principal.name },
    // What the dashboard may show: it hides what this key cannot do, and other campaigns.
    scopes: [...session.principal.access.scopes],
    campaigns: session.principal.access.campaigns === null ? null : [...session.principal.access.campaigns],
  };
}
